import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readConfig } from '../app/config.server';
import { parseBoundaryFile } from '../app/regions/geodata.server';
import { REGION_LAYERS } from '../app/regions/region-layers';
import { errorMessage } from '../app/utils/error-message';

/**
 * `npm run geo:fetch -- --year 2025`: downloads the official CBS gebiedsindelingen
 * (published by PDOK, CC BY 4.0) as WGS84 GeoJSON into GEO_DIR, one file per layer.
 */
const { values } = parseArgs({ options: { year: { type: 'string', default: String(new Date().getFullYear() - 1) } } });
const year = z.coerce.number().int().min(2016).max(2100).parse(values.year);
const geoDir = readConfig().geoDir;
fs.mkdirSync(geoDir, { recursive: true });

function wfsUrl(layer: string): string {
  const url = new URL(`https://service.pdok.nl/cbs/gebiedsindelingen/${year}/wfs/v1_0`);
  url.search = new URLSearchParams({
    service: 'WFS',
    version: '2.0.0',
    request: 'GetFeature',
    typeNames: `gebiedsindelingen:${layer}_gegeneraliseerd`,
    outputFormat: 'application/json',
    srsName: 'EPSG:4326',
    count: '5000',
  }).toString();
  return url.toString();
}

type Geometry = { type: string; coordinates: unknown };

/** WFS 2.0 may answer EPSG:4326 in latitude/longitude order; GeoJSON wants longitude first. */
function toLonLat(collection: { features: Array<{ geometry: Geometry | null }> }) {
  const swap = (value: unknown): unknown =>
    Array.isArray(value) && typeof value[0] === 'number' ? [value[1], value[0]] : Array.isArray(value) ? value.map(swap) : value;
  const first = JSON.stringify(collection.features[0]?.geometry?.coordinates ?? []).match(/-?\d+(\.\d+)?/);
  if (!first || Number(first[0]) < 40) return collection; // Dutch longitudes are < 8, latitudes > 50
  for (const feature of collection.features) if (feature.geometry) feature.geometry.coordinates = swap(feature.geometry.coordinates);
  return collection;
}

let failed = false;
for (const { file, plural } of REGION_LAYERS) {
  const target = path.join(geoDir, `${file}_${year}.geojson`);
  try {
    const response = await fetch(wfsUrl(file), { signal: AbortSignal.timeout(120_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = JSON.stringify(toLonLat(await response.json()));
    const features = parseBoundaryFile(text);
    if (features.length === 0) throw new Error('no features with statcode/statnaam');
    fs.writeFileSync(`${target}.part`, text);
    fs.renameSync(`${target}.part`, target);
    console.log(`${plural}: ${features.length} → ${path.relative(process.cwd(), target)}`);
  } catch (error) {
    failed = true;
    console.error(`${plural}: download failed (${errorMessage(error)}).`);
  }
}
if (failed) {
  console.error('Some layers could not be downloaded. Without internet, copy prepared boundary files into GEO_DIR instead.');
  process.exit(1);
}
