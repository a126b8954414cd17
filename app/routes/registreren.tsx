import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData } from '@remix-run/react';
import { fieldErrors, formFields, signUpSchema } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError, formPageHeaders, tooManyAttempts } from '~/auth/form-result.server';
import { clientAddress, readSession } from '~/auth/guards.server';
import { AccountForm, Field, NewPasswordFields } from '~/components/account-form';
import { CheckYourMail } from '~/components/check-your-mail';

export const headers = formPageHeaders;

export const meta: MetaFunction = () => [{ title: 'Account aanmaken — Samenspel' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if ((await readSession(request, context.services)).signedIn) throw redirect('/account');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readProtectedForm(request, context.services);
  const parsed = signUpSchema.safeParse(formFields(form));
  if (!parsed.success) return formError(400, { errors: fieldErrors(parsed.error) });
  const result = await context.services.accounts.signUp(parsed.data, clientAddress(context));
  if (!result.ok) return tooManyAttempts(result.retryAfterSeconds);
  // The same answer whether or not the address already had an account; the mailbox tells its owner.
  return { ok: true as const, email: parsed.data.email };
}

export default function SignUp() {
  const result = useActionData<typeof action>();
  if (result?.ok) {
    return (
      <CheckYourMail>
        We hebben een bericht gestuurd naar <strong>{result.email}</strong>. Volg de link in dat bericht om verder te gaan. Geen bericht
        gekregen? Kijk ook in je map met ongewenste e-mail.
      </CheckYourMail>
    );
  }
  return (
    <section className="account-page">
      <h1>Account aanmaken</h1>
      <p>
        Met een account kun je straks je initiatief of coalitie op de kaart zetten en bijhouden. Je e-mailadres en naam blijven privé; lees
        in de <Link to="/privacy">privacyverklaring</Link> wat we met je gegevens doen.
      </p>
      <AccountForm schema={signUpSchema} result={result} submitLabel="Account aanmaken">
        {(errors) => (
          <>
            <Field name="name" label="Naam" autoComplete="name" errors={errors} />
            <Field name="email" label="E-mailadres" type="email" autoComplete="email" errors={errors} />
            <NewPasswordFields
              label="Wachtwoord"
              confirmLabel="Herhaal het wachtwoord"
              advice="Een zin van een paar woorden is sterk en goed te onthouden."
              errors={errors}
            />
          </>
        )}
      </AccountForm>
      <p>
        Heb je al een account? <Link to="/inloggen">Log in</Link>.
      </p>
    </section>
  );
}
