import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { DB } from '~/db/db.server';
import { sessionSignInCutoff } from './session-lifetime';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Removes the sessions that have ended: expired, or signed in longer ago than the absolute lifetime. */
export async function deleteEndedSessions(db: DB, now = new Date()): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', seconds(now)), eb('created_at', '<=', sessionSignInCutoff(seconds(now)))]))
    .execute();
}

/**
 * Lucia's adapter over the app's own Kysely database (the official SQLite adapter's peer range
 * excludes better-sqlite3 12). Times are stored in whole seconds. A session signed in longer ago
 * than the absolute lifetime is ended when it comes back, whatever its renewed expiry says.
 */
export function kyselyAdapter(db: DB): Adapter {
  const toSession = (row: { id: string; user_id: string; expires_at: number }): DatabaseSession => ({
    id: row.id,
    userId: row.user_id,
    expiresAt: new Date(row.expires_at * 1000),
    attributes: {},
  });
  return {
    async getSessionAndUser(sessionId) {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id',
          'sessions.user_id',
          'sessions.expires_at',
          'sessions.created_at',
          'users.email',
          'users.name',
          'users.role',
          'users.email_verified_at',
        ])
        .where('sessions.id', '=', sessionId)
        .executeTakeFirst();
      if (!row) return [null, null];
      if (row.created_at <= sessionSignInCutoff(seconds(new Date()))) {
        await db.deleteFrom('sessions').where('id', '=', row.id).execute();
        return [null, null];
      }
      const user: DatabaseUser = {
        id: row.user_id,
        attributes: { email: row.email, name: row.name, role: row.role, email_verified_at: row.email_verified_at },
      };
      return [toSession(row), user];
    },
    async getUserSessions(userId) {
      const rows = await db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute();
      return rows.map(toSession);
    },
    async setSession(session) {
      await db
        .insertInto('sessions')
        .values({ id: session.id, user_id: session.userId, expires_at: seconds(session.expiresAt), created_at: seconds(new Date()) })
        .execute();
    },
    async updateSessionExpiration(sessionId, expiresAt) {
      await db
        .updateTable('sessions')
        .set({ expires_at: seconds(expiresAt) })
        .where('id', '=', sessionId)
        .execute();
    },
    async deleteSession(sessionId) {
      await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
    },
    async deleteUserSessions(userId) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    async deleteExpiredSessions() {
      await deleteEndedSessions(db);
    },
  };
}
