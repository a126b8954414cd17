import { z } from 'zod';
import { ENTRY_KIND_CODES, ENTRY_STATUSES, PARTNER_DOMAIN_CODES, PHASE_CODES, SUPPORT_TYPE_CODES, TOPIC_CODES } from '~/taxonomy/taxonomy';
import { NETHERLANDS_BOUNDS } from '~/map/netherlands';
import { multiLine, singleLine } from '~/utils/plain-text';

/** The one schema for an entry as it is written: by forms, imports and the seeders alike. */

const GEMEENTE_CODE = /^GM\d{4}$/;
const currentYear = new Date().getFullYear();

const optionalText = (max: number, clean: (value: string) => string = singleLine) =>
  z
    .string()
    .overwrite(clean)
    .max(max, { message: `Maximaal ${max} tekens.` })
    .transform((value) => (value === '' ? null : value))
    .nullish()
    .transform((value) => value ?? null);

const uniqueList = <T extends z.ZodType<string>>(item: T) =>
  z.array(item).transform((values) => [...new Set(values)] as Array<z.output<T>>);

/** Whether these parties are on board (seed 001). */
export const ON_BOARD_PARTIES = [
  { code: 'gemeente', label: 'Gemeente' },
  { code: 'zorgverzekeraar', label: 'Zorgverzekeraar' },
  { code: 'huisarts', label: 'Huisarts(en)' },
] as const;
export const ON_BOARD_CODES = ['gemeente', 'zorgverzekeraar', 'huisarts'] as const;

export const partnerSchema = z.object({
  name: z.string().overwrite(singleLine).min(2, { message: 'Geef de naam van de partner.' }).max(200),
  domain: z.enum(PARTNER_DOMAIN_CODES, { message: 'Kies een geldig partnerdomein.' }),
});

export const LOCATION_MISSING = 'Geef een postcode (4 cijfers) of plaatsnaam, of klik op de kaart.';

/** Six decimals is about 10 cm: more only carries floating-point noise into the index. */
const toMicroDegrees = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

export const entryInputSchema = z.object({
  kind: z.enum(ENTRY_KIND_CODES, { message: 'Kies of dit een burgerinitiatief of een doe-coalitie is.' }),
  name: z
    .string({ message: 'Geef een naam.' })
    .overwrite(singleLine)
    .min(3, { message: 'De naam moet minstens 3 tekens lang zijn.' })
    .max(160, { message: 'De naam mag maximaal 160 tekens lang zijn.' }),
  summary: z
    .string({ message: 'Geef een korte samenvatting.' })
    .overwrite(singleLine)
    .min(10, { message: 'De samenvatting moet minstens 10 tekens lang zijn.' })
    .max(300, { message: 'De samenvatting mag maximaal 300 tekens lang zijn.' }),
  description: optionalText(10_000, multiLine),
  legalForm: optionalText(80),
  foundingYear: z
    .number({ message: 'Geef een jaartal.' })
    .int({ message: 'Geef een heel jaartal.' })
    .min(1900, { message: 'Het oprichtingsjaar ligt na 1900.' })
    .max(currentYear, { message: 'Het oprichtingsjaar kan niet in de toekomst liggen.' })
    .nullish()
    .transform((value) => value ?? null),
  website: z
    .url({ protocol: /^https?$/, message: 'Geef een geldig webadres dat begint met https:// of http://.' })
    .nullish()
    .transform((value) => value ?? null),
  email: z
    .email({ message: 'Geef een geldig e-mailadres.' })
    .nullish()
    .transform((value) => value ?? null),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{10,20}$/, { message: 'Geef een geldig telefoonnummer, bijvoorbeeld 024 123 45 67.' })
    .nullish()
    .transform((value) => value ?? null),
  place: z.string({ message: 'Geef de plaats of wijk.' }).overwrite(singleLine).min(2, { message: 'Geef de plaats of wijk.' }).max(120),
  lat: z
    .number({ message: LOCATION_MISSING })
    .min(NETHERLANDS_BOUNDS.south, { message: 'De locatie ligt niet in Nederland.' })
    .max(NETHERLANDS_BOUNDS.north, { message: 'De locatie ligt niet in Nederland.' })
    .transform(toMicroDegrees),
  lng: z
    .number({ message: LOCATION_MISSING })
    .min(NETHERLANDS_BOUNDS.west, { message: 'De locatie ligt niet in Nederland.' })
    .max(NETHERLANDS_BOUNDS.east, { message: 'De locatie ligt niet in Nederland.' })
    .transform(toMicroDegrees),
  coverage: uniqueList(z.string().regex(GEMEENTE_CODE, { message: 'Ongeldige gemeentecode (verwacht bijvoorbeeld GM0268).' })).refine(
    (codes) => codes.length > 0,
    {
      message: 'Kies minstens één gemeente in het werkgebied.',
    },
  ),
  topics: uniqueList(z.enum(TOPIC_CODES, { message: 'Onbekend agendathema.' })).refine((codes) => codes.length > 0, {
    message: 'Kies minstens één onderwerp van de transformatieagenda.',
  }),
  partners: z.array(partnerSchema).max(200).default([]),
  needs: uniqueList(z.enum(SUPPORT_TYPE_CODES, { message: 'Onbekende behoefte.' })).default([]),
  offers: uniqueList(z.enum(SUPPORT_TYPE_CODES, { message: 'Onbekend aanbod.' })).default([]),
  targetGroups: uniqueList(z.string().overwrite(singleLine).min(2).max(80)).default([]),
  phase: z
    .enum(PHASE_CODES, { message: 'Kies een geldige fase.' })
    .nullish()
    .transform((value) => value ?? null),
  contactRole: optionalText(80),
  fundingSources: uniqueList(z.string().overwrite(singleLine).min(2).max(120)).default([]),
  fundingEndsOn: z.iso
    .date({ message: 'Geef een datum als JJJJ-MM-DD.' })
    .nullish()
    .transform((value) => value ?? null),
  onBoard: uniqueList(z.enum(ON_BOARD_CODES, { message: 'Onbekende partij.' })).default([]),
  status: z.enum(ENTRY_STATUSES).default('draft'),
  source: optionalText(300),
  isDemo: z.boolean().default(false),
  lastVerifiedAt: z.iso
    .date({ message: 'Geef een datum als JJJJ-MM-DD.' })
    .nullish()
    .transform((value) => value ?? null),
});

export type EntryInput = z.input<typeof entryInputSchema>;
export type ValidEntry = z.output<typeof entryInputSchema>;
