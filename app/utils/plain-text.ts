/**
 * Typed text, cleaned once where it enters (forms, URLs) so that what is stored, shown, mailed and
 * exported is what a person could have meant: no control characters (a NUL breaks SQLite's
 * full-text parser and ends up raw in pages, mails and CSV cells) and no bidirectional overrides
 * or isolates (they make a name read differently from what it is).
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** One line: control characters (C0, DEL, C1) become spaces, runs of white space one space, trimmed. */
export function singleLine(value: string): string {
  return value
    .replace(BIDI_CONTROLS, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Paragraphs: line breaks kept (at most one empty line between paragraphs), tabs become spaces, other control characters dropped, trimmed. */
export function multiLine(value: string): string {
  return value
    .replace(BIDI_CONTROLS, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[^\P{Cc}\n]/gu, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
