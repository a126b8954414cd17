import { describe, expect, it } from 'vitest';
import type { DB } from '~/db/db.server';
import { saveEntry } from '~/entries/entries.server';
import type { EntryInput } from '~/entries/entry-schema';
import { initiativesWithoutPartner, type WithoutPartnerQuery } from '~/matching/without-partner.server';
import { WITHOUT_PARTNER_MIN_SCORE } from '~/matching/without-partner';
import { loader as allProposalsLoader } from '~/routes/entries.$slug_.mogelijke-partners';
import { loader as detailLoader } from '~/routes/entries.$slug';
import { loader } from '~/routes/zonder-partner';
import { bruteForceMatches, loadProfiles } from '~/matching/matching.server';
import { matchContext, rankCandidates } from '~/matching/score';
import { hasFormalPartner } from '~/entries/formal-partner.server';
import { seedDemo } from '../../db/seed/seed';
import { seedSynthetic } from '../../db/seed/synthetic';
import { validInitiative } from '../support/fixtures';
import { testLoadContext } from '../support/load-context';
import { requireGeodataInCi } from '../support/paths';
import { callLoader } from '../support/route-call';
import { geoSource, useTestDatabase } from '../support/test-database';

const published = (input: Partial<EntryInput>): EntryInput => ({ ...validInitiative, status: 'published', ...input }) as EntryInput;

/** Groningen (GM0014, provincie PV20) lies about 150 km from Nijmegen (GM0268, provincie PV25). */
const groningen = { place: 'Groningen', lat: 53.22, lng: 6.57, coverage: ['GM0014'] };

const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  await saveEntry(
    db,
    published({
      kind: 'coalitie',
      name: 'Netwerk Dementie Nijmegen',
      summary: 'Zorg, welzijn en gemeente samen rond dementie.',
      topics: ['VITAAL-3', 'MEE-2'],
      needs: [],
      offers: ['financiering', 'rugdekking'],
    }),
    { slug: 'netwerk-dementie-nijmegen' },
  );
  // Right next to the coalitie, same topics, but a formal partner already: not listed.
  await saveEntry(db, published({ name: 'Buurtkring met partner', partners: [{ name: 'Thuiszorg Oost', domain: 'zorgaanbieders' }] }), {
    slug: 'buurtkring-met-partner',
  });
  // A strong proposal (the coalitie covers Nijmegen, shares every topic and offers both needs): not listed.
  await saveEntry(db, published({ name: 'Buurtkring met voorstel' }), { slug: 'buurtkring-met-voorstel' });
  // Far from any coalitie, another theme, a need nobody offers: no proposal at all.
  await saveEntry(db, published({ ...groningen, name: 'Digicafé Groningen', topics: ['DIGITAAL-1'], needs: ['vervoer'] }), {
    slug: 'digicafe-groningen',
  });
  // The coalitie's topics but 150 km away and only a "mogelijke match"; its only partner is a citizens' group.
  await saveEntry(
    db,
    published({
      ...groningen,
      name: 'Ouderenkring Groningen',
      topics: ['VITAAL-3'],
      needs: ['vervoer'],
      partners: [{ name: 'Bewonersvereniging Oosterpoort', domain: 'burgers' }],
    }),
    { slug: 'ouderenkring-groningen' },
  );
  // Drafts are not public: never counted.
  await saveEntry(db, { ...validInitiative, ...groningen, name: 'Concept Groningen', status: 'draft' }, { slug: 'concept-groningen' });
});

const names = (ref: string) => ({ 'provincie:PV20': 'Groningen', 'gemeente:GM0014': 'Groningen' })[ref] ?? ref;
const view = (query: Partial<WithoutPartnerQuery> = {}) =>
  initiativesWithoutPartner(database.db, { region: null, per: 'provincie', page: 1, regionName: names, ...query });

/** The view once the count for the current data has finished (a change first shows the previous count, marked `updating`). */
async function settledView(query: Partial<WithoutPartnerQuery> = {}) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const current = await view(query);
    if (!current.updating) return current;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the count did not finish');
}

