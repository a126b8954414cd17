import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError } from '~/auth/form-result.server';
import { requireUserWithPermission } from '~/auth/guards.server';
import { EntryStepForm } from '~/components/entry-step-form';
import { ENTRY_STEPS, stepValues } from '~/entries/entry-steps';
import { answerRefusals } from '~/entries/service-response.server';

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction = () => [{ title: 'Vermelding toevoegen — Samenspel' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, context.services, 'create:entry:own');
  return null;
}

/** The basics step starts a draft; the next steps continue it at /vermelding/concept/:id/:stap. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUserWithPermission(request, services, 'create:entry:own');
  const form = await readProtectedForm(request, services);
  const result = await answerRefusals(() => services.entries.createDraft({ id: user.id, role: user.role }, stepValues(form)));
  if (!result.ok) return formError(400, { errors: result.errors });
  throw redirect(`/vermelding/concept/${result.id}/locatie`);
}

export default function NewEntry() {
  const result = useActionData<typeof action>();
  return (
    <section>
      <h1>Vermelding toevoegen</h1>
      <p>
        Stap 1 van {ENTRY_STEPS.length}: {ENTRY_STEPS[0].label}. Na elke stap bewaren we een concept; niemand anders ziet het tot een
        curator het na indienen goedkeurt.
      </p>
      <EntryStepForm step="basis" data={{}} result={result} submitLabel="Opslaan en verder" />
    </section>
  );
}
