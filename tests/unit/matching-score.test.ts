import { describe, expect, it } from 'vitest';
import {
  classUpperBound,
  distanceKm,
  exclusionOf,
  matchContext,
  matchLabel,
  MATCH_WEIGHTS,
  normalizeName,
  rankCandidates,
  scorePair,
  spreadPenalty,
  type MatchProfile,
} from '~/matching/score';

/** The scoring module on hand-made profiles: each component, the exclusions, ties and the retrieval bounds. */

const NIJMEGEN = { lat: 51.82, lng: 5.79 };
const profile = (id: string, kind: MatchProfile['kind'], extra: Partial<MatchProfile> = {}): MatchProfile => ({
  id,
  kind,
  name: `Vermelding ${id}`,
  published: true,
  topics: ['VITAAL-3'],
  needs: [],
  offers: [],
  gemeenten: ['GM0268'],
  regions: ['corop:CR15', 'ggd:GG2014', 'provincie:PV25', 'zorgkantoor:ZK16'],
  location: NIJMEGEN,
  partnerNames: [],
  ...extra,
});
const none = matchContext();
const pair = (a: MatchProfile, b: MatchProfile, context = none) => scorePair(a, b, context);

describe('weights', () => {
  it('add up to 1, so a perfect pair scores 1', () => {
    expect(MATCH_WEIGHTS.topics + MATCH_WEIGHTS.geography + MATCH_WEIGHTS.complementarity).toBeCloseTo(1, 12);
    const perfect = pair(profile('i', 'initiatief', { needs: ['financiering'] }), profile('c', 'coalitie', { offers: ['financiering'] }));
    expect(perfect.score).toBeCloseTo(1, 12);
  });
});

describe('topics', () => {
  it('gives full credit for a shared topic and partial credit within a theme', () => {
    const i = profile('i', 'initiatief', { topics: ['VITAAL-3'] });
    expect(pair(i, profile('c', 'coalitie', { topics: ['VITAAL-3'] })).components.topics).toBe(1);
    const sameTheme = pair(i, profile('c', 'coalitie', { topics: ['VITAAL-4'] }));
    expect(sameTheme.components.topics).toBeCloseTo(MATCH_WEIGHTS.sameThemeCredit, 12);
    expect(sameTheme.topics.related).toEqual([{ initiatief: 'VITAAL-3', coalitie: 'VITAAL-4' }]);
    expect(pair(i, profile('c', 'coalitie', { topics: ['DIGITAAL-1'] })).components.topics).toBe(0);
  });

  it('weighs the initiative agenda covered more than the coalitie agenda covered', () => {
    const i = profile('i', 'initiatief', { topics: ['VITAAL-3'] });
    const broad = pair(i, profile('c', 'coalitie', { topics: ['VITAAL-3', 'DIGITAAL-1', 'ERTOE-1', 'SAMEN-3'] }));
    // 0.7 × 1 (all of the initiative's topics) + 0.3 × 1/4 (one of the coalitie's four).
    expect(broad.components.topics).toBeCloseTo(0.7 + 0.3 / 4, 12);
    expect(broad.topics.shared).toEqual(['VITAAL-3']);
  });
});

describe('geography', () => {
  const i = profile('i', 'initiatief');
  it('ranks werkgebied > shared gemeente > zorgkantoor > GGD > COROP > provincie > distance', () => {
    const levels = [
      pair(i, profile('c', 'coalitie', { gemeenten: ['GM0268', 'GM0296'] })),
      pair(profile('i', 'initiatief', { gemeenten: ['GM0268', 'GM0209'] }), profile('c', 'coalitie', { gemeenten: ['GM0268'] })),
      pair(
        i,
        profile('c', 'coalitie', { gemeenten: ['GM0296'], regions: ['zorgkantoor:ZK16', 'ggd:GG2014', 'corop:CR15', 'provincie:PV25'] }),
      ),
      pair(i, profile('c', 'coalitie', { gemeenten: ['GM0296'], regions: ['ggd:GG2014', 'corop:CR15', 'provincie:PV25'] })),
      pair(i, profile('c', 'coalitie', { gemeenten: ['GM0296'], regions: ['corop:CR15', 'provincie:PV25'] })),
      pair(i, profile('c', 'coalitie', { gemeenten: ['GM0296'], regions: ['provincie:PV25'] })),
      pair(i, profile('c', 'coalitie', { gemeenten: ['GM0296'], regions: [], location: { lat: 51.9, lng: 5.9 } })),
    ];
    expect(levels.map((l) => l.geography.relation)).toEqual([
      'werkgebied',
      'gemeente',
      'zorgkantoor',
      'ggd',
      'corop',
      'provincie',
      'afstand',
    ]);
    const values = levels.map((l) => l.components.geography);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(new Set(values).size).toBe(values.length);
    expect(levels[0]!.geography.gemeenten).toEqual(['GM0268']);
    expect(levels[2]!.geography.regions).toEqual(['zorgkantoor:ZK16']);
  });

  it('decays with distance when no region is shared', () => {
    const at = (lat: number) => pair(i, profile('c', 'coalitie', { gemeenten: ['GM0106'], regions: [], location: { lat, lng: 5.79 } }));
    const near = at(51.9);
    const far = at(52.9);
    expect(near.geography.distanceKm).toBeCloseTo(distanceKm(NIJMEGEN, { lat: 51.9, lng: 5.79 }), 9);
    expect(near.components.geography).toBeGreaterThan(far.components.geography);
    expect(near.components.geography).toBeLessThan(MATCH_WEIGHTS.geographyLevels.provincie);
    expect(distanceKm(NIJMEGEN, { lat: 52.82, lng: 5.79 })).toBeCloseTo(111.2, 0);
  });
});