async function bestScore(db: DB, slug: string) {
  const result = await bruteForceMatches(db, slug, { limit: 1 });
  return result.status === 'found' ? (result.proposals[0]?.score ?? 0) : null;
}

describe('initiatieven zonder partner (real SQLite file)', () => {
  it('lists initiatives without a formal partner and without a proposal at the threshold, and only those', async () => {
    const national = await view();
    expect(national.items.map((item) => item.slug)).toEqual(['digicafe-groningen', 'ouderenkring-groningen']);
    expect(national).toMatchObject({ total: 2, initiatives: 4, page: 1, totalPages: 1, updating: false });
    // What the matcher itself says: the listed ones stay below the threshold, the one with a proposal reaches it.
    expect(await bestScore(database.db, 'buurtkring-met-voorstel')).toBeGreaterThanOrEqual(WITHOUT_PARTNER_MIN_SCORE);
    expect(await bestScore(database.db, 'ouderenkring-groningen')).toBeLessThan(WITHOUT_PARTNER_MIN_SCORE);
    expect(await bestScore(database.db, 'ouderenkring-groningen')).toBeGreaterThan(0);
    expect(await bestScore(database.db, 'digicafe-groningen')).toBe(0);
  });

  it('counts per region of the chosen layer, out of all published initiatives there', async () => {
    expect((await view()).counts).toEqual([{ ref: 'provincie:PV20', name: 'Groningen', count: 2, initiatives: 2 }]);
    const gelderland = await view({ region: 'provincie:PV25', per: 'gemeente' });
    expect(gelderland).toMatchObject({ total: 0, initiatives: 2, counts: [], items: [] });
    const groningenOnly = await view({ region: 'provincie:PV20', per: 'gemeente' });
    expect(groningenOnly.counts).toEqual([{ ref: 'gemeente:GM0014', name: 'Groningen', count: 2, initiatives: 2 }]);
  });

  it('follows the data: a new coalitie on its topic in its gemeente takes an initiative off the list', async () => {
    await saveEntry(
      database.db,
      published({
        ...groningen,
        kind: 'coalitie',
        name: 'Digitaal Samen Groningen',
        summary: 'Digitale inclusie in Groningen.',
        topics: ['DIGITAAL-1'],
        needs: [],
        offers: ['digitaal'],
      }),
      { slug: 'digitaal-samen-groningen' },
    );
    const before = await view();
    expect(before.updating).toBe(true);
    expect(before.items.map((item) => item.slug)).toEqual(['digicafe-groningen', 'ouderenkring-groningen']);
    expect((await settledView()).items.map((item) => item.slug)).toEqual(['ouderenkring-groningen']);
  });

  it('the page answers a bad region, layer or page with a Dutch message and 400, never a 500', async () => {
    const context = testLoadContext(database.db);
    const ok = await callLoader(loader, '/zonder-partner?region=provincie:PV20', context);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ region: { ref: 'provincie:PV20', name: 'Groningen' }, per: 'gemeente', view: { total: 1 } });
    for (const [query, param, message] of [
      ['region=provincie:PV99', 'region', /bestaat niet/],
      ['region=Gelderland', 'region', /laag:code/],
      ['per=wijk', 'per', /Tel per/],
      ['page=0', 'page', /paginanummer/],
      ['page=abc', 'page', /paginanummer/],
      ['page=0x2', 'page', /paginanummer/],
      ['page=1&page=2', 'page', /^Geef deze parameter één keer mee\.$/],
      ['region=provincie:PV20&region=provincie:PV21', 'region', /^Geef deze parameter één keer mee\.$/],
    ] as const) {
      const refused = await callLoader(loader, `/zonder-partner?${query}`, context);
      expect(refused.status, query).toBe(400);
      expect((refused.body as { errors: Record<string, string> }).errors[param], query).toMatch(message);
      // The whole country is still shown, with the message.
      expect(refused.body, query).toMatchObject({ region: null, view: { total: 1 } });
    }
  });
});

