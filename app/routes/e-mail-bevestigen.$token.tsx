import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError } from '~/auth/form-result.server';
import { tokenParamSchema } from '~/auth/token-param';
import { peekToken } from '~/auth/tokens.server';
import { CsrfField } from '~/components/account-form';

export const meta: MetaFunction = () => [{ title: 'E-mailadres bevestigen — Samenspel' }];

const EXPIRED = 'Deze link is verlopen of al gebruikt. Log in: als je adres nog niet bevestigd is, sturen we je een nieuwe link.';

/**
 * Opening the link shows a button; only pressing it confirms. Mail scanners that open every link
 * in a message would otherwise use the token up (or confirm an address its owner never asked for).
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = tokenParamSchema.safeParse(params.token);
  return { valid: token.success && (await peekToken(context.services.db, 'emailVerification', token.data)) !== null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await readProtectedForm(request, context.services);
  const token = tokenParamSchema.safeParse(params.token);
  if (!token.success || !(await context.services.accounts.verifyEmail(token.data))) return formError(400, { message: EXPIRED });
  throw redirect('/inloggen?melding=bevestigd');
}

export default function VerifyEmail() {
  const { valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="account-page">
      <h1>E-mailadres bevestigen</h1>
      {valid && !result ? (
        <Form method="post">
          <CsrfField />
          <p>Bevestig dat dit jouw e-mailadres is. Daarna kun je inloggen.</p>
          <button type="submit">E-mailadres bevestigen</button>
        </Form>
      ) : (
        <>
          <p role="alert">{result?.message ?? EXPIRED}</p>
          <p>
            <Link to="/inloggen">Naar inloggen</Link>
          </p>
        </>
      )}
    </section>
  );
}
