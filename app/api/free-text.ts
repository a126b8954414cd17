import { z } from 'zod';
import { singleLine } from '~/utils/plain-text';

/**
 * Free text from a URL (search words, a place name) of at most `maxLength` characters, as one
 * line: a pasted tab or line break still separates words, and no engine ever sees a NUL or the
 * marks the highlighter uses.
 */
export const freeText = (maxLength: number, tooLong: string) => z.string().overwrite(singleLine).max(maxLength, { message: tooLong });
