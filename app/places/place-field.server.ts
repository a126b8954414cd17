import { freeText } from '~/api/free-text';
import { repeatedParameters } from '~/api/parameter-errors';
import { formatNear, withoutPoint } from '~/search/search-params';
import { PLACE_FIELD } from './places';
import { placeAt, searchPlaces, type PlaceIndex } from './places.server';

const MAX_PLACE_LENGTH = 60;
const placeText = freeText(MAX_PLACE_LENGTH, `Een plaatsnaam of postcode is hooguit ${MAX_PLACE_LENGTH} tekens lang.`);

type Point = { lat: number; lng: number };
export type PlaceFieldAnswer = { redirectTo: string } | { error: string; text: string };

/** The name the form's place field shows for the current point: '' for none or a point picked on the map. */
export function placeLabelOf(index: PlaceIndex | null, near: Point | undefined): string {
  return index && near ? (placeAt(index, near)?.label ?? '') : '';
}

/**
 * What the directory form's place field asks of the URL. Typed text becomes the `near` point of the
 * place it names (the place finder's best suggestion); an emptied field removes the point and what
 * depends on it; unchanged text (the name of the current point) keeps it. The answer is the query
 * string to redirect to, without the field, so the URL stays the directory's one state; or a
 * Dutch message when nothing matches.
 */
export function applyPlaceField(index: PlaceIndex | null, search: URLSearchParams, near: Point | undefined): PlaceFieldAnswer {
  const repeated = repeatedParameters(search, [PLACE_FIELD])[PLACE_FIELD];
  if (repeated) return { error: repeated, text: '' };
  const typed = placeText.safeParse(search.get(PLACE_FIELD) ?? '');
  if (!typed.success) return { error: typed.error.issues[0]!.message, text: '' };
  const text = typed.data;
  let next = new URLSearchParams(search);
  next.delete(PLACE_FIELD);
  if (text !== placeLabelOf(index, near)) {
    if (text === '') {
      next = withoutPoint(next);
    } else {
      if (!index) return { error: 'Zoeken op plaats kan nog niet: de gemeentegrenzen ontbreken op deze server.', text };
      const [place] = searchPlaces(index, text);
      if (!place) return { error: `Geen plaats, gemeente of postcode gevonden voor “${text}”.`, text };
      next.set('near', formatNear(place));
      next.delete('page');
    }
  }
  const query = next.toString();
  return { redirectTo: query ? `?${query}` : '' };
}
