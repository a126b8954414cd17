import { z } from 'zod';
import { singleLine } from '~/utils/plain-text';
import { entryInputSchema, LOCATION_MISSING, type EntryInput } from './entry-schema';

/**
 * The guided form's steps. Each step has one zod schema, a part of the entry schema, that the
 * browser checks before sending and the server checks again before it saves the draft. A plain
 * module: the page imports it as well as the service.
 */
export const ENTRY_STEPS = [
  { code: 'basis', label: 'Basisgegevens' },
  { code: 'locatie', label: 'Locatie en werkgebied' },
  { code: 'onderwerpen', label: 'Onderwerpen' },
  { code: 'behoeften', label: 'Behoeften en aanbod' },
  { code: 'partners', label: 'Partners' },
  { code: 'organisatie', label: 'Fase, financiering en contact' },
] as const;
export type StepCode = (typeof ENTRY_STEPS)[number]['code'];

export function isStepCode(value: unknown): value is StepCode {
  return ENTRY_STEPS.some((step) => step.code === value);
}

export function nextStep(step: StepCode): StepCode | null {
  const index = ENTRY_STEPS.findIndex((s) => s.code === step);
  return ENTRY_STEPS[index + 1]?.code ?? null;
}

const shape = entryInputSchema.shape;

export const STEP_SCHEMAS = {
  basis: z.object({
    kind: shape.kind,
    name: shape.name,
    summary: shape.summary,
    description: shape.description,
    legalForm: shape.legalForm,
    foundingYear: shape.foundingYear,
    website: shape.website,
    email: shape.email,
    phone: shape.phone,
  }),
  locatie: z.object({ place: shape.place, lat: shape.lat, lng: shape.lng, coverage: shape.coverage }),
  onderwerpen: z.object({ topics: shape.topics }),
  behoeften: z.object({ needs: shape.needs, offers: shape.offers }),
  partners: z.object({ partners: shape.partners }),
  organisatie: z.object({
    phase: shape.phase,
    fundingSources: shape.fundingSources,
    fundingEndsOn: shape.fundingEndsOn,
    onBoard: shape.onBoard,
    contactRole: shape.contactRole,
  }),
} satisfies Record<StepCode, z.ZodType>;

/** The location step in the browser: a postcode or place name (`zoek`) the server looks up may stand in for the point. */
export const locationFormSchema = z
  .object({
    zoek: z.string().overwrite(singleLine).max(60, { message: 'Een plaatsnaam of postcode is hooguit 60 tekens lang.' }).optional(),
    place: z.string().overwrite(singleLine).max(120).optional(),
    lat: z.number().optional(),
    lng: z.number().optional(),
    coverage: z.array(z.string()),
  })
  .refine((value) => (value.lat !== undefined && value.lng !== undefined) || Boolean(value.zoek), {
    path: ['zoek'],
    message: LOCATION_MISSING,
  });

const ARRAY_FIELDS = new Set(['coverage', 'topics', 'needs', 'offers', 'onBoard']);
const NUMBER_FIELDS = new Set(['foundingYear', 'lat', 'lng']);

/**
 * A step's form as the schema reads it: lists from repeated fields, numbers from text, an empty
 * field as absent, funding sources one per line and partners from paired name/domain rows.
 * Fields of other steps, and fields like `status`, are dropped by the step schema.
 */
export function stepValues(form: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (ARRAY_FIELDS.has(key)) {
      values[key] = form.getAll(key).map(String);
      continue;
    }
    const raw = String(form.get(key) ?? '').trim();
    if (key === 'fundingSources')
      values[key] = raw
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
    else if (raw === '') values[key] = undefined;
    else if (NUMBER_FIELDS.has(key)) values[key] = Number(raw.replace(',', '.'));
    else values[key] = raw;
  }
  if (form.has('partnerName')) {
    const domains = form.getAll('partnerDomain').map(String);
    values.partners = form
      .getAll('partnerName')
      .map((name, index) => ({ name: String(name).trim(), domain: domains[index] ?? '' }))
      .filter((partner) => partner.name !== '');
  }
  for (const key of ARRAY_FIELDS) if (form.has(`${key}Present`) && !(key in values)) values[key] = [];
  return values;
}

export type StepErrors = Record<string, string>;

/** The first message per field ("partners.0.name" counts as "partners"), keyed for the page. */
export function stepErrors(error: z.ZodError): StepErrors {
  const errors: StepErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? '_form')] ??= issue.message;
  return errors;
}

/** The step each field belongs to, to send a member back to the step with a missing field. */
export function stepOfField(field: string): StepCode {
  for (const step of ENTRY_STEPS) if (field in STEP_SCHEMAS[step.code].shape) return step.code;
  return 'basis';
}

export type DraftData = Partial<EntryInput>;
