import type { AppLoadContext } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { deleteExpiredCredentials, issueToken } from '~/auth/tokens.server';
import { loader as rootLoader } from '~/root';
import { loader as accountLoader } from '~/routes/account._index';
import { action as verifyAction, loader as verifyLoader } from '~/routes/e-mail-bevestigen.$token';
import { action as signInAction } from '~/routes/inloggen';
import { action as signUpAction } from '~/routes/registreren';
import { action as signOutAction } from '~/routes/uitloggen';
import { action as resetAction } from '~/routes/wachtwoord-herstellen.$token';
import { action as forgotAction } from '~/routes/wachtwoord-vergeten';
import { call, getPage, postForm, sessionCookieOf, tokenFromMail, TEST_ORIGIN } from '../support/account-requests';
import { testLoadContext } from '../support/load-context';
import { useTestDatabase } from '../support/test-database';

const database = useTestDatabase();
let context: AppLoadContext;
/** The same services (and so the same rate limits) for every request, from the given client address. */
const from = (clientAddress: string): AppLoadContext => ({ ...context, clientAddress });

const PASSWORD = 'een lange zin als wachtwoord';

/** Signs up and confirms the address through the link in the outbox; returns the user id. */
let accounts = 0;
async function verifiedAccount(email: string, name = 'Testlid'): Promise<string> {
  // Each from its own address, clear of the sign-up limit per address.
  const ip = `192.0.2.${100 + ++accounts}`;
  const signedUp = await call(signUpAction, postForm('/registreren', { name, email, password: PASSWORD, confirm: PASSWORD }), from(ip));
  expect(signedUp.status).toBe(200);
  const token = await tokenFromMail(database.db, email, '/e-mail-bevestigen');
  const verified = await call(verifyAction, postForm(`/e-mail-bevestigen/${token}`, {}), context, { token });
  expect(verified).toMatchObject({ status: 302 });
  expect(verified.headers.get('Location')).toBe('/inloggen?melding=bevestigd');
  const user = await database.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  expect(user.email_verified_at).not.toBeNull();
  return user.id;
}

const signIn = (email: string, password: string, options: { cookie?: string; ip?: string } = {}) =>
  call(signInAction, postForm('/inloggen', { email, password }, { cookie: options.cookie }), from(options.ip ?? '192.0.2.10'));

beforeAll(() => {
  context = testLoadContext(database.db);
});

