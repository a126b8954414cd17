import { isRouteErrorResponse } from '@remix-run/react';

export type ErrorPage = { heading: string; message: string };

const NOT_FOUND = 'Deze pagina bestaat niet (meer). Misschien is de vermelding verplaatst of gearchiveerd.';
const UNEXPECTED = 'Probeer het later opnieuw. Blijft het misgaan, laat het ons dan weten.';

/** The Dutch message a route threw with its response, as in `throw data({ message }, { status: 404 })`. */
function thrownMessage(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || !('message' in data)) return null;
  const { message } = data;
  return typeof message === 'string' && message.trim() ? message : null;
}

/**
 * What the error page says. A route's error response shows the message the route gave; anything
 * else (an exception, Remix's own "no route matches" text) gets a general Dutch sentence, so no
 * stack trace or English internals ever reach the page.
 */
export function describeRouteError(error: unknown): ErrorPage {
  if (isRouteErrorResponse(error)) {
    const heading = error.status === 404 ? 'Pagina niet gevonden' : 'Er ging iets mis';
    return { heading, message: thrownMessage(error.data) ?? (error.status === 404 ? NOT_FOUND : UNEXPECTED) };
  }
  return { heading: 'Er ging iets mis', message: UNEXPECTED };
}
