// Outgoing email through SMTP (nodemailer). Configured by SMTP_URL (smtp://user:pass@host:port, or smtps://) and
// MAIL_FROM; without SMTP_URL, messages are not sent and the caller is told so (the server logs it).
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
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
  const transport: Transporter = nodemailer.createTransport(config.smtpUrl);
  return {
    configured: true,
    send: async (m) => {
      await transport.sendMail({ from: config.from, to: m.to, subject: m.subject, text: m.text });
    },
    close: () => transport.close(),
  };
}
