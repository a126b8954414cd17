import { Lucia, TimeSpan } from 'lucia';
import type { AppConfig } from '~/config.server';
import type { DB } from '~/db/db.server';
import type { StoredRole } from './permissions';
import { kyselyAdapter } from './lucia-adapter.server';
import { SESSION_IDLE_DAYS } from './session-lifetime';

export const SESSION_COOKIE = 'samenspel_sessie';

/**
 * Sessions last 30 days; Lucia renews one (a "fresh" session, new expiry and cookie) once it is
 * past half of that, so an active member stays signed in and an idle one does not, up to 90 days
 * after signing in (the adapter ends it then). The cookie is
 * HttpOnly and SameSite=Lax always, and Secure whenever the public URL is https: over plain local
 * http a Secure cookie would never come back.
 */
export function createLucia(db: DB, config: AppConfig) {
  return new Lucia(kyselyAdapter(db), {
    sessionExpiresIn: new TimeSpan(SESSION_IDLE_DAYS, 'd'),
    sessionCookie: {
      name: SESSION_COOKIE,
      attributes: { secure: config.publicOrigin.startsWith('https:'), sameSite: 'lax' },
    },
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      role: attributes.role,
      emailVerified: attributes.email_verified_at !== null,
    }),
  });
}

export type AppLucia = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: { email: string; name: string; role: StoredRole; email_verified_at: string | null };
  }
}
