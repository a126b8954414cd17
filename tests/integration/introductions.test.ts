import type { AppLoadContext } from '@remix-run/node';
import type { Database } from '../../db/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveEntry } from '~/entries/entries.server';
import { hasFormalPartner } from '~/entries/formal-partner.server';
import { partnershipLines, partnershipsOf } from '~/introductions/partnerships.server';
import { proposeMatches } from '~/matching/matching.server';
import { loadMatchRelations } from '~/matching/relations.server';
import { action as inboxAction, loader as inboxLoader } from '~/routes/account.berichten';
import { action as brokerAction, loader as brokerLoader } from '~/routes/beheer.introducties';
import { loader as entryLoader } from '~/routes/entries.$slug';
import { action as requestAction, loader as requestLoader } from '~/routes/vermelding.$slug.introductie';
import { action as dismissAction } from '~/routes/voorstel.niet-relevant';
import { REASON_MAX } from '~/introductions/introduction-schema';
import { parseSearchParams } from '~/search/search-params';
import { call, getPage, insertMember, postForm, signIn } from '../support/account-requests';
import { validInitiative } from '../support/fixtures';
import { testLoadContext } from '../support/load-context';
import { countRows, useTestDatabase } from '../support/test-database';

const database = useTestDatabase();
let context: AppLoadContext;
const session = { alice: '', bob: '', carol: '', curator: '' };
const MESSAGE = 'Wij zijn Buurtkring Testlaan en zoeken een partner voor valpreventie in Dukenburg.';

/** Published entries in Nijmegen working on the same topics, so each is a proposal for the other kind. */
async function published(name: string, kind: 'initiatief' | 'coalitie', owner?: string): Promise<{ id: number; slug: string }> {
  const saved = await saveEntry(database.db, {
    ...validInitiative,
    kind,
    name,
    status: 'published',
    offers: kind === 'coalitie' ? ['financiering', 'rugdekking'] : [],
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.fieldErrors));
  if (owner) await database.db.insertInto('entry_owners').values({ entry_id: saved.id, user_id: owner }).execute();
  return { id: saved.id, slug: saved.slug };
}

const entry = {} as Record<'aliceInit' | 'bobCoalitie' | 'ownerless' | 'dismissed' | 'other', { id: number; slug: string }>;

const count = (table: keyof Database) => countRows(database.db, table);
const mailsTo = (address: string) =>
  database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', address).orderBy('id').execute();

const ask = (cookie: string, to: string, fields: Record<string, string>) =>
  call(requestAction, postForm(`/vermelding/${to}/introductie`, fields, { cookie }), context, { slug: to });
const answer = (cookie: string, fields: Record<string, string>) =>
  call(inboxAction, postForm('/account/berichten', fields, { cookie }), context);
const proposedSlugs = async (slug: string) => {
  const result = await proposeMatches(database.db, null, slug, { limit: 20 });
  return result.status === 'found' ? result.proposals.map((proposal) => proposal.entry.slug) : [];
};

beforeAll(async () => {
  context = testLoadContext(database.db);
  await insertMember(database.db, { id: 'alice00000000000', email: 'alice@example.org', name: 'Alice' });
  await insertMember(database.db, { id: 'bob0000000000000', email: 'bob@example.org', name: 'Bob' });
  await insertMember(database.db, { id: 'carol00000000000', email: 'carol@example.org', name: 'Carol' });
  await insertMember(database.db, { id: 'curator000000000', email: 'curator@example.org', name: 'Cora', role: 'curator' });
  entry.aliceInit = await published('Buurtkring Testlaan', 'initiatief', 'alice00000000000');
  entry.bobCoalitie = await published('Zorgcoalitie Dukenburg', 'coalitie', 'bob0000000000000');
  entry.ownerless = await published('Welzijn Nijmegen-West', 'coalitie');
  entry.dismissed = await published('Coalitie Vitaal Thuis', 'coalitie');
  entry.other = await published('Ouderen in de Wijk', 'initiatief', 'carol00000000000');
  session.alice = await signIn(context, 'alice@example.org');
  session.bob = await signIn(context, 'bob@example.org');
  session.carol = await signIn(context, 'carol@example.org');
  session.curator = await signIn(context, 'curator@example.org');
});

