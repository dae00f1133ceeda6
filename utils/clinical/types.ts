/**
 * The patient context: one normalized record per patient view, aligned with FHIR R4 so that a
 * FHIR Bundle, a scraped EHR page and scores entered in the sidebar become the same thing.
 *
 * Everything here is plain data (JSON-serializable) so it can cross the message protocol and be
 * stored. Unknown is `null`, never a guess.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Where a field came from: which adapter / selector / FHIR resource, and when it was read. */
export interface Provenance {
  /** `page` = read from the EHR page, `fhir` = a FHIR resource, `entered` = typed into the sidebar. */
  source: 'page' | 'fhir' | 'entered';
  /** Adapter or pack id and selector, or `ResourceType/id` for FHIR. */
  via: string;
  /** The frame the value was read in (URL), when the page is built from frames. */
  frame?: string;
  /** ISO timestamp of the read. */
  readAt?: string;
}

export interface Identifier {
  /** FHIR identifier system (URI) or the label the page shows, e.g. "MRN", "Chart #". */
  system: string | null;
  /** HL7 v2 identifier type code when known: MR (medical record number), SS, DL … */
  type: string | null;
  value: string;
}

export type AdministrativeSex = 'female' | 'male' | 'other' | 'unknown';

export interface PatientIdentity {
  name: string | null;
  birthDate: IsoDate | null;
  sex: AdministrativeSex | null;
  identifiers: Identifier[];
}

export type MedicationStatus = 'active' | 'stopped' | 'completed' | 'on-hold' | 'unknown';

export interface MedicationEntry {
  /** The line exactly as the chart shows it. */
  text: string;
  /** Normalized generic ingredient (lower case), e.g. "sertraline"; null when not recognized. */
  ingredient: string | null;
  /** RxNorm ingredient code (IN), when known. */
  rxnorm: string | null;
  /** Class in the medication vocabulary, e.g. "SSRI", "benzodiazepine". */
  class: string | null;
  /** Strength of one unit in mg, when parseable. */
  strengthMg: number | null;
  /** Administrations per day (PRN counts as its maximum when given, else null). */
  dosesPerDay: number | null;
  /** Total daily dose in mg, when strength, units per dose and frequency are all known. */
  dailyDoseMg: number | null;
  route: string | null;
  prn: boolean;
  status: MedicationStatus;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  /**
   * What `startDate` is the date of, when the source says: `statement` = the chart states therapy
   * began then (a MedicationStatement's effective start); `order` = an order that is not marked as
   * a renewal (a first order, or a first fill); `refill` = an order or fill that continues earlier
   * therapy (a `priorPrescription`, a refill dispense), so therapy began before it on a date not
   * known; `fill` = a dispense of unknown kind. Absent on page lines, which say nothing about it.
   */
  startBasis?: 'statement' | 'order' | 'refill' | 'fill';
  /** Parts of the text the parser could not interpret, in plain words. */
  unparsed: string[];
  provenance: Provenance;
  /**
   * True on a line a page reader took from a medication section without knowing that it names a
   * drug (it may be a heading, a note or a total): the background keeps it only if it does
   * (utils/ehr/sections/enrich.ts), and no entry past that step carries the flag.
   */
  unconfirmed?: boolean;
}

export interface ConditionEntry {
  text: string;
  code: string | null;
  system: 'ICD-10-CM' | 'SNOMED' | null;
  status: 'active' | 'resolved' | 'unknown';
  onsetDate: IsoDate | null;
  provenance: Provenance;
}

/**
 * One administration of a measurement instrument (PHQ-9, GAD-7 …). Either the total, the item
 * answers, or both: the clinical engine recomputes the total from complete item answers and says
 * so when a stated total disagrees.
 */
export interface ScoreEntry {
  /** Registry name: PHQ-9, PHQ-2, PHQ-A, GAD-7, PCL-5, AUDIT-C, EPDS, C-SSRS, MDQ, ASRS-A, CRAVING. */
  instrument: string;
  date: IsoDate | null;
  /** The stated total as read (a number, or a string such as "12" from a FHIR valueString). */
  total: number | string | null;
  /** Item answers by 1-based item number, when known. Values as read; validated by the engine. */
  items?: Record<number, number | string | null>;
  provenance: Provenance;
}

/** Labs, vitals and other monitoring values, normalized to a small vocabulary. */
export type MonitoringKind =
  | 'lithium-level'
  | 'valproate-level'
  | 'creatinine'
  | 'egfr'
  | 'tsh'
  | 'calcium'
  | 'sodium'
  | 'a1c'
  | 'glucose'
  | 'lipids'
  | 'ldl'
  | 'triglycerides'
  | 'weight'
  | 'bmi'
  | 'height'
  | 'waist'
  | 'bp-systolic'
  | 'bp-diastolic'
  | 'heart-rate'
  | 'qtc'
  | 'anc'
  | 'wbc'
  | 'platelets'
  | 'cbc'
  | 'alt'
  | 'ast'
  | 'lft'
  | 'pregnancy-test'
  | 'urine-drug-screen'
  | 'hcv'
  | 'hiv'
  | 'ecg';

