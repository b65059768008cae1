import { Writable } from "node:stream";
import { preinitModule, preloadModule } from "react-dom";
import { renderToPipeableStream } from "react-dom/server";
import lazyChunks from "virtual:lazy-chunks";
import { ServerRouter, type AppLoadContext, type EntryContext } from "react-router";
import { translatorFor } from "~/i18n/i18n.server";
import { TranslationContext } from "~/i18n/use-translation";
import { pageContentSecurityPolicy } from "~/utils/content-security-policy.server";
import { defaultLanguage, isLang, type Lang } from "~/i18n/languages";
import { resolveLanguage } from "~/i18n/language.server";
import { encodePage } from "~/utils/page-encoding.server";

export const streamTimeout = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The root loader decided the language (profile, cookie, Accept-Language); render in it. When
  // that loader failed, the cookie or Accept-Language still say which language the reader reads.
  const rootData = routerContext.staticHandlerContext.loaderData.root as { lang?: unknown } | undefined;
  const lang = isLang(rootData?.lang) ? rootData.lang : await requestLanguage(request);
  const translator = translatorFor(lang);
  // Loaded by dynamic import, but needed at once: the page's translations, the core and its
  // page namespaces (hydration waits for them), and, on a page with live texts, the editor.
  const preloads = notOnPage(routerContext, [
    ...(lazyChunks.chunks[lang] ?? []),
    ...pageNamespaces(routerContext).flatMap((namespace) => lazyChunks.chunks[`${lang}:${namespace}`] ?? []),
    ...(hasLiveText(routerContext) ? [...(lazyChunks.chunks.editor ?? []), ...(lazyChunks.chunks.earlyTexts ?? [])] : []),
  ]);
  // On a page with live texts, the module that asks for them runs by itself, before the page's
  // code has arrived (app/editor/early-texts.ts, decision 034).
  const early = hasLiveText(routerContext) ? lazyChunks.chunks.earlyTexts?.[0] : undefined;
  // React Router writes the nonce on its inline scripts (and on Scripts, Links, ScrollRestoration).
  const nonce = loadContext.cspNonce;
  responseHeaders.set(
    "Content-Security-Policy",
    pageContentSecurityPolicy({ nonce, host: new URL(request.url).host, development: import.meta.env.DEV }),
  );
  return new Promise<Response>((resolve, reject) => {
    // Errors inside the page (a boundary that failed) are logged with the page; an error in its
    // shell rejects, and React Router reports it.
    const errors: unknown[] = [];
    const { pipe, abort } = renderToPipeableStream(
      <TranslationContext value={translator}>
        <Preloads urls={preloads} run={early} nonce={nonce} />
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </TranslationContext>,
      {
        nonce,
        // The whole page, then one answer: every loader has finished before rendering starts and
        // nothing on a page suspends on the server (the editor renders its static text there), so
        // streaming the shell first would only send the same bytes in more, smaller rounds.
        onAllReady() {
          for (const error of errors) console.error(error);
          const chunks: Buffer[] = [];
          const sink = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
          });
          sink.on("finish", () => {
            clearTimeout(timeout);
            const { body, encoding } = encodePage(Buffer.concat(chunks), request.headers.get("accept-encoding"));
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            responseHeaders.append("Vary", "Accept-Encoding");
            if (encoding) responseHeaders.set("Content-Encoding", encoding);
            responseHeaders.set("Content-Length", String(body.byteLength));
            resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
          });
          pipe(sink);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          errors.push(error);
        },
      },
    );
    const timeout = setTimeout(abort, streamTimeout + 1000);
  });
}

function requestLanguage(request: Request): Promise<Lang> {
  return resolveLanguage(request, null).catch(() => defaultLanguage);
}

/** Routes whose page has live texts say so in their handle: `export const handle = { liveText: true }`. */
function hasLiveText(context: EntryContext) {
  return context.staticHandlerContext.matches.some((match) => (context.routeModules[match.route.id]?.handle as { liveText?: boolean } | undefined)?.liveText === true);
}

/** The namespaces the matched routes' modules load (app/i18n/pages/, decision 025). */
function pageNamespaces(context: EntryContext) {
  const found = new Set<string>();
  for (const match of context.staticHandlerContext.matches) {
    const route = context.manifest.routes[match.route.id];
    for (const file of [route?.module, ...(route?.imports ?? [])]) {
      for (const namespace of (file && lazyChunks.pageNamespaces[file]) || []) found.add(namespace);
    }
  }
  return [...found];
}

/** Leaves out what React Router names already (the entry's and the matched routes' modules). */
function notOnPage(context: EntryContext, urls: string[]) {
  const { manifest } = context;
  const named = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (const match of context.staticHandlerContext.matches) {
    const route = manifest.routes[match.route.id];
    if (route?.module) named.add(route.module);
    for (const url of route?.imports ?? []) named.add(url);
  }
  return [...new Set(urls)].filter((url) => !named.has(url));
}

/**
 * <link rel="modulepreload"> in the page's head (React places them there), and the module to `run`
 * as an async module script of its own, which runs as soon as it and its imports have arrived.
 */
function Preloads({ urls, run, nonce }: { urls: string[]; run?: string; nonce?: string }) {
  if (run) preinitModule(run, { as: "script", nonce });
  for (const href of urls) preloadModule(href, { as: "script" });
  return null;
}
