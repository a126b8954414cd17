import { Link } from '@remix-run/react';
import { formatFigure, shadeClasses, type RegionOverlay } from '~/map/region-overlay';
import { formatRegionRef, REGION_LAYERS, type RegionLayer, type RegionMetric } from '~/regions/region-layers';

const SHADE_LABELS: Record<RegionMetric, string> = {
  count: 'Aantal vermeldingen',
  partnered: 'Aandeel initiatieven met een formele partner',
};

/**
 * Form controls for the region layer and its shading (part of the directory's GET form, so the
 * choice is in the URL), with the legend and the figures as a table: the map's text equivalent.
 */
export function RegionLayerPanel({
  layer,
  shade,
  overlay,
  regionHref,
}: {
  layer: RegionLayer | null;
  shade: RegionMetric | null;
  overlay: RegionOverlay | null;
  regionHref: (ref: string) => string;
}) {
  const layerLabel = REGION_LAYERS.find((l) => l.layer === layer);
  const stats = overlay?.stats ?? null;
  const rows =
    stats && overlay?.shapes
      ? overlay.shapes.features
          .map(({ properties: { code, name } }) => ({ code, name, value: stats.values[code] ?? 0 }))
          .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, 'nl'))
      : [];
  return (
    <div className="region-layer-panel">
      <fieldset className="region-layer-choice">
        <legend>Regiogrenzen op de kaart</legend>
        <div className="radio-row">
          <span className="radio-option">
            <input key={`none-${layer}`} type="radio" id="layer-none" name="layer" value="" defaultChecked={layer === null} />
            <label htmlFor="layer-none">Geen</label>
          </span>
          {REGION_LAYERS.map((option) => (
            <span key={option.layer} className="radio-option">
              <input
                key={`${option.layer}-${layer}`}
                type="radio"
                id={`layer-${option.layer}`}
                name="layer"
                value={option.layer}
                defaultChecked={layer === option.layer}
              />
              <label htmlFor={`layer-${option.layer}`}>{option.plural}</label>
            </span>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="shade">Kleur de regio&apos;s naar</label>
        <select key={`${layer}-${shade}`} id="shade" name="shade" defaultValue={shade ?? ''} disabled={layer === null}>
          <option value="">Geen kleur</option>
          {Object.entries(SHADE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {layer === null ? <p className="field-hint">Kies eerst een soort regio.</p> : null}
      </div>
      {overlay?.failed ? <p className="notice notice--warning">De regiogrenzen konden niet worden geladen.</p> : null}
      {stats && layerLabel ? (
        <>
          <ul className="shade-legend" aria-label={`Legenda: ${SHADE_LABELS[stats.metric].toLowerCase()}`}>
            {shadeClasses(stats).map((c) => (
              <li key={c.label}>
                {/* A fill, not a style attribute: the Content-Security-Policy allows no inline styles. */}
                <svg className="shade-swatch" viewBox="0 0 1 1" aria-hidden="true">
                  <rect width="1" height="1" fill={c.colour} />
                </svg>{' '}
                {c.label}
              </li>
            ))}
          </ul>
          <details className="shade-table">
            <summary>
              Tabel: {SHADE_LABELS[stats.metric].toLowerCase()} per {layerLabel.label.toLowerCase()}
            </summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">{layerLabel.label}</th>
                  <th scope="col">{SHADE_LABELS[stats.metric]}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">
                      <Link to={regionHref(formatRegionRef(stats.layer, row.code))} preventScrollReset>
                        {row.name}
                      </Link>
                    </th>
                    <td>{formatFigure(stats, row.code)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      ) : null}
    </div>
  );
}
