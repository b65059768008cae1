import { createRequestHandler } from "@react-router/express";
import { randomBytes } from "node:crypto";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import type { ServerBuild } from "react-router";
import { isCrossSiteRequest } from "~/auth/csrf.server";
import { config } from "~/config.server";
import { currentDatabase } from "~/db/db.server";
import { refusalResponse } from "~/files/http.server";
import { MAX_UPLOAD_REQUEST_BYTES } from "~/files/limits";

// Forms and JSON are small; files have their own routes and limits.
export const MAX_FORM_BYTES = 1024 * 1024;
// The one address that takes files (20 MB each, plus the form around them).
const uploadAddress = /^\/projects\/[^/]+\/files(\.data)?\/?$/;

const tooLarge = "Förfrågan är för stor. 请求过大。 The request is too large.";
const notAForm = "Förfrågan måste vara ett formulär. 请求必须是表单。 The request must be a form.";
const crossSite = "Förfrågan kom från en annan webbplats. 请求来自其他网站。 The request came from another site.";

// Nothing in the workspace uses these; a page (or a script injected into one) gets none of them.
const permissionsPolicy = ["camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "midi", "display-capture", "accelerometer", "gyroscope", "magnetometer"]
  .map((feature) => `${feature}=()`)
  .join(", ");

/**
 * Node's HTTP server options. Headers up to 64 KB rather than Node's 16 KB: a search address of
 * 2 000 Chinese characters is 18 KB once percent-encoded, and should be answered, not refused (431).
 */
// Idle connections are kept longer than the proxies and clients in front keep theirs (nginx 60 s,
// undici 4 s), so that a client never sends a request on a connection the server is closing at that
// moment (ECONNRESET); Node's default of 5 s left that race open under load.
export const httpServerOptions = { maxHeaderSize: 64 * 1024, keepAliveTimeout: 65_000, headersTimeout: 66_000 };

export function createApp(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Mounted before the app routes (Vite's dev middleware, or static files of the build). */
  assets?: (app: express.Express) => void;
}) {
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For (the address sign-in limits count) and X-Forwarded-Proto (HTTPS: the Secure
  // cookie, HSTS) are believed only from the proxy TRUST_PROXY names; by default from nobody.
  app.set("trust proxy", config().TRUST_PROXY);
  app.use(compression());
  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Permissions-Policy", permissionsPolicy);
    // Over HTTPS (directly, or as the trusted proxy reports) browsers keep to HTTPS for a year.
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
    // A fresh nonce per response for the page's Content-Security-Policy (app/entry.server.tsx).
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });

  app.get("/healthz", async (_req, res) => {
    let database = "down";
    try {
      await currentDatabase().prisma.$queryRaw`SELECT 1`;
      database = "ok";
    } catch {
      // reported in the answer
    }
    res.status(database === "ok" ? 200 : 503).json({ status: database === "ok" ? "ok" : "degraded", database });
  });

  options.assets?.(app);

  // No page, file or id has a control character in its address, and PostgreSQL refuses NUL in a
  // query (22021): such an address is unknown, answered here for every route at once.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!/%(?:[01][0-9a-f]|7f)/i.test(req.path)) return next();
    req.resume();
    void refuse(req, res, 404, "errors:notFound").catch(next);
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    const own = [`${req.protocol}://${req.get("host")}`];
    const publicUrl = config().PUBLIC_URL;
    if (publicUrl) own.push(new URL(publicUrl).origin);
    if (isCrossSiteRequest(req.method, new Headers(req.headers as Record<string, string>), own)) {
      res.status(403).type("text/plain; charset=utf-8").send(crossSite);
      return;
    }
    const length = Number(req.get("content-length") ?? 0);
    const upload = req.method === "POST" && uploadAddress.test(req.path);
    // Browsers send forms with a length; a chunked body of unknown size is not read at all.
    const unknownLength = req.get("transfer-encoding") !== undefined && req.get("content-length") === undefined;
    if (unknownLength || length > (upload ? MAX_UPLOAD_REQUEST_BYTES : MAX_FORM_BYTES)) {
      req.resume();
      if (upload && !unknownLength) void refuse(req, res, 413, "errors:fileTooLarge", "file").catch(next);
      else res.status(413).type("text/plain; charset=utf-8").send(tooLarge);
      return;
    }
    // Actions read forms only; anything else is refused here rather than failing inside one.
    const type = req.get("content-type") ?? "";
    const hasBody = length > 0 || req.get("transfer-encoding") !== undefined;
    if (hasBody && !/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
      res.status(415).type("text/plain; charset=utf-8").send(notAForm);
      req.resume();
      return;
    }
    next();
  });

  app.all(
    "/{*splat}",
    createRequestHandler({
      build: options.build,
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (req, res) => ({
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: String(res.locals.cspNonce),
      }),
    }),
  );
  return app;
}

/** A refusal made before the app's routes, in the reader's language (JSON for scripts). */
async function refuse(req: Request, res: Response, status: number, key: `errors:${string}`, field?: string) {
  const headers = new Headers();
  for (const name of ["cookie", "accept", "accept-language"]) {
    const value = req.get(name);
    if (value) headers.set(name, value);
  }
  const answer = await refusalResponse(new Request(`http://localhost${req.originalUrl}`, { headers }), status, key, field);
  res.status(status).set(Object.fromEntries(answer.headers)).send(await answer.text());
}

export function staticAssets(buildClientDir: string) {
  return (app: express.Express) => {
    // Fingerprinted files never change; everything else is revalidated.
    app.use("/assets", express.static(`${buildClientDir}/assets`, { immutable: true, maxAge: "1y" }));
    // Other public files (favicon…) have an extension; pages do not, and skip the file lookup.
    const publicFiles = express.static(buildClientDir, { maxAge: "1h", index: false });
    app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) && !req.path.endsWith(".data") ? publicFiles(req, res, next) : next()));
  };
}
