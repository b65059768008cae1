import { chromium, type Browser, type Page } from "playwright-core";
import { DEMO_PASSWORD } from "~/seed/demo.server";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's Chromium, headless, with nothing that phones home (the machine has no network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export type SignInOptions = {
  locale: string;
  viewport?: { width: number; height: number };
  /** Collects the page's uncaught errors (and, with `console`, its console errors), each prefixed with the e-mail. */
  errors: string[];
  console?: boolean;
};

/** A new browser context signed in with the demo password, on the home page (/, what awaits them). */
export async function signInPage(browser: Browser, appUrl: string, email: string, options: SignInOptions): Promise<Page> {
  const context = await browser.newContext({ locale: options.locale, viewport: options.viewport, acceptDownloads: true });
  const page = await context.newPage();
  page.on("pageerror", (error) => options.errors.push(`${email}: ${error.message}`));
  if (options.console) {
    page.on("console", (message) => {
      if (message.type() === "error") options.errors.push(`${email}: ${message.text()}`);
    });
  }
  await page.goto(`${appUrl}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('main button[type="submit"]').click();
  await page.waitForURL(`${appUrl}/`);
  return page;
}
