import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, Link, redirect, useLoaderData } from '@remix-run/react';
import { ComparisonChart } from '~/components/comparison-chart';
import { RegionMap } from '~/components/region-map';
import { RouteErrorPage } from '~/components/route-error-page';
import { formatRegionRef } from '~/regions/region-layers';
import {
  formatPercentage,
  FUNDING_ENDS_WITHIN_MONTHS,
  isRegionLayer,
  layerLabel,
  layerPlural,
  MATRIX_STATUS_LABELS,
  percentage,
  REGION_CODE,
  regionPath,
  STALE_AFTER_MONTHS,
  type KeyFigures,
  type MatrixRow,
  type MatrixStatus,
  type Overlap,
  type OverlapRelation,
} from '~/regions/region-page';
import { regionPage } from '~/regions/region-page.server';
import printStyles from '~/styles/print.css';
import regionStyles from '~/styles/region.css';
import { kindLabel, labelOf, PARTNER_DOMAINS, THEMES, TOPICS, topicsOfTheme } from '~/taxonomy/taxonomy';
import { plural } from '~/utils/plural';
import { readSession } from '~/auth/guards.server';
import { hasPermission } from '~/auth/permissions';
import { publicOrigin } from '~/config.server';
import { ExportLinks } from '~/components/export-links';
import { FollowRegionForm } from '~/components/follow-region-form';
import { FOLLOW_UP_ANSWERS, FOLLOW_UP_LABELS, FOLLOW_UP_QUESTION } from '~/introductions/introduction-schema';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: regionStyles },
  { rel: 'stylesheet', href: printStyles, media: 'print' },
];

const NOT_FOUND = 'Deze regio kennen we niet. Kies een gemeente of regio op de pagina Regio’s.';

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { config, db, search } = context.services;
  const layer = params.layer ?? '';
  const code = (params.code ?? '').toUpperCase();
  const page = isRegionLayer(layer) && REGION_CODE.test(code) ? await regionPage({ db, search }, layer, code) : null;
  if (!page) throw data({ message: NOT_FOUND }, { status: 404 });
  // One address per region: a code typed in lower case goes to the one with capitals.
  if (params.code !== code) throw redirect(`${regionPath(page.region.layer, code)}${new URL(request.url).search}`, 301);
  // Signed-in members and gemeente staff can follow the region; visitors see no button.
  const { signedIn } = await readSession(request, context.services);
  const actor = signedIn && { id: signedIn.user.id, role: signedIn.user.role };
  const follow =
    actor && hasPermission(actor.role, 'create:region-follow:own')
      ? {
          following: (await context.services.regionFollows.list(actor)).some(
            (f) => f.ref === formatRegionRef(page.region.layer, page.region.code),
          ),
        }
      : null;
  const canonicalUrl = `${publicOrigin(config, request)}${regionPath(page.region.layer, code)}`;
  return { page, follow, canonicalUrl, tiles: { url: config.TILE_URL, attribution: config.TILE_ATTRIBUTION } };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) =>
  loaded
    ? [
        { title: `${layerLabel(loaded.page.region.layer)} ${loaded.page.region.name} — Samenspel` },
        {
          name: 'description',
          content: `Wie werkt er in ${loaded.page.region.name} aan goed ouder worden: kerncijfers, agendamatrix, partnerdomeinen en initiatieven zonder partner.`,
        },
        { tagName: 'link', rel: 'canonical', href: loaded.canonicalUrl },
      ]
    : [{ title: 'Regio niet gevonden — Samenspel' }];

const RELATION_TEXT: Record<OverlapRelation, string> = {
  gelijk: 'dezelfde gemeenten',
  omvat: 'ligt geheel binnen deze regio',
  binnen: 'deze regio ligt er geheel binnen',
  deels: 'gedeeltelijk',
};

const nl = (value: number) => value.toLocaleString('nl-NL');

function FigureCell({ count, of }: { count: number; of?: number }) {
  return (
    <td>
      {nl(count)}
      {of === undefined ? null : <span className="subtle"> ({formatPercentage(percentage(count, of))})</span>}
    </td>
  );
}

