import { assertPermission, PermissionDeniedError, type Actor, type Limited } from '~/auth/accounts.server';
import { hasPermission } from '~/auth/permissions';
import { staleBefore } from '~/regions/region-page';
import { isoDate } from '~/utils/iso-date';
import type { RateLimits } from '~/auth/rate-limits.server';
import { generateToken, hashToken } from '~/auth/tokens.server';
import type { DB } from '~/db/db.server';
import type { Mailer } from '~/mail/mailer.server';
import { mailTemplates } from '~/mail/templates';
import type { RevisionStatus } from '../../db/schema';
import { loadEntriesWithRelations, writeEntry, type FieldErrors } from './entries.server';
import { isOwner } from './ownership.server';
import { entryInputSchema, type EntryInput } from './entry-schema';
import { stepOfField, STEP_SCHEMAS, stepErrors, type DraftData, type StepCode, type StepErrors } from './entry-steps';

/**
 * Self-service entries (docs/decisions/0015). A member writes a version of an entry step by step
 * (a row in entry_revisions); each step is validated with its own schema and saved in one
 * statement, so a draft never holds half a step. A submitted version waits for a curator; only
 * approval writes it to the entry (and the search outbox) and makes its author an owner. A
 * published entry stays as it is while a new version of it waits.
 *
 * Every function checks who acts: the author of a version or an owner of its entry may change
 * it; deciding on it needs `publish:entry:any`. A refusal throws PermissionDeniedError (403).
 */
export type SelfServiceDeps = { db: DB; mailer: Mailer; limits: RateLimits; publicOrigin: string };

/** `publicMessage`: what the visitor reads (Dutch); the default speaks of an entry. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    message: string,
    readonly publicMessage = 'Deze vermelding bestaat niet (meer).',
  ) {
    super(message);
  }
}

/** The thing cannot change now (a version waits for review or was approved; a request was answered). */
export class LockedError extends Error {
  override name = 'LockedError';
  constructor(
    message: string,
    readonly publicMessage = 'Deze versie wacht op beoordeling of is al beoordeeld en kan nu niet worden gewijzigd.',
  ) {
    super(message);
  }
}

export type Revision = {
  id: number;
  entryId: number | null;
  status: RevisionStatus;
  data: DraftData;
  stepsDone: StepCode[];
  reviewReason: string | null;
};

const nowIso = () => new Date().toISOString();
/** How long owners are left alone after being asked whether an entry is still current. */
const REMINDER_PAUSE_DAYS = 90;

const INVITATION_SECONDS = 7 * 24 * 60 * 60;

