/** What GET /api/places answers and the place finder shows: plain types shared by server and UI. */

/** A gemeente by its CBS code, e.g. GM0268 Nijmegen. */
export type Gemeente = { code: string; name: string };
/** A gemeente with the point the map and the distance sort use for it. */
export type GemeentePoint = Gemeente & { lat: number; lng: number };

export const PLACE_KINDS = ['gemeente', 'plaats', 'postcode'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** How the place finder names each kind next to a suggestion. */
export const PLACE_KIND_LABELS: Record<PlaceKind, string> = { gemeente: 'gemeente', plaats: 'woonplaats', postcode: 'postcode' };

/** A suggestion of the place finder: a gemeente, a woonplaats or a 4-digit postcode, with its point and gemeente. */
export type Place = { label: string; kind: PlaceKind; lat: number; lng: number; gemeente: Gemeente };

/**
 * The directory form's "Afstand vanaf" field: a place, gemeente or postcode as typed. The server
 * turns it into the URL's `near` point (app/places/place-field.server.ts).
 */
export const PLACE_FIELD = 'plaats';
