import crypto from 'node:crypto';
import fs from 'node:fs';
import type { DB } from '~/db/db.server';
import {
  boundaryFileCandidates,
  computeRegionTable,
  readBoundaries,
  RegionLocator,
  type Boundaries,
  type RegionProperties,
} from './geodata.server';
import type { GemeentePoint } from '~/places/places';
import { REGION_LAYERS, type RegionLayer, type RegionMembership } from './region-layers';

export type GeoSource = { geoDir: string; year: number };

export type GeodataStatus =
  { available: true; year: number; municipalities: number } | { available: false; year: number; missing: string[]; geoDir: string };

/** A content fingerprint of the boundary files, so the derived table is only recomputed when they change. */
function fingerprint({ geoDir, year }: GeoSource): string {
  const hash = crypto.createHash('sha256');
  for (const { file } of REGION_LAYERS) {
    const found = boundaryFileCandidates(geoDir, file, year).find((candidate) => fs.existsSync(candidate));
    if (found) hash.update(found).update(fs.readFileSync(found));
  }
  return hash.digest('hex');
}

let cached: { key: string; boundaries: Boundaries; gemeenten: RegionLocator } | undefined;

/** Boundaries read once per process and GEO_DIR. */
export function loadBoundaries(source: GeoSource): Boundaries {
  const key = `${source.geoDir}|${source.year}`;
  if (cached?.key !== key) {
    const boundaries = readBoundaries(source.geoDir, source.year);
    cached = { key, boundaries, gemeenten: new RegionLocator(boundaries.layers.gemeente ?? []) };
  }
  return cached.boundaries;
}

/** The gemeente that contains a point, by point-in-polygon on the gemeente boundaries. */
export function locateGemeente(source: GeoSource, lng: number, lat: number): RegionProperties | null {
  loadBoundaries(source);
  return cached!.gemeenten.locate(lng, lat);
}

const GEODATA_FINGERPRINT = 'geodata_fingerprint';

/**
 * The fingerprint of the geodata the region tables were last loaded from ('' before the first
 * load): the tables change only together with it, so it versions whatever is derived from them.
 */
export async function regionTablesVersion(db: DB): Promise<string> {
  const stored = await db.selectFrom('app_meta').select('value').where('key', '=', GEODATA_FINGERPRINT).executeTakeFirst();
  return stored?.value ?? '';
}

/**
 * Makes the municipalities/regions tables match the boundary files in GEO_DIR, in one transaction.
 * Returns what it did; without geodata it leaves the tables as they are and says what is missing.
 */
export async function syncRegionTables(
  db: DB,
  source: GeoSource,
): Promise<{ status: 'loaded' | 'unchanged' | 'missing'; missing: string[]; municipalities: number }> {
  const boundaries = loadBoundaries(source);
  if (!boundaries.layers.gemeente) {
    return { status: 'missing', missing: boundaries.missing, municipalities: 0 };
  }
  const print = fingerprint(source);
  if ((await regionTablesVersion(db)) === print) {
    const { count } = await db
      .selectFrom('municipalities')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return { status: 'unchanged', missing: boundaries.missing, municipalities: Number(count) };
  }

  const table = computeRegionTable(boundaries);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('municipality_regions').execute();
    await trx.deleteFrom('municipalities').execute();
    await trx.deleteFrom('regions').execute();
    for (const region of table.regions) {
      await trx
        .insertInto('regions')
        .values({ ...region, year: table.year })
        .execute();
    }
    for (const m of table.municipalities) {
      await trx.insertInto('municipalities').values({ code: m.code, name: m.name, year: table.year, lat: m.lat, lng: m.lng }).execute();
      const memberships = Object.entries(m.regions).map(([layer, region_code]) => ({
        gemeente_code: m.code,
        layer: layer as RegionLayer,
        region_code,
      }));
      if (memberships.length) await trx.insertInto('municipality_regions').values(memberships).execute();
    }
    await trx
      .insertInto('app_meta')
      .values({ key: GEODATA_FINGERPRINT, value: print })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: print }))
      .execute();
  });
  return { status: 'loaded', missing: boundaries.missing, municipalities: table.municipalities.length };
}

export async function geodataStatus(db: DB, source: GeoSource): Promise<GeodataStatus> {
  return (await regionCatalog(db, source)).status;
}

/** For each gemeente: itself and every region it lies in, with names. */
export async function regionsOfGemeenten(db: DB, codes: string[]): Promise<Map<string, RegionMembership[]>> {
  const result = new Map<string, RegionMembership[]>();
  if (codes.length === 0) return result;
  const gemeenten = await db.selectFrom('municipalities').select(['code', 'name']).where('code', 'in', codes).execute();
  for (const g of gemeenten) result.set(g.code, [{ layer: 'gemeente', code: g.code, name: g.name }]);
  const rows = await db
    .selectFrom('municipality_regions as mr')
    .innerJoin('regions as r', (join) => join.onRef('r.layer', '=', 'mr.layer').onRef('r.code', '=', 'mr.region_code'))
    .select(['mr.gemeente_code', 'mr.layer', 'mr.region_code', 'r.name'])
    .where('mr.gemeente_code', 'in', codes)
    .execute();
  for (const row of rows) {
    result.get(row.gemeente_code)?.push({ layer: row.layer, code: row.region_code, name: row.name });
  }
  return result;
}

export async function listMunicipalities(db: DB): Promise<GemeentePoint[]> {
  return db.selectFrom('municipalities').select(['code', 'name', 'lat', 'lng']).orderBy('name').execute();
}

/** What the directory shows of the region tables: whether they are loaded, and every region. */
export type RegionCatalog = { status: GeodataStatus; regions: RegionMembership[] };

/**
 * Per database handle: the catalog and the version it was read for. Kept as a promise, so that
 * concurrent requests after a change share one read.
 */
const catalogs = new WeakMap<DB, { version: string; catalog: Promise<RegionCatalog> }>();

/**
 * The region catalog, read once per version of the region tables: they change only with the
 * geodata, together with its fingerprint, so one primary-key lookup per call tells whether the
 * lists are still current, also when another process reloaded them. The home page used to query
 * and sort every region and gemeente on every request, synchronously on the event loop.
 */
export async function regionCatalog(db: DB, source: GeoSource): Promise<RegionCatalog> {
  const version = `${await regionTablesVersion(db)}|${source.geoDir}|${source.year}`;
  const cached = catalogs.get(db);
  if (cached?.version === version) return cached.catalog;
  const catalog = readRegionCatalog(db, source);
  catalogs.set(db, { version, catalog });
  // A failed read is not kept: the next call tries again.
  catalog.catch(() => {
    if (catalogs.get(db)?.catalog === catalog) catalogs.delete(db);
  });
  return catalog;
}

async function readRegionCatalog(db: DB, source: GeoSource): Promise<RegionCatalog> {
  const [regions, { count }] = await Promise.all([
    db.selectFrom('regions').select(['layer', 'code', 'name']).orderBy('name').execute(),
    db
      .selectFrom('municipalities')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  const municipalities = Number(count);
  const status: GeodataStatus =
    municipalities > 0
      ? { available: true, year: source.year, municipalities }
      : { available: false, year: source.year, geoDir: source.geoDir, missing: loadBoundaries(source).missing };
  return { status, regions };
}