export function createSelfService({ db, mailer, limits, publicOrigin }: SelfServiceDeps) {
  const publishedEntry = async (slug: string) => {
    const entry = await db.selectFrom('entries').select('id').where('slug', '=', slug).where('status', '=', 'published').executeTakeFirst();
    if (!entry) throw new NotFoundError(`No published entry ${slug}`);
    return entry;
  };

  async function readRevision(actor: Actor, id: number): Promise<Revision> {
    const row = await db.selectFrom('entry_revisions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('No such revision');
    const mayEdit = row.author_id === actor.id || (row.entry_id !== null && (await isOwner(db, actor.id, row.entry_id)));
    if (!mayEdit || !hasPermission(actor.role, 'update:entry:own')) throw new PermissionDeniedError('update:entry:own');
    return {
      id: row.id,
      entryId: row.entry_id,
      status: row.status,
      data: JSON.parse(row.data) as DraftData,
      stepsDone: JSON.parse(row.steps_done) as StepCode[],
      reviewReason: row.review_reason,
    };
  }

  /** A version the actor may change: a draft, or a rejected one (which becomes a draft again). */
  async function writableRevision(actor: Actor, id: number): Promise<Revision> {
    const revision = await readRevision(actor, id);
    if (revision.status === 'submitted' || revision.status === 'approved') throw new LockedError('Revision is not a draft');
    return revision;
  }

  return {
    readRevision,

    /** A new entry's first draft, from the basics step. */
    async createDraft(actor: Actor, values: unknown): Promise<{ ok: true; id: number } | { ok: false; errors: StepErrors }> {
      assertPermission(actor, 'create:entry:own');
      const parsed = STEP_SCHEMAS.basis.safeParse(values);
      if (!parsed.success) return { ok: false, errors: stepErrors(parsed.error) };
      const row = await db
        .insertInto('entry_revisions')
        .values({ author_id: actor.id, data: JSON.stringify(parsed.data), steps_done: JSON.stringify(['basis']) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ok: true, id: row.id };
    },

    /** One step validated and merged into the draft in one statement; invalid input writes nothing. */
    async saveStep(actor: Actor, id: number, step: StepCode, values: unknown): Promise<{ ok: true } | { ok: false; errors: StepErrors }> {
      const revision = await writableRevision(actor, id);
      const parsed = STEP_SCHEMAS[step].safeParse(values);
      if (!parsed.success) return { ok: false, errors: stepErrors(parsed.error) };
      const stepsDone = [...new Set([...revision.stepsDone, step])];
      const updated = await db
        .updateTable('entry_revisions')
        .set({
          data: JSON.stringify({ ...revision.data, ...parsed.data }),
          steps_done: JSON.stringify(stepsDone),
          status: 'draft',
          updated_at: nowIso(),
        })
        .where('id', '=', id)
        // Only if nobody submitted it in between.
        .where('status', 'in', ['draft', 'rejected'])
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new LockedError('Revision changed meanwhile');
      return { ok: true };
    },

    /** The whole version is checked against the entry schema; it then waits for a curator. */
    async submit(actor: Actor, id: number): Promise<{ ok: true } | { ok: false; errors: FieldErrors; step: StepCode }> {
      const revision = await writableRevision(actor, id);
      const parsed = entryInputSchema.safeParse(revision.data);
      if (!parsed.success) {
        const errors: FieldErrors = {};
        for (const issue of parsed.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
        return { ok: false, errors, step: stepOfField(Object.keys(errors)[0] ?? 'name') };
      }
      await db
        .updateTable('entry_revisions')
        .set({ status: 'submitted', submitted_at: nowIso(), updated_at: nowIso() })
        .where('id', '=', id)
        .where('status', 'in', ['draft', 'rejected'])
        .execute();
      return { ok: true };
    },

    /** A draft the actor no longer wants; a submitted one must be decided first. */
    async deleteDraft(actor: Actor, id: number): Promise<void> {
      assertPermission(actor, 'delete:entry:own');
      await writableRevision(actor, id);
      await db.deleteFrom('entry_revisions').where('id', '=', id).where('status', 'in', ['draft', 'rejected']).execute();
    },

    /** The open version of an entry its owner edits: the waiting one, or a new draft from what is published. */
    async startEdit(actor: Actor, slug: string): Promise<number> {
      const entry = await db.selectFrom('entries').select('id').where('slug', '=', slug).executeTakeFirst();
      if (!entry) throw new NotFoundError('No such entry');
      if (!hasPermission(actor.role, 'update:entry:own') || !(await isOwner(db, actor.id, entry.id))) {
        throw new PermissionDeniedError('update:entry:own');
      }
      const open = await db
        .selectFrom('entry_revisions')
        .select('id')
        .where('entry_id', '=', entry.id)
        .where('status', 'in', ['draft', 'rejected', 'submitted'])
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (open) return open.id;
      const [current] = await loadEntriesWithRelations(db, [entry.id]);
      const c = current!;
      const data: DraftData = {
        kind: c.kind,
        name: c.name,
        summary: c.summary,
        description: c.description,
        legalForm: c.legal_form,
        foundingYear: c.founding_year,
        website: c.website,
        email: c.email,
        phone: c.phone,
        place: c.place,
        lat: c.lat,
        lng: c.lng,
        coverage: c.coverage,
        topics: c.topics,
        partners: c.partners,
        needs: c.needs,
        offers: c.offers,
        targetGroups: c.targetGroups,
        phase: c.phase,
        contactRole: c.contact_role,
        fundingSources: c.fundingSources,
        fundingEndsOn: c.funding_ends_on,
        onBoard: (await db.selectFrom('entry_on_board').select('party').where('entry_id', '=', entry.id).execute()).map((r) => r.party),
      };
      const row = await db
        .insertInto('entry_revisions')
        .values({
          entry_id: entry.id,
          author_id: actor.id,
          data: JSON.stringify(data),
          steps_done: JSON.stringify(Object.keys(STEP_SCHEMAS)),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** The actor's versions and the entries they own, newest first. */
    async listMine(actor: Actor) {
      const rows = await db
        .selectFrom('entry_revisions')
        .leftJoin('entries', 'entries.id', 'entry_revisions.entry_id')
        .select([
          'entry_revisions.id',
          'entry_revisions.status',
          'entry_revisions.data',
          'entry_revisions.updated_at',
          'entry_revisions.review_reason',
          'entries.slug',
          'entries.status as entryStatus',
        ])
        .where((eb) =>
          eb.or([
            eb('entry_revisions.author_id', '=', actor.id),
            eb('entry_revisions.entry_id', 'in', eb.selectFrom('entry_owners').select('entry_id').where('user_id', '=', actor.id)),
          ]),
        )
        .orderBy('entry_revisions.id', 'desc')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        status: row.status,
        name: (JSON.parse(row.data) as DraftData).name ?? '(naamloos)',
        updatedAt: row.updated_at,
        reviewReason: row.review_reason,
        slug: row.slug,
        published: row.entryStatus === 'published',
      }));
    },

    /** The entries the actor owns that are in the directory, by name, with when each was last checked. */
    async listOwned(actor: Actor) {
      return db
        .selectFrom('entries')
        .innerJoin('entry_owners', 'entry_owners.entry_id', 'entries.id')
        .select(['entries.slug', 'entries.name', 'entries.last_verified_at as lastVerifiedAt'])
        .where('entry_owners.user_id', '=', actor.id)
        .where('entries.status', '=', 'published')
        .orderBy('entries.name')
        .execute();
    },

    /**
     * "Klopt nog": an owner (or a curator) confirms that a published entry is still current. It
     * counts as a check, as a curator's approval of a version does: the entry leaves the
     * "not checked in a year" figures. The row changes, so caches keyed on the entries do too.
     */
    async confirmCurrent(actor: Actor, slug: string, now = new Date()): Promise<{ lastVerifiedAt: string }> {
      const entry = await publishedEntry(slug);
      const curator = hasPermission(actor.role, 'publish:entry:any');
      if (!curator && !(hasPermission(actor.role, 'update:entry:own') && (await isOwner(db, actor.id, entry.id)))) {
        throw new PermissionDeniedError('update:entry:own');
      }
      const lastVerifiedAt = isoDate(now);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('entries')
          .set({ last_verified_at: lastVerifiedAt, updated_at: now.toISOString() })
          .where('id', '=', entry.id)
          .execute();
        await trx.insertInto('search_outbox').values({ entry_id: entry.id }).execute();
      });
      return { lastVerifiedAt };
    },

    /**
     * Asks the owners of entries not checked for a year whether they are still current: one mail
     * per owner listing their due entries, and not again about an entry for 90 days. Returns how
     * many entries were asked about.
     */
    async sendDueCheckReminders(now = new Date()): Promise<number> {
      const askedSince = new Date(now.getTime() - REMINDER_PAUSE_DAYS * 24 * 60 * 60 * 1000).toISOString();
      const due = await db
        .selectFrom('entries as e')
        .select(['e.id', 'e.name'])
        .where('e.status', '=', 'published')
        // The date of the last check, or of the listing when there was none.
        .where(
          (eb) => eb.fn.coalesce('e.last_verified_at', eb.fn('substr', ['e.created_at', eb.lit(1), eb.lit(10)])),
          '<',
          staleBefore(now),
        )
        .where(({ exists, selectFrom }) => exists(selectFrom('entry_owners as o').select('o.user_id').whereRef('o.entry_id', '=', 'e.id')))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('entry_check_reminders as r')
                .select('r.entry_id')
                .whereRef('r.entry_id', '=', 'e.id')
                .where('r.reminded_at', '>', askedSince),
            ),
          ),
        )
        .orderBy('e.name')
        .limit(500)
        .execute();
      if (due.length === 0) return 0;
      const owners = await db
        .selectFrom('entry_owners as o')
        .innerJoin('users as u', 'u.id', 'o.user_id')
        .select(['o.entry_id', 'u.id', 'u.email', 'u.name'])
        .where(
          'o.entry_id',
          'in',
          due.map((entry) => entry.id),
        )
        .where('u.email_verified_at', 'is not', null)
        .execute();
      // Recorded before sending: a crash halfway asks some owners once too few, never twice.
      await db.transaction().execute(async (trx) => {
        for (const entry of due) {
          await trx
            .insertInto('entry_check_reminders')
            .values({ entry_id: entry.id, reminded_at: now.toISOString() })
            .onConflict((oc) => oc.column('entry_id').doUpdateSet({ reminded_at: now.toISOString() }))
            .execute();
        }
      });
      const names = new Map(due.map((entry) => [entry.id, entry.name]));
      const byOwner = new Map<string, { email: string; name: string; entryNames: string[] }>();
      for (const owner of owners) {
        const mail = byOwner.get(owner.id) ?? { email: owner.email, name: owner.name, entryNames: [] };
        mail.entryNames.push(names.get(owner.entry_id)!);
        byOwner.set(owner.id, mail);
      }
      for (const { email, name, entryNames } of byOwner.values()) {
        await mailer.send({
          to: email,
          ...mailTemplates.checkReminder({ name, entryNames, link: `${publicOrigin}/account/vermeldingen` }),
        });
      }
      return due.length;
    },

    /** Submitted versions waiting for a curator, oldest first. */
    async listForReview(actor: Actor) {
      assertPermission(actor, 'publish:entry:any');
      const rows = await db
        .selectFrom('entry_revisions')
        .innerJoin('users', 'users.id', 'entry_revisions.author_id')
        .leftJoin('entries', 'entries.id', 'entry_revisions.entry_id')
        .select(['entry_revisions.id', 'entry_revisions.data', 'entry_revisions.submitted_at', 'users.name as author', 'entries.slug'])
        .where('entry_revisions.status', '=', 'submitted')
        .orderBy('entry_revisions.submitted_at')
        .execute();
      return rows.map((row) => {
        const data = JSON.parse(row.data) as DraftData;
        return {
          id: row.id,
          name: data.name ?? '',
          kind: data.kind ?? null,
          summary: data.summary ?? '',
          place: data.place ?? '',
          submittedAt: row.submitted_at,
          author: row.author,
          slug: row.slug,
        };
      });
    },

    /**
     * Publishes a submitted version: the entry, its relations, its search-outbox row, the decision
     * and the author's ownership commit together. The author is told by mail afterwards.
     */
    async approve(actor: Actor, id: number): Promise<{ ok: true; slug: string } | { ok: false; errors: FieldErrors }> {
      assertPermission(actor, 'publish:entry:any');
      const result = await db.transaction().execute(async (trx) => {
        const revision = await trx
          .selectFrom('entry_revisions')
          .selectAll()
          .where('id', '=', id)
          .where('status', '=', 'submitted')
          .executeTakeFirst();
        if (!revision) throw new NotFoundError('No submitted revision');
        const existing = revision.entry_id
          ? await trx.selectFrom('entries').select('slug').where('id', '=', revision.entry_id).executeTakeFirst()
          : undefined;
        const data = JSON.parse(revision.data) as DraftData;
        // The entry schema checks the whole version again here.
        // A curator read the whole version: that is a check of the entry, as of today.
        const saved = await writeEntry(
          trx,
          { ...data, status: 'published', lastVerifiedAt: isoDate(new Date()) } as EntryInput,
          existing ? { slug: existing.slug } : {},
        );
        if (!saved.ok) return { ok: false as const, errors: saved.fieldErrors };
        await trx
          .updateTable('entry_revisions')
          .set({ status: 'approved', entry_id: saved.id, reviewed_at: nowIso(), reviewed_by: actor.id, review_reason: null })
          .where('id', '=', id)
          .execute();
        await trx
          .insertInto('entry_owners')
          .values({ entry_id: saved.id, user_id: revision.author_id })
          .onConflict((oc) => oc.doNothing())
          .execute();
        return { ok: true as const, slug: saved.slug, authorId: revision.author_id, name: data.name ?? '' };
      });
      if (!result.ok) return result;
      const author = await db.selectFrom('users').select(['email', 'name']).where('id', '=', result.authorId).executeTakeFirstOrThrow();
      await mailer.send({
        to: author.email,
        ...mailTemplates.entryApproved({ name: author.name, entryName: result.name, link: `${publicOrigin}/entries/${result.slug}` }),
      });
      return { ok: true, slug: result.slug };
    },

    /** Sends a submitted version back with a reason its author receives by mail. */
    async reject(actor: Actor, id: number, reason: string): Promise<void> {
      assertPermission(actor, 'publish:entry:any');
      const revision = await db
        .selectFrom('entry_revisions')
        .innerJoin('users', 'users.id', 'entry_revisions.author_id')
        .select(['entry_revisions.data', 'users.email', 'users.name'])
        .where('entry_revisions.id', '=', id)
        .where('entry_revisions.status', '=', 'submitted')
        .executeTakeFirst();
      if (!revision) throw new NotFoundError('No submitted revision');
      await db
        .updateTable('entry_revisions')
        .set({ status: 'rejected', reviewed_at: nowIso(), reviewed_by: actor.id, review_reason: reason })
        .where('id', '=', id)
        .where('status', '=', 'submitted')
        .execute();
      const data = JSON.parse(revision.data) as DraftData;
      await mailer.send({
        to: revision.email,
        ...mailTemplates.entryRejected({
          name: revision.name,
          entryName: data.name ?? '',
          reason,
          link: `${publicOrigin}/vermelding/concept/${id}/basis`,
        }),
      });
    },

    /** A member asks to own a published entry; a curator decides. One open claim per member and entry. */
    async claim(actor: Actor, slug: string, message: string): Promise<'claimed' | 'already-owner' | 'pending'> {
      assertPermission(actor, 'create:entry:own');
      const entry = await publishedEntry(slug);
      if (await isOwner(db, actor.id, entry.id)) return 'already-owner';
      const open = await db
        .selectFrom('entry_claims')
        .select('id')
        .where('entry_id', '=', entry.id)
        .where('user_id', '=', actor.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (open) return 'pending';
      await db.insertInto('entry_claims').values({ entry_id: entry.id, user_id: actor.id, message }).execute();
      return 'claimed';
    },

    /** Open claims, oldest first, with who asks (their address, for the curator to check). */
    async listClaims(actor: Actor) {
      assertPermission(actor, 'publish:entry:any');
      return db
        .selectFrom('entry_claims')
        .innerJoin('entries', 'entries.id', 'entry_claims.entry_id')
        .innerJoin('users', 'users.id', 'entry_claims.user_id')
        .select([
          'entry_claims.id',
          'entry_claims.message',
          'entry_claims.created_at as createdAt',
          'entries.name as entryName',
          'entries.slug',
          'users.name as userName',
          'users.email',
        ])
        .where('entry_claims.status', '=', 'pending')
        .orderBy('entry_claims.id')
        .execute();
    },

    /** Approving makes the claimant an owner, in the same transaction as the decision. */
    async decideClaim(actor: Actor, id: number, decision: { approve: true } | { approve: false; reason: string }): Promise<void> {
      assertPermission(actor, 'publish:entry:any');
      const claim = await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('entry_claims')
          .innerJoin('entries', 'entries.id', 'entry_claims.entry_id')
          .innerJoin('users', 'users.id', 'entry_claims.user_id')
          .select([
            'entry_claims.entry_id',
            'entry_claims.user_id',
            'entries.name as entryName',
            'entries.slug',
            'users.name',
            'users.email',
          ])
          .where('entry_claims.id', '=', id)
          .where('entry_claims.status', '=', 'pending')
          .executeTakeFirst();
        if (!row) throw new NotFoundError('No pending claim');
        await trx
          .updateTable('entry_claims')
          .set({
            status: decision.approve ? 'approved' : 'rejected',
            reviewed_at: nowIso(),
            reviewed_by: actor.id,
            review_reason: decision.approve ? null : decision.reason,
          })
          .where('id', '=', id)
          .execute();
        if (decision.approve) {
          await trx
            .insertInto('entry_owners')
            .values({ entry_id: row.entry_id, user_id: row.user_id })
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        return row;
      });
      await mailer.send({
        to: claim.email,
        ...mailTemplates.claimDecided({
          name: claim.name,
          entryName: claim.entryName,
          reason: decision.approve ? null : decision.reason,
          link: `${publicOrigin}/entries/${claim.slug}`,
        }),
      });
    },

    /**
     * An owner invites a co-owner by e-mail: a single-use link valid for a week (only its sha256 is
     * stored), at most ten a day per account.
     */
    async invite(actor: Actor & { name: string }, ip: string, slug: string, email: string): Promise<{ ok: true } | Limited> {
      const entry = await db.selectFrom('entries').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst();
      if (!entry) throw new NotFoundError('No such entry');
      if (!hasPermission(actor.role, 'update:entry:own') || !(await isOwner(db, actor.id, entry.id))) {
        throw new PermissionDeniedError('update:entry:own');
      }
      const waitSeconds = await limits.attempt('invite', ip, actor.id);
      if (waitSeconds !== null) return { ok: false, reason: 'limited', retryAfterSeconds: waitSeconds };
      const token = generateToken();
      await db
        .insertInto('entry_invitations')
        .values({
          token_hash: hashToken(token),
          entry_id: entry.id,
          email,
          invited_by: actor.id,
          expires_at: Math.floor(Date.now() / 1000) + INVITATION_SECONDS,
        })
        .execute();
      await mailer.send({
        to: email,
        ...mailTemplates.coOwnerInvitation({
          inviter: actor.name,
          entryName: entry.name,
          link: `${publicOrigin}/vermelding/uitnodiging/${token}`,
        }),
      });
      return { ok: true };
    },

    /**
     * Uses an invitation up for the signed-in member it was sent to (the delete is the check, so it
     * works once); null when it is unknown, expired or meant for another address.
     */
    async acceptInvitation(actor: Actor & { email: string }, token: string): Promise<{ slug: string } | null> {
      assertPermission(actor, 'update:entry:own');
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .deleteFrom('entry_invitations')
          .where('token_hash', '=', hashToken(token))
          .where('email', '=', actor.email)
          .returning(['entry_id', 'expires_at'])
          .executeTakeFirst();
        if (!row || row.expires_at <= Math.floor(Date.now() / 1000)) return null;
        await trx
          .insertInto('entry_owners')
          .values({ entry_id: row.entry_id, user_id: actor.id })
          .onConflict((oc) => oc.doNothing())
          .execute();
        const entry = await trx.selectFrom('entries').select('slug').where('id', '=', row.entry_id).executeTakeFirstOrThrow();
        return { slug: entry.slug };
      });
    },
  };
}

export type SelfService = ReturnType<typeof createSelfService>;
