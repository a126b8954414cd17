import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { fieldErrors } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError } from '~/auth/form-result.server';
import { requireUserWithPermission } from '~/auth/guards.server';
import { CsrfField } from '~/components/account-form';
import { answerRefusals } from '~/entries/service-response.server';
import { kindLabel } from '~/taxonomy/taxonomy';
import { multiLine } from '~/utils/plain-text';
import { ActionNotice } from '~/components/action-notice';

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction = () => [{ title: 'Beoordelen — Samenspel' }];

const reasonSchema = z
  .string({ message: 'Geef een reden; de indiener krijgt die per e-mail.' })
  .overwrite(multiLine)
  .min(5, 'Geef een reden van minstens 5 tekens; de indiener krijgt die per e-mail.')
  .max(2000, 'Gebruik hoogstens 2000 tekens.');

/** The id of a claim, handover or version, as the page's hidden fields send it. */
const recordId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'Dit verzoek hoort niet bij een bestaande aanvraag.')
  .transform(Number);

const decisionSchema = z.discriminatedUnion(
  'decision',
  [
    z.object({ decision: z.literal('approve-claim'), claimId: recordId }),
    z.object({ decision: z.literal('handover-handled'), handoverId: recordId }),
    z.object({ decision: z.literal('reject-claim'), claimId: recordId, reason: reasonSchema }),
    z.object({ decision: z.literal('approve'), revisionId: recordId }),
    z.object({ decision: z.literal('reject'), revisionId: recordId, reason: reasonSchema }),
  ],
  { message: 'Kies goedkeuren of afwijzen.' },
);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const { user } = await requireUserWithPermission(request, services, 'publish:entry:any');
  const actor = { id: user.id, role: user.role };
  return {
    submitted: await answerRefusals(() => services.entries.listForReview(actor)),
    claims: await answerRefusals(() => services.entries.listClaims(actor)),
    handovers: await answerRefusals(() => services.accountDeletion.listHandovers(actor)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUserWithPermission(request, services, 'publish:entry:any');
  const actor = { id: user.id, role: user.role };
  const form = await readProtectedForm(request, services);
  const parsed = decisionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return formError(400, { errors, message: Object.values(errors)[0] });
  }
  const input = parsed.data;
  if (input.decision === 'handover-handled') {
    const handled = await answerRefusals(() => services.accountDeletion.markHandoverHandled(actor, input.handoverId));
    if (!handled) return formError(409, { message: 'Deze vermelding was al afgehandeld.' });
    return { ok: true as const, errors: {}, message: 'Afgehandeld.' };
  }
  if (input.decision === 'approve-claim' || input.decision === 'reject-claim') {
    const decision = input.decision === 'approve-claim' ? { approve: true as const } : { approve: false as const, reason: input.reason };
    await answerRefusals(() => services.entries.decideClaim(actor, input.claimId, decision));
    return {
      ok: true as const,
      errors: {},
      message: decision.approve ? 'Claim goedgekeurd: de aanvrager is nu eigenaar.' : 'Claim afgewezen.',
    };
  }
  if (input.decision === 'reject') {
    await answerRefusals(() => services.entries.reject(actor, input.revisionId, input.reason));
    return { ok: true as const, errors: {}, message: 'Afgewezen; de indiener krijgt de reden per e-mail.' };
  }
  const result = await answerRefusals(() => services.entries.approve(actor, input.revisionId));
  if (!result.ok) return formError(400, { message: `Deze versie is niet compleet: ${Object.values(result.errors)[0]?.[0] ?? ''}` });
  return { ok: true as const, errors: {}, message: 'Goedgekeurd en gepubliceerd.', slug: result.slug };
}

export default function Review() {
  const { submitted, claims, handovers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <h1>Beoordelen</h1>
      <ActionNotice result={result}>
        {result?.ok && 'slug' in result ? (
          <>
            {' '}
            <Link to={`/entries/${result.slug}`}>Bekijk de vermelding</Link>
          </>
        ) : null}
      </ActionNotice>
      <h2>Ingediende vermeldingen</h2>
      {submitted.length === 0 ? <p>Er wacht niets op beoordeling.</p> : null}
      <ul className="review-list">
        {submitted.map((item) => (
          <li key={item.id}>
            <h3>{item.name}</h3>
            <p>
              {item.kind ? kindLabel(item.kind) : ''} in {item.place} — ingediend door {item.author}
              {item.slug ? ' (wijziging van een gepubliceerde vermelding)' : ' (nieuw)'}
            </p>
            <p>{item.summary}</p>
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="revisionId" value={item.id} />
              <button type="submit" name="decision" value="approve">
                Goedkeuren en publiceren
              </button>
            </Form>
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="revisionId" value={item.id} />
              <input type="hidden" name="decision" value="reject" />
              <label htmlFor={`reason-${item.id}`}>Reden van afwijzing</label>
              <textarea id={`reason-${item.id}`} name="reason" rows={2} required />
              <button type="submit">Afwijzen</button>
            </Form>
          </li>
        ))}
      </ul>
      <h2>Claims</h2>
      {claims.length === 0 ? <p>Er zijn geen open claims.</p> : null}
      <ul className="review-list">
        {claims.map((claim) => (
          <li key={claim.id}>
            <h3>
              <Link to={`/entries/${claim.slug}`}>{claim.entryName}</Link>
            </h3>
            <p>
              Geclaimd door {claim.userName} ({claim.email}): {claim.message}
            </p>
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="claimId" value={claim.id} />
              <button type="submit" name="decision" value="approve-claim">
                Claim goedkeuren
              </button>
            </Form>
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="claimId" value={claim.id} />
              <input type="hidden" name="decision" value="reject-claim" />
              <label htmlFor={`claim-reason-${claim.id}`}>Reden van afwijzing</label>
              <textarea id={`claim-reason-${claim.id}`} name="reason" rows={2} required />
              <button type="submit">Claim afwijzen</button>
            </Form>
          </li>
        ))}
      </ul>
      <h2>Vermeldingen zonder beheerder</h2>
      <p>
        De enige beheerder heeft het account verwijderd. Zoek een nieuwe beheerder (bijvoorbeeld via een claim) of werk de vermelding bij.
      </p>
      {handovers.length === 0 ? <p>Er wachten geen vermeldingen op een nieuwe beheerder.</p> : null}
      <ul className="review-list">
        {handovers.map((handover) => (
          <li key={handover.id}>
            <h3>
              <Link to={`/entries/${handover.slug}`}>{handover.name}</Link>
            </h3>
            <p>
              {handover.place} — zonder beheerder sinds {handover.createdAt.slice(0, 10)}
            </p>
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="handoverId" value={handover.id} />
              <button type="submit" name="decision" value="handover-handled">
                Markeren als afgehandeld
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
