import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '~/config.server';
import { createMailer } from '~/mail/mailer.server';
import { mailTemplates } from '~/mail/templates';
import { action as forgotAction } from '~/routes/wachtwoord-vergeten';
import { hashPassword } from '~/auth/passwords.server';
import { call, postForm } from '../support/account-requests';
import { testLoadContext } from '../support/load-context';
import { mailText, startSmtpSink } from '../support/smtp-sink';
import { useTestDatabase } from '../support/test-database';

const database = useTestDatabase();
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink?.stop());

async function waitForMail(count: number) {
  const deadline = Date.now() + 10_000;
  while (sink.received.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(sink.received).toHaveLength(count);
}

describe('mail over SMTP (SMTP_URL set; a real SMTP conversation on loopback)', () => {
  it('sends plain Dutch text with the link, from MAIL_FROM, and stores nothing in the outbox', async () => {
    const config = readConfig({ SMTP_URL: sink.url, MAIL_FROM: 'Samenspel <noreply@samenspel.example.nl>' });
    const mailer = createMailer(config, database.db);
    expect(mailer.transport).toBe('smtp');
    const link = 'https://samenspel.example.nl/wachtwoord-herstellen/abc';
    await mailer.send({ to: 'lid@example.nl', ...mailTemplates.resetPassword({ name: 'Lid', link }) });
    await waitForMail(1);
    const [mail] = sink.received;
    expect(mail).toMatchObject({ from: 'noreply@samenspel.example.nl', to: ['lid@example.nl'] });
    expect(mail!.data).toMatch(/^Subject: Nieuw wachtwoord voor Samenspel$/m);
    expect(mail!.data).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(mailText(mail!)).toContain(`via deze link:\r\n\r\n${link}\r\n\r\nDe link is een uur geldig en werkt één keer.`);
    expect(await database.db.selectFrom('mail_outbox').selectAll().execute()).toEqual([]);
  });

  it('builds the links in account mail from the public URL, whatever host the request named', async () => {
    await database.db
      .insertInto('users')
      .values({ id: 'smtplid000000001', email: 'smtp@example.nl', name: 'Smtp', password_hash: await hashPassword('x'.repeat(12)) })
      .execute();
    const context = testLoadContext(database.db, { settings: { SMTP_URL: sink.url, PUBLIC_URL: 'https://samenspel.example.nl' } });
    const request = postForm('/wachtwoord-vergeten', { email: 'smtp@example.nl' }, { origin: 'https://samenspel.example.nl' });
    expect((await call(forgotAction, request, { ...context, clientAddress: '192.0.2.90' })).status).toBe(200);
    await waitForMail(2);
    expect(mailText(sink.received[1]!)).toMatch(/https:\/\/samenspel\.example\.nl\/wachtwoord-herstellen\/[A-Za-z0-9_-]{43}/);
  });

  it('logs a failed delivery instead of failing the request', async () => {
    const lines: string[] = [];
    const mailer = createMailer(readConfig({ SMTP_URL: 'smtp://127.0.0.1:9' }), database.db, (line) => lines.push(line));
    await mailer.send({ to: 'lid@example.nl', subject: 'Test', text: 'Hallo' });
    const deadline = Date.now() + 10_000;
    while (lines.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(lines[0]).toMatch(/^mail: could not send "Test": /);
  });
});
