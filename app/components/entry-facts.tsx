import type { ReactNode } from 'react';
import { ON_BOARD_PARTIES } from '~/entries/entry-schema';
import { labelOf, PHASES, type PhaseCode } from '~/taxonomy/taxonomy';
import type { OnBoardParty } from '../../db/schema';

export type PublicFacts = {
  legal_form: string | null;
  founding_year: number | null;
  phase: PhaseCode | null;
  contact_role: string | null;
  fundingSources: string[];
  targetGroups: string[];
  onBoard: OnBoardParty[];
  email: string | null;
  phone: string | null;
  website: string | null;
  last_verified_at: string | null;
  updated_at: string;
  source: string | null;
};

const longDate = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });

export function formatDutchDate(iso: string): string {
  return longDate.format(new Date(iso));
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The public facts of an entry; facts that are not known are left out rather than shown empty. */
export function EntryFacts({ facts }: { facts: PublicFacts }) {
  return (
    <dl className="facts">
      {facts.legal_form ? <Fact term="Rechtsvorm">{facts.legal_form}</Fact> : null}
      {facts.founding_year ? <Fact term="Opgericht">{facts.founding_year}</Fact> : null}
      {facts.phase ? <Fact term="Fase">{labelOf(PHASES, facts.phase)}</Fact> : null}
      {facts.targetGroups.length ? <Fact term="Voor wie">{facts.targetGroups.join(', ')}</Fact> : null}
      {facts.contact_role ? <Fact term="Aanspreekpunt">{facts.contact_role}</Fact> : null}
      {facts.fundingSources.length ? <Fact term="Financiering">{facts.fundingSources.join(', ')}</Fact> : null}
      {facts.onBoard.length ? (
        <Fact term="Aangehaakt">{facts.onBoard.map((party) => labelOf(ON_BOARD_PARTIES, party)).join(', ')}</Fact>
      ) : null}
      {facts.email ? (
        <Fact term="E-mail">
          <a href={`mailto:${facts.email}`}>{facts.email}</a>
        </Fact>
      ) : null}
      {facts.phone ? (
        <Fact term="Telefoon">
          <a href={`tel:${facts.phone.replace(/[^+\d]/g, '')}`}>{facts.phone}</a>
        </Fact>
      ) : null}
      {facts.website ? (
        <Fact term="Website">
          <a href={facts.website} rel="noopener noreferrer">
            {facts.website}
          </a>
        </Fact>
      ) : null}
      <Fact term="Laatst gecontroleerd">
        {facts.last_verified_at ? (
          <time dateTime={facts.last_verified_at}>{formatDutchDate(facts.last_verified_at)}</time>
        ) : (
          'Nog niet gecontroleerd'
        )}
      </Fact>
      <Fact term="Laatst bijgewerkt">
        <time dateTime={facts.updated_at}>{formatDutchDate(facts.updated_at)}</time>
      </Fact>
      {facts.source ? <Fact term="Bron">{facts.source}</Fact> : null}
    </dl>
  );
}
