import { describe, expect, it } from 'vitest';
import type { DB } from '~/db/db.server';
import type { FollowUpAnswer } from '../../db/schema';
import { saveEntry } from '~/entries/entries.server';
import type { EntryInput } from '~/entries/entry-schema';
import { matrixStatus, overlapRelation, type Overlap, type RegionPageData } from '~/regions/region-page';
import { regionPage } from '~/regions/region-page.server';
import { searchRegions } from '~/regions/region-picker.server';
import { regionCatalog } from '~/regions/regions.server';
import { loader as pickerLoader } from '~/routes/regio._index';
import { loader as pageLoader } from '~/routes/regio.$layer.$code';
import { validInitiative } from '../support/fixtures';
import { testLoadContext } from '../support/load-context';
import { hasGeodata, requireGeodataInCi } from '../support/paths';
import { callLoader } from '../support/route-call';
import { geoSource, useTestDatabase } from '../support/test-database';

/**
 * A small world whose figures are counted by hand below. "Today" is 2026-12-03: stale means not
 * verified since 2025-12-03, funding ends soon between 2026-12-03 and 2027-06-03.
 *
 * Nijmegen (GM0268; provincie Gelderland PV25, GGD Gelderland-Zuid GG2014, zorgkantoorregio ZK16):
 *   C1 coalitie, also Arnhem (GM0202, PV25); topics VITAAL-3 MEE-2 ERTOE-4; partners zorgaanbieders,
 *      welzijn, burgers; verified 2026-10-01; funding ends 2027-03-01 (soon)
 *   I1 initiatief, partner zorgaanbieders (formal); VITAAL-3; verified 2025-01-01 (stale)
 *   I2 initiatief, partner burgers only (not formal); MEE-2 SAMEN-2; never verified (stale); funding ends 2026-12-31 (soon)
 *   I3 initiatief, no listed partner but a partnership with C1 (formal); DIGITAAL-1; verified 2026-06-01; funding ends 2027-12-01
 *   a draft initiatief (never counted)
 * Groningen (GM0014, PV20):
 *   C2 coalitie; ERTOE-1; partner wonen; verified 2026-11-01
 *   I4 initiatief; ERTOE-1; partnership with C2 (formal); never verified (stale); funding ended 2026-11-01
 * Partnerships: C1–I3, C2–I4, I1–I2 (two initiatieven: a partnership, but no formal partner for either).
 * Follow-up answers: C1 ja and I3 nog bezig (C1–I3), C2 nee (C2–I4); I4 asked, no answer yet.
 */
const NOW = new Date('2026-12-03T10:00:00Z');

const entry = (input: Partial<EntryInput>): EntryInput => ({ ...validInitiative, status: 'published', ...input }) as EntryInput;
const nijmegen = { place: 'Nijmegen', lat: 51.84, lng: 5.86, coverage: ['GM0268'] };
const groningen = { place: 'Groningen', lat: 53.22, lng: 6.57, coverage: ['GM0014'] };