export interface MonitoringEntry {
  kind: MonitoringKind;
  /** LOINC code when known. */
  loinc: string | null;
  /** Name as the chart shows it. */
  text: string;
  date: IsoDate | null;
  /** Numeric value when the result is a number; text results (e.g. "negative") keep `valueText`. */
  value: number | null;
  valueText: string | null;
  unit: string | null;
  provenance: Provenance;
}

export type TherapyModality =
  | 'CBT'
  | 'CBT-I'
  | 'exposure'
  | 'DBT'
  | 'ACT'
  | 'MI'
  | 'IPSRT'
  | 'FFT'
  | 'family'
  | 'PE'
  | 'CPT'
  | 'EMDR'
  | 'CM'
  | 'SPI'
  | 'IPT'
  | 'supportive'
  | 'other';

export interface TherapyEntry {
  modality: TherapyModality;
  text: string;
  date: IsoDate | null;
  status: 'scheduled' | 'completed' | 'cancelled' | 'unknown';
  provenance: Provenance;
}

export interface PatientContext {
  identity: PatientIdentity;
  medications: MedicationEntry[];
  conditions: ConditionEntry[];
  scores: ScoreEntry[];
  monitoring: MonitoringEntry[];
  therapies: TherapyEntry[];
  /** True when the chart states the patient is pregnant; null when it says nothing. */
  pregnant: boolean | null;
}

export function emptyPatientContext(identity?: Partial<PatientIdentity>): PatientContext {
  return {
    identity: {
      name: null,
      birthDate: null,
      sex: null,
      identifiers: [],
      ...identity,
    },
    medications: [],
    conditions: [],
    scores: [],
    monitoring: [],
    therapies: [],
    pregnant: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Output contract of `evaluate` and of the sidebar (product spec, "Output contract").
// ---------------------------------------------------------------------------------------------

export const PROMPT_CATEGORIES = [
  'safety',
  'measurement',
  'response',
  'monitoring',
  'interaction',
  'therapy-alignment',
  'substance-use',
] as const;
export type PromptCategory = (typeof PROMPT_CATEGORIES)[number];

export type Indicator = 'info' | 'warning' | 'critical';

export interface ScorePoint {
  date: IsoDate;
  score: number;
}

export interface BandedScore extends ScorePoint {
  band: string | null;
}

export interface RejectedScore {
  date: IsoDate | null;
  value: unknown;
  reason: string;
}

export type ReliableChange = 'improved' | 'worsened' | 'none' | null;

export interface CriticalItemFinding {
  instrument: string;
  date: IsoDate;
  /** e.g. "PHQ-9 item 9" */
  item: string;
  value: number;
}

/** A severity band as a chart draws it: name and total range, inclusive. */
export interface ScoreBand {
  name: string;
  min: number;
  max: number;
}

/** The total range of an instrument and the bands that apply to this patient, lowest first. */
export interface MeasureScale {
  min: number;
  max: number;
  bands: ScoreBand[];
}

export interface MeasureTrend {
  instrument: string;
  loinc: string | null;
  series: ScorePoint[];
  rejected: RejectedScore[];
  latest: BandedScore | null;
  baseline: BandedScore | null;
  change: number | null;
  response: boolean | null;
  remission: boolean | null;
  reliableChange: ReliableChange;
  due: boolean | null;
  /** When the next measurement is due (ISO date), when the instrument has an interval. */
  dueDate: IsoDate | null;
  /** Critical items positive in this instrument's administrations, newest first. */
  critical: CriticalItemFinding[];
  /** Notes such as "stated total 13 disagrees with item answers (10); charted 10". */
  notes: string[];
  /**
   * What a chart of this trend draws behind the series, from the instrument registry, so the
   * sidebar carries no copy of the registry; null when the instrument has no total range.
   */
  scale?: MeasureScale | null;
}

export interface PromptCard {
  id: string;
  category: PromptCategory;
  indicator: Indicator;
  summary: string;
  detail: string;
  source: { label: string; url: string };
  /** The facts that fired the rule, in plain words (no free text copied from the chart). */
  evidence: string[];
  /** A stable fingerprint of the evidence: a dismissed card returns when this changes. */
  factsKey: string;
}

export type SafetyPlanStatus = 'missing' | 'incomplete' | 'complete' | 'review-due';

export interface MedicationSummary {
  text: string;
  ingredient: string | null;
  rxnorm: string | null;
  class: string | null;
}

export interface SidebarContent {
  patient: { name: string | null; birthDate: IsoDate | null; identifiers: Identifier[] };
  measures: MeasureTrend[];
  medications: MedicationSummary[];
  prompts: PromptCard[];
  safetyPlan: { status: SafetyPlanStatus; missing: string[] };
}
