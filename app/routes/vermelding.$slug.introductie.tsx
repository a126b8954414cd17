import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { fieldErrors, formFields } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError, formPageHeaders, tooManyAttempts } from '~/auth/form-result.server';
import { clientAddress, requireUserWithPermission } from '~/auth/guards.server';
import { AccountForm } from '~/components/account-form';
import { KindBadge } from '~/components/entry-list';
import { answerRefusals } from '~/entries/service-response.server';
import { MESSAGE_MAX, MESSAGE_MIN, requestIntroductionSchema } from '~/introductions/introduction-schema';

export const headers = formPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Introductie vragen bij ${loaded.to.name} — Samenspel` : 'Introductie vragen — Samenspel' },
];

const BLOCKED_REASONS = {
  zelf: 'dit is dezelfde vermelding',
  partners: 'jullie werken al samen',
  open: 'er loopt al een verzoek',
} as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { services } = context;
  const { user } = await requireUserWithPermission(request, services, 'create:introduction:own');
  const options = await answerRefusals(() => services.introductions.askOptions({ id: user.id, role: user.role }, params.slug ?? ''));
  return { ...options, preferred: new URL(request.url).searchParams.get('namens') };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUserWithPermission(request, services, 'create:introduction:own');
  const form = await readProtectedForm(request, services);
  const parsed = requestIntroductionSchema.safeParse(formFields(form));
  if (!parsed.success) return formError(400, { errors: fieldErrors(parsed.error) });
  const result = await answerRefusals(() =>
    services.introductions.request({ id: user.id, role: user.role }, clientAddress(context), params.slug ?? '', parsed.data),
  );
  if (!result.ok) return 'reason' in result ? tooManyAttempts(result.retryAfterSeconds) : formError(409, { message: result.message });
  return {
    ok: true as const,
    message: result.brokered
      ? 'Je verzoek is verstuurd. Deze vermelding heeft nog geen beheerder: een curator van Samenspel legt het contact en laat je weten hoe het gaat.'
      : 'Je verzoek is verstuurd. De beheerders krijgen het in hun berichten en per e-mail; je hoort het zodra zij antwoorden.',
  };
}

export default function RequestIntroduction() {
  const { to, from, preferred } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const available = from.filter((entry) => entry.blocked === null);
  const chosen = available.find((entry) => entry.slug === preferred)?.slug ?? available[0]?.slug;

  return (
    <section className="account-page">
      <h1>Introductie vragen bij {to.name}</h1>
      <p className="entry-meta">
        <KindBadge kind={to.kind} /> <span>{to.place}</span> — <Link to={`/entries/${to.slug}`}>bekijk de vermelding</Link>
      </p>
      <p>
        Samenspel stuurt je bericht naar de beheerders van {to.name}. Je naam en e-mailadres zien zij pas als zij het verzoek accepteren;
        dan krijg je ook hun gegevens.
      </p>
      {result?.ok ? (
        <p className="notice notice--info" role="status">
          {result.message} <Link to="/account/berichten">Naar mijn berichten</Link>
        </p>
      ) : available.length === 0 ? (
        <div className="notice notice--info">
          {from.length === 0 ? (
            <p>
              Je kunt een introductie vragen namens een vermelding die je beheert en die in de gids staat.{' '}
              <Link to="/vermelding/nieuw">Zet je initiatief of coalitie op de kaart</Link> of claim een bestaande vermelding.
            </p>
          ) : (
            <ul>
              {from.map((entry) => (
                <li key={entry.slug}>
                  {entry.name}: {entry.blocked ? BLOCKED_REASONS[entry.blocked] : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <AccountForm schema={requestIntroductionSchema} result={result} submitLabel="Verzoek versturen">
          {(errors) => (
            <>
              <div className="field">
                <label htmlFor="from">Namens</label>
                <select
                  id="from"
                  name="from"
                  defaultValue={chosen}
                  aria-invalid={errors.from ? true : undefined}
                  aria-describedby={errors.from ? 'from-error' : undefined}
                >
                  {from.map((entry) => (
                    <option key={entry.slug} value={entry.slug} disabled={entry.blocked !== null}>
                      {entry.name}
                      {entry.blocked ? ` (${BLOCKED_REASONS[entry.blocked]})` : ''}
                    </option>
                  ))}
                </select>
                {errors.from ? (
                  <p id="from-error" className="field-error">
                    {errors.from}
                  </p>
                ) : null}
              </div>
              <div className="field">
                <label htmlFor="message">Je bericht</label>
                <p id="message-hint" className="field-hint">
                  Wie ben je, wat doet je organisatie en waarover wil je kennismaken? Tussen {MESSAGE_MIN} en {MESSAGE_MAX} tekens. Zet hier
                  geen gegevens van anderen in.
                </p>
                <textarea
                  id="message"
                  name="message"
                  rows={6}
                  maxLength={MESSAGE_MAX}
                  required
                  aria-invalid={errors.message ? true : undefined}
                  aria-describedby={errors.message ? 'message-error message-hint' : 'message-hint'}
                />
                {errors.message ? (
                  <p id="message-error" className="field-error">
                    {errors.message}
                  </p>
                ) : null}
              </div>
            </>
          )}
        </AccountForm>
      )}
    </section>
  );
}
