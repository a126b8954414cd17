import { data, redirect, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData } from '@remix-run/react';
import { fieldErrors, formFields } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { requireUser, safeReturnPath } from '~/auth/guards.server';
import { RouteErrorPage } from '~/components/route-error-page';
import { answerRefusals } from '~/entries/service-response.server';
import { dismissSchema } from '~/introductions/introduction-schema';

export const meta: MetaFunction = () => [{ title: 'Voorstel niet bijgewerkt — Samenspel' }];

/** POST from a proposal card: its entry's owner marks the proposal "niet relevant"; back to the page it came from. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  const form = await readProtectedForm(request, services);
  // Without its own fragment: the answer adds one.
  const returnTo = safeReturnPath(String(form.get('terug') ?? '')).split('#')[0]!;
  const parsed = dismissSchema.safeParse(formFields(form));
  if (!parsed.success) return data({ ok: false as const, errors: fieldErrors(parsed.error), returnTo }, { status: 400 });
  await answerRefusals(() => services.introductions.dismiss({ id: user.id, role: user.role }, parsed.data));
  return redirect(`${returnTo}#mogelijke-partners`, 303);
}

/**
 * The page of a refused form, with or without JavaScript, instead of a bare error. No loader: after
 * a refusal there is nothing to load, and a visit without a form gets a pointer.
 */
export default function DismissRefused() {
  const result = useActionData<typeof action>();
  if (!result) {
    return (
      <section className="account-page">
        <h1>Voorstel niet relevant</h1>
        <p>Een voorstel markeer je als niet relevant bij de mogelijke partners op de pagina van je vermelding.</p>
        <p>
          <Link to="/account/vermeldingen">Naar mijn vermeldingen</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="account-page">
      <h1>Voorstel niet bijgewerkt</h1>
      <ul>
        {Object.values(result.errors).map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
      <p>
        <Link to={result.returnTo}>Terug</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <RouteErrorPage backTo="/" backLabel="Terug naar de kaart" />;
}
