import crypto from 'node:crypto';

/** A strong ETag for a response body: the same bytes always give the same tag, across processes. */
export function strongEtag(body: string): string {
  return `"${crypto.createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
}

/**
 * Whether an If-None-Match header names this ETag. The header may list several tags or be `*`,
 * and compares weakly (RFC 9110 §13.1.2), so a proxy's `W/` prefix still matches.
 */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
