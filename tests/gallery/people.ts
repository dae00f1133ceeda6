/**
 * The synthetic people the gallery's EHR pages show. Each page files them under its own record
 * numbers and prints them its own way; the facts (names, birth dates, medications, problems,
 * scores) are shared so the pages are comparable. Nobody here is real.
 */

export type Instrument = 'PHQ-9' | 'GAD-7' | 'PHQ-2';

export interface Person {
  key: string;
  title: string | null;
  given: string;
  middle: string | null;
  family: string;
  suffix: string | null;
  sex: 'female' | 'male';
  /** ISO 8601. */
  birthDate: string;
  medications: { text: string; ingredient: string; sig: string }[];
  conditions: { text: string; code: string }[];
  scores: { instrument: Instrument; date: string; score: number }[];
}

export const PEOPLE: Person[] = [
  {
    key: 'obrien',
    title: 'Mrs.',
    given: 'Margaret',
    middle: 'Anne',
    family: "O'Brien",
    suffix: null,
    sex: 'female',
    birthDate: '1961-07-14',
    medications: [
      {
        text: 'Sertraline 100 mg tablet',
        ingredient: 'sertraline',
        sig: '1 tablet by mouth daily',
      },
      { text: 'Trazodone 50 mg tablet', ingredient: 'trazodone', sig: '1 tablet at bedtime' },
    ],
    conditions: [{ text: 'Major depressive disorder, recurrent, moderate', code: 'F33.1' }],
    scores: [
      { instrument: 'PHQ-9', date: '2026-06-02', score: 18 },
      { instrument: 'PHQ-9', date: '2026-08-11', score: 12 },
      { instrument: 'PHQ-9', date: '2026-10-20', score: 7 },
      { instrument: 'GAD-7', date: '2026-06-02', score: 11 },
      { instrument: 'GAD-7', date: '2026-10-20', score: 6 },
    ],
  },
  {
    key: 'washington',
    title: 'Mr.',
    given: 'Jamal',
    middle: 'Darnell',
    family: 'Washington',
    suffix: 'Jr.',
    sex: 'male',
    birthDate: '1988-02-29',
    medications: [
      {
        text: 'Lithium carbonate 300 mg capsule',
        ingredient: 'lithium',
        sig: '1 capsule twice daily (BID)',
      },
      { text: 'Quetiapine 100 mg tablet', ingredient: 'quetiapine', sig: '1 tablet at bedtime' },
    ],
    conditions: [{ text: 'Bipolar I disorder, current episode depressed', code: 'F31.30' }],
    scores: [
      { instrument: 'PHQ-9', date: '2026-05-19', score: 21 },
      { instrument: 'PHQ-9', date: '2026-07-28', score: 14 },
      { instrument: 'PHQ-2', date: '2026-09-30', score: 3 },
    ],
  },
  {
    key: 'vance',
    title: 'Dr.',
    given: 'Eleanor',
    middle: null,
    family: 'Vance-Kim',
    suffix: null,
    sex: 'female',
    birthDate: '1975-11-03',
    medications: [
      {
        text: 'Bupropion XL 300 mg tablet',
        ingredient: 'bupropion',
        sig: '1 tablet every morning',
      },
      {
        text: 'Buspirone 10 mg tablet',
        ingredient: 'buspirone',
        sig: '1 tablet three times daily',
      },
    ],
    conditions: [{ text: 'Generalized anxiety disorder', code: 'F41.1' }],
    scores: [
      { instrument: 'GAD-7', date: '2026-04-07', score: 16 },
      { instrument: 'GAD-7', date: '2026-07-14', score: 9 },
      { instrument: 'PHQ-9', date: '2026-07-14', score: 8 },
    ],
  },
  {
    key: 'hernandez',
    title: null,
    given: 'Luis',
    middle: 'Alberto',
    family: 'Hernández',
    suffix: null,
    sex: 'male',
    birthDate: '1992-12-31',
    medications: [
      { text: 'Escitalopram 10 mg tablet', ingredient: 'escitalopram', sig: '1 tablet daily' },
      { text: 'Naltrexone 50 mg tablet', ingredient: 'naltrexone', sig: '1 tablet daily' },
    ],
    conditions: [
      { text: 'Major depressive disorder, single episode, moderate', code: 'F32.1' },
      { text: 'Alcohol dependence, uncomplicated', code: 'F10.20' },
    ],
    scores: [
      { instrument: 'PHQ-9', date: '2026-03-03', score: 15 },
      { instrument: 'PHQ-9', date: '2026-05-12', score: 10 },
      { instrument: 'PHQ-2', date: '2026-08-25', score: 1 },
    ],
  },
  {
    key: 'nguyen',
    title: 'Ms.',
    given: 'Thi Lan',
    middle: null,
    family: 'Nguyen',
    suffix: null,
    sex: 'female',
    birthDate: '2001-05-09',
    medications: [
      {
        text: 'Fluoxetine 20 mg capsule',
        ingredient: 'fluoxetine',
        sig: '1 capsule every morning',
      },
      { text: 'Prazosin 2 mg capsule', ingredient: 'prazosin', sig: '1 capsule at bedtime' },
    ],
    conditions: [{ text: 'Post-traumatic stress disorder, chronic', code: 'F43.12' }],
    scores: [
      { instrument: 'PHQ-9', date: '2026-02-16', score: 13 },
      { instrument: 'GAD-7', date: '2026-02-16', score: 14 },
      { instrument: 'GAD-7', date: '2026-06-22', score: 8 },
    ],
  },
  {
    key: 'carter',
    title: 'Mr.',
    given: 'Robert',
    middle: 'Lee',
    family: 'Carter',
    suffix: 'III',
    sex: 'male',
    birthDate: '1949-09-22',
    medications: [
      { text: 'Mirtazapine 15 mg tablet', ingredient: 'mirtazapine', sig: '1 tablet at bedtime' },
      {
        text: 'Lorazepam 0.5 mg tablet',
        ingredient: 'lorazepam',
        sig: '1 tablet every 8 hours as needed for anxiety',
      },
    ],
    conditions: [{ text: 'Major depressive disorder, recurrent, severe', code: 'F33.2' }],
    scores: [
      { instrument: 'PHQ-9', date: '2026-01-20', score: 22 },
      { instrument: 'PHQ-9', date: '2026-04-21', score: 16 },
      { instrument: 'PHQ-2', date: '2026-09-02', score: 2 },
    ],
  },
  {
    key: 'rahman',
    title: 'Mrs.',
    given: 'Aisha',
    middle: null,
    family: 'Rahman',
    suffix: null,
    sex: 'female',
    birthDate: '1983-01-17',
    medications: [
      {
        text: 'Venlafaxine ER 150 mg capsule',
        ingredient: 'venlafaxine',
        sig: '1 capsule daily with food',
      },
      { text: 'Lamotrigine 100 mg tablet', ingredient: 'lamotrigine', sig: '1 tablet twice daily' },
    ],
    conditions: [{ text: 'Bipolar II disorder', code: 'F31.81' }],
    scores: [
      { instrument: 'PHQ-9', date: '2026-03-30', score: 17 },
      { instrument: 'GAD-7', date: '2026-03-30', score: 10 },
      { instrument: 'PHQ-9', date: '2026-06-29', score: 9 },
    ],
  },
  {
    key: 'smith',
    title: null,
    given: 'John',
    middle: 'Paul',
    family: 'Smith',
    suffix: 'Sr.',
    sex: 'male',
    birthDate: '1970-04-01',
    medications: [
      { text: 'Duloxetine 60 mg capsule', ingredient: 'duloxetine', sig: '1 capsule daily' },
      { text: 'Aripiprazole 5 mg tablet', ingredient: 'aripiprazole', sig: '1 tablet daily' },
    ],
    conditions: [{ text: 'Major depressive disorder, recurrent, moderate', code: 'F33.1' }],
    scores: [
      { instrument: 'PHQ-9', date: '2026-04-14', score: 19 },
      { instrument: 'PHQ-9', date: '2026-07-07', score: 11 },
      { instrument: 'GAD-7', date: '2026-07-07', score: 7 },
    ],
  },
];

export function person(key: string): Person {
  const found = PEOPLE.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no gallery person ${key}`);
  return found;
}
