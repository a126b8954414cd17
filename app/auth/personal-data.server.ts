import type { DB } from '~/db/db.server';
import { loadEntriesWithRelations } from '~/entries/entries.server';

/**
 * Everything Samenspel holds about one member, for "Download mijn gegevens" (AVG article 15 and
 * 20). It takes the member's own id from their session and nothing else, so no parameter can
 * point it at someone else. Other people appear only as far as the member already knows them
 * (an entry's name, the address they invited themselves); co-owners are counted, never named,
 * and reviewers are left out.
 */
export type PersonalData = Awaited<ReturnType<typeof collectPersonalData>>;

const fromEpochSeconds = (seconds: number) => new Date(seconds * 1000).toISOString();

export async function collectPersonalData(db: DB, userId: string, currentSessionId: string | null) {
  const account = await db
    .selectFrom('users')
    .select(['email', 'name', 'role', 'created_at', 'email_verified_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();

  const owned = await db
    .selectFrom('entry_owners')
    .select([
      'entry_id',
      'created_at',
      (eb) =>
        eb
          .selectFrom('entry_owners as others')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('others.entry_id', '=', 'entry_owners.entry_id')
          .where('others.user_id', '<>', userId)
          .as('co_owners'),
    ])
    .where('user_id', '=', userId)
    .orderBy('entry_id')
    .execute();
  const ownedIds = owned.map((row) => row.entry_id);
  const [entries, onBoard] = await Promise.all([
    loadEntriesWithRelations(db, ownedIds),
    ownedIds.length === 0 ? [] : db.selectFrom('entry_on_board').selectAll().where('entry_id', 'in', ownedIds).execute(),
  ]);
  const entryById = new Map(entries.map((entry) => [entry.id, entry]));

  const [revisions, claims, invitations, sessions, introductions, dismissals, followUps, mail, follows] = await Promise.all([
    db
      .selectFrom('entry_revisions')
      .select([
        'id',
        'entry_id',
        'status',
        'data',
        'steps_done',
        'created_at',
        'updated_at',
        'submitted_at',
        'reviewed_at',
        'review_reason',
      ])
      .where('author_id', '=', userId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('entry_claims')
      .innerJoin('entries', 'entries.id', 'entry_claims.entry_id')
      .select([
        'entry_claims.id',
        'entries.name as entry_name',
        'entries.slug as entry_slug',
        'entry_claims.message',
        'entry_claims.status',
        'entry_claims.created_at',
        'entry_claims.reviewed_at',
        'entry_claims.review_reason',
      ])
      .where('entry_claims.user_id', '=', userId)
      .orderBy('entry_claims.id')
      .execute(),
    db
      .selectFrom('entry_invitations')
      .innerJoin('entries', 'entries.id', 'entry_invitations.entry_id')
      .select(['entries.name as entry_name', 'entries.slug as entry_slug', 'entry_invitations.email', 'entry_invitations.expires_at'])
      .where('entry_invitations.invited_by', '=', userId)
      .orderBy('entry_invitations.expires_at')
      .execute(),
    db.selectFrom('sessions').select(['id', 'created_at', 'expires_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
    db
      .selectFrom('introductions')
      .innerJoin('entries as from_entry', 'from_entry.id', 'introductions.from_entry_id')
      .innerJoin('entries as to_entry', 'to_entry.id', 'introductions.to_entry_id')
      .select([
        'introductions.id',
        'from_entry.name as from_name',
        'from_entry.slug as from_slug',
        'to_entry.name as to_name',
        'to_entry.slug as to_slug',
        'introductions.requested_by',
        'introductions.responded_by',
        'introductions.message',
        'introductions.brokered',
        'introductions.status',
        'introductions.created_at',
        'introductions.responded_at',
        'introductions.response_reason',
      ])
      .where((eb) => eb.or([eb('introductions.requested_by', '=', userId), eb('introductions.responded_by', '=', userId)]))
      .orderBy('introductions.id')
      .execute(),
    db
      .selectFrom('match_dismissals')
      .innerJoin('entries as entry', 'entry.id', 'match_dismissals.entry_id')
      .innerJoin('entries as other', 'other.id', 'match_dismissals.other_entry_id')
      .select(['entry.name as entry_name', 'other.name as other_name', 'match_dismissals.reason', 'match_dismissals.created_at'])
      .where('match_dismissals.dismissed_by', '=', userId)
      .orderBy('match_dismissals.created_at')
      .execute(),
    db
      .selectFrom('partnership_followups')
      .innerJoin('partnerships', 'partnerships.id', 'partnership_followups.partnership_id')
      .innerJoin('entries as low', 'low.id', 'partnerships.entry_low_id')
      .innerJoin('entries as high', 'high.id', 'partnerships.entry_high_id')
      .select([
        'partnership_followups.entry_id',
        'low.id as low_id',
        'low.name as low_name',
        'high.name as high_name',
        'partnership_followups.answer',
        'partnership_followups.answered_at',
      ])
      .where('partnership_followups.answered_by', '=', userId)
      .orderBy('partnership_followups.answered_at')
      .execute(),
    db.selectFrom('mail_outbox').select(['subject', 'body', 'created_at']).where('to_address', '=', account.email).orderBy('id').execute(),
    db.selectFrom('region_follows').select(['region_ref', 'created_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
  ]);

  return {
    format: 'samenspel-gegevens/1',
    exportedAt: new Date().toISOString(),
    account: {
      email: account.email,
      name: account.name,
      role: account.role,
      createdAt: account.created_at,
      emailVerifiedAt: account.email_verified_at,
    },
    entries: owned.flatMap((row) => {
      const entry = entryById.get(row.entry_id);
      if (!entry) return [];
      const { funding_sources: _fundingSources, target_groups: _targetGroups, ...fields } = entry;
      return [
        {
          ...fields,
          onBoard: onBoard.filter((party) => party.entry_id === entry.id).map((party) => party.party),
          ownerSince: row.created_at,
          coOwnerCount: Number(row.co_owners ?? 0),
        },
      ];
    }),
    revisions: revisions.map((row) => ({
      id: row.id,
      entryId: row.entry_id,
      status: row.status,
      data: JSON.parse(row.data) as unknown,
      stepsDone: JSON.parse(row.steps_done) as unknown,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      submittedAt: row.submitted_at,
      reviewedAt: row.reviewed_at,
      reviewReason: row.review_reason,
    })),
    claims: claims.map((row) => ({
      id: row.id,
      entry: { name: row.entry_name, slug: row.entry_slug },
      message: row.message,
      status: row.status,
      createdAt: row.created_at,
      reviewedAt: row.reviewed_at,
      reviewReason: row.review_reason,
    })),
    invitationsSent: invitations.map((row) => ({
      entry: { name: row.entry_name, slug: row.entry_slug },
      invitedEmail: row.email,
      expiresAt: fromEpochSeconds(row.expires_at),
    })),
    // Ids stay secret: they are what the cookie carries.
    sessions: sessions.map((row) => ({
      signedInAt: fromEpochSeconds(row.created_at),
      expiresAt: fromEpochSeconds(row.expires_at),
      thisDevice: row.id === currentSessionId,
    })),
    introductions: introductions.map((row) => ({
      id: row.id,
      from: { name: row.from_name, slug: row.from_slug },
      to: { name: row.to_name, slug: row.to_slug },
      requestedByYou: row.requested_by === userId,
      answeredByYou: row.responded_by === userId,
      message: row.message,
      brokered: row.brokered === 1,
      status: row.status,
      createdAt: row.created_at,
      respondedAt: row.responded_at,
      responseReason: row.response_reason,
    })),
    dismissals: dismissals.map((row) => ({
      entry: row.entry_name,
      dismissed: row.other_name,
      reason: row.reason,
      createdAt: row.created_at,
    })),
    followUpAnswers: followUps.map((row) => ({
      entry: row.entry_id === row.low_id ? row.low_name : row.high_name,
      partner: row.entry_id === row.low_id ? row.high_name : row.low_name,
      answer: row.answer,
      answeredAt: row.answered_at,
    })),
    mail: mail.map((row) => ({ subject: row.subject, body: row.body, createdAt: row.created_at })),
    followedRegions: follows.map((row) => ({ region: row.region_ref, since: row.created_at })),
  };
}
