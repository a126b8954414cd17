import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useNavigate, useNavigation, useSearchParams, type ShouldRevalidateFunction } from '@remix-run/react';
import { useCallback, useEffect, useState } from 'react';
import { ActiveFilters } from '~/components/active-filters';
import { EntryList } from '~/components/entry-list';
import { DirectoryMap, type Bounds } from '~/components/directory-map';
import { FacetPanel } from '~/components/facet-panel';
import { Pagination } from '~/components/pagination';
import { DirectoryForm } from '~/components/search-form';
import { getConfig } from '~/config.server';
import { getDb } from '~/db/db.server';
import { geodataStatus, listMunicipalities, listRegions } from '~/regions/regions.server';
import { facetValueLabel, FACET_TITLES } from '~/search/facet-labels';
import { getSearchClient } from '~/search/meili.server';
import { formatMapView, readMapState, resultsKey, type MapView } from '~/map/map-state';
import { formatArea, parseSearchParams, serializeSearchParams, type FacetParam } from '~/search/search-params';
import { searchEntries, suggestBroaderSearch } from '~/search/search.server';

export const meta: MetaFunction = () => [
  { title: 'Samenspel — doe-coalities en burgerinitiatieven op de kaart' },
  {
    name: 'description',
    content: 'Vind formele doe-coalities en burgerinitiatieven voor goed ouder worden in uw regio, op de kaart en in een lijst.',
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const config = getConfig();
  const db = getDb();
  const client = getSearchClient();
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  const { params } = parsed;
  const [result, geodata, regions, places] = await Promise.all([
    searchEntries(db, client, params),
    geodataStatus(db, { geoDir: config.geoDir, year: config.GEO_YEAR }),
    listRegions(db),
    listMunicipalities(db),
  ]);
  const broader = result.total === 0 ? await suggestBroaderSearch(db, client, params) : null;
  // Only the names the page can show: regions with results and the chosen ones.
  const regionNames: Record<string, string> = {};
  for (const region of regions) {
    const ref = `${region.layer}:${region.code}`;
    if (result.facets.region[ref] || params.region.includes(ref)) regionNames[ref] = region.name;
  }
  return {
    params,
    errors: parsed.ok ? {} : parsed.errors,
    result,
    broader: broader ? { label: broader.label, query: serializeSearchParams(broader.params), total: broader.total } : null,
    regionNames,
    places,
    geodataMissing: geodata.available ? null : geodata.missing,
    tiles: { url: config.TILE_URL, attribution: config.TILE_ATTRIBUTION },
  };
}

/** Moving the map or switching a region layer changes the URL but not the results: no reload. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
  const sameResults = currentUrl.pathname === nextUrl.pathname && resultsKey(currentUrl.searchParams) === resultsKey(nextUrl.searchParams);
  if ((!formMethod || formMethod === 'GET') && sameResults) return false;
  return defaultShouldRevalidate;
};

function describeRemoval(label: string, regionNames: Record<string, string>): string {
  if (label === 'q') return 'de zoekwoorden';
  if (label === 'radius_km') return 'de straal';
  if (label === 'area') return 'de beperking tot het kaartgebied';
  const [param, ...rest] = label.split(':') as [FacetParam, ...string[]];
  return `het filter ${FACET_TITLES[param]}: ${facetValueLabel(param, rest.join(':'), regionNames)}`;
}

export default function Index() {
  const { params, errors, result, broader, regionNames, places, geodataMissing, tiles } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const mapState = readMapState(searchParams);
  // The latest map view, written into the URL only between navigations: replacing the URL while
  // a filter change is loading would cancel that navigation.
  const [latestView, setLatestView] = useState<string | null>(null);
  const onViewChange = useCallback((view: MapView) => setLatestView(formatMapView(view)), []);
  useEffect(() => {
    if (navigation.state !== 'idle' || !latestView || searchParams.get('map') === latestView) return;
    setSearchParams(
      (previous) => {
        previous.set('map', latestView);
        return previous;
      },
      { replace: true, preventScrollReset: true },
    );
  }, [latestView, navigation.state, searchParams, setSearchParams]);
  const onSearchArea = (bounds: Bounds) => {
    const next = new URLSearchParams(searchParams);
    next.set('area', formatArea(bounds));
    next.delete('page');
    navigate(`?${next}`, { preventScrollReset: true });
  };
  const first = (result.page - 1) * result.per_page + 1;
  const last = first + result.hits.length - 1;
  return (
    <div className="directory">
      <h1 className="visually-hidden">Doe-coalities en burgerinitiatieven zoeken</h1>
      <DirectoryForm params={params} errors={errors} places={places}>
        <div className="directory-body" aria-busy={navigation.state === 'loading'}>
          <FacetPanel params={params} facets={result.facets} regionNames={regionNames} />
          <div className="directory-results">
            {result.degraded ? (
              <p className="notice notice--warning" role="status">
                De zoekmachine is tijdelijk niet bereikbaar. U ziet resultaten rechtstreeks uit de database; zoeken met
                spelfouten werkt dan niet en er zijn geen gemarkeerde zoektreffers.
              </p>
            ) : null}
            {geodataMissing ? (
              <p className="notice notice--info" role="status">
                De gemeente- en regiogrenzen ontbreken op deze server ({geodataMissing.join(', ')}). Vermeldingen zijn
                zichtbaar, maar filteren op regio kan pas als de beheerder <code>npm run geo:fetch</code> heeft uitgevoerd.
              </p>
            ) : null}
            <ActiveFilters params={params} regionNames={regionNames} />
            <p className="result-count" role="status" aria-live="polite">
              {result.total === 0
                ? 'Geen vermeldingen gevonden.'
                : `${result.total} ${result.total === 1 ? 'vermelding' : 'vermeldingen'} gevonden${result.total_pages > 1 ? `; ${first}–${last} staan in de lijst, alle op de kaart` : ''}.`}
            </p>
            {result.total === 0 ? (
              <div className="empty-state">
                {broader ? (
                  <p>
                    Verwijder {describeRemoval(broader.label, regionNames)}:{' '}
                    <Link to={`?${broader.query}`}>
                      dan zijn er {broader.total} {broader.total === 1 ? 'vermelding' : 'vermeldingen'}
                    </Link>
                    .
                  </p>
                ) : (
                  <p>
                    Probeer andere zoekwoorden of <Link to="/">bekijk alle vermeldingen</Link>.
                  </p>
                )}
              </div>
            ) : (
              <div className="results-layout">
                <section className="directory-list" aria-labelledby="list-heading">
                  <h2 id="list-heading">Lijst</h2>
                  <EntryList entries={result.hits} />
                  <Pagination params={params} totalPages={result.total_pages} />
                </section>
                <section className="directory-map" aria-labelledby="map-heading">
                  <h2 id="map-heading">Kaart</h2>
                  {mapState.view ? <input type="hidden" name="map" value={formatMapView(mapState.view)} /> : null}
                  <DirectoryMap
                    filterQuery={serializeSearchParams({ ...params, page: 1 })}
                    area={params.area ?? null}
                    initialView={mapState.view}
                    tileUrl={tiles.url}
                    tileAttribution={tiles.attribution}
                    onViewChange={onViewChange}
                    onSearchArea={onSearchArea}
                  />
                </section>
              </div>
            )}
          </div>
        </div>
      </DirectoryForm>
    </div>
  );
}
