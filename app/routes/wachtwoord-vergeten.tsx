import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData } from '@remix-run/react';
import { fieldErrors, forgotPasswordSchema, formFields } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError, formPageHeaders, tooManyAttempts } from '~/auth/form-result.server';
import { clientAddress } from '~/auth/guards.server';
import { AccountForm, Field } from '~/components/account-form';
import { CheckYourMail } from '~/components/check-your-mail';

export const headers = formPageHeaders;

export const meta: MetaFunction = () => [{ title: 'Wachtwoord vergeten — Samenspel' }];

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readProtectedForm(request, context.services);
  const parsed = forgotPasswordSchema.safeParse(formFields(form));
  if (!parsed.success) return formError(400, { errors: fieldErrors(parsed.error) });
  const result = await context.services.accounts.requestPasswordReset(parsed.data.email, clientAddress(context));
  if (!result.ok) return tooManyAttempts(result.retryAfterSeconds);
  return { ok: true as const, email: parsed.data.email };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  if (result?.ok) {
    return (
      <CheckYourMail>
        Als er een account is met het adres <strong>{result.email}</strong>, krijg je binnen enkele minuten een bericht met een link om een
        nieuw wachtwoord te kiezen. De link is een uur geldig.
      </CheckYourMail>
    );
  }
  return (
    <section className="account-page">
      <h1>Wachtwoord vergeten</h1>
      <p>Vul het e-mailadres van je account in. We sturen je een link om een nieuw wachtwoord te kiezen.</p>
      <AccountForm schema={forgotPasswordSchema} result={result} submitLabel="Stuur de link">
        {(errors) => <Field name="email" label="E-mailadres" type="email" autoComplete="email" errors={errors} />}
      </AccountForm>
      <p>
        <Link to="/inloggen">Terug naar inloggen</Link>
      </p>
    </section>
  );
}
