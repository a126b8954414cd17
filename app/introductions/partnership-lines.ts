import type { EntryKind } from '~/taxonomy/taxonomy';

/** The answer of GET /api/map/partnerships: partnerships recorded through Samenspel, as lines between two entries. */

export type PartnerEnd = { slug: string; name: string; kind: EntryKind; place: string; lat: number; lng: number };

export type PartnershipLine = { id: number; since: string; a: PartnerEnd; b: PartnerEnd };

export type PartnershipLines = { lines: PartnershipLine[]; total: number; truncated: boolean };

/** More lines than this are not drawn: the map would be a web, and the response large. */
export const MAX_PARTNERSHIP_LINES = 2000;
