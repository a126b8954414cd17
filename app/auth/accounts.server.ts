import { generateIdFromEntropySize } from 'lucia';
import type { AppConfig } from '~/config.server';
import type { DB } from '~/db/db.server';
import type { Mailer } from '~/mail/mailer.server';
import { mailTemplates } from '~/mail/templates';
import type { AppLucia } from './lucia.server';
import { hashPassword, verifyPassword } from './passwords.server';
import { hasPermission, type Permission, type StoredRole } from './permissions';
import type { RateLimits } from './rate-limits.server';
import { consumeToken, issueToken } from './tokens.server';

export type AccountDeps = { db: DB; config: AppConfig; lucia: AppLucia; limits: RateLimits; mailer: Mailer };

/** Who is acting, as the session knows them. */
export type Actor = { id: string; role: StoredRole };

/** A request refused because the actor lacks a permission; routes answer 403. */
export class PermissionDeniedError extends Error {
  override name = 'PermissionDeniedError';
  constructor(readonly permission: Permission) {
    super(`Missing permission ${permission}`);
  }
}

export function assertPermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor.role, permission)) throw new PermissionDeniedError(permission);
}

/** Too many attempts: the visitor may try again after this many seconds. */
export type Limited = { ok: false; reason: 'limited'; retryAfterSeconds: number };

const nowIso = () => new Date().toISOString();

/**
 * The account flows. None of them tells a visitor whether an e-mail address has an account: sign-up
 * and reset give the same answer either way (the mailbox owner learns the rest), a failed sign-in
 * says "address or password wrong", and the work done (password hashing, one mail) is the same, so
 * the timing does not tell either.
 */
