/**
 * Rules are data: an id, a family, a fixed category and indicator, a citation, tunable thresholds,
 * and one small pure predicate. Card wording lives in the message catalogue under keys derived
 * from the id (`ruleKeys`), so clinical governance can review texts without reading code.
 */
import type { DrugEntry } from '../medications/vocabulary';
import type {
  Indicator,
  IsoDate,
  MeasureTrend,
  MedicationEntry,
  PatientContext,
  PromptCategory,
  SafetyPlanStatus,
} from '../types';

/** How firm the fact behind a rule is, from the clinical reference's legend. */
export type RuleStatus = 'verified' | 'secondary' | 'unverified';

/**
 * A value substituted into a message. Plain strings are vocabulary words (ingredient names,
 * instrument names), never chart free text; numbers, dates and lists are formatted with `Intl`
 * for the reader's locale; `message` is another catalogue entry (a diagnosis group, a lab name),
 * whose own values may include a list, and `messageList` a list of them.
 */
export type MessageParam =
  | string
  | number
  | { date: IsoDate }
  | { list: string[] }
  | { messageList: string[] }
  | { message: string; params?: Record<string, string | number | { list: string[] }> };

export type MessageParams = Record<string, MessageParam>;

/** One plain fact behind a card: a catalogue key and its values. */
export interface EvidenceLine {
  key: string;
  params?: MessageParams;
}

export interface RuleFinding {
  /** Values for the rule's summary and detail templates. */
  params?: MessageParams;
  evidence: EvidenceLine[];
}

/** A medication the patient is taking now, with its vocabulary entry when recognised. */
export interface CurrentMedication {
  entry: MedicationEntry;
  drug: DrugEntry | null;
  /** The ingredient name used in card texts. */
  name: string;
  /**
   * The day therapy began, from the earliest evidence of this course (statement, order or fill);
   * null when unknown — no dated evidence, or the earliest is a refill or is preceded by a drug
   * level, so the drug began earlier on a date the chart does not give.
   */
  start: IsoDate | null;
  /** The earliest dated evidence of this course, known start or not. */
  onRecordSince: IsoDate | null;
}

export interface RuleFacts {
  context: PatientContext;
  now: IsoDate;
  /** Age in completed years on `now`; null without a usable birth date. */
  age: number | null;
  /** Medications current on `now` (not stopped, completed, on hold or ended). */
  medications: CurrentMedication[];
  trends: MeasureTrend[];
  /**
   * Instrument names exactly as the raw scores give them, read once: rules that ask whether an
   * instrument was ever given would otherwise each scan years of scores.
   */
  chartedInstruments: ReadonlySet<string>;
  safetyPlanStatus: SafetyPlanStatus | null;
  /** This rule's thresholds: defaults merged with the clinic's overrides. */
  thresholds: Record<string, number>;
}

export interface Rule {
  id: string;
  family: string;
  category: PromptCategory;
  indicator: Indicator;
  source: { label: string; url: string };
  status: RuleStatus;
  /** Tunable numbers with their defaults from the clinical reference. */
  thresholds?: Record<string, number>;
  /**
   * Rules whose cards this one replaces when both fire: the more specific card already says what
   * the generic one would, so showing both would repeat one fact.
   */
  supersedes?: string[];
  evaluate(facts: RuleFacts): RuleFinding | null;
}

/** The facts a rule's `evaluate` sees: its own thresholds by name, every one present. */
export type FactsWith<T> = Omit<RuleFacts, 'thresholds'> & {
  thresholds: Readonly<Record<keyof T, number>>;
};

/**
 * A rule whose thresholds are written once, in `thresholds`: its `evaluate` reads them by name,
 * typed, with no fallback of its own. The engine (index.ts `thresholdsFor`) passes every default,
 * overridden by the clinic or not, so a name the rule declares is always there.
 */
export function defineRule<const T extends Record<string, number> = Record<never, number>>(
  rule: Omit<Rule, 'thresholds' | 'evaluate'> & {
    thresholds?: T;
    evaluate(facts: FactsWith<T>): RuleFinding | null;
  },
): Rule {
  return rule;
}

export interface RuleSettings {
  disabledFamilies?: string[];
  disabledRules?: string[];
  /** Overrides keyed `${ruleId}.${thresholdName}`. */
  thresholds?: Record<string, number>;
}

function camel(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Catalogue keys of a rule's card texts: `rule<Id>Summary` and `rule<Id>Detail`. */
export function ruleKeys(ruleId: string): { summary: string; detail: string } {
  const base = `rule${camel(ruleId)}`;
  return { summary: `${base}Summary`, detail: `${base}Detail` };
}

/** Catalogue key of a kebab-case name under a prefix: ('ruleLab', 'lithium-level') → ruleLabLithiumLevel. */
export function messageKey(prefix: string, name: string): string {
  return `${prefix}${camel(name)}`;
}
