/**
 * The Content-Security-Policy of every page. Scripts: only the app's own files and the inline
 * hydration scripts React Router writes with this response's nonce. Styles allow inline: React's
 * style attributes, ProseMirror and the collaboration carets set style attributes. The editor's
 * websocket (/collab) is on the page's own host.
 */
export function pageContentSecurityPolicy(options: { nonce: string; host: string; development: boolean }): string {
  const { nonce, host, development } = options;
  const directives = [
    "default-src 'self'",
    // In development Vite's hot reload adds inline scripts without a nonce and its own websocket,
    // and zod's probe for eval runs unhindered (the production build turns it off: vite.config.ts).
    development ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    development ? "connect-src 'self' ws: wss:" : `connect-src 'self' ws://${host} wss://${host}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}