async function seedWorld(db: DB) {
  const ids: Record<string, number> = {};
  const add = async (key: string, input: Partial<EntryInput>) => {
    const saved = await saveEntry(db, entry(input), { slug: key });
    if (!saved.ok) throw new Error(`fixture ${key}: ${JSON.stringify(saved.fieldErrors)}`);
    ids[key] = saved.id;
  };
  await add('c1', {
    ...nijmegen,
    kind: 'coalitie',
    name: 'Netwerk Dementie Nijmegen',
    coverage: ['GM0268', 'GM0202'],
    topics: ['VITAAL-3', 'MEE-2', 'ERTOE-4'],
    needs: [],
    offers: ['financiering', 'rugdekking'],
    partners: [
      { name: 'Thuiszorg Oost', domain: 'zorgaanbieders' },
      { name: 'Welzijn Nijmegen', domain: 'welzijn' },
      { name: 'Bewonersraad Dukenburg', domain: 'burgers' },
    ],
    lastVerifiedAt: '2026-10-01',
    fundingEndsOn: '2027-03-01',
  });
  await add('i1', {
    ...nijmegen,
    name: 'Buurtkring met partner',
    topics: ['VITAAL-3'],
    partners: [{ name: 'Thuiszorg Oost', domain: 'zorgaanbieders' }],
    lastVerifiedAt: '2025-01-01',
  });
  await add('i2', {
    ...nijmegen,
    name: 'Buurtkring zonder partner',
    topics: ['MEE-2', 'SAMEN-2'],
    partners: [{ name: 'Buurtvereniging', domain: 'burgers' }],
    fundingEndsOn: '2026-12-31',
  });
  await add('i3', {
    ...nijmegen,
    name: 'Digicafé Nijmegen',
    topics: ['DIGITAAL-1'],
    lastVerifiedAt: '2026-06-01',
    fundingEndsOn: '2027-12-01',
  });
  const draft = await saveEntry(db, { ...validInitiative, ...nijmegen, name: 'Concept Nijmegen', status: 'draft' }, { slug: 'concept' });
  if (!draft.ok) throw new Error('draft fixture');
  await add('c2', {
    ...groningen,
    kind: 'coalitie',
    name: 'Wonen en Zorg Groningen',
    topics: ['ERTOE-1'],
    needs: [],
    partners: [{ name: 'Corporatie Noord', domain: 'wonen' }],
    lastVerifiedAt: '2026-11-01',
  });
  await add('i4', { ...groningen, name: 'Werkplaats Groningen', topics: ['ERTOE-1'], fundingEndsOn: '2026-11-01' });
  // Follow-up answers: C1 "ja" and I3 "nog bezig" about C1–I3; C2 "nee" about C2–I4; I4 and I1–I2 not (yet).
  const answers: Record<string, FollowUpAnswer | null> = { c1: 'ja', i3: 'nog-bezig', c2: 'nee', i4: null };
  for (const [x, y] of [
    ['c1', 'i3'],
    ['c2', 'i4'],
    ['i1', 'i2'],
  ] as const) {
    const [low, high] = [ids[x]!, ids[y]!].sort((a, b) => a - b);
    const { id } = await db
      .insertInto('partnerships')
      .values({ entry_low_id: low!, entry_high_id: high! })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const side of [x, y]) {
      if (!(side in answers)) continue;
      const answer = answers[side]!;
      await db
        .insertInto('partnership_followups')
        .values({
          partnership_id: id,
          entry_id: ids[side]!,
          due_at: '2026-11-01T00:00:00Z',
          asked_at: '2026-11-01T00:00:00Z',
          answer,
          answered_at: answer ? '2026-11-10T00:00:00Z' : null,
        })
        .execute();
    }
  }
}

const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  await seedWorld(db);
});

const page = async (layer: Parameters<typeof regionPage>[1], code: string) => {
  const data = await regionPage({ db: database.db, search: null, now: NOW }, layer, code);
  if (!data) throw new Error(`no page for ${layer}:${code}`);
  return data;
};

const NATIONAL = {
  coalities: 2,
  initiatieven: 4,
  partnerships: 3,
  partneredInitiatieven: 3,
  stale: 3,
  fundingEnding: 2,
  followUps: { ja: 1, 'nog-bezig': 1, nee: 1 },
};

/** Nijmegen's figures, counted by hand from the fixture above (Gelderland has the same entries). */
const NIJMEGEN = {
  coalities: 1,
  initiatieven: 3,
  partnerships: 2,
  partneredInitiatieven: 2,
  stale: 2,
  fundingEnding: 2,
  followUps: { ja: 1, 'nog-bezig': 1, nee: 0 },
};

describe('pure helpers', () => {
  it('classifies matrix cells and overlaps', () => {
    expect([matrixStatus(1, 2), matrixStatus(3, 0), matrixStatus(0, 1), matrixStatus(0, 0)]).toEqual([
      'beide',
      'alleen-formeel',
      'alleen-informeel',
      'witte-vlek',
    ]);
    expect([overlapRelation(5, 5, 5), overlapRelation(3, 10, 3), overlapRelation(4, 4, 12), overlapRelation(2, 14, 8)]).toEqual([
      'gelijk',
      'omvat',
      'binnen',
      'deels',
    ]);
  });
});

