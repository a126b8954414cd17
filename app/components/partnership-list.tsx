import { Link } from '@remix-run/react';
import type { PartnerEnd } from '~/introductions/partnership-lines';
import { KindBadge } from './entry-list';
import { formatDutchDate } from './entry-facts';

/** The partnerships an entry made through Samenspel: the list the map's solid lines repeat. */
export function PartnershipList({ partnerships }: { partnerships: Array<{ partner: PartnerEnd; since: string }> }) {
  return (
    <ul className="partnership-list">
      {partnerships.map(({ partner, since }) => (
        <li key={partner.slug}>
          <Link to={`/entries/${partner.slug}`}>{partner.name}</Link> <KindBadge kind={partner.kind} /> <span>{partner.place}</span>
          {' — '}
          samen sinds <time dateTime={since}>{formatDutchDate(since)}</time>
        </li>
      ))}
    </ul>
  );
}
