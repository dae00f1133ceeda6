/**
 * Pure calendar arithmetic on ISO `YYYY-MM-DD` dates. The clinical engine never reads the clock:
 * "today" is always passed in, so results are reproducible and testable.
 *
 * All arithmetic is done in UTC on whole days, so time zones and daylight-saving shifts cannot
 * move a date by one.
 */
import type { IsoDate } from './types';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A full ISO 8601 timestamp: the date part is what a chart means, whatever the time zone says.
const ISO_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return (
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day
  );
}

/**
 * Strict: `YYYY-MM-DD` that is a real calendar date, or a full ISO timestamp whose date part is;
 * anything else (partial dates, "03/04/2024", "2024-02-30") is null rather than a guess.
 */
export function parseIsoDate(text: string): IsoDate | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  const datePart = ISO_DATE.test(trimmed) ? trimmed : ISO_TIMESTAMP.exec(trimmed)?.[1];
  if (!datePart) return null;
  const match = ISO_DATE.exec(datePart);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? datePart : null;
}

function toUtcMs(date: IsoDate): number {
  const valid = parseIsoDate(date);
  if (valid === null || valid !== date.trim().slice(0, 10)) {
    throw new RangeError(`not an ISO calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return Date.UTC(
    Number(valid.slice(0, 4)),
    Number(valid.slice(5, 7)) - 1,
    Number(valid.slice(8, 10)),
  );
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number: ${days}`);
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
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

const DATE_FORMAT = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** A date for a message ("Feb 25, 2024"); UTC so the day printed is the day stored. */
export function formatIsoDate(date: IsoDate): string {
  return DATE_FORMAT.format(new Date(toUtcMs(date)));
}
