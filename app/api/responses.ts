/**
 * JSON answers of the API routes. Results and errors depend on the query and on data that can
 * change at any moment, so no cache keeps them; routes with cacheable bodies set their own headers.
 */

/** A JSON answer that no cache keeps. */
export function jsonNoStore(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** An API error: `{ error }` with a Dutch sentence (plus `extra`, such as per-parameter messages), never cached. */
export function jsonError(status: number, message: string, extra: Record<string, unknown> = {}): Response {
  return jsonNoStore({ error: message, ...extra }, status);
}
