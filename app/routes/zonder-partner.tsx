import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { messagesByParameter, numberParameter, repeatedParameters } from '~/api/parameter-errors';
import {
  defaultCountLayer,
  withoutPartnerParamsSchema,
  WITHOUT_PARTNER_LABEL,
  WITHOUT_PARTNER_MIN_SCORE,
  type WithoutPartnerParams,
} from '~/matching/without-partner';
import { initiativesWithoutPartner } from '~/matching/without-partner.server';
import { REGION_LAYERS, type RegionLayer } from '~/regions/region-layers';
import { regionCatalog } from '~/regions/regions.server';
import { labelOf, SUPPORT_TYPES, TOPICS } from '~/taxonomy/taxonomy';
import { plural } from '~/utils/plural';

export const meta: MetaFunction = () => [
  { title: 'Initiatieven zonder partner — Samenspel' },
  {
    name: 'description',
    content: 'Burgerinitiatieven zonder formele partner en zonder goed passende doe-coalitie, per regio: waar een verbinder nodig is.',
  },
];

const layerInfo = (layer: RegionLayer) => REGION_LAYERS.find((l) => l.layer === layer)!;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { config, db } = context.services;
  const search = new URL(request.url).searchParams;
  const catalog = await regionCatalog(db, { geoDir: config.geoDir, year: config.GEO_YEAR });
  const names = new Map(catalog.regions.map((r) => [`${r.layer}:${r.code}`, r.name]));
  const parsed = withoutPartnerParamsSchema.safeParse({
    region: search.get('region') || undefined,
    per: search.get('per') || undefined,
    page: numberParameter(search.get('page')),
  });
  const errors: Record<string, string> = {
    ...(parsed.success ? {} : messagesByParameter(parsed.error)),
    ...repeatedParameters(search, ['region', 'per', 'page']),
  };
  if (parsed.success && parsed.data.region && !names.has(parsed.data.region)) {
    errors.region = `De regio ${parsed.data.region} bestaat niet. Kies een regio uit de lijst.`;
  }
  // Bad input shows the whole country with the message, answered with 400.
  const params: WithoutPartnerParams = parsed.success && Object.keys(errors).length === 0 ? parsed.data : { page: 1 };
  const per = params.per ?? defaultCountLayer(params.region);
  const view = await initiativesWithoutPartner(db, {
    region: params.region ?? null,
    per,
    page: params.page,
    regionName: (ref) => names.get(ref) ?? ref,
  });
  const payload = {
    errors,
    region: params.region ? { ref: params.region, name: names.get(params.region)! } : null,
    per,
    perChosen: params.per ?? '',
    view,
    regionOptions: REGION_LAYERS.map(({ layer, plural: label }) => ({
      label,
      regions: catalog.regions.filter((r) => r.layer === layer).map((r) => ({ ref: `${r.layer}:${r.code}`, name: r.name })),
    })),
  };
  return data(payload, { status: Object.keys(errors).length ? 400 : 200 });
}

const threshold = WITHOUT_PARTNER_MIN_SCORE.toFixed(2).replace('.', ',');

