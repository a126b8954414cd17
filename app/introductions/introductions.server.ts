import { assertPermission, PermissionDeniedError, type Actor, type Limited } from '~/auth/accounts.server';
import { hasPermission } from '~/auth/permissions';
import type { RateLimits } from '~/auth/rate-limits.server';
import type { DB } from '~/db/db.server';
import { isOwner } from '~/entries/ownership.server';
import { LockedError, NotFoundError } from '~/entries/self-service.server';
import type { Mailer } from '~/mail/mailer.server';
import { mailTemplates, type MailContent } from '~/mail/templates';
import type { FollowUpAnswer, IntroductionStatus } from '../../db/schema';
import type { Contact, EntryRef, FollowUpItem, Inbox, InboxItem } from './introduction-types';
import {
  FOLLOW_UP_AFTER_DAYS,
  type DismissInput,
  INBOX_CONFIRMATIONS,
  type FollowUpAnswerCode,
  type InboxFormInput,
  type RequestIntroductionInput,
  type RespondInput,
} from './introduction-schema';

/**
 * Introductions and the partnerships they lead to (docs/decisions/0016). A member asks, on behalf of
 * an entry they own, to be introduced to another published entry. Its owners answer; when it has
 * none, curators broker it (the verbinder role), and an owner who arrives later can answer too.
 * Contact details (the two people's names and e-mail addresses) are shown only once a request is
 * accepted. An acceptance records the partnership and schedules the six-week follow-up question
 * for both sides. Every function checks who acts; refusals throw (routes answer 403/404/409).
 */
export type IntroductionDeps = { db: DB; mailer: Mailer; limits: RateLimits; publicOrigin: string };

const nowIso = () => new Date().toISOString();

type AnsweredStatus = Exclude<IntroductionStatus, 'pending'>;

const INTRODUCTION_GONE = 'Dit verzoek bestaat niet (meer).';
const ALREADY_ANSWERED = 'Dit verzoek is al beantwoord of ingetrokken.';
const FOLLOW_UP_NOT_YET = 'Deze vraag komt zes weken nadat de samenwerking begon; dan kun je haar beantwoorden.';

/** The pair in id order, as the partnerships table keeps it. */
export const orderedPair = (a: number, b: number) => (a < b ? { low: a, high: b } : { low: b, high: a });

