import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useNavigate, useNavigation, useSearchParams, type ShouldRevalidateFunction } from '@remix-run/react';
import { useCallback } from 'react';
import { ActiveFilters } from '~/components/active-filters';
import { EntryList } from '~/components/entry-list';
import { ExportLinks } from '~/components/export-links';
import { DirectoryMap } from '~/components/directory-map';
import { PlaceFinder } from '~/components/place-finder';
import { RegionLayerPanel } from '~/components/region-layer-panel';
import { PartnershipLinesLayer } from '~/components/partnership-lines-layer';
import { RegionShapesLayer } from '~/components/region-shapes-layer';
import { FacetPanel } from '~/components/facet-panel';
import { Pagination } from '~/components/pagination';
import { DirectoryForm } from '~/components/search-form';
import { applyPlaceField, placeLabelOf } from '~/places/place-field.server';
import { PLACE_FIELD } from '~/places/places';
import { placeIndex } from '~/places/places.server';
import { regionCatalog, type RegionCatalog } from '~/regions/regions.server';
import { facetValueLabel, FACET_TITLES } from '~/search/facet-labels';
import { formatMapView, mapFilterQuery, readMapState, resultsKey, type MapView } from '~/map/map-state';
import { useRegionOverlay } from '~/map/region-overlay';
import { formatArea, formatNear, parseSearchParams, serializeSearchParams, type Area, type FacetParam } from '~/search/search-params';
import { unlessRefused } from '~/api/search-refusal';
import { suggestBroaderSearch } from '~/search/broader-search.server';
import { emptyFacets, type SearchResult } from '~/search/search-result';
import { searchEntries } from '~/search/search.server';
import { plural } from '~/utils/plural';

export const meta: MetaFunction = () => [
  { title: 'Samenspel — doe-coalities en burgerinitiatieven op de kaart' },
  {
    name: 'description',
    content: 'Vind formele doe-coalities en burgerinitiatieven voor goed ouder worden in je regio, op de kaart en in een lijst.',
  },
];

/** Region names by `layer:code`, once per region catalog (it is read once per geodata version) instead of on every request. */
const regionNamesOfCatalog = new WeakMap<RegionCatalog, Map<string, string>>();

function regionNamesOf(catalog: RegionCatalog) {
  let names = regionNamesOfCatalog.get(catalog);
  if (!names) {
    names = new Map(catalog.regions.map((region) => [`${region.layer}:${region.code}`, region.name]));
    regionNamesOfCatalog.set(catalog, names);
  }
  return names;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { config, db, search: client } = context.services;
  const url = new URL(request.url);
  const parsed = parseSearchParams(url.searchParams);
  const { params } = parsed;
  const geoSource = { geoDir: config.geoDir, year: config.GEO_YEAR };
  const places = params.near || url.searchParams.has(PLACE_FIELD) ? await placeIndex(db, geoSource) : null;
  const placeField = url.searchParams.has(PLACE_FIELD) ? applyPlaceField(places, url.searchParams, params.near) : null;
  if (placeField && 'redirectTo' in placeField) return redirect(`/${placeField.redirectTo}`);
  const [searched, catalog] = await Promise.all([unlessRefused(searchEntries(db, client, params)), regionCatalog(db, geoSource)]);
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  if (placeField) errors.near = placeField.error;
  if (!searched.ok) errors.search = searched.message;
  const result: SearchResult = searched.ok
    ? searched.value
    : { hits: [], total: 0, facets: emptyFacets(), page: 1, per_page: params.per_page, total_pages: 0, degraded: false };
  // When SQLite answered, Meilisearch is down: the suggestions are counted there too.
  const broader = searched.ok && result.total === 0 ? await suggestBroaderSearch(db, result.degraded ? null : client, params) : null;
  const allRegionNames = regionNamesOf(catalog);
  // Only the names the page can show: regions with results and the chosen ones.
  const regionNames: Record<string, string> = {};
  for (const [ref, count] of Object.entries(result.facets.region)) {
    const name = allRegionNames.get(ref);
    if (count && name !== undefined) regionNames[ref] = name;
  }
  for (const ref of params.region) {
    const name = allRegionNames.get(ref);
    if (name !== undefined) regionNames[ref] = name;
  }
  // A refused query still shows the page, with its messages; the status says it was refused.
  const payload = {
    params,
    errors,
    result,
    broader: broader ? { label: broader.label, query: serializeSearchParams(broader.params), total: broader.total } : null,
    regionNames,
    // What the place field shows: what was typed when it matched nothing, else the current point's name.
    placeLabel: placeField ? placeField.text : placeLabelOf(places, params.near),
    geodataMissing: catalog.status.available ? null : catalog.status.missing,
    tiles: { url: config.TILE_URL, attribution: config.TILE_ATTRIBUTION },
  };
  return data(payload, { status: Object.keys(errors).length ? 400 : 200 });
}

/** Moving the map or switching a region layer changes the URL but not the results: no reload. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
  const sameResults = currentUrl.pathname === nextUrl.pathname && resultsKey(currentUrl.searchParams) === resultsKey(nextUrl.searchParams);
  if ((!formMethod || formMethod === 'GET') && sameResults) return false;
  return defaultShouldRevalidate;
};

/** The same view filtered on one region instead of the chosen one. */
function withRegion(search: URLSearchParams, ref: string): string {
  const next = new URLSearchParams(search);
  next.delete('region');
  next.delete('page');
  next.append('region', ref);
  return `?${next}`;
}

