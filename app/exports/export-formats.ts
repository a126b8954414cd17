/** The export formats and their URLs: shared by the API routes, the OpenAPI document and the export links. */
export const EXPORT_FORMATS = [
  { format: 'csv', path: '/api/export.csv', label: 'CSV', hint: 'spreadsheet, opent in Excel' },
  { format: 'geojson', path: '/api/export.geojson', label: 'GeoJSON', hint: 'kaartlagen, bijvoorbeeld QGIS' },
  { format: 'hsds', path: '/api/export.hsds.json', label: 'HSDS (JSON)', hint: 'Open Referral, voor sociale kaarten' },
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number]['format'];

/** The URL of an export of the selection that `filterQuery` (the directory's filters, without paging) describes. */
export function exportUrl(format: ExportFormat, filterQuery: string): string {
  const { path } = EXPORT_FORMATS.find((f) => f.format === format)!;
  return filterQuery ? `${path}?${filterQuery}` : path;
}
