import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData } from '@remix-run/react';
import { readProtectedForm } from '~/auth/csrf.server';
import { requireUser } from '~/auth/guards.server';
import { formatDutchDate } from '~/components/entry-facts';
import { RouteErrorPage } from '~/components/route-error-page';
import { answerRefusals } from '~/entries/service-response.server';

export const meta: MetaFunction = () => [{ title: 'Vermelding klopt nog — Samenspel' }];

/** "Klopt nog": the owner confirms the entry is still current (see `confirmCurrent`). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  await readProtectedForm(request, services);
  const slug = params.slug ?? '';
  const { lastVerifiedAt } = await answerRefusals(() => services.entries.confirmCurrent({ id: user.id, role: user.role }, slug));
  return { ok: true as const, message: `Bevestigd: deze vermelding klopt nog, gecontroleerd op ${formatDutchDate(lastVerifiedAt)}.`, slug };
}

/** The confirmation for a browser without JavaScript (with it, the list confirms in place); a visit gets a pointer. */
export default function ConfirmedCurrent() {
  const result = useActionData<typeof action>();
  return (
    <section className="account-page">
      <h1>Vermelding klopt nog</h1>
      {result ? (
        <p role="status">
          {result.message} <Link to={`/entries/${result.slug}`}>Bekijk de vermelding</Link>
        </p>
      ) : (
        <p>Of je vermeldingen nog kloppen, bevestig je bij Mijn vermeldingen.</p>
      )}
      <p>
        <Link to="/account/vermeldingen">Naar mijn vermeldingen</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage backTo="/account/vermeldingen" backLabel="Terug naar mijn vermeldingen" />;
}
