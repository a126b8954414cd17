import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exclusionOf, matchContext } from '~/matching/score';
import { checkWorld, matchWorld, worldProfile, type World } from '~/matching/world';
import { worldRegionsFromGeodata } from '~/matching/world-regions.server';
import { GEO_DIR, GEO_YEAR, hasGeodata, requireGeodataInCi, ROOT } from '../support/paths';

/**
 * The labelled evaluation set (tests/matching/evaluation-set.json): initiatives with the coalities a
 * verbinder would introduce them to, each with a one-line rationale. The matcher's first proposal
 * must be one of them for at least 90 % of the initiatives, and no proposal may break an exclusion.
 */

type EvaluationSet = { world: unknown; labels: Array<{ initiative: string; introduce: string[]; rationale: string }> };

requireGeodataInCi();
const set = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/matching/evaluation-set.json'), 'utf8')) as EvaluationSet;

describe.skipIf(!hasGeodata)('evaluation set', () => {
  const regions = worldRegionsFromGeodata(GEO_DIR, GEO_YEAR);
  if ('missing' in regions) throw new Error(`geodata missing: ${regions.missing.join(', ')}`);
  const checked = checkWorld(set.world, regions.gemeenten);
  if (!checked.ok) throw new Error(checked.message);
  const world: World = checked.world;
  const proposals = matchWorld(world, regions.gemeenten, regions.names, 10);

  it('labels at least 30 initiatives, each with coalities of the world and a rationale', () => {
    expect(set.labels.length).toBeGreaterThanOrEqual(30);
    const kinds = new Map(world.entries.map((e) => [e.id, e.kind]));
    for (const label of set.labels) {
      expect(kinds.get(label.initiative), label.initiative).toBe('initiatief');
      expect(label.introduce.length).toBeGreaterThan(0);
      for (const id of label.introduce) expect(kinds.get(id), id).toBe('coalitie');
      expect(label.rationale.length).toBeGreaterThan(20);
    }
  });

  it('puts a labelled coalitie first for at least 90 % of the initiatives (precision@1), and most within the top 3', () => {
    const firstHits = set.labels.filter((l) => l.introduce.includes(proposals[l.initiative]?.[0]?.id ?? ''));
    const top3Hits = set.labels.filter((l) => proposals[l.initiative]!.slice(0, 3).some((p) => l.introduce.includes(p.id)));
    const reciprocalRanks = set.labels.map((l) => {
      const rank = proposals[l.initiative]!.findIndex((p) => l.introduce.includes(p.id));
      return rank < 0 ? 0 : 1 / (rank + 1);
    });
    const precisionAt1 = firstHits.length / set.labels.length;
    const mrr = reciprocalRanks.reduce((a, b) => a + b, 0) / set.labels.length;
    console.log(
      `evaluation: ${set.labels.length} initiatives, precision@1 ${precisionAt1.toFixed(3)}, hit@3 ${(top3Hits.length / set.labels.length).toFixed(3)}, MRR ${mrr.toFixed(3)}`,
    );
    expect(precisionAt1).toBeGreaterThanOrEqual(0.9);
    expect(top3Hits.length / set.labels.length).toBeGreaterThanOrEqual(0.9);
  });

  it('never proposes an excluded pair: same kind, a partner by name, a recorded partnership or a dismissal', () => {
    const profiles = new Map(world.entries.map((e) => [e.id, worldProfile(e, regions.gemeenten)]));
    const context = matchContext(world);
    let checkedPairs = 0;
    for (const [id, list] of Object.entries(proposals)) {
      for (const proposal of list) {
        expect(exclusionOf(profiles.get(id)!, profiles.get(proposal.id)!, context), `${id} → ${proposal.id}`).toBeNull();
        checkedPairs++;
      }
    }
    expect(checkedPairs).toBeGreaterThan(100);
    // The situations the set was built to test: existing partners and a dismissal are never proposed.
    expect(proposals['i-onshuis']!.map((p) => p.id)).not.toContain('c-oss');
    expect(proposals['i-denktank']!.map((p) => p.id)).not.toContain('c-drenthe');
    expect(proposals['i-burgerkracht']!.map((p) => p.id)).not.toContain('c-mijnstreek');
    expect(proposals['i-kerkrade']!.map((p) => p.id)).not.toContain('c-palliatief-oost');
    expect(proposals['i-lent']!.map((p) => p.id)).not.toContain('c-nijmegen-dementie');
    expect(proposals['c-nijmegen-dementie']!.map((p) => p.id)).not.toContain('i-lent');
  });
});