export function createIntroductions({ db, mailer, limits, publicOrigin }: IntroductionDeps) {
  const inboxLink = `${publicOrigin}/account/berichten`;
  const curatorLink = `${publicOrigin}/beheer/introducties`;

  async function publishedEntry(slug: string): Promise<EntryRef> {
    const entry = await db
      .selectFrom('entries')
      .select(['id', 'slug', 'name', 'kind', 'place'])
      .where('slug', '=', slug)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (!entry) throw new NotFoundError(`No published entry ${slug}`);
    return entry;
  }

  async function ownedEntryIds(userId: string): Promise<number[]> {
    const rows = await db.selectFrom('entry_owners').select('entry_id').where('user_id', '=', userId).execute();
    return rows.map((row) => row.entry_id);
  }

  async function ownerAddresses(entryId: number): Promise<string[]> {
    const rows = await db
      .selectFrom('entry_owners as o')
      .innerJoin('users as u', 'u.id', 'o.user_id')
      .select('u.email')
      .where('o.entry_id', '=', entryId)
      .where('u.email_verified_at', 'is not', null)
      .execute();
    return rows.map((row) => row.email);
  }

  async function curatorAddresses(): Promise<string[]> {
    const rows = await db
      .selectFrom('users')
      .select('email')
      .where('role', 'in', ['curator', 'admin'])
      .where('email_verified_at', 'is not', null)
      .execute();
    return rows.map((row) => row.email);
  }

  async function sendAll(addresses: string[], content: MailContent) {
    for (const to of new Set(addresses)) await mailer.send({ to, ...content });
  }

  async function hasOwners(entryId: number): Promise<boolean> {
    return (await db.selectFrom('entry_owners').select('user_id').where('entry_id', '=', entryId).executeTakeFirst()) !== undefined;
  }

  /** Whether the actor may act for `entryId`: as its owner, or as a curator where curators stand in (`curatorsMay`). */
  async function mayActFor(actor: Actor, entryId: number, curatorsMay: boolean): Promise<boolean> {
    if (curatorsMay && hasPermission(actor.role, 'update:introduction:any')) return true;
    return hasPermission(actor.role, 'update:introduction:own') && (await isOwner(db, actor.id, entryId));
  }

  async function entryRefs(ids: number[]): Promise<Map<number, EntryRef>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('entries')
      .select(['id', 'slug', 'name', 'kind', 'place'])
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((row) => [row.id, row]));
  }

  async function followUpItems(
    rows: Array<{
      partnership_id: number;
      entry_id: number;
      entry_low_id: number;
      entry_high_id: number;
      created_at: string;
      asked_at: string | null;
      answer: FollowUpAnswer | null;
    }>,
  ): Promise<FollowUpItem[]> {
    const refs = await entryRefs(rows.flatMap((row) => [row.entry_low_id, row.entry_high_id]));
    return rows.flatMap((row) => {
      const entry = refs.get(row.entry_id);
      const partner = refs.get(row.entry_id === row.entry_low_id ? row.entry_high_id : row.entry_low_id);
      if (!entry || !partner) return [];
      return [
        { partnershipId: row.partnership_id, entry, partner, since: row.created_at, asked: row.asked_at !== null, answer: row.answer },
      ];
    });
  }

  const service = {
    /**
     * What an entry page offers the signed-in actor: whether they own this entry (then they can
     * dismiss its proposals), whether they own another that could ask for an introduction, and, for
     * its owners only, the entries it has an open request with.
     */
    async viewerOf(actor: Actor, entryId: number): Promise<{ ownsEntry: boolean; canAsk: boolean; openWith: string[] }> {
      const own = await ownedEntryIds(actor.id);
      const ownsEntry = own.includes(entryId);
      const open = !ownsEntry
        ? []
        : await db
            .selectFrom('introductions as i')
            .innerJoin('entries as e', (join) =>
              join.on((eb) =>
                eb.or([
                  eb.and([eb('i.from_entry_id', '=', entryId), eb('e.id', '=', eb.ref('i.to_entry_id'))]),
                  eb.and([eb('i.to_entry_id', '=', entryId), eb('e.id', '=', eb.ref('i.from_entry_id'))]),
                ]),
              ),
            )
            .select('e.slug')
            .where('i.status', '=', 'pending')
            .execute();
      return {
        ownsEntry,
        canAsk: hasPermission(actor.role, 'create:introduction:own') && own.some((id) => id !== entryId),
        openWith: open.map((row) => row.slug),
      };
    },

    /**
     * What the form to ask `toSlug` needs: the actor's own published entries that could ask, each
     * with why it cannot when it cannot (already partners, a request open, the entry itself).
     */
    async askOptions(actor: Actor, toSlug: string) {
      assertPermission(actor, 'create:introduction:own');
      const to = await publishedEntry(toSlug);
      const own = await db
        .selectFrom('entry_owners as o')
        .innerJoin('entries as e', 'e.id', 'o.entry_id')
        .select(['e.id', 'e.slug', 'e.name', 'e.kind'])
        .where('o.user_id', '=', actor.id)
        .where('e.status', '=', 'published')
        .orderBy('e.name')
        .execute();
      const ids = own.map((entry) => entry.id);
      const [open, partners] = ids.length
        ? await Promise.all([
            db
              .selectFrom('introductions')
              .select(['from_entry_id', 'to_entry_id'])
              .where('status', '=', 'pending')
              .where((eb) =>
                eb.or([
                  eb.and([eb('from_entry_id', 'in', ids), eb('to_entry_id', '=', to.id)]),
                  eb.and([eb('to_entry_id', 'in', ids), eb('from_entry_id', '=', to.id)]),
                ]),
              )
              .execute(),
            db
              .selectFrom('partnerships')
              .select(['entry_low_id', 'entry_high_id'])
              .where((eb) =>
                eb.or([
                  eb.and([eb('entry_low_id', 'in', ids), eb('entry_high_id', '=', to.id)]),
                  eb.and([eb('entry_high_id', 'in', ids), eb('entry_low_id', '=', to.id)]),
                ]),
              )
              .execute(),
          ])
        : [[], []];
      const openWith = new Set(open.flatMap((row) => [row.from_entry_id, row.to_entry_id]));
      const partneredWith = new Set(partners.flatMap((row) => [row.entry_low_id, row.entry_high_id]));
      return {
        to,
        from: own.map((entry) => ({
          slug: entry.slug,
          name: entry.name,
          kind: entry.kind,
          blocked:
            entry.id === to.id
              ? ('zelf' as const)
              : partneredWith.has(entry.id)
                ? ('partners' as const)
                : openWith.has(entry.id)
                  ? ('open' as const)
                  : null,
        })),
      };
    },

    /** Asks `toSlug` on behalf of the actor's entry `input.from`; the other side hears of it by mail and in their inbox. */
    async request(
      actor: Actor,
      ip: string,
      toSlug: string,
      input: RequestIntroductionInput,
    ): Promise<{ ok: true; id: number; brokered: boolean } | { ok: false; message: string } | Limited> {
      assertPermission(actor, 'create:introduction:own');
      const [from, to] = await Promise.all([publishedEntry(input.from), publishedEntry(toSlug)]);
      if (!(await isOwner(db, actor.id, from.id))) throw new PermissionDeniedError('create:introduction:own');
      if (from.id === to.id) return { ok: false, message: 'Een vermelding kan niet met zichzelf kennismaken.' };
      // Otherwise one person could record a partnership, and its follow-up figures, all alone.
      if (await isOwner(db, actor.id, to.id)) {
        return {
          ok: false,
          message: `Je beheert ${to.name} zelf ook: een introductie is er voor vermeldingen van verschillende beheerders.`,
        };
      }
      const waitSeconds = await limits.attempt('introduce', ip, actor.id);
      if (waitSeconds !== null) return { ok: false, reason: 'limited', retryAfterSeconds: waitSeconds };

      const outcome = await db.transaction().execute(async (trx) => {
        const pair = orderedPair(from.id, to.id);
        const partnered = await trx
          .selectFrom('partnerships')
          .select('id')
          .where('entry_low_id', '=', pair.low)
          .where('entry_high_id', '=', pair.high)
          .executeTakeFirst();
        if (partnered) return { ok: false as const, message: `${from.name} en ${to.name} werken al samen.` };
        const open = await trx
          .selectFrom('introductions')
          .select('id')
          .where('status', '=', 'pending')
          .where((eb) =>
            eb.or([
              eb.and([eb('from_entry_id', '=', from.id), eb('to_entry_id', '=', to.id)]),
              eb.and([eb('from_entry_id', '=', to.id), eb('to_entry_id', '=', from.id)]),
            ]),
          )
          .executeTakeFirst();
        if (open) return { ok: false as const, message: `Er loopt al een verzoek tussen ${from.name} en ${to.name}.` };
        const owned = await trx.selectFrom('entry_owners').select('user_id').where('entry_id', '=', to.id).executeTakeFirst();
        const row = await trx
          .insertInto('introductions')
          .values({ from_entry_id: from.id, to_entry_id: to.id, requested_by: actor.id, message: input.message, brokered: owned ? 0 : 1 })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { ok: true as const, id: row.id, brokered: !owned };
      });
      if (!outcome.ok) return outcome;
      await sendAll(
        outcome.brokered ? await curatorAddresses() : await ownerAddresses(to.id),
        mailTemplates.introductionRequested({
          fromName: from.name,
          toName: to.name,
          message: input.message,
          brokered: outcome.brokered,
          link: outcome.brokered ? curatorLink : inboxLink,
        }),
      );
      return outcome;
    },

    /**
     * Accept or decline (the other side's owners, or a curator for a brokered request), or withdraw
     * (the requester's side). Only a pending request changes; an acceptance records the partnership
     * and the follow-up questions in the same transaction.
     */
    async respond(actor: Actor, id: number, input: RespondInput): Promise<AnsweredStatus> {
      const intro = await db.selectFrom('introductions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!intro) throw new NotFoundError(`No introduction ${id}`, INTRODUCTION_GONE);
      const allowed =
        input.decision === 'withdraw'
          ? intro.requested_by === actor.id || (await mayActFor(actor, intro.from_entry_id, false))
          : await mayActFor(actor, intro.to_entry_id, intro.brokered === 1);
      if (!allowed) throw new PermissionDeniedError('update:introduction:own');
      if (input.decision !== 'withdraw' && intro.requested_by === actor.id) {
        throw new LockedError(
          `Introduction ${id} answered by its requester`,
          'Je eigen verzoek beantwoordt de andere kant; je kunt het wel intrekken.',
        );
      }
      const status: AnsweredStatus = input.decision === 'accept' ? 'accepted' : input.decision === 'decline' ? 'declined' : 'withdrawn';

      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('introductions')
          .set({ status, responded_at: nowIso(), responded_by: actor.id, response_reason: input.reason })
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new LockedError(`Introduction ${id} is not pending`, ALREADY_ANSWERED);
        if (status !== 'accepted') return;
        const pair = orderedPair(intro.from_entry_id, intro.to_entry_id);
        const partnership = await trx
          .insertInto('partnerships')
          .values({ entry_low_id: pair.low, entry_high_id: pair.high, introduction_id: id })
          .onConflict((oc) => oc.columns(['entry_low_id', 'entry_high_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!partnership) return;
        const dueAt = new Date(Date.now() + FOLLOW_UP_AFTER_DAYS * 24 * 60 * 60 * 1000).toISOString();
        await trx
          .insertInto('partnership_followups')
          .values([pair.low, pair.high].map((entry_id) => ({ partnership_id: partnership.id, entry_id, due_at: dueAt })))
          .execute();
      });

      if (status !== 'withdrawn') {
        const refs = await entryRefs([intro.from_entry_id, intro.to_entry_id]);
        const requester = intro.requested_by
          ? await db.selectFrom('users').select('email').where('id', '=', intro.requested_by).executeTakeFirst()
          : undefined;
        const addresses = [...(requester ? [requester.email] : []), ...(await ownerAddresses(intro.from_entry_id))];
        await sendAll(
          addresses,
          mailTemplates.introductionAnswered({
            fromName: refs.get(intro.from_entry_id)?.name ?? '',
            toName: refs.get(intro.to_entry_id)?.name ?? '',
            accepted: status === 'accepted',
            reason: input.reason,
            link: inboxLink,
          }),
        );
      }
      return status;
    },

    /** One answer from the inbox or the curators' page; returns what to tell the actor. */
    async applyInboxForm(actor: Actor, input: InboxFormInput): Promise<string> {
      if (input.intent === 'follow-up') {
        await service.answerFollowUp(actor, input.partnership, input.entry, input.answer);
        return INBOX_CONFIRMATIONS['follow-up'];
      }
      return INBOX_CONFIRMATIONS[await service.respond(actor, input.id, input)];
    },

    /** The actor's requests, sent and received (for entries they own), newest first, and their follow-up questions. */
    async inbox(actor: Actor): Promise<Inbox> {
      const own = await ownedEntryIds(actor.id);
      const rows = await db
        .selectFrom('introductions as i')
        .leftJoin('users as requester', 'requester.id', 'i.requested_by')
        .leftJoin('users as responder', 'responder.id', 'i.responded_by')
        .select([
          'i.id',
          'i.from_entry_id',
          'i.to_entry_id',
          'i.requested_by',
          'i.message',
          'i.brokered',
          'i.status',
          'i.created_at',
          'i.responded_at',
          'i.response_reason',
          'requester.name as requester_name',
          'requester.email as requester_email',
          'responder.name as responder_name',
          'responder.email as responder_email',
          'responder.role as responder_role',
        ])
        .where((eb) => {
          const mine = [eb('i.requested_by', '=', actor.id)];
          if (own.length) mine.push(eb('i.from_entry_id', 'in', own), eb('i.to_entry_id', 'in', own));
          return eb.or(mine);
        })
        .orderBy('i.id', 'desc')
        .limit(500)
        .execute();
      const refs = await entryRefs(rows.flatMap((row) => [row.from_entry_id, row.to_entry_id]));
      const items = rows.flatMap((row): InboxItem[] => {
        const from = refs.get(row.from_entry_id);
        const to = refs.get(row.to_entry_id);
        if (!from || !to) return [];
        const received = own.includes(row.to_entry_id) && row.requested_by !== actor.id;
        const accepted = row.status === 'accepted';
        const contact: Contact | null = !accepted
          ? null
          : received
            ? row.requester_name && row.requester_email
              ? { name: row.requester_name, email: row.requester_email, curator: false }
              : null
            : row.responder_name && row.responder_email
              ? { name: row.responder_name, email: row.responder_email, curator: row.brokered === 1 && row.responder_role !== 'member' }
              : null;
        return [
          {
            id: row.id,
            direction: received ? 'received' : 'sent',
            status: row.status,
            brokered: row.brokered === 1,
            createdAt: row.created_at,
            respondedAt: row.responded_at,
            from,
            to,
            message: row.message,
            reason: row.response_reason,
            contact,
          },
        ];
      });
      const followUps = own.length
        ? await db
            .selectFrom('partnership_followups as f')
            .innerJoin('partnerships as p', 'p.id', 'f.partnership_id')
            .select(['f.partnership_id', 'f.entry_id', 'f.asked_at', 'f.answer', 'p.entry_low_id', 'p.entry_high_id', 'p.created_at'])
            .where('f.entry_id', 'in', own)
            .orderBy('p.created_at', 'desc')
            .execute()
        : [];
      return {
        received: items.filter((item) => item.direction === 'received'),
        sent: items.filter((item) => item.direction === 'sent'),
        followUps: await followUpItems(followUps),
      };
    },

    /** Requests waiting for a curator: to entries nobody owns. */
    async brokeredRequests(actor: Actor) {
      assertPermission(actor, 'update:introduction:any');
      const rows = await db
        .selectFrom('introductions as i')
        .leftJoin('users as u', 'u.id', 'i.requested_by')
        .select([
          'i.id',
          'i.from_entry_id',
          'i.to_entry_id',
          'i.message',
          'i.created_at',
          'u.name as requester_name',
          'u.email as requester_email',
        ])
        .where('i.brokered', '=', 1)
        .where('i.status', '=', 'pending')
        .orderBy('i.id')
        .limit(500)
        .execute();
      const refs = await entryRefs(rows.flatMap((row) => [row.from_entry_id, row.to_entry_id]));
      return rows.flatMap((row) => {
        const from = refs.get(row.from_entry_id);
        const to = refs.get(row.to_entry_id);
        if (!from || !to) return [];
        // Curators contact both sides to broker, so they see the requester's address.
        const requester = row.requester_name && row.requester_email ? { name: row.requester_name, email: row.requester_email } : null;
        return [{ id: row.id, from, to, message: row.message, createdAt: row.created_at, requester }];
      });
    },

    /** Follow-up questions asked of entries nobody owns: curators answer them. */
    async ownerlessFollowUps(actor: Actor): Promise<FollowUpItem[]> {
      assertPermission(actor, 'update:introduction:any');
      const rows = await db
        .selectFrom('partnership_followups as f')
        .innerJoin('partnerships as p', 'p.id', 'f.partnership_id')
        .select(['f.partnership_id', 'f.entry_id', 'f.answer', 'p.entry_low_id', 'p.entry_high_id', 'p.created_at'])
        .where('f.asked_at', 'is not', null)
        .where('f.answer', 'is', null)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('entry_owners as o').select('o.user_id').whereRef('o.entry_id', '=', 'f.entry_id'))),
        )
        .orderBy('f.due_at')
        .limit(500)
        .execute();
      return followUpItems(rows.map((row) => ({ ...row, asked_at: 'asked' })));
    },

    /** An owner marks a proposal for their entry as not relevant: it is no longer proposed, in either direction. */
    async dismiss(actor: Actor, input: DismissInput): Promise<void> {
      assertPermission(actor, 'update:entry:own');
      const [entry, other] = await Promise.all([publishedEntry(input.entry), publishedEntry(input.other)]);
      if (!(await isOwner(db, actor.id, entry.id))) throw new PermissionDeniedError('update:entry:own');
      await db
        .insertInto('match_dismissals')
        .values({ entry_id: entry.id, other_entry_id: other.id, dismissed_by: actor.id, reason: input.reason })
        .onConflict((oc) => oc.columns(['entry_id', 'other_entry_id']).doUpdateSet({ reason: input.reason, dismissed_by: actor.id }))
        .execute();
    },

    /** "Heeft dit geleid tot samenwerking?", answered for one side of a partnership by an owner (a curator when it has none). */
    async answerFollowUp(actor: Actor, partnershipId: number, entrySlug: string, answer: FollowUpAnswerCode): Promise<void> {
      const entry = await publishedEntry(entrySlug);
      if (!(await mayActFor(actor, entry.id, !(await hasOwners(entry.id))))) throw new PermissionDeniedError('update:introduction:own');
      const updated = await db
        .updateTable('partnership_followups')
        .set({ answer, answered_at: nowIso(), answered_by: actor.id })
        .where('partnership_id', '=', partnershipId)
        .where('entry_id', '=', entry.id)
        // Only once asked: an answer in the first six weeks would count before the question was due.
        .where('asked_at', 'is not', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 1) return;
      const unasked = await db
        .selectFrom('partnership_followups')
        .select('due_at')
        .where('partnership_id', '=', partnershipId)
        .where('entry_id', '=', entry.id)
        .executeTakeFirst();
      if (unasked) throw new LockedError(`Follow-up ${partnershipId}/${entry.id} not asked yet`, FOLLOW_UP_NOT_YET);
      throw new NotFoundError(`No follow-up ${partnershipId}/${entry.id}`, 'Deze samenwerking bestaat niet (meer).');
    },

    /**
     * Sends the follow-up question of every partnership side whose six weeks have passed, once: to its
     * owners, or curators when it has none. Returns how many were asked.
     */
    async sendDueFollowUps(now = new Date()): Promise<number> {
      const due = await db
        .selectFrom('partnership_followups as f')
        .innerJoin('partnerships as p', 'p.id', 'f.partnership_id')
        .select(['f.partnership_id', 'f.entry_id', 'p.entry_low_id', 'p.entry_high_id'])
        .where('f.asked_at', 'is', null)
        .where('f.due_at', '<=', now.toISOString())
        .orderBy('f.due_at')
        .limit(200)
        .execute();
      const refs = await entryRefs(due.flatMap((row) => [row.entry_low_id, row.entry_high_id]));
      let asked = 0;
      for (const row of due) {
        // Claimed before sending, so two workers or a crash between the two never ask twice.
        const claimed = await db
          .updateTable('partnership_followups')
          .set({ asked_at: now.toISOString() })
          .where('partnership_id', '=', row.partnership_id)
          .where('entry_id', '=', row.entry_id)
          .where('asked_at', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) continue;
        const partnerId = row.entry_id === row.entry_low_id ? row.entry_high_id : row.entry_low_id;
        const owned = await hasOwners(row.entry_id);
        await sendAll(
          owned ? await ownerAddresses(row.entry_id) : await curatorAddresses(),
          mailTemplates.followUpQuestion({
            entryName: refs.get(row.entry_id)?.name ?? '',
            partnerName: refs.get(partnerId)?.name ?? '',
            link: `${owned ? inboxLink : curatorLink}#samenwerking-${row.partnership_id}`,
          }),
        );
        asked++;
      }
      return asked;
    },
  };
  return service;
}

export type Introductions = ReturnType<typeof createIntroductions>;
