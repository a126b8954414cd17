import { z } from 'zod';

/**
 * Free text from a URL (search words, a place name), normalised once at the boundary: control
 * characters (C0, DEL and C1) become spaces, runs of white space one space, and the ends are
 * trimmed. A pasted tab or line break then still separates words, and no engine ever sees a NUL
 * (SQLite's full-text query parser fails on one) or the marks the highlighter uses.
 */
export function normaliseFreeText(value: string): string {
  return value
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A zod schema for free text of at most `maxLength` characters after normalising. */
export const freeText = (maxLength: number, tooLong: string) =>
  z
    .string()
    .transform(normaliseFreeText)
    .pipe(z.string().max(maxLength, { message: tooLong }));
