// Where e-mail goes: an SMTP server when SMTP_URL is set, else the local outbox (the
// notifications table, which staff read in the console). Transports are cached per URL.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export type MailSettings = { smtpUrl: string | null; from: string };

export type Mailer =
  { transport: "smtp"; from: string; send(message: OutgoingMail): Promise<void> } | { transport: "outbox" };

export type OutgoingMail = {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
};

let configured: MailSettings | undefined;
const transporters = new Map<string, Transporter>();

/** Overrides the environment's mail settings (tests, or a settings page); undefined restores it. */
export function configureMail(settings: MailSettings | undefined): void {
  configured = settings;
}

export function getMailer(): Mailer {
  const { smtpUrl, from } = configured ?? { smtpUrl: env().SMTP_URL ?? null, from: env().MAIL_FROM };
  if (!smtpUrl) return { transport: "outbox" };
  const transporter = transporterFor(smtpUrl);
  return {
    transport: "smtp",
    from,
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? undefined,
        messageId: message.messageId,
      });
    },
  };
}

function transporterFor(url: string): Transporter {
  let transporter = transporters.get(url);
  if (!transporter) {
    // Short timeouts: a hung server should fail this attempt and leave the retry to the queue.
    transporter = nodemailer.createTransport({
      url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    transporters.set(url, transporter);
  }
  return transporter;
}
