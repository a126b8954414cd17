import type { z } from 'zod';
import { jsonError } from './responses';

/** The first Dutch message zod gave for each parameter; `messageOf` can reword an issue. */
export function messagesByParameter(
  error: z.ZodError,
  messageOf: (issue: z.core.$ZodIssue) => string = (issue) => issue.message,
  into: Record<string, string> = {},
): Record<string, string> {
  for (const issue of error.issues) into[String(issue.path[0])] ??= messageOf(issue);
  return into;
}

export const REPEATED_PARAMETER = 'Geef deze parameter één keer mee.';

/**
 * The parameters among `names` that the URL gives more than once with different values: which one
 * was meant cannot be told, so each is refused rather than the first silently taken.
 */
export function repeatedParameters(search: URLSearchParams, names: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const name of names) if (new Set(search.getAll(name).filter(Boolean)).size > 1) errors[name] = REPEATED_PARAMETER;
  return errors;
}

/** Numbers as people write them: digits and one optional decimal point; no hex, exponent, sign or padding. */
const PLAIN_NUMBER = /^\d+(\.\d+)?$/;

/**
 * A numeric URL parameter for a zod number schema: absent stays absent, and a value not plainly
 * written becomes NaN, which the schema refuses with its own Dutch message ("0x1F" is not 31).
 */
export const numberParameter = (value: string | null): string | number | undefined =>
  value === null || value === '' ? undefined : PLAIN_NUMBER.test(value) ? value : Number.NaN;

/** The API's answer to bad input: 400, the first problem in a sentence, and every parameter's message. */
export function badRequest(errors: Record<string, string>): Response {
  const [param, message] = Object.entries(errors)[0]!;
  return jsonError(400, `Ongeldige parameter '${param}': ${message}`, { errors });
}