describe('asking for an introduction', () => {
  it('offers the owner their own entries, and sends visitors to sign in', async () => {
    const form = await call(requestLoader, getPage(`/vermelding/${entry.bobCoalitie.slug}/introductie`, session.alice), context, {
      slug: entry.bobCoalitie.slug,
    });
    expect(form.data).toMatchObject({ to: { slug: entry.bobCoalitie.slug }, from: [{ slug: entry.aliceInit.slug, blocked: null }] });
    const visitor = await call(requestLoader, getPage(`/vermelding/${entry.bobCoalitie.slug}/introductie`), context, {
      slug: entry.bobCoalitie.slug,
    });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get('Location')).toMatch(/^\/inloggen\?terug=/);
  });

  it('refuses a message that is too short, or an entry that is not the asker’s, and writes nothing', async () => {
    const before = await count('introductions');
    const short = await ask(session.alice, entry.bobCoalitie.slug, { from: entry.aliceInit.slug, message: 'Hoi' });
    expect(short.status).toBe(400);
    expect((short.data!.errors as Record<string, string>).message).toMatch(/minstens 20 tekens/);
    const notTheirs = await ask(session.carol, entry.bobCoalitie.slug, { from: entry.aliceInit.slug, message: MESSAGE });
    expect(notTheirs.status).toBe(403);
    const unknown = await ask(session.alice, 'bestaat-niet', { from: entry.aliceInit.slug, message: MESSAGE });
    expect(unknown.status).toBe(404);
    const crossSite = await call(
      requestAction,
      postForm(
        `/vermelding/${entry.bobCoalitie.slug}/introductie`,
        { from: entry.aliceInit.slug, message: MESSAGE },
        { cookie: session.alice, origin: 'https://evil.example' },
      ),
      context,
      { slug: entry.bobCoalitie.slug },
    );
    expect(crossSite.status).toBe(403);
    expect(await count('introductions')).toBe(before);
  });

  it('delivers the request to the owners by mail and inbox, without anyone’s contact details', async () => {
    const sent = await ask(session.alice, entry.bobCoalitie.slug, { from: entry.aliceInit.slug, message: `${MESSAGE}\u0000\n\nGroet` });
    expect(sent.status).toBe(200);
    const [mail] = await mailsTo('bob@example.org');
    expect(mail!.subject).toBe('"Buurtkring Testlaan" wil kennismaken met "Zorgcoalitie Dukenburg"');
    expect(mail!.body).toContain(`${MESSAGE}\n\nGroet`);
    expect(mail!.body).toContain('http://localhost:3000/account/berichten');
    expect(mail!.body).not.toContain('alice@example.org');

    const bobInbox = await call(inboxLoader, getPage('/account/berichten', session.bob), context);
    const received = (bobInbox.data!.received as Array<Record<string, unknown>>)[0]!;
    expect(received).toMatchObject({
      status: 'pending',
      message: `${MESSAGE}\n\nGroet`,
      contact: null,
      from: { slug: entry.aliceInit.slug },
    });
    const aliceInbox = await call(inboxLoader, getPage('/account/berichten', session.alice), context);
    expect(aliceInbox.data!.sent).toMatchObject([{ status: 'pending', contact: null }]);
    expect(JSON.stringify(bobInbox.data)).not.toContain('alice@example.org');
  });

  it('refuses a second request between the same two entries, in either direction', async () => {
    const again = await ask(session.alice, entry.bobCoalitie.slug, { from: entry.aliceInit.slug, message: MESSAGE });
    expect(again.status).toBe(409);
    expect(again.data!.message).toMatch(/loopt al een verzoek/);
    const reverse = await ask(session.bob, entry.aliceInit.slug, { from: entry.bobCoalitie.slug, message: MESSAGE });
    expect(reverse.status).toBe(409);
    const form = await call(requestLoader, getPage(`/vermelding/${entry.bobCoalitie.slug}/introductie`, session.alice), context, {
      slug: entry.bobCoalitie.slug,
    });
    expect(form.data).toMatchObject({ from: [{ blocked: 'open' }] });
  });

  it('lowers the spread of an entry with open requests', async () => {
    const relations = await loadMatchRelations(database.db);
    expect(relations.openIntroductions).toEqual({ [entry.aliceInit.id]: 1, [entry.bobCoalitie.id]: 1 });
  });
});

