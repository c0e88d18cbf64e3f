/**
 * "1 paper", "0 papers", "3 best matches": a count with its noun, in the singular only for
 * exactly one. `pluralForm` defaults to the singular plus "s"; give it for other plurals.
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
