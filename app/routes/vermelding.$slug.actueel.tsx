import { redirect, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData } from '@remix-run/react';
import { readProtectedForm } from '~/auth/csrf.server';
import { requireUser } from '~/auth/guards.server';
import { formatDutchDate } from '~/components/entry-facts';
import { RouteErrorPage } from '~/components/route-error-page';
import { answerRefusals } from '~/entries/service-response.server';

export const meta: MetaFunction = () => [{ title: 'Vermelding klopt nog — Samenspel' }];

/** Only a form target: a visit goes to the member's entries. */
export const loader = () => redirect('/account/vermeldingen');

/** "Klopt nog": the owner confirms the entry is still current (see `confirmCurrent`). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  await readProtectedForm(request, services);
  const slug = params.slug ?? '';
  const { lastVerifiedAt } = await answerRefusals(() => services.entries.confirmCurrent({ id: user.id, role: user.role }, slug));
  return { ok: true as const, message: `Bevestigd: deze vermelding klopt nog, gecontroleerd op ${formatDutchDate(lastVerifiedAt)}.`, slug };
}

/** The confirmation for a browser without JavaScript; with it, the list confirms in place. */
export default function ConfirmedCurrent() {
  const result = useActionData<typeof action>();
  return (
    <section className="account-page">
      <h1>Vermelding klopt nog</h1>
      <p role="status">{result?.message}</p>
      <p>
        {result ? <Link to={`/entries/${result.slug}`}>Bekijk de vermelding</Link> : null} ·{' '}
        <Link to="/account/vermeldingen">Terug naar mijn vermeldingen</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage backTo="/account/vermeldingen" backLabel="Terug naar mijn vermeldingen" />;
}
