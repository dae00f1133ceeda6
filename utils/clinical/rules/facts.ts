/**
 * Shared reading of the patient context for the rule families: which medications are current,
 * the newest lab of a kind, and the evidence lines that describe them in plain words.
 */
import { type ConditionGroup, conditionsInGroup } from '../conditions';
import { addDays, ageOn, daysBetween, parseIsoDate } from '../dates';
import {
  type DrugClass,
  type DrugTag,
  drugByIngredient,
  findDrugInText,
} from '../medications/vocabulary';
import type {
  IsoDate,
  MeasureTrend,
  MonitoringEntry,
  MonitoringKind,
  PatientContext,
  TherapyEntry,
  TherapyModality,
} from '../types';
import { type CurrentMedication, type EvidenceLine, messageKey, type RuleFacts } from './types';

const NOT_CURRENT = new Set(['stopped', 'completed', 'on-hold']);

/** Medications current on `now`: a status of "unknown" counts, since most lists show no status. */
export function currentMedications(context: PatientContext, now: IsoDate): CurrentMedication[] {
  const current: CurrentMedication[] = [];
  for (const entry of context.medications) {
    if (NOT_CURRENT.has(entry.status)) continue;
    const end = entry.endDate ? parseIsoDate(entry.endDate) : null;
    if (end && end < now) continue;
    const start = entry.startDate ? parseIsoDate(entry.startDate) : null;
    if (start && start > now) continue;
    const drug =
      drugByIngredient(entry.ingredient) ?? (entry.ingredient ? null : findDrugInText(entry.text));
    const name = drug?.ingredient ?? entry.ingredient;
    // An unrecognised line cannot take part in any rule, and naming it would copy chart text.
    if (!name) continue;
    current.push({ entry, drug, name });
  }
  return current;
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

/** Days since the medication started, or null when the chart gives no start date. */
export function daysOn(med: CurrentMedication, now: IsoDate): number | null {
  const start = med.entry.startDate ? parseIsoDate(med.entry.startDate) : null;
  return start ? daysBetween(start, now) : null;
}

export function startOf(med: CurrentMedication): IsoDate | null {
  return med.entry.startDate ? parseIsoDate(med.entry.startDate) : null;
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
  if (dose !== null && start) {
    return {
      key: 'ruleEvidenceMedicationDoseStarted',
      params: { drug: med.name, dose, date: { date: start } },
    };
  }
  if (dose !== null) return { key: 'ruleEvidenceMedicationDose', params: { drug: med.name, dose } };
  if (start)
    return {
      key: 'ruleEvidenceMedicationStarted',
      params: { drug: med.name, date: { date: start } },
    };
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
