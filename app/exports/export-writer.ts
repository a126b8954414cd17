import type { ExportEntry } from './export-entry';

/** What every export needs besides the entries: the public origin for links to the detail pages. */
export type ExportContext = { origin: string };

/** One format's text: the opening, each batch of entries, and the closing with the number of entries. */
export type ExportWriter = {
  head: () => string;
  batch: (entries: ExportEntry[]) => string;
  tail: (count: number) => string;
};
