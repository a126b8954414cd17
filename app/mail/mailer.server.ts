import nodemailer from 'nodemailer';
import type { AppConfig } from '~/config.server';
import type { DB } from '~/db/db.server';
import { errorMessage } from '~/utils/error-message';
import type { MailContent } from './templates';

export type MailMessage = MailContent & { to: string };

export type Mailer = {
  /** Where messages go: an SMTP server, or the mail_outbox table (listed for admins at /beheer/mail). */
  readonly transport: 'smtp' | 'outbox';
  /**
   * Hands a message over. Over SMTP the delivery runs in the background and a failure is logged:
   * waiting for the mail server would make "an account exists" answers measurably slower than
   * "no account" ones, and the visitor could not act on the failure anyway.
   */
  send(message: MailMessage): Promise<void>;
};

export function createMailer(config: AppConfig, db: DB, log: (line: string) => void = console.error): Mailer {
  if (config.SMTP_URL) {
    const transporter = nodemailer.createTransport(config.SMTP_URL);
    return {
      transport: 'smtp',
      async send({ to, subject, text }) {
        transporter.sendMail({ from: config.MAIL_FROM, to, subject, text }).catch((error: unknown) => {
          log(`mail: could not send "${subject}": ${errorMessage(error)}`);
        });
      },
    };
  }
  return {
    transport: 'outbox',
    async send({ to, subject, text }) {
      await db.insertInto('mail_outbox').values({ to_address: to, subject, body: text }).execute();
    },
  };
}

export type OutboxMail = { id: number; to: string; subject: string; body: string; createdAt: string };

/** The newest stored messages first. */
export async function listOutbox(db: DB, limit = 100): Promise<OutboxMail[]> {
  const rows = await db.selectFrom('mail_outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, to: row.to_address, subject: row.subject, body: row.body, createdAt: row.created_at }));
}
