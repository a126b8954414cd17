import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfig } from '../app/config.server';
import { checkWorld, matchWorld } from '../app/matching/world';
import { worldRegionsFromGeodata } from '../app/matching/world-regions.server';

/**
 * npm run match -- --world FILE [--top K]: proposals for every entry of a JSON world, as JSON on
 * stdout, with no server and no database (docs/matching.md). Problems go to stderr in Dutch:
 * exit code 2 for a bad world or bad arguments, 1 when the region data is missing.
 */

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let args: { world?: string; top?: string };
try {
  args = parseArgs({ options: { world: { type: 'string' }, top: { type: 'string', default: '10' } } }).values;
} catch {
  fail(2, 'Gebruik: npm run match -- --world BESTAND [--top K]');
}
if (!args.world) fail(2, 'Geef een wereld op: npm run match -- --world BESTAND [--top K]');
const top = Number(args.top);
if (!Number.isInteger(top) || top < 1 || top > 1000) fail(2, `--top moet een heel getal van 1 tot en met 1000 zijn, niet "${args.top}".`);

let data: unknown;
try {
  data = JSON.parse(fs.readFileSync(args.world, 'utf8'));
} catch (error) {
  const reason = error instanceof SyntaxError ? `geen geldige JSON (${error.message})` : 'het bestand kan niet gelezen worden';
  fail(2, `De wereld ${args.world} is onbruikbaar: ${reason}.`);
}

const config = readConfig();
const regions = worldRegionsFromGeodata(config.geoDir, config.GEO_YEAR);
if ('missing' in regions) fail(1, `Regiogegevens ontbreken in ${config.geoDir}: ${regions.missing.join(', ')}. Zie README, "Geodata".`);

const checked = checkWorld(data, regions.gemeenten);
if (!checked.ok) fail(2, checked.message);
const proposals = matchWorld(checked.world, regions.gemeenten, regions.names, top);
const output = Object.fromEntries(
  Object.entries(proposals).map(([id, list]) => [
    id,
    list.map(({ id: partner, score, reasons, gaps }) => ({ id: partner, score, reasons, gaps })),
  ]),
);
process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
