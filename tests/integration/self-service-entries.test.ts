import type { AppLoadContext } from '@remix-run/node';
import type { Database } from '../../db/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccounts, DEMO_ACCOUNTS } from '~/auth/demo-accounts.server';
import { loader as myEntriesLoader } from '~/routes/account.vermeldingen';
import { action as reviewAction, loader as reviewLoader } from '~/routes/beheer.beoordelen';
import { action as confirmAction } from '~/routes/vermelding.$slug.actueel';
import { action as claimAction, loader as claimLoader } from '~/routes/vermelding.$slug.claimen';
import { action as editAction } from '~/routes/vermelding.$slug.bewerken';
import { action as inviteAction } from '~/routes/vermelding.$slug.uitnodigen';
import { action as acceptAction } from '~/routes/vermelding.uitnodiging.$token';
import { action as stepAction, loader as stepLoader } from '~/routes/vermelding.concept.$id.$stap';
import { action as newAction, loader as newLoader } from '~/routes/vermelding.nieuw';
import { call, getPage, insertMember, postForm, signIn, tokenFromMail } from '../support/account-requests';
import { testLoadContext } from '../support/load-context';
import { countRows, useTestDatabase } from '../support/test-database';

const database = useTestDatabase();
let context: AppLoadContext;
const session = { alice: '', bob: '', curator: '' };
const SCRIPT = '<script>alert(1)</script><img src=x onerror=alert(2)>';

const counts = async () => {
  const count = (table: keyof Database) => countRows(database.db, table);
  return {
    entries: await count('entries'),
    revisions: await count('entry_revisions'),
    owners: await count('entry_owners'),
    outbox: await count('search_outbox'),
  };
};
const revisionRow = (id: number) => database.db.selectFrom('entry_revisions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const step = (
  cookie: string,
  id: number,
  stap: string,
  fields: Record<string, string> | URLSearchParams,
  options: { origin?: string | null } = {},
) => {
  const request = postForm(`/vermelding/concept/${id}/${stap}`, {}, { cookie, ...options });
  return (async () => {
    const body = new URLSearchParams(await request.text());
    for (const [key, value] of new URLSearchParams(fields)) body.append(key, value);
    return call(stepAction, new Request(request.url, { method: 'POST', headers: request.headers, body }), context, {
      id: String(id),
      stap,
    });
  })();
};

const BASICS = {
  kind: 'initiatief',
  name: `Buurtkracht ${SCRIPT}`,
  summary: `Samen koken en eten voor ouderen. ${SCRIPT}`,
  description: SCRIPT,
  foundingYear: '2019',
  website: 'https://buurtkracht.example',
  email: '',
  phone: '',
};

async function member(email: string, name: string) {
  await insertMember(database.db, { id: `${name.toLowerCase()}000000000000`.slice(0, 16), email, name });
  return signIn(context, email);
}

/** Alice's draft through every step; returns its id. */
async function fullDraft(): Promise<number> {
  const created = await call(newAction, postForm('/vermelding/nieuw', BASICS, { cookie: session.alice }), context);
  expect(created.status).toBe(302);
  const id = Number(/\/vermelding\/concept\/(\d+)\/locatie$/.exec(created.headers.get('Location')!)![1]);
  expect((await step(session.alice, id, 'locatie', { zoek: '6511', place: '' })).headers.get('Location')).toBe(
    `/vermelding/concept/${id}/onderwerpen`,
  );
  const topics = new URLSearchParams([
    ['topicsPresent', '1'],
    ['topics', 'MEE-4'],
  ]);
  expect((await step(session.alice, id, 'onderwerpen', topics)).status).toBe(302);
  expect(
    (
      await step(
        session.alice,
        id,
        'behoeften',
        new URLSearchParams([
          ['needs', 'vrijwilligers'],
          ['offers', 'netwerk'],
        ]),
      )
    ).status,
  ).toBe(302);
  const partners = new URLSearchParams([
    ['partnerName', `Wijkteam ${SCRIPT}`],
    ['partnerDomain', 'welzijn'],
    ['partnerName', ''],
    ['partnerDomain', 'overig'],
  ]);
  expect((await step(session.alice, id, 'partners', partners)).status).toBe(302);
  const organisation = new URLSearchParams([
    ['phase', 'vormgeven'],
    ['fundingSources', 'Gemeente Nijmegen\nFonds'],
    ['onBoard', 'gemeente'],
    ['contactRole', SCRIPT],
  ]);
  expect((await step(session.alice, id, 'organisatie', organisation)).headers.get('Location')).toBe(`/vermelding/concept/${id}/indienen`);
  return id;
}

