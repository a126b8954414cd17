import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { KindBadge } from '~/components/entry-list';
import { MatchProposals, ProposalsNotices } from '~/components/match-proposals';
import { readSession } from '~/auth/guards.server';
import { getPublishedEntry } from '~/entries/entries.server';
import { MAX_MATCH_LIMIT } from '~/matching/match-params';
import { proposeMatches } from '~/matching/matching.server';
import { toProposalView } from '~/matching/proposal-view';
import { kindPlural } from '~/taxonomy/taxonomy';
import { plural } from '~/utils/plural';

const slugSchema = z.string().regex(/^[a-z0-9-]{1,100}$/);

/** Every proposal for one entry (up to MAX_MATCH_LIMIT), with the same information as on its detail page. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const slug = slugSchema.safeParse(params.slug);
  const { db, search } = context.services;
  const entry = slug.success ? await getPublishedEntry(db, slug.data) : null;
  const matches = entry ? await proposeMatches(db, search, entry.slug, { limit: MAX_MATCH_LIMIT }) : null;
  if (!entry || matches?.status !== 'found') {
    throw data({ message: 'Deze vermelding bestaat niet of is niet openbaar.' }, { status: 404 });
  }
  const { signedIn } = await readSession(request, context.services);
  const viewer = signedIn
    ? await context.services.introductions.viewerOf({ id: signedIn.user.id, role: signedIn.user.role }, entry.id)
    : null;
  return {
    viewer,
    entry: { slug: entry.slug, name: entry.name, kind: entry.kind, place: entry.place },
    proposals: matches.proposals.map(toProposalView),
    degraded: matches.degraded,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) =>
  loaded
    ? [
        { title: `Mogelijke partners van ${loaded.entry.name} — Samenspel` },
        { name: 'description', content: `Alle voorgestelde partners van ${loaded.entry.name}, met redenen en wat nog open staat.` },
      ]
    : [{ title: 'Niet gevonden — Samenspel' }];

export default function AllProposals() {
  const { entry, proposals, degraded, viewer } = useLoaderData<typeof loader>();
  const partnerKind = entry.kind === 'initiatief' ? 'coalitie' : 'initiatief';
  return (
    <article className="entry-detail">
      <p>
        <Link to={`/entries/${entry.slug}`}>← Terug naar {entry.name}</Link>
      </p>
      <h1>Mogelijke partners van {entry.name}</h1>
      <p className="entry-meta">
        <KindBadge kind={entry.kind} /> <span>{entry.place}</span>
      </p>
      <p>
        {proposals.length
          ? `${plural(proposals.length, 'voorstel', 'voorstellen')}, de best passende eerst (ten hoogste ${MAX_MATCH_LIMIT}). `
          : null}
        Elk voorstel zegt waarom het past en wat nog open staat; alleen gegevens die de vermeldingen zelf noemen tellen mee.
      </p>
      <ProposalsNotices count={proposals.length} degraded={degraded} partnerKind={partnerKind} />
      <MatchProposals
        proposals={proposals}
        headingLevel={2}
        ownerActions={
          viewer?.ownsEntry
            ? { entrySlug: entry.slug, openWith: viewer.openWith, returnTo: `/entries/${entry.slug}/mogelijke-partners` }
            : undefined
        }
      />
      {proposals.length ? null : (
        <p>
          <Link to={`/?kind=${partnerKind}`}>Bekijk alle {kindPlural(partnerKind).toLowerCase()}</Link>
        </p>
      )}
    </article>
  );
}