describe('proposals on the detail page and the page of all proposals', () => {
  it('hands out proposals with sentences only and no entry ids', async () => {
    const context = testLoadContext(database.db);
    const detail = await callLoader(detailLoader, '/entries/buurtkring-met-voorstel', context, { slug: 'buurtkring-met-voorstel' });
    const { proposals, proposalsDegraded } = detail.body as { proposals: Array<Record<string, unknown>>; proposalsDegraded: boolean };
    expect(proposalsDegraded).toBe(true);
    expect(proposals[0]).toMatchObject({
      entry: { slug: 'netwerk-dementie-nijmegen', kind: 'coalitie', name: 'Netwerk Dementie Nijmegen' },
      label: 'sterke match',
      reasons: expect.arrayContaining(['Het werkgebied van deze coalitie omvat Nijmegen']),
      gaps: [],
    });
    expect(proposals[0]!.entry).not.toHaveProperty('id');
    const all = await callLoader(allProposalsLoader, '/entries/buurtkring-met-voorstel/mogelijke-partners', context, {
      slug: 'buurtkring-met-voorstel',
    });
    expect(all.status).toBe(200);
    expect((all.body as { proposals: unknown[] }).proposals.length).toBeGreaterThanOrEqual(proposals.length);
    for (const slug of ['concept-groningen', 'bestaat-niet', 'NIET GELDIG']) {
      expect((await callLoader(allProposalsLoader, `/entries/${slug}/mogelijke-partners`, context, { slug })).status).toBe(404);
    }
  });
});

describe('the list equals brute force on a random world', () => {
  const world = useTestDatabase(async (db) => {
    requireGeodataInCi();
    await seedDemo(db);
    await seedSynthetic(db, 330, 11, geoSource);
    // Every seventh synthetic initiative gets a partner: formal or from the citizens' domain.
    const initiatives = await db
      .selectFrom('entries')
      .select('id')
      .where('kind', '=', 'initiatief')
      .where('slug', 'like', 'synthetisch-%')
      .execute();
    const partners = initiatives
      .filter((_, i) => i % 7 === 0)
      .map(({ id }, i) => ({ entry_id: id, name: `Partner ${id}`, domain: i % 2 ? 'burgers' : 'welzijn' }) as const);
    await db.insertInto('entry_partners').values(partners).execute();
  });

  it('lists exactly the published initiatives without a formal partner whose best proposal stays below the threshold', async () => {
    const { db } = world;
    const [initiatives, coalities, formal, slugs] = await Promise.all([
      loadProfiles(db, { kind: 'initiatief' }),
      loadProfiles(db, { kind: 'coalitie' }),
      db.selectFrom('entries as e').select('e.id').where(hasFormalPartner('e.id')).execute(),
      db.selectFrom('entries').select(['id', 'slug']).execute(),
    ]);
    const partnered = new Set(formal.map((row) => String(row.id)));
    const slugOf = new Map(slugs.map((row) => [String(row.id), row.slug]));
    const context = matchContext();
    const expected = initiatives
      .filter((initiative) => !partnered.has(initiative.id))
      .filter((initiative) => (rankCandidates(initiative, coalities, context, 1)[0]?.pair.score ?? 0) < WITHOUT_PARTNER_MIN_SCORE)
      .map((initiative) => slugOf.get(initiative.id))
      .sort();
    const listed: string[] = [];
    for (let page = 1; ; page++) {
      const view = await initiativesWithoutPartner(db, { region: null, per: 'provincie', page, regionName: (ref) => ref });
      listed.push(...view.items.map((item) => item.slug));
      if (page >= view.totalPages) break;
    }
    expect(listed.sort()).toEqual(expected);
    // The world has both kinds of initiative: listed, and with a good proposal or a formal partner.
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(initiatives.length - 10);
  });
});
