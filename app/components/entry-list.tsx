import { Link } from '@remix-run/react';
import { labelOf, TOPICS, type EntryKind, type TopicCode } from '~/taxonomy/taxonomy';

export type ListedEntry = { id: number; slug: string; kind: EntryKind; name: string; summary: string; place: string; topics: TopicCode[] };

export function KindBadge({ kind }: { kind: EntryKind }) {
  return <span className={`kind-badge kind-badge--${kind}`}>{kind === 'coalitie' ? 'Doe-coalitie' : 'Burgerinitiatief'}</span>;
}

export function EntryList({ entries }: { entries: ListedEntry[] }) {
  return (
    <ol className="entry-list" aria-label="Gevonden vermeldingen">
      {entries.map((entry) => (
        <li key={entry.id} className="entry-card" data-kind={entry.kind}>
          <h3>
            <Link to={`/entries/${entry.slug}`}>{entry.name}</Link>
          </h3>
          <p className="entry-meta">
            <KindBadge kind={entry.kind} /> <span>{entry.place}</span>
          </p>
          <p>{entry.summary}</p>
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
