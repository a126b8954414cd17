import type { AppLoadContext } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccounts, DEMO_ACCOUNTS } from '~/auth/demo-accounts.server';
import { hashPassword } from '~/auth/passwords.server';
import { saveEntry } from '~/entries/entries.server';
import { loader as accountLoader } from '~/routes/account._index';
import { loader as exportLoader } from '~/routes/account.gegevens';
import { action as deleteAction, loader as deleteLoader } from '~/routes/account.verwijderen';
import { action as reviewAction, loader as reviewLoader } from '~/routes/beheer.beoordelen';
import { action as signInAction } from '~/routes/inloggen';
import { call, getPage, insertMember, postForm, signIn as signInAs, TEST_PASSWORD } from '../support/account-requests';
import { validInitiative } from '../support/fixtures';
import { testLoadContext } from '../support/load-context';
import { useTestDatabase } from '../support/test-database';

const database = useTestDatabase();
let context: AppLoadContext;
const PASSWORD = TEST_PASSWORD;
const ids = { alice: 'alice00000000000', bob: 'bob0000000000000', dave: 'dave000000000000' };
const entry = { aliceOnly: 0, shared: 0, bobOnly: 0, bobOther: 0 };
const session = { alice: '', aliceOther: '', bob: '', curator: '', admin: '' };

const signIn = (email: string, password = PASSWORD) => signInAs(context, email, password);
const member = (id: string, email: string, name: string) => insertMember(database.db, { id, email, name });

async function published(name: string, owners: string[]): Promise<number> {
  const saved = await saveEntry(database.db, {
    ...validInitiative,
    name,
    email: `${name.split(' ')[0]!.toLowerCase()}@vereniging.example`,
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.fieldErrors));
  await database.db.updateTable('entries').set({ status: 'published' }).where('id', '=', saved.id).execute();
  for (const owner of owners) await database.db.insertInto('entry_owners').values({ entry_id: saved.id, user_id: owner }).execute();
  return saved.id;
}

/** Every row of the tables an account deletion may touch, to prove that a refusal writes nothing. */
async function snapshot() {
  const tables = [
    'users',
    'sessions',
    'entry_owners',
    'entry_revisions',
    'entry_claims',
    'entry_invitations',
    'introductions',
    'match_dismissals',
    'partnership_followups',
    'mail_outbox',
    'entry_handovers',
    'entries',
  ] as const;
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) rows[table] = await database.db.selectFrom(table).selectAll().execute();
  return rows;
}

const downloadAs = async (cookie: string, query = '') => {
  // A visitor's redirect to the sign-in page is thrown, as Remix expects.
  const response = (await exportLoader({ request: getPage(`/account/gegevens${query}`, cookie), params: {}, context }).catch(
    (thrown: unknown) => thrown,
  )) as Response;
  return { response, text: await response.text() };
};