describe('sign-up, e-mail verification and sign-in (real SQLite file)', () => {
  it('stores the address normalised and the password as an argon2id hash; signs in only after verification', async () => {
    await call(
      signUpAction,
      postForm('/registreren', { name: 'Anna', email: '  Anna@Example.NL ', password: PASSWORD, confirm: PASSWORD }),
      from('192.0.2.2'),
    );
    const user = await database.db.selectFrom('users').selectAll().where('email', '=', 'anna@example.nl').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: 'member', email_verified_at: null });
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const unverified = await signIn('anna@example.nl', PASSWORD);
    expect(unverified.status).toBe(403);
    expect(unverified.data?.message).toMatch(/Bevestig eerst je e-mailadres/);
    expect(unverified.headers.getSetCookie()).toEqual([]);

    const token = await tokenFromMail(database.db, 'anna@example.nl', '/e-mail-bevestigen');
    expect(await call(verifyAction, postForm(`/e-mail-bevestigen/${token}`, {}), context, { token })).toMatchObject({ status: 302 });
    // The link works once.
    const again = await call(verifyAction, postForm(`/e-mail-bevestigen/${token}`, {}), context, { token });
    expect(again.status).toBe(400);

    const signedIn = await signIn('ANNA@example.nl', PASSWORD);
    expect(signedIn.status).toBe(302);
    const cookie = signedIn.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^samenspel_sessie=[a-z0-9]+; /);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // The test context's public URL is http: no Secure flag, or local use could not sign in.
    expect(cookie).not.toMatch(/Secure/);

    const account = await call(accountLoader, getPage('/account', sessionCookieOf(signedIn.headers)), context);
    expect(account.data).toMatchObject({ user: { name: 'Anna', email: 'anna@example.nl', role: 'lid' } });
  });

  it('refuses a verification link older than a day', async () => {
    await call(
      signUpAction,
      postForm('/registreren', { name: 'Oud', email: 'oud@example.nl', password: PASSWORD, confirm: PASSWORD }),
      from('192.0.2.3'),
    );
    const user = await database.db.selectFrom('users').select('id').where('email', '=', 'oud@example.nl').executeTakeFirstOrThrow();
    const token = await issueToken(database.db, 'emailVerification', user.id, new Date(Date.now() - 25 * 60 * 60 * 1000));
    expect((await call(verifyLoader, getPage(`/e-mail-bevestigen/${token}`), context, { token })).data).toEqual({ valid: false });
    const verified = await call(verifyAction, postForm(`/e-mail-bevestigen/${token}`, {}), context, { token });
    expect(verified.status).toBe(400);
    const row = await database.db.selectFrom('users').select('email_verified_at').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.email_verified_at).toBeNull();
    // A fresh link for the same account works, and only the newest one.
    const fresh = await issueToken(database.db, 'emailVerification', user.id);
    expect((await call(verifyLoader, getPage(`/e-mail-bevestigen/${fresh}`), context, { token: fresh })).data).toEqual({ valid: true });
  });

  it('sets a Secure session cookie when the public URL is https', async () => {
    await verifiedAccount('secure@example.nl');
    const httpsContext = { ...testLoadContext(database.db, { settings: { PUBLIC_URL: 'https://samenspel.example.nl' } }) };
    const request = postForm('/inloggen', { email: 'secure@example.nl', password: PASSWORD }, { origin: 'https://samenspel.example.nl' });
    const signedIn = await call(signInAction, request, httpsContext);
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.getSetCookie()[0]).toMatch(/; Secure/);
  });

  it('gives a new session id at every sign-in and ends the session the browser had', async () => {
    await verifiedAccount('bram@example.nl');
    const first = sessionCookieOf((await signIn('bram@example.nl', PASSWORD)).headers);
    const second = sessionCookieOf((await signIn('bram@example.nl', PASSWORD, { cookie: first })).headers);
    expect(second).not.toBe(first);
    const sessionIds = (await database.db.selectFrom('sessions').select('id').execute()).map((row) => row.id);
    expect(sessionIds).toContain(second.split('=')[1]);
    expect(sessionIds).not.toContain(first.split('=')[1]);
    // The old cookie no longer signs anyone in.
    expect(await call(accountLoader, getPage('/account', first), context)).toMatchObject({ status: 302 });
  });

  it('signs out here, or everywhere', async () => {
    const userId = await verifiedAccount('carla@example.nl');
    const laptop = sessionCookieOf((await signIn('carla@example.nl', PASSWORD)).headers);
    const phone = sessionCookieOf((await signIn('carla@example.nl', PASSWORD)).headers);
    const tablet = sessionCookieOf((await signIn('carla@example.nl', PASSWORD)).headers);
    const countSessions = async () =>
      (await database.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length;
    expect(await countSessions()).toBe(3);

    const here = await call(signOutAction, postForm('/uitloggen', { waar: 'hier' }, { cookie: laptop }), context);
    expect(here.status).toBe(302);
    expect(here.headers.getSetCookie()[0]).toMatch(/^samenspel_sessie=; .*Max-Age=0/);
    expect(await countSessions()).toBe(2);

    await call(signOutAction, postForm('/uitloggen', { waar: 'overal' }, { cookie: phone }), context);
    expect(await countSessions()).toBe(0);
    expect(await call(accountLoader, getPage('/account', tablet), context)).toMatchObject({ status: 302 });
  });
});

