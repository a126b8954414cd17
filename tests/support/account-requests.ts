import type { AppLoadContext } from '@remix-run/node';
import { hashPassword } from '../../app/auth/passwords.server';
import type { StoredRole } from '../../app/auth/permissions';
import type { DB } from '../../app/db/db.server';
import { action as signInAction } from '../../app/routes/inloggen';

/** The public origin of a test load context without PUBLIC_URL (default port). */
export const TEST_ORIGIN = 'http://localhost:3000';
export const CSRF_TOKEN = 'A'.repeat(43);

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<unknown>;

export type Outcome = { status: number; data: Record<string, unknown> | null; headers: Headers };

/** What a loader or action answered, thrown or returned: a Response (redirect), data() with its status, or plain data. */
export async function outcome(run: Promise<unknown>): Promise<Outcome> {
  let value: unknown;
  try {
    value = await run;
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, data: null, headers: value.headers };
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'DataWithResponseInit') {
    const { data, init } = value as { data: Record<string, unknown>; init: ResponseInit | null };
    return { status: init?.status ?? 200, data, headers: new Headers(init?.headers) };
  }
  if (value instanceof Error) throw value;
  return { status: 200, data: value as Record<string, unknown> | null, headers: new Headers() };
}

type RequestOptions = {
  params?: Record<string, string>;
  /** Extra cookies, e.g. the session cookie from `sessionCookieOf`. */
  cookie?: string;
  /** Origin header; null sends none. */
  origin?: string | null;
  referer?: string;
  /** The CSRF field; null leaves it out. The cookie always holds CSRF_TOKEN. */
  csrf?: string | null;
};

/** A form POST as a browser on the app's own page sends it: Origin, CSRF cookie and field. */
export function postForm(path: string, fields: Record<string, string>, options: RequestOptions = {}): Request {
  const body = new URLSearchParams(fields);
  if (options.csrf !== null) body.set('csrf', options.csrf ?? CSRF_TOKEN);
  const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded' });
  headers.set('Cookie', [`samenspel_csrf=${CSRF_TOKEN}`, options.cookie].filter(Boolean).join('; '));
  const origin = options.origin === undefined ? TEST_ORIGIN : options.origin;
  if (origin !== null) headers.set('Origin', origin);
  if (options.referer) headers.set('Referer', options.referer);
  return new Request(`${TEST_ORIGIN}${path}`, { method: 'POST', body, headers });
}

export function getPage(path: string, cookie?: string): Request {
  return new Request(`${TEST_ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function call(route: RouteFunction, request: Request, context: AppLoadContext, params: Record<string, string> = {}) {
  return outcome(route({ request, params, context }));
}

/** "samenspel_sessie=…" from a Set-Cookie header, for the next request. */
export function sessionCookieOf(headers: Headers): string {
  const cookie = headers.getSetCookie().find((value) => value.startsWith('samenspel_sessie='));
  if (!cookie) throw new Error('No session cookie was set');
  return cookie.split(';')[0]!;
}

/** The token in the newest outbox mail to the address whose link starts with `path`. */
export async function tokenFromMail(db: DB, to: string, path: string): Promise<string> {
  const mail = await db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const match = new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(mail.body);
  if (!match) throw new Error(`No ${path} link in "${mail.subject}"`);
  return match[1]!;
}

export const TEST_PASSWORD = 'een lange zin als wachtwoord';

/** A verified account with TEST_PASSWORD, written straight into the users table. */
export async function insertMember(db: DB, user: { id: string; email: string; name: string; role?: StoredRole }): Promise<void> {
  await db
    .insertInto('users')
    .values({ ...user, password_hash: await hashPassword(TEST_PASSWORD), email_verified_at: new Date().toISOString() })
    .execute();
}

/** Signs in through the real sign-in action; the session cookie for the next requests. */
export async function signIn(context: AppLoadContext, email: string, password = TEST_PASSWORD): Promise<string> {
  return sessionCookieOf((await call(signInAction, postForm('/inloggen', { email, password }), context)).headers);
}
