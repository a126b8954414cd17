import { data, redirect, type AppLoadContext } from '@remix-run/node';
import type { Session, User } from 'lucia';
import type { AppServices } from '~/server/services.server';
import { readCookie } from './cookies.server';
import { SESSION_COOKIE } from './lucia.server';
import { hasPermission, type Permission } from './permissions';

export type SignedIn = { user: User; session: Session };

/**
 * The signed-in user of a request, or null. `setCookie` renews a fresh session's cookie (Lucia
 * extends a session that is past half its life) or clears a cookie whose session has ended; the
 * root loader sends it.
 */
type SessionRead = { signedIn: SignedIn | null; setCookie: string | null };

/** One validation per request: the root loader and a page's loader both ask, in parallel. */
const readsByRequest = new WeakMap<Request, Promise<SessionRead>>();

export function readSession(request: Request, services: AppServices): Promise<SessionRead> {
  let read = readsByRequest.get(request);
  if (!read) {
    read = validateSession(request, services);
    readsByRequest.set(request, read);
  }
  return read;
}

/**
 * The session id the browser sent, or null. Read without decoding: session ids are plain
 * letters and digits, and Lucia's own reader decodes every cookie of the header, so one badly
 * encoded cookie of another site (`other=%ZZ`) made it throw and every page answer 500.
 */
export function sessionIdOf(request: Request): string | null {
  return readCookie(request, SESSION_COOKIE) || null;
}

async function validateSession(request: Request, services: AppServices): Promise<SessionRead> {
  const { lucia } = services;
  const sessionId = sessionIdOf(request);
  if (!sessionId) return { signedIn: null, setCookie: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) return { signedIn: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  return { signedIn: { session, user }, setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null };
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request, services: AppServices): Promise<SignedIn> {
  const { signedIn } = await readSession(request, services);
  if (signedIn) return signedIn;
  const { pathname, search } = new URL(request.url);
  throw redirect(`/inloggen?${new URLSearchParams({ terug: pathname + search })}`);
}

export const FORBIDDEN_MESSAGE = 'Je hebt geen toestemming voor deze pagina of handeling.';

/** The signed-in user when their role has the permission; 403 with a Dutch message otherwise. */
export async function requireUserWithPermission(request: Request, services: AppServices, permission: Permission): Promise<SignedIn> {
  const signedIn = await requireUser(request, services);
  if (!hasPermission(signedIn.user.role, permission)) throw data({ message: FORBIDDEN_MESSAGE }, { status: 403 });
  return signedIn;
}

/** The address rate limits count by; one shared key when unknown (a test calling an action directly). */
export function clientAddress(context: AppLoadContext): string {
  return context.clientAddress ?? 'unknown';
}

/**
 * Only a path on this site: `?terug=https://evil.example`, `//evil.example` or `/\\evil.example`
 * (and the same with tabs or line breaks, which browsers drop) must not send a signed-in user elsewhere.
 */
export function safeReturnPath(value: string | null | undefined): string {
  return value && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) && !value.includes('\\') ? value : '/account';
}
