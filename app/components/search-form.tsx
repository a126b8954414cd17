import { Form, useSubmit } from '@remix-run/react';
import { useEffect, useRef, type ReactNode } from 'react';
import type { NearOption } from '~/places/near-options';
import { FACET_TITLES } from '~/search/facet-labels';
import { formatArea, type SearchParams } from '~/search/search-params';

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

/**
 * The directory as one plain GET form: it works without JavaScript, and every state is a
 * shareable URL. With JavaScript, typing and changing a filter update the results at once.
 */
export function DirectoryForm({
  params,
  errors,
  nearOptions,
  children,
}: {
  params: SearchParams;
  errors: Record<string, string>;
  nearOptions: ReadonlyArray<NearOption>;
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
  const nearValue = params.near ? `${params.near.lat},${params.near.lng}` : '';
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
      onChange={(event) => {
        const form = event.currentTarget;
        const target = event.target as HTMLInputElement;
        // Unnamed controls (such as the place finder) are not part of the URL state.
        if (!target.name) return;
        clearTimeout(typingTimer.current);
        if (target.name === 'q') {
          typingTimer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), 300);
        } else {
          submit(form, { preventScrollReset: true });
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
          <select
            key={nearValue}
            id="near"
            name="near"
            defaultValue={nearValue}
            aria-invalid={errors.near ? true : undefined}
            aria-errormessage={errors.near ? 'near-error' : undefined}
          >
            <option value="">Geen plaats gekozen</option>
            {params.near && !nearOptions.some(([, near]) => near === nearValue) ? (
              <option value={nearValue}>Gekozen punt op de kaart</option>
            ) : null}
            {nearOptions.map(([name, near]) => (
              <option key={near} value={near}>
                {name}
              </option>
            ))}
          </select>
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