describe('answering', () => {
  const pendingId = async () =>
    (await database.db.selectFrom('introductions').select('id').where('to_entry_id', '=', entry.bobCoalitie.id).executeTakeFirstOrThrow())
      .id;

  it('lets only the other side’s owners answer', async () => {
    const id = String(await pendingId());
    expect((await answer(session.carol, { intent: 'respond', id, decision: 'accept' })).status).toBe(403);
    expect((await answer(session.alice, { intent: 'respond', id, decision: 'accept' })).status).toBe(403);
    expect((await answer(session.bob, { intent: 'respond', id, decision: 'maybe' })).status).toBe(400);
    expect(await count('partnerships')).toBe(0);
  });

  it('records the partnership on acceptance, shares contact details and schedules the follow-up', async () => {
    expect(await proposedSlugs(entry.aliceInit.slug)).toContain(entry.bobCoalitie.slug);
    const accepted = await answer(session.bob, { intent: 'respond', id: String(await pendingId()), decision: 'accept', reason: 'Graag!' });
    expect(accepted).toMatchObject({ status: 200, data: { ok: true } });

    const partnership = await database.db.selectFrom('partnerships').selectAll().executeTakeFirstOrThrow();
    expect([partnership.entry_low_id, partnership.entry_high_id]).toEqual([entry.aliceInit.id, entry.bobCoalitie.id]);
    const followUps = await database.db.selectFrom('partnership_followups').selectAll().execute();
    expect(followUps.map((row) => row.entry_id).sort()).toEqual([entry.aliceInit.id, entry.bobCoalitie.id].sort());
    const days = (Date.parse(followUps[0]!.due_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(41.9);
    expect(days).toBeLessThan(42.1);

    const aliceInbox = await call(inboxLoader, getPage('/account/berichten', session.alice), context);
    expect(aliceInbox.data!.sent).toMatchObject([
      { status: 'accepted', reason: 'Graag!', contact: { name: 'Bob', email: 'bob@example.org' } },
    ]);
    const bobInbox = await call(inboxLoader, getPage('/account/berichten', session.bob), context);
    expect(bobInbox.data!.received).toMatchObject([{ contact: { name: 'Alice', email: 'alice@example.org' } }]);
    expect((await mailsTo('alice@example.org')).at(-1)!.subject).toBe('"Zorgcoalitie Dukenburg" wil kennismaken met "Buurtkring Testlaan"');

    // Partners are no longer proposed to each other, and the initiative now has a formal partner.
    expect(await proposedSlugs(entry.aliceInit.slug)).not.toContain(entry.bobCoalitie.slug);
    expect(await proposedSlugs(entry.bobCoalitie.slug)).not.toContain(entry.aliceInit.slug);
    const partnered = await database.db.selectFrom('entries as e').select('e.id').where(hasFormalPartner('e.id')).execute();
    expect(partnered.map((row) => row.id)).toEqual([entry.aliceInit.id]);
  });

  it('answers a request once', async () => {
    const again = await answer(session.bob, { intent: 'respond', id: String(await pendingId()), decision: 'decline' });
    expect(again.status).toBe(409);
  });

  it('shows the partnership on both detail pages and as a line on the map', async () => {
    expect(await partnershipsOf(database.db, entry.bobCoalitie.id)).toMatchObject([{ partner: { slug: entry.aliceInit.slug } }]);
    const page = await call(entryLoader, getPage(`/entries/${entry.aliceInit.slug}`), context, { slug: entry.aliceInit.slug });
    expect(page.data!.partnerships).toMatchObject([{ partner: { slug: entry.bobCoalitie.slug, name: 'Zorgcoalitie Dukenburg' } }]);

    const filters = (query: string) => {
      const parsed = parseSearchParams(new URLSearchParams(query));
      if (!parsed.ok) throw new Error('bad filters');
      return parsed.params;
    };
    const all = await partnershipLines(database.db, filters(''));
    expect(all).toMatchObject({
      total: 1,
      truncated: false,
      lines: [{ a: { slug: entry.aliceInit.slug }, b: { slug: entry.bobCoalitie.slug } }],
    });
    // One matching side is enough; a filter neither side matches draws nothing.
    expect((await partnershipLines(database.db, filters('kind=coalitie'))).total).toBe(1);
    expect((await partnershipLines(database.db, filters('region=gemeente:GM0363'))).total).toBe(0);
  });
});

describe('the verbinder: requests to entries nobody owns go to curators', () => {
  let id: number;

  it('marks the request brokered and mails the curators', async () => {
    const sent = await ask(session.alice, entry.ownerless.slug, { from: entry.aliceInit.slug, message: MESSAGE });
    expect(sent.data!.message).toMatch(/curator/);
    id = (
      await database.db
        .selectFrom('introductions')
        .select(['id', 'brokered'])
        .where('to_entry_id', '=', entry.ownerless.id)
        .executeTakeFirstOrThrow()
    ).id;
    const [mail] = await mailsTo('curator@example.org');
    expect(mail!.subject).toBe('Introductie te begeleiden: "Buurtkring Testlaan" zoekt "Welzijn Nijmegen-West"');
    expect(mail!.body).toContain('http://localhost:3000/beheer/introducties');
  });

  it('is answered by a curator, not by members', async () => {
    expect((await call(brokerLoader, getPage('/beheer/introducties', session.bob), context)).status).toBe(403);
    expect(
      (
        await call(
          brokerAction,
          postForm('/beheer/introducties', { intent: 'respond', id: String(id), decision: 'accept' }, { cookie: session.bob }),
          context,
        )
      ).status,
    ).toBe(403);
    const desk = await call(brokerLoader, getPage('/beheer/introducties', session.curator), context);
    expect(desk.data!.requests).toMatchObject([{ id, to: { slug: entry.ownerless.slug }, requester: { email: 'alice@example.org' } }]);
    const declined = await call(
      brokerAction,
      postForm(
        '/beheer/introducties',
        { intent: 'respond', id: String(id), decision: 'decline', reason: 'Zij nemen geen nieuwe partners aan.' },
        { cookie: session.curator },
      ),
      context,
    );
    expect(declined.data).toMatchObject({ ok: true });
    const mail = (await mailsTo('alice@example.org')).at(-1)!;
    expect(mail.subject).toBe('Je verzoek aan "Welzijn Nijmegen-West" is afgewezen');
    expect(mail.body).toContain('Zij nemen geen nieuwe partners aan.');
    expect(await count('partnerships')).toBe(1);
  });
});

describe('withdrawing and dismissing', () => {
  it('lets the requester withdraw a pending request, nobody else', async () => {
    await ask(session.carol, entry.dismissed.slug, { from: entry.other.slug, message: MESSAGE });
    const row = await database.db
      .selectFrom('introductions')
      .select('id')
      .where('from_entry_id', '=', entry.other.id)
      .executeTakeFirstOrThrow();
    expect((await answer(session.alice, { intent: 'respond', id: String(row.id), decision: 'withdraw' })).status).toBe(403);
    expect((await answer(session.carol, { intent: 'respond', id: String(row.id), decision: 'withdraw' })).data).toMatchObject({ ok: true });
    const status = await database.db.selectFrom('introductions').select('status').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(status.status).toBe('withdrawn');
  });

  it('stops proposing a dismissed pair, and only the owner may dismiss', async () => {
    expect(await proposedSlugs(entry.aliceInit.slug)).toContain(entry.dismissed.slug);
    const fields = {
      entry: entry.aliceInit.slug,
      other: entry.dismissed.slug,
      reason: 'Werkt niet in onze wijk',
      terug: `/entries/${entry.aliceInit.slug}`,
    };
    expect((await call(dismissAction, postForm('/voorstel/niet-relevant', fields, { cookie: session.carol }), context)).status).toBe(403);
    expect(await count('match_dismissals')).toBe(0);
    // Bad input: a Dutch message per field, nothing written.
    for (const [bad, field, message] of [
      [{ other: '' }, 'other', 'Dit voorstel bestaat niet (meer).'],
      [{ entry: 'Geen Slug!' }, 'entry', 'Kies de vermelding waarvoor dit voorstel niet relevant is.'],
      [{ reason: 'x'.repeat(REASON_MAX + 1) }, 'reason', `Gebruik hoogstens ${REASON_MAX} tekens.`],
      [{ other: entry.aliceInit.slug }, 'other', 'Een vermelding wordt zichzelf nooit voorgesteld.'],
    ] as const) {
      const refused = await call(
        dismissAction,
        postForm('/voorstel/niet-relevant', { ...fields, ...bad }, { cookie: session.alice }),
        context,
      );
      expect(refused.status, field).toBe(400);
      expect((refused.data!.errors as Record<string, string>)[field], field).toBe(message);
    }
    const unknown = await call(
      dismissAction,
      postForm('/voorstel/niet-relevant', { ...fields, other: 'bestaat-niet' }, { cookie: session.alice }),
      context,
    );
    expect(unknown.status).toBe(404);
    expect(await count('match_dismissals')).toBe(0);
    const dismissed = await call(dismissAction, postForm('/voorstel/niet-relevant', fields, { cookie: session.alice }), context);
    expect(dismissed.status).toBe(303);
    expect(dismissed.headers.get('Location')).toBe(`/entries/${entry.aliceInit.slug}#mogelijke-partners`);
    expect(await proposedSlugs(entry.aliceInit.slug)).not.toContain(entry.dismissed.slug);
    const offSite = await call(
      dismissAction,
      postForm('/voorstel/niet-relevant', { ...fields, terug: 'https://evil.example' }, { cookie: session.alice }),
      context,
    );
    expect(offSite.headers.get('Location')).toBe('/account#mogelijke-partners');
  });
});

describe('six weeks later', () => {
  it('asks both sides once whether it led to working together, and takes no answer before', async () => {
    const early = await answer(session.bob, {
      intent: 'follow-up',
      partnership: String((await database.db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow()).id),
      entry: entry.bobCoalitie.slug,
      answer: 'ja',
    });
    expect(early.status).toBe(409);
    expect(early.data).toMatchObject({ message: 'Deze vraag komt zes weken nadat de samenwerking begon; dan kun je haar beantwoorden.' });
    expect(await database.db.selectFrom('partnership_followups').select('answer').where('answer', 'is not', null).execute()).toEqual([]);
    expect(await context.services.introductions.sendDueFollowUps(new Date())).toBe(0);
    const later = new Date(Date.now() + 43 * 86_400_000);
    expect(await context.services.introductions.sendDueFollowUps(later)).toBe(2);
    expect(await context.services.introductions.sendDueFollowUps(later)).toBe(0);
    const partnership = await database.db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow();
    for (const address of ['alice@example.org', 'bob@example.org']) {
      const mail = (await mailsTo(address)).at(-1)!;
      expect(mail.subject).toBe(
        'Heeft het contact tussen ' +
          (address.startsWith('alice')
            ? '"Buurtkring Testlaan" en "Zorgcoalitie Dukenburg"'
            : '"Zorgcoalitie Dukenburg" en "Buurtkring Testlaan"') +
          ' geleid tot samenwerking?',
      );
      expect(mail.body).toContain(`http://localhost:3000/account/berichten#samenwerking-${partnership.id}`);
    }
  });

  it('records the answer of each side’s owner', async () => {
    const partnership = String((await database.db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow()).id);
    const forBob = { intent: 'follow-up', partnership, entry: entry.bobCoalitie.slug, answer: 'ja' };
    expect((await answer(session.carol, forBob)).status).toBe(403);
    expect((await answer(session.bob, { ...forBob, answer: 'misschien' })).status).toBe(400);
    expect((await answer(session.bob, forBob)).data).toMatchObject({ ok: true });
    expect((await answer(session.alice, { ...forBob, entry: entry.aliceInit.slug, answer: 'nog-bezig' })).data).toMatchObject({ ok: true });
    const answers = await database.db
      .selectFrom('partnership_followups')
      .select(['entry_id', 'answer', 'answered_by'])
      .orderBy('entry_id')
      .execute();
    expect(answers).toEqual([
      { entry_id: entry.aliceInit.id, answer: 'nog-bezig', answered_by: 'alice00000000000' },
      { entry_id: entry.bobCoalitie.id, answer: 'ja', answered_by: 'bob0000000000000' },
    ]);
    const inbox = await call(inboxLoader, getPage('/account/berichten', session.bob), context);
    expect(inbox.data!.followUps).toMatchObject([{ partner: { slug: entry.aliceInit.slug }, asked: true, answer: 'ja' }]);
  });
});

describe('limits', () => {
  it('allows ten requests a day per account, then answers 429', async () => {
    const targets = await Promise.all(Array.from({ length: 9 }, (_, index) => published(`Coalitie Limiet ${index + 1}`, 'coalitie')));
    // Every attempt that reaches the service counts: Alice made three today (two sent, one refused as a repeat).
    const answers = [];
    for (const target of targets)
      answers.push((await ask(session.alice, target.slug, { from: entry.aliceInit.slug, message: MESSAGE })).status);
    expect(answers).toEqual([200, 200, 200, 200, 200, 200, 200, 429, 429]);
  });
});

describe('one owner on both sides', () => {
  it('asks for no introduction between two entries of the same owner, and writes nothing', async () => {
    const alicesCoalitie = await published('Coalitie van Alice', 'coalitie', 'alice00000000000');
    const before = await count('introductions');
    const refused = await ask(session.alice, alicesCoalitie.slug, { from: entry.aliceInit.slug, message: MESSAGE });
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({
      message: 'Je beheert Coalitie van Alice zelf ook: een introductie is er voor vermeldingen van verschillende beheerders.',
    });
    expect(await count('introductions')).toBe(before);
  });
});
