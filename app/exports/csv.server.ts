import { stringify } from 'csv-stringify/sync';
import { kindLabel, labelOf, PARTNER_DOMAINS, PHASES, SUPPORT_TYPES, THEMES, themesOfTopics, TOPICS } from '~/taxonomy/taxonomy';
import type { ExportEntry } from './export-entry';
import type { ExportWriter, ExportContext } from './export-writer';

/** Lists inside one cell: readable, and the separator does not occur in the taxonomy's labels. */
export const LIST_SEPARATOR = ' | ';

const list = (values: string[]) => values.join(LIST_SEPARATOR);
/** Dutch Excel reads a decimal comma; a point would make 51.84 a date or a thousand. */
const decimal = (value: number) => String(value).replace('.', ',');

/** The columns in order: Dutch headings, because the file is meant for Dutch spreadsheets. */
const COLUMNS: Array<[heading: string, value: (entry: ExportEntry, context: ExportContext) => string]> = [
  ['naam', (e) => e.name],
  ['soort', (e) => kindLabel(e.kind)],
  ['samenvatting', (e) => e.summary],
  ['beschrijving', (e) => e.description ?? ''],
  ['plaats', (e) => e.place],
  ['breedtegraad', (e) => decimal(e.lat)],
  ['lengtegraad', (e) => decimal(e.lng)],
  ['werkgebied (gemeenten)', (e) => list(e.gemeenten.map((g) => g.name))],
  ['gemeentecodes', (e) => list(e.gemeenten.map((g) => g.code))],
  ['thema’s', (e) => list(themesOfTopics(e.topics).map((code) => labelOf(THEMES, code)))],
  ['onderwerpen', (e) => list(e.topics.map((code) => `${code} ${labelOf(TOPICS, code)}`))],
  ['zoekt', (e) => list(e.needs.map((code) => labelOf(SUPPORT_TYPES, code)))],
  ['biedt', (e) => list(e.offers.map((code) => labelOf(SUPPORT_TYPES, code)))],
  ['partners', (e) => list(e.partners.map((p) => `${p.name} (${labelOf(PARTNER_DOMAINS, p.domain)})`))],
  ['fase', (e) => (e.phase ? labelOf(PHASES, e.phase) : '')],
  ['rechtsvorm', (e) => e.legal_form ?? ''],
  ['opgericht', (e) => (e.founding_year === null ? '' : String(e.founding_year))],
  ['voor wie', (e) => list(e.target_groups)],
  ['financiering', (e) => list(e.funding_sources)],
  ['aanspreekpunt (rol)', (e) => e.contact_role ?? ''],
  ['website', (e) => e.website ?? ''],
  ['e-mail', (e) => e.email ?? ''],
  ['telefoon', (e) => e.phone ?? ''],
  ['laatst gecontroleerd', (e) => e.last_verified_at?.slice(0, 10) ?? ''],
  ['demogegevens', (e) => (e.is_demo ? 'ja' : 'nee')],
  ['pagina', (e, context) => `${context.origin}/entries/${e.slug}`],
];

export const CSV_HEADINGS = COLUMNS.map(([heading]) => heading);

/**
 * `;` between fields and CRLF after each record, as Excel with Dutch settings expects; a line
 * break inside a field is quoted too (csv-stringify would only quote CRLF), and a cell that starts
 * like a formula (=, +, -, @) gets a leading apostrophe so a spreadsheet shows it as text.
 */
const toCsv = (records: string[][]) =>
  stringify(records, { delimiter: ';', record_delimiter: 'windows', quoted_match: /[\r\n]/, escape_formulas: true });

export function csvWriter(context: ExportContext): ExportWriter {
  return {
    // The byte order mark makes Excel read the file as UTF-8 (ë, ij, ’).
    head: () => `\uFEFF${toCsv([CSV_HEADINGS])}`,
    batch: (entries) => toCsv(entries.map((entry) => COLUMNS.map(([, value]) => value(entry, context)))),
    tail: () => '',
  };
}
