import { assertPermission, type Actor } from '~/auth/accounts.server';
import type { DB } from '~/db/db.server';
import type { Mailer } from '~/mail/mailer.server';
import { mailTemplates, type DigestSection } from '~/mail/templates';
import { isoDate } from '~/utils/iso-date';
import { DIGEST_INTERVAL_DAYS, MAX_FOLLOWS, STALE_AFTER_DAYS, type FollowedRegion } from './region-follow';
import { parseRegionRef, REGION_LAYERS } from './region-layers';

/**
 * Following a region (`layer:code`): a member or gemeente user gets a weekly digest of what changed
 * there (new entries, new partnerships, entries that went a year without verification), through the
 * mailer. Each follow remembers up to when its last digest reported, so a digest never repeats or
 * skips a period, also when the app was down for a while.
 */
export type RegionFollowDeps = { db: DB; mailer: Mailer; publicOrigin: string };

export type RegionDigest = { newEntries: DigestItem[]; newPartnerships: DigestItem[]; becameStale: DigestItem[] };
type DigestItem = { title: string; path: string };

export class UnknownRegionError extends Error {
  override name = 'UnknownRegionError';
}

const DAY_MS = 86_400_000;

export async function regionName(db: DB, ref: string): Promise<string | null> {
  const parsed = parseRegionRef(ref);
  if (!parsed) return null;
  const row =
    parsed.layer === 'gemeente'
      ? await db.selectFrom('municipalities').select('name').where('code', '=', parsed.code).executeTakeFirst()
      : await db.selectFrom('regions').select('name').where('layer', '=', parsed.layer).where('code', '=', parsed.code).executeTakeFirst();
  return row?.name ?? null;
}

const layerLabel = (ref: string) => REGION_LAYERS.find((layer) => layer.layer === parseRegionRef(ref)?.layer)?.label ?? '';

/** What changed in region `ref` after `from` up to and including `through`. Public data only. */
export async function regionDigest(db: DB, ref: string, from: Date, through: Date): Promise<RegionDigest> {
  const inRegion = db.selectFrom('entry_region_refs').select('entry_id').where('ref', '=', ref);
  const published = db
    .selectFrom('entries')
    .select(['slug', 'name', 'kind', 'place'])
    .where('status', '=', 'published')
    .where('id', 'in', inRegion);
  const [created, stale, partnerships] = await Promise.all([
    published.where('created_at', '>', from.toISOString()).where('created_at', '<=', through.toISOString()).orderBy('name').execute(),
    // The day a year without verification ends (the date of the last check, or of the listing) falls in the period.
    published
      .where(
        (eb) => eb.fn.coalesce('last_verified_at', eb.fn('substr', ['created_at', eb.lit(1), eb.lit(10)])),
        '>',
        isoDate(new Date(from.getTime() - STALE_AFTER_DAYS * DAY_MS)),
      )
      .where(
        (eb) => eb.fn.coalesce('last_verified_at', eb.fn('substr', ['created_at', eb.lit(1), eb.lit(10)])),
        '<=',
        isoDate(new Date(through.getTime() - STALE_AFTER_DAYS * DAY_MS)),
      )
      .orderBy('name')
      .execute(),
    // The period's partnerships first (few), then which of them touch the region: the other way round,
    // SQLite may pair every entry with every partnership.
    db
      .selectFrom('partnerships')
      .select(['entry_low_id', 'entry_high_id'])
      .where('created_at', '>', from.toISOString())
      .where('created_at', '<=', through.toISOString())
      .orderBy('created_at')
      .execute(),
  ]);
  const ends = [...new Set(partnerships.flatMap((pair) => [pair.entry_low_id, pair.entry_high_id]))];
  const [here, named] = ends.length
    ? await Promise.all([
        db.selectFrom('entry_region_refs').select('entry_id').where('ref', '=', ref).where('entry_id', 'in', ends).execute(),
        db.selectFrom('entries').select(['id', 'slug', 'name']).where('id', 'in', ends).where('status', '=', 'published').execute(),
      ])
    : [[], []];
  const inside = new Set(here.map((row) => row.entry_id));
  const byId = new Map(named.map((entry) => [entry.id, entry]));
  const item = (entry: { slug: string; name: string; place: string }) => ({
    title: `${entry.name} (${entry.place})`,
    path: `/entries/${entry.slug}`,
  });
  return {
    newEntries: created.map(item),
    newPartnerships: partnerships.flatMap((pair) => {
      const [a, b] = [byId.get(pair.entry_low_id), byId.get(pair.entry_high_id)];
      if (!a || !b || !(inside.has(pair.entry_low_id) || inside.has(pair.entry_high_id))) return [];
      return [{ title: `${a.name} en ${b.name}`, path: `/entries/${a.slug}` }];
    }),
    becameStale: stale.map(item),
  };
}

