import { computeRegionTable, readBoundaries } from '~/regions/geodata.server';
import type { RegionNames } from './reasons';
import type { GemeenteRegions } from './world';

export type WorldRegions = { gemeenten: GemeenteRegions; names: RegionNames };

/**
 * The gemeente → region table straight from the boundary files in GEO_DIR, without a database:
 * what the offline matcher needs to relate gemeenten. Null names the files that are missing.
 */
export function worldRegionsFromGeodata(geoDir: string, year: number): WorldRegions | { missing: string[] } {
  const boundaries = readBoundaries(geoDir, year);
  if (!boundaries.layers.gemeente) return { missing: boundaries.missing };
  const table = computeRegionTable(boundaries);
  const names = new Map<string, string>();
  for (const region of table.regions) {
    names.set(`${region.layer}:${region.code}`, region.name);
    if (region.layer === 'gemeente') names.set(region.code, region.name);
  }
  const gemeenten = new Map(
    table.municipalities.map((m) => [
      m.code,
      { name: m.name, regions: Object.entries(m.regions).map(([layer, code]) => `${layer}:${code}`) },
    ]),
  );
  return { gemeenten, names: (codeOrRef) => names.get(codeOrRef) ?? codeOrRef };
}
