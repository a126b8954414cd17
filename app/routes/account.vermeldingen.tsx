import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useFetcher, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { CsrfField } from '~/components/account-form';
import { ActionNotice } from '~/components/action-notice';
import { formatDutchDate } from '~/components/entry-facts';
import { staleBefore } from '~/regions/region-page';
import type { action as confirmAction } from './vermelding.$slug.actueel';

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction = () => [{ title: 'Mijn vermeldingen — Samenspel' }];

const STATUS_LABELS = { draft: 'concept', submitted: 'wacht op beoordeling', approved: 'goedgekeurd', rejected: 'afgewezen' } as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  const actor = { id: user.id, role: user.role };
  const [items, owned] = await Promise.all([services.entries.listMine(actor), services.entries.listOwned(actor)]);
  return { items, owned, staleBefore: staleBefore(new Date()) };
}

/** "Klopt nog" for one entry: in place with JavaScript, through the confirmation page without. */
function ConfirmCurrentForm({ slug, name }: { slug: string; name: string }) {
  const fetcher = useFetcher<typeof confirmAction>();
  return (
    <fetcher.Form method="post" action={`/vermelding/${slug}/actueel`}>
      <CsrfField />
      <button type="submit" disabled={fetcher.state !== 'idle'}>
        Klopt nog<span className="visually-hidden">: {name}</span>
      </button>
      <ActionNotice result={fetcher.data} />
    </fetcher.Form>
  );
}

export default function MyEntries() {
  const { items, owned, staleBefore } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section>
      <h1>Mijn vermeldingen</h1>
      {params.get('ingediend') ? (
        <p className="notice notice--info" role="status">
          Ingediend. Een curator beoordeelt je vermelding; je krijgt bericht per e-mail.
        </p>
      ) : null}
      <p>
        <Link to="/vermelding/nieuw">Vermelding toevoegen</Link>
      </p>
      {items.length === 0 && owned.length === 0 ? <p>Je hebt nog geen vermeldingen.</p> : null}
      {owned.length ? (
        <>
          <h2>In de gids</h2>
          <p>
            Klopt alles nog? Laat het weten met &lsquo;Klopt nog&rsquo;, of wijzig wat niet meer klopt. Vermeldingen die een jaar niet zijn
            gecontroleerd, vallen op in de regiocijfers.
          </p>
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">Naam</th>
                <th scope="col">Laatst gecontroleerd</th>
                <th scope="col">Acties</th>
              </tr>
            </thead>
            <tbody>
              {owned.map((entry) => (
                <tr key={entry.slug}>
                  <td>
                    <Link to={`/entries/${entry.slug}`}>{entry.name}</Link>
                  </td>
                  <td>
                    {entry.lastVerifiedAt ? formatDutchDate(entry.lastVerifiedAt) : 'nog nooit'}
                    {!entry.lastVerifiedAt || entry.lastVerifiedAt < staleBefore ? <strong> — langer dan een jaar geleden</strong> : null}
                  </td>
                  <td>
                    <div className="row-actions">
                      <ConfirmCurrentForm slug={entry.slug} name={entry.name} />
                      <Form method="post" action={`/vermelding/${entry.slug}/bewerken`}>
                        <CsrfField />
                        <button type="submit">
                          Wijzigen<span className="visually-hidden">: {entry.name}</span>
                        </button>
                      </Form>
                      <Link to={`/vermelding/${entry.slug}/uitnodigen`}>Mede-eigenaar uitnodigen</Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {items.length ? (
        <>
          <h2>Versies</h2>
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">Naam</th>
                <th scope="col">Status</th>
                <th scope="col">Reden van afwijzing</th>
                <th scope="col">Acties</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>{item.published && item.slug ? <Link to={`/entries/${item.slug}`}>{item.name}</Link> : item.name}</td>
                  <td>{STATUS_LABELS[item.status]}</td>
                  <td>{item.reviewReason ?? ''}</td>
                  <td>
                    {item.status === 'draft' || item.status === 'rejected' ? (
                      <Link to={`/vermelding/concept/${item.id}/basis`}>Verder bewerken</Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