/** Alice's draft through every step, submitted and approved by the curator; returns the version's id. */
async function approvedDraft(): Promise<number> {
  const id = await fullDraft();
  await step(session.alice, id, 'indienen', {});
  const approved = await call(
    reviewAction,
    postForm('/beheer/beoordelen', { decision: 'approve', revisionId: String(id) }, { cookie: session.curator }),
    context,
  );
  expect(approved.status).toBeLessThan(400);
  return id;
}

beforeAll(async () => {
  context = testLoadContext(database.db);
  await createDemoAccounts(database.db);
  const curator = DEMO_ACCOUNTS.find((a) => a.role === 'curator')!;
  session.curator = await signIn(context, curator.email, curator.password);
  session.alice = await member('alice@example.nl', 'Alice');
  session.bob = await member('bob@example.nl', 'Bob');
});

describe('self-service entries: drafts, review and who may do what (real SQLite file)', () => {
  it('sends a visitor to sign in', async () => {
    const page = await call(newLoader, getPage('/vermelding/nieuw'), context);
    expect(page.status).toBe(302);
    expect(page.headers.get('Location')).toMatch(/^\/inloggen\?terug=/);
    const post = await call(newAction, postForm('/vermelding/nieuw', BASICS), context);
    expect(post.status).toBe(302);
    expect(post.headers.get('Location')).toMatch(/^\/inloggen/);
  });

  it('writes nothing for invalid input, and answers per field in Dutch', async () => {
    const before = await counts();
    const invalid = await call(
      newAction,
      postForm('/vermelding/nieuw', { ...BASICS, name: 'x', website: 'javascript:alert(1)' }, { cookie: session.alice }),
      context,
    );
    expect(invalid.status).toBe(400);
    expect(invalid.data?.errors).toMatchObject({
      name: expect.stringMatching(/minstens 3 tekens/),
      website: expect.stringMatching(/geldig webadres/),
    });
    expect(await counts()).toEqual(before);

    const id = await fullDraft();
    const saved = await revisionRow(id);
    const noTopics = await step(session.alice, id, 'onderwerpen', { topicsPresent: '1' });
    expect(noTopics.status).toBe(400);
    expect(noTopics.data?.errors).toMatchObject({ topics: expect.stringMatching(/minstens één onderwerp/) });
    const badYear = await step(session.alice, id, 'basis', { ...BASICS, foundingYear: '2999' });
    expect(badYear.status).toBe(400);
    const unknownPlace = await step(session.alice, id, 'locatie', { zoek: 'Nergenshuizen-aan-Zee' });
    expect(unknownPlace.status).toBe(400);
    expect(await revisionRow(id)).toEqual(saved);
  });

  it('refuses cross-site posts and writes nothing', async () => {
    const before = await counts();
    const crossSite = await call(
      newAction,
      postForm('/vermelding/nieuw', BASICS, { cookie: session.alice, origin: 'https://evil.example' }),
      context,
    );
    expect(crossSite.status).toBe(403);
    const noToken = await call(newAction, postForm('/vermelding/nieuw', BASICS, { cookie: session.alice, csrf: null }), context);
    expect(noToken.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("lets no member read, edit, submit or delete another member's draft, nor publish anything", async () => {
    const id = await fullDraft();
    const saved = await revisionRow(id);
    expect(
      (await call(stepLoader, getPage(`/vermelding/concept/${id}/basis`, session.bob), context, { id: String(id), stap: 'basis' })).status,
    ).toBe(403);
    expect((await step(session.bob, id, 'basis', { ...BASICS, name: 'Overgenomen door Bob' })).status).toBe(403);
    expect((await step(session.bob, id, 'indienen', {})).status).toBe(403);
    expect((await step(session.bob, id, 'indienen', { intent: 'delete' })).status).toBe(403);
    expect(await revisionRow(id)).toEqual(saved);

    // Neither the author nor anyone else publishes through the curator's route.
    for (const cookie of [session.alice, session.bob]) {
      expect(
        (await call(reviewAction, postForm('/beheer/beoordelen', { decision: 'approve', revisionId: String(id) }, { cookie }), context))
          .status,
      ).toBe(403);
      expect((await call(reviewLoader, getPage('/beheer/beoordelen', cookie), context)).status).toBe(403);
    }
    expect(await revisionRow(id)).toEqual(saved);
  });

  it('ignores a tampered status field: a submitted entry is published only by a curator', async () => {
    const id = await fullDraft();
    const before = await counts();
    expect((await step(session.alice, id, 'basis', { ...BASICS, status: 'published' })).status).toBe(302);
    const submitted = await step(session.alice, id, 'indienen', { status: 'published' });
    expect(submitted.headers.get('Location')).toBe('/account/vermeldingen?ingediend=1');
    expect(await revisionRow(id)).toMatchObject({ status: 'submitted', entry_id: null });
    expect(JSON.parse((await revisionRow(id)).data)).not.toHaveProperty('status');
    expect(await counts()).toEqual(before);
    // A submitted version is locked for its author too.
    expect((await step(session.alice, id, 'basis', BASICS)).status).toBe(409);
  });

  it('publishes on approval: entry, owner and search-outbox row together; the author is mailed', async () => {
    const id = await fullDraft();
    await step(session.alice, id, 'indienen', {});
    const listed = await call(reviewLoader, getPage('/beheer/beoordelen', session.curator), context);
    expect((listed.data?.submitted as Array<{ id: number }>).map((item) => item.id)).toContain(id);
    const before = await counts();
    const approved = await call(
      reviewAction,
      postForm('/beheer/beoordelen', { decision: 'approve', revisionId: String(id) }, { cookie: session.curator }),
      context,
    );
    expect(approved.status).toBe(200);
    const revision = await revisionRow(id);
    expect(revision).toMatchObject({ status: 'approved', reviewed_by: expect.any(String) });
    const entry = await database.db.selectFrom('entries').selectAll().where('id', '=', revision.entry_id!).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ status: 'published', name: BASICS.name, place: expect.stringMatching(/6511/) });
    expect(await counts()).toEqual({ ...before, entries: before.entries + 1, owners: before.owners + 1, outbox: before.outbox + 1 });
    const coverage = await database.db.selectFrom('entry_coverage').select('gemeente_code').where('entry_id', '=', entry.id).execute();
    expect(coverage).toEqual([{ gemeente_code: 'GM0268' }]);
    const mail = await database.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'alice@example.nl')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.body).toContain(`/entries/${entry.slug}`);

    // Bob cannot start editing Alice's entry; Alice can, and the published entry stays until approval.
    expect(
      (await call(editAction, postForm(`/vermelding/${entry.slug}/bewerken`, {}, { cookie: session.bob }), context, { slug: entry.slug }))
        .status,
    ).toBe(403);
    const edit = await call(editAction, postForm(`/vermelding/${entry.slug}/bewerken`, {}, { cookie: session.alice }), context, {
      slug: entry.slug,
    });
    expect(edit.status).toBe(302);
    const editId = Number(/concept\/(\d+)\//.exec(edit.headers.get('Location')!)![1]);
    expect(editId).not.toBe(id);
    await step(session.alice, editId, 'basis', { ...BASICS, name: 'Buurtkracht Nijmegen' });
    await step(session.alice, editId, 'indienen', {});
    const stillPublished = await database.db
      .selectFrom('entries')
      .select(['name', 'status'])
      .where('id', '=', entry.id)
      .executeTakeFirstOrThrow();
    expect(stillPublished).toEqual({ name: BASICS.name, status: 'published' });

    // Rejection with a reason: mailed, and shown in the member's overview.
    const missingReason = await call(
      reviewAction,
      postForm('/beheer/beoordelen', { decision: 'reject', revisionId: String(editId) }, { cookie: session.curator }),
      context,
    );
    expect(missingReason.status).toBe(400);
    const rejected = await call(
      reviewAction,
      postForm(
        '/beheer/beoordelen',
        { decision: 'reject', revisionId: String(editId), reason: 'Graag de naam zonder plaatsnaam.' },
        { cookie: session.curator },
      ),
      context,
    );
    expect(rejected.status).toBe(200);
    const rejection = await database.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'alice@example.nl')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(rejection.body).toContain('Graag de naam zonder plaatsnaam.');
    const mine = await call(myEntriesLoader, getPage('/account/vermeldingen', session.alice), context);
    expect(mine.data?.items).toContainEqual(
      expect.objectContaining({ id: editId, status: 'rejected', reviewReason: 'Graag de naam zonder plaatsnaam.' }),
    );
    const bobs = await call(myEntriesLoader, getPage('/account/vermeldingen', session.bob), context);
    expect(bobs.data?.items).toEqual([]);
  });

  it('lets a member claim a published entry; only a curator makes them an owner', async () => {
    const id = await approvedDraft();
    const { slug } = await database.db
      .selectFrom('entries')
      .select('slug')
      .where('id', '=', (await revisionRow(id)).entry_id!)
      .executeTakeFirstOrThrow();
    const claim = (cookie: string, fields: Record<string, string>) =>
      call(claimAction, postForm(`/vermelding/${slug}/claimen`, fields, { cookie }), context, { slug });

    expect((await call(claimLoader, getPage(`/vermelding/${slug}/claimen`), context, { slug })).status).toBe(302);
    expect((await claim(session.bob, { message: 'kort' })).status).toBe(400);
    expect((await claim(session.bob, { message: 'Ik ben de coördinator van deze kookclub.' })).data?.message).toMatch(/verstuurd/);
    expect((await claim(session.bob, { message: 'Ik ben de coördinator van deze kookclub.' })).data?.message).toMatch(
      /wacht op een curator/,
    );
    const claimId = (await database.db.selectFrom('entry_claims').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;

    // Before approval Bob cannot edit; neither Bob nor Alice can decide on the claim.
    const edit = () => call(editAction, postForm(`/vermelding/${slug}/bewerken`, {}, { cookie: session.bob }), context, { slug });
    expect((await edit()).status).toBe(403);
    for (const cookie of [session.alice, session.bob]) {
      const decided = await call(
        reviewAction,
        postForm('/beheer/beoordelen', { decision: 'approve-claim', claimId: String(claimId) }, { cookie }),
        context,
      );
      expect(decided.status).toBe(403);
    }
    const listed = await call(reviewLoader, getPage('/beheer/beoordelen', session.curator), context);
    expect(listed.data?.claims).toContainEqual(expect.objectContaining({ id: claimId, email: 'bob@example.nl' }));
    const approved = await call(
      reviewAction,
      postForm('/beheer/beoordelen', { decision: 'approve-claim', claimId: String(claimId) }, { cookie: session.curator }),
      context,
    );
    expect(approved.status).toBe(200);
    expect((await edit()).status).toBe(302);
    const mail = await database.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'bob@example.nl')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toMatch(/Je beheert nu/);
  });

  it('lets an owner invite a co-owner by e-mail: a single-use link for that address only', async () => {
    const id = await approvedDraft();
    const { slug } = await database.db
      .selectFrom('entries')
      .select('slug')
      .where('id', '=', (await revisionRow(id)).entry_id!)
      .executeTakeFirstOrThrow();
    const invite = (cookie: string) =>
      call(inviteAction, postForm(`/vermelding/${slug}/uitnodigen`, { email: 'Carol@Example.nl' }, { cookie }), context, { slug });
    expect((await invite(session.bob)).status).toBe(403);
    expect((await invite(session.alice)).status).toBe(200);
    const token = await tokenFromMail(database.db, 'carol@example.nl', '/vermelding/uitnodiging');
    const stored = await database.db.selectFrom('entry_invitations').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(token);

    const session_carol = await member('carol@example.nl', 'Carol');
    const accept = (cookie: string) => call(acceptAction, postForm(`/vermelding/uitnodiging/${token}`, {}, { cookie }), context, { token });
    // Meant for Carol: Bob cannot use it, and his attempt does not use it up.
    expect((await accept(session.bob)).status).toBe(400);
    expect((await accept(session_carol)).status).toBe(302);
    expect((await accept(session_carol)).status).toBe(400);
    const edit = await call(editAction, postForm(`/vermelding/${slug}/bewerken`, {}, { cookie: session_carol }), context, { slug });
    expect(edit.status).toBe(302);

    // An invitation older than a week no longer works.
    await invite(session.alice);
    const late = await tokenFromMail(database.db, 'carol@example.nl', '/vermelding/uitnodiging');
    await database.db
      .updateTable('entry_invitations')
      .set({ expires_at: Math.floor(Date.now() / 1000) - 1 })
      .execute();
    expect(
      (await call(acceptAction, postForm(`/vermelding/uitnodiging/${late}`, {}, { cookie: session_carol }), context, { token: late }))
        .status,
    ).toBe(400);

    // Ten invitations a day per account: the site is no mailer (Alice sent two above).
    const mails = async () =>
      (await database.db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'carol@example.nl').execute()).length;
    for (let i = 0; i < 8; i++) expect((await invite(session.alice)).status).toBe(200);
    const sent = await mails();
    const limited = await invite(session.alice);
    expect(limited.status).toBe(429);
    expect(limited.data).toMatchObject({ message: expect.stringMatching(/^Te veel pogingen\. Probeer het over/) });
    expect(await mails()).toBe(sent);
  });

  it('takes a point clicked on the map: its gemeente becomes the place and werkgebied when left empty', async () => {
    const created = await call(newAction, postForm('/vermelding/nieuw', BASICS, { cookie: session.alice }), context);
    const id = Number(/concept\/(\d+)\//.exec(created.headers.get('Location')!)![1]);
    const clicked = await step(session.alice, id, 'locatie', { zoek: '', place: '', lat: '51.8425', lng: '5.8528' });
    expect(clicked.status).toBe(302);
    expect(JSON.parse((await revisionRow(id)).data)).toMatchObject({ lat: 51.8425, lng: 5.8528, place: 'Nijmegen', coverage: ['GM0268'] });
    // Sent empty, as a browser sends the untouched form: Dutch messages only.
    const empty = await step(session.alice, id, 'locatie', { zoek: '', place: '', lat: '', lng: '', coveragePresent: '1' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.data?.errors)).not.toMatch(/Invalid|expected/);
    expect(empty.data?.errors).toMatchObject({
      lat: 'Geef een postcode (4 cijfers) of plaatsnaam, of klik op de kaart.',
      place: 'Geef de plaats of wijk.',
    });
    const outside = await step(session.alice, id, 'locatie', { lat: '48.85', lng: '2.35' });
    expect(outside.status).toBe(400);
    expect(outside.data?.errors).toMatchObject({ lat: 'De locatie ligt niet in Nederland.' });
  });

  it('counts an approval as a check, and lets the owner confirm "klopt nog" later; nobody else', async () => {
    const id = await approvedDraft();
    const entryId = (await revisionRow(id)).entry_id!;
    const row = () =>
      database.db
        .selectFrom('entries')
        .select(['slug', 'last_verified_at', 'updated_at'])
        .where('id', '=', entryId)
        .executeTakeFirstOrThrow();
    const today = new Date().toISOString().slice(0, 10);
    const approved = await row();
    expect(approved.last_verified_at).toBe(today);

    // A year and a half later the owner sees it marked, and confirms it in one click.
    await database.db.updateTable('entries').set({ last_verified_at: '2025-06-01' }).where('id', '=', entryId).execute();
    const mine = await call(myEntriesLoader, getPage('/account/vermeldingen', session.alice), context);
    expect(mine.data?.owned).toContainEqual({ slug: approved.slug, name: BASICS.name, lastVerifiedAt: '2025-06-01' });
    expect((mine.data?.staleBefore as string) > '2025-06-01').toBe(true);

    const confirm = (cookie: string, slug = approved.slug, origin?: string) =>
      call(confirmAction, postForm(`/vermelding/${slug}/actueel`, {}, { cookie, origin }), context, { slug });
    const outboxBefore = await countRows(database.db, 'search_outbox');
    expect((await confirm(session.bob)).status).toBe(403);
    expect((await confirm(session.alice, approved.slug, 'https://evil.example')).status).toBe(403);
    expect((await confirm(session.alice, 'bestaat-niet')).status).toBe(404);
    expect((await row()).last_verified_at).toBe('2025-06-01');

    const confirmed = await confirm(session.alice);
    expect(confirmed.status).toBe(200);
    expect(confirmed.data).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Bevestigd: deze vermelding klopt nog, gecontroleerd op \d{1,2} \w+ \d{4}\.$/),
    });
    const after = await row();
    expect(after.last_verified_at).toBe(today);
    // The row changed: caches keyed on the entries move on, and the index hears of it.
    expect(after.updated_at > approved.updated_at).toBe(true);
    expect(await countRows(database.db, 'search_outbox')).toBe(outboxBefore + 1);
    // A curator may confirm any entry.
    expect((await confirm(session.curator)).status).toBe(200);
  });

  it('asks the owners once a quarter about entries not checked for a year: one mail per owner, none after "Klopt nog"', async () => {
    const services = context.services.entries;
    const owned = await database.db
      .selectFrom('entries')
      .innerJoin('entry_owners', 'entry_owners.entry_id', 'entries.id')
      .select(['entries.id', 'entries.name', 'entries.slug'])
      .where(
        'entry_owners.user_id',
        '=',
        (await database.db.selectFrom('users').select('id').where('email', '=', 'alice@example.nl').executeTakeFirstOrThrow()).id,
      )
      .where('entries.status', '=', 'published')
      .execute();
    expect(owned.length).toBeGreaterThanOrEqual(2);
    const [stale] = owned;
    await database.db
      .updateTable('entries')
      .set({ last_verified_at: new Date().toISOString().slice(0, 10) })
      .execute();
    await database.db.updateTable('entries').set({ last_verified_at: '2024-01-15' }).where('id', '=', stale!.id).execute();
    const remindersTo = async () =>
      (
        await database.db.selectFrom('mail_outbox').select(['subject', 'body']).where('to_address', '=', 'alice@example.nl').execute()
      ).filter((mail) => mail.subject.startsWith('Klopt') || mail.subject.startsWith('Kloppen'));

    expect(await services.sendDueCheckReminders()).toBe(1);
    const [reminder, ...more] = await remindersTo();
    expect(more).toEqual([]);
    expect(reminder!.subject).toBe(`Klopt "${stale!.name}" op Samenspel nog?`);
    expect(reminder!.body).toContain('http://localhost:3000/account/vermeldingen');
    // Only the unchecked entry is listed.
    expect(reminder!.body.match(/^- /gm)).toHaveLength(1);
    // Not again within the pause, whatever the hour.
    expect(await services.sendDueCheckReminders()).toBe(0);
    expect(await services.sendDueCheckReminders(new Date(Date.now() + 89 * 86_400_000))).toBe(0);
    // A quarter later, still unchecked: asked again. Confirmed in the meantime: not.
    expect(await services.sendDueCheckReminders(new Date(Date.now() + 91 * 86_400_000))).toBe(1);
    await call(confirmAction, postForm(`/vermelding/${stale!.slug}/actueel`, {}, { cookie: session.alice }), context, {
      slug: stale!.slug,
    });
    expect(await services.sendDueCheckReminders(new Date(Date.now() + 200 * 86_400_000))).toBe(0);
  });
});
