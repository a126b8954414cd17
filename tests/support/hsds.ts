import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ROOT } from './paths';

/**
 * The Open Referral HSDS 3.0 schema files are not in the repository (CC BY-SA): locally they are
 * read from ../shared/data/hsds, in CI .ci/run copies them into the git-ignored tests/.hsds.
 */
const CANDIDATES = [path.join(ROOT, 'tests/.hsds'), path.resolve(ROOT, '../shared/data/hsds')];
export const HSDS_DIR = CANDIDATES.find((dir) => fs.existsSync(path.join(dir, 'service.json'))) ?? null;

/** In CI the schemas are part of the set-up: a missing copy must fail the run, not skip tests. */
export function hsdsAvailable(): boolean {
  if (!HSDS_DIR && process.env.CI === 'true') throw new Error('HSDS schemas missing: .ci/run must copy them into tests/.hsds.');
  return HSDS_DIR !== null;
}

/**
 * A validator for one HSDS object type (`service`, `organization`, …). The files are draft-07 style
 * schemas that refer to each other by file name and carry Frictionless keywords (`constraints`,
 * `core`, …), which are annotations here: strict mode is off for them.
 */
export function hsdsValidator(type: string): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of fs.readdirSync(HSDS_DIR!)) {
    if (file.endsWith('.json') && file !== 'openapi.json') {
      ajv.addSchema(JSON.parse(fs.readFileSync(path.join(HSDS_DIR!, file), 'utf8')) as object, file);
    }
  }
  return ajv.getSchema(`${type}.json`)!;
}
