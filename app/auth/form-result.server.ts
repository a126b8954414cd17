import { data } from '@remix-run/node';
import type { FieldErrors } from './auth-schemas';

/** An action's answer to a form it cannot accept: per-field messages and/or one for the whole form. */
export function formError(status: number, result: { errors?: FieldErrors; message?: string }) {
  return data({ ok: false as const, errors: result.errors ?? {}, message: result.message ?? null }, { status });
}

/** "Probeer het over 5 minuten opnieuw." for a rate-limited attempt. */
export function tooManyAttempts(retryAfterSeconds: number) {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const wait = minutes <= 1 ? 'een minuut' : `${minutes} minuten`;
  return data(
    { ok: false as const, errors: {}, message: `Te veel pogingen. Probeer het over ${wait} opnieuw.` },
    { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
  );
}
