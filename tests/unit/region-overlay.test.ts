import { describe, expect, it } from 'vitest';
import { formatFigure, shadeClasses, shadeOf, SHADE_COLOURS } from '~/map/region-overlay';
import type { RegionStats } from '~/regions/region-layers';

const counts: RegionStats = {
  layer: 'ggd',
  metric: 'count',
  values: { GG01: 1, GG02: 10, GG03: 23 },
  counts: { GG01: 1, GG02: 10, GG03: 23 },
  max: 23,
};
const shares: RegionStats = {
  layer: 'ggd',
  metric: 'partnered',
  values: { GG01: 0, GG02: 0.5, GG03: 1 },
  counts: { GG01: 3, GG02: 4, GG03: 1 },
  max: 1,
};

describe('choropleth shading', () => {
  it('splits counts into five classes up to the maximum, each with a legend label', () => {
    expect(shadeClasses(counts).map((c) => c.label)).toEqual(['0–5', '6–10', '11–15', '16–20', '21–25']);
    expect(shadeOf(counts, 1)).toBe(SHADE_COLOURS[0]);
    expect(shadeOf(counts, 10)).toBe(SHADE_COLOURS[1]);
    expect(shadeOf(counts, 23)).toBe(SHADE_COLOURS[4]);
    expect(shadeOf(counts, undefined)).toBe('#ffffff');
  });

  it('shades shares in steps of 20 percent and says what a figure means', () => {
    expect(shadeClasses(shares).map((c) => c.label)).toEqual(['0–20%', '20–40%', '40–60%', '60–80%', '80–100%']);
    expect(shadeOf(shares, 0.5)).toBe(SHADE_COLOURS[2]);
    expect(shadeOf(shares, 1)).toBe(SHADE_COLOURS[4]);
    expect(formatFigure(shares, 'GG02')).toBe('50% van 4 initiatieven heeft een formele partner');
    expect(formatFigure(shares, 'GG03')).toBe('100% van 1 initiatief heeft een formele partner');
    expect(formatFigure(shares, 'GG99')).toBe('geen initiatieven');
    expect(formatFigure(counts, 'GG01')).toBe('1 vermelding');
  });
});
