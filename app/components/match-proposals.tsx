import { Form, Link } from '@remix-run/react';
import { REASON_MAX } from '~/introductions/introduction-schema';
import type { ProposalView } from '~/matching/proposal-view';
import { kindPlural, type EntryKind } from '~/taxonomy/taxonomy';
import { CsrfField } from './account-form';
import { KindBadge } from './entry-list';

/** What the owners of the entry whose proposals these are may do with each: ask, or dismiss. */
export type OwnerActions = { entrySlug: string; openWith: string[]; returnTo: string };

const twoDecimals = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Cut, not rounded, so the digits never reach a label boundary the score did not (0.698 is "0,69", a goede match). */
const formatScore = (score: number) => twoDecimals.format(Math.floor(score * 100 + 1e-6) / 100);

/**
 * Proposed partners as a list, best first: the primary way to read them (the map repeats them).
 * Each has its label and score in words and digits, its reasons and, checklist style, its gaps.
 */
export function MatchProposals({
  proposals,
  headingLevel,
  ownerActions,
}: {
  proposals: ProposalView[];
  headingLevel: 2 | 3;
  ownerActions?: OwnerActions;
}) {
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
          {ownerActions ? <ProposalActions actions={ownerActions} other={entry.slug} otherName={entry.name} /> : null}
        </li>
      ))}
    </ol>
  );
}

/** "Vraag een introductie" and "Niet relevant" (with an optional reason) for one proposal. */
function ProposalActions({ actions, other, otherName }: { actions: OwnerActions; other: string; otherName: string }) {
  if (actions.openWith.includes(other)) {
    return (
      <p className="match-actions">
        Er loopt een verzoek om kennis te maken. <Link to="/account/berichten">Naar mijn berichten</Link>
      </p>
    );
  }
  const reasonId = `reden-${other}`;
  return (
    <div className="match-actions">
      <Link className="button-link" to={`/vermelding/${other}/introductie?${new URLSearchParams({ namens: actions.entrySlug })}`}>
        Vraag een introductie<span className="visually-hidden"> bij {otherName}</span>
      </Link>
      <details>
        <summary>
          Niet relevant<span className="visually-hidden">: {otherName}</span>
        </summary>
        <Form method="post" action="/voorstel/niet-relevant" className="dismiss-form">
          <CsrfField />
          <input type="hidden" name="entry" value={actions.entrySlug} />
          <input type="hidden" name="other" value={other} />
          <input type="hidden" name="terug" value={actions.returnTo} />
          <label htmlFor={reasonId}>Waarom niet? (niet verplicht)</label>
          <input id={reasonId} name="reason" type="text" maxLength={REASON_MAX} />
          <button type="submit">Niet meer voorstellen</button>
        </Form>
      </details>
    </div>
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