beforeAll(async () => {
  context = testLoadContext(database.db);
  await createDemoAccounts(database.db);
  await member(ids.alice, 'alice@example.nl', 'Alice Aardig');
  await member(ids.bob, 'bob@example.nl', 'Bob Bijzonder');
  await member(ids.dave, 'dave@example.nl', 'Dave');
  session.alice = await signIn('alice@example.nl');
  session.aliceOther = await signIn('alice@example.nl');
  session.bob = await signIn('bob@example.nl');
  session.curator = await signIn(
    DEMO_ACCOUNTS.find((a) => a.role === 'curator')!.email,
    DEMO_ACCOUNTS.find((a) => a.role === 'curator')!.password,
  );
  session.admin = await signIn(
    DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.email,
    DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.password,
  );

  entry.aliceOnly = await published('Alices Buurtkring', [ids.alice]);
  entry.shared = await published('Gedeelde Kring', [ids.alice, ids.bob]);
  entry.bobOnly = await published('Bobs Coalitie', [ids.bob]);
  entry.bobOther = await published('Bobs Tweede', [ids.bob]);

  const db = database.db;
  await db
    .insertInto('entry_revisions')
    .values([
      { author_id: ids.alice, data: JSON.stringify({ name: 'Concept van Alice' }) },
      { author_id: ids.bob, data: JSON.stringify({ name: 'BOB-GEHEIM concept' }) },
    ])
    .execute();
  await db
    .insertInto('entry_claims')
    .values([
      { entry_id: entry.bobOnly, user_id: ids.alice, message: 'Alice beheert dit ook' },
      { entry_id: entry.aliceOnly, user_id: ids.bob, message: 'BOB-GEHEIM claimbericht' },
    ])
    .execute();
  const week = Math.floor(Date.now() / 1000) + 7 * 86400;
  await db
    .insertInto('entry_invitations')
    .values([
      { token_hash: 'a'.repeat(64), entry_id: entry.aliceOnly, email: 'collega@example.nl', invited_by: ids.alice, expires_at: week },
      { token_hash: 'b'.repeat(64), entry_id: entry.bobOnly, email: 'bob-geheim@example.nl', invited_by: ids.bob, expires_at: week },
    ])
    .execute();
  await db
    .insertInto('introductions')
    .values([
      {
        from_entry_id: entry.aliceOnly,
        to_entry_id: entry.bobOnly,
        requested_by: ids.alice,
        message: 'Hallo, zullen we samenwerken?',
        status: 'accepted',
        responded_by: ids.bob,
        responded_at: new Date().toISOString(),
        response_reason: 'Graag!',
      },
      {
        from_entry_id: entry.bobOther,
        to_entry_id: entry.bobOnly,
        requested_by: ids.bob,
        message: 'BOB-GEHEIM introductie',
        status: 'pending',
        responded_by: null,
        responded_at: null,
        response_reason: null,
      },
    ])
    .execute();
  await db
    .insertInto('match_dismissals')
    .values([
      { entry_id: entry.aliceOnly, other_entry_id: entry.bobOther, dismissed_by: ids.alice, reason: 'Te ver weg' },
      { entry_id: entry.bobOnly, other_entry_id: entry.aliceOnly, dismissed_by: ids.bob, reason: 'BOB-GEHEIM reden' },
    ])
    .execute();
  const low = Math.min(entry.aliceOnly, entry.bobOnly);
  const high = Math.max(entry.aliceOnly, entry.bobOnly);
  const partnership = await db
    .insertInto('partnerships')
    .values({ entry_low_id: low, entry_high_id: high })
    .returning('id')
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  await db
    .insertInto('partnership_followups')
    .values([
      { partnership_id: partnership.id, entry_id: entry.aliceOnly, due_at: now, answer: 'ja', answered_at: now, answered_by: ids.alice },
      { partnership_id: partnership.id, entry_id: entry.bobOnly, due_at: now, answer: 'nee', answered_at: now, answered_by: ids.bob },
    ])
    .execute();
  await db
    .insertInto('mail_outbox')
    .values([
      { to_address: 'alice@example.nl', subject: 'Welkom Alice', body: 'Tekst voor Alice' },
      { to_address: 'bob@example.nl', subject: 'BOB-GEHEIM mail', body: 'Tekst voor Bob' },
    ])
    .execute();
});

describe('download mijn gegevens (real SQLite file)', () => {
  it('sends a visitor to sign in', async () => {
    const { response } = await downloadAs('');
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toMatch(/^\/inloggen\?terug=%2Faccount%2Fgegevens/);
  });

  it("holds everything about the member as a dated attachment, and no one else's data", async () => {
    const { response, text } = await downloadAs(session.alice);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="samenspel-gegevens-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const data = JSON.parse(text) as Record<string, unknown> & {
      entries: Array<Record<string, unknown>>;
      sessions: Array<Record<string, unknown>>;
    };

    expect(data.account).toMatchObject({ email: 'alice@example.nl', name: 'Alice Aardig', role: 'member' });
    expect((data.account as { emailVerifiedAt: string | null }).emailVerifiedAt).toBeTruthy();
    expect(data.entries.map((e) => [e.name, e.coOwnerCount])).toEqual([
      ['Alices Buurtkring', 0],
      ['Gedeelde Kring', 1],
    ]);
    expect(data.entries[0]).toMatchObject({ email: 'alices@vereniging.example', coverage: ['GM0268'], topics: expect.any(Array) });
    expect(data.revisions).toEqual([expect.objectContaining({ status: 'draft', data: { name: 'Concept van Alice' } })]);
    expect(data.claims).toEqual([expect.objectContaining({ message: 'Alice beheert dit ook', status: 'pending' })]);
    expect(data.invitationsSent).toEqual([expect.objectContaining({ invitedEmail: 'collega@example.nl' })]);
    expect(data.sessions).toHaveLength(2);
    expect(data.sessions.filter((s) => s.thisDevice)).toHaveLength(1);
    for (const session of data.sessions) {
      // Signed in during this test, expiring 30 days later; the id is not part of it.
      expect(Date.now() - Date.parse(session.signedInAt as string)).toBeLessThan(10 * 60 * 1000);
      expect(Date.parse(session.expiresAt as string) - Date.parse(session.signedInAt as string)).toBeGreaterThan(29 * 24 * 60 * 60 * 1000);
      expect(Object.keys(session).sort()).toEqual(['expiresAt', 'signedInAt', 'thisDevice']);
    }
    expect(data.introductions).toEqual([
      expect.objectContaining({
        message: 'Hallo, zullen we samenwerken?',
        responseReason: 'Graag!',
        requestedByYou: true,
        status: 'accepted',
      }),
    ]);
    expect(data.dismissals).toEqual([
      expect.objectContaining({ entry: 'Alices Buurtkring', dismissed: 'Bobs Tweede', reason: 'Te ver weg' }),
    ]);
    expect(data.followUpAnswers).toEqual([expect.objectContaining({ entry: 'Alices Buurtkring', partner: 'Bobs Coalitie', answer: 'ja' })]);
    expect(data.mail).toEqual([expect.objectContaining({ subject: 'Welkom Alice' })]);

    // Nothing of Bob's, not even the co-owner's address or name, and no secrets of any kind.
    for (const absent of ['BOB-GEHEIM', 'bob@example.nl', 'Bob Bijzonder', 'bob-geheim@example.nl', ids.bob, 'password', '$argon2']) {
      expect(text).not.toContain(absent);
    }
    const sessionIds = await database.db.selectFrom('sessions').select('id').execute();
    for (const { id } of sessionIds) expect(text).not.toContain(id);
  });

  it('ignores every parameter that might point at another member', async () => {
    const own = JSON.parse((await downloadAs(session.alice)).text) as { account: unknown; entries: unknown };
    for (const query of [`?user=${ids.bob}`, `?id=${ids.bob}`, '?email=bob@example.nl', `?userId=${ids.bob}&user_id=${ids.bob}`]) {
      const { response, text } = await downloadAs(session.alice, query);
      expect(response.status).toBe(200);
      expect(text).not.toContain('BOB-GEHEIM');
      expect(text).not.toContain('bob@example.nl');
      expect(JSON.parse(text)).toMatchObject({ account: own.account, entries: own.entries });
    }
  });
});

