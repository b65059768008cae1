import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { ServerRouter, type AppLoadContext, type EntryContext } from "react-router";
import { i18nFor } from "~/i18n/i18n.server";
import { pageContentSecurityPolicy } from "~/utils/content-security-policy.server";
import { defaultLanguage, isLang, type Lang } from "~/i18n/languages";
import { resolveLanguage } from "~/i18n/language.server";

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
  const i18n = i18nFor(isLang(rootData?.lang) ? rootData.lang : await requestLanguage(request));
  // React Router writes the nonce on its inline scripts (and on Scripts, Links, ScrollRestoration).
  const nonce = loadContext.cspNonce;
  responseHeaders.set(
    "Content-Security-Policy",
    pageContentSecurityPolicy({ nonce, host: new URL(request.url).host, development: import.meta.env.DEV }),
  );
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </I18nextProvider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

function requestLanguage(request: Request): Promise<Lang> {
  return resolveLanguage(request, null).catch(() => defaultLanguage);
}
