/** The hidden field every state-changing form carries (see app/auth/csrf.server.ts). */
export const CSRF_FIELD = 'csrf';

export const CROSS_SITE_MESSAGE =
  'Dit formulier is geweigerd: het kwam niet van een pagina van Samenspel of de pagina was verouderd. Laad de pagina opnieuw en probeer het nog eens.';

/**
 * The origin of the page a request was sent from: its Origin header, or without one (or with
 * "null") its Referer's origin; null when neither tells. Shared by the HTTP layer and the actions.
 */
export function senderOrigin(origin: string | null | undefined, referer: string | null | undefined): string | null {
  if (origin && origin !== 'null') return origin;
  return referer && URL.canParse(referer) ? new URL(referer).origin : null;
}
