// Outgoing email through SMTP (nodemailer). Configured by SMTP_URL (smtp://user:pass@host:port, or smtps://) and
// MAIL_FROM; without SMTP_URL, messages are not sent and the caller is told so (the server logs it).
import type { Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A stable Message-ID (without angle brackets): a message sent twice keeps it, so receivers can de-duplicate. */
  messageId?: string;
  /** Extra headers: List-Unsubscribe, List-Unsubscribe-Post, List-Id, Auto-Submitted. */
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Uint8Array; contentType: string }[];
}

export interface Mailer {
  /** True when messages actually leave the server. */
  readonly configured: boolean;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailConfig {
  smtpUrl: string | null;
  from: string;
}

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  return { smtpUrl, from: env.MAIL_FROM?.trim() || 'Moot <no-reply@localhost>' };
}

export function createMailer(config: MailConfig = mailConfigFromEnv()): Mailer {
  if (!config.smtpUrl) {
    return {
      configured: false,
      send: async () => {
        throw new Error('email is not configured: set SMTP_URL (e.g. smtp://127.0.0.1:25) and MAIL_FROM');
      },
      close: () => undefined,
    };
  }
  if (!/^smtps?:\/\//.test(config.smtpUrl)) throw new Error(`SMTP_URL must start with smtp:// or smtps://, not "${config.smtpUrl.split(':')[0]}:"`);
  // A pool: the outbox sends many messages in a row; one connection per message would be slow. As many connections
  // as the outbox has messages in flight (services/outbox.ts, 10), unless SMTP_URL says otherwise (?maxConnections=N).
  const url = new URL(config.smtpUrl);
  url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', '10');
  // nodemailer is loaded with the first message, not with the server: most processes never send one, and imported at
  // start it was in every server process's memory (issue 17).
  let transport: Promise<Transporter> | null = null;
  const open = () => (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(url.toString())));
  return {
    configured: true,
    send: async (m) => {
      await (await open()).sendMail({
        from: config.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers,
        messageId: m.messageId ? `<${m.messageId}>` : undefined,
        attachments: m.attachments?.map((a) => ({ filename: a.filename, content: Buffer.from(a.content), contentType: a.contentType })),
      });
    },
    close: () => void transport?.then((t) => t.close()),
  };
}
