import nodemailer, { type Transporter } from 'nodemailer';

export interface SmtpSettings {
  host: string;
  port: number;
  secure?: boolean;
  auth?: { user: string; pass: string };
  /** Accept self-signed certificates (a local PEC relay); never for a real provider. */
  allowSelfSigned?: boolean;
}

export interface MailAttachment {
  filename: string;
  path: string;
}

export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  attachments?: MailAttachment[];
  /** Stable id so a provider or an auditor can match the receipt; derived from the job key. */
  messageId: string;
}

export interface DeliveryReport {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

/** Thrown when the SMTP peer refused every recipient (for PEC: no delivery, a business outcome). */
export class RecipientsRejectedError extends Error {
  readonly code = 'RECIPIENTS_REJECTED';
  constructor(readonly rejected: string[], response: string) {
    super(`destinatari rifiutati dal server SMTP: ${rejected.join(', ')} (${response})`);
    this.name = 'RecipientsRejectedError';
  }
}

/** Sends notices over SMTP; PEC is SMTP to the PEC provider, so one transport serves both channels. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(settings: SmtpSettings) {
    this.transport = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure ?? false,
      auth: settings.auth,
      // STARTTLS whenever the server offers it (nodemailer's default once ignoreTLS is off), and with
      // credentials refuse to go on without it: a PEC password never crosses the network in the clear.
      requireTLS: !settings.secure && !!settings.auth,
      tls: settings.allowSelfSigned ? { rejectUnauthorized: false } : undefined,
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 10_000,
    });
  }

  async send(mail: OutgoingMail): Promise<DeliveryReport> {
    try {
      const info = await this.transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        attachments: mail.attachments,
        messageId: mail.messageId,
      });
      return {
        messageId: String(info.messageId),
        accepted: (info.accepted as unknown[]).map(String),
        rejected: (info.rejected as unknown[]).map(String),
        response: String(info.response),
      };
    } catch (error) {
      // nodemailer reports "all recipients were rejected" as EENVELOPE with the rejected list.
      const e = error as { code?: string; rejected?: unknown[]; response?: string };
      if (e.code === 'EENVELOPE' && Array.isArray(e.rejected) && e.rejected.length > 0) {
        throw new RecipientsRejectedError(e.rejected.map(String), String(e.response ?? ''));
      }
      throw error;
    }
  }

  close(): void {
    this.transport.close();
  }
}
