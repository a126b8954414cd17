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

/** The API's answer to bad input: 400, the first problem in a sentence, and every parameter's message. */
export function badRequest(errors: Record<string, string>): Response {
  const [param, message] = Object.entries(errors)[0]!;
  return jsonError(400, `Ongeldige parameter '${param}': ${message}`, { errors });
}
