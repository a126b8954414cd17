import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, Link, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { z } from 'zod';
import { CoverageTable } from '~/components/coverage-table';
import { EntryFacts } from '~/components/entry-facts';
import { KindBadge } from '~/components/entry-list';
import { EntryLocationMap } from '~/components/entry-location-map';
import { MatchProposals, ProposalsNotices } from '~/components/match-proposals';
import { PartnersByDomain } from '~/components/partners-by-domain';
import { TopicsByTheme } from '~/components/topics-by-theme';
import { publicOrigin } from '~/config.server';
import { getPublishedEntry } from '~/entries/entries.server';
import { toPublicEntry } from '~/entries/entry-types';
import { readSession } from '~/auth/guards.server';
import { partnershipsOf } from '~/introductions/partnerships.server';
import { PartnershipList } from '~/components/partnership-list';
import { entryStructuredData, serializeJsonLd } from '~/entries/structured-data';
import { proposeMatches } from '~/matching/matching.server';
import { allProposalsPath, DETAIL_PAGE_PROPOSALS, toProposalView } from '~/matching/proposal-view';
import { regionsOfGemeenten } from '~/regions/regions.server';
import { kindPlural, labelOf, SUPPORT_TYPES } from '~/taxonomy/taxonomy';
import { useNonce } from '~/utils/nonce';

const slugSchema = z.string().regex(/^[a-z0-9-]{1,100}$/);

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const slug = slugSchema.safeParse(params.slug);
  const { config, db, search } = context.services;
  const stored = slug.success ? await getPublishedEntry(db, slug.data) : null;
  if (!stored) {
    throw data({ message: 'Deze vermelding bestaat niet of is niet openbaar.' }, { status: 404 });
  }
  const entry = toPublicEntry(stored);
  const { signedIn } = await readSession(request, context.services);
  const [memberships, matches, partnerships, viewer] = await Promise.all([
    regionsOfGemeenten(db, entry.coverage),
    proposeMatches(db, search, entry.slug, { limit: DETAIL_PAGE_PROPOSALS }),
    partnershipsOf(db, stored.id),
    signedIn ? context.services.introductions.viewerOf({ id: signedIn.user.id, role: signedIn.user.role }, stored.id) : null,
  ]);
  const coverage = entry.coverage
    .map((code) => {
      const regions = memberships.get(code) ?? [];
      return { code, name: regions.find((r) => r.layer === 'gemeente')?.name ?? code, regions };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  // From the configuration, not the request: the Host header is whatever the client sends.
  const canonicalUrl = `${publicOrigin(config, request)}/entries/${entry.slug}`;
  const gemeenten = coverage.map(({ code, name }) => ({ code, name }));
  return {
    entry,
    coverage,
    partnerships,
    viewer,
    canonicalUrl,
    jsonLd: serializeJsonLd(entryStructuredData(entry, canonicalUrl, gemeenten)),
    proposals: matches.status === 'found' ? matches.proposals.map(toProposalView) : [],
    proposalsDegraded: matches.status === 'found' && matches.degraded,
    tiles: { url: config.TILE_URL, attribution: config.TILE_ATTRIBUTION },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) =>
  loaded
    ? [
        { title: `${loaded.entry.name} — Samenspel` },
        { name: 'description', content: loaded.entry.summary },
        { tagName: 'link', rel: 'canonical', href: loaded.canonicalUrl },
      ]
    : [{ title: 'Niet gevonden — Samenspel' }];

function SupportList({ title, codes }: { title: string; codes: string[] }) {
  if (codes.length === 0) return null;
  return (
    <section className="support-list">
      <h2>{title}</h2>
      <ul>
        {codes.map((code) => (
          <li key={code}>{labelOf(SUPPORT_TYPES, code)}</li>
        ))}
      </ul>
    </section>
  );
}

export default function EntryDetail() {
  const { entry, coverage, jsonLd, tiles, proposals, proposalsDegraded, partnerships, viewer } = useLoaderData<typeof loader>();
  const nonce = useNonce();
  const partners = useMemo(() => proposals.map((proposal) => proposal.entry), [proposals]);
  const partnered = useMemo(() => partnerships.map(({ partner }) => partner), [partnerships]);
  const partnerKind = entry.kind === 'initiatief' ? 'coalitie' : 'initiatief';
  return (
    <article className="entry-detail">
      <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: jsonLd }} />
      <p>
        <Link to="/">← Terug naar het overzicht</Link>
      </p>
      <div className="entry-detail-head">
        <div>
          <h1>{entry.name}</h1>
          <p className="entry-meta">
            <KindBadge kind={entry.kind} /> <span>{entry.place}</span>
            {entry.isDemo ? <span className="demo-badge">Demogegevens</span> : null}
          </p>
          <p className="lead">{entry.summary}</p>
          {entry.description ? <p>{entry.description}</p> : null}
        </div>
        <EntryLocationMap entry={entry} partners={partners} partnered={partnered} tileUrl={tiles.url} tileAttribution={tiles.attribution} />
      </div>

      {viewer?.ownsEntry ? null : (
        <p className="introduction-call">
          <Link className="button-link" to={`/vermelding/${entry.slug}/introductie`}>
            Kennismaken? Vraag een introductie
          </Link>
        </p>
      )}

      {partnerships.length ? (
        <section aria-labelledby="samenwerkingen">
          <h2 id="samenwerkingen">Samenwerkingen via Samenspel</h2>
          <PartnershipList partnerships={partnerships} />
        </section>
      ) : null}

      <section className="match-section" aria-labelledby="mogelijke-partners">
        <h2 id="mogelijke-partners">Mogelijke partners</h2>
        <p>
          De {kindPlural(partnerKind).toLowerCase()} die het best aansluiten op onderwerpen, werkgebied en wat wordt gezocht en geboden. Ze
          staan ook op de kaart, met een lijn naar elk.
        </p>
        <ProposalsNotices count={proposals.length} degraded={proposalsDegraded} partnerKind={partnerKind} />
        <MatchProposals
          proposals={proposals}
          headingLevel={3}
          ownerActions={
            viewer?.ownsEntry ? { entrySlug: entry.slug, openWith: viewer.openWith, returnTo: `/entries/${entry.slug}` } : undefined
          }
        />
        <p>
          <Link to={allProposalsPath(entry.slug)}>Alle mogelijke partners van {entry.name}</Link>
        </p>
      </section>

      <h2>Onderwerpen van de transformatieagenda</h2>
      <TopicsByTheme topics={entry.topics} />

      <div className="support-lists">
        <SupportList title="Zoekt" codes={entry.needs} />
        <SupportList title="Biedt" codes={entry.offers} />
      </div>

      {entry.partners.length ? (
        <>
          <h2>Partners</h2>
          <PartnersByDomain partners={entry.partners} />
        </>
      ) : null}

      <h2>Werkgebied</h2>
      {coverage.length ? <CoverageTable coverage={coverage} /> : <p>Het werkgebied is nog niet vastgelegd.</p>}

      <h2>Gegevens</h2>
      <EntryFacts facts={entry} />
      <p>
        <Link to={`/vermelding/${entry.slug}/claimen`}>Beheer je deze organisatie? Claim deze vermelding</Link>
      </p>
    </article>
  );
}
