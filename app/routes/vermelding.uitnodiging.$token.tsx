import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { tokenParamSchema } from '~/auth/token-param';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError } from '~/auth/form-result.server';
import { requireUser } from '~/auth/guards.server';
import { CsrfField } from '~/components/account-form';
import { answerRefusals } from '~/entries/service-response.server';

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });

export const meta: MetaFunction = () => [{ title: 'Uitnodiging — Samenspel' }];

const INVALID = 'Deze uitnodiging is verlopen, al gebruikt of voor een ander e-mailadres bedoeld.';

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context.services);
  return null;
}

/** Accepting is a POST (a mail scanner that opens the link uses nothing up). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  await readProtectedForm(request, services);
  const token = tokenParamSchema.safeParse(params.token);
  if (!token.success) return formError(400, { message: INVALID });
  const accepted = await answerRefusals(() =>
    services.entries.acceptInvitation({ id: user.id, role: user.role, email: user.email }, token.data),
  );
  if (!accepted) return formError(400, { message: INVALID });
  throw redirect('/account/vermeldingen');
}

export default function Invitation() {
  const result = useActionData<typeof action>();
  return (
    <section className="account-page">
      <h1>Uitnodiging als mede-eigenaar</h1>
      {result?.message ? (
        <p className="notice notice--warning" role="alert">
          {result.message}
        </p>
      ) : null}
      <Form method="post">
        <CsrfField />
        <button type="submit">Uitnodiging aannemen</button>
      </Form>
    </section>
  );
}