describe.runIf(hasGeodata)('region page figures on a hand-counted fixture', () => {
  it('counts the gemeente Nijmegen and the country as counted by hand', async () => {
    const nijmegen = await page('gemeente', 'GM0268');
    expect(nijmegen.region).toEqual({ layer: 'gemeente', code: 'GM0268', name: 'Nijmegen' });
    expect(nijmegen.figures.region).toEqual(NIJMEGEN);
    expect(nijmegen.figures.national).toEqual(NATIONAL);
    expect(nijmegen.asOf).toBe('2026-12-03');
  });

  it('counts an entry covering two gemeenten of a provincie once', async () => {
    const gelderland = await page('provincie', 'PV25');
    expect(gelderland.figures.region).toEqual(NIJMEGEN);
    const arnhem = await page('gemeente', 'GM0202');
    expect(arnhem.figures.region).toEqual({
      coalities: 1,
      initiatieven: 0,
      partnerships: 1,
      partneredInitiatieven: 0,
      stale: 0,
      fundingEnding: 1,
      followUps: { ja: 1, 'nog-bezig': 1, nee: 0 },
    });
    const groningen = await page('provincie', 'PV20');
    expect(groningen.figures.region).toEqual({
      coalities: 1,
      initiatieven: 1,
      partnerships: 1,
      partneredInitiatieven: 1,
      stale: 1,
      fundingEnding: 0,
      followUps: { ja: 0, 'nog-bezig': 0, nee: 1 },
    });
  });

  it('builds the agenda matrix: both, only formal, only informal and white spots', async () => {
    const { matrix } = await page('gemeente', 'GM0268');
    expect(matrix).toHaveLength(20);
    const cell = (topic: string) => matrix.find((row) => row.topic === topic);
    expect(cell('VITAAL-3')).toEqual({ topic: 'VITAAL-3', formal: 1, informal: 1, status: 'beide' });
    expect(cell('MEE-2')).toEqual({ topic: 'MEE-2', formal: 1, informal: 1, status: 'beide' });
    expect(cell('ERTOE-4')).toEqual({ topic: 'ERTOE-4', formal: 1, informal: 0, status: 'alleen-formeel' });
    expect(cell('SAMEN-2')).toEqual({ topic: 'SAMEN-2', formal: 0, informal: 1, status: 'alleen-informeel' });
    expect(cell('DIGITAAL-1')).toEqual({ topic: 'DIGITAAL-1', formal: 0, informal: 1, status: 'alleen-informeel' });
    // ERTOE-1 is worked on in Groningen only: a white spot in Nijmegen.
    expect(cell('ERTOE-1')?.status).toBe('witte-vlek');
    expect(matrix.filter((row) => row.status === 'witte-vlek')).toHaveLength(15);
  });

  it('sets the partner-domain mix of the coalities next to the national mix', async () => {
    const { domains } = await page('gemeente', 'GM0268');
    expect(domains.coalities).toEqual({ region: 1, national: 2 });
    const mix = Object.fromEntries(domains.rows.map((row) => [row.domain, [row.region, row.national]]));
    expect(mix).toEqual({
      zorgaanbieders: [1, 1],
      welzijn: [1, 1],
      wonen: [0, 1],
      overheid: [0, 0],
      financiers: [0, 0],
      burgers: [1, 1],
      overig: [0, 0],
    });
  });

  it('lists the initiatieven without a formal partner with their best proposal, and the partnerships as lines', async () => {
    const nijmegen = await page('gemeente', 'GM0268');
    expect(nijmegen.withoutPartner.total).toBe(1);
    expect(nijmegen.withoutPartner.items.map((item) => item.slug)).toEqual(['i2']);
    expect(nijmegen.withoutPartner.items[0]!.proposal?.entry.slug).toBe('c1');
    expect(nijmegen.partnerships.total).toBe(2);
    const pairs = nijmegen.partnerships.lines.map((line) => [line.a.slug, line.b.slug].sort().join('–')).sort();
    expect(pairs).toEqual(['c1–i3', 'i1–i2']);
    expect(nijmegen.partnerships.lines[0]!.a.lat).toBeTypeOf('number');
  });

  it('translates the wirwar: a gemeente lists every region it lies in', async () => {
    const nijmegen = await page('gemeente', 'GM0268');
    expect(nijmegen.gemeenten).toEqual([{ code: 'GM0268', name: 'Nijmegen' }]);
    expect(Object.fromEntries(nijmegen.memberships.map((m) => [m.layer, m.code]))).toEqual({
      provincie: 'PV25',
      ggd: 'GG2014',
      zorgkantoor: 'ZK16',
      corop: 'CR15',
    });
    expect(nijmegen.overlaps).toEqual([]);
  });

  it('translates the wirwar: zorgkantoorregio Nijmegen spans two GGD-regio’s and two provincies, partly', async () => {
    const zk16: RegionPageData = await page('zorgkantoor', 'ZK16');
    expect(zk16.gemeenten).toHaveLength(14);
    expect(zk16.gemeenten.map((g) => g.code)).toContain('GM0268');
    const of = (layer: Overlap['layer']) => zk16.overlaps.filter((o) => o.layer === layer).map((o) => [o.code, o.shared, o.relation]);
    expect(of('ggd')).toEqual([
      ['GG2014', 12, 'deels'],
      ['GG6011', 2, 'deels'],
    ]);
    expect(of('provincie')).toEqual([
      ['PV25', 12, 'deels'],
      ['PV31', 2, 'deels'],
    ]);
    // GGD Gelderland-Zuid has 14 gemeenten, 12 of them in this zorgkantoorregio.
    expect(zk16.overlaps.find((o) => o.code === 'GG2014')?.total).toBe(14);
    expect(zk16.overlaps.every((o) => o.layer !== 'zorgkantoor' && o.layer !== 'gemeente')).toBe(true);
  });

  it('says a GGD-regio lies wholly inside its provincie, and the provincie contains it', async () => {
    const ggd = await page('ggd', 'GG2014');
    expect(ggd.overlaps.find((o) => o.layer === 'provincie')).toMatchObject({ code: 'PV25', shared: 14, total: 51, relation: 'binnen' });
    const gelderland = await page('provincie', 'PV25');
    expect(gelderland.overlaps.find((o) => o.code === 'GG2014')).toMatchObject({ shared: 14, total: 14, relation: 'omvat' });
  });

  it('keeps the national figures per data version: a new partnership shows at once', async () => {
    const before = await page('gemeente', 'GM0014');
    expect(before.figures.national.partnerships).toBe(3);
    const { db } = database;
    const ids = await db.selectFrom('entries').select(['id', 'slug']).where('slug', 'in', ['i2', 'c2']).execute();
    const [low, high] = ids.map((row) => row.id).sort((a, b) => a - b);
    const inserted = await db
      .insertInto('partnerships')
      .values({ entry_low_id: low!, entry_high_id: high! })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      const after = await page('gemeente', 'GM0014');
      expect(after.figures.national.partnerships).toBe(4);
      expect(after.figures.national.partneredInitiatieven).toBe(4);
      expect(after.figures.region.partnerships).toBe(2);
    } finally {
      await db.deleteFrom('partnerships').where('id', '=', inserted.id).execute();
    }
    expect((await page('gemeente', 'GM0014')).figures.national.partnerships).toBe(3);
  });

  it('counts a follow-up answer as soon as it is given', async () => {
    expect((await page('gemeente', 'GM0014')).figures.region.followUps).toEqual({ ja: 0, 'nog-bezig': 0, nee: 1 });
    const { db } = database;
    const i4 = await db.selectFrom('entries').select('id').where('slug', '=', 'i4').executeTakeFirstOrThrow();
    await db
      .updateTable('partnership_followups')
      .where('entry_id', '=', i4.id)
      .set({ answer: 'ja', answered_at: '2026-12-02T12:00:00Z' })
      .execute();
    try {
      const after = await page('gemeente', 'GM0014');
      expect(after.figures.region.followUps).toEqual({ ja: 1, 'nog-bezig': 0, nee: 1 });
      expect(after.figures.national.followUps).toEqual({ ja: 2, 'nog-bezig': 1, nee: 1 });
    } finally {
      await db.updateTable('partnership_followups').where('entry_id', '=', i4.id).set({ answer: null, answered_at: null }).execute();
    }
  });
});

