import type { DB } from '~/db/db.server';
import type { Mailer } from '~/mail/mailer.server';
import { mailTemplates } from '~/mail/templates';
import { assertPermission, type Actor, type Limited } from './accounts.server';
import type { AppLucia } from './lucia.server';
import { verifyPassword } from './passwords.server';
import type { RateLimits } from './rate-limits.server';

export type AccountDeletionDeps = { db: DB; lucia: AppLucia; limits: RateLimits; mailer: Mailer; publicOrigin: string; contact: string };

export type DeletionResult = { ok: true; handedOver: number; cookie: string } | Limited | { ok: false; reason: 'invalid' | 'last-admin' };

const nowIso = () => new Date().toISOString();

/**
 * Deleting an account (AVG article 17, docs/decisions/0018) and the entries it leaves behind.
 * Entries the member alone owned stay public and are handed to curators (entry_handovers);
 * co-owned entries keep their other owners. The rest follows from the foreign keys of migrations
 * 0005 to 0007: sessions, tokens, versions they wrote, claims and invitations they sent are deleted
 * with the account; introductions, dismissals, follow-up answers and review decisions keep their
 * row with the person set to null, as part of the entries' history.
 */
export function createAccountDeletion({ db, lucia, limits, mailer, publicOrigin, contact }: AccountDeletionDeps) {
  /** Entries only this user owns, which deletion would hand over. */
  const soleOwned = (executor: Pick<DB, 'selectFrom'>, userId: string) =>
    executor
      .selectFrom('entry_owners')
      .innerJoin('entries', 'entries.id', 'entry_owners.entry_id')
      .select(['entries.id', 'entries.name', 'entries.slug'])
      .where('entry_owners.user_id', '=', userId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('entry_owners as others')
              .select('others.user_id')
              .whereRef('others.entry_id', '=', 'entry_owners.entry_id')
              .where('others.user_id', '<>', userId),
          ),
        ),
      )
      .orderBy('entries.name')
      .execute();

  return {
    /** What deleting would hand over, shown before the member confirms. */
    soleOwnedEntries(userId: string) {
      return soleOwned(db, userId);
    },

    /**
     * Checks the password (counted like a sign-in, so it cannot be used to guess one), then
     * deletes in one transaction; a refusal writes nothing. The last admin cannot delete their
     * account, or nobody could give roles any more.
     */
    async deleteAccount(userId: string, password: string, ip: string): Promise<DeletionResult> {
      const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
      // Gone already: a second request that raced the first one.
      if (!user) return { ok: false, reason: 'invalid' };
      const retryAfterSeconds = await limits.attempt('signIn', ip, user.email);
      if (retryAfterSeconds) return { ok: false, reason: 'limited', retryAfterSeconds };
      if (!(await verifyPassword(user.password_hash, password))) return { ok: false, reason: 'invalid' };
      await limits.forgive('signIn', ip, user.email);

      const outcome = await db.transaction().execute(async (trx) => {
        if (user.role === 'admin') {
          const admins = await trx
            .selectFrom('users')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('role', '=', 'admin')
            .executeTakeFirstOrThrow();
          if (Number(admins.n) <= 1) return 'last-admin' as const;
        }
        const handOver = await soleOwned(trx, userId);
        if (handOver.length > 0) {
          await trx
            .insertInto('entry_handovers')
            .values(handOver.map((entry) => ({ entry_id: entry.id, reason: 'account-deleted' as const })))
            .execute();
        }
        // Messages to the address held in the outbox (local use without SMTP) are theirs too.
        await trx.deleteFrom('mail_outbox').where('to_address', '=', user.email).execute();
        await trx.deleteFrom('users').where('id', '=', userId).execute();
        return handOver.length;
      });
      if (outcome === 'last-admin') return { ok: false, reason: 'last-admin' };

      await mailer.send({
        to: user.email,
        ...mailTemplates.accountDeleted({ name: user.name, handedOver: outcome, contact, privacyLink: `${publicOrigin}/privacy` }),
      });
      return { ok: true, handedOver: outcome, cookie: lucia.createBlankSessionCookie().serialize() };
    },

    /** Entries awaiting a new owner, oldest first, for curators. */
    async listHandovers(actor: Actor) {
      assertPermission(actor, 'publish:entry:any');
      return db
        .selectFrom('entry_handovers')
        .innerJoin('entries', 'entries.id', 'entry_handovers.entry_id')
        .select([
          'entry_handovers.id',
          'entry_handovers.created_at as createdAt',
          'entries.name',
          'entries.slug',
          'entries.place',
          'entries.status',
        ])
        .where('entry_handovers.handled_at', 'is', null)
        .orderBy('entry_handovers.created_at')
        .orderBy('entry_handovers.id')
        .execute();
    },

    /** Marks a hand-over handled; false when there is no open one with this id. */
    async markHandoverHandled(actor: Actor, id: number): Promise<boolean> {
      assertPermission(actor, 'publish:entry:any');
      const result = await db
        .updateTable('entry_handovers')
        .set({ handled_at: nowIso(), handled_by: actor.id })
        .where('id', '=', id)
        .where('handled_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type AccountDeletion = ReturnType<typeof createAccountDeletion>;
