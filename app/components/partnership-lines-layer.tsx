import type * as Leaflet from 'leaflet';
import { Link } from '@remix-run/react';
import { useEffect, useId, useState } from 'react';
import type { PartnershipLines } from '~/introductions/partnership-lines';
import { plural } from '~/utils/plural';
import { useLeafletMap } from './directory-map';

const LINE: Leaflet.PolylineOptions = { className: 'partnership-line', weight: 3, opacity: 0.85 };

/**
 * A layer of the directory map that can be switched on: partnerships recorded through Samenspel as
 * lines between the two entries, for the directory's filters. The same pairs are listed under the
 * switch, the list equivalent of the lines.
 */
export function PartnershipLinesLayer({ filterQuery }: { filterQuery: string }) {
  const leaflet = useLeafletMap();
  const switchId = useId();
  const [shown, setShown] = useState(false);
  const [data, setData] = useState<PartnershipLines | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!shown) return;
    const controller = new AbortController();
    setFailed(false);
    fetch(`/api/map/partnerships?${filterQuery}`, { signal: controller.signal })
      .then((response) => {
        if (!response.ok) throw new Error(`partnerships: ${response.status}`);
        return response.json() as Promise<PartnershipLines>;
      })
      .then(setData, () => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => controller.abort();
  }, [shown, filterQuery]);

  useEffect(() => {
    if (!leaflet || !shown || !data) return;
    const { map, L } = leaflet;
    const group = L.layerGroup(
      data.lines.map(({ a, b }) =>
        L.polyline(
          [
            [a.lat, a.lng],
            [b.lat, b.lng],
          ],
          LINE,
        ).bindTooltip(`${a.name} — ${b.name}`, { sticky: true }),
      ),
    ).addTo(map);
    return () => {
      group.remove();
    };
  }, [leaflet, shown, data]);

  return (
    <div className="partnership-layer">
      <input id={switchId} type="checkbox" checked={shown} onChange={(event) => setShown(event.currentTarget.checked)} />{' '}
      <label htmlFor={switchId}>Samenwerkingen via Samenspel tonen (doorgetrokken lijnen)</label>
      {shown ? (
        <div role="status">
          {failed ? (
            <p>De samenwerkingen konden niet worden geladen.</p>
          ) : data === null ? (
            <p>Samenwerkingen laden…</p>
          ) : data.total === 0 ? (
            <p>Bij deze selectie zijn nog geen samenwerkingen via Samenspel vastgelegd.</p>
          ) : (
            <details>
              <summary>
                {plural(data.total, 'samenwerking', 'samenwerkingen')} op de kaart
                {data.truncated ? ` (de eerste ${data.lines.length} getekend)` : ''}
              </summary>
              <ul className="partnership-list">
                {data.lines.map(({ id, a, b }) => (
                  <li key={id}>
                    <Link to={`/entries/${a.slug}`}>{a.name}</Link> en <Link to={`/entries/${b.slug}`}>{b.name}</Link>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      ) : null}
    </div>
  );
}
