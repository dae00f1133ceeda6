/**
 * Dates as EHR pages print them. A page shows whatever its site is configured for, so a reader
 * either knows the format (an adapter, or a selector pack's `dateFormat`) or falls back to the
 * formats that cannot be misread. A date that could mean two different days is null, never a guess.
 */
import { parseIsoDate } from '../clinical/dates';
import type { IsoDate } from '../clinical/types';

/**
 * `slash-order-unknown` is for a site that may print either `MM/DD/YYYY` or `DD/MM/YYYY`: a slash
 * date is read only when one order gives a real date and the other does not (or both give the same
 * day), so "06/14/1980" is read and "03/04/1980" is null.
 *
 * `auto` accepts ISO, US `MM/DD/YYYY` (Careside serves US clinics, where a slash date is month
 * first), and dates with a month name. The explicit formats are for sites configured otherwise.
 */
export const PAGE_DATE_FORMATS = [
  'auto',
  'YYYY-MM-DD',
  'MM/DD/YYYY',
  'DD/MM/YYYY',
  'DD.MM.YYYY',
  'slash-order-unknown',
] as const;
export type PageDateFormat = (typeof PAGE_DATE_FORMATS)[number];

const MONTH_NAMES =
  'january february march april may june july august september october november december'.split(
    ' ',
  );

/** "Mar", "Mar.", "March", "Sept" → 3 / 9; any other word → null. */
function monthNumber(word: string): number | null {
  const lower = word
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^sept$/, 'sep');
  const index = MONTH_NAMES.findIndex((name) => lower === name || lower === name.slice(0, 3));
  return index < 0 ? null : index + 1;
}

function iso(year: number, month: number, day: number): IsoDate | null {
  // Two-digit years are refused: "03/04/05" is a birth in 1905 or 2005, and a reader cannot know.
  if (year < 1000 || year > 9999) return null;
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseIsoDate(text);
}

// "2024-01-05", and "2024/01/05" which no site prints day-first.
const ISO_DAY =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// "01/05/2024", and "01-05-2024" as US sites also print it.
const SLASHED =
  /^(\d{1,2})([/-])(\d{1,2})\2(\d{2,4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
// "Jan 5, 2024", "January 5 2024"
const MONTH_FIRST = /^([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})$/;
// "5 Jan 2024", "05-Jan-2024", "5-January-2024"
const DAY_FIRST = /^(\d{1,2})[\s-]([A-Za-z]{3,9}\.?),?[\s-]+(\d{4})$/;

/** One date string as a page prints it → ISO, or null when it is not exactly one unambiguous day. */
export function parsePageDate(text: string, format: PageDateFormat = 'auto'): IsoDate | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  // "Tuesday, March 5th, 2024" is read as "March 5, 2024".
  const value = text
    .trim()
    .replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '')
    .replace(/(\d)(?:st|nd|rd|th)\b/i, '$1');
  if (value === '') return null;

  const named = MONTH_FIRST.exec(value) ?? null;
  if (named) {
    const month = monthNumber(named[1] ?? '');
    return month ? iso(Number(named[3]), month, Number(named[2])) : null;
  }
  const dayNamed = DAY_FIRST.exec(value);
  if (dayNamed) {
    const month = monthNumber(dayNamed[2] ?? '');
    return month ? iso(Number(dayNamed[3]), month, Number(dayNamed[1])) : null;
  }

  const isoMatch = ISO_DAY.exec(value);
  if (isoMatch) {
    if (format !== 'auto' && format !== 'YYYY-MM-DD' && format !== 'slash-order-unknown') {
      return null;
    }
    return iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
  }

  const slashed = SLASHED.exec(value);
  if (slashed) {
    const [first, second, year] = [Number(slashed[1]), Number(slashed[3]), slashed[4] ?? ''];
    if (year.length !== 4) return null;
    if (format === 'DD/MM/YYYY') return iso(Number(year), second, first);
    if (format === 'slash-order-unknown') {
      const monthFirst = iso(Number(year), first, second);
      const dayFirst = iso(Number(year), second, first);
      if (monthFirst && dayFirst) return monthFirst === dayFirst ? monthFirst : null;
      return monthFirst ?? dayFirst;
    }
    if (format === 'auto' || format === 'MM/DD/YYYY') return iso(Number(year), first, second);
    return null;
  }

  const dotted = DOTTED.exec(value);
  if (dotted && format === 'DD.MM.YYYY') {
    return iso(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  }
  return null;
}

// Candidate date-shaped runs inside a longer text, tried in order by `parsePageDate`.
const DATE_IN_TEXT = new RegExp(
  [
    String.raw`\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`,
    String.raw`\d{1,2}([/-])\d{1,2}\1\d{2,4}`,
    String.raw`\d{1,2}\.\d{1,2}\.\d{4}`,
    String.raw`[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}`,
    String.raw`\d{1,2}(?:st|nd|rd|th)?[\s-][A-Za-z]{3,9}\.?,?[\s-]\d{4}`,
  ].join('|'),
  'g',
);

/**
 * Every date in a longer text ("DOB: 06/14/1980 Age: 44"), in order. Date-shaped text that is
 * not a real, unambiguous day is left out.
 */
export function findPageDates(text: string, format: PageDateFormat = 'auto'): IsoDate[] {
  const found: IsoDate[] = [];
  for (const match of text.matchAll(DATE_IN_TEXT)) {
    const before = match.index > 0 ? text[match.index - 1] : '';
    const after = text[match.index + match[0].length] ?? '';
    // A date glued to more digits ("12024-01-05", "01/05/20245") is some other number.
    if (/\d/.test(before ?? '') || /\d/.test(after)) continue;
    const date = parsePageDate(match[0], format);
    if (date) found.push(date);
  }
  return found;
}

/** The first date in a longer text, or null. */
export function findPageDate(text: string, format: PageDateFormat = 'auto'): IsoDate | null {
  return findPageDates(text, format)[0] ?? null;
}