export function createRegionFollows({ db, mailer, publicOrigin }: RegionFollowDeps) {
  return {
    async list(actor: Actor): Promise<FollowedRegion[]> {
      assertPermission(actor, 'create:region-follow:own');
      const rows = await db
        .selectFrom('region_follows')
        .select(['region_ref', 'created_at'])
        .where('user_id', '=', actor.id)
        .orderBy('created_at')
        .execute();
      return Promise.all(
        rows.map(async (row) => ({
          ref: row.region_ref,
          name: (await regionName(db, row.region_ref)) ?? row.region_ref,
          layer: layerLabel(row.region_ref),
          since: row.created_at,
        })),
      );
    },

    /** Follows `ref` (a known region); following it again changes nothing. False when the actor follows the maximum already. */
    async follow(actor: Actor, ref: string): Promise<boolean> {
      assertPermission(actor, 'create:region-follow:own');
      if (!(await regionName(db, ref))) throw new UnknownRegionError(ref);
      return db.transaction().execute(async (trx) => {
        const { count } = await trx
          .selectFrom('region_follows')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('user_id', '=', actor.id)
          .where('region_ref', '<>', ref)
          .executeTakeFirstOrThrow();
        if (Number(count) >= MAX_FOLLOWS) return false;
        await trx
          .insertInto('region_follows')
          .values({ user_id: actor.id, region_ref: ref })
          .onConflict((oc) => oc.columns(['user_id', 'region_ref']).doNothing())
          .execute();
        return true;
      });
    },

    async unfollow(actor: Actor, ref: string): Promise<void> {
      assertPermission(actor, 'create:region-follow:own');
      await db.deleteFrom('region_follows').where('user_id', '=', actor.id).where('region_ref', '=', ref).execute();
    },

    /**
     * Sends the digest of every follow whose week has passed, covering the period since its last one;
     * a week without news sends nothing but still moves on. Returns how many mails were sent.
     */
    async sendDueDigests(now = new Date()): Promise<number> {
      const due = await db
        .selectFrom('region_follows as f')
        .innerJoin('users as u', 'u.id', 'f.user_id')
        .select(['f.user_id', 'f.region_ref', 'f.digest_through', 'u.email', 'u.name'])
        .where('f.digest_through', '<=', new Date(now.getTime() - DIGEST_INTERVAL_DAYS * DAY_MS).toISOString())
        .where('u.email_verified_at', 'is not', null)
        .orderBy('f.digest_through')
        .limit(500)
        .execute();
      let sent = 0;
      for (const follow of due) {
        // Claimed first, so that a digest goes out once even with two workers.
        const claimed = await db
          .updateTable('region_follows')
          .set({ digest_through: now.toISOString() })
          .where('user_id', '=', follow.user_id)
          .where('region_ref', '=', follow.region_ref)
          .where('digest_through', '=', follow.digest_through)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) continue;
        const digest = await regionDigest(db, follow.region_ref, new Date(follow.digest_through), now);
        const sections: DigestSection[] = [
          { heading: 'Nieuw in de gids', items: digest.newEntries },
          { heading: 'Nieuwe samenwerkingen via Samenspel', items: digest.newPartnerships },
          { heading: 'Al een jaar niet gecontroleerd', items: digest.becameStale },
        ]
          .filter((section) => section.items.length > 0)
          .map((section) => ({
            heading: section.heading,
            lines: section.items.map((item) => `${item.title}: ${publicOrigin}${item.path}`),
          }));
        if (sections.length === 0) continue;
        await mailer.send({
          to: follow.email,
          ...mailTemplates.regionDigest({
            name: follow.name,
            regionName: (await regionName(db, follow.region_ref)) ?? follow.region_ref,
            sections,
            manageLink: `${publicOrigin}/account/regio-volgen`,
          }),
        });
        sent++;
      }
      return sent;
    },
  };
}

export type RegionFollows = ReturnType<typeof createRegionFollows>;