describe('complementarity', () => {
  it('counts needs met in both directions over all stated needs', () => {
    const i = profile('i', 'initiatief', { needs: ['financiering', 'vervoer'], offers: ['vrijwilligers'] });
    const c = profile('c', 'coalitie', { needs: ['vrijwilligers', 'netwerk'], offers: ['financiering'] });
    const result = pair(i, c);
    expect(result.components.complementarity).toBe(2 / 4);
    expect(result.complementarity.met).toEqual([
      { need: 'financiering', seeker: 'initiatief' },
      { need: 'vrijwilligers', seeker: 'coalitie' },
    ]);
    expect(result.complementarity.unmet).toEqual([
      { need: 'vervoer', seeker: 'initiatief' },
      { need: 'netwerk', seeker: 'coalitie' },
    ]);
  });

  it('is 0 when nobody states a need, and the same whichever side asks', () => {
    expect(pair(profile('i', 'initiatief'), profile('c', 'coalitie', { offers: ['expertise'] })).components.complementarity).toBe(0);
    const i = profile('i', 'initiatief', { needs: ['expertise'] });
    const c = profile('c', 'coalitie', { offers: ['expertise'], topics: ['VITAAL-4'] });
    expect(pair(i, c).score).toBe(pair(c, i).score);
  });
});

describe('spread', () => {
  it('is zero without introductions, grows with them and stays below its bound', () => {
    expect(spreadPenalty(0)).toBe(0);
    expect(spreadPenalty(5)).toBeGreaterThan(0);
    expect(spreadPenalty(20)).toBeGreaterThan(spreadPenalty(5));
    expect(spreadPenalty(10_000)).toBeLessThanOrEqual(MATCH_WEIGHTS.spreadMax);
  });

  it('lowers a busy coalitie slightly, so an equal but quieter one comes first', () => {
    const i = profile('i', 'initiatief');
    const busy = profile('a', 'coalitie');
    const quiet = profile('b', 'coalitie');
    const context = matchContext({ openIntroductions: { a: 12 } });
    expect(rankCandidates(i, [busy, quiet], none, 2).map((r) => r.candidate.id)).toEqual(['a', 'b']);
    const ranked = rankCandidates(i, [busy, quiet], context, 2);
    expect(ranked.map((r) => r.candidate.id)).toEqual(['b', 'a']);
    expect(ranked[1]!.pair.score).toBeGreaterThan(ranked[0]!.pair.score * (1 - MATCH_WEIGHTS.spreadMax));
  });
});

describe('exclusions', () => {
  const i = profile('i', 'initiatief', { name: 'Zorgcoöperatie Gemert' });
  const c = profile('c', 'coalitie', { name: 'Netwerk Gemert' });
  it('excludes unpublished entries, the same kind and the entry itself', () => {
    expect(exclusionOf(i, { ...c, published: false }, none)).toBe('niet-gepubliceerd');
    expect(exclusionOf(i, profile('j', 'initiatief'), none)).toBe('zelfde-soort');
    expect(exclusionOf(i, i, none)).toBe('zelfde-vermelding');
    expect(exclusionOf(i, c, none)).toBeNull();
  });

  it('excludes partners named either way (without case, accents or punctuation) and recorded partnerships', () => {
    expect(normalizeName('  Zorgcoöperatie   GEMERT!')).toBe('zorgcooperatie gemert');
    expect(exclusionOf(i, { ...c, partnerNames: ['zorgcooperatie gemert'] }, none)).toBe('partners');
    expect(exclusionOf({ ...i, partnerNames: ['Netwerk Gemert'] }, c, none)).toBe('partners');
    expect(exclusionOf(i, c, matchContext({ partnerships: [['c', 'i']] }))).toBe('partners');
  });

  it('excludes pairs either side dismissed, and leaves them out of the ranking', () => {
    const context = matchContext({ dismissals: [['i', 'c']] });
    expect(exclusionOf(c, i, context)).toBe('afgewezen');
    expect(rankCandidates(i, [c], context, 10)).toEqual([]);
  });
});

