/**
 * Pure calendar arithmetic on ISO `YYYY-MM-DD` dates. The clinical engine never reads the clock:
 * "today" is always passed in, so results are reproducible and testable.
 *
 * All arithmetic is done in UTC on whole days, so time zones and daylight-saving shifts cannot
 * move a date by one.
 */
import type { IsoDate } from './types';

const DAY_MS = 86_400_000;
// A full ISO 8601 timestamp: the date part is what a chart means, whatever the time zone says.
const ISO_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const ZERO = 48;
const HYPHEN = 45;

function digitAt(text: string, index: number): number {
  const value = text.charCodeAt(index) - ZERO;
  return value >= 0 && value <= 9 ? value : Number.NaN;
}

/**
 * Exactly `YYYY-MM-DD` naming a real calendar date, as the number YYYYMMDD; NaN otherwise. Read by
 * character, without a regular expression or a Date: a large chart parses thousands of dates per
 * evaluation. Years below 100 are refused: no chart date is that old, and `Date.UTC` would read
 * them as 19xx.
 */
function calendarDate(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== HYPHEN || text.charCodeAt(7) !== HYPHEN) {
    return Number.NaN;
  }
  const year =
    digitAt(text, 0) * 1000 + digitAt(text, 1) * 100 + digitAt(text, 2) * 10 + digitAt(text, 3);
  const month = digitAt(text, 5) * 10 + digitAt(text, 6);
  const day = digitAt(text, 8) * 10 + digitAt(text, 9);
  if (Number.isNaN(year + month + day) || year < 100 || month < 1 || month > 12 || day < 1) {
    return Number.NaN;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const length = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= length ? year * 10_000 + month * 100 + day : Number.NaN;
}

/**
 * Strict: `YYYY-MM-DD` that is a real calendar date, or a full ISO timestamp whose date part is;
 * anything else (partial dates, "03/04/2024", "2024-02-30") is null rather than a guess.
 */
export function parseIsoDate(text: string): IsoDate | null {
  if (typeof text !== 'string') return null;
  if (!Number.isNaN(calendarDate(text))) return text;
  const trimmed = text.trim();
  const datePart = trimmed.length === 10 ? trimmed : ISO_TIMESTAMP.exec(trimmed)?.[1];
  return datePart !== undefined && !Number.isNaN(calendarDate(datePart)) ? datePart : null;
}

function toUtcMs(date: IsoDate): number {
  let ymd = typeof date === 'string' ? calendarDate(date) : Number.NaN;
  if (Number.isNaN(ymd)) {
    const valid = parseIsoDate(date);
    ymd = valid === null ? Number.NaN : calendarDate(valid);
  }
  if (Number.isNaN(ymd)) {
    throw new RangeError(`not an ISO calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return Date.UTC(Math.floor(ymd / 10_000), (Math.floor(ymd / 100) % 100) - 1, ymd % 100);
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number: ${days}`);
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Days since 1970-01-01: a long series can be read once and compared by subtraction. */
export function dayNumber(date: IsoDate): number {
  return Math.round(toUtcMs(date) / DAY_MS);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/**
 * Age in completed years on `on`. Someone born on 29 February turns a year older on 1 March in
 * non-leap years, the common legal convention.
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const birth = new Date(toUtcMs(birthDate));
  const day = new Date(toUtcMs(on));
  let age = day.getUTCFullYear() - birth.getUTCFullYear();
  const monthDiff = day.getUTCMonth() - birth.getUTCMonth();
  if (monthDiff < 0 || (monthDiff === 0 && day.getUTCDate() < birth.getUTCDate())) age -= 1;
  return age;
}

/** Sort key helper: ISO dates compare correctly as strings. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Made on first use, not when the module loads: the first Intl formatter in a page's process
// costs 20–30 ms, which every content script importing this file (in every frame) would pay
// before it had a date to format.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date for a message ("Feb 25, 2024", "25 feb 2024"), in the locale of the catalogue writing
 * it; UTC so the day printed is the day stored.
 */
export function formatIsoDate(date: IsoDate, locale = 'en-US'): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(toUtcMs(date)));
}
