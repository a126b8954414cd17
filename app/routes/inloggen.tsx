import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { formFields, fieldErrors, signInSchema } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError, formPageHeaders, tooManyAttempts } from '~/auth/form-result.server';
import { clientAddress, readSession, safeReturnPath, sessionIdOf } from '~/auth/guards.server';
import { AccountForm, Field } from '~/components/account-form';

export const headers = formPageHeaders;

export const meta: MetaFunction = () => [{ title: 'Inloggen — Samenspel' }];

/** Notices after a redirect to this page, by the `melding` parameter. */
const NOTICES: Record<string, string> = {
  bevestigd: 'Je e-mailadres is bevestigd. Je kunt nu inloggen.',
  'wachtwoord-hersteld': 'Je nieuwe wachtwoord is ingesteld en je bent overal uitgelogd. Log in met je nieuwe wachtwoord.',
  uitgelogd: 'Je bent uitgelogd.',
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const returnTo = safeReturnPath(url.searchParams.get('terug'));
  if ((await readSession(request, context.services)).signedIn) throw redirect(returnTo);
  return { notice: NOTICES[url.searchParams.get('melding') ?? ''] ?? null, returnTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const form = await readProtectedForm(request, services);
  const fields = formFields(form);
  const parsed = signInSchema.safeParse(fields);
  if (!parsed.success) return formError(400, { errors: fieldErrors(parsed.error) });
  const previousSessionId = sessionIdOf(request);
  const result = await services.accounts.signIn(parsed.data, clientAddress(context), previousSessionId);
  if (result.ok) throw redirect(safeReturnPath(fields.terug ?? null), { headers: { 'Set-Cookie': result.cookie } });
  if (result.reason === 'limited') return tooManyAttempts(result.retryAfterSeconds);
  if (result.reason === 'unverified') {
    return formError(403, { message: 'Bevestig eerst je e-mailadres. We hebben je een nieuwe bevestigingslink gestuurd.' });
  }
  // The same words whether the address has no account or the password is wrong.
  return formError(400, { message: 'Dit e-mailadres en wachtwoord horen niet bij een account. Controleer ze en probeer het opnieuw.' });
}

export default function SignIn() {
  const { notice, returnTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="account-page">
      <h1>Inloggen</h1>
      {notice ? (
        <p className="notice notice--info" role="status">
          {notice}
        </p>
      ) : null}
      <AccountForm schema={signInSchema} result={result} submitLabel="Inloggen">
        {(errors) => (
          <>
            <input type="hidden" name="terug" value={returnTo} />
            <Field name="email" label="E-mailadres" type="email" autoComplete="email" errors={errors} />
            <Field name="password" label="Wachtwoord" type="password" autoComplete="current-password" errors={errors} />
          </>
        )}
      </AccountForm>
      <p>
        <Link to="/wachtwoord-vergeten">Wachtwoord vergeten?</Link>
      </p>
      <p>
        Nog geen account? <Link to="/registreren">Maak een account aan</Link>.
      </p>
    </section>
  );
}