describe('session renewal', () => {
  const DAY = 24 * 60 * 60;
  const expiryOf = async (id: string) =>
    (await database.db.selectFrom('sessions').select('expires_at').where('id', '=', id).executeTakeFirst())?.expires_at;

  it('renews a session past half its 30 days, with a new cookie; leaves a newer one alone; clears an expired one', async () => {
    await verifiedAccount('lotte@example.nl');
    const cookie = sessionCookieOf((await signIn('lotte@example.nl', PASSWORD)).headers);
    const id = cookie.split('=')[1]!;
    const now = Math.floor(Date.now() / 1000);
    expect(await expiryOf(id)).toBeGreaterThan(now + 29 * DAY);

    const untouched = await call(rootLoader, getPage('/', cookie), context);
    expect(untouched.data).toMatchObject({ user: { name: 'Testlid', role: 'member' } });
    expect(untouched.headers.getSetCookie().filter((value) => value.startsWith('samenspel_sessie='))).toEqual([]);

    await database.db
      .updateTable('sessions')
      .set({ expires_at: now + 10 * DAY })
      .where('id', '=', id)
      .execute();
    const renewed = await call(rootLoader, getPage('/', cookie), context);
    expect(sessionCookieOf(renewed.headers)).toBe(cookie);
    expect(renewed.headers.getSetCookie().find((value) => value.startsWith('samenspel_sessie='))).toMatch(/Max-Age=2592000;/);
    expect(await expiryOf(id)).toBeGreaterThan(now + 29 * DAY);

    await database.db
      .updateTable('sessions')
      .set({ expires_at: now - 1 })
      .where('id', '=', id)
      .execute();
    const expired = await call(rootLoader, getPage('/', cookie), context);
    expect(expired.data).toMatchObject({ user: null });
    expect(expired.headers.getSetCookie().find((value) => value.startsWith('samenspel_sessie='))).toMatch(
      /^samenspel_sessie=; .*Max-Age=0/,
    );
    expect(await expiryOf(id)).toBeUndefined();
  });

  it('ends a session 90 days after sign-in, however recently it was renewed', async () => {
    await verifiedAccount('mees@example.nl');
    const before = Math.floor(Date.now() / 1000);
    const cookie = sessionCookieOf((await signIn('mees@example.nl', PASSWORD)).headers);
    const id = cookie.split('=')[1]!;
    const signedInAt = async () =>
      (await database.db.selectFrom('sessions').select('created_at').where('id', '=', id).executeTakeFirst())?.created_at;
    expect(await signedInAt()).toBeGreaterThanOrEqual(before);
    expect(await signedInAt()).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));

    // Signed in 89 days ago and renewed since: still signed in, and renewal keeps the sign-in time.
    const now = Math.floor(Date.now() / 1000);
    await database.db
      .updateTable('sessions')
      .set({ created_at: now - 89 * DAY, expires_at: now + 10 * DAY })
      .where('id', '=', id)
      .execute();
    const renewed = await call(rootLoader, getPage('/', cookie), context);
    expect(renewed.data).toMatchObject({ user: { name: 'Testlid' } });
    expect(await expiryOf(id)).toBeGreaterThan(now + 29 * DAY);
    expect(await signedInAt()).toBe(now - 89 * DAY);

    await database.db
      .updateTable('sessions')
      .set({ created_at: now - 90 * DAY - 1 })
      .where('id', '=', id)
      .execute();
    const ended = await call(rootLoader, getPage('/', cookie), context);
    expect(ended.data).toMatchObject({ user: null });
    expect(ended.headers.getSetCookie().find((value) => value.startsWith('samenspel_sessie='))).toMatch(/^samenspel_sessie=; .*Max-Age=0/);
    expect(await expiryOf(id)).toBeUndefined();
  });

  it('hands every browser a CSRF token in an HttpOnly cookie, and keeps it', async () => {
    const first = await call(rootLoader, getPage('/'), context);
    const token = first.data?.csrfToken as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.headers.getSetCookie()).toEqual([`samenspel_csrf=${token}; Path=/; HttpOnly; SameSite=Lax`]);
    const again = await call(rootLoader, getPage('/', `samenspel_csrf=${token}`), context);
    expect(again.data?.csrfToken).toBe(token);
    expect(again.headers.getSetCookie()).toEqual([]);
  });
});

