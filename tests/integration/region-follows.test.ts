import type { AppLoadContext } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveEntry } from '~/entries/entries.server';
import { orderedPair } from '~/introductions/introductions.server';
import { action as followAction, loader as followLoader } from '~/routes/account.regio-volgen';
import { call, getPage, insertMember, postForm, signIn } from '../support/account-requests';
import { validInitiative } from '../support/fixtures';
import { hasGeodata } from '../support/paths';
import { testLoadContext } from '../support/load-context';
import { useTestDatabase } from '../support/test-database';

const database = useTestDatabase();
let context: AppLoadContext;
let cookie = '';
const DAY = 86_400_000;
// Nijmegen lies in the provincie Gelderland (PV25) and the GGD-regio Gelderland-Zuid.
const NIJMEGEN = 'gemeente:GM0268';
const GELDERLAND = 'provincie:PV25';

const follow = (fields: Record<string, string>, session = cookie) =>
  call(followAction, postForm('/account/regio-volgen', fields, { cookie: session }), context);

async function published(name: string, kind: 'initiatief' | 'coalitie', coverage = ['GM0268'], lastVerifiedAt?: string) {
  const saved = await saveEntry(database.db, { ...validInitiative, kind, name, coverage, status: 'published', lastVerifiedAt });
  if (!saved.ok) throw new Error(JSON.stringify(saved.fieldErrors));
  return saved.id;
}

describe.runIf(hasGeodata)('following a region and its weekly digest', () => {
  beforeAll(async () => {
    context = testLoadContext(database.db);
    await insertMember(database.db, { id: 'greta00000000000', email: 'greta@gemeente.example', name: 'Greta', role: 'gemeente' });
    cookie = await signIn(context, 'greta@gemeente.example');
  });

  it('follows a known region and comes back to the page it was asked from', async () => {
    const followed = await follow({ intent: 'follow', region: NIJMEGEN, terug: '/regio/gemeente/GM0268' });
    expect(followed.status).toBe(303);
    expect(followed.headers.get('Location')).toBe('/regio/gemeente/GM0268');
    // Twice is once.
    await follow({ intent: 'follow', region: NIJMEGEN, terug: '/account/regio-volgen' });
    const page = await call(followLoader, getPage('/account/regio-volgen', cookie), context);
    expect(page.data!.follows).toMatchObject([{ ref: NIJMEGEN, name: 'Nijmegen', layer: 'Gemeente' }]);
  });

  it('refuses an unknown or malformed region and writes nothing; visitors are sent to sign in', async () => {
    expect((await follow({ intent: 'follow', region: 'gemeente:GM9999' })).status).toBe(400);
    expect((await follow({ intent: 'follow', region: 'gemeente:GM0268; drop table users' })).status).toBe(400);
    expect((await follow({ intent: 'stalk', region: NIJMEGEN })).status).toBe(400);
    expect((await call(followAction, postForm('/account/regio-volgen', { intent: 'follow', region: GELDERLAND }), context)).status).toBe(
      302,
    );
    const rows = await database.db.selectFrom('region_follows').select('region_ref').execute();
    expect(rows).toEqual([{ region_ref: NIJMEGEN }]);
  });

  it('sends one digest a week with new entries, new partnerships and entries that went a year unverified', async () => {
    const start = new Date();
    // Nothing is due within the first week.
    expect(await context.services.regionFollows.sendDueDigests(new Date(start.getTime() + 6 * DAY))).toBe(0);

    const initiative = await published('Buurtkring Hatert', 'initiatief');
    const coalitie = await published('Zorgnetwerk Nijmegen-Zuid', 'coalitie');
    await published('Dorpszorg Elders', 'initiatief', ['GM0363']);
    const pair = orderedPair(initiative, coalitie);
    await database.db.insertInto('partnerships').values({ entry_low_id: pair.low, entry_high_id: pair.high }).execute();
    // Last checked a year and three days before the digest: it went stale within the week.
    const weekLater = new Date(start.getTime() + 7 * DAY + 60_000);
    const staleDay = new Date(weekLater.getTime() - 368 * DAY).toISOString().slice(0, 10);
    await published('Ouderenbond Lindenholt', 'initiatief', ['GM0268'], staleDay);

    expect(await context.services.regionFollows.sendDueDigests(weekLater)).toBe(1);
    const mail = await database.db.selectFrom('mail_outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(mail.to_address).toBe('greta@gemeente.example');
    expect(mail.subject).toBe('Deze week in Nijmegen op Samenspel');
    const sections = mail.body.split('\n\n');
    const section = (heading: string) => sections.find((part) => part.startsWith(heading)) ?? '';
    expect(section('Nieuw in de gids')).toContain('Buurtkring Hatert');
    expect(section('Nieuw in de gids')).toContain('Zorgnetwerk Nijmegen-Zuid');
    expect(section('Nieuwe samenwerkingen via Samenspel')).toContain('Buurtkring Hatert en Zorgnetwerk Nijmegen-Zuid');
    expect(section('Al een jaar niet gecontroleerd')).toContain('Ouderenbond Lindenholt');
    // Amsterdam is not Nijmegen.
    expect(mail.body).not.toContain('Dorpszorg Elders');
    expect(mail.body).toContain('http://localhost:3000/entries/buurtkring-hatert');
    expect(mail.body).toContain('http://localhost:3000/account/regio-volgen');

    // Sent once; the next week without news sends nothing.
    expect(await context.services.regionFollows.sendDueDigests(weekLater)).toBe(0);
    expect(await context.services.regionFollows.sendDueDigests(new Date(weekLater.getTime() + 7 * DAY + 60_000))).toBe(0);
  });

  it('stops after unfollowing', async () => {
    await follow({ intent: 'unfollow', region: NIJMEGEN });
    expect(await database.db.selectFrom('region_follows').selectAll().execute()).toEqual([]);
  });
});
