import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { EntryList } from '~/components/entry-list';
import { EntryMap } from '~/components/entry-map';
import { SearchForm } from '~/components/search-form';
import { getConfig } from '~/config.server';
import { getDb } from '~/db/db.server';
import { geodataStatus } from '~/regions/regions.server';
import { getSearchClient } from '~/search/meili.server';
import { searchEntries, searchParamsFromUrl, searchParamsSchema } from '~/search/search.server';

export const meta: MetaFunction = () => [
  { title: 'Samenspel — doe-coalities en burgerinitiatieven op de kaart' },
  {
    name: 'description',
    content: 'Vind formele doe-coalities en burgerinitiatieven voor goed ouder worden in uw regio, op de kaart en in een lijst.',
  },
];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const config = getConfig();
  const db = getDb();
  const raw = searchParamsFromUrl(new URL(request.url));
  const parsed = searchParamsSchema.safeParse({ ...raw, limit: PAGE_SIZE });
  const errors: Record<string, string[]> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  }
  const params = parsed.success ? parsed.data : searchParamsSchema.parse({ limit: PAGE_SIZE });
  const [result, geodata] = await Promise.all([
    searchEntries(db, getSearchClient(), params),
    geodataStatus(db, { geoDir: config.geoDir, year: config.GEO_YEAR }),
  ]);
  return {
    values: { q: typeof raw.q === 'string' ? raw.q : '', kind: params.kind, topic: params.topic },
    errors,
    result,
    geodataMissing: geodata.available ? null : geodata.missing,
    tiles: { url: config.TILE_URL, attribution: config.TILE_ATTRIBUTION },
  };
}

export default function Index() {
  const { values, errors, result, geodataMissing, tiles } = useLoaderData<typeof loader>();
  const shown = result.hits.length;
  return (
    <div className="directory">
      <h1 className="visually-hidden">Doe-coalities en burgerinitiatieven zoeken</h1>
      <SearchForm values={values} errors={errors} />
      {result.degraded ? (
        <p className="notice notice--warning" role="status">
          De zoekmachine is tijdelijk niet bereikbaar. U ziet resultaten rechtstreeks uit de database; zoeken op
          spelfouten en synoniemen werkt dan niet.
        </p>
      ) : null}
      {geodataMissing ? (
        <p className="notice notice--info" role="status">
          De gemeente- en regiogrenzen ontbreken op deze server ({geodataMissing.join(', ')}). Vermeldingen zijn
          zichtbaar, maar filteren op regio kan pas als de beheerder <code>npm run geo:fetch</code> heeft uitgevoerd.
        </p>
      ) : null}
      <p className="result-count" aria-live="polite">
        {result.total === 0
          ? 'Geen vermeldingen gevonden. Probeer een ander zoekwoord of verwijder een filter.'
          : `${result.total} ${result.total === 1 ? 'vermelding' : 'vermeldingen'} gevonden${shown < result.total ? `, de eerste ${shown} staan op de kaart en in de lijst` : ''}.`}
      </p>
      <div className="directory-body">
        <section className="directory-list" aria-labelledby="list-heading">
          <h2 id="list-heading">Lijst</h2>
          <EntryList entries={result.hits} />
        </section>
        <section className="directory-map" aria-labelledby="map-heading">
          <h2 id="map-heading">Kaart</h2>
          <EntryMap points={result.hits} tileUrl={tiles.url} tileAttribution={tiles.attribution} />
        </section>
      </div>
    </div>
  );
}
