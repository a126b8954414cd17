import type { GemeentePoint } from './places';

/**
 * An option of the directory's "Afstand vanaf" list: a gemeente's name and its point as the `near`
 * parameter writes it. A pair rather than the gemeente record: the page carries all 342 of them on
 * every request, and a pair is what it shows, at half the serialisation work.
 */
export type NearOption = readonly [name: string, near: string];

export const nearOption = ({ name, lat, lng }: GemeentePoint): NearOption => [name, `${lat},${lng}`];
