/**
 * Shared reading of the patient context for the rule families: which medications are current,
 * the newest lab of a kind, and the evidence lines that describe them in plain words.
 */
import { type ConditionGroup, conditionsInGroup } from '../conditions';
import { addDays, ageOn, daysBetween, parseIsoDate } from '../dates';
import {
  type DrugClass,
  type DrugEntry,
  type DrugTag,
  drugByIngredient,
  findDrugInText,
} from '../medications/vocabulary';
import type {
  IsoDate,
  MeasureTrend,
  MedicationEntry,
  MonitoringEntry,
  MonitoringKind,
  PatientContext,
  TherapyEntry,
  TherapyModality,
} from '../types';
import {
  type CurrentMedication,
  type EvidenceLine,
  messageKey,
  type RuleFacts,
  type RuleFinding,
} from './types';

const NOT_CURRENT = new Set(['stopped', 'completed', 'on-hold']);

/** Drug levels that show a drug was taken before its earliest order on the chart. */
const LEVEL_OF: Readonly<Record<string, MonitoringKind>> = {
  lithium: 'lithium-level',
  'valproic acid': 'valproate-level',
};

function ingredientOf(entry: MedicationEntry): DrugEntry | null {
  return (
    drugByIngredient(entry.ingredient) ?? (entry.ingredient ? null : findDrugInText(entry.text))
  );
}

interface CourseStart {
  start: IsoDate | null;
  onRecordSince: IsoDate | null;
}

/**
 * Where the course that includes `entry` began. Orders, fills and statements of the same drug are
 * one course back to the last documented stop (an end date before the next entry); the earliest of
 * them is the start when it is a statement or a first order, and unknown when it is a refill or a
 * fill, or when a level of the drug was drawn before it.
 */
type DatedEntry = { entry: MedicationEntry; date: IsoDate };

/**
 * Dated medication entries by ingredient, oldest first, and the earliest level of each drug-level
 * kind — built once per context and date: every current medication asks, and a long list would
 * otherwise be matched against the vocabulary once per medication.
 */
const courseIndexes = new WeakMap<
  PatientContext,
  { now: IsoDate; byName: Map<string, DatedEntry[]>; firstLevel: Map<MonitoringKind, IsoDate> }
>();

