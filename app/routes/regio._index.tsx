import { data, redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { freeText } from '~/api/free-text';
import { messagesByParameter, repeatedParameters } from '~/api/parameter-errors';
import { REGION_LAYERS, type RegionMembership } from '~/regions/region-layers';
import { layerLabel, regionPath } from '~/regions/region-page';
import { gemeentenForPlace, searchRegions } from '~/regions/region-picker.server';
import { regionCatalog } from '~/regions/regions.server';
import regionStyles from '~/styles/region.css';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: regionStyles }];

export const meta: MetaFunction = () => [
  { title: 'Regio’s — Samenspel' },
  {
    name: 'description',
    content: 'Kies een gemeente, provincie, GGD-regio, zorgkantoorregio of COROP-regio en zie wie er werkt aan goed ouder worden.',
  },
];

const TOO_LONG = 'Typ hooguit 60 tekens.';
const paramsSchema = z.object({
  q: freeText(60, TOO_LONG).optional(),
  plaats: freeText(60, TOO_LONG).optional(),
});

type Found = { code: string; name: string; via: string };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { config, db } = context.services;
  const source = { geoDir: config.geoDir, year: config.GEO_YEAR };
  const search = new URL(request.url).searchParams;
  const parsed = paramsSchema.safeParse({ q: search.get('q') ?? undefined, plaats: search.get('plaats') ?? undefined });
  const errors: Record<string, string> = {
    ...(parsed.success ? {} : messagesByParameter(parsed.error)),
    ...repeatedParameters(search, ['q', 'plaats']),
  };
  const q = parsed.success && !errors.q ? (parsed.data.q ?? '') : '';
  const plaats = parsed.success && !errors.plaats ? (parsed.data.plaats ?? '') : '';
  const catalog = await regionCatalog(db, source);

  let places: Found[] | null = null;
  if (plaats) {
    places = await gemeentenForPlace(db, source, plaats);
    // A postcode or an unambiguous name goes straight to the gemeente's page.
    if (places?.length === 1) return redirect(regionPath('gemeente', places[0]!.code));
  }
  return data(
    {
      errors,
      q,
      plaats,
      places,
      results: q ? searchRegions(catalog.regions, q) : null,
      available: catalog.status.available,
      layers: REGION_LAYERS.map(({ layer, plural }) => ({
        layer,
        plural,
        regions: catalog.regions.filter((region) => region.layer === layer),
      })),
    },
    { status: Object.keys(errors).length ? 400 : 200 },
  );
}

function RegionLink({ region }: { region: RegionMembership }) {
  return <Link to={regionPath(region.layer, region.code)}>{region.name}</Link>;
}

export default function RegionPicker() {
  const { errors, q, plaats, places, results, available, layers } = useLoaderData<typeof loader>();
  return (
    <div className="region-picker">
      <h1>Regio&rsquo;s</h1>
      <p className="lead">
        Zie per gemeente of regio wie er werkt aan goed ouder worden: kerncijfers, de agendamatrix met witte vlekken, partnerdomeinen en
        initiatieven zonder partner. Samenspel vertaalt tussen de indelingen: gemeenten, provincies, GGD-regio&rsquo;s,
        zorgkantoorregio&rsquo;s en COROP-regio&rsquo;s.
      </p>
      {!available ? (
        <p className="notice notice--warning" role="alert">
          De gemeente- en regiogrenzen ontbreken op deze server; er zijn nog geen regio&rsquo;s.
        </p>
      ) : null}

      <section aria-labelledby="mijn-gemeente">
        <h2 id="mijn-gemeente">Mijn gemeente</h2>
        <Form method="get" key={`plaats|${plaats}`}>
          <div>
            <label htmlFor="regio-plaats">Plaatsnaam, gemeente of postcode (4 cijfers)</label>
            <input
              id="regio-plaats"
              name="plaats"
              defaultValue={plaats}
              autoComplete="postal-code"
              aria-invalid={errors.plaats ? true : undefined}
              aria-describedby={errors.plaats ? 'regio-plaats-error' : undefined}
            />
            {errors.plaats ? (
              <p id="regio-plaats-error" className="field-error">
                {errors.plaats}
              </p>
            ) : null}
          </div>
          <button type="submit">Naar mijn gemeente</button>
        </Form>
        {places !== null && plaats ? (
          places.length === 0 ? (
            <p role="status">Geen gemeente gevonden bij &lsquo;{plaats}&rsquo;. Probeer een plaatsnaam of een postcode van 4 cijfers.</p>
          ) : (
            <>
              <p role="status">Welke gemeente bedoel je?</p>
              <ul className="region-results">
                {places.map((place) => (
                  <li key={place.code}>
                    <Link to={regionPath('gemeente', place.code)}>{place.name}</Link>
                    {place.via !== place.name ? <span className="subtle"> (via {place.via})</span> : null}
                  </li>
                ))}
              </ul>
            </>
          )
        ) : null}
      </section>

      <section aria-labelledby="zoek-regio">
        <h2 id="zoek-regio">Zoek een regio op naam</h2>
        <Form method="get" key={`q|${q}`}>
          <div>
            <label htmlFor="regio-q">Naam van een gemeente of regio</label>
            <input
              id="regio-q"
              name="q"
              type="search"
              defaultValue={q}
              aria-invalid={errors.q ? true : undefined}
              aria-describedby={errors.q ? 'regio-q-error' : undefined}
            />
            {errors.q ? (
              <p id="regio-q-error" className="field-error">
                {errors.q}
              </p>
            ) : null}
          </div>
          <button type="submit">Zoek</button>
        </Form>
        {results ? (
          results.length === 0 ? (
            <p role="status">Geen regio gevonden met &lsquo;{q}&rsquo; in de naam.</p>
          ) : (
            <ul className="region-results" aria-label="Gevonden regio's">
              {results.map((region) => (
                <li key={`${region.layer}:${region.code}`}>
                  <RegionLink region={region} /> <span className="subtle">{layerLabel(region.layer)}</span>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </section>

      <section aria-labelledby="alle-regios" className="region-layer-list">
        <h2 id="alle-regios">Alle indelingen</h2>
        {layers.map((group) => (
          <details key={group.layer}>
            <summary>
              {group.plural} ({group.regions.length})
            </summary>
            <ul>
              {group.regions.map((region) => (
                <li key={region.code}>
                  <RegionLink region={region} />
                </li>
              ))}
            </ul>
          </details>
        ))}
      </section>
    </div>
  );
}
