import fs from 'node:fs';
import type { AppLoadContext } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '~/auth/demo-accounts.server';
import { hashPassword } from '~/auth/passwords.server';
import { readConfig } from '~/config.server';
import type { DB } from '~/db/db.server';
import { loader as accountLoader } from '~/routes/account._index';
import { action as usersAction, loader as usersLoader } from '~/routes/beheer.gebruikers';
import { loader as mailLoader } from '~/routes/beheer.mail';
import { action as signInAction } from '~/routes/inloggen';
import { prepareDatabase } from '~/server/prepare-database.server';
import { call, getPage, postForm, sessionCookieOf } from '../support/account-requests';
import { testLoadContext } from '../support/load-context';
import { GEO_DIR, GEO_YEAR, tempPath } from '../support/paths';

/** A database prepared the way `npm start` prepares a new one. */
async function preparedDatabase(settings: Record<string, string> = {}) {
  const file = tempPath('roles', '.sqlite');
  const db = await prepareDatabase(readConfig({ DATABASE_PATH: file, GEO_DIR, GEO_YEAR: String(GEO_YEAR), ...settings }), () => {});
  const destroy = async () => {
    await db.destroy();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  };
  return { db, destroy };
}

describe('demo data setting', () => {
  it('creates no demo entries and no demo accounts with DEMO_DATA=false', async () => {
    const { db, destroy } = await preparedDatabase({ DEMO_DATA: 'false' });
    try {
      expect(await db.selectFrom('users').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('entries').select('id').execute()).toEqual([]);
    } finally {
      await destroy();
    }
  });

  it('refuses a DEMO_DATA that is not true or false', () => {
    expect(() => readConfig({ DEMO_DATA: 'nee' })).toThrow(/^Invalid configuration: DEMO_DATA: give true or false$/);
  });
});

describe('roles and permissions through the routes (real SQLite file)', () => {
  let db: DB;
  let destroy: () => Promise<void>;
  let context: AppLoadContext;
  let memberId: string;
  const session: Record<'admin' | 'curator' | 'member', string> = { admin: '', curator: '', member: '' };

  const roleOf = async (id: string) => (await db.selectFrom('users').select('role').where('id', '=', id).executeTakeFirstOrThrow()).role;
  const setRole = (cookie: string, fields: Record<string, string>) =>
    call(usersAction, postForm('/beheer/gebruikers', fields, { cookie }), context);

  beforeAll(async () => {
    ({ db, destroy } = await preparedDatabase());
    context = { ...testLoadContext(db), clientAddress: '192.0.2.70' };
    memberId = 'lid0000000000001';
    await db
      .insertInto('users')
      .values({
        id: memberId,
        email: 'lid@example.nl',
        name: 'Lid',
        password_hash: await hashPassword('wachtwoord van het lid'),
        email_verified_at: new Date().toISOString(),
      })
      .execute();
    const signIn = async (email: string, password: string) =>
      sessionCookieOf((await call(signInAction, postForm('/inloggen', { email, password }), context)).headers);
    const [curator, admin] = DEMO_ACCOUNTS;
    session.curator = await signIn(curator!.email, curator!.password);
    session.admin = await signIn(admin!.email, admin!.password);
    session.member = await signIn('lid@example.nl', 'wachtwoord van het lid');
  });
  afterAll(() => destroy());

  it('seeds a demo curator and a demo admin with a new database', async () => {
    const users = await db
      .selectFrom('users')
      .select(['email', 'role'])
      .where('email', 'like', '%@samenspel.test')
      .orderBy('email')
      .execute();
    expect(users).toEqual([
      { email: 'beheer@samenspel.test', role: 'admin' },
      { email: 'curator@samenspel.test', role: 'curator' },
    ]);
  });

  it('sends a visitor to the sign-in page, and back afterwards', async () => {
    const answer = await call(usersLoader, getPage('/beheer/gebruikers'), context);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toBe('/inloggen?terug=%2Fbeheer%2Fgebruikers');
  });

  it('answers 403 to a member or curator on the admin pages', async () => {
    for (const role of ['member', 'curator'] as const) {
      for (const loader of [usersLoader, mailLoader]) {
        const answer = await call(loader, getPage('/beheer/x', session[role]), context);
        expect(answer.status, role).toBe(403);
        expect(answer.data?.message).toBe('Je hebt geen toestemming voor deze pagina of handeling.');
      }
    }
  });

  it('refuses a member who posts a role change, however the form is filled (no escalation by tampering)', async () => {
    const admin = await db.selectFrom('users').select('id').where('email', '=', 'beheer@samenspel.test').executeTakeFirstOrThrow();
    for (const fields of <Array<Record<string, string>>>[
      { userId: memberId, role: 'admin' },
      { userId: admin.id, role: 'member' },
      { userId: memberId, role: 'admin', permission: 'update:user-role:any' },
    ]) {
      const answer = await setRole(session.member, fields);
      expect(answer.status).toBe(403);
    }
    expect(await roleOf(memberId)).toBe('member');
    expect(await roleOf(admin.id)).toBe('admin');
  });

  it('validates the role an admin sends, and keeps admins from changing their own role', async () => {
    const bad = await setRole(session.admin, { userId: memberId, role: 'superadmin' });
    expect(bad.status).toBe(400);
    expect(bad.data?.message).toBe('Kies een van de bestaande rollen.');
    expect((await setRole(session.admin, { userId: 'bestaatniet', role: 'curator' })).status).toBe(404);

    const admin = await db.selectFrom('users').select('id').where('email', '=', 'beheer@samenspel.test').executeTakeFirstOrThrow();
    const own = await setRole(session.admin, { userId: admin.id, role: 'member' });
    expect(own.status).toBe(400);
    expect(await roleOf(admin.id)).toBe('admin');
    expect(await roleOf(memberId)).toBe('member');
  });

  it('lets an admin give a role, which the member has at the next request', async () => {
    const answer = await setRole(session.admin, { userId: memberId, role: 'gemeente' });
    expect(answer).toMatchObject({ status: 200, data: { ok: true } });
    expect(await roleOf(memberId)).toBe('gemeente');
    const account = await call(accountLoader, getPage('/account', session.member), context);
    expect(account.data).toMatchObject({ user: { role: 'gemeente' }, admin: { mail: false, users: false } });
  });

  it('lists the users and the stored mail for an admin', async () => {
    const users = await call(usersLoader, getPage('/beheer/gebruikers', session.admin), context);
    expect((users.data?.users as Array<{ email: string }>).map((user) => user.email)).toContain('lid@example.nl');
    const mail = await call(mailLoader, getPage('/beheer/mail', session.admin), context);
    expect(mail.data).toMatchObject({ transport: 'outbox' });
  });
});