export default function WithoutPartner() {
  const { errors, region, per, perChosen, view, regionOptions } = useLoaderData<typeof loader>();
  const perLabel = layerInfo(per).label.toLowerCase();
  const where = region ? `in ${region.name}` : 'in heel Nederland';
  const pageHref = (page: number) => {
    const query = new URLSearchParams();
    if (region) query.set('region', region.ref);
    if (perChosen) query.set('per', perChosen);
    if (page > 1) query.set('page', String(page));
    return `?${query}`;
  };
  return (
    <div className="without-partner">
      <h1>Initiatieven zonder partner</h1>
      <p className="lead">
        Gepubliceerde burgerinitiatieven zonder formele partner en zonder voorstel van ten minste &lsquo;{WITHOUT_PARTNER_LABEL}&rsquo;
        (score {threshold} of hoger): hier is een verbinder nodig die het initiatief en een doe-coalitie bij elkaar brengt.
      </p>
      <p>Een formele partner is een partner uit een ander domein dan burgers. Alleen openbare gegevens van de vermeldingen tellen mee.</p>

      {Object.keys(errors).length ? (
        <div className="notice notice--warning" role="alert">
          <p>Niet alles in het adres klopt; je ziet heel Nederland.</p>
          <ul>
            {Object.entries(errors).map(([param, message]) => (
              <li key={param}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {view.updating ? (
        <p className="notice notice--info" role="status">
          Vermeldingen zijn kort geleden gewijzigd; de telling wordt bijgewerkt. Ververs de pagina straks voor de nieuwste cijfers.
        </p>
      ) : null}

      {/* Keyed by the state it shows, so its fields follow a client-side navigation. */}
      <Form method="get" className="without-partner-form" key={`${region?.ref ?? ''}|${perChosen}`}>
        <div>
          <label htmlFor="zp-region">Regio</label>
          <select id="zp-region" name="region" defaultValue={region?.ref ?? ''}>
            <option value="">Heel Nederland</option>
            {regionOptions.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.regions.map((option) => (
                  <option key={option.ref} value={option.ref}>
                    {option.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="zp-per">Tel per</label>
          <select id="zp-per" name="per" defaultValue={perChosen}>
            <option value="">Vanzelf: gemeente in een regio, anders provincie</option>
            {REGION_LAYERS.map((layer) => (
              <option key={layer.layer} value={layer.layer}>
                {layer.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Toon</button>
      </Form>

      <p className="result-count" role="status">
        {view.total === 0 ? 'Geen initiatieven' : plural(view.total, 'initiatief', 'initiatieven')} zonder partner {where}, van{' '}
        {plural(view.initiatives, 'gepubliceerd initiatief', 'gepubliceerde initiatieven')}.
      </p>

      {view.counts.length ? (
        <section aria-labelledby="zp-counts">
          <h2 id="zp-counts">Per {perLabel}</h2>
          <table className="without-partner-counts">
            <caption className="visually-hidden">
              Initiatieven zonder partner per {perLabel} {where}, de meeste eerst
            </caption>
            <thead>
              <tr>
                <th scope="col">{layerInfo(per).label}</th>
                <th scope="col">Zonder partner</th>
                <th scope="col">Initiatieven</th>
              </tr>
            </thead>
            <tbody>
              {view.counts.map((count) => (
                <tr key={count.ref}>
                  <th scope="row">
                    <Link to={`?${new URLSearchParams({ region: count.ref })}`}>{count.name}</Link>
                  </th>
                  <td>{count.count}</td>
                  <td>{count.initiatives}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {view.items.length ? (
        <section aria-labelledby="zp-list">
          <h2 id="zp-list">Initiatieven</h2>
          <ol className="entry-list">
            {view.items.map((item) => (
              <li key={item.slug} className="entry-card" data-kind="initiatief">
                <h3>
                  <Link to={`/entries/${item.slug}`}>{item.name}</Link>
                </h3>
                <p className="entry-meta">
                  <span>{item.place}</span>
                </p>
                <p>
                  Onderwerpen: {item.topics.map((code) => `${code} ${labelOf(TOPICS, code)}`).join('; ') || 'geen'}.
                  {item.needs.length ? ` Zoekt: ${item.needs.map((code) => labelOf(SUPPORT_TYPES, code).toLowerCase()).join(', ')}.` : ''}
                </p>
              </li>
            ))}
          </ol>
          {view.totalPages > 1 ? (
            <nav className="pagination" aria-label="Pagina's">
              {view.page > 1 ? <Link to={pageHref(view.page - 1)}>← Vorige</Link> : null}
              <span>
                Pagina {view.page} van {view.totalPages}
              </span>
              {view.page < view.totalPages ? <Link to={pageHref(view.page + 1)}>Volgende →</Link> : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
