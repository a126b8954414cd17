import { Link } from '@remix-run/react';
import type { ProposalView } from '~/matching/proposal-view';
import { kindPlural, type EntryKind } from '~/taxonomy/taxonomy';
import { KindBadge } from './entry-list';

const twoDecimals = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Cut, not rounded, so the digits never reach a label boundary the score did not (0.698 is "0,69", a goede match). */
const formatScore = (score: number) => twoDecimals.format(Math.floor(score * 100 + 1e-6) / 100);

/**
 * Proposed partners as a list, best first: the primary way to read them (the map repeats them).
 * Each has its label and score in words and digits, its reasons and, checklist style, its gaps.
 */
export function MatchProposals({ proposals, headingLevel }: { proposals: ProposalView[]; headingLevel: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol className="match-list">
      {proposals.map(({ entry, score, label, reasons, gaps }, index) => (
        <li key={entry.slug} className="match-card" data-kind={entry.kind}>
          <Heading className="match-name">
            <span className="visually-hidden">{index + 1}. </span>
            <Link to={`/entries/${entry.slug}`}>{entry.name}</Link>
          </Heading>
          <p className="entry-meta">
            <KindBadge kind={entry.kind} /> <span>{entry.place}</span>{' '}
            <span className="match-label">
              {label} (score {formatScore(score)})
            </span>
          </p>
          <p className="match-subhead" id={`waarom-${entry.slug}`}>
            Waarom:
          </p>
          <ul className="match-reasons" aria-labelledby={`waarom-${entry.slug}`}>
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          {gaps.length ? (
            <>
              <p className="match-subhead" id={`open-${entry.slug}`}>
                Nog open:
              </p>
              <ul className="match-gaps" aria-labelledby={`open-${entry.slug}`}>
                {gaps.map((gap) => (
                  <li key={gap}>
                    <span className="match-gap-box" aria-hidden="true">
                      ☐
                    </span>{' '}
                    {gap}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** What the list says when there is nothing to propose, or that the answer came from the fallback. */
export function ProposalsNotices({ count, degraded, partnerKind }: { count: number; degraded: boolean; partnerKind: EntryKind }) {
  return (
    <>
      {degraded ? (
        <p className="notice notice--warning" role="status">
          De zoekmachine is tijdelijk niet bereikbaar. De voorstellen komen rechtstreeks uit de database: het zijn dezelfde, alleen duurt
          het laden langer.
        </p>
      ) : null}
      {count === 0 ? <p>Er zijn nog geen {kindPlural(partnerKind).toLowerCase()} die goed genoeg aansluiten om voor te stellen.</p> : null}
    </>
  );
}
