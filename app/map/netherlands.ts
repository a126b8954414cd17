/**
 * The Netherlands (European part) as every map, form and API check of Samenspel sees it: one box
 * and one zoom range. The land reaches 50.75–53.55 °N and 3.36–7.23 °E; the box leaves a small
 * margin, so a point on the border or the coast still counts as in the Netherlands.
 */
export const NETHERLANDS_BOUNDS = { west: 3.3, south: 50.7, east: 7.3, north: 53.6 } as const;

/** The box as Leaflet's [[south, west], [north, east]]. */
export const NETHERLANDS_LATLNG_BOUNDS: [[number, number], [number, number]] = [
  [NETHERLANDS_BOUNDS.south, NETHERLANDS_BOUNDS.west],
  [NETHERLANDS_BOUNDS.north, NETHERLANDS_BOUNDS.east],
];

/** The box as a GeoJSON bbox [west, south, east, north]. */
export const NETHERLANDS_BBOX: [number, number, number, number] = [
  NETHERLANDS_BOUNDS.west,
  NETHERLANDS_BOUNDS.south,
  NETHERLANDS_BOUNDS.east,
  NETHERLANDS_BOUNDS.north,
];

export function isInNetherlands({ lat, lng }: { lat: number; lng: number }): boolean {
  const { west, south, east, north } = NETHERLANDS_BOUNDS;
  return lat >= south && lat <= north && lng >= west && lng <= east;
}

/** Zoom 5 shows the whole country in a small map; 18 is the deepest level the tiles have. */
export const MIN_ZOOM = 5;
export const MAX_ZOOM = 18;
