import { DEMO_PASSWORD } from "~/seed/demo.server";

type Body = Record<string, string | string[]> | URLSearchParams | FormData | string;

/** A minimal browser for HTTP tests: keeps cookies, sends Origin on posts as browsers do. */
export class TestClient {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  cookie(name: string) {
    return this.cookies.get(name);
  }

  async request(pathname: string, init: { method?: string; body?: Body; headers?: Record<string, string> } = {}) {
    const method = init.method ?? (init.body === undefined ? "GET" : "POST");
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader());
    if (method !== "GET" && !headers.has("origin")) headers.set("origin", this.baseUrl);
    let body: BodyInit | undefined;
    if (init.body instanceof URLSearchParams || init.body instanceof FormData || typeof init.body === "string") {
      body = init.body;
    } else if (init.body) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(init.body)) {
        for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
      }
      body = params;
    }
    const response = await fetch(new URL(pathname, this.baseUrl), { method, headers, body, redirect: "manual" });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = ""] = setCookie.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === "" || /max-age=0/i.test(setCookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** The Cookie header this client sends. */
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get(pathname: string, headers?: Record<string, string>) {
    return this.request(pathname, { headers });
  }

  post(pathname: string, body: Body, headers?: Record<string, string>) {
    return this.request(pathname, { method: "POST", body, headers });
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    const response = await this.post("/login", { email, password });
    if (response.status !== 302) throw new Error(`Sign-in of ${email} failed with ${response.status}`);
    return response;
  }
}

export async function signedIn(baseUrl: string, email: string) {
  const client = new TestClient(baseUrl);
  await client.signIn(email);
  return client;
}
