import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { fieldErrors } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError } from '~/auth/form-result.server';
import { requireUserWithPermission } from '~/auth/guards.server';
import { CsrfField } from '~/components/account-form';
import { getPublicEntry } from '~/entries/entries.server';
import { answerRefusals } from '~/entries/service-response.server';
import { multiLine } from '~/utils/plain-text';

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction = () => [{ title: 'Vermelding claimen — Samenspel' }];

const claimSchema = z.object({
  message: z
    .string({ message: 'Vertel kort wie je bent en waarom je deze vermelding beheert.' })
    .overwrite(multiLine)
    .min(10, 'Vertel in minstens 10 tekens wie je bent en waarom je deze vermelding beheert.')
    .max(1000, 'Gebruik hoogstens 1000 tekens.'),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { services } = context;
  await requireUserWithPermission(request, services, 'create:entry:own');
  const entry = await getPublicEntry(services.db, params.slug ?? '');
  if (!entry) throw data({ message: 'Deze vermelding bestaat niet (meer).' }, { status: 404 });
  return { name: entry.name, slug: entry.slug };
}

const OUTCOMES = {
  claimed: 'Je verzoek is verstuurd. Een curator beoordeelt het; je krijgt bericht per e-mail.',
  pending: 'Je hebt deze vermelding al geclaimd; je verzoek wacht op een curator.',
  'already-owner': 'Je beheert deze vermelding al.',
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUserWithPermission(request, services, 'create:entry:own');
  const form = await readProtectedForm(request, services);
  const parsed = claimSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return formError(400, { errors: fieldErrors(parsed.error) });
  const outcome = await answerRefusals(() =>
    services.entries.claim({ id: user.id, role: user.role }, params.slug ?? '', parsed.data.message),
  );
  return { ok: true as const, errors: {}, message: OUTCOMES[outcome] };
}

export default function Claim() {
  const entry = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result && !result.ok ? (result.errors as Record<string, string>).message : undefined;
  return (
    <section className="account-page">
      <h1>Vermelding claimen: {entry.name}</h1>
      <p>
        Beheer je <Link to={`/entries/${entry.slug}`}>{entry.name}</Link>? Vraag dan om de vermelding te mogen bijwerken. Een curator gaat
        na of je erbij hoort.
      </p>
      {result?.ok ? (
        <p className="notice notice--info" role="status">
          {result.message}
        </p>
      ) : (
        <Form method="post" className="account-form">
          <CsrfField />
          <div className="field">
            <label htmlFor="message">Wie ben je en wat is je rol?</label>
            <textarea
              id="message"
              name="message"
              rows={4}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'message-error' : undefined}
            />
            {error ? (
              <p id="message-error" className="field-error">
                {error}
              </p>
            ) : null}
          </div>
          <button type="submit">Claim versturen</button>
        </Form>
      )}
    </section>
  );
}