function courseIndex(context: PatientContext, now: IsoDate) {
  const cached = courseIndexes.get(context);
  if (cached?.now === now) return cached;
  const byName = new Map<string, DatedEntry[]>();
  for (const candidate of context.medications) {
    const name = ingredientOf(candidate)?.ingredient ?? candidate.ingredient;
    const date = candidate.startDate ? parseIsoDate(candidate.startDate) : null;
    if (!name || !date || date > now) continue;
    const list = byName.get(name) ?? [];
    list.push({ entry: candidate, date });
    byName.set(name, list);
  }
  for (const list of byName.values()) {
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
  const levelKinds = new Set(Object.values(LEVEL_OF));
  const firstLevel = new Map<MonitoringKind, IsoDate>();
  for (const level of context.monitoring) {
    if (!levelKinds.has(level.kind)) continue;
    const date = level.date ? parseIsoDate(level.date) : null;
    const first = firstLevel.get(level.kind);
    if (date && date <= now && (!first || date < first)) firstLevel.set(level.kind, date);
  }
  const index = { now, byName, firstLevel };
  courseIndexes.set(context, index);
  return index;
}

function courseStart(
  context: PatientContext,
  name: string,
  entry: MedicationEntry,
  now: IsoDate,
): CourseStart {
  const { byName, firstLevel } = courseIndex(context, now);
  const dated = byName.get(name) ?? [];
  const own = entry.startDate ? parseIsoDate(entry.startDate) : null;
  if (dated.length === 0) return { start: null, onRecordSince: null };
  // Walk back from this entry; a documented end before the next entry closes an earlier course.
  let index = own ? dated.findLastIndex((item) => item.date <= own) : dated.length - 1;
  if (index < 0) index = 0;
  while (index > 0) {
    const previous = dated[index - 1] as DatedEntry;
    const end = previous.entry.endDate ? parseIsoDate(previous.entry.endDate) : null;
    if (end && end < (dated[index] as { date: IsoDate }).date) break;
    index -= 1;
  }
  const first = dated[index] as DatedEntry;
  const sameDay = dated.filter((item) => item.date === first.date);
  const startsThen = sameDay.some(
    (item) => item.entry.startBasis !== 'refill' && item.entry.startBasis !== 'fill',
  );
  const levelKind = LEVEL_OF[name];
  const firstLevelDate = levelKind ? firstLevel.get(levelKind) : undefined;
  const levelBefore = firstLevelDate !== undefined && firstLevelDate < first.date;
  return { start: startsThen && !levelBefore ? first.date : null, onRecordSince: first.date };
}

/** Medications current on `now`: a status of "unknown" counts, since most lists show no status. */
export function currentMedications(context: PatientContext, now: IsoDate): CurrentMedication[] {
  const current: CurrentMedication[] = [];
  for (const entry of context.medications) {
    if (NOT_CURRENT.has(entry.status)) continue;
    const end = entry.endDate ? parseIsoDate(entry.endDate) : null;
    if (end && end < now) continue;
    const start = entry.startDate ? parseIsoDate(entry.startDate) : null;
    if (start && start > now) continue;
    const drug = ingredientOf(entry);
    const name = drug?.ingredient ?? entry.ingredient;
    // An unrecognised line cannot take part in any rule, and naming it would copy chart text.
    if (!name) continue;
    current.push({ entry, drug, name, ...courseStart(context, name, entry, now) });
  }
  return current;
}

/**
 * Medications stopped on a known date within `days` before `now`: what a washout still counts.
 * Only an end date is evidence of when a drug stopped; a stopped line without one is left out.
 */
export function recentlyStopped(
  context: PatientContext,
  now: IsoDate,
  days: number,
): Array<{ drug: DrugEntry; end: IsoDate }> {
  const since = addDays(now, -days);
  const stopped: Array<{ drug: DrugEntry; end: IsoDate }> = [];
  for (const entry of context.medications) {
    const end = entry.endDate ? parseIsoDate(entry.endDate) : null;
    if (!end || end > now || end < since) continue;
    const drug = ingredientOf(entry);
    if (drug) stopped.push({ drug, end });
  }
  return stopped;
}

/**
 * Buprenorphine products for pain — transdermal patches (Butrans, in mcg/hour) and the buccal
 * film Belbuca (in mcg) — are not OUD treatment; sublingual tablets and films, the combination
 * with naloxone and the extended-release injections are (reference D8).
 */
const PAIN_BUPRENORPHINE =
  /\b(?:transdermal|patch(?:es)?|butrans|belbuca|mcg\s*\/\s*h(?:ou)?r|micrograms?\s*\/\s*h(?:ou)?r)\b/i;

export function isPainBuprenorphine(med: CurrentMedication): boolean {
  if (med.name !== 'buprenorphine') return false;
  const route = (med.entry.route ?? '').toLowerCase();
  return (
    route.includes('transdermal') ||
    PAIN_BUPRENORPHINE.test(med.entry.text) ||
    /\bmcg\b|microgram/i.test(med.entry.text)
  );
}

/** OUD medications being taken for OUD: methadone and buprenorphine, but not pain buprenorphine. */
export function oudMedications(facts: RuleFacts): CurrentMedication[] {
  return withClass(facts, 'OUD-agonist').filter((med) => !isPainBuprenorphine(med));
}

/**
 * Trazodone and mirtazapine below the labels' starting doses for depression (trazodone 150 mg/day,
 * mirtazapine 15 mg/day), or at bedtime for sleep with no dose given, are taken for sleep: not an
 * antidepressant trial and not a second serotonergic antidepressant.
 */
const STARTING_ANTIDEPRESSANT_DOSE_MG: Readonly<Record<string, number>> = {
  trazodone: 150,
  mirtazapine: 15,
};

export function isSleepDose(med: CurrentMedication): boolean {
  const start = STARTING_ANTIDEPRESSANT_DOSE_MG[med.name];
  if (start === undefined) return false;
  const dose = med.entry.dailyDoseMg;
  if (dose !== null) return dose < start;
  return /\b(?:sleep|insomnia|qhs|hs|bedtime)\b/i.test(med.entry.text);
}

export function ageFrom(context: PatientContext, now: IsoDate): number | null {
  const birth = context.identity.birthDate ? parseIsoDate(context.identity.birthDate) : null;
  return birth && birth <= now ? ageOn(birth, now) : null;
}

export function withTag(facts: RuleFacts, tag: DrugTag): CurrentMedication[] {
  return facts.medications.filter((med) => med.drug?.tags.includes(tag));
}

export function withClass(facts: RuleFacts, ...classes: DrugClass[]): CurrentMedication[] {
  return facts.medications.filter((med) => {
    const drugClass = med.drug?.class ?? med.entry.class;
    return drugClass !== null && (classes as string[]).includes(drugClass);
  });
}

/** Medications containing any of the ingredients, fixed combinations included. */
export function withIngredient(facts: RuleFacts, ...ingredients: string[]): CurrentMedication[] {
  return facts.medications.filter((med) => {
    const components = med.drug?.components ?? [med.name];
    return components.some((component) => ingredients.includes(component));
  });
}

/** Days since the course started, or null when its start is not known (see `courseStart`). */
export function daysOn(med: CurrentMedication, now: IsoDate): number | null {
  return med.start ? daysBetween(med.start, now) : null;
}

/** The day the course started; null when unknown, never a refill's date. */
export function startOf(med: CurrentMedication): IsoDate | null {
  return med.start;
}

/** Monitoring entries of the given kinds dated on or before `now`, newest first. */
type DatedMonitoring = MonitoringEntry & { date: IsoDate };
const newestFirst = (a: DatedMonitoring, b: DatedMonitoring) =>
  a.date < b.date ? 1 : a.date > b.date ? -1 : 0;

/**
 * Labs and vitals by kind, dated, newest first — built once per context and date. Some forty
 * monitoring rules ask for them; a chart with years of vitals would otherwise be scanned, its
 * dates parsed and sorted once per rule.
 */
const monitoringIndexes = new WeakMap<
  PatientContext,
  { now: IsoDate; byKind: Map<MonitoringKind, DatedMonitoring[]> }
>();

function monitoringIndex(
  context: PatientContext,
  now: IsoDate,
): Map<MonitoringKind, DatedMonitoring[]> {
  const cached = monitoringIndexes.get(context);
  if (cached?.now === now) return cached.byKind;
  const byKind = new Map<MonitoringKind, DatedMonitoring[]>();
  for (const entry of context.monitoring) {
    const date = entry.date ? parseIsoDate(entry.date) : null;
    if (!date || date > now) continue;
    const list = byKind.get(entry.kind) ?? [];
    list.push({ ...entry, date });
    byKind.set(entry.kind, list);
  }
  for (const list of byKind.values()) list.sort(newestFirst);
  monitoringIndexes.set(context, { now, byKind });
  return byKind;
}

export function monitoringOf(
  context: PatientContext,
  kinds: MonitoringKind[],
  now: IsoDate,
): DatedMonitoring[] {
  const byKind = monitoringIndex(context, now);
  const found = kinds.flatMap((kind) => byKind.get(kind) ?? []);
  return kinds.length > 1 ? found.sort(newestFirst) : found;
}

export function latestMonitoring(
  context: PatientContext,
  kinds: MonitoringKind[],
  now: IsoDate,
): (MonitoringEntry & { date: IsoDate }) | null {
  // The newest of each kind's newest, without gathering and sorting every entry: a ten-year chart
  // has hundreds of weights and levels. On a tie the kind listed first wins, as in `monitoringOf`.
  const byKind = monitoringIndex(context, now);
  let latest: DatedMonitoring | null = null;
  for (const kind of kinds) {
    const newest = byKind.get(kind)?.[0];
    if (newest && (!latest || newest.date > latest.date)) latest = newest;
  }
  return latest;
}

/**
 * Whether a lab or vital is overdue: none on record since `since` (when given), or the newest is
 * older than `intervalDays`.
 */
export function isOverdue(
  latest: { date: IsoDate } | null,
  now: IsoDate,
  intervalDays: number,
  since?: IsoDate | null,
): boolean {
  if (!latest) return true;
  if (since && latest.date < since) return true;
  return daysBetween(latest.date, now) > intervalDays;
}

/**
 * One row of a monitoring table: the lab or vital a card names, and the results that count for it
 * (an eGFR or a creatinine both answer "renal function").
 */
export type MonitoringRow = readonly [named: MonitoringKind, counts: readonly MonitoringKind[]];

/**
 * The "lab X every N days on drug Y" check of a monitoring table: each row whose newest result is
 * older than `intervalDays` (or missing since `since`) is due, and the card lists them with the
 * drug and each overdue result as evidence. Null when nothing is due.
 */
export function monitoringDue(
  facts: Pick<RuleFacts, 'context' | 'now'>,
  medication: CurrentMedication,
  table: readonly MonitoringRow[],
  intervalDays: number,
  since?: IsoDate | null,
): RuleFinding | null {
  const due: MonitoringKind[] = [];
  const evidence: EvidenceLine[] = [medicationEvidence(medication)];
  for (const [name, kinds] of table) {
    const latest = latestMonitoring(facts.context, [...kinds], facts.now);
    if (isOverdue(latest, facts.now, intervalDays, since)) {
      due.push(name);
      evidence.push(labEvidence(latest?.kind ?? name, latest));
    }
  }
  if (due.length === 0) return null;
  return {
    params: { labs: { messageList: due.map((kind) => messageKey('ruleLab', kind)) } },
    evidence,
  };
}

export function trendFor(facts: RuleFacts, ...instruments: string[]): MeasureTrend | null {
  for (const instrument of instruments) {
    const trend = facts.trends.find((candidate) => candidate.instrument === instrument);
    if (trend) return trend;
  }
  return null;
}

/** Whether any administration of the instruments is on record (trend or raw score). */
export function everMeasured(facts: RuleFacts, instruments: string[]): boolean {
  return (
    facts.trends.some(
      (trend) => instruments.includes(trend.instrument) && trend.series.length > 0,
    ) || instruments.some((instrument) => facts.chartedInstruments.has(instrument))
  );
}

/** Therapy entries of the modalities that are not cancelled (scheduled, completed or unknown). */
export function therapiesOf(
  context: PatientContext,
  modalities: TherapyModality[],
): TherapyEntry[] {
  return context.therapies.filter(
    (therapy) => therapy.status !== 'cancelled' && modalities.includes(therapy.modality),
  );
}

export function daysAgo(now: IsoDate, days: number): IsoDate {
  return addDays(now, -Math.round(days));
}

// ---------------------------------------------------------------------------------------------
// Evidence lines: plain facts built from normalized data only, never chart free text.
// ---------------------------------------------------------------------------------------------

/**
 * One line per medication, shared by every card that names it: interaction cards name the same
 * drug once per pair, and the evaluation formats a shared line only once. Keyed by the current
 * medication, which lives as long as one evaluation.
 */
const evidenceByMedication = new WeakMap<CurrentMedication, EvidenceLine>();

export function medicationEvidence(med: CurrentMedication): EvidenceLine {
  let line = evidenceByMedication.get(med);
  if (!line) {
    line = describeMedication(med);
    evidenceByMedication.set(med, line);
  }
  return line;
}

function describeMedication(med: CurrentMedication): EvidenceLine {
  const start = startOf(med);
  const dose = med.entry.dailyDoseMg;
  if (start) {
    return dose !== null
      ? {
          key: 'ruleEvidenceMedicationDoseStarted',
          params: { drug: med.name, dose, date: { date: start } },
        }
      : { key: 'ruleEvidenceMedicationStarted', params: { drug: med.name, date: { date: start } } };
  }
  // A refill's date is not a start: the card says how long the drug is known to have been taken.
  if (med.onRecordSince) {
    return dose !== null
      ? {
          key: 'ruleEvidenceMedicationDoseOnRecordSince',
          params: { drug: med.name, dose, date: { date: med.onRecordSince } },
        }
      : {
          key: 'ruleEvidenceMedicationOnRecordSince',
          params: { drug: med.name, date: { date: med.onRecordSince } },
        };
  }
  if (dose !== null) return { key: 'ruleEvidenceMedicationDose', params: { drug: med.name, dose } };
  return { key: 'ruleEvidenceMedication', params: { drug: med.name } };
}

export function labEvidence(
  kind: MonitoringKind,
  latest: (MonitoringEntry & { date: IsoDate }) | null,
): EvidenceLine {
  const lab = { message: messageKey('ruleLab', kind) };
  if (!latest) return { key: 'ruleEvidenceNoLab', params: { lab } };
  if (latest.value !== null) {
    return {
      key: 'ruleEvidenceLabValue',
      params: { lab, value: latest.value, unit: latest.unit ?? '', date: { date: latest.date } },
    };
  }
  return { key: 'ruleEvidenceLastLab', params: { lab, date: { date: latest.date } } };
}

export function conditionEvidence(group: ConditionGroup): EvidenceLine {
  return {
    key: 'ruleEvidenceCondition',
    params: { condition: { message: messageKey('conditionGroup', group) } },
  };
}

export function ageEvidence(age: number): EvidenceLine {
  return { key: 'ruleEvidenceAge', params: { age } };
}

export function noTherapyEvidence(modalities: TherapyModality[]): EvidenceLine {
  return { key: 'ruleEvidenceNoTherapy', params: { modalities: { list: modalities } } };
}

export function firstCondition(
  context: PatientContext,
  groups: ConditionGroup[],
): ConditionGroup | null {
  return groups.find((group) => conditionsInGroup(context, group).length > 0) ?? null;
}

/** Unordered pairs of distinct current medications, each pair once. */
export function medicationPairs(
  medications: CurrentMedication[],
): Array<[CurrentMedication, CurrentMedication]> {
  const pairs: Array<[CurrentMedication, CurrentMedication]> = [];
  for (let i = 0; i < medications.length; i += 1) {
    for (let j = i + 1; j < medications.length; j += 1) {
      const a = medications[i];
      const b = medications[j];
      if (a && b && a.name !== b.name) pairs.push([a, b]);
    }
  }
  return pairs;
}

export function uniqueNames(medications: CurrentMedication[]): string[] {
  return [...new Set(medications.map((med) => med.name))];
}
