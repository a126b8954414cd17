import { REGION_LAYERS } from '~/regions/region-layers';
import { facetValueLabel, FACET_TITLES } from '~/search/facet-labels';
import type { FacetParam, SearchParams } from '~/search/search-params';
import type { FacetCounts } from '~/search/search-result';
import { ENTRY_KINDS, PARTNER_DOMAINS, SUPPORT_TYPES, THEMES, topicsOfTheme } from '~/taxonomy/taxonomy';

/** One collator for every render: about twice as fast as `localeCompare` with a locale argument. */
const byDutchName = new Intl.Collator('nl').compare;

type Props = { params: SearchParams; facets: FacetCounts; regionNames: Record<string, string> };

function FacetCheckbox({
  param,
  value,
  label,
  params,
  facets,
}: { param: FacetParam; value: string; label: string } & Omit<Props, 'regionNames'>) {
  const checked = (params[param] as readonly string[]).includes(value);
  const count = facets[param][value] ?? 0;
  const id = `facet-${param}-${value}`;
  return (
    <div className="facet-option">
      {/* Keyed by state so that client-side navigation (e.g. removing a filter) re-renders the uncontrolled box. */}
      <input
        key={String(checked)}
        type="checkbox"
        id={id}
        name={param}
        value={value}
        defaultChecked={checked}
        disabled={count === 0 && !checked}
      />
      <label htmlFor={id}>
        {label} <span className="facet-count">({count})</span>
      </label>
    </div>
  );
}

function CheckboxGroup({
  param,
  options,
  ...props
}: { param: FacetParam; options: ReadonlyArray<{ code: string }> } & Omit<Props, 'regionNames'>) {
  return (
    <fieldset className="facet-group">
      <legend>{FACET_TITLES[param]}</legend>
      {options.map((option) => (
        <FacetCheckbox key={option.code} param={param} value={option.code} label={facetValueLabel(param, option.code)} {...props} />
      ))}
    </fieldset>
  );
}

/** Filters as plain form controls inside the directory's GET form, with counts per value. */
export function FacetPanel({ params, facets, regionNames }: Props) {
  const selectedRegion = params.region[0] ?? '';
  return (
    <div className="facet-panel">
      <h2 className="facet-panel-title">Filters</h2>
      <CheckboxGroup param="kind" options={ENTRY_KINDS} params={params} facets={facets} />

      <fieldset className="facet-group">
        <legend>Thema en onderwerp</legend>
        {THEMES.map((theme) => (
          <div key={theme.code} className="facet-theme">
            <FacetCheckbox param="theme" value={theme.code} label={theme.label} params={params} facets={facets} />
            <div className="facet-topics">
              {topicsOfTheme(theme.code)
                .filter((topic) => (facets.topic[topic.code] ?? 0) > 0 || params.topic.includes(topic.code))
                .map((topic) => (
                  <FacetCheckbox
                    key={topic.code}
                    param="topic"
                    value={topic.code}
                    label={facetValueLabel('topic', topic.code)}
                    params={params}
                    facets={facets}
                  />
                ))}
            </div>
          </div>
        ))}
      </fieldset>

      <div className="facet-group">
        <label htmlFor="facet-region" className="facet-label">
          Regio
        </label>
        <select key={selectedRegion} id="facet-region" name="region" defaultValue={selectedRegion}>
          <option value="">Heel Nederland</option>
          {REGION_LAYERS.map(({ layer, plural }) => {
            const options = Object.keys(regionNames)
              .filter((ref) => ref.startsWith(`${layer}:`) && ((facets.region[ref] ?? 0) > 0 || ref === selectedRegion))
              .sort((a, b) => byDutchName(regionNames[a]!, regionNames[b]!));
            return options.length ? (
              <optgroup key={layer} label={plural}>
                {options.map((ref) => (
                  <option key={ref} value={ref}>
                    {/* One text node: React separates adjacent ones with a comment, ~240 times on the home page. */}
                    {`${regionNames[ref]} (${facets.region[ref] ?? 0})`}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
        </select>
      </div>

      <CheckboxGroup param="need" options={SUPPORT_TYPES} params={params} facets={facets} />
      <CheckboxGroup param="offer" options={SUPPORT_TYPES} params={params} facets={facets} />
      <CheckboxGroup param="domain" options={PARTNER_DOMAINS} params={params} facets={facets} />
      <button type="submit" className="facet-apply">
        Filters toepassen
      </button>
    </div>
  );
}
