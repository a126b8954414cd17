import { Link } from '@remix-run/react';
import { FOLLOW_UP_AFTER_DAYS, FOLLOW_UP_LABELS } from '~/introductions/introduction-schema';
import type { EntryRef, FollowUpItem } from '~/introductions/introduction-types';
import { formatDutchDate } from './entry-facts';
import { KindBadge } from './entry-list';
import { FollowUpForm } from './introduction-forms';

/** An entry's name as a link, with its kind. */
export function EntryName({ entry }: { entry: EntryRef }) {
  return (
    <>
      <Link to={`/entries/${entry.slug}`}>{entry.name}</Link> <KindBadge kind={entry.kind} />
    </>
  );
}

/** One partnership side's follow-up: the question once it is due, the answer once given. */
export function FollowUpCard({ item }: { item: FollowUpItem }) {
  return (
    <li className="inbox-item" id={`samenwerking-${item.partnershipId}`}>
      <h3>
        <EntryName entry={item.entry} /> en <EntryName entry={item.partner} />
      </h3>
      <p>
        Samen sinds <time dateTime={item.since}>{formatDutchDate(item.since)}</time>.
      </p>
      {item.answer ? (
        <p>
          Heeft dit geleid tot samenwerking? Je antwoord: <strong>{FOLLOW_UP_LABELS[item.answer]}</strong>
        </p>
      ) : item.asked ? (
        <FollowUpForm
          partnershipId={item.partnershipId}
          entrySlug={item.entry.slug}
          legend={`${item.entry.name} en ${item.partner.name}`}
        />
      ) : (
        <p>Na {FOLLOW_UP_AFTER_DAYS / 7} weken vragen we of het contact tot samenwerking heeft geleid.</p>
      )}
    </li>
  );
}
