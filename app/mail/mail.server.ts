import nodemailer, { type Transporter } from "nodemailer";
import { config } from "~/config.server";
import { singleton } from "~/utils/singleton.server";

const transport = singleton("mail-transport", () => ({ current: undefined as Transporter | undefined }));

export function isMailConfigured(): boolean {
  return Boolean(config().SMTP_URL);
}

const onPublicUrl = (base: string, path: string) => `${base.replace(/\/$/, "")}${path}`;

/** An address an e-mail carries: on PUBLIC_URL (required with SMTP_URL), never on the host a request names. */
export function mailedLink(path: string): string {
  const base = config().PUBLIC_URL;
  if (!base) throw new Error("PUBLIC_URL is not configured");
  return onPublicUrl(base, path);
}

/**
 * An address shown to the person on the page (to copy into a message of their own): on PUBLIC_URL
 * when set, else relative to the page they are on (the browser completes it), never from a Host header.
 */
export function shownLink(path: string): string {
  const base = config().PUBLIC_URL;
  return base ? onPublicUrl(base, path) : path;
}

export type Mail = { to: string; subject: string; text: string };

/** Sends one e-mail through SMTP_URL. Callers decide what a failure means to the person waiting. */
export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = config();
  if (!SMTP_URL) throw new Error("SMTP is not configured");
  transport.current ??= nodemailer.createTransport(SMTP_URL);
  await transport.current.sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
}
