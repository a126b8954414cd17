import type * as Leaflet from 'leaflet';
import { kindLabel, kindPlural, type EntryKind } from '~/taxonomy/taxonomy';
import { plural } from '~/utils/plural';
import type { KindCounts, PointProperties } from './clusters';

type L = typeof Leaflet;

/** An entry on a map: what a marker and its card show. */
export type MarkerPoint = Omit<PointProperties, 'id'> & { lat: number; lng: number };
export type ClusterCounts = KindCounts & { point_count: number };

/** "3 doe-coalities", "1 burgerinitiatief": a count of one kind inside a sentence. */
const kindCount = (kind: EntryKind, n: number) => plural(n, kindLabel(kind).toLowerCase(), kindPlural(kind).toLowerCase());

/**
 * One entry: a square for a doe-coalitie, a circle for a burgerinitiatief (shape and letter carry
 * the kind, not only colour), focusable, with a popup card linking to the detail page.
 */
export function entryMarker(L: L, point: MarkerPoint): Leaflet.Marker {
  const label = `${kindLabel(point.kind)}: ${point.name}, ${point.place}`;
  const icon = L.divIcon({
    className: `entry-marker entry-marker--${point.kind}`,
    html: `<span aria-hidden="true">${point.kind === 'coalitie' ? 'C' : 'I'}</span>`,
    iconSize: [22, 22],
  });
  const marker = L.marker([point.lat, point.lng], { icon, title: label, keyboard: true });
  const card = document.createElement('div');
  card.className = 'map-card';
  const link = Object.assign(document.createElement('a'), { href: `/entries/${point.slug}`, textContent: point.name });
  card.append(link, Object.assign(document.createElement('p'), { textContent: `${kindLabel(point.kind)} · ${point.place}` }));
  marker.bindPopup(card);
  // Keyboard users land in the card; Escape closes it and returns them to the marker.
  marker.on('popupopen', () => link.focus());
  card.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    marker.closePopup();
    marker.getElement()?.focus();
  });
  return marker;
}

/** The accessible name of a cluster: how many entries of each kind, and what activating it does. */
export function clusterLabel({ point_count, coalitie, initiatief }: ClusterCounts): string {
  return `Cluster van ${plural(point_count, 'vermelding', 'vermeldingen')}: ${kindCount('coalitie', coalitie)} en ${kindCount('initiatief', initiatief)}. Activeer om in te zoomen.`;
}

/** A cluster as a pill showing the split: ■ n doe-coalities, ● n burgerinitiatieven. */
export function clusterMarker(L: L, lat: number, lng: number, counts: ClusterCounts): Leaflet.Marker {
  const part = (kind: EntryKind, n: number) =>
    n > 0 ? `<span class="cluster-part cluster-part--${kind}"><span class="cluster-shape"></span>${n}</span>` : '';
  const icon = L.divIcon({
    className: 'cluster-marker',
    html: `<span class="cluster-pill" aria-hidden="true">${part('coalitie', counts.coalitie)}${part('initiatief', counts.initiatief)}</span>`,
    iconSize: [0, 0],
  });
  return L.marker([lat, lng], { icon, title: clusterLabel(counts), keyboard: true });
}
