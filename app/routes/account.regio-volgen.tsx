import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { fieldErrors, formFields } from '~/auth/auth-schemas';
import { readProtectedForm } from '~/auth/csrf.server';
import { formError } from '~/auth/form-result.server';
import { requireUserWithPermission, safeReturnPath } from '~/auth/guards.server';
import { formatDutchDate } from '~/components/entry-facts';
import { FollowRegionForm } from '~/components/follow-region-form';
import { answerRefusals } from '~/entries/service-response.server';
import { DIGEST_INTERVAL_DAYS, followFormSchema, MAX_FOLLOWS } from '~/regions/region-follow';
import { UnknownRegionError } from '~/regions/region-follows.server';

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction = () => [{ title: 'Regio’s volgen — Samenspel' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const { user } = await requireUserWithPermission(request, services, 'create:region-follow:own');
  return { follows: await services.regionFollows.list({ id: user.id, role: user.role }) };
}

/** Follow or unfollow, from this page or a region page; back to where the form was (`terug`). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUserWithPermission(request, services, 'create:region-follow:own');
  const form = await readProtectedForm(request, services);
  const parsed = followFormSchema.safeParse(formFields(form));
  if (!parsed.success) return formError(400, { errors: fieldErrors(parsed.error), message: 'Deze regio kan niet worden gevolgd.' });
  const actor = { id: user.id, role: user.role };
  if (parsed.data.intent === 'unfollow') {
    await services.regionFollows.unfollow(actor, parsed.data.region);
  } else {
    const followed = await answerRefusals(() =>
      services.regionFollows.follow(actor, parsed.data.region).catch((error: unknown) => {
        if (error instanceof UnknownRegionError) return null;
        throw error;
      }),
    );
    if (followed === null) return formError(400, { message: 'Deze regio bestaat niet.' });
    if (!followed) return formError(409, { message: `Je volgt al ${MAX_FOLLOWS} regio’s. Stop eerst met het volgen van een andere.` });
  }
  return redirect(safeReturnPath(String(form.get('terug') ?? '/account/regio-volgen')), 303);
}

export default function FollowedRegions() {
  const { follows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="account-page">
      <h1>Regio’s volgen</h1>
      {result?.message ? (
        <p className="notice notice--warning" role="alert">
          {result.message}
        </p>
      ) : null}
      <p>
        Voor elke regio die je volgt krijg je eens per {DIGEST_INTERVAL_DAYS === 7 ? 'week' : `${DIGEST_INTERVAL_DAYS} dagen`} een e-mail
        met nieuwe vermeldingen, nieuwe samenwerkingen en vermeldingen die al een jaar niet zijn gecontroleerd. Is er niets nieuws, dan
        krijg je niets. Een regio volg je vanaf <Link to="/regio">haar regiopagina</Link>.
      </p>
      {follows.length ? (
        <ul className="plain-list">
          {follows.map((follow) => (
            <li key={follow.ref} className="inbox-item">
              <h2>
                <Link to={`/regio/${follow.ref.replace(':', '/')}`}>{follow.name}</Link>{' '}
                <span className="entry-meta">({follow.layer})</span>
              </h2>
              <p>
                Gevolgd sinds <time dateTime={follow.since}>{formatDutchDate(follow.since)}</time>.
              </p>
              <FollowRegionForm region={follow.ref} name={follow.name} following returnTo="/account/regio-volgen" />
            </li>
          ))}
        </ul>
      ) : (
        <p>Je volgt nog geen regio.</p>
      )}
    </section>
  );
}
