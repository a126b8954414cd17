import { describe, expect, it } from 'vitest';
import { explainPair, formatKm, listing } from '~/matching/reasons';
import { matchContext, scorePair, type MatchProfile } from '~/matching/score';

/** Reasons and gaps as Dutch sentences and as structured data, from either side of the pair. */

const NAMES: Record<string, string> = {
  GM0268: 'Nijmegen',
  GM0296: 'Wijchen',
  'zorgkantoor:ZK16': 'Arnhem',
  'ggd:GG2014': 'Gelderland-Zuid',
  'provincie:PV25': 'Gelderland',
};
const names = (code: string) => NAMES[code] ?? code;

const initiatief: MatchProfile = {
  id: 'i',
  kind: 'initiatief',
  name: 'DementieNet Dukenburg',
  published: true,
  topics: ['MEE-2', 'VITAAL-3'],
  needs: ['financiering', 'vervoer'],
  offers: ['vrijwilligers'],
  gemeenten: ['GM0268'],
  regions: ['ggd:GG2014', 'provincie:PV25', 'zorgkantoor:ZK16'],
  location: { lat: 51.82, lng: 5.79 },
  partnerNames: [],
};
const coalitie: MatchProfile = {
  ...initiatief,
  id: 'c',
  kind: 'coalitie',
  name: 'Coalitie Rijk van Nijmegen',
  topics: ['MEE-1', 'VITAAL-3'],
  needs: ['vrijwilligers'],
  offers: ['financiering', 'expertise'],
  gemeenten: ['GM0268', 'GM0296'],
  location: { lat: 51.84, lng: 5.86 },
};
const pair = scorePair(initiatief, coalitie, matchContext());

describe('reasons for an initiatief', () => {
  const { reasons, gaps } = explainPair(pair, 'initiatief', names);
  it('say in plain Dutch what the pair shares and where', () => {
    expect(reasons.sentences).toEqual([
      'Beide werken aan VITAAL-3 Ondersteunen van ouderen in de eigen woonomgeving',
      'Verwant binnen het thema Mee doen: MEE-2 en bij deze coalitie MEE-1',
      'Het werkgebied van deze coalitie omvat Nijmegen',
      'Zoekt financiering — deze coalitie biedt dat',
      'Deze coalitie zoekt vrijwilligers — dat kun je bieden',
      '5,3 km uit elkaar',
    ]);
  });

  it('carry the same facts as data: topic codes and labels, the region by name, need ↔ offer pairs, the distance', () => {
    expect(reasons.topics.shared).toEqual([{ code: 'VITAAL-3', label: 'Ondersteunen van ouderen in de eigen woonomgeving' }]);
    expect(reasons.topics.related).toEqual([{ own: 'MEE-2', partner: 'MEE-1', theme: 'Mee doen' }]);
    expect(reasons.region).toEqual({ relation: 'werkgebied', gemeenten: [{ code: 'GM0268', name: 'Nijmegen' }], regions: [] });
    expect(reasons.needsMet).toEqual([
      { need: 'financiering', label: 'financiering', seeker: 'zelf' },
      { need: 'vrijwilligers', label: 'vrijwilligers', seeker: 'partner' },
    ]);
    expect(reasons.distanceKm).toBe(5.3);
  });

  it('list the gaps checklist style', () => {
    expect(gaps).toEqual([{ need: 'vervoer', label: 'vervoer', sentence: 'Zoekt vervoer — deze coalitie biedt dat niet' }]);
  });
});

describe('reasons for a coalitie', () => {
  it('speak from the coalitie side', () => {
    const { reasons, gaps } = explainPair(pair, 'coalitie', names);
    expect(reasons.sentences).toContain('Dit initiatief werkt binnen je werkgebied: Nijmegen');
    expect(reasons.sentences).toContain('Zoekt vrijwilligers — dit initiatief biedt dat');
    expect(reasons.sentences).toContain('Dit initiatief zoekt financiering — dat kun je bieden');
    expect(reasons.topics.related).toEqual([{ own: 'MEE-1', partner: 'MEE-2', theme: 'Mee doen' }]);
    expect(gaps).toEqual([]);
  });

  it('name shared regions and plain distances', () => {
    const wijchen = { ...initiatief, gemeenten: ['GM0296'], location: { lat: 51.81, lng: 5.72 } };
    const regional = scorePair(wijchen, { ...coalitie, gemeenten: ['GM0268'] }, matchContext());
    expect(explainPair(regional, 'initiatief', names).reasons.sentences).toContain('Beide in zorgkantoorregio Arnhem');
    const far = scorePair({ ...wijchen, regions: [] }, { ...coalitie, gemeenten: ['GM0268'], regions: [] }, matchContext());
    expect(explainPair(far, 'initiatief', names).reasons.sentences).toContain('Geen gedeelde regio; 10 km uit elkaar');
  });
});

describe('helpers', () => {
  it('join lists and format kilometres the Dutch way', () => {
    expect(listing(['a'])).toBe('a');
    expect(listing(['a', 'b', 'c'])).toBe('a, b en c');
    expect(formatKm(5.26)).toBe('5,3');
    expect(formatKm(23.4)).toBe('23');
  });
});