function describeRemoval(label: string, regionNames: Record<string, string>): string {
  if (label === 'q') return 'de zoekwoorden';
  if (label === 'radius_km') return 'de straal';
  if (label === 'area') return 'de beperking tot het kaartgebied';
  const [param, ...rest] = label.split(':') as [FacetParam, ...string[]];
  if (rest.length === 0) return `de filters ${FACET_TITLES[param]}`;
  return `het filter ${FACET_TITLES[param]}: ${facetValueLabel(param, rest.join(':'), regionNames)}`;
}

export default function Index() {
  const { params, errors, result, broader, regionNames, placeLabel, geodataMissing, tiles } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const mapState = readMapState(searchParams);
  // Not a Remix navigation: moving the map must neither reload the results nor cancel a
  // filter change that is still loading.
  const onViewChange = useCallback((view: MapView) => {
    const url = new URL(window.location.href);
    url.searchParams.set('map', formatMapView(view));
    window.history.replaceState(window.history.state, '', url);
  }, []);
  const filterQuery = mapFilterQuery(params);
  // Without a chosen layer, provincie outlines still give the map a shape when no tiles load.
  const overlay = useRegionOverlay(mapState.layer ?? 'provincie', mapState.shade, filterQuery);
  const regionHref = useCallback((ref: string) => withRegion(searchParams, ref), [searchParams]);
  // Read the live URL: it holds the current map view, which the router has not seen.
  const selectRegion = useCallback(
    (ref: string) => navigate(withRegion(new URLSearchParams(window.location.search), ref), { preventScrollReset: true }),
    [navigate],
  );
  // The chosen place is the directory's reference point: distances and the distance sort use it.
  const onChoosePlace = (point: { lat: number; lng: number }) => {
    const next = new URLSearchParams(window.location.search);
    next.set('near', formatNear(point));
    next.set('sort', 'distance');
    next.delete('page');
    navigate(`?${next}`, { preventScrollReset: true });
  };
  const onSearchArea = (bounds: Area) => {
    const next = new URLSearchParams(window.location.search);
    next.set('area', formatArea(bounds));
    next.delete('page');
    navigate(`?${next}`, { preventScrollReset: true });
  };
  const first = (result.page - 1) * result.per_page + 1;
  const last = first + result.hits.length - 1;
  return (
    <div className="directory">
      <h1 className="visually-hidden">Doe-coalities en burgerinitiatieven zoeken</h1>
      <p className="directory-aside">
        Voor verbinders en regio&rsquo;s: <Link to="/zonder-partner">initiatieven zonder partner, per regio</Link>.
      </p>
      <DirectoryForm params={params} errors={errors} placeLabel={placeLabel}>
        <div className="directory-body" aria-busy={navigation.state === 'loading'}>
          <FacetPanel params={params} facets={result.facets} regionNames={regionNames} />
          <div className="directory-results">
            {result.degraded ? (
              <p className="notice notice--warning" role="status">
                De zoekmachine is tijdelijk niet bereikbaar. Je ziet resultaten rechtstreeks uit de database; zoeken met spelfouten werkt
                dan niet en er zijn geen gemarkeerde zoektreffers.
              </p>
            ) : null}
            {geodataMissing ? (
              <p className="notice notice--info" role="status">
                De gemeente- en regiogrenzen ontbreken op deze server ({geodataMissing.join(', ')}). Vermeldingen zijn zichtbaar, maar
                filteren op regio kan pas als de beheerder <code>npm run geo:fetch</code> heeft uitgevoerd.
              </p>
            ) : null}
            <ActiveFilters params={params} regionNames={regionNames} />
            <p className="result-count" role="status" aria-live="polite">
              {result.total === 0
                ? 'Geen vermeldingen gevonden.'
                : `${plural(result.total, 'vermelding', 'vermeldingen')} gevonden${result.total_pages > 1 ? `; ${first}–${last} staan in de lijst, alle op de kaart` : ''}.`}
            </p>
            {result.total === 0 ? (
              <div className="empty-state">
                {broader ? (
                  <p>
                    Verwijder {describeRemoval(broader.label, regionNames)}:{' '}
                    <Link to={`?${broader.query}`}>dan zijn er {plural(broader.total, 'vermelding', 'vermeldingen')}</Link>.
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
                  <ExportLinks filterQuery={filterQuery} total={result.total} />
                </section>
                <section className="directory-map" aria-labelledby="map-heading">
                  <h2 id="map-heading">Kaart</h2>
                  <DirectoryMap
                    filterQuery={filterQuery}
                    area={params.area ?? null}
                    initialView={mapState.view}
                    tileUrl={tiles.url}
                    tileAttribution={tiles.attribution}
                    onViewChange={onViewChange}
                    onSearchArea={onSearchArea}
                  >
                    <PlaceFinder onChoose={onChoosePlace} />
                    <PartnershipLinesLayer filterQuery={filterQuery} />
                    <RegionShapesLayer
                      overlay={overlay}
                      interactive={mapState.layer !== null}
                      selected={params.region[0] ?? null}
                      onSelect={selectRegion}
                    />
                  </DirectoryMap>
                  <RegionLayerPanel
                    layer={mapState.layer}
                    shade={mapState.shade}
                    overlay={mapState.layer ? overlay : null}
                    regionHref={regionHref}
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
