import { Link } from '@remix-run/react';
import { facetValueLabel, FACET_TITLES } from '~/search/facet-labels';
import { FACETS, serializeSearchParams, type SearchParams } from '~/search/search-params';

/** The filters in force, each with a link that removes it. */
export function ActiveFilters({ params, regionNames }: { params: SearchParams; regionNames: Record<string, string> }) {
  const chips = FACETS.flatMap(({ param }) =>
    params[param].map((value) => ({
      key: `${param}:${value}`,
      label: `${FACET_TITLES[param]}: ${facetValueLabel(param, value, regionNames)}`,
      href: `?${serializeSearchParams({ ...params, page: 1, [param]: params[param].filter((v) => v !== value) })}`,
    })),
  );
  if (params.area)
    chips.unshift({
      key: 'area',
      label: 'Gebied: het kaartgebied',
      href: `?${serializeSearchParams({ ...params, area: undefined, page: 1 })}`,
    });
  if (params.q)
    chips.unshift({ key: 'q', label: `Zoekwoorden: ${params.q}`, href: `?${serializeSearchParams({ ...params, q: '', page: 1 })}` });
  if (chips.length === 0) return null;
  return (
    <ul className="active-filters" aria-label="Actieve filters">
      {chips.map((chip) => (
        <li key={chip.key}>
          <Link to={chip.href} aria-label={`Verwijder filter ${chip.label}`}>
            {chip.label} <span aria-hidden="true">×</span>
          </Link>
        </li>
      ))}
      <li>
        <Link to="/">Alle filters wissen</Link>
      </li>
    </ul>
  );
}