function KeyFiguresTable({ name, region, national }: { name: string; region: KeyFigures; national: KeyFigures }) {
  const entries = (f: KeyFigures) => f.coalities + f.initiatieven;
  // Each side of a partnership answers the follow-up question six weeks after it was made.
  const answered = (f: KeyFigures) => FOLLOW_UP_ANSWERS.reduce((sum, answer) => sum + f.followUps[answer], 0);
  const rows: Array<{ label: string; cell: (f: KeyFigures) => JSX.Element }> = [
    { label: 'Doe-coalities (formeel)', cell: (f) => <FigureCell count={f.coalities} /> },
    { label: 'Burgerinitiatieven (informeel)', cell: (f) => <FigureCell count={f.initiatieven} /> },
    { label: 'Partnerschappen', cell: (f) => <FigureCell count={f.partnerships} /> },
    { label: 'Initiatieven met een formele partner', cell: (f) => <FigureCell count={f.partneredInitiatieven} of={f.initiatieven} /> },
    {
      label: `Vermeldingen niet gecontroleerd in ${STALE_AFTER_MONTHS} maanden`,
      cell: (f) => <FigureCell count={f.stale} of={entries(f)} />,
    },
    {
      label: `Financiering eindigt binnen ${FUNDING_ENDS_WITHIN_MONTHS} maanden`,
      cell: (f) => <FigureCell count={f.fundingEnding} of={entries(f)} />,
    },
    ...FOLLOW_UP_ANSWERS.map((answer) => ({
      label: `Vervolgvraag “${FOLLOW_UP_QUESTION}”: ${FOLLOW_UP_LABELS[answer].toLowerCase()}`,
      cell: (f: KeyFigures) => <FigureCell count={f.followUps[answer]} of={answered(f)} />,
    })),
  ];
  return (
    <table className="key-figures">
      <caption>Kerncijfers van {name} naast heel Nederland (gepubliceerde vermeldingen)</caption>
      <thead>
        <tr>
          <th scope="col">Cijfer</th>
          <th scope="col">{name}</th>
          <th scope="col">Nederland</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            {row.cell(region)}
            {row.cell(national)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Shade 0–4 of a count relative to the largest in the matrix: the heat map. */
const heat = (count: number, max: number) => (count === 0 ? 0 : Math.max(1, Math.ceil((count / max) * 4)));

const STATUS_HELP: Record<MatrixStatus, string> = {
  beide: 'doe-coalities en burgerinitiatieven werken eraan',
  'alleen-formeel': 'alleen doe-coalities',
  'alleen-informeel': 'alleen burgerinitiatieven',
  'witte-vlek': 'niemand werkt eraan',
};

function AgendaMatrix({ name, rows }: { name: string; rows: MatrixRow[] }) {
  const max = Math.max(1, ...rows.flatMap((row) => [row.formal, row.informal]));
  const byTopic = new Map(rows.map((row) => [row.topic, row]));
  const tally = (status: MatrixStatus) => rows.filter((row) => row.status === status).length;
  return (
    <>
      <p>
        Van de 20 onderwerpen: {tally('beide')} met beide, {tally('alleen-formeel')} alleen formeel, {tally('alleen-informeel')} alleen
        informeel en {plural(tally('witte-vlek'), 'witte vlek', 'witte vlekken')}.
      </p>
      <ul className="matrix-legend" aria-label="Legenda">
        {(Object.keys(MATRIX_STATUS_LABELS) as MatrixStatus[]).map((status) => (
          <li key={status}>
            <span className={`matrix-status matrix-status--${status}`}>{MATRIX_STATUS_LABELS[status]}</span> {STATUS_HELP[status]}
          </li>
        ))}
        <li>
          <span className="heat-scale" aria-hidden="true">
            {[1, 2, 3, 4].map((level) => (
              <span key={level} className={`heat-${level}`} />
            ))}
          </span>{' '}
          hoe donkerder het vak, hoe meer vermeldingen (grootste aantal: {max})
        </li>
      </ul>
      <table className="agenda-matrix">
        <caption>Agendamatrix van {name}: aantal vermeldingen per onderwerp, formeel en informeel</caption>
        <thead>
          <tr>
            <th scope="col">Onderwerp</th>
            <th scope="col">Doe-coalities (formeel)</th>
            <th scope="col">Burgerinitiatieven (informeel)</th>
            <th scope="col">Situatie</th>
          </tr>
        </thead>
        {THEMES.map((theme) => (
          <tbody key={theme.code}>
            <tr className="matrix-theme">
              <th scope="colgroup" colSpan={4}>
                {theme.label} <span className="subtle">— {theme.subtitle}</span>
              </th>
            </tr>
            {topicsOfTheme(theme.code).map(({ code }) => {
              const row = byTopic.get(code)!;
              return (
                <tr key={code} data-topic={code} data-status={row.status}>
                  <th scope="row">
                    <Link to={`/?topic=${code}`}>{code}</Link> {labelOf(TOPICS, code)}
                  </th>
                  <td className={`heat-${heat(row.formal, max)}`}>{row.formal}</td>
                  <td className={`heat-${heat(row.informal, max)}`}>{row.informal}</td>
                  <td>
                    <span className={`matrix-status matrix-status--${row.status}`}>{MATRIX_STATUS_LABELS[row.status]}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </>
  );
}

function OverlapList({ overlaps }: { overlaps: Overlap[] }) {
  const layers = [...new Set(overlaps.map((overlap) => overlap.layer))];
  return (
    <dl className="overlaps">
      {layers.map((layer) => (
        <div key={layer}>
          <dt>{layerPlural(layer)}</dt>
          <dd>
            <ul>
              {overlaps
                .filter((overlap) => overlap.layer === layer)
                .map((overlap) => (
                  <li key={overlap.code} data-ref={formatRegionRef(overlap.layer, overlap.code)}>
                    <Link to={regionPath(overlap.layer, overlap.code)}>{overlap.name}</Link>: {RELATION_TEXT[overlap.relation]} (
                    {overlap.shared} van de {plural(overlap.total, 'gemeente', 'gemeenten')} daarvan)
                  </li>
                ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default function RegionPage() {
  const { page, tiles, follow } = useLoaderData<typeof loader>();
  const { region, figures, domains, withoutPartner, partnerships } = page;
  const ref = formatRegionRef(region.layer, region.code);
  const title = `${layerLabel(region.layer)} ${region.name}`;
  const share = (f: KeyFigures) => percentage(f.partneredInitiatieven, f.initiatieven);
  const ofEntries = (f: KeyFigures, n: number) => percentage(n, f.coalities + f.initiatieven);
  return (
    <article className="region-page">
      <p className="no-print">
        <Link to="/regio">← Alle regio&rsquo;s</Link>
      </p>
      <h1>{title}</h1>
      <p className="lead">
        {plural(figures.region.coalities, 'doe-coalitie', 'doe-coalities')} en{' '}
        {plural(figures.region.initiatieven, 'burgerinitiatief', 'burgerinitiatieven')} werken in {region.name}
        {region.layer === 'gemeente' ? '' : ` (${plural(page.gemeenten.length, 'gemeente', 'gemeenten')})`}. Stand van {page.asOf}.
      </p>
      <div className="region-exports no-print">
        <ExportLinks
          filterQuery={new URLSearchParams({ region: ref }).toString()}
          total={figures.region.coalities + figures.region.initiatieven}
        />
        <p>
          <Link to={`/?${new URLSearchParams({ region: ref })}`}>Bekijk de vermeldingen in de lijst</Link>
        </p>
        {follow ? (
          <FollowRegionForm
            region={ref}
            name={region.name}
            following={follow.following}
            returnTo={`/regio/${region.layer}/${region.code}`}
          />
        ) : null}
      </div>

      <div className="region-overview">
        <RegionMap
          layer={region.layer}
          code={region.code}
          name={region.name}
          lines={partnerships.lines}
          tileUrl={tiles.url}
          tileAttribution={tiles.attribution}
        />
        <section aria-labelledby="wirwar">
          <h2 id="wirwar">Indelingen</h2>
          {region.layer === 'gemeente' ? (
            <>
              <p>{region.name} hoort bij:</p>
              <ul className="memberships">
                {page.memberships.map((membership) => (
                  <li key={membership.layer}>
                    {layerLabel(membership.layer)}: <Link to={regionPath(membership.layer, membership.code)}>{membership.name}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <p>Zo valt {region.name} samen met de andere indelingen, geteld in gemeenten (de bouwsteen van elke indeling):</p>
              <OverlapList overlaps={page.overlaps} />
              <h3>
                De {plural(page.gemeenten.length, 'gemeente', 'gemeenten')} van {region.name}
              </h3>
              <ul className="region-gemeenten">
                {page.gemeenten.map((gemeente) => (
                  <li key={gemeente.code}>
                    <Link to={regionPath('gemeente', gemeente.code)}>{gemeente.name}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>

      <section aria-labelledby="kerncijfers">
        <h2 id="kerncijfers">Kerncijfers</h2>
        <KeyFiguresTable name={region.name} region={figures.region} national={figures.national} />
        <ComparisonChart
          title={`Aandelen in ${region.name} naast Nederland`}
          regionName={region.name}
          rows={[
            { label: 'Initiatieven met formele partner', region: share(figures.region), national: share(figures.national) },
            {
              label: `Niet gecontroleerd in ${STALE_AFTER_MONTHS} maanden`,
              region: ofEntries(figures.region, figures.region.stale),
              national: ofEntries(figures.national, figures.national.stale),
            },
            {
              label: `Financiering eindigt binnen ${FUNDING_ENDS_WITHIN_MONTHS} mnd.`,
              region: ofEntries(figures.region, figures.region.fundingEnding),
              national: ofEntries(figures.national, figures.national.fundingEnding),
            },
          ]}
        />
      </section>

      <section aria-labelledby="agendamatrix">
        <h2 id="agendamatrix">Agendamatrix: wie werkt waaraan</h2>
        <AgendaMatrix name={region.name} rows={page.matrix} />
      </section>

      <section aria-labelledby="partnerdomeinen">
        <h2 id="partnerdomeinen">Partnerdomeinen van de doe-coalities</h2>
        <p>
          Het aandeel doe-coalities met ten minste één partner uit elk domein. Landelijk hebben burgers en woningcorporaties zelden een plek
          in een doe-coalitie (Ouder Worden 2040, tabel 1).
        </p>
        <table className="domain-mix">
          <caption>
            Partnerdomeinen: {plural(domains.coalities.region, 'doe-coalitie', 'doe-coalities')} in {region.name},{' '}
            {nl(domains.coalities.national)} in Nederland
          </caption>
          <thead>
            <tr>
              <th scope="col">Domein</th>
              <th scope="col">{region.name}</th>
              <th scope="col">Nederland</th>
            </tr>
          </thead>
          <tbody>
            {domains.rows.map((row) => (
              <tr key={row.domain} data-domain={row.domain}>
                <th scope="row">{labelOf(PARTNER_DOMAINS, row.domain)}</th>
                <FigureCell count={row.region} of={domains.coalities.region} />
                <FigureCell count={row.national} of={domains.coalities.national} />
              </tr>
            ))}
          </tbody>
        </table>
        <ComparisonChart
          title={`Partnerdomeinen van doe-coalities in ${region.name} naast Nederland`}
          regionName={region.name}
          rows={domains.rows.map((row) => ({
            label: labelOf(PARTNER_DOMAINS, row.domain),
            region: percentage(row.region, domains.coalities.region),
            national: percentage(row.national, domains.coalities.national),
          }))}
        />
      </section>

      <section aria-labelledby="zonder-partner">
        <h2 id="zonder-partner">Initiatieven zonder formele partner</h2>
        <p>
          {withoutPartner.total === 0
            ? `Elk burgerinitiatief in ${region.name} heeft een formele partner.`
            : `${plural(withoutPartner.total, 'burgerinitiatief', 'burgerinitiatieven')} in ${region.name} ${withoutPartner.total === 1 ? 'heeft' : 'hebben'} geen formele partner (een partner uit een ander domein dan burgers, of een partnerschap met een doe-coalitie).`}
          {withoutPartner.total > withoutPartner.items.length ? ` Hieronder de eerste ${withoutPartner.items.length}, op naam.` : ''}
        </p>
        {withoutPartner.degraded ? (
          <p className="notice notice--info">De zoekmachine antwoordt nu niet; de voorstellen komen uit de database.</p>
        ) : null}
        {withoutPartner.items.length ? (
          <table className="without-partner-proposals">
            <caption className="visually-hidden">Initiatieven zonder formele partner met het beste voorstel</caption>
            <thead>
              <tr>
                <th scope="col">Initiatief</th>
                <th scope="col">Beste voorstel</th>
              </tr>
            </thead>
            <tbody>
              {withoutPartner.items.map((item) => (
                <tr key={item.slug}>
                  <th scope="row">
                    <Link to={`/entries/${item.slug}`}>{item.name}</Link> <span className="subtle">{item.place}</span>
                  </th>
                  <td>
                    {item.proposal ? (
                      <>
                        <Link to={`/entries/${item.proposal.entry.slug}`}>{item.proposal.entry.name}</Link>{' '}
                        <span className="subtle">
                          ({item.proposal.label}, score {item.proposal.score.toFixed(2).replace('.', ',')})
                        </span>
                        {item.proposal.reasons[0] ? <div className="subtle">{item.proposal.reasons[0]}</div> : null}
                      </>
                    ) : (
                      'Geen voorstel'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <p className="no-print">
          <Link to={`/zonder-partner?${new URLSearchParams({ region: ref })}`}>
            Initiatieven in {region.name} die een verbinder nodig hebben
          </Link>
        </p>
      </section>

      <section aria-labelledby="partnerschappen">
        <h2 id="partnerschappen">Partnerschappen</h2>
        {partnerships.total === 0 ? (
          <p>Er zijn nog geen partnerschappen vastgelegd met een vermelding in {region.name}.</p>
        ) : (
          <table className="partnerships">
            <caption>
              {plural(partnerships.total, 'partnerschap', 'partnerschappen')} met ten minste één kant in {region.name}
              {partnerships.total > partnerships.lines.length ? `; de ${partnerships.lines.length} nieuwste` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Vermelding</th>
                <th scope="col">Partner</th>
              </tr>
            </thead>
            <tbody>
              {partnerships.lines.map((line) => (
                <tr key={line.id}>
                  {[line.a, line.b].map((end) => (
                    <td key={end.slug}>
                      <Link to={`/entries/${end.slug}`}>{end.name}</Link>{' '}
                      <span className="subtle">
                        {kindLabel(end.kind)}, {end.place}
                      </span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}

/** Unknown layer or code: a Dutch 404 that points back to the region picker. */
export function ErrorBoundary() {
  return <RouteErrorPage backTo="/regio" backLabel="Naar alle regio’s" />;
}
