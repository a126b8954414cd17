/**
 * A count with its Dutch noun in the right number: `plural(1, 'vermelding', 'vermeldingen')` is
 * "1 vermelding", `plural(3, …)` "3 vermeldingen". Zero takes the plural, as in Dutch.
 */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
