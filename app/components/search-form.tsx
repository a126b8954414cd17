import { Form, Link, useSubmit } from '@remix-run/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { PLACE_FIELD } from '~/places/places';
import { FACET_TITLES } from '~/search/facet-labels';
import { formatArea, formatNear, serializeSearchParams, withoutPoint, type SearchParams } from '~/search/search-params';

const SORT_LABELS = { relevance: 'Relevantie', name: 'Naam (A–Z)', updated: 'Laatst bijgewerkt', distance: 'Afstand' } as const;

/** Errors shown next to a field; the others (filters, area, paging, a refused search) are listed above the results. */
const FIELDS_WITH_ERRORS = ['q', 'sort', 'near'];
const ERROR_SUBJECTS: Record<string, string> = {
  ...FACET_TITLES,
  area: 'Kaartgebied',
  radius_km: 'Straal',
  page: 'Pagina',
  per_page: 'Aantal per pagina',
  search: 'Zoekopdracht',
};

/** The form's fields as the URL takes them: the place field only when changed (the server turns it into `near`). */
function formQuery(form: HTMLFormElement, placeLabel: string): FormData {
  const data = new FormData(form);
  if (data.get(PLACE_FIELD) === placeLabel) data.delete(PLACE_FIELD);
  return data;
}

/**
 * The directory as one plain GET form: it works without JavaScript, and every state is a
 * shareable URL. With JavaScript, typing and changing a filter update the results at once.
 */
export function DirectoryForm({
  params,
  errors,
  placeLabel,
  children,
}: {
  params: SearchParams;
  errors: Record<string, string>;
  /** The name of the current `near` point ('' for none or a point picked on the map), or the text that matched no place. */
  placeLabel: string;
  children: ReactNode;
}) {
  const submit = useSubmit();
  const typingTimer = useRef<ReturnType<typeof setTimeout>>();
  const queryInput = useRef<HTMLInputElement>(null);
  // Back/forward and "remove filter" links change the URL without touching the field; keep it in step
  // unless the user is typing in it.
  useEffect(() => {
    const input = queryInput.current;
    if (input && document.activeElement !== input) input.value = params.q;
  }, [params.q]);
  const nearValue = params.near ? formatNear(params.near) : '';
  const withoutNear = withoutPoint(new URLSearchParams(serializeSearchParams(params))).toString();
  const otherErrors = Object.entries(errors).filter(([name]) => !FIELDS_WITH_ERRORS.includes(name));
  const fieldError = (name: string) =>
    errors[name] ? (
      <p id={`${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;

  return (
    <Form
      method="get"
      role="search"
      aria-label="Zoek initiatieven en coalities"
      className="directory-form"
      onSubmit={(event) => {
        event.preventDefault();
        clearTimeout(typingTimer.current);
        submit(formQuery(event.currentTarget, placeLabel), { method: 'get', preventScrollReset: true });
      }}
      onChange={(event) => {
        const form = event.currentTarget;
        const target = event.target as HTMLInputElement;
        // Unnamed controls (such as the place finder) are not part of the URL state; a place is
        // looked up when the user submits it (Enter), not at every keystroke.
        if (!target.name || target.name === PLACE_FIELD) return;
        clearTimeout(typingTimer.current);
        const query = formQuery(form, placeLabel);
        if (target.name === 'q') {
          typingTimer.current = setTimeout(() => submit(query, { method: 'get', replace: true, preventScrollReset: true }), 300);
        } else {
          submit(query, { method: 'get', preventScrollReset: true });
        }
      }}
    >
      <div className="search-bar">
        <div className="field field--grow">
          <label htmlFor="q">Zoek op naam, plaats, partner of onderwerp</label>
          <input
            ref={queryInput}
            id="q"
            name="q"
            type="search"
            defaultValue={params.q}
            placeholder="Bijvoorbeeld dementie Nijmegen"
            aria-invalid={errors.q ? true : undefined}
            aria-errormessage={errors.q ? 'q-error' : undefined}
          />
          {fieldError('q')}
        </div>
        <div className="field">
          <label htmlFor="sort">Sorteren op</label>
          <select
            key={params.sort}
            id="sort"
            name="sort"
            defaultValue={params.sort}
            aria-invalid={errors.sort ? true : undefined}
            aria-errormessage={errors.sort ? 'sort-error' : undefined}
          >
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {fieldError('sort')}
        </div>
        <div className="field">
          <label htmlFor="near">Afstand vanaf</label>
          <input
            key={placeLabel}
            id="near"
            name={PLACE_FIELD}
            type="search"
            defaultValue={placeLabel}
            autoComplete="off"
            placeholder="Plaats of postcode"
            aria-describedby={params.near ? 'near-hint' : undefined}
            aria-invalid={errors.near ? true : undefined}
            aria-errormessage={errors.near ? 'near-error' : undefined}
          />
          {params.near ? (
            <p id="near-hint" className="field-hint">
              {placeLabel ? null : 'Gekozen punt op de kaart. '}
              <Link to={`?${withoutNear}`} preventScrollReset>
                Afstand wissen
              </Link>
            </p>
          ) : null}
          {params.near ? <input type="hidden" name="near" value={nearValue} /> : null}
          {fieldError('near')}
        </div>
        {params.radius_km !== undefined ? <input type="hidden" name="radius_km" value={params.radius_km} /> : null}
        {params.area ? <input type="hidden" name="area" value={formatArea(params.area)} /> : null}
        <button type="submit">Zoeken</button>
      </div>
      {otherErrors.length ? (
        <div className="notice notice--warning" role="alert">
          <p>Niet alles in deze zoekopdracht kon worden gebruikt:</p>
          <ul>
            {otherErrors.map(([name, message]) => (
              <li key={name}>
                {ERROR_SUBJECTS[name] ?? name}: {message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {children}
    </Form>
  );
}
