/**
 * The demo EHR's synthetic patients. Every name is invented. Every date is an offset in days from
 * a "today" passed in, so a timeline such as "sertraline 150 mg for eleven weeks" stays true on
 * whatever day the demo runs, and fixtures saved with a fixed today are reproducible.
 *
 * Scores come from seeded pseudo-random trajectories (never Math.random), so the same today always
 * gives the same charts.
 */
import { addDays } from '../utils/clinical/dates';
import type { IsoDate } from '../utils/clinical/types';

export type DemoSex = 'female' | 'male' | 'other';

export interface DemoProblem {
  text: string;
  icd10: string;
  onset: IsoDate;
  status: 'active' | 'resolved';
}

export interface DemoMedication {
  /** The free-text line as the prescriber wrote it. */
  text: string;
  start: IsoDate;
  end: IsoDate | null;
  status: 'active' | 'discontinued';
  prescriber: string;
}

/** Instrument names as this EHR labels its flowsheets. */
export type DemoInstrument =
  | 'PHQ-9'
  | 'PHQ-2'
  | 'PHQ-A'
  | 'GAD-7'
  | 'PCL-5'
  | 'AUDIT-C'
  | 'EPDS'
  | 'C-SSRS';

/** C-SSRS screener answers are yes/no; every other instrument here is scored 0–n per item. */
export type DemoItemAnswer = number | 'yes' | 'no' | null;

export interface DemoAdministration {
  instrument: DemoInstrument;
  date: IsoDate;
  /** Null for instruments without a total (C-SSRS). */
  total: number | null;
  /** Item answers in item order, when the clinic recorded them. */
  items: DemoItemAnswer[] | null;
}

export interface DemoLab {
  date: IsoDate;
  test: string;
  value: number | string;
  unit: string;
  reference: string;
  flag: 'H' | 'L' | null;
}

export interface DemoVitals {
  date: IsoDate;
  systolic: number | null;
  diastolic: number | null;
  heartRate: number | null;
  weightKg: number | null;
  heightCm: number | null;
  bmi: number | null;
}

export interface DemoAppointment {
  date: IsoDate;
  time: string;
  visit: string;
  /** Empty for visits that are not psychotherapy (medication management). */
  modality: string;
  provider: string;
  status: 'Scheduled' | 'Completed' | 'Cancelled' | 'No show';
}

export interface DemoPatient {
  /** The key in URLs (`/patients/<id>`, `?pid=<id>`). */
  id: string;
  /** What the chart demonstrates, for tests and the demo: `bipolar-lithium-overdue` … */
  scenario: string;
  name: string;
  birthDate: IsoDate;
  sex: DemoSex;
  mrn: string;
  /** Null when the chart records nothing about pregnancy. */
  pregnancy: { pregnant: true; dueDate: IsoDate } | { pregnant: false } | null;
  allergies: string[];
  careTeam: { role: string; name: string }[];
  problems: DemoProblem[];
  medications: DemoMedication[];
  questionnaires: DemoAdministration[];
  labs: DemoLab[];
  vitals: DemoVitals[];
  appointments: DemoAppointment[];
}

const PRESCRIBER = 'R. Alvarez, MD';
const NP = 'K. Osei, PMHNP';
const THERAPIST = 'L. Brandt, LCSW';
const PSYCHOLOGIST = 'M. Haddad, PhD';

