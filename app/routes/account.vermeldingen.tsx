import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { CsrfField } from '~/components/account-form';

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction = () => [{ title: 'Mijn vermeldingen — Samenspel' }];

const STATUS_LABELS = { draft: 'concept', submitted: 'wacht op beoordeling', approved: 'goedgekeurd', rejected: 'afgewezen' } as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  return { items: await services.entries.listMine({ id: user.id, role: user.role }) };
}

export default function MyEntries() {
  const { items } = useLoaderData<typeof loader>();
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
      {items.length === 0 ? <p>Je hebt nog geen vermeldingen.</p> : null}
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
                {item.status === 'approved' && item.slug ? (
                  <Form method="post" action={`/vermelding/${item.slug}/bewerken`}>
                    <CsrfField />
                    <button type="submit">Wijzigen</button>
                  </Form>
                ) : null}
                {item.status === 'approved' && item.slug ? (
                  <Link to={`/vermelding/${item.slug}/uitnodigen`}>Mede-eigenaar uitnodigen</Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