describe('rate limits', () => {
  it('blocks the 6th wrong password within a minute, then even the right one, for that account only', async () => {
    await verifiedAccount('dirk@example.nl');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await signIn('dirk@example.nl', `fout wachtwoord ${attempt}`, { ip: '198.51.100.1' });
      expect(wrong.status, `attempt ${attempt}`).toBe(400);
    }
    const sixth = await signIn('dirk@example.nl', 'fout wachtwoord 6', { ip: '198.51.100.2' });
    expect(sixth.status).toBe(429);
    expect(sixth.data?.message).toMatch(/^Te veel pogingen\. Probeer het over \d+ minuten opnieuw\.$/);
    expect(Number(sixth.headers.get('Retry-After'))).toBeGreaterThan(60);
    expect((await signIn('dirk@example.nl', PASSWORD, { ip: '198.51.100.3' })).status).toBe(429);

    await verifiedAccount('els@example.nl');
    expect((await signIn('els@example.nl', PASSWORD, { ip: '198.51.100.1' })).status).toBe(302);
  });

  it('limits failed sign-in attempts per IP address across accounts; successful ones do not count', async () => {
    await verifiedAccount('kees@example.nl');
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await signIn('kees@example.nl', PASSWORD, { ip: '203.0.113.66' })).status).toBe(302);
    const results: number[] = [];
    for (let attempt = 0; attempt < 31; attempt++) {
      results.push((await signIn(`gok${attempt}@example.nl`, 'een gok', { ip: '203.0.113.66' })).status);
    }
    expect(results.slice(0, 30).every((status) => status === 400)).toBe(true);
    expect(results[30]).toBe(429);
  });

  it('limits reset requests per address', async () => {
    const request = () => call(forgotAction, postForm('/wachtwoord-vergeten', { email: 'flood@example.nl' }), from('198.51.100.9'));
    expect([(await request()).status, (await request()).status, (await request()).status, (await request()).status]).toEqual([
      200, 200, 200, 429,
    ]);
  });
});

describe('password reset', () => {
  it('works once, ends every session, and confirms the address', async () => {
    const userId = await verifiedAccount('frank@example.nl');
    const oldSession = sessionCookieOf((await signIn('frank@example.nl', PASSWORD)).headers);
    await call(forgotAction, postForm('/wachtwoord-vergeten', { email: 'frank@example.nl' }), from('192.0.2.30'));
    const token = await tokenFromMail(database.db, 'frank@example.nl', '/wachtwoord-herstellen');

    // Only the hash is stored.
    const stored = await database.db.selectFrom('password_reset_tokens').selectAll().where('user_id', '=', userId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.token_hash).not.toContain(token);

    const newPassword = 'een heel ander lang wachtwoord';
    const reset = () =>
      call(resetAction, postForm(`/wachtwoord-herstellen/${token}`, { password: newPassword, confirm: newPassword }), context, { token });
    const first = await reset();
    expect(first.status).toBe(302);
    expect(first.headers.get('Location')).toBe('/inloggen?melding=wachtwoord-hersteld');
    const second = await reset();
    expect(second.status).toBe(400);
    expect(second.data?.message).toMatch(/verlopen of al gebruikt/);

    expect(await call(accountLoader, getPage('/account', oldSession), context)).toMatchObject({ status: 302 });
    expect((await signIn('frank@example.nl', PASSWORD)).status).toBe(400);
    expect((await signIn('frank@example.nl', newPassword)).status).toBe(302);
  });

  it('refuses an expired token', async () => {
    const userId = await verifiedAccount('gerda@example.nl');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const token = await issueToken(database.db, 'passwordReset', userId, twoHoursAgo);
    const password = 'een nieuw lang wachtwoord';
    const reset = await call(resetAction, postForm(`/wachtwoord-herstellen/${token}`, { password, confirm: password }), context, {
      token,
    });
    expect(reset.status).toBe(400);
    expect((await signIn('gerda@example.nl', PASSWORD)).status).toBe(302);
  });
});

describe('clean-up at start-up', () => {
  it('removes expired tokens and ended sessions and keeps valid ones', async () => {
    const userId = await verifiedAccount('ida@example.nl');
    await issueToken(database.db, 'emailVerification', userId, new Date(Date.now() - 25 * 60 * 60 * 1000));
    await issueToken(database.db, 'passwordReset', userId);
    const now = Math.floor(Date.now() / 1000);
    await database.db
      .insertInto('sessions')
      .values([
        { id: 'verlopen', user_id: userId, expires_at: 1, created_at: 1 },
        // Not expired, but signed in more than 90 days ago.
        { id: 'te-oud', user_id: userId, expires_at: now + 20 * 24 * 60 * 60, created_at: now - 91 * 24 * 60 * 60 },
      ])
      .execute();
    const valid = sessionCookieOf((await signIn('ida@example.nl', PASSWORD)).headers).split('=')[1]!;

    await deleteExpiredCredentials(database.db);
    const of = (table: 'sessions' | 'email_verification_tokens' | 'password_reset_tokens') =>
      database.db.selectFrom(table).select('user_id').where('user_id', '=', userId).execute();
    expect(await of('email_verification_tokens')).toHaveLength(0);
    expect(await of('password_reset_tokens')).toHaveLength(1);
    const sessions = await database.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
    expect(sessions.map((row) => row.id)).toEqual([valid]);
  });
});

