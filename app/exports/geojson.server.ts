import type { Feature, MultiPolygon, Point } from 'geojson';
import { LRUCache } from 'lru-cache';
import { kindLabel } from '~/taxonomy/taxonomy';
import type { ExportEntry } from './export-entry';
import type { ExportContext, ExportWriter } from './export-writer';

/** The shape of an entry's werkgebied from its gemeente codes; null when the boundaries know none of them. */
export type WerkgebiedShape = (codes: readonly string[]) => MultiPolygon | null;

type EntryProperties = {
  slug: string;
  naam: string;
  soort: string;
  kind: ExportEntry['kind'];
  /** `locatie` for the point, `werkgebied` for the area feature that follows it with `werkgebied=1`. */
  geometrie: 'locatie' | 'werkgebied';
  samenvatting: string;
  plaats: string;
  gemeenten: ExportEntry['gemeenten'];
  onderwerpen: ExportEntry['topics'];
  zoekt: ExportEntry['needs'];
  biedt: ExportEntry['offers'];
  website: string | null;
  laatst_gecontroleerd: string | null;
  pagina: string;
};

const round = (value: number) => Math.round(value * 1e6) / 1e6;

function properties(entry: ExportEntry, context: ExportContext, geometrie: EntryProperties['geometrie']): EntryProperties {
  return {
    slug: entry.slug,
    naam: entry.name,
    soort: kindLabel(entry.kind),
    kind: entry.kind,
    geometrie,
    samenvatting: entry.summary,
    plaats: entry.place,
    gemeenten: entry.gemeenten,
    onderwerpen: entry.topics,
    zoekt: entry.needs,
    biedt: entry.offers,
    website: entry.website,
    laatst_gecontroleerd: entry.last_verified_at?.slice(0, 10) ?? null,
    pagina: `${context.origin}/entries/${entry.slug}`,
  };
}

/**
 * A FeatureCollection (RFC 7946: WGS 84, longitude before latitude) with one Point per entry and,
 * when `werkgebied` is given, a MultiPolygon feature after it for its werkgebied (the union of its
 * gemeenten). Shapes are kept per set of gemeenten: most entries share one with many others.
 */
export function geojsonWriter(context: ExportContext, werkgebied: WerkgebiedShape | null): ExportWriter {
  const shapes = new LRUCache<string, { shape: MultiPolygon | null }>({ max: 200 });
  const shapeOf = (codes: string[]) => {
    const key = codes.join(',');
    let hit = shapes.get(key);
    if (!hit) shapes.set(key, (hit = { shape: werkgebied!(codes) }));
    return hit.shape;
  };
  let first = true;
  const features = (entry: ExportEntry): Array<Feature<Point | MultiPolygon, EntryProperties>> => {
    const point: Feature<Point, EntryProperties> = {
      type: 'Feature',
      id: entry.slug,
      geometry: { type: 'Point', coordinates: [round(entry.lng), round(entry.lat)] },
      properties: properties(entry, context, 'locatie'),
    };
    const area = werkgebied ? shapeOf(entry.gemeenten.map((g) => g.code)) : null;
    if (!area) return [point];
    return [
      point,
      { type: 'Feature', id: `${entry.slug}#werkgebied`, geometry: area, properties: properties(entry, context, 'werkgebied') },
    ];
  };
  return {
    head: () => '{"type":"FeatureCollection","features":[\n',
    batch: (entries) => {
      const text = entries
        .flatMap(features)
        .map((feature) => JSON.stringify(feature))
        .join(',\n');
      const out = first || !text ? text : `,\n${text}`;
      if (text) first = false;
      return out;
    },
    tail: (count) => `\n],"numberMatched":${count}}\n`,
  };
}