describe('account verwijderen (real SQLite file)', () => {
  const remove = (cookie: string, fields: Record<string, string>, options: { csrf?: string | null; origin?: string | null } = {}) =>
    call(deleteAction, postForm('/account/verwijderen', fields, { cookie, ...options }), context);

  it('shows which entries would go to the curators', async () => {
    const page = await call(deleteLoader, getPage('/account/verwijderen', session.alice), context);
    expect(page.status).toBe(200);
    expect((page.data as { handOver: Array<{ name: string }> }).handOver.map((e) => e.name)).toEqual(['Alices Buurtkring']);
  });

  it('writes nothing for a wrong or missing password, or without the CSRF token or from another site', async () => {
    const before = await snapshot();
    const wrong = await remove(session.alice, { password: 'niet mijn wachtwoord' });
    expect(wrong.status).toBe(400);
    expect(wrong.data?.errors).toEqual({ password: 'Dit is niet je wachtwoord.' });
    const empty = await remove(session.alice, { password: '' });
    expect(empty.status).toBe(400);
    expect(empty.data?.errors).toEqual({ password: expect.stringMatching(/Vul je wachtwoord in/) });
    expect((await remove(session.alice, { password: PASSWORD }, { csrf: null })).status).toBe(403);
    expect((await remove(session.alice, { password: PASSWORD }, { origin: 'https://evil.example' })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('is rate limited like sign-in: after five wrong passwords even the right one is refused', async () => {
    const dave = await signIn('dave@example.nl');
    for (let attempt = 0; attempt < 5; attempt++) expect((await remove(dave, { password: 'fout wachtwoord' })).status).toBe(400);
    const limited = await remove(dave, { password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(await database.db.selectFrom('users').select('id').where('id', '=', ids.dave).executeTakeFirst()).toBeDefined();
  });

  it('refuses the last admin, in Dutch, and writes nothing', async () => {
    const before = await snapshot();
    const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    const refused = await remove(session.admin, { password: admin.password });
    expect(refused.status).toBe(409);
    expect(refused.data?.message).toMatch(/enige beheerder/);
    expect(await snapshot()).toEqual(before);
  });

  it('hands sole-owned entries to curators, keeps co-owned ones with the other owner, and removes the rest', async () => {
    const result = await remove(session.alice, { password: PASSWORD });
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/account/verwijderd');
    expect(result.headers.getSetCookie().find((c) => c.startsWith('samenspel_sessie='))).toMatch(/^samenspel_sessie=;/);

    const db = database.db;
    expect(await db.selectFrom('users').select('id').where('id', '=', ids.alice).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', ids.alice).execute()).toEqual([]);
    for (const table of ['entry_revisions', 'entry_claims'] as const) {
      const column = table === 'entry_revisions' ? 'author_id' : 'user_id';
      expect(await db.selectFrom(table).select('id').where(column, '=', ids.alice).execute()).toEqual([]);
    }
    expect(await db.selectFrom('entry_invitations').select('email').where('invited_by', '=', ids.alice).execute()).toEqual([]);

    // Both entries stay public; the sole-owned one awaits a new owner, the shared one keeps Bob.
    const entries = await db.selectFrom('entries').select(['id', 'status']).where('id', 'in', [entry.aliceOnly, entry.shared]).execute();
    expect(entries.map((e) => e.status)).toEqual(['published', 'published']);
    expect(await db.selectFrom('entry_owners').select('user_id').where('entry_id', '=', entry.shared).execute()).toEqual([
      { user_id: ids.bob },
    ]);
    expect(await db.selectFrom('entry_owners').select('user_id').where('entry_id', '=', entry.aliceOnly).execute()).toEqual([]);
    expect(await db.selectFrom('entry_handovers').select(['entry_id', 'reason', 'handled_at']).execute()).toEqual([
      { entry_id: entry.aliceOnly, reason: 'account-deleted', handled_at: null },
    ]);

    // History stays without her name.
    const introduction = await db
      .selectFrom('introductions')
      .selectAll()
      .where('from_entry_id', '=', entry.aliceOnly)
      .executeTakeFirstOrThrow();
    expect(introduction).toMatchObject({ requested_by: null, responded_by: ids.bob, message: 'Hallo, zullen we samenwerken?' });
    expect(
      await db.selectFrom('match_dismissals').select('dismissed_by').where('entry_id', '=', entry.aliceOnly).executeTakeFirstOrThrow(),
    ).toEqual({ dismissed_by: null });
    expect(
      await db.selectFrom('partnership_followups').select('answered_by').where('entry_id', '=', entry.aliceOnly).executeTakeFirstOrThrow(),
    ).toEqual({ answered_by: null });

    // Earlier mail to her is gone; the confirmation is the one message left.
    const mail = await db.selectFrom('mail_outbox').select(['subject', 'body']).where('to_address', '=', 'alice@example.nl').execute();
    expect(mail).toEqual([
      { subject: 'Je account bij Samenspel is verwijderd', body: expect.stringMatching(/De vermelding die alleen jij beheerde, blijft/) },
    ]);

    // Bob's data is untouched.
    expect(await db.selectFrom('entry_claims').select('message').where('user_id', '=', ids.bob).execute()).toEqual([
      { message: 'BOB-GEHEIM claimbericht' },
    ]);
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', ids.bob).execute()).toHaveLength(1);
  });

  it('ends every session of the account and the password no longer signs in', async () => {
    for (const cookie of [session.alice, session.aliceOther]) {
      const page = await call(accountLoader, getPage('/account', cookie), context);
      expect(page.status).toBe(302);
      expect(page.headers.get('Location')).toMatch(/^\/inloggen/);
    }
    const again = await call(signInAction, postForm('/inloggen', { email: 'alice@example.nl', password: PASSWORD }), context);
    expect(again.status).toBe(400);
  });

  it('lets the other admin go once there is a second one', async () => {
    await database.db
      .insertInto('users')
      .values({
        id: 'admin2000000000',
        email: 'admin2@example.nl',
        name: 'Tweede beheerder',
        password_hash: await hashPassword(PASSWORD),
        role: 'admin',
      })
      .execute();
    const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    expect((await remove(session.admin, { password: admin.password })).status).toBe(302);
    expect(await database.db.selectFrom('users').select('id').where('email', '=', admin.email).executeTakeFirst()).toBeUndefined();
  });
});

describe('hand-overs on /beheer/beoordelen', () => {
  const mark = (cookie: string, handoverId: number) =>
    call(
      reviewAction,
      postForm('/beheer/beoordelen', { decision: 'handover-handled', handoverId: String(handoverId) }, { cookie }),
      context,
    );

  it('lists entries awaiting a new owner for curators, who mark them handled; members cannot', async () => {
    const page = await call(reviewLoader, getPage('/beheer/beoordelen', session.curator), context);
    const handovers = (page.data as { handovers: Array<{ id: number; name: string }> }).handovers;
    expect(handovers.map((h) => h.name)).toEqual(['Alices Buurtkring']);

    expect((await mark(session.bob, handovers[0]!.id)).status).toBe(403);
    expect((await mark(session.curator, handovers[0]!.id)).status).toBe(200);
    expect((await mark(session.curator, handovers[0]!.id)).status).toBe(409);
    const after = await call(reviewLoader, getPage('/beheer/beoordelen', session.curator), context);
    expect((after.data as { handovers: unknown[] }).handovers).toEqual([]);
    const row = await database.db.selectFrom('entry_handovers').selectAll().executeTakeFirstOrThrow();
    expect(row.handled_at).toBeTruthy();
    expect(row.handled_by).toBeTruthy();
  });
});