describe('no answer reveals whether an address has an account', () => {
  beforeAll(async () => {
    await verifiedAccount('bekend@example.nl');
  });

  /** The answer with the typed address taken out, which each answer repeats. */
  const answer = ({ status, data, headers }: Awaited<ReturnType<typeof call>>, email: string) => ({
    status,
    body: JSON.stringify(data).replaceAll(email, '<adres>'),
    cookies: headers.getSetCookie(),
  });

  it('answers sign-up, reset and a failed sign-in the same for a known and an unknown address', async () => {
    const signUp = (email: string) =>
      call(signUpAction, postForm('/registreren', { name: 'Iemand', email, password: PASSWORD, confirm: PASSWORD }), from('192.0.2.50'));
    const forgot = (email: string) => call(forgotAction, postForm('/wachtwoord-vergeten', { email }), from('192.0.2.51'));
    const wrongPassword = (email: string) => signIn(email, 'niet het wachtwoord', { ip: '192.0.2.52' });

    for (const flow of [signUp, forgot, wrongPassword]) {
      const known = answer(await flow('bekend@example.nl'), 'bekend@example.nl');
      const unknown = answer(await flow('onbekend@example.nl'), 'onbekend@example.nl');
      expect(unknown).toEqual(known);
    }
    // The known address's owner hears of the attempt by mail; no second account was made.
    const accounts = await database.db.selectFrom('users').select('id').where('email', '=', 'bekend@example.nl').execute();
    expect(accounts).toHaveLength(1);
    const mail = await database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'bekend@example.nl').execute();
    expect(mail.map((row) => row.subject)).toContain('Je hebt al een account bij Samenspel');
  });

  it('takes about as long for an unknown address as for a known one (the password is hashed either way)', async () => {
    const time = async (email: string) => {
      const started = performance.now();
      await signIn(email, 'weer niet het wachtwoord', { ip: '192.0.2.53' });
      return performance.now() - started;
    };
    const known = Math.min(await time('bekend@example.nl'), await time('bekend@example.nl'));
    const unknown = Math.min(await time('niemand@example.nl'), await time('niemand@example.nl'));
    // argon2id takes tens of milliseconds; skipping it for unknown addresses would make those answers far faster.
    expect(unknown).toBeGreaterThan(known * 0.4);
    expect(known).toBeGreaterThan(unknown * 0.4);
  });
});

describe('cross-site form posts', () => {
  const signUpFields = { name: 'X', email: 'csrf@example.nl', password: PASSWORD, confirm: PASSWORD };

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['no Origin and no Referer', { origin: null }],
    ['a Referer from another site', { origin: null, referer: 'https://evil.example/form' }],
    ['no CSRF field', { csrf: null }],
    ['a CSRF field that does not match the cookie', { csrf: 'B'.repeat(43) }],
  ] as const)('refuses %s with 403 and a Dutch message', async (_name, options) => {
    const refused = await call(signUpAction, postForm('/registreren', signUpFields, options), from('192.0.2.60'));
    expect(refused.status).toBe(403);
    expect(refused.data?.message).toMatch(/^Dit formulier is geweigerd/);
  });

  it('accepts a same-origin Referer when the browser sent no Origin, and nothing was stored by the refused posts', async () => {
    expect(await database.db.selectFrom('users').select('id').where('email', '=', 'csrf@example.nl').executeTakeFirst()).toBeUndefined();
    const accepted = await call(
      signUpAction,
      postForm('/registreren', signUpFields, { origin: null, referer: `${TEST_ORIGIN}/registreren` }),
      from('192.0.2.61'),
    );
    expect(accepted.status).toBe(200);
  });

  it('protects signing out too', async () => {
    await verifiedAccount('hans@example.nl');
    const session = sessionCookieOf((await signIn('hans@example.nl', PASSWORD)).headers);
    const refused = await call(
      signOutAction,
      postForm('/uitloggen', { waar: 'overal' }, { cookie: session, origin: 'https://evil.example' }),
      context,
    );
    expect(refused.status).toBe(403);
    expect(await call(accountLoader, getPage('/account', session), context)).toMatchObject({ status: 200 });
  });
});
