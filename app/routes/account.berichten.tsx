import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { requireUser } from '~/auth/guards.server';
import { formatDutchDate } from '~/components/entry-facts';
import { AnswerIntroductionForm, WithdrawIntroductionForm } from '~/components/introduction-forms';
import { EntryName, FollowUpCard } from '~/components/introduction-items';
import { answerInboxForm } from '~/introductions/inbox-form.server';
import { INTRODUCTION_STATUS_LABELS } from '~/introductions/introduction-schema';
import type { InboxItem } from '~/introductions/introduction-types';
import { ActionNotice } from '~/components/action-notice';

/** Messages and contact details of the signed-in member: never kept by a cache. */
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction = () => [{ title: 'Mijn berichten — Samenspel' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context.services);
  return context.services.introductions.inbox({ id: user.id, role: user.role });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const { user } = await requireUser(request, services);
  return answerInboxForm(request, services, user);
}

function Contact({ item }: { item: InboxItem }) {
  if (item.status !== 'accepted') return null;
  if (!item.contact) return <p>De contactpersoon heeft geen account meer bij Samenspel.</p>;
  return (
    <dl className="facts">
      <div>
        <dt>{item.contact.curator ? 'Contact via de curator' : 'Contactpersoon'}</dt>
        <dd>{item.contact.name}</dd>
      </div>
      <div>
        <dt>E-mail</dt>
        <dd>
          <a href={`mailto:${item.contact.email}`}>{item.contact.email}</a>
        </dd>
      </div>
    </dl>
  );
}

function IntroductionItem({ item }: { item: InboxItem }) {
  const received = item.direction === 'received';
  return (
    <li className="inbox-item">
      <h3>
        {received ? (
          <>
            Van <EntryName entry={item.from} /> aan <EntryName entry={item.to} />
          </>
        ) : (
          <>
            Namens <EntryName entry={item.from} /> aan <EntryName entry={item.to} />
          </>
        )}
      </h3>
      <p>
        <time dateTime={item.createdAt}>{formatDutchDate(item.createdAt)}</time> —{' '}
        <strong>{INTRODUCTION_STATUS_LABELS[item.status]}</strong>
        {item.brokered && item.status === 'pending' && !received ? ' (een curator legt het contact)' : null}
      </p>
      <p className="inbox-message">{item.message}</p>
      {item.reason ? (
        <p>
          Toelichting: <span className="inbox-message">{item.reason}</span>
        </p>
      ) : null}
      <Contact item={item} />
      {item.status === 'pending' ? (
        received ? (
          <AnswerIntroductionForm id={item.id} fromName={item.from.name} />
        ) : (
          <WithdrawIntroductionForm id={item.id} />
        )
      ) : null}
    </li>
  );
}

export default function Inbox() {
  const { received, sent, followUps } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="account-page">
      <h1>Mijn berichten</h1>
      <ActionNotice result={result} />
      <p>
        Verzoeken om kennis te maken met je vermeldingen, en die je zelf stuurde. Namen en e-mailadressen zie je pas als een verzoek is
        geaccepteerd.
      </p>

      <h2>Ontvangen verzoeken</h2>
      {received.length ? (
        <ul className="plain-list">
          {received.map((item) => (
            <IntroductionItem key={item.id} item={item} />
          ))}
        </ul>
      ) : (
        <p>Je hebt nog geen verzoeken ontvangen.</p>
      )}

      <h2>Verstuurde verzoeken</h2>
      {sent.length ? (
        <ul className="plain-list">
          {sent.map((item) => (
            <IntroductionItem key={item.id} item={item} />
          ))}
        </ul>
      ) : (
        <p>
          Je hebt nog geen introductie gevraagd. Vraag er een vanaf de pagina van een vermelding of bij de mogelijke partners van je eigen
          vermelding.
        </p>
      )}

      <h2>Samenwerkingen</h2>
      {followUps.length ? (
        <ul className="plain-list">
          {followUps.map((item) => (
            <FollowUpCard key={`${item.partnershipId}-${item.entry.slug}`} item={item} />
          ))}
        </ul>
      ) : (
        <p>Nog geen samenwerkingen via Samenspel.</p>
      )}
    </section>
  );
}