describe.runIf(hasGeodata)('region routes', () => {
  const context = () => testLoadContext(database.db);

  it('renders every layer and answers unknown layers and codes with a Dutch 404, never a 500', async () => {
    for (const [layer, code] of [
      ['gemeente', 'GM0268'],
      ['provincie', 'PV25'],
      ['ggd', 'GG2014'],
      ['zorgkantoor', 'ZK16'],
      ['corop', 'CR15'],
    ]) {
      const outcome = await callLoader(pageLoader, `/regio/${layer}/${code}`, context(), { layer: layer!, code: code! });
      expect(outcome.status, `${layer}:${code}`).toBe(200);
      expect((outcome.body as { canonicalUrl: string }).canonicalUrl).toBe(`http://localhost:3000/regio/${layer}/${code}`);
    }
    // One address per region: lower case is sent on to the capitals.
    const lower = await callLoader(pageLoader, '/regio/gemeente/gm0268?pagina=2', context(), { layer: 'gemeente', code: 'gm0268' });
    expect(lower).toMatchObject({ status: 301, location: '/regio/gemeente/GM0268?pagina=2' });
    const twice = await callLoader(pickerLoader, '/regio?q=Oss&q=Uden', context());
    expect(twice.status).toBe(400);
    expect((twice.body as { errors: Record<string, string> }).errors).toEqual({ q: 'Geef deze parameter één keer mee.' });
    for (const [layer, code] of [
      ['wijk', 'GM0268'],
      ['provincie', 'PV99'],
      ['gemeente', 'nijmegen'],
      ['gemeente', "GM0268'; drop table entries"],
      ['ggd', ''],
    ]) {
      const outcome = await callLoader(pageLoader, `/regio/${layer}/x`, context(), { layer: layer!, code: code! });
      expect(outcome.status, `${layer}:${code}`).toBe(404);
      expect(JSON.stringify(outcome.body)).toContain('Deze regio kennen we niet');
    }
  });

  it('finds regions by name across the layers', async () => {
    const catalog = await regionCatalog(database.db, geoSource);
    const found = searchRegions(catalog.regions, 'nijmegen').map((r) => `${r.layer}:${r.code}`);
    expect(found).toEqual(expect.arrayContaining(['gemeente:GM0268', 'zorgkantoor:ZK16', 'corop:CR15']));
    expect(found[0]).toBe('gemeente:GM0268');
    expect(searchRegions(catalog.regions, 's-hertogenbosch').map((r) => r.name)).toContain("'s-Hertogenbosch");
    const outcome = await callLoader(pickerLoader, '/regio?q=Gelderland', context());
    expect(outcome.status).toBe(200);
    expect(JSON.stringify(outcome.body)).toContain('provincie');
  });

  it('takes "mijn gemeente" by name or 4-digit postcode to the gemeente page', async () => {
    for (const plaats of ['6525', 'Nijmegen', '6525 AB']) {
      const outcome = await callLoader(pickerLoader, `/regio?${new URLSearchParams({ plaats })}`, context());
      expect(outcome.status, plaats).toBe(302);
    }
    const response = await pickerLoader({
      request: new Request('http://localhost/regio?plaats=6525'),
      params: {},
      context: context(),
    }).catch((thrown: unknown) => thrown);
    expect((response as Response).headers.get('Location')).toBe('/regio/gemeente/GM0268');
    const none = await callLoader(pickerLoader, '/regio?plaats=Atlantis', context());
    expect(none.status).toBe(200);
    expect((none.body as { places: unknown[] }).places).toEqual([]);
    const tooLong = await callLoader(pickerLoader, `/regio?q=${'a'.repeat(61)}`, context());
    expect(tooLong.status).toBe(400);
    expect((tooLong.body as { errors: Record<string, string> }).errors.q).toBe('Typ hooguit 60 tekens.');
  });
});