/** mulberry32: a tiny seeded generator, so charts are the same on every run. */
function seededRandom(seed: string): () => number {
  let state = 0;
  for (const char of seed) state = (Math.imul(state, 31) + char.charCodeAt(0)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Splits a total into item answers that sum to it, each within 0..maxPerItem; `fixed` pins items
 * (1-based) such as PHQ-9 item 9 so a chart can show a specific suicide-item answer.
 */
export function spreadItems(
  total: number,
  count: number,
  maxPerItem: number,
  random: () => number,
  fixed: Record<number, number> = {},
): number[] {
  const items = Array.from({ length: count }, (_, index) => fixed[index + 1] ?? 0);
  const open = items.map((_, index) => index).filter((index) => fixed[index + 1] === undefined);
  let remaining = total - items.reduce((sum, value) => sum + value, 0);
  const capacity = open.length * maxPerItem;
  if (remaining < 0 || remaining > capacity) {
    throw new RangeError(
      `cannot spread ${total} over ${count} items with ${JSON.stringify(fixed)}`,
    );
  }
  while (remaining > 0) {
    const candidates = open.filter((index) => (items[index] ?? 0) < maxPerItem);
    const pick = candidates[Math.floor(random() * candidates.length)] ?? 0;
    items[pick] = (items[pick] ?? 0) + 1;
    remaining -= 1;
  }
  return items;
}

interface SeriesPlan {
  instrument: DemoInstrument;
  /** Day offsets (negative = past) of the first and last administration. */
  from: number;
  to: number;
  everyDays: number;
  /** Score at a fraction 0..1 of the way through the series, before noise. */
  trajectory: (progress: number) => number;
  noise: number;
  max: number;
  /** Record item answers (count and per-item maximum) or totals only. */
  items?: { count: number; maxPerItem: number; fixed?: (date: IsoDate) => Record<number, number> };
}

function series(today: IsoDate, seed: string, plan: SeriesPlan): DemoAdministration[] {
  const random = seededRandom(`${seed}:${plan.instrument}`);
  const administrations: DemoAdministration[] = [];
  const span = Math.max(1, plan.to - plan.from);
  for (let offset = plan.from; offset <= plan.to; offset += plan.everyDays) {
    const progress = (offset - plan.from) / span;
    const noisy = plan.trajectory(progress) + (random() * 2 - 1) * plan.noise;
    const date = addDays(today, offset);
    const fixed = plan.items?.fixed?.(date) ?? {};
    const floor = Object.values(fixed).reduce((sum, value) => sum + value, 0);
    const openItems = (plan.items?.count ?? 0) - Object.keys(fixed).length;
    const ceiling = plan.items ? floor + openItems * plan.items.maxPerItem : plan.max;
    const total = Math.min(plan.max, ceiling, Math.max(floor, Math.round(noisy)));
    administrations.push({
      instrument: plan.instrument,
      date,
      total,
      items: plan.items
        ? spreadItems(total, plan.items.count, plan.items.maxPerItem, random, fixed)
        : null,
    });
  }
  return administrations;
}

/** Scores given as explicit (offset, total) pairs, with PHQ-9-style items spread over them. */
function scored(
  today: IsoDate,
  seed: string,
  instrument: DemoInstrument,
  points: [offset: number, total: number, fixed?: Record<number, number>][],
  items?: { count: number; maxPerItem: number },
): DemoAdministration[] {
  const random = seededRandom(`${seed}:${instrument}`);
  return points.map(([offset, total, fixed]) => ({
    instrument,
    date: addDays(today, offset),
    total,
    items: items ? spreadItems(total, items.count, items.maxPerItem, random, fixed) : null,
  }));
}

const PHQ9_ITEMS = { count: 9, maxPerItem: 3 };
const GAD7_ITEMS = { count: 7, maxPerItem: 3 };

/** C-SSRS screener: six yes/no answers; 3–5 are skipped (null) when item 2 is "no". */
function cssrs(today: IsoDate, offset: number, answers: ('yes' | 'no')[]): DemoAdministration {
  const items: DemoItemAnswer[] =
    answers[1] === 'yes'
      ? answers.slice(0, 6)
      : [answers[0] ?? null, answers[1] ?? null, null, null, null, answers[5] ?? null];
  return { instrument: 'C-SSRS', date: addDays(today, offset), total: null, items };
}

/**
 * A birth date that makes the patient exactly `age` on `today`, the birthday having passed
 * `daysSinceBirthday` days ago (0–364), so ages in the scenarios never drift.
 */
export function birthDateForAge(today: IsoDate, age: number, daysSinceBirthday: number): IsoDate {
  const lastBirthday = addDays(today, -daysSinceBirthday);
  const [year, month, day] = lastBirthday.split('-').map(Number) as [number, number, number];
  const birthYear = year - age;
  // 29 February has no twin in most years; the 28th keeps the age exact.
  const leap = (birthYear % 4 === 0 && birthYear % 100 !== 0) || birthYear % 400 === 0;
  const safeDay = month === 2 && day === 29 && !leap ? 28 : day;
  return `${String(birthYear).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(safeDay).padStart(2, '0')}`;
}

function med(
  today: IsoDate,
  text: string,
  startOffset: number,
  endOffset: number | null,
  prescriber = PRESCRIBER,
): DemoMedication {
  return {
    text,
    start: addDays(today, startOffset),
    end: endOffset === null ? null : addDays(today, endOffset),
    status: endOffset === null ? 'active' : 'discontinued',
    prescriber,
  };
}

function problem(
  today: IsoDate,
  text: string,
  icd10: string,
  onsetOffset: number,
  status: DemoProblem['status'] = 'active',
): DemoProblem {
  return { text, icd10, onset: addDays(today, onsetOffset), status };
}

function lab(
  today: IsoDate,
  offset: number,
  test: string,
  value: number | string,
  unit: string,
  reference: string,
  flag: DemoLab['flag'] = null,
): DemoLab {
  return { date: addDays(today, offset), test, value, unit, reference, flag };
}

function vitals(
  today: IsoDate,
  offset: number,
  reading: Partial<Omit<DemoVitals, 'date'>>,
): DemoVitals {
  const weightKg = reading.weightKg ?? null;
  const heightCm = reading.heightCm ?? null;
  const bmi =
    reading.bmi ??
    (weightKg !== null && heightCm !== null
      ? Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10
      : null);
  return {
    date: addDays(today, offset),
    systolic: reading.systolic ?? null,
    diastolic: reading.diastolic ?? null,
    heartRate: reading.heartRate ?? null,
    weightKg,
    heightCm,
    bmi,
  };
}

/** Weekly (or other cadence) therapy visits; past ones completed unless listed as missed. */
function therapyVisits(
  today: IsoDate,
  plan: {
    from: number;
    to: number;
    everyDays: number;
    visit: string;
    modality: string;
    provider: string;
    time?: string;
    missed?: Record<number, DemoAppointment['status']>;
  },
): DemoAppointment[] {
  const visits: DemoAppointment[] = [];
  for (let offset = plan.from; offset <= plan.to; offset += plan.everyDays) {
    visits.push({
      date: addDays(today, offset),
      time: plan.time ?? '10:00 AM',
      visit: plan.visit,
      modality: plan.modality,
      provider: plan.provider,
      status: plan.missed?.[offset] ?? (offset > 0 ? 'Scheduled' : 'Completed'),
    });
  }
  return visits;
}

function medicationVisit(today: IsoDate, offset: number, provider = PRESCRIBER): DemoAppointment {
  return {
    date: addDays(today, offset),
    time: '2:30 PM',
    visit: 'Medication management (99214)',
    modality: '',
    provider,
    status: offset > 0 ? 'Scheduled' : 'Completed',
  };
}

const MODALITY = {
  cbtPanic: 'CBT for panic with interoceptive exposure',
  cbt: 'Cognitive behavioral therapy (CBT)',
  ipsrt: 'Interpersonal and social rhythm therapy (IPSRT)',
  mi: 'Motivational interviewing (MI)',
  dbt: 'DBT skills group',
  family: 'Family therapy',
  pe: 'Prolonged exposure (PE)',
  cpt: 'Cognitive processing therapy (CPT)',
  supportive: 'Supportive psychotherapy',
  cbti: 'CBT for insomnia (CBT-I)',
} as const;

const PSYCHOTHERAPY_53 = 'Psychotherapy, 53 min (90837)';
const PSYCHOTHERAPY_45 = 'Psychotherapy, 45 min (90834)';
const FAMILY_SESSION = 'Family psychotherapy with patient (90847)';
const GROUP_SESSION = 'Group psychotherapy (90853)';

function panicStartingSsri(today: IsoDate): DemoPatient {
  const seed = 'panic';
  return {
    id: '1001',
    scenario: 'panic-starting-ssri',
    name: 'Maya Ellison',
    birthDate: birthDateForAge(today, 29, 140),
    sex: 'female',
    mrn: '00418273',
    pregnancy: { pregnant: false },
    allergies: ['No known drug allergies'],
    careTeam: [
      { role: 'Psychiatrist', name: PRESCRIBER },
      { role: 'Therapist', name: PSYCHOLOGIST },
    ],
    problems: [
      problem(today, 'Panic disorder', 'F41.0', -150),
      problem(today, 'Agoraphobia, unspecified', 'F40.00', -120),
    ],
    medications: [
      med(today, 'Sertraline 25 mg tablet — 1 tab PO daily x 7 days', -24, -17),
      med(today, 'Sertraline 50 mg tablet — 1 tab PO daily', -17, null),
      med(today, 'Clonazepam 0.5 mg tablet — 1 tab PO BID PRN panic', -24, null),
    ],
    questionnaires: [
      ...scored(
        today,
        seed,
        'GAD-7',
        [
          [-28, 16],
          [-21, 16],
          [-14, 15],
          [-7, 13],
        ],
        GAD7_ITEMS,
      ),
      ...scored(today, seed, 'PHQ-9', [[-28, 9, { 9: 0 }]], PHQ9_ITEMS),
    ],
    labs: [
      lab(today, -30, 'TSH', 1.8, 'mIU/L', '0.45–4.50'),
      lab(today, -30, 'hCG, urine (qualitative)', 'Negative', '', 'Negative'),
    ],
    vitals: [
      vitals(today, -28, {
        systolic: 118,
        diastolic: 74,
        heartRate: 88,
        weightKg: 61.2,
        heightCm: 165,
      }),
      vitals(today, -7, { systolic: 116, diastolic: 72, heartRate: 82, weightKg: 61.0 }),
    ],
    appointments: [
      ...therapyVisits(today, {
        from: -28,
        to: 14,
        everyDays: 7,
        visit: PSYCHOTHERAPY_53,
        modality: MODALITY.cbtPanic,
        provider: PSYCHOLOGIST,
      }),
      medicationVisit(today, -24),
      medicationVisit(today, 11),
    ],
  };
}

function depressionImproving(today: IsoDate): DemoPatient {
  const seed = 'improving';
  // Item 9 was positive at intake and resolved with treatment.
  const phq9: [number, number, Record<number, number>][] = [
    [-112, 21, { 9: 1 }],
    [-98, 19, { 9: 1 }],
    [-84, 17, { 9: 0 }],
    [-70, 14, { 9: 0 }],
    [-56, 11, { 9: 0 }],
    [-42, 9, { 9: 0 }],
    [-28, 6, { 9: 0 }],
    [-14, 4, { 9: 0 }],
    [-1, 3, { 9: 0 }],
  ];
  return {
    id: '1002',
    scenario: 'depression-improving',
    name: 'Daniel Okafor',
    birthDate: birthDateForAge(today, 42, 33),
    sex: 'male',
    mrn: '00420561',
    pregnancy: null,
    allergies: ['Penicillin (rash)'],
    careTeam: [
      { role: 'Psychiatric NP', name: NP },
      { role: 'Therapist', name: THERAPIST },
    ],
    problems: [
      problem(today, 'Major depressive disorder, recurrent, moderate', 'F33.1', -130),
      problem(today, 'Hypertension, essential', 'I10', -1400),
    ],
    medications: [
      med(today, 'Escitalopram 10 mg tablet — 1 tab PO daily', -112, -84, NP),
      med(today, 'Escitalopram 20 mg tablet — 1 tab PO daily', -84, null, NP),
      med(today, 'Amlodipine 5 mg tablet — 1 tab PO daily', -1400, null, 'J. Park, MD'),
    ],
    questionnaires: [
      ...scored(today, seed, 'PHQ-9', phq9, PHQ9_ITEMS),
      ...scored(
        today,
        seed,
        'GAD-7',
        [
          [-112, 12],
          [-56, 8],
          [-1, 4],
        ],
        GAD7_ITEMS,
      ),
      cssrs(today, -112, ['yes', 'no', 'no', 'no', 'no', 'no']),
    ],
    labs: [
      lab(today, -115, 'TSH', 2.4, 'mIU/L', '0.45–4.50'),
      lab(today, -115, 'Sodium', 139, 'mmol/L', '135–145'),
    ],
    vitals: [
      vitals(today, -112, {
        systolic: 134,
        diastolic: 84,
        heartRate: 76,
        weightKg: 88.5,
        heightCm: 180,
      }),
      vitals(today, -56, { systolic: 130, diastolic: 82, heartRate: 74, weightKg: 88.0 }),
      vitals(today, -1, { systolic: 128, diastolic: 80, heartRate: 72, weightKg: 87.2 }),
    ],
    appointments: [
      ...therapyVisits(today, {
        from: -105,
        to: 13,
        everyDays: 14,
        visit: PSYCHOTHERAPY_53,
        modality: MODALITY.cbt,
        provider: THERAPIST,
        missed: { [-49]: 'Cancelled' },
      }),
      medicationVisit(today, -112, NP),
      medicationVisit(today, -84, NP),
      medicationVisit(today, -28, NP),
      medicationVisit(today, 27, NP),
    ],
  };
}

function depressionNotResponding(today: IsoDate): DemoPatient {
  const seed = 'nonresponse';
  return {
    id: '1003',
    scenario: 'depression-not-responding',
    name: 'Priya Natarajan',
    birthDate: birthDateForAge(today, 35, 201),
    sex: 'female',
    mrn: '00433107',
    pregnancy: { pregnant: false },
    allergies: ['No known drug allergies'],
    careTeam: [{ role: 'Psychiatrist', name: PRESCRIBER }],
    problems: [
      problem(today, 'Major depressive disorder, single episode, moderate', 'F32.1', -110),
    ],
    medications: [
      med(today, 'Sertraline 50 mg tablet — 1 tab PO daily', -105, -91),
      med(today, 'Sertraline 100 mg tablet — 1 tab PO daily', -91, -77),
      med(today, 'Sertraline 50 mg tablet — 3 tabs PO daily', -77, null),
    ],
    questionnaires: [
      ...scored(
        today,
        seed,
        'PHQ-9',
        [
          [-105, 19, { 9: 0 }],
          [-91, 18, { 9: 0 }],
          [-77, 18, { 9: 1 }],
          [-63, 17, { 9: 0 }],
          [-49, 18, { 9: 0 }],
          [-35, 16, { 9: 0 }],
          [-21, 17, { 9: 0 }],
          [-7, 16, { 9: 0 }],
        ],
        PHQ9_ITEMS,
      ),
      cssrs(today, -77, ['yes', 'no', 'no', 'no', 'no', 'no']),
    ],
    labs: [
      lab(today, -108, 'TSH', 3.1, 'mIU/L', '0.45–4.50'),
      lab(today, -108, 'Hemoglobin A1c', 5.3, '%', '4.0–5.6'),
    ],
    vitals: [
      vitals(today, -105, {
        systolic: 112,
        diastolic: 70,
        heartRate: 70,
        weightKg: 58.4,
        heightCm: 160,
      }),
      vitals(today, -7, { systolic: 114, diastolic: 72, heartRate: 72, weightKg: 59.1 }),
    ],
    appointments: [
      medicationVisit(today, -105),
      medicationVisit(today, -77),
      medicationVisit(today, -35),
      medicationVisit(today, -7),
      {
        date: addDays(today, -60),
        time: '4:00 PM',
        visit: PSYCHOTHERAPY_45,
        modality: MODALITY.supportive,
        provider: THERAPIST,
        status: 'No show',
      },
    ],
  };
}

function bipolarLithiumOverdue(today: IsoDate): DemoPatient {
  const seed = 'lithium';
  return {
    id: '1004',
    scenario: 'bipolar-lithium-overdue',
    name: 'Thomas Reyes',
    birthDate: birthDateForAge(today, 51, 310),
    sex: 'male',
    mrn: '00398844',
    pregnancy: null,
    allergies: ['Sulfa drugs (hives)'],
    careTeam: [{ role: 'Psychiatrist', name: PRESCRIBER }],
    problems: [
      problem(today, 'Bipolar II disorder', 'F31.81', -3650),
      problem(today, 'Hypertension, essential', 'I10', -260),
    ],
    medications: [
      med(today, 'Lithium carbonate 300 mg capsule — 3 caps PO at bedtime', -1100, null),
      med(today, 'Lisinopril 10 mg tablet — 1 tab PO daily', -200, null, 'J. Park, MD'),
      med(today, 'Quetiapine 50 mg tablet — 1 tab PO at bedtime PRN insomnia', -1100, -400),
    ],
    questionnaires: scored(
      today,
      seed,
      'PHQ-9',
      [
        [-300, 6],
        [-230, 5],
        [-150, 7],
        [-60, 8],
      ],
      PHQ9_ITEMS,
    ),
    labs: [
      lab(today, -420, 'Lithium level', 0.8, 'mmol/L', '0.6–1.2'),
      lab(today, -420, 'Creatinine', 0.98, 'mg/dL', '0.70–1.30'),
      lab(today, -420, 'eGFR', 92, 'mL/min/1.73m2', '>59'),
      lab(today, -420, 'TSH', 2.0, 'mIU/L', '0.45–4.50'),
      lab(today, -230, 'Lithium level', 0.7, 'mmol/L', '0.6–1.2'),
      lab(today, -230, 'Creatinine', 1.04, 'mg/dL', '0.70–1.30'),
      lab(today, -230, 'eGFR', 85, 'mL/min/1.73m2', '>59'),
      lab(today, -230, 'TSH', 2.6, 'mIU/L', '0.45–4.50'),
      lab(today, -230, 'Calcium', 9.6, 'mg/dL', '8.6–10.3'),
    ],
    vitals: [
      vitals(today, -230, {
        systolic: 142,
        diastolic: 90,
        heartRate: 78,
        weightKg: 94.0,
        heightCm: 176,
      }),
      vitals(today, -60, { systolic: 136, diastolic: 86, heartRate: 74, weightKg: 95.1 }),
    ],
    appointments: [
      medicationVisit(today, -230),
      medicationVisit(today, -150),
      medicationVisit(today, -60),
      medicationVisit(today, 30),
    ],
  };
}

function bipolarLamotrigineIpsrt(today: IsoDate): DemoPatient {
  const seed = 'lamotrigine';
  return {
    id: '1005',
    scenario: 'bipolar-lamotrigine-ipsrt',
    name: 'Hannah Kowalski',
    birthDate: birthDateForAge(today, 27, 12),
    sex: 'female',
    mrn: '00447720',
    pregnancy: { pregnant: false },
    allergies: ['No known drug allergies'],
    careTeam: [
      { role: 'Psychiatric NP', name: NP },
      { role: 'Therapist', name: THERAPIST },
    ],
    problems: [problem(today, 'Bipolar II disorder', 'F31.81', -400)],
    medications: [
      med(today, 'Lamotrigine 25 mg tablet — 1 tab PO daily', -160, -146, NP),
      med(today, 'Lamotrigine 25 mg tablet — 2 tabs PO daily', -146, -132, NP),
      med(today, 'Lamotrigine 100 mg tablet — 1 tab PO daily', -132, -125, NP),
      med(today, 'Lamotrigine 200 mg tablet — 1 tab PO daily', -125, null, NP),
      med(
        today,
        'Norgestimate-ethinyl estradiol 0.25 mg-35 mcg tablet — 1 tab PO daily',
        -800,
        null,
        'S. Lin, MD',
      ),
    ],
    questionnaires: scored(
      today,
      seed,
      'PHQ-9',
      [
        [-160, 14, { 9: 0 }],
        [-125, 12, { 9: 0 }],
        [-90, 10, { 9: 0 }],
        [-56, 9, { 9: 0 }],
        [-21, 7, { 9: 0 }],
      ],
      PHQ9_ITEMS,
    ),
    labs: [lab(today, -162, 'hCG, urine (qualitative)', 'Negative', '', 'Negative')],
    vitals: [
      vitals(today, -160, {
        systolic: 110,
        diastolic: 68,
        heartRate: 66,
        weightKg: 64.0,
        heightCm: 170,
      }),
    ],
    appointments: [
      ...therapyVisits(today, {
        from: -126,
        to: 9,
        everyDays: 7,
        visit: PSYCHOTHERAPY_53,
        modality: MODALITY.ipsrt,
        provider: THERAPIST,
        time: '9:00 AM',
        missed: { [-70]: 'Cancelled' },
      }),
      medicationVisit(today, -160, NP),
      medicationVisit(today, -125, NP),
      medicationVisit(today, -21, NP),
    ],
  };
}

function opioidUseBuprenorphine(today: IsoDate): DemoPatient {
  const seed = 'oud';
  const drugScreens = [-180, -150, -120, -90, -60, -30].map((offset) =>
    lab(
      today,
      offset,
      'Urine drug screen',
      offset === -150 ? 'Positive: buprenorphine, fentanyl' : 'Positive: buprenorphine',
      '',
      'See report',
    ),
  );
  return {
    id: '1006',
    scenario: 'opioid-use-buprenorphine',
    name: 'Marcus Bell',
    birthDate: birthDateForAge(today, 38, 77),
    sex: 'male',
    mrn: '00451986',
    pregnancy: null,
    allergies: ['No known drug allergies'],
    careTeam: [
      { role: 'Addiction medicine', name: 'D. Moreau, MD' },
      { role: 'Counselor', name: 'T. Quinn, LADC' },
    ],
    problems: [
      problem(today, 'Opioid use disorder, moderate', 'F11.20', -200),
      problem(today, 'Nicotine dependence, cigarettes', 'F17.210', -4000),
    ],
    medications: [
      med(
        today,
        'Buprenorphine 8 mg sublingual tablet — 2 tabs SL daily',
        -185,
        null,
        'D. Moreau, MD',
      ),
      med(today, 'Nicotine 21 mg/24 hr patch — apply 1 patch daily', -185, -95, 'D. Moreau, MD'),
    ],
    questionnaires: [
      ...scored(
        today,
        seed,
        'PHQ-9',
        [
          [-185, 12],
          [-95, 9],
          [-10, 8],
        ],
        PHQ9_ITEMS,
      ),
      ...scored(today, seed, 'AUDIT-C', [[-185, 3]], { count: 3, maxPerItem: 4 }),
    ],
    labs: [
      ...drugScreens,
      lab(today, -185, 'Hepatitis C antibody', 'Nonreactive', '', 'Nonreactive'),
      lab(today, -185, 'ALT', 38, 'U/L', '0–44'),
      lab(today, -185, 'AST', 31, 'U/L', '0–40'),
    ],
    vitals: [
      vitals(today, -185, {
        systolic: 126,
        diastolic: 80,
        heartRate: 90,
        weightKg: 77.0,
        heightCm: 183,
      }),
      vitals(today, -30, { systolic: 122, diastolic: 78, heartRate: 76, weightKg: 80.5 }),
    ],
    appointments: [
      ...therapyVisits(today, {
        from: -182,
        to: 10,
        everyDays: 14,
        visit: PSYCHOTHERAPY_45,
        modality: MODALITY.mi,
        provider: 'T. Quinn, LADC',
        time: '11:00 AM',
        missed: { [-140]: 'No show' },
      }),
    ],
  };
}

function adhdStimulant(today: IsoDate): DemoPatient {
  const seed = 'adhd';
  return {
    id: '1007',
    scenario: 'adhd-stimulant-vitals-due',
    name: 'Jordan Whitfield',
    birthDate: birthDateForAge(today, 24, 260),
    sex: 'male',
    mrn: '00462315',
    pregnancy: null,
    allergies: ['No known drug allergies'],
    careTeam: [{ role: 'Psychiatric NP', name: NP }],
    problems: [
      problem(today, 'Attention-deficit hyperactivity disorder, combined type', 'F90.2', -900),
    ],
    medications: [
      med(today, 'Lisdexamfetamine 30 mg capsule — 1 cap PO every morning', -430, -400, NP),
      med(today, 'Lisdexamfetamine 40 mg capsule — 1 cap PO every morning', -400, null, NP),
    ],
    questionnaires: [
      ...scored(
        today,
        seed,
        'PHQ-2',
        [
          [-430, 1],
          [-240, 0],
        ],
        { count: 2, maxPerItem: 3 },
      ),
      ...scored(today, seed, 'AUDIT-C', [[-240, 4]], { count: 3, maxPerItem: 4 }),
    ],
    labs: [],
    vitals: [
      vitals(today, -430, {
        systolic: 118,
        diastolic: 72,
        heartRate: 68,
        weightKg: 73.0,
        heightCm: 178,
      }),
      vitals(today, -400, { systolic: 122, diastolic: 76, heartRate: 78, weightKg: 72.1 }),
      vitals(today, -240, { systolic: 124, diastolic: 78, heartRate: 84, weightKg: 71.4 }),
    ],
    appointments: [medicationVisit(today, -430, NP), medicationVisit(today, -240, NP)],
  };
}

function adolescentAntidepressant(today: IsoDate): DemoPatient {
  const seed = 'adolescent';
  return {
    id: '1008',
    scenario: 'adolescent-antidepressant',
    name: 'Sofia Marin',
    birthDate: birthDateForAge(today, 15, 95),
    sex: 'female',
    mrn: '00470048',
    pregnancy: null,
    allergies: ['No known drug allergies'],
    careTeam: [
      { role: 'Child & adolescent psychiatrist', name: 'E. Nakamura, MD' },
      { role: 'Therapist', name: THERAPIST },
      { role: 'Parent/guardian', name: 'Ana Marin (mother)' },
    ],
    problems: [problem(today, 'Major depressive disorder, single episode, moderate', 'F32.1', -70)],
    medications: [
      med(today, 'Fluoxetine 10 mg capsule — 1 cap PO daily', -42, -35, 'E. Nakamura, MD'),
      med(today, 'Fluoxetine 20 mg capsule — 1 cap PO daily', -35, null, 'E. Nakamura, MD'),
    ],
    questionnaires: [
      ...scored(
        today,
        seed,
        'PHQ-A',
        [
          [-42, 17, { 9: 1 }],
          [-35, 16, { 9: 0 }],
          [-28, 15, { 9: 0 }],
          [-21, 14, { 9: 0 }],
          [-14, 14, { 9: 1 }],
          [-7, 12, { 9: 0 }],
        ],
        PHQ9_ITEMS,
      ),
      cssrs(today, -42, ['yes', 'no', 'no', 'no', 'no', 'no']),
      cssrs(today, -14, ['yes', 'yes', 'no', 'no', 'no', 'no']),
    ],
    labs: [],
    vitals: [
      vitals(today, -42, {
        systolic: 106,
        diastolic: 64,
        heartRate: 80,
        weightKg: 52.3,
        heightCm: 161,
      }),
      vitals(today, -7, { systolic: 104, diastolic: 66, heartRate: 78, weightKg: 52.0 }),
    ],
    appointments: [
      ...therapyVisits(today, {
        from: -49,
        to: 7,
        everyDays: 7,
        visit: PSYCHOTHERAPY_53,
        modality: MODALITY.cbt,
        provider: THERAPIST,
        time: '3:30 PM',
      }),
      {
        date: addDays(today, -21),
        time: '4:30 PM',
        visit: FAMILY_SESSION,
        modality: MODALITY.family,
        provider: THERAPIST,
        status: 'Completed',
      },
      medicationVisit(today, -42, 'E. Nakamura, MD'),
      medicationVisit(today, -14, 'E. Nakamura, MD'),
      medicationVisit(today, 14, 'E. Nakamura, MD'),
    ],
  };
}

function olderAdultPolypharmacy(today: IsoDate): DemoPatient {
  const seed = 'geriatric';
  const pcp = 'J. Park, MD';
  return {
    id: '1009',
    scenario: 'older-adult-polypharmacy',
    name: 'Eleanor Whitcombe',
    birthDate: birthDateForAge(today, 79, 180),
    sex: 'female',
    mrn: '00301472',
    pregnancy: null,
    allergies: ['Codeine (nausea)'],
    careTeam: [
      { role: 'Geriatric psychiatrist', name: PRESCRIBER },
      { role: 'Primary care', name: pcp },
    ],
    problems: [
      problem(today, 'Major depressive disorder, recurrent, moderate', 'F33.1', -3000),
      problem(today, 'Generalized anxiety disorder', 'F41.1', -2500),
      problem(today, 'Insomnia, unspecified', 'G47.00', -1500),
      problem(today, 'Overactive bladder', 'N32.81', -900),
      problem(today, 'Type 2 diabetes mellitus without complications', 'E11.9', -4000),
      problem(today, 'Hypertension, essential', 'I10', -5000),
    ],
    medications: [
      med(today, 'Citalopram 40 mg tablet — 1 tab PO daily', -1800, null),
      med(today, 'Lorazepam 1 mg tablet — 1 tab PO at bedtime', -1100, null),
      med(today, 'Oxybutynin 5 mg tablet — 1 tab PO BID', -900, null, pcp),
      med(today, 'Diphenhydramine 25 mg capsule — 1 cap PO at bedtime PRN sleep', -600, null, pcp),
      med(today, 'Metformin 500 mg tablet — 1 tab PO BID with meals', -4000, null, pcp),
      med(today, 'Amlodipine 5 mg tablet — 1 tab PO daily', -5000, null, pcp),
      med(today, 'Hydrochlorothiazide 12.5 mg capsule — 1 cap PO daily', -2000, null, pcp),
      med(today, 'Atorvastatin 20 mg tablet — 1 tab PO at bedtime', -3000, null, pcp),
      med(today, 'Tramadol 50 mg tablet — 1 tab PO q6h PRN pain', -90, null, pcp),
      med(today, 'Citalopram 20 mg tablet — 1 tab PO daily', -2400, -1800),
    ],
    questionnaires: [
      ...scored(
        today,
        seed,
        'PHQ-9',
        [
          [-270, 12, { 9: 0 }],
          [-180, 10, { 9: 0 }],
          [-90, 11, { 9: 0 }],
          [-5, 12, { 9: 0 }],
        ],
        PHQ9_ITEMS,
      ),
      ...scored(
        today,
        seed,
        'GAD-7',
        [
          [-180, 11],
          [-5, 12],
        ],
        GAD7_ITEMS,
      ),
    ],
    labs: [
      lab(today, -60, 'QTc interval (ECG)', 472, 'ms', '<450', 'H'),
      lab(today, -60, 'Sodium', 131, 'mmol/L', '135–145', 'L'),
      lab(today, -60, 'Creatinine', 1.12, 'mg/dL', '0.57–1.00', 'H'),
      lab(today, -60, 'eGFR', 48, 'mL/min/1.73m2', '>59', 'L'),
      lab(today, -60, 'Hemoglobin A1c', 7.1, '%', '4.0–5.6', 'H'),
      lab(today, -60, 'LDL cholesterol', 92, 'mg/dL', '<100'),
    ],
    vitals: [
      vitals(today, -60, {
        systolic: 148,
        diastolic: 78,
        heartRate: 68,
        weightKg: 63.5,
        heightCm: 158,
      }),
      vitals(today, -5, { systolic: 142, diastolic: 76, heartRate: 70, weightKg: 62.8 }),
    ],
    appointments: [
      medicationVisit(today, -90),
      medicationVisit(today, -5),
      medicationVisit(today, 60),
    ],
  };
}

function pregnantOnValproate(today: IsoDate): DemoPatient {
  const seed = 'pregnant';
  // 14 weeks pregnant today: last menstrual period 98 days ago, due 280 days after it.
  const lmp = -98;
  return {
    id: '1010',
    scenario: 'pregnant-on-valproate',
    name: 'Aaliyah Brooks',
    birthDate: birthDateForAge(today, 31, 58),
    sex: 'female',
    mrn: '00476631',
    pregnancy: { pregnant: true, dueDate: addDays(today, lmp + 280) },
    allergies: ['No known drug allergies'],
    careTeam: [
      { role: 'Psychiatrist', name: PRESCRIBER },
      { role: 'Obstetrics', name: 'C. Duarte, MD' },
    ],
    problems: [
      problem(
        today,
        'Bipolar disorder, in partial remission, most recent episode manic',
        'F31.73',
        -2200,
      ),
      problem(today, 'Pregnant state, incidental', 'Z33.1', -63),
    ],
    medications: [
      med(today, 'Divalproex sodium DR 500 mg tablet — 2 tabs PO at bedtime', -730, null),
      med(today, 'Prenatal multivitamin tablet — 1 tab PO daily', -60, null, 'C. Duarte, MD'),
    ],
    questionnaires: scored(
      today,
      seed,
      'EPDS',
      [
        [-60, 8, { 10: 0 }],
        [-10, 11, { 10: 0 }],
      ],
      { count: 10, maxPerItem: 3 },
    ),
    labs: [
      lab(today, -63, 'hCG, urine (qualitative)', 'Positive', '', 'Negative', 'H'),
      lab(today, -200, 'Valproic acid level', 78, 'mcg/mL', '50–100'),
      lab(today, -200, 'ALT', 22, 'U/L', '0–32'),
      lab(today, -200, 'Platelets', 241, 'x10^3/uL', '150–450'),
    ],
    vitals: [
      vitals(today, -63, {
        systolic: 112,
        diastolic: 70,
        heartRate: 84,
        weightKg: 66.0,
        heightCm: 168,
      }),
      vitals(today, -10, { systolic: 110, diastolic: 68, heartRate: 86, weightKg: 67.2 }),
    ],
    appointments: [
      medicationVisit(today, -200),
      medicationVisit(today, -10),
      medicationVisit(today, 4),
    ],
  };
}

/** Markup and script in names and medication text: the EHR and Careside must show it as text. */
export const HOSTILE_NAME = `Quinn "<img src=x onerror=alert(1)>" O'Hara`;
export const HOSTILE_MEDICATION =
  'Sertraline 50 mg tablet <script>alert(1)</script> — 1 tab PO daily';

function hostileMarkup(today: IsoDate): DemoPatient {
  const seed = 'hostile';
  return {
    id: '1011',
    scenario: 'hostile-markup',
    name: HOSTILE_NAME,
    birthDate: birthDateForAge(today, 44, 220),
    sex: 'other',
    mrn: '00488102',
    pregnancy: null,
    allergies: ['<b>Latex</b> & "adhesive"'],
    careTeam: [{ role: 'Psychiatrist', name: 'R. Alvarez & Partners <i>MD</i>' }],
    problems: [
      problem(
        today,
        'Generalized anxiety disorder </td></tr><script>alert(1)</script>',
        'F41.1',
        -300,
      ),
    ],
    medications: [
      med(today, HOSTILE_MEDICATION, -60, null),
      med(
        today,
        'Hydroxyzine 25 mg tablet — 1 tab PO TID PRN anxiety <img src=x onerror=alert(1)>',
        -60,
        null,
      ),
    ],
    questionnaires: scored(
      today,
      seed,
      'GAD-7',
      [
        [-60, 14],
        [-30, 11],
        [-2, 9],
      ],
      GAD7_ITEMS,
    ),
    labs: [lab(today, -61, 'TSH', 1.2, 'mIU/L', '0.45–4.50 <script>alert(1)</script>')],
    vitals: [vitals(today, -2, { systolic: 120, diastolic: 80, heartRate: 70 })],
    appointments: [
      ...therapyVisits(today, {
        from: -56,
        to: 7,
        everyDays: 7,
        visit: PSYCHOTHERAPY_45,
        modality: MODALITY.cbt,
        provider: '<img src=x onerror=alert(1)> Therapist',
      }),
    ],
  };
}

function yearsOfWeeklyScores(today: IsoDate): DemoPatient {
  const seed = 'weekly';
  const weeks = 3 * 52;
  const from = -weeks * 7;
  // Remission in year one, a relapse in year two after a stressor, and recovery on augmentation.
  const depression = (progress: number) => {
    if (progress < 0.3) return 20 - 40 * progress;
    if (progress < 0.45) return 8 + 50 * (progress - 0.3);
    if (progress < 0.6) return 15.5 - 40 * (progress - 0.45);
    return 9.5 - 10 * (progress - 0.6);
  };
  return {
    id: '1012',
    scenario: 'years-of-weekly-scores',
    name: 'Walter Lindqvist',
    birthDate: birthDateForAge(today, 58, 300),
    sex: 'male',
    mrn: '00352290',
    pregnancy: null,
    allergies: ['No known drug allergies'],
    careTeam: [
      { role: 'Psychiatrist', name: PRESCRIBER },
      { role: 'Therapist', name: PSYCHOLOGIST },
    ],
    problems: [
      problem(
        today,
        'Major depressive disorder, recurrent, severe without psychotic features',
        'F33.2',
        from - 400,
      ),
      problem(today, 'Post-traumatic stress disorder, chronic', 'F43.12', from - 900),
    ],
    medications: [
      med(today, 'Venlafaxine ER 75 mg capsule — 1 cap PO daily', from, from + 28),
      med(today, 'Venlafaxine ER 150 mg capsule — 1 cap PO daily', from + 28, from + 500),
      med(today, 'Venlafaxine ER 75 mg capsule — 3 caps PO daily', from + 500, null),
      med(today, 'Aripiprazole 2 mg tablet — 1 tab PO daily', from + 560, null),
      med(today, 'Prazosin 2 mg capsule — 1 cap PO at bedtime', from + 90, null),
    ],
    questionnaires: [
      ...series(today, seed, {
        instrument: 'PHQ-9',
        from,
        to: -1,
        everyDays: 7,
        trajectory: depression,
        noise: 1.6,
        max: 27,
        items: { ...PHQ9_ITEMS, fixed: () => ({ 9: 0 }) },
      }),
      ...series(today, seed, {
        instrument: 'PCL-5',
        from,
        to: -1,
        everyDays: 28,
        trajectory: (progress) => 52 - 28 * progress,
        noise: 3,
        max: 80,
      }),
    ],
    labs: [0, 1, 2].flatMap((year) => [
      lab(
        today,
        from + year * 365 + 10,
        'Hemoglobin A1c',
        5.6 + year * 0.2,
        '%',
        '4.0–5.6',
        year > 0 ? 'H' : null,
      ),
      lab(today, from + year * 365 + 10, 'LDL cholesterol', 118 + year * 6, 'mg/dL', '<100', 'H'),
      lab(today, from + year * 365 + 10, 'Triglycerides', 160 + year * 12, 'mg/dL', '<150', 'H'),
    ]),
    vitals: Array.from({ length: 12 }, (_, quarter) =>
      vitals(today, from + quarter * 91 + 7, {
        systolic: 128 + (quarter % 3) * 2,
        diastolic: 82,
        heartRate: 74,
        weightKg: 90 + quarter * 0.4,
        heightCm: 181,
      }),
    ),
    appointments: [
      ...therapyVisits(today, {
        from: from + 14,
        to: from + 14 + 7 * 14,
        everyDays: 7,
        visit: PSYCHOTHERAPY_53,
        modality: MODALITY.pe,
        provider: PSYCHOLOGIST,
      }),
      ...therapyVisits(today, {
        from: from + 540,
        to: from + 540 + 7 * 11,
        everyDays: 7,
        visit: PSYCHOTHERAPY_53,
        modality: MODALITY.cpt,
        provider: PSYCHOLOGIST,
      }),
      ...therapyVisits(today, {
        from: -84,
        to: 14,
        everyDays: 14,
        visit: PSYCHOTHERAPY_45,
        modality: MODALITY.cbt,
        provider: PSYCHOLOGIST,
      }),
    ],
  };
}

/**
 * The benchmark chart: five years of weekly PHQ-9 and GAD-7 with items, sixty medication lines
 * (dose changes over the years), three hundred lab results and monthly vitals.
 */
function largeChart(today: IsoDate): DemoPatient {
  const seed = 'large';
  const weeks = 5 * 52;
  const from = -weeks * 7;
  const drugSteps: [name: string, unit: string, strengths: number[], sig: string][] = [
    ['Sertraline', 'mg tablet', [25, 50, 100, 150], '1 tab PO daily'],
    ['Bupropion XL', 'mg tablet', [150, 300, 150, 300], '1 tab PO every morning'],
    ['Mirtazapine', 'mg tablet', [7.5, 15, 30, 15], '1 tab PO at bedtime'],
    ['Quetiapine', 'mg tablet', [25, 50, 100, 50], '1 tab PO at bedtime'],
    ['Trazodone', 'mg tablet', [25, 50, 100, 50], '1 tab PO at bedtime PRN sleep'],
    ['Buspirone', 'mg tablet', [5, 10, 15, 10], '1 tab PO BID'],
    ['Hydroxyzine', 'mg tablet', [10, 25, 50, 25], '1 tab PO TID PRN anxiety'],
    ['Propranolol', 'mg tablet', [10, 20, 40, 20], '1 tab PO BID'],
    ['Metformin', 'mg tablet', [500, 1000, 500, 1000], '1 tab PO BID with meals'],
    ['Atorvastatin', 'mg tablet', [10, 20, 40, 20], '1 tab PO at bedtime'],
    ['Lisinopril', 'mg tablet', [5, 10, 20, 10], '1 tab PO daily'],
    ['Levothyroxine', 'mcg tablet', [25, 50, 75, 50], '1 tab PO daily before breakfast'],
    ['Gabapentin', 'mg capsule', [100, 300, 600, 300], '1 cap PO TID'],
    ['Melatonin', 'mg tablet', [3, 5, 10, 3], '1 tab PO at bedtime'],
    ['Omeprazole', 'mg capsule', [20, 40, 20, 40], '1 cap PO daily'],
  ];
  const stepDays = Math.floor((weeks * 7) / 4);
  const medications = drugSteps.flatMap(([name, unit, strengths, sig], drugIndex) =>
    strengths.map((strength, step) => {
      const start = from + step * stepDays + drugIndex * 3;
      const last = step === strengths.length - 1;
      // A third of the drugs end up stopped, the others stay on their last dose.
      const end = last ? (drugIndex % 3 === 2 ? -20 : null) : start + stepDays;
      return med(today, `${name} ${strength} ${unit} — ${sig}`, start, end);
    }),
  );
  const panel: [test: string, base: number, unit: string, reference: string][] = [
    ['Sodium', 139, 'mmol/L', '135–145'],
    ['Potassium', 4.2, 'mmol/L', '3.5–5.2'],
    ['Creatinine', 0.86, 'mg/dL', '0.57–1.00'],
    ['eGFR', 78, 'mL/min/1.73m2', '>59'],
    ['Calcium', 9.4, 'mg/dL', '8.6–10.3'],
    ['ALT', 24, 'U/L', '0–32'],
    ['AST', 22, 'U/L', '0–40'],
    ['TSH', 2.2, 'mIU/L', '0.45–4.50'],
    ['Hemoglobin A1c', 6.4, '%', '4.0–5.6'],
    ['Glucose, fasting', 112, 'mg/dL', '70–99'],
    ['Total cholesterol', 196, 'mg/dL', '<200'],
    ['LDL cholesterol', 112, 'mg/dL', '<100'],
    ['Triglycerides', 168, 'mg/dL', '<150'],
    ['WBC', 6.8, 'x10^3/uL', '3.4–10.8'],
    ['Platelets', 262, 'x10^3/uL', '150–450'],
  ];
  const random = seededRandom(`${seed}:labs`);
  const labs = Array.from({ length: 20 }, (_, quarter) => quarter).flatMap((quarter) =>
    panel.map(([test, base, unit, reference]) => {
      const value = Math.round(base * (0.92 + random() * 0.16) * 100) / 100;
      return lab(today, from + quarter * 91 + 3, test, value, unit, reference);
    }),
  );
  return {
    id: '1013',
    scenario: 'large-chart',
    name: 'Gwendolyn Achterberg',
    birthDate: birthDateForAge(today, 66, 45),
    sex: 'female',
    mrn: '00290017',
    pregnancy: null,
    allergies: ['Lamotrigine (rash)', 'Erythromycin (GI upset)'],
    careTeam: [
      { role: 'Psychiatrist', name: PRESCRIBER },
      { role: 'Therapist', name: THERAPIST },
      { role: 'Primary care', name: 'J. Park, MD' },
    ],
    problems: [
      problem(today, 'Major depressive disorder, recurrent, moderate', 'F33.1', from - 2000),
      problem(today, 'Generalized anxiety disorder', 'F41.1', from - 1500),
      problem(today, 'Insomnia, unspecified', 'G47.00', from - 300),
      problem(today, 'Type 2 diabetes mellitus without complications', 'E11.9', from - 700),
      problem(today, 'Hypothyroidism, unspecified', 'E03.9', from + 200),
      problem(today, 'Hyperlipidemia, unspecified', 'E78.5', from - 900),
      problem(
        today,
        'Major depressive disorder, single episode, severe',
        'F32.2',
        from - 4000,
        'resolved',
      ),
    ],
    medications,
    questionnaires: [
      ...series(today, seed, {
        instrument: 'PHQ-9',
        from,
        to: -2,
        everyDays: 7,
        trajectory: (progress) => 13 + 5 * Math.sin(progress * Math.PI * 6),
        noise: 2,
        max: 27,
        items: PHQ9_ITEMS,
      }),
      ...series(today, seed, {
        instrument: 'GAD-7',
        from,
        to: -2,
        everyDays: 7,
        trajectory: (progress) => 10 + 4 * Math.cos(progress * Math.PI * 5),
        noise: 2,
        max: 21,
        items: GAD7_ITEMS,
      }),
    ],
    labs,
    vitals: Array.from({ length: 60 }, (_, month) =>
      vitals(today, from + month * 30 + 5, {
        systolic: 126 + (month % 5),
        diastolic: 80 - (month % 3),
        heartRate: 70 + (month % 7),
        weightKg: 74 + Math.round(Math.sin(month / 6) * 30) / 10,
        heightCm: 163,
      }),
    ),
    appointments: [
      ...therapyVisits(today, {
        from: from + 7,
        to: 14,
        everyDays: 28,
        visit: GROUP_SESSION,
        modality: MODALITY.cbti,
        provider: THERAPIST,
      }),
      ...therapyVisits(today, {
        from: -364,
        to: 14,
        everyDays: 14,
        visit: PSYCHOTHERAPY_53,
        modality: MODALITY.cbt,
        provider: THERAPIST,
      }),
    ],
  };
}

const BUILDERS = [
  panicStartingSsri,
  depressionImproving,
  depressionNotResponding,
  bipolarLithiumOverdue,
  bipolarLamotrigineIpsrt,
  opioidUseBuprenorphine,
  adhdStimulant,
  adolescentAntidepressant,
  olderAdultPolypharmacy,
  pregnantOnValproate,
  hostileMarkup,
  yearsOfWeeklyScores,
  largeChart,
];

/** Every demo patient as of `today`, in list order, each chart sorted oldest to newest. */
export function buildPatients(today: IsoDate): DemoPatient[] {
  return BUILDERS.map((build) => {
    const patient = build(today);
    const byDate = <T extends { date: IsoDate }>(rows: T[]) =>
      [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return {
      ...patient,
      questionnaires: byDate(patient.questionnaires),
      labs: byDate(patient.labs),
      vitals: byDate(patient.vitals),
      appointments: byDate(patient.appointments),
    };
  });
}
