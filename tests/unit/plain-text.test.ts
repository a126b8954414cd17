import { describe, expect, it } from 'vitest';
import { entryInputSchema } from '~/entries/entry-schema';
import { nameSchema } from '~/auth/auth-schemas';
import { multiLine, singleLine } from '~/utils/plain-text';

const EVERY_CONTROL = [...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)), '\u007f', '\u0085', '\u009b'].join('');
const BIDI = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';

describe('typed text', () => {
  it('keeps one line of words, whatever control or bidi characters were typed or pasted', () => {
    expect(singleLine(`  Buurt${EVERY_CONTROL}kring ${BIDI}Hatert\u0000 `)).toBe('Buurt kring Hatert');
    expect(singleLine('Zorg\u202eeerdnoW')).toBe('ZorgeerdnoW');
    expect(singleLine('Buurt\u200e\u200fkring\u061c')).toBe('Buurtkring');
    // Letters, accents, emoji (with their joiners) and non-breaking spaces are text, not controls.
    expect(singleLine('Café 👩‍👩‍👧 ‘t Hoekje')).toBe('Café 👩‍👩‍👧 ‘t Hoekje');
  });

  it('keeps paragraphs, at most one empty line between them', () => {
    expect(multiLine('Eerste regel\r\nTweede\tregel\u0000\n\n\n\nNieuwe alinea\u0007\u202e ')).toBe(
      'Eerste regel\nTweede regel\n\nNieuwe alinea',
    );
    expect(multiLine(EVERY_CONTROL.replace('\n', ''))).toBe('');
  });

  it('is what the account and entry schemas store', () => {
    expect(nameSchema.parse('Mallory\u0000\u0007\n\u202e')).toBe('Mallory');
    expect(nameSchema.safeParse('\u0000\u0007').success).toBe(false);
    const entry = entryInputSchema.parse({
      kind: 'initiatief',
      name: 'Buurt\u0000kring\u001b[31m',
      summary: 'Samen\u0007 eten in de wijk, elke week.',
      description: 'Regel een\u0000\nregel twee',
      place: 'Nijmegen\u0000',
      lat: 51.84,
      lng: 5.86,
      coverage: ['GM0268'],
      topics: ['SAMEN-1'],
      partners: [{ name: 'Wijk\u0000team', domain: 'welzijn' }],
      fundingSources: ['Gemeente\u0007'],
      targetGroups: ['Ouderen\u0000'],
      contactRole: 'Coördinator\u0085',
    });
    expect(entry).toMatchObject({
      name: 'Buurt kring [31m',
      summary: 'Samen eten in de wijk, elke week.',
      description: 'Regel een\nregel twee',
      place: 'Nijmegen',
      partners: [{ name: 'Wijk team', domain: 'welzijn' }],
      fundingSources: ['Gemeente'],
      targetGroups: ['Ouderen'],
      contactRole: 'Coördinator',
    });
  });
});
