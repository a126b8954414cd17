import { Link } from '@remix-run/react';
import { PARENT_LAYERS, formatRegionRef, type RegionMembership } from '~/regions/region-layers';

export type CoveredGemeente = { code: string; name: string; regions: RegionMembership[] };

/** The gemeenten an entry works in, with the region of every division each lies in. */
export function CoverageTable({ coverage }: { coverage: CoveredGemeente[] }) {
  return (
    <div className="table-scroll">
      <table className="coverage-table">
        <caption className="visually-hidden">Gemeenten in het werkgebied en de regio&apos;s waarin ze liggen</caption>
        <thead>
          <tr>
            <th scope="col">Gemeente</th>
            {PARENT_LAYERS.map((layer) => (
              <th key={layer.layer} scope="col">
                {layer.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {coverage.map(({ code, name, regions }) => (
            <tr key={code}>
              <th scope="row">{name}</th>
              {PARENT_LAYERS.map(({ layer }) => {
                const region = regions.find((r) => r.layer === layer);
                return (
                  <td key={layer}>
                    {region ? <Link to={`/?region=${encodeURIComponent(formatRegionRef(layer, region.code))}`}>{region.name}</Link> : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
