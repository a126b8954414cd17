import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GEO_DIR, hasGeodata, requireGeodataInCi, ROOT, tempPath } from '../support/paths';

/** `npm run match` as a partner would run it: a spawned process, a JSON world in, JSON on stdout, Dutch errors on stderr. */

requireGeodataInCi();

const entry = (id: string, kind: 'initiatief' | 'coalitie', extra: Record<string, unknown> = {}) => ({
  id,
  kind,
  name: `Vermelding ${id}`,
  topics: ['VITAAL-3'],
  gemeenten: ['GM0268'],
  location: { lat: 51.82, lng: 5.79 },
  needs: kind === 'initiatief' ? ['financiering', 'vervoer'] : [],
  offers: kind === 'coalitie' ? ['financiering'] : [],
  ...extra,
});

const WORLD = {
  entries: [
    entry('i1', 'initiatief'),
    entry('i2', 'initiatief', { gemeenten: ['GM0296'], location: { lat: 51.81, lng: 5.72 }, topics: ['VITAAL-4'] }),
    entry('c1', 'coalitie', { gemeenten: ['GM0268', 'GM0296'], location: { lat: 51.84, lng: 5.86 } }),
    entry('c2', 'coalitie', { topics: ['MEE-3'], gemeenten: ['GM0106'], location: { lat: 52.99, lng: 6.56 }, offers: ['vervoer'] }),
    entry('c3', 'coalitie', { gemeenten: ['GM0344'], location: { lat: 52.09, lng: 5.12 } }),
  ],
  partnerships: [['i2', 'c1']],
};

function run(world: unknown, ...extra: string[]) {
  const file = tempPath('world', '.json');
  fs.writeFileSync(file, typeof world === 'string' ? world : JSON.stringify(world));
  try {
    return spawnSync('npm', ['run', '--silent', 'match', '--', '--world', file, ...extra], {
      cwd: ROOT,
      env: { ...process.env, GEO_DIR },
      encoding: 'utf8',
      timeout: 60_000,
    });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe.skipIf(!hasGeodata)('npm run match', () => {
  it('prints proposals for every entry of either kind as JSON, best first, at most K', () => {
    const result = run(WORLD, '--top', '2');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const output = JSON.parse(result.stdout) as Record<string, Array<{ id: string; score: number; reasons: string[]; gaps: string[] }>>;
    expect(Object.keys(output).sort()).toEqual(['c1', 'c2', 'c3', 'i1', 'i2']);
    expect(output.i1!.map((p) => p.id)).toEqual(['c1', 'c3']);
    expect(output.i1![0]!.reasons).toContain('Het werkgebied van deze coalitie omvat Nijmegen');
    expect(output.i1![0]!.gaps).toEqual(['Zoekt vervoer — deze coalitie biedt dat niet']);
    for (const list of Object.values(output)) {
      expect(list.length).toBeLessThanOrEqual(2);
      const scores = list.map((p) => p.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const p of list) {
        expect(p.score).toBeGreaterThan(0);
        expect(p.score).toBeLessThanOrEqual(1);
      }
    }
    // A recorded partnership is never proposed, from either side.
    expect(output.i2!.map((p) => p.id)).not.toContain('c1');
    expect(output.c1!.map((p) => p.id)).toEqual(['i1']);
  });

  it.each([
    [
      'an unknown gemeente',
      { entries: [entry('i1', 'initiatief', { gemeenten: ['GM9999'] })] },
      /Vermelding "i1" \(nummer 1\): onbekende gemeentecode "GM9999"/,
    ],
    [
      'an unknown topic',
      { entries: [entry('c1', 'coalitie'), entry('i7', 'initiatief', { topics: ['ZORG-9'] })] },
      /Vermelding "i7" \(nummer 2\): onbekende onderwerpcode "ZORG-9"/,
    ],
    [
      'an unknown need',
      { entries: [entry('i1', 'initiatief', { needs: ['geld'] })] },
      /Vermelding "i1" \(nummer 1\): onbekende code "geld" in needs/,
    ],
    ['a missing kind', { entries: [{ ...entry('i1', 'initiatief'), kind: 'stichting' }] }, /Vermelding "i1" \(nummer 1\): het veld kind/],
    ['no entries list', { items: [] }, /De wereld is ongeldig/],
    ['a pair with an unknown id', { entries: [entry('i1', 'initiatief')], dismissals: [['i1', 'x']] }, /In dismissals staat het id "x"/],
    ['malformed JSON', '{"entries": [', /geen geldige JSON/],
  ])('refuses %s: a Dutch line on stderr, exit code 2, nothing on stdout', (_, world, message) => {
    const result = run(world);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a bad --top', () => {
    const result = run(WORLD, '--top', 'nul');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--top moet een heel getal/);
  });
});
