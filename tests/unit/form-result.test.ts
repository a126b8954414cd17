import { describe, expect, it } from 'vitest';
import { formPageHeaders, tooManyAttempts } from '~/auth/form-result.server';

const headersOf = (actionHeaders: Headers) =>
  new Headers(formPageHeaders({ actionHeaders, loaderHeaders: new Headers(), parentHeaders: new Headers(), errorHeaders: undefined }));

describe('answers to account forms', () => {
  it('say how long to wait as people say it', () => {
    const message = (seconds: number) => (tooManyAttempts(seconds).data as { message: string }).message;
    expect(message(30)).toBe('Te veel pogingen. Probeer het over een minuut opnieuw.');
    expect(message(5 * 60)).toBe('Te veel pogingen. Probeer het over 5 minuten opnieuw.');
    expect(message(24 * 60 * 60)).toBe('Te veel pogingen. Probeer het over 24 uur opnieuw.');
  });

  it('keep the Retry-After of a rate-limited answer on the page, which is never stored', () => {
    const limited = tooManyAttempts(90);
    const headers = headersOf(new Headers(limited.init?.headers));
    expect(headers.get('Retry-After')).toBe('90');
    expect(headers.get('Cache-Control')).toBe('no-store');
    expect(headersOf(new Headers()).has('Retry-After')).toBe(false);
  });
});
