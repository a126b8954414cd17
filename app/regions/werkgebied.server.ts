import type { Feature, MultiPolygon } from 'geojson';
import { LRUCache } from 'lru-cache';
import type { DB } from '~/db/db.server';
import { strongEtag } from './etag.server';
import type { RegionProperties } from './geodata.server';
import { layerFileName, layerTopology, namedGemeenten, unionOfGemeenten } from './region-shapes.server';
import type { GeoSource } from './regions.server';

type WerkgebiedProperties = { slug: string; name: string; gemeenten: RegionProperties[] };
export type WerkgebiedFeature = Feature<MultiPolygon, WerkgebiedProperties>;

export type WerkgebiedResult =
  | { status: 'found'; body: string; etag: string }
  | { status: 'not-found' }
  | { status: 'no-geodata'; missing: string }
  /** Published, but none of its gemeenten is in the boundaries (e.g. codes of merged gemeenten). */
  | { status: 'no-area' };

// A union costs a few milliseconds and its JSON up to ~100 kB: keep the recently asked ones.
const cache = new LRUCache<string, { body: string; etag: string }>({
  max: 500,
  maxSize: 20_000_000,
  sizeCalculation: (v) => v.body.length,
});

/**
 * An entry's werkgebied as one GeoJSON Feature: the union of its coverage gemeenten, with the
 * gemeenten it is made of (those the boundaries know). Only published entries have one. Cached
 * per slug and updated_at (every save touches updated_at) and per version of the boundaries.
 */
export async function entryWerkgebied(db: DB, source: GeoSource, slug: string): Promise<WerkgebiedResult> {
  const entry = await db
    .selectFrom('entries')
    .select(['id', 'slug', 'name', 'updated_at'])
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!entry) return { status: 'not-found' };
  const gemeenten = layerTopology(source, 'gemeente');
  if (!gemeenten) return { status: 'no-geodata', missing: layerFileName('gemeente', source.year) };

  const key = `${entry.slug}|${entry.updated_at}|${gemeenten.etag}`;
  const hit = cache.get(key);
  if (hit) return { status: 'found', ...hit };

  const codes = (
    await db.selectFrom('entry_coverage').select('gemeente_code').where('entry_id', '=', entry.id).orderBy('gemeente_code').execute()
  ).map((row) => row.gemeente_code);
  const geometry = unionOfGemeenten(source, codes);
  if (!geometry) return { status: 'no-area' };
  const feature: WerkgebiedFeature = {
    type: 'Feature',
    geometry,
    properties: { slug: entry.slug, name: entry.name, gemeenten: namedGemeenten(source, codes) },
  };
  const body = JSON.stringify(feature);
  const cached = { body, etag: strongEtag(body) };
  cache.set(key, cached);
  return { status: 'found', ...cached };
}
