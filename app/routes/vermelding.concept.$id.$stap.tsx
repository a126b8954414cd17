import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError } from '~/auth/form-result.server';
import { requireUser } from '~/auth/guards.server';
import { CsrfField } from '~/components/account-form';
import { EntryStepForm } from '~/components/entry-step-form';
import { ENTRY_STEPS, isStepCode, nextStep, stepValues, type StepCode } from '~/entries/entry-steps';
import { coverageChoices, resolveLocation } from '~/entries/location-lookup.server';
import { answerRefusals, idParam } from '~/entries/service-response.server';

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction = () => [{ title: 'Vermelding bewerken — Samenspel' }];

const SUBMIT = 'indienen';

function stepParam(value: string | undefined): StepCode | typeof SUBMIT {
  if (value === SUBMIT || isStepCode(value)) return value;
  throw data({ message: 'Deze stap bestaat niet.' }, { status: 404 });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  const id = idParam(params.id);
  const step = stepParam(params.stap);
  const revision = await answerRefusals(() => services.entries.readRevision({ id: user.id, role: user.role }, id));
  const choices = step === 'locatie' ? await coverageChoices(services.db, revision.data.coverage ?? []) : null;
  const tiles = { url: services.config.TILE_URL, attribution: services.config.TILE_ATTRIBUTION };
  return { id, step, revision, choices, tiles };
}

/**
 * Saves one step (then goes to the next), submits the whole version, or deletes the draft. Who may
 * do so is checked by the service; a `status` field in the form is not read by any step schema.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  const actor = { id: user.id, role: user.role };
  const id = idParam(params.id);
  const step = stepParam(params.stap);
  const form = await readProtectedForm(request, services);
  const intent = form.get('intent');
  if (intent === 'delete') {
    await answerRefusals(() => services.entries.deleteDraft(actor, id));
    throw redirect('/account/vermeldingen');
  }
  if (step === SUBMIT) {
    const result = await answerRefusals(() => services.entries.submit(actor, id));
    if (!result.ok) {
      const [field, messages] = Object.entries(result.errors)[0]!;
      return formError(400, {
        message: `Nog niet compleet: ${messages[0]} (stap "${ENTRY_STEPS.find((s) => s.code === result.step)!.label}", veld ${field}).`,
      });
    }
    throw redirect('/account/vermeldingen?ingediend=1');
  }
  let values = stepValues(form);
  if (step === 'locatie') {
    const located = await resolveLocation(services.db, services.config, values);
    if (!located.ok) return formError(400, { errors: { zoek: located.message } });
    values = located.values;
  }
  const result = await answerRefusals(() => services.entries.saveStep(actor, id, step, values));
  if (!result.ok) return formError(400, { errors: result.errors });
  throw redirect(`/vermelding/concept/${id}/${nextStep(step) ?? SUBMIT}`);
}

export default function DraftStep() {
  const { id, step, revision, choices, tiles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const locked = revision.status === 'submitted' || revision.status === 'approved';
  const index = ENTRY_STEPS.findIndex((s) => s.code === step);
  return (
    <section>
      <h1>{revision.data.name ? `Vermelding: ${revision.data.name}` : 'Vermelding'}</h1>
      <nav aria-label="Stappen">
        <ol className="steps">
          {ENTRY_STEPS.map((s) => (
            <li key={s.code} aria-current={s.code === step ? 'step' : undefined}>
              <Link to={`/vermelding/concept/${id}/${s.code}`}>{s.label}</Link>
              {revision.stepsDone.includes(s.code) ? ' ✓' : ''}
            </li>
          ))}
          <li aria-current={step === SUBMIT ? 'step' : undefined}>
            <Link to={`/vermelding/concept/${id}/${SUBMIT}`}>Indienen</Link>
          </li>
        </ol>
      </nav>
      {revision.status === 'rejected' && revision.reviewReason ? (
        <p className="notice notice--warning">Niet goedgekeurd: {revision.reviewReason}</p>
      ) : null}
      {locked ? (
        <p className="notice notice--info" role="status">
          Deze versie is ingediend en wacht op beoordeling door een curator; je kunt haar nu niet wijzigen.
        </p>
      ) : step === SUBMIT ? (
        <>
          <p>Alle stappen ingevuld? Dien de vermelding dan in. Een curator beoordeelt haar; je krijgt bericht per e-mail.</p>
          {result?.message ? (
            <p className="notice notice--warning" role="alert">
              {result.message}
            </p>
          ) : null}
          <Form method="post">
            <CsrfField />
            <button type="submit">Indienen ter beoordeling</button>
          </Form>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="delete" />
            <button type="submit">Concept verwijderen</button>
          </Form>
        </>
      ) : (
        <>
          <p>
            Stap {index + 1} van {ENTRY_STEPS.length}: {ENTRY_STEPS[index]!.label}
          </p>
          <EntryStepForm
            key={step}
            step={step}
            data={revision.data}
            result={result}
            municipalities={choices?.municipalities}
            coverage={choices?.coverage}
            tiles={tiles}
            submitLabel="Opslaan en verder"
          />
        </>
      )}
    </section>
  );
}
