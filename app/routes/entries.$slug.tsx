import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { KindBadge } from '~/components/entry-list';
import { getDb } from '~/db/db.server';
import { getEntryBySlug } from '~/entries/entries.server';
import { regionsOfGemeenten } from '~/regions/regions.server';
import { REGION_LAYERS } from '~/regions/region-layers';
import { labelOf, PARTNER_DOMAINS, PHASES, SUPPORT_TYPES, THEMES, TOPICS, topicsOfTheme } from '~/taxonomy/taxonomy';

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = z.string().regex(/^[a-z0-9-]{1,100}$/).safeParse(params.slug);
  const db = getDb();
  const entry = slug.success ? await getEntryBySlug(db, slug.data) : null;
  if (!entry || entry.status !== 'published') {
    throw data({ message: 'Deze vermelding bestaat niet of is niet openbaar.' }, { status: 404 });
  }
  const memberships = await regionsOfGemeenten(db, entry.coverage);
  const coverage = entry.coverage.map((code) => ({ code, regions: memberships.get(code) ?? [] }));
  return { entry, coverage };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) =>
  loaded ? [{ title: `${loaded.entry.name} — Samenspel` }, { name: 'description', content: loaded.entry.summary }] : [{ title: 'Niet gevonden — Samenspel' }];

export default function EntryDetail() {
  const { entry, coverage } = useLoaderData<typeof loader>();
  const themes = THEMES.filter((theme) => entry.topics.some((code) => topicsOfTheme(theme.code).some((t) => t.code === code)));
  return (
    <article className="entry-detail">
      <p>
        <Link to="/">← Terug naar de kaart</Link>
      </p>
      <h1>{entry.name}</h1>
      <p className="entry-meta">
        <KindBadge kind={entry.kind} /> <span>{entry.place}</span>
        {entry.is_demo ? <span className="demo-badge">Demogegevens</span> : null}
      </p>
      <p className="lead">{entry.summary}</p>
      {entry.description ? <p>{entry.description}</p> : null}

      <h2>Onderwerpen van de transformatieagenda</h2>
      {themes.map((theme) => (
        <section key={theme.code}>
          <h3>{theme.label}</h3>
          <ul>
            {entry.topics
              .filter((code) => topicsOfTheme(theme.code).some((t) => t.code === code))
              .map((code) => (
                <li key={code}>
                  {code}: {labelOf(TOPICS, code)}
                </li>
              ))}
          </ul>
        </section>
      ))}

      {entry.needs.length ? (
        <>
          <h2>Zoekt</h2>
          <ul>{entry.needs.map((code) => <li key={code}>{labelOf(SUPPORT_TYPES, code)}</li>)}</ul>
        </>
      ) : null}
      {entry.offers.length ? (
        <>
          <h2>Biedt</h2>
          <ul>{entry.offers.map((code) => <li key={code}>{labelOf(SUPPORT_TYPES, code)}</li>)}</ul>
        </>
      ) : null}
      {entry.partners.length ? (
        <>
          <h2>Partners</h2>
          <ul>
            {entry.partners.map((partner) => (
              <li key={`${partner.domain}-${partner.name}`}>
                {partner.name} ({labelOf(PARTNER_DOMAINS, partner.domain)})
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Werkgebied</h2>
      <ul>
        {coverage.map(({ code, regions }) => (
          <li key={code}>
            {regions.find((r) => r.layer === 'gemeente')?.name ?? code}
            {regions.length > 1
              ? ` — ${regions
                  .filter((r) => r.layer !== 'gemeente')
                  .map((r) => `${REGION_LAYERS.find((l) => l.layer === r.layer)?.label}: ${r.name}`)
                  .join(', ')}`
              : null}
          </li>
        ))}
      </ul>

      <h2>Gegevens</h2>
      <dl className="facts">
        {entry.legal_form ? (<><dt>Rechtsvorm</dt><dd>{entry.legal_form}</dd></>) : null}
        {entry.founding_year ? (<><dt>Opgericht</dt><dd>{entry.founding_year}</dd></>) : null}
        {entry.phase ? (<><dt>Fase</dt><dd>{labelOf(PHASES, entry.phase)}</dd></>) : null}
        {entry.contact_role ? (<><dt>Aanspreekpunt</dt><dd>{entry.contact_role}</dd></>) : null}
        {entry.fundingSources.length ? (<><dt>Financiering</dt><dd>{entry.fundingSources.join(', ')}</dd></>) : null}
        {entry.email ? (<><dt>E-mail</dt><dd><a href={`mailto:${entry.email}`}>{entry.email}</a></dd></>) : null}
        {entry.phone ? (<><dt>Telefoon</dt><dd>{entry.phone}</dd></>) : null}
        {entry.website ? (<><dt>Website</dt><dd><a href={entry.website} rel="noopener noreferrer">{entry.website}</a></dd></>) : null}
        {entry.last_verified_at ? (<><dt>Laatst gecontroleerd</dt><dd>{entry.last_verified_at}</dd></>) : null}
        {entry.source ? (<><dt>Bron</dt><dd>{entry.source}</dd></>) : null}
      </dl>
    </article>
  );
}