describe('ranking', () => {
  it('breaks ties by distance, then name, then id', () => {
    const i = profile('i', 'initiatief');
    const candidates = [
      profile('c3', 'coalitie', { name: 'B' }),
      profile('c2', 'coalitie', { name: 'A' }),
      profile('c1', 'coalitie', { name: 'A' }),
      profile('c0', 'coalitie', { name: 'Z', location: { lat: 51.8201, lng: 5.79 } }),
    ];
    expect(rankCandidates(i, candidates, none, 10).map((r) => r.candidate.id)).toEqual(['c1', 'c2', 'c3', 'c0']);
    expect(rankCandidates(i, [...candidates].reverse(), none, 2).map((r) => r.candidate.id)).toEqual(['c1', 'c2']);
  });

  it('leaves out pairs below the minimum score', () => {
    const i = profile('i', 'initiatief', { topics: ['MEE-3'] });
    const unrelated = profile('c', 'coalitie', {
      topics: ['DIGITAAL-1'],
      gemeenten: ['GM0106'],
      regions: [],
      location: { lat: 53, lng: 6.5 },
    });
    expect(pair(i, unrelated).score).toBeLessThan(MATCH_WEIGHTS.minimumScore);
    expect(rankCandidates(i, [unrelated], none, 10)).toEqual([]);
  });

  it('labels scores in words', () => {
    expect([0.9, 0.6, 0.4, 0.1].map(matchLabel)).toEqual(['sterke match', 'goede match', 'mogelijke match', 'zwakke match']);
  });
});

describe('class bounds for retrieval', () => {
  const i = profile('i', 'initiatief', { topics: ['VITAAL-3', 'MEE-2'], needs: ['financiering', 'vervoer'] });
  const members = [
    {
      cls: { topics: 'all', geography: 'gemeente', needs: 'full' },
      c: profile('c', 'coalitie', { topics: ['MEE-2', 'VITAAL-3'], offers: ['financiering', 'vervoer'] }),
    },
    {
      cls: { topics: 'some', geography: 'gemeente', needs: 'partial' },
      c: profile('c', 'coalitie', { topics: ['VITAAL-3'], offers: ['financiering'] }),
    },
    {
      cls: { topics: 'theme', geography: 'zorgkantoor', needs: 'none' },
      c: profile('c', 'coalitie', { topics: ['VITAAL-1', 'MEE-1'], gemeenten: ['GM0296'] }),
    },
    {
      cls: { topics: 'none', geography: 'near', needs: 'partial' },
      c: profile('c', 'coalitie', { topics: ['ERTOE-1'], gemeenten: ['GM0296'], regions: [], offers: ['financiering'] }),
    },
    {
      cls: { topics: 'all', geography: 'far', needs: 'none' },
      c: profile('c', 'coalitie', {
        topics: ['MEE-2', 'VITAAL-3'],
        gemeenten: ['GM0106'],
        regions: [],
        location: { lat: 52.99, lng: 6.56 },
      }),
    },
  ] as const;

  it('are never below the score of a member of the class, and reached by a perfect member', () => {
    for (const { cls, c } of members) expect(pair(i, c).score, JSON.stringify(cls)).toBeLessThanOrEqual(classUpperBound(i, cls, 49));
    expect(pair(i, members[0].c).score).toBeCloseTo(classUpperBound(i, members[0].cls, 49), 6);
  });

  it('hold from the coalitie side too, with its needs and offers', () => {
    const c = profile('c', 'coalitie', { topics: ['VITAAL-3', 'MEE-2'], needs: ['vrijwilligers', 'netwerk'], offers: ['expertise'] });
    const member = profile('x', 'initiatief', { topics: ['VITAAL-3'], offers: ['vrijwilligers'], needs: ['expertise'] });
    const bound = classUpperBound(c, { topics: 'some', geography: 'gemeente', needs: 'partial' }, 49);
    expect(pair(c, member).score).toBeLessThanOrEqual(bound);
  });
});
