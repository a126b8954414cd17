import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { emailSchema, fieldErrors, formFields } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError, formPageHeaders, tooManyAttempts } from '~/auth/form-result.server';
import { clientAddress, requireUser } from '~/auth/guards.server';
import { AccountForm, Field } from '~/components/account-form';
import { getPublicEntry } from '~/entries/entries.server';
import { answerRefusals } from '~/entries/service-response.server';

export const headers = formPageHeaders;

export const meta: MetaFunction = () => [{ title: 'Mede-eigenaar uitnodigen — Samenspel' }];

const inviteSchema = z.object({ email: emailSchema });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { services } = context;
  await requireUser(request, services);
  const entry = await getPublicEntry(services.db, params.slug ?? '');
  if (!entry) throw data({ message: 'Deze vermelding bestaat niet (meer).' }, { status: 404 });
  return { name: entry.name, slug: entry.slug };
}

/** Only an owner may invite; the service checks it. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  const form = await readProtectedForm(request, services);
  const parsed = inviteSchema.safeParse(formFields(form));
  if (!parsed.success) return formError(400, { errors: fieldErrors(parsed.error) });
  const sent = await answerRefusals(() =>
    services.entries.invite(
      { id: user.id, role: user.role, name: user.name },
      clientAddress(context),
      params.slug ?? '',
      parsed.data.email,
    ),
  );
  if (!sent.ok) return tooManyAttempts(sent.retryAfterSeconds);
  return { ok: true as const, errors: {}, message: `Uitnodiging verstuurd naar ${parsed.data.email}.` };
}

export default function Invite() {
  const entry = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="account-page">
      <h1>Mede-eigenaar uitnodigen</h1>
      <p>
        Nodig iemand uit om <Link to={`/entries/${entry.slug}`}>{entry.name}</Link> mee te beheren. De uitnodiging is een week geldig.
      </p>
      {result?.ok ? (
        <p className="notice notice--info" role="status">
          {result.message}
        </p>
      ) : null}
      <AccountForm schema={inviteSchema} result={result?.ok ? null : result} submitLabel="Uitnodiging versturen">
        {(errors) => <Field name="email" label="E-mailadres" type="email" autoComplete="off" errors={errors} />}
      </AccountForm>
    </section>
  );
}
