import type { IsoDate } from './clinical/types';

/**
 * The clinician's calendar date (`YYYY-MM-DD`) in the browser's time zone. Kept out of
 * `utils/clinical`, which never reads the clock: callers read it here and pass it in.
 */
export function localToday(now = new Date()): IsoDate {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
