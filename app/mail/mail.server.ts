import nodemailer, { type Transporter } from "nodemailer";
import { config } from "~/config.server";
import { singleton } from "~/utils/singleton.server";

const transport = singleton("mail-transport", () => ({ current: undefined as Transporter | undefined }));

export function isMailConfigured(): boolean {
  return Boolean(config().SMTP_URL);
}

export type Mail = { to: string; subject: string; text: string };

/** Sends one e-mail through SMTP_URL. Callers decide what a failure means to the person waiting. */
export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = config();
  if (!SMTP_URL) throw new Error("SMTP is not configured");
  transport.current ??= nodemailer.createTransport(SMTP_URL);
  await transport.current.sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
}
