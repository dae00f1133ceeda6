/**
 * A small builder for rule scenarios: patient contexts, medication lines (through the real parser),
 * conditions, labs, therapies and trends, and `itFires` / `itStaysSilent` that evaluate the full
 * rule set through the real message catalogue.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { parseMedicationLine } from '../../../utils/clinical/medications/parse';
import { evaluateRules, RULES, SUMMARY_MAX_LENGTH } from '../../../utils/clinical/rules';
import type { RuleSettings } from '../../../utils/clinical/rules/types';
import {
  type AdministrativeSex,
  type ConditionEntry,
  type CriticalItemFinding,
  emptyPatientContext,
  type IsoDate,
  type MeasureTrend,
  type MedicationEntry,
  type MedicationStatus,
  type MonitoringEntry,
  type MonitoringKind,
  type PatientContext,
  type PromptCard,
  type SafetyPlanStatus,
  type ScoreEntry,
  type TherapyEntry,
  type TherapyModality,
} from '../../../utils/clinical/types';
import { createTranslator, type Messages } from '../../../utils/i18n';

export const NOW = '2026-06-01';

const provenance = { source: 'page' as const, via: 'test' };

export const messages: Messages = JSON.parse(
  readFileSync(resolve(process.cwd(), 'public/_locales/en/messages.json'), 'utf8'),
);
export const t = createTranslator(messages);

export function patient(
  options: {
    birthDate?: IsoDate;
    sex?: AdministrativeSex;
    pregnant?: boolean | null;
    medications?: MedicationEntry[];
    conditions?: ConditionEntry[];
    monitoring?: MonitoringEntry[];
    therapies?: TherapyEntry[];
    scores?: ScoreEntry[];
  } = {},
): PatientContext {
  return {
    ...emptyPatientContext({
      birthDate: options.birthDate ?? '1980-01-01',
      sex: options.sex ?? 'female',
    }),
    medications: options.medications ?? [],
    conditions: options.conditions ?? [],
    monitoring: options.monitoring ?? [],
    therapies: options.therapies ?? [],
    scores: options.scores ?? [],
    pregnant: options.pregnant ?? null,
  };
}

export function med(
  text: string,
  options: { start?: IsoDate; status?: MedicationStatus; end?: IsoDate } = {},
): MedicationEntry {
  return parseMedicationLine(text, provenance, {
    status: options.status ?? 'active',
    startDate: options.start ?? null,
    endDate: options.end ?? null,
  });
}

export function icd(
  code: string,
  text = code,
  options: { status?: ConditionEntry['status']; onset?: IsoDate } = {},
): ConditionEntry {
  return {
    text,
    code,
    system: 'ICD-10-CM',
    status: options.status ?? 'active',
    onsetDate: options.onset ?? null,
    provenance,
  };
}

export function lab(
  kind: MonitoringKind,
  date: IsoDate,
  value: number | null = null,
  unit: string | null = null,
): MonitoringEntry {
  return { kind, loinc: null, text: kind, date, value, valueText: null, unit, provenance };
}

export function therapy(
  modality: TherapyModality,
  date: IsoDate | null,
  status: TherapyEntry['status'] = 'completed',
): TherapyEntry {
  return { modality, text: modality, date, status, provenance };
}

export function score(
  instrument: string,
  date: IsoDate,
  total: number | null,
  items?: Record<number, number | string | null>,
): ScoreEntry {
  return { instrument, date, total, ...(items ? { items } : {}), provenance };
}

/** A trend as the trend engine would report it; response and remission follow the PHQ-9 rules. */
export function trend(
  instrument: string,
  points: Array<[IsoDate, number]>,
  extra: Partial<MeasureTrend> = {},
): MeasureTrend {
  const series = points.map(([date, value]) => ({ date, score: value }));
  const first = series[0];
  const last = series.at(-1);
  const baseline = first ? { ...first, band: null } : null;
  const latest = last ? { ...last, band: null } : null;
  const comparable = first && last && series.length > 1;
  return {
    instrument,
    loinc: null,
    series,
    rejected: [],
    latest,
    baseline,
    change: comparable ? last.score - first.score : null,
    response: comparable && first.score > 0 ? last.score <= first.score / 2 : null,
    remission: comparable ? last.score < 5 : null,
    reliableChange: null,
    due: false,
    dueDate: null,
    critical: [],
    notes: [],
    ...extra,
  };
}

export function critical(
  instrument: string,
  item: number,
  date: IsoDate,
  value = 1,
): CriticalItemFinding {
  return { instrument, date, item: `${instrument} item ${item}`, value };
}

export interface Scenario {
  context: PatientContext;
  now?: IsoDate;
  trends?: MeasureTrend[];
  safetyPlanStatus?: SafetyPlanStatus;
  settings?: RuleSettings;
  locale?: string;
}

export function evaluate(scenario: Scenario): PromptCard[] {
  return evaluateRules(scenario.context, {
    now: scenario.now ?? NOW,
    t,
    trends: scenario.trends ?? [],
    ...(scenario.safetyPlanStatus ? { safetyPlanStatus: scenario.safetyPlanStatus } : {}),
    ...(scenario.settings ? { settings: scenario.settings } : {}),
    ...(scenario.locale ? { locale: scenario.locale } : {}),
  });
}

const UNFILLED = /\{\w+\}/;

/** Checks a fired card is complete: texts filled from the catalogue, summary short, evidence present. */
export function expectWellFormed(card: PromptCard): void {
  const rule = RULES.find((candidate) => candidate.id === card.id);
  expect(rule).toBeDefined();
  expect(card.indicator).toBe(rule?.indicator);
  expect(card.summary.length).toBeLessThanOrEqual(SUMMARY_MAX_LENGTH);
  expect(card.summary).not.toMatch(UNFILLED);
  expect(card.detail).not.toMatch(UNFILLED);
  expect(card.summary).not.toMatch(/^rule[A-Z]/);
  expect(card.detail).not.toMatch(/^rule[A-Z]/);
  expect(card.evidence.length).toBeGreaterThan(0);
  for (const line of card.evidence) {
    expect(line).not.toMatch(UNFILLED);
    expect(line).not.toMatch(/^rule[A-Z]|conditionGroup|ruleLab/);
  }
  expect(card.factsKey).toMatch(/^[0-9a-f]{8}$/);
}

/** A scenario in which the rule must fire; returns the card for further checks. */
export function itFires(
  name: string,
  ruleId: string,
  build: () => Scenario,
  check?: (card: PromptCard, cards: PromptCard[]) => void,
): void {
  it(name, () => {
    const cards = evaluate(build());
    const card = cards.find((candidate) => candidate.id === ruleId);
    expect(
      card,
      `${ruleId} should fire; fired: ${cards.map((c) => c.id).join(', ')}`,
    ).toBeDefined();
    if (!card) return;
    expectWellFormed(card);
    check?.(card, cards);
  });
}

/** A scenario in which the rule must not fire. */
export function itStaysSilent(name: string, ruleId: string, build: () => Scenario): void {
  it(name, () => {
    const cards = evaluate(build());
    expect(cards.map((card) => card.id)).not.toContain(ruleId);
  });
}
