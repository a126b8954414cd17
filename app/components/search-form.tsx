import { Form } from '@remix-run/react';
import { ENTRY_KINDS, THEMES, topicsOfTheme } from '~/taxonomy/taxonomy';

export type SearchFormValues = { q: string; kind?: string; topic: string[] };

/** A plain GET form: searching and filtering work without JavaScript, and every view has a shareable URL. */
export function SearchForm({ values, errors }: { values: SearchFormValues; errors: Record<string, string[]> }) {
  const error = (field: string) => errors[field]?.[0];
  return (
    <Form method="get" role="search" className="search-form" aria-label="Zoek initiatieven en coalities">
      <div className="field field--grow">
        <label htmlFor="q">Zoek op naam, plaats of onderwerp</label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={values.q}
          placeholder="Bijvoorbeeld dementie Nijmegen"
          aria-invalid={error('q') ? true : undefined}
          aria-errormessage={error('q') ? 'q-error' : undefined}
        />
        {error('q') ? <p id="q-error" className="field-error">{error('q')}</p> : null}
      </div>
      <div className="field">
        <label htmlFor="kind">Soort</label>
        <select id="kind" name="kind" defaultValue={values.kind ?? ''}>
          <option value="">Alle soorten</option>
          {ENTRY_KINDS.map((kind) => (
            <option key={kind.code} value={kind.code}>
              {kind.plural}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="topic">Onderwerp</label>
        <select
          id="topic"
          name="topic"
          defaultValue={values.topic[0] ?? ''}
          aria-invalid={error('topic') ? true : undefined}
          aria-errormessage={error('topic') ? 'topic-error' : undefined}
        >
          <option value="">Alle onderwerpen</option>
          {THEMES.map((theme) => (
            <optgroup key={theme.code} label={`${theme.label} — ${theme.subtitle}`}>
              {topicsOfTheme(theme.code).map((topic) => (
                <option key={topic.code} value={topic.code}>
                  {topic.code}: {topic.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {error('topic') ? <p id="topic-error" className="field-error">{error('topic')}</p> : null}
      </div>
      <button type="submit">Zoeken</button>
    </Form>
  );
}
