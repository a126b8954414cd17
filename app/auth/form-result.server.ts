import { data, type HeadersFunction } from '@remix-run/node';
import type { FieldErrors } from './auth-schemas';

/** An action's answer to a form it cannot accept: per-field messages and/or one for the whole form. */
export function formError(status: number, result: { errors?: FieldErrors; message?: string }) {
  return data({ ok: false as const, errors: result.errors ?? {}, message: result.message ?? null }, { status });
}

/** How long to wait, as people say it: "een minuut", "5 minuten", "3 uur". */
function waitText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  if (minutes <= 1) return 'een minuut';
  return minutes < 120 ? `${minutes} minuten` : `${Math.ceil(minutes / 60)} uur`;
}

/** "Probeer het over 5 minuten opnieuw." for a rate-limited attempt. */
export function tooManyAttempts(retryAfterSeconds: number) {
  const wait = waitText(retryAfterSeconds);
  return data(
    { ok: false as const, errors: {}, message: `Te veel pogingen. Probeer het over ${wait} opnieuw.` },
    { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
  );
}

/**
 * The headers of a page with account forms: never stored, and a rate-limited answer keeps its
 * Retry-After (a route's own headers replace the action's).
 */
export const formPageHeaders: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  const retryAfter = actionHeaders.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};
