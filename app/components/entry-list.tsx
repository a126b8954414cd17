import { Link } from '@remix-run/react';
import type { SearchHit } from '~/search/search-result';
import { kindLabel, labelOf, TOPICS, type EntryKind } from '~/taxonomy/taxonomy';
import { HighlightedText } from './highlighted-text';

export function KindBadge({ kind }: { kind: EntryKind }) {
  return <span className={`kind-badge kind-badge--${kind}`}>{kindLabel(kind)}</span>;
}

const formatKm = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

export function EntryList({ entries }: { entries: SearchHit[] }) {
  return (
    <ol className="entry-list" aria-label="Gevonden vermeldingen">
      {entries.map((entry) => (
        <li key={entry.id} className="entry-card" data-kind={entry.kind}>
          <h3>
            <Link to={`/entries/${entry.slug}`}>
              <HighlightedText segments={entry.highlight.name} />
            </Link>
          </h3>
          <p className="entry-meta">
            <KindBadge kind={entry.kind} /> <span>{entry.place}</span>
            {entry.distance_km !== null ? <span>{formatKm.format(entry.distance_km)} km</span> : null}
          </p>
          <p>
            <HighlightedText segments={entry.highlight.summary} />
          </p>
          {entry.highlight.snippet ? (
            <p className="snippet">
              <HighlightedText segments={entry.highlight.snippet} />
            </p>
          ) : null}
          <ul className="topic-chips" aria-label="Onderwerpen">
            {entry.topics.map((code) => (
              <li key={code} title={labelOf(TOPICS, code)}>
                {code}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
