import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { requireUserWithPermission } from '~/auth/guards.server';
import { formatDutchDate } from '~/components/entry-facts';
import { AnswerIntroductionForm } from '~/components/introduction-forms';
import { EntryName, FollowUpCard } from '~/components/introduction-items';
import { answerInboxForm } from '~/introductions/inbox-form.server';
import { ActionNotice } from '~/components/action-notice';

/** Requesters' names and addresses: no cache keeps them. */
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction = () => [{ title: 'Introducties begeleiden — Samenspel' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const { user } = await requireUserWithPermission(request, services, 'update:introduction:any');
  const actor = { id: user.id, role: user.role };
  const [requests, followUps] = await Promise.all([
    services.introductions.brokeredRequests(actor),
    services.introductions.ownerlessFollowUps(actor),
  ]);
  return { requests, followUps };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUserWithPermission(request, services, 'update:introduction:any');
  return answerInboxForm(request, services, user);
}

/** The verbinder's desk: requests to entries nobody manages yet, and follow-up questions for them. */
export default function BrokerIntroductions() {
  const { requests, followUps } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="account-page">
      <h1>Introducties begeleiden</h1>
      <ActionNotice result={result} />
      <p>
        Deze verzoeken gaan naar vermeldingen zonder beheerder. Neem contact op met de organisatie en leg daarna vast of zij willen
        kennismaken: bij accepteren krijgt de aanvrager je naam en e-mailadres als aanspreekpunt.
      </p>
      <h2>Verzoeken</h2>
      {requests.length ? (
        <ul className="plain-list">
          {requests.map((item) => (
            <li key={item.id} className="inbox-item">
              <h3>
                Van <EntryName entry={item.from} /> aan <EntryName entry={item.to} />
              </h3>
              <p>
                <time dateTime={item.createdAt}>{formatDutchDate(item.createdAt)}</time>
                {item.requester ? (
                  <>
                    {' '}
                    — aangevraagd door {item.requester.name} (<a href={`mailto:${item.requester.email}`}>{item.requester.email}</a>)
                  </>
                ) : null}
              </p>
              <p className="inbox-message">{item.message}</p>
              <AnswerIntroductionForm id={item.id} fromName={item.from.name} />
            </li>
          ))}
        </ul>
      ) : (
        <p>Er wachten geen verzoeken op een curator.</p>
      )}
      <h2>Terugvragen zonder beheerder</h2>
      {followUps.length ? (
        <ul className="plain-list">
          {followUps.map((item) => (
            <FollowUpCard key={`${item.partnershipId}-${item.entry.slug}`} item={item} />
          ))}
        </ul>
      ) : (
        <p>Er staan geen terugvragen open.</p>
      )}
    </section>
  );
}
