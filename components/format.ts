/**
 * Dates and numbers for the sidebar, through `Intl` in the clinician's locale. Clinical dates are
 * calendar dates (`YYYY-MM-DD`) with no time of day, so they are formatted in UTC: formatting them
 * in the local zone would show the day before for every clinician west of Greenwich.
 */
import { ageOn, parseIsoDate } from '../utils/clinical/dates';
import type { IsoDate } from '../utils/clinical/types';

/**
 * Building an `Intl` formatter costs far more than using one, and a five-year chart formats
 * thousands of dates: one formatter per locale and style, made on first use.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

function utcDate(iso: IsoDate): Date | null {
  const valid = parseIsoDate(iso);
  if (valid === null) return null;
  const [year, month, day] = valid.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/** "Mar 4, 2024" in en-US; a date that is not a real calendar date is shown as it came. */
export function formatDate(iso: IsoDate, locale: string): string {
  const date = utcDate(iso);
  if (!date) return iso;
  return cached(
    `date|${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
  ).format(date);
}

/** "3/4/24" style, for chart axes where space is short. */
export function formatShortDate(iso: IsoDate, locale: string): string {
  const date = utcDate(iso);
  if (!date) return iso;
  return cached(
    `short-date|${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        month: 'numeric',
        day: 'numeric',
        year: '2-digit',
        timeZone: 'UTC',
      }),
  ).format(date);
}

export function formatNumber(value: number, locale: string): string {
  return cached(
    `number|${locale}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
  ).format(value);
}

/** A change always carries its sign ("+3", "−12", "0") so direction never depends on colour. */
export function formatChange(value: number, locale: string): string {
  return cached(
    `change|${locale}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
  ).format(value);
}

/** Age in completed years on `today`, or null when either date is unusable or in the future. */
export function ageInYears(birthDate: IsoDate | null, today: IsoDate): number | null {
  if (!birthDate || parseIsoDate(birthDate) !== birthDate || parseIsoDate(today) !== today) {
    return null;
  }
  const age = ageOn(birthDate, today);
  return age >= 0 ? age : null;
}

/** Rejected values can be anything the page held; show them as short text, never as markup. */
export function formatRawValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 39)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 40 ? `${json.slice(0, 39)}…` : json;
  } catch {
    return String(value);
  }
}
