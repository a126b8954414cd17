import { describe, expect, it } from 'vitest';
import { plural } from '~/utils/plural';

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise, zero included', () => {
    expect(plural(1, 'vermelding', 'vermeldingen')).toBe('1 vermelding');
    expect(plural(0, 'vermelding', 'vermeldingen')).toBe('0 vermeldingen');
    expect(plural(3, 'initiatief', 'initiatieven')).toBe('3 initiatieven');
    expect(plural(1250, 'doe-coalitie', 'doe-coalities')).toBe('1250 doe-coalities');
  });
});