export function createAccounts({ db, config, lucia, limits, mailer }: AccountDeps) {
  const link = (path: string) => `${config.publicOrigin}${path}`;

  const findByEmail = (email: string) => db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

  async function sendVerification(user: { id: string; email: string; name: string }) {
    const token = await issueToken(db, 'emailVerification', user.id);
    await mailer.send({ to: user.email, ...mailTemplates.verifyEmail({ name: user.name, link: link(`/e-mail-bevestigen/${token}`) }) });
  }

  /** A new session (always a new id) and its cookie; the session the browser had before is ended. */
  async function startSession(userId: string, previousSessionId: string | null) {
    if (previousSessionId) await lucia.invalidateSession(previousSessionId);
    const session = await lucia.createSession(userId, {});
    return { sessionId: session.id, cookie: lucia.createSessionCookie(session.id).serialize() };
  }

  return {
    async signUp(input: { name: string; email: string; password: string }, ip: string): Promise<{ ok: true } | Limited> {
      const retryAfterSeconds = await limits.attempt('signUp', ip, input.email);
      if (retryAfterSeconds) return { ok: false, reason: 'limited', retryAfterSeconds };
      // Hashed whether or not the address is taken: the answer takes as long either way.
      const passwordHash = await hashPassword(input.password);
      const created = await db
        .insertInto('users')
        .values({ id: generateIdFromEntropySize(10), email: input.email, name: input.name, password_hash: passwordHash })
        .onConflict((conflict) => conflict.column('email').doNothing())
        .returning(['id', 'email', 'name'])
        .executeTakeFirst();
      if (created) await sendVerification(created);
      else {
        await mailer.send({
          to: input.email,
          ...mailTemplates.accountExists({ signInLink: link('/inloggen'), resetLink: link('/wachtwoord-vergeten') }),
        });
      }
      return { ok: true };
    },

    async verifyEmail(token: string): Promise<boolean> {
      const userId = await consumeToken(db, 'emailVerification', token);
      if (!userId) return false;
      await db
        .updateTable('users')
        .set({ email_verified_at: nowIso() })
        .where('id', '=', userId)
        .where('email_verified_at', 'is', null)
        .execute();
      return true;
    },

    async signIn(
      input: { email: string; password: string },
      ip: string,
      previousSessionId: string | null,
    ): Promise<{ ok: true; sessionId: string; cookie: string } | Limited | { ok: false; reason: 'invalid' | 'unverified' }> {
      const retryAfterSeconds = await limits.attempt('signIn', ip, input.email);
      if (retryAfterSeconds) return { ok: false, reason: 'limited', retryAfterSeconds };
      const user = await findByEmail(input.email);
      if (!(await verifyPassword(user?.password_hash ?? null, input.password)) || !user) return { ok: false, reason: 'invalid' };
      await limits.forgive('signIn', ip, input.email);
      // Only someone who knows the password learns that the address still needs confirming.
      if (!user.email_verified_at) {
        await sendVerification(user);
        return { ok: false, reason: 'unverified' };
      }
      return { ok: true, ...(await startSession(user.id, previousSessionId)) };
    },

    async requestPasswordReset(email: string, ip: string): Promise<{ ok: true } | Limited> {
      const retryAfterSeconds = await limits.attempt('reset', ip, email);
      if (retryAfterSeconds) return { ok: false, reason: 'limited', retryAfterSeconds };
      const user = await findByEmail(email);
      if (user) {
        const token = await issueToken(db, 'passwordReset', user.id);
        await mailer.send({
          to: user.email,
          ...mailTemplates.resetPassword({ name: user.name, link: link(`/wachtwoord-herstellen/${token}`) }),
        });
      }
      return { ok: true };
    },

    /** Sets the new password, confirms the address (the link proved it) and ends every session of the account. */
    async resetPassword(token: string, password: string): Promise<boolean> {
      const userId = await consumeToken(db, 'passwordReset', token);
      if (!userId) return false;
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
        await trx
          .updateTable('users')
          .set({ email_verified_at: nowIso() })
          .where('id', '=', userId)
          .where('email_verified_at', 'is', null)
          .execute();
        await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      });
      return true;
    },

    /** Checks the current password (limited like a sign-in), then ends every session and starts a new one here. */
    async changePassword(
      userId: string,
      input: { current: string; password: string },
      ip: string,
    ): Promise<{ ok: true; cookie: string } | Limited | { ok: false; reason: 'invalid' }> {
      const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
      const retryAfterSeconds = await limits.attempt('signIn', ip, user.email);
      if (retryAfterSeconds) return { ok: false, reason: 'limited', retryAfterSeconds };
      if (!(await verifyPassword(user.password_hash, input.current))) return { ok: false, reason: 'invalid' };
      await limits.forgive('signIn', ip, user.email);
      await db
        .updateTable('users')
        .set({ password_hash: await hashPassword(input.password) })
        .where('id', '=', userId)
        .execute();
      await lucia.invalidateUserSessions(userId);
      const { cookie } = await startSession(userId, null);
      await mailer.send({ to: user.email, ...mailTemplates.passwordChanged({ name: user.name, resetLink: link('/wachtwoord-vergeten') }) });
      return { ok: true, cookie };
    },

    async signOut(sessionId: string): Promise<string> {
      await lucia.invalidateSession(sessionId);
      return lucia.createBlankSessionCookie().serialize();
    },

    async signOutEverywhere(userId: string): Promise<string> {
      await lucia.invalidateUserSessions(userId);
      return lucia.createBlankSessionCookie().serialize();
    },

    async listUsers(actor: Actor) {
      assertPermission(actor, 'read:user:any');
      return db.selectFrom('users').select(['id', 'email', 'name', 'role', 'email_verified_at', 'created_at']).orderBy('email').execute();
    },

    /** Gives a user another role. Nobody changes their own role, so the last admin cannot lock everyone out. */
    async setRole(actor: Actor, userId: string, role: StoredRole): Promise<'changed' | 'own-account' | 'not-found'> {
      assertPermission(actor, 'update:user-role:any');
      if (userId === actor.id) return 'own-account';
      const result = await db.updateTable('users').set({ role }).where('id', '=', userId).executeTakeFirst();
      return result.numUpdatedRows > 0n ? 'changed' : 'not-found';
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
