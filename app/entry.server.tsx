import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { ServerRouter, type AppLoadContext, type EntryContext } from "react-router";
import { i18nFor } from "~/i18n/i18n.server";
import { pageContentSecurityPolicy } from "~/utils/content-security-policy.server";
import { defaultLanguage, isLang } from "~/i18n/languages";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The root loader decided the language (profile, cookie, Accept-Language); render in it.
  const rootData = routerContext.staticHandlerContext.loaderData.root as { lang?: unknown } | undefined;
  const i18n = i18nFor(isLang(rootData?.lang) ? rootData.lang : defaultLanguage);
  // React Router writes the nonce on its inline scripts (and on Scripts, Links, ScrollRestoration).
  const nonce = loadContext.cspNonce;
  responseHeaders.set(
    "Content-Security-Policy",
    pageContentSecurityPolicy({ nonce, host: new URL(request.url).host, development: import.meta.env.DEV }),
  );
  return new Promise((resolve, reject) => {
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
