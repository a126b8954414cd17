import { randomBytes, timingSafeEqual } from 'node:crypto';
import { data } from '@remix-run/node';
import { publicOrigin } from '~/config.server';
import type { AppServices } from '~/server/services.server';
import { readCookie } from './cookies.server';
import { CROSS_SITE_MESSAGE, CSRF_FIELD, senderOrigin } from './csrf';

/**
 * Protection of every state-changing form (docs/decisions/0012), in two independent layers:
 * 1. the request must come from a page of ours: its Origin (or, without one, its Referer) is the
 *    public origin. scripts/http-app.ts refuses other POSTs before they reach Remix (whose own,
 *    cruder check would answer them with a bare 500); this repeats it for every action;
 * 2. double-submit token: a random value in an HttpOnly cookie, repeated in the form's hidden
 *    field. Another site can make a browser send the cookie, but cannot read it to fill the field.
 */
export const CSRF_COOKIE = 'samenspel_csrf';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The browser's token, or a new one with the cookie that sets it (on every page, from the root loader). */
export function csrfToken(request: Request, services: AppServices): { token: string; setCookie: string | null } {
  const existing = readCookie(request, CSRF_COOKIE);
  if (existing && TOKEN_PATTERN.test(existing)) return { token: existing, setCookie: null };
  const token = randomBytes(32).toString('base64url');
  const secure = services.config.publicOrigin.startsWith('https:') ? '; Secure' : '';
  return { token, setCookie: `${CSRF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax${secure}` };
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The form of a POST that passed both checks; anything else is refused with 403 and a Dutch
 * message. Every action reads its form through this.
 */
export async function readProtectedForm(request: Request, services: AppServices): Promise<FormData> {
  const refuse = () => data({ message: CROSS_SITE_MESSAGE }, { status: 403 });
  const sender = senderOrigin(request.headers.get('Origin'), request.headers.get('Referer'));
  if (sender !== publicOrigin(services.config, request)) throw refuse();
  const form = await request.formData().catch(() => {
    throw data({ message: 'Dit formulier kon niet worden gelezen.' }, { status: 400 });
  });
  const cookie = readCookie(request, CSRF_COOKIE);
  const field = form.get(CSRF_FIELD);
  if (!cookie || typeof field !== 'string' || !sameToken(cookie, field)) throw refuse();
  return form;
}
