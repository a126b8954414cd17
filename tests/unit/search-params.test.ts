import { describe, expect, it } from 'vitest';
import { backoffMs } from '~/search/outbox.server';
import { searchParamsFromUrl, searchParamsSchema } from '~/search/search.server';

const parse = (query: string) => searchParamsSchema.safeParse(searchParamsFromUrl(new URL(`http://x/api/entries?${query}`)));

describe('search parameters', () => {
  it('reads repeated and comma-separated topics, and defaults', () => {
    const result = parse('q=dementie&kind=initiatief&topic=VITAAL-3&topic=MEE-2,MEE-1');
    expect(result.data).toEqual({ q: 'dementie', kind: 'initiatief', topic: ['VITAAL-3', 'MEE-2', 'MEE-1'], limit: 20, offset: 0 });
    expect(parse('').data).toEqual({ q: '', topic: [], limit: 20, offset: 0 });
  });

  it('rejects bad values with a Dutch message', () => {
    expect(parse('kind=bedrijf').error?.issues[0]?.message).toBe("Soort moet 'initiatief' of 'coalitie' zijn.");
    expect(parse('topic=VITAAL-9').error?.issues[0]?.message).toBe('Onbekend onderwerp; gebruik een code zoals VITAAL-3.');
    expect(parse('limit=500').error?.issues[0]?.message).toBe('Limiet moet tussen 1 en 100 liggen.');
    expect(parse('limit=veel').error?.issues[0]?.message).toBe('Limiet moet een getal zijn.');
  });
});

describe('outbox backoff', () => {
  it('doubles per attempt and is capped at five minutes', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffMs(30)).toBe(300_000);
  });
});
