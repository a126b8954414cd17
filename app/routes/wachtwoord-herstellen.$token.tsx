import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { fieldErrors, formFields, resetPasswordSchema } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError } from '~/auth/form-result.server';
import { tokenParamSchema } from '~/auth/token-param';
import { peekToken } from '~/auth/tokens.server';
import { AccountForm, NewPasswordFields } from '~/components/account-form';

export const meta: MetaFunction = () => [{ title: 'Nieuw wachtwoord kiezen — Samenspel' }];

const EXPIRED = 'Deze link is verlopen of al gebruikt. Vraag hieronder een nieuwe aan.';

export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = tokenParamSchema.safeParse(params.token);
  const valid = token.success && (await peekToken(context.services.db, 'passwordReset', token.data)) !== null;
  return { valid };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readProtectedForm(request, context.services);
  const parsed = resetPasswordSchema.safeParse(formFields(form));
  if (!parsed.success) return formError(400, { errors: fieldErrors(parsed.error) });
  const token = tokenParamSchema.safeParse(params.token);
  if (!token.success || !(await context.services.accounts.resetPassword(token.data, parsed.data.password))) {
    return formError(400, { message: EXPIRED });
  }
  throw redirect('/inloggen?melding=wachtwoord-hersteld');
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!valid && !result) {
    return (
      <section className="account-page">
        <h1>Link verlopen</h1>
        <p>{EXPIRED}</p>
        <p>
          <Link to="/wachtwoord-vergeten">Vraag een nieuwe link aan</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="account-page">
      <h1>Nieuw wachtwoord kiezen</h1>
      <AccountForm schema={resetPasswordSchema} result={result} submitLabel="Wachtwoord opslaan">
        {(errors) => (
          <>
            <NewPasswordFields label="Nieuw wachtwoord" confirmLabel="Herhaal het wachtwoord" errors={errors} />
          </>
        )}
      </AccountForm>
    </section>
  );
}
