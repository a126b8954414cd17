import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { DB } from '~/db/db.server';

/**
 * Lucia's adapter over the app's own Kysely database (the official SQLite adapter's peer range
 * excludes better-sqlite3 12). Expiry is stored in whole seconds.
 */
export function kyselyAdapter(db: DB): Adapter {
  const toSession = (row: { id: string; user_id: string; expires_at: number }): DatabaseSession => ({
    id: row.id,
    userId: row.user_id,
    expiresAt: new Date(row.expires_at * 1000),
    attributes: {},
  });
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

  return {
    async getSessionAndUser(sessionId) {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id',
          'sessions.user_id',
          'sessions.expires_at',
          'users.email',
          'users.name',
          'users.role',
          'users.email_verified_at',
        ])
        .where('sessions.id', '=', sessionId)
        .executeTakeFirst();
      if (!row) return [null, null];
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
        .values({ id: session.id, user_id: session.userId, expires_at: seconds(session.expiresAt) })
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
      await db.deleteFrom('sessions').where('expires_at', '<=', seconds(new Date())).execute();
    },
  };
}
