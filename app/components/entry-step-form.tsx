import { Form, useNavigation } from '@remix-run/react';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ON_BOARD_PARTIES } from '~/entries/entry-schema';
import {
  locationFormSchema,
  STEP_SCHEMAS,
  stepErrors,
  stepValues,
  type DraftData,
  type StepCode,
  type StepErrors,
} from '~/entries/entry-steps';
import { ENTRY_KINDS, PARTNER_DOMAINS, PHASES, SUPPORT_TYPES, THEMES, topicsOfTheme } from '~/taxonomy/taxonomy';
import { CsrfField } from './account-form';
import { CoverageTable, type CoveredGemeente } from './coverage-table';
import { LocationPicker } from './location-picker';

type Gemeente = { code: string; name: string };

type Props = {
  step: StepCode;
  data: DraftData;
  /** The server's answer to the last post. */
  result?: { errors?: StepErrors; message?: string | null } | null;
  municipalities?: Gemeente[];
  coverage?: CoveredGemeente[];
  tiles?: { url: string; attribution: string };
};

function ErrorText({ name, errors }: { name: string; errors: StepErrors }) {
  return errors[name] ? (
    <p id={`${name}-error`} className="field-error">
      {errors[name]}
    </p>
  ) : null;
}

const invalid = (name: string, errors: StepErrors) =>
  errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {};

function Text(props: {
  name: keyof DraftData & string;
  label: string;
  data: DraftData;
  errors: StepErrors;
  type?: string;
  hint?: string;
  long?: boolean;
}) {
  const { name, label, data, errors, type = 'text', hint, long } = props;
  const value = data[name];
  const defaultValue = value === null || value === undefined ? '' : String(value);
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {long ? (
        <textarea id={name} name={name} defaultValue={defaultValue} rows={5} {...invalid(name, errors)} />
      ) : (
        <input id={name} name={name} type={type} defaultValue={defaultValue} {...invalid(name, errors)} />
      )}
      <ErrorText name={name} errors={errors} />
    </div>
  );
}

function Checks(props: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ code: string; label: string }>;
  chosen: readonly string[];
  errors: StepErrors;
}) {
  const { name, legend, options, chosen, errors } = props;
  return (
    <fieldset className="field" {...invalid(name, errors)}>
      <legend>{legend}</legend>
      <input type="hidden" name={`${name}Present`} value="1" />
      {options.map((option, index) => (
        <label key={option.code} className="check">
          <input
            type="checkbox"
            name={name}
            value={option.code}
            defaultChecked={chosen.includes(option.code)}
            id={index === 0 ? name : undefined}
            {...(index === 0 ? invalid(name, errors) : {})}
          />{' '}
          {option.label}
        </label>
      ))}
      <ErrorText name={name} errors={errors} />
    </fieldset>
  );
}

