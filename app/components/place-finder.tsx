import { useEffect, useId, useRef, useState } from 'react';
import { isInNetherlands } from '~/map/netherlands';
import { PLACE_KIND_LABELS, type Place } from '~/places/places';
import { useLeafletMap } from './directory-map';

/**
 * Find a gemeente, woonplaats or postcode (offline, from the server's region data) or use the
 * browser's location: the map centres there and the directory sorts by distance from it.
 */
export function PlaceFinder({ onChoose }: { onChoose: (point: { lat: number; lng: number }) => void }) {
  const leaflet = useLeafletMap();
  const id = useId();
  const [query, setQuery] = useState('');
  const [places, setPlaces] = useState<Place[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    clearTimeout(timer.current);
    if (!query.trim()) {
      setPlaces(null);
      return;
    }
    const controller = new AbortController();
    timer.current = setTimeout(async () => {
      try {
        const response = await fetch(`/api/places?q=${encodeURIComponent(query)}`, { signal: controller.signal });
        const body = (await response.json()) as { places?: Place[]; error?: string };
        setPlaces(body.places ?? []);
        setMessage(body.error ?? null);
      } catch {
        if (!controller.signal.aborted) setMessage('Plaatsen zoeken lukt nu niet.');
      }
    }, 250);
    return () => controller.abort();
  }, [query]);

  const choose = (point: { lat: number; lng: number }, label: string) => {
    leaflet?.map.setView([point.lat, point.lng], 12, { animate: false });
    setPlaces(null);
    setQuery('');
    setMessage(`Kaart gecentreerd op ${label}; de lijst is gesorteerd op afstand.`);
    onChoose(point);
  };

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setMessage('Je browser kan je locatie niet doorgeven.');
      return;
    }
    setMessage('Locatie opvragen…');
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        if (isInNetherlands({ lat: coords.latitude, lng: coords.longitude }))
          choose({ lat: coords.latitude, lng: coords.longitude }, 'je locatie');
        else setMessage('Je locatie ligt buiten Nederland; kies een plaats.');
      },
      () => setMessage('Je locatie is niet beschikbaar. Geef toestemming of kies een plaats.'),
      { timeout: 10_000 },
    );
  };

  return (
    <div className="place-finder">
      <label htmlFor={`${id}-q`}>Ga naar een plaats of postcode</label>
      <div className="place-finder-row">
        {/* No name: this field steers the map, it is not a search filter. */}
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          autoComplete="off"
          placeholder="Bijvoorbeeld Lemmer of 6533"
          aria-describedby={`${id}-status`}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            // Enter picks the first suggestion instead of submitting the directory form.
            if (event.key !== 'Enter') return;
            event.preventDefault();
            const first = places?.[0];
            if (first) choose(first, first.label);
          }}
        />
        <button type="button" onClick={locate}>
          Gebruik mijn locatie
        </button>
      </div>
      {places && places.length > 0 ? (
        <ul className="place-suggestions" aria-label="Gevonden plaatsen">
          {places.map((place) => (
            <li key={`${place.kind}-${place.label}`}>
              <button type="button" onClick={() => choose(place, place.label)}>
                {place.label} <span className="subtle">({PLACE_KIND_LABELS[place.kind]})</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <p id={`${id}-status`} className="place-status" role="status">
        {places && places.length === 0 && !message ? 'Geen plaats gevonden.' : message}
      </p>
    </div>
  );
}
