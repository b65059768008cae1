// What the Express server (server/app.ts) hands every loader and action besides the request.
import "react-router";

declare module "react-router" {
  interface AppLoadContext {
    /** The client's address as Express sees it (behind a trusted proxy: X-Forwarded-For). */
    clientAddress: string;
    /** This response's Content-Security-Policy nonce for the inline hydration scripts. */
    cspNonce: string;
  }
}
