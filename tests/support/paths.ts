import fs from 'node:fs';
import path from 'node:path';
import { boundaryFileCandidates } from '../../app/regions/geodata.server';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const TMP_DIR = path.join(ROOT, 'tests/.tmp');
export const GEO_DIR = path.resolve(ROOT, process.env.GEO_DIR ?? 'db/geo');
export const GEO_YEAR = 2025;

export const hasGeodata = boundaryFileCandidates(GEO_DIR, 'gemeente', GEO_YEAR).some((file) => fs.existsSync(file));

/** In CI the geodata is part of the set-up: a missing copy must fail the run, not skip tests. */
export function requireGeodataInCi(): void {
  if (!hasGeodata && process.env.CI === 'true') {
    throw new Error(`Geodata missing in ${GEO_DIR}: .ci/run must copy it there before the tests.`);
  }
}

export function tempPath(prefix: string, extension = ''): string {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  return path.join(TMP_DIR, `${prefix}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}${extension}`);
}
