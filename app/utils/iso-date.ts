/** `YYYY-MM-DD` of `date` moved by whole months (UTC; the 31st of a short month spills over, which is fine for a cut-off). */
export function isoDate(date: Date, months = 0): string {
  const moved = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
  return moved.toISOString().slice(0, 10);
}