function StepFields({ step, data, errors, municipalities = [], coverage = [], tiles }: Props & { errors: StepErrors }) {
  const savedPoint = useMemo(
    () => (typeof data.lat === 'number' && typeof data.lng === 'number' ? { lat: data.lat, lng: data.lng } : null),
    [data.lat, data.lng],
  );
  switch (step) {
    case 'basis':
      return (
        <>
          <fieldset className="field" {...invalid('kind', errors)}>
            <legend>Soort</legend>
            {ENTRY_KINDS.map((kind, index) => (
              <label key={kind.code} className="check">
                <input
                  type="radio"
                  name="kind"
                  value={kind.code}
                  defaultChecked={data.kind === kind.code}
                  id={index === 0 ? 'kind' : undefined}
                />{' '}
                {kind.label}
              </label>
            ))}
            <ErrorText name="kind" errors={errors} />
          </fieldset>
          <Text name="name" label="Naam" data={data} errors={errors} />
          <Text name="summary" label="Korte samenvatting" hint="Eén of twee zinnen, hooguit 300 tekens." data={data} errors={errors} long />
          <Text name="description" label="Beschrijving (optioneel)" data={data} errors={errors} long />
          <Text name="legalForm" label="Rechtsvorm (optioneel)" hint="Bijvoorbeeld stichting of vereniging." data={data} errors={errors} />
          <Text name="foundingYear" label="Oprichtingsjaar (optioneel)" data={data} errors={errors} type="number" />
          <Text name="website" label="Website (optioneel)" data={data} errors={errors} type="url" />
          <Text name="email" label="Openbaar e-mailadres (optioneel)" data={data} errors={errors} type="email" />
          <Text name="phone" label="Openbaar telefoonnummer (optioneel)" data={data} errors={errors} type="tel" />
        </>
      );
    case 'locatie':
      return (
        <>
          <div className="field">
            <label htmlFor="zoek">Postcode (4 cijfers) of plaatsnaam</label>
            <p className="field-hint">
              {data.lat !== undefined && data.lat !== null
                ? `Opgeslagen locatie: ${data.place ?? ''} (${data.lat}, ${data.lng}). Vul dit veld alleen in om de locatie te wijzigen.`
                : 'Wij zoeken de plek op; de gemeente komt in het werkgebied als je daar niets kiest.'}
            </p>
            <input id="zoek" name="zoek" type="text" {...invalid('zoek', errors)} />
            <ErrorText name="zoek" errors={errors} />
            <ErrorText name="lat" errors={errors} />
          </div>
          <LocationPicker initial={savedPoint} tileUrl={tiles?.url ?? ''} tileAttribution={tiles?.attribution ?? ''} />
          <Text name="place" label="Plaats of wijk" hint="Leeg laten: de gevonden plaats." data={data} errors={errors} />
          <div className="field">
            <label htmlFor="coverage">Werkgebied: gemeenten</label>
            <p className="field-hint">Houd Ctrl (of Cmd) ingedrukt om meer gemeenten te kiezen.</p>
            <input type="hidden" name="coveragePresent" value="1" />
            <select id="coverage" name="coverage" multiple size={8} defaultValue={data.coverage ?? []} {...invalid('coverage', errors)}>
              {municipalities.map((gemeente) => (
                <option key={gemeente.code} value={gemeente.code}>
                  {gemeente.name}
                </option>
              ))}
            </select>
            <ErrorText name="coverage" errors={errors} />
          </div>
          {coverage.length ? (
            <>
              <h2>Opgeslagen werkgebied en regio&apos;s</h2>
              <CoverageTable coverage={coverage} />
            </>
          ) : null}
        </>
      );
    case 'onderwerpen':
      return (
        <>
          <input type="hidden" name="topicsPresent" value="1" />
          {THEMES.map((theme) => (
            <fieldset key={theme.code} className="field">
              <legend>{theme.label}</legend>
              {topicsOfTheme(theme.code).map((topic) => (
                <label key={topic.code} className="check">
                  <input type="checkbox" name="topics" value={topic.code} defaultChecked={(data.topics ?? []).includes(topic.code)} />{' '}
                  {topic.label}
                </label>
              ))}
            </fieldset>
          ))}
          {/* The first checkbox carries no id: the message links to this anchor instead. */}
          <p id="topics" tabIndex={-1} className="field-error" {...(errors.topics ? { role: 'alert' } : {})}>
            {errors.topics ?? ''}
          </p>
        </>
      );
    case 'behoeften':
      return (
        <>
          <Checks name="needs" legend="Waar heb je behoefte aan?" options={SUPPORT_TYPES} chosen={data.needs ?? []} errors={errors} />
          <Checks name="offers" legend="Wat kun je bieden?" options={SUPPORT_TYPES} chosen={data.offers ?? []} errors={errors} />
        </>
      );
    case 'partners': {
      const rows = [...(data.partners ?? []), ...Array.from({ length: 3 }, () => ({ name: '', domain: 'overig' as const }))];
      return (
        <fieldset className="field" {...invalid('partners', errors)}>
          <legend>Partners per domein</legend>
          <p className="field-hint">Laat een naam leeg om de rij over te slaan. Na opslaan komen er nieuwe lege rijen bij.</p>
          {rows.map((partner, index) => (
            <div key={index} className="partner-row">
              <label htmlFor={index === 0 ? 'partners' : `partner-${index}`}>Partner {index + 1}</label>
              <input id={index === 0 ? 'partners' : `partner-${index}`} name="partnerName" defaultValue={partner.name} />
              <label htmlFor={`partner-domain-${index}`}>Domein van partner {index + 1}</label>
              <select id={`partner-domain-${index}`} name="partnerDomain" defaultValue={partner.domain}>
                {PARTNER_DOMAINS.map((domain) => (
                  <option key={domain.code} value={domain.code}>
                    {domain.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <ErrorText name="partners" errors={errors} />
        </fieldset>
      );
    }
    case 'organisatie':
      return (
        <>
          <div className="field">
            <label htmlFor="phase">Fase</label>
            <select id="phase" name="phase" defaultValue={data.phase ?? ''} {...invalid('phase', errors)}>
              <option value="">Onbekend</option>
              {PHASES.map((phase) => (
                <option key={phase.code} value={phase.code}>
                  {phase.label}
                </option>
              ))}
            </select>
            <ErrorText name="phase" errors={errors} />
          </div>
          <div className="field">
            <label htmlFor="fundingSources">Financieringsbronnen (één per regel)</label>
            <textarea
              id="fundingSources"
              name="fundingSources"
              rows={3}
              defaultValue={(data.fundingSources ?? []).join('\n')}
              {...invalid('fundingSources', errors)}
            />
            <ErrorText name="fundingSources" errors={errors} />
          </div>
          <Text name="fundingEndsOn" label="Financiering loopt af op (optioneel)" data={data} errors={errors} type="date" />
          <Checks name="onBoard" legend="Wie zijn aangehaakt?" options={ON_BOARD_PARTIES} chosen={data.onBoard ?? []} errors={errors} />
          <Text
            name="contactRole"
            label="Rol van de contactpersoon (optioneel)"
            hint="Bijvoorbeeld coördinator; geen naam."
            data={data}
            errors={errors}
          />
        </>
      );
  }
}

/**
 * One step of the guided entry form: a POST form that works without JavaScript (the server checks
 * and answers with messages next to each field); with it, the step's schema is checked first.
 * After errors the first invalid field gets the focus.
 */
export function EntryStepForm(props: Props & { submitLabel: string; action?: string; children?: ReactNode }) {
  const { step, result, submitLabel, action, children } = props;
  const [clientErrors, setClientErrors] = useState<StepErrors | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const busy = useNavigation().state === 'submitting';
  const errors = clientErrors ?? result?.errors ?? {};

  useEffect(() => setClientErrors(null), [result]);
  useEffect(() => {
    const invalidField = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], #topics[role="alert"]');
    // A group of choices is marked as a whole; its first choice takes the focus.
    const target = invalidField?.matches('fieldset') ? invalidField.querySelector<HTMLElement>('input, select, textarea') : invalidField;
    target?.focus();
  }, [clientErrors, result]);

  function validate(event: FormEvent<HTMLFormElement>) {
    const values = stepValues(new FormData(event.currentTarget));
    const schema = step === 'locatie' ? locationFormSchema : STEP_SCHEMAS[step];
    const parsed = schema.safeParse(values);
    if (parsed.success) return setClientErrors(null);
    event.preventDefault();
    setClientErrors(stepErrors(parsed.error));
  }

  const messages = Object.entries(errors);
  return (
    <Form method="post" action={action} noValidate ref={formRef} onSubmit={validate} className="account-form entry-form">
      {result?.message ? (
        <p className="notice notice--warning" role="alert">
          {result.message}
        </p>
      ) : null}
      {messages.length ? (
        <div className="notice notice--warning error-summary" role="alert">
          <p>Controleer deze stap:</p>
          <ul>
            {messages.map(([name, message]) => (
              <li key={name}>
                <a href={`#${name}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <CsrfField />
      <StepFields {...props} errors={errors} />
      {children}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
