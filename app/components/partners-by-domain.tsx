import { PARTNER_DOMAINS, type PartnerDomainCode } from '~/taxonomy/taxonomy';

type Partner = { name: string; domain: PartnerDomainCode };

/** A coalition's partners, grouped by the domain they come from (care, welfare, housing, …). */
export function PartnersByDomain({ partners }: { partners: Partner[] }) {
  const groups = PARTNER_DOMAINS.map((domain) => ({
    domain,
    names: partners.filter((p) => p.domain === domain.code).map((p) => p.name),
  })).filter((group) => group.names.length > 0);
  return (
    <dl className="partner-groups">
      {groups.map(({ domain, names }) => (
        <div key={domain.code}>
          <dt>
            {domain.label} ({names.length})
          </dt>
          <dd>
            <ul>
              {names.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  );
}
