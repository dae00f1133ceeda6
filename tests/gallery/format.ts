/** How the gallery's pages print names and dates: each EHR its own way. */
import type { Instrument, Person } from './people';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parts(iso: string): [number, number, number] {
  const [year, month, day] = iso.split('-').map(Number);
  return [year ?? 0, month ?? 1, day ?? 1];
}

/** 07/14/1961 */
export function usDate(iso: string): string {
  const [year, month, day] = parts(iso);
  return `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/${year}`;
}

/** Jul 14, 1961 */
export function monthNameDate(iso: string): string {
  const [year, month, day] = parts(iso);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

/** 14 July 1961 */
export function dayMonthYear(iso: string): string {
  const [year, month, day] = parts(iso);
  return `${day} ${LONG_MONTHS[month - 1]} ${year}`;
}

/** O'BRIEN, MARGARET A */
export function lastFirstUpper(person: Person): string {
  const middle = person.middle ? ` ${person.middle[0]}` : '';
  const suffix = person.suffix ? ` ${person.suffix.replace('.', '').toUpperCase()}` : '';
  return `${person.family.toUpperCase()}${suffix}, ${person.given.toUpperCase()}${middle}`;
}

/** O'Brien, Margaret Anne */
export function lastFirst(person: Person): string {
  const middle = person.middle ? ` ${person.middle}` : '';
  const suffix = person.suffix ? ` ${person.suffix}` : '';
  return `${person.family}${suffix}, ${person.given}${middle}`;
}

/** Mrs. Margaret A. O'Brien */
export function titledFull(person: Person): string {
  return [
    person.title,
    person.given,
    person.middle ? `${person.middle[0]}.` : null,
    person.family,
    person.suffix,
  ]
    .filter(Boolean)
    .join(' ')
    .replace(/ (Jr\.|Sr\.|III)$/, ', $1');
}

/** Margaret O'Brien */
export function givenFamily(person: Person): string {
  return `${person.given} ${person.family}${person.suffix ? ` ${person.suffix}` : ''}`;
}

export const LOINC: Record<Instrument, { code: string; display: string }> = {
  'PHQ-9': {
    code: '44261-6',
    display: 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]',
  },
  'GAD-7': {
    code: '70274-6',
    display: 'Generalized anxiety disorder 7 item (GAD-7) total score [Reported]',
  },
  'PHQ-2': {
    code: '55758-7',
    display: 'Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]',
  },
};

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Age in whole years on the pages' fixed "today". */
export function ageOn(iso: string, today = '2026-12-04'): number {
  const [by, bm, bd] = parts(iso);
  const [ty, tm, td] = parts(today);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
