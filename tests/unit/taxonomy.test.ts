import { describe, expect, it } from 'vitest';
import {
  PARTNER_DOMAINS,
  SUPPORT_TYPE_CODES,
  THEMES,
  TOPICS,
  labelOf,
  themeOfTopic,
  themesOfTopics,
  topicsOfTheme,
} from '~/taxonomy/taxonomy';

describe('transformation agenda', () => {
  it('has the 5 themes and 20 topics of seed 002, figure 2', () => {
    expect(THEMES.map((t) => t.label)).toEqual(['Mee doen', 'Ertoe doen', 'Samen doen', 'Vitaal doen', 'Digitaal doen']);
    expect(TOPICS).toHaveLength(20);
    expect(new Set(TOPICS.map((t) => t.code)).size).toBe(20);
    expect(THEMES.map((t) => topicsOfTheme(t.code).length)).toEqual([4, 4, 5, 4, 3]);
  });

  it('keeps the document labels and inventory counts', () => {
    expect(labelOf(TOPICS, 'VITAAL-3')).toBe('Ondersteunen van ouderen in de eigen woonomgeving');
    expect(labelOf(TOPICS, 'MEE-3')).toBe('Aandacht voor de laatste 1.000 dagen en de betekenis van sterven voor mensen en hun naasten');
    expect(labelOf(TOPICS, 'SAMEN-5')).toBe('Ontwikkelen duurzaam verpleeg(t)huis van de toekomst');
    expect(TOPICS.find((t) => t.code === 'VITAAL-1')?.coalitionCount).toBe(15);
    expect(TOPICS.reduce((sum, t) => sum + t.coalitionCount, 0)).toBe(85);
  });

  it('maps topics to their themes, in agenda order and without duplicates', () => {
    expect(themeOfTopic('DIGITAAL-2')).toBe('DIGITAAL');
    expect(themesOfTopics(['VITAAL-3', 'MEE-2', 'VITAAL-1'])).toEqual(['MEE', 'VITAAL']);
    expect(() => themeOfTopic('XYZ-1' as never)).toThrow(/Unknown topic/);
  });

  it('has the partner domains of table 1 and one needs/offers vocabulary of 10 codes', () => {
    expect(PARTNER_DOMAINS.map((d) => d.label)).toEqual([
      'Zorgaanbieders',
      'Welzijn',
      'Wonen',
      'Overheid',
      'Financiers',
      'Burgers',
      'Overig',
    ]);
    expect(SUPPORT_TYPE_CODES).toEqual([
      'financiering',
      'expertise',
      'rugdekking',
      'ruimte',
      'vrijwilligers',
      'netwerk',
      'scholing',
      'digitaal',
      'zorgprofessionals',
      'vervoer',
    ]);
  });
});
