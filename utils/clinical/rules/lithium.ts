/**
 * Lithium: serum levels, renal / thyroid / calcium monitoring, toxicity, and drugs that raise
 * the level (NHS SPS lithium monitoring, based on NICE CG185).
 */
import { isPregnant } from '../conditions';
import { addDays, parseIsoDate } from '../dates';
import { drugByIngredient } from '../medications/vocabulary';
import type { IsoDate } from '../types';
import {
  ageEvidence,
  daysOn,
  isOverdue,
  labEvidence,
  latestMonitoring,
  type MonitoringRow,
  medicationEvidence,
  monitoringDue,
  startOf,
  withIngredient,
  withTag,
} from './facts';
import { DOCUMENTS } from './sources';
import type { FactsWith } from './types';
import {
  defineRule,
  type EvidenceLine,
  type Rule,
  type RuleFacts,
  type RuleFinding,
} from './types';

const SPS = {
  label: 'NHS SPS lithium monitoring (NICE CG185): levels 3-monthly in year 1, then 3–6-monthly',
  url: DOCUMENTS.spsLithium,
};

/** Lithium's labs besides its level: renal function (eGFR or creatinine), thyroid and calcium. */
const LITHIUM_LABS: readonly MonitoringRow[] = [
  ['egfr', ['egfr', 'creatinine']],
  ['tsh', ['tsh']],
  ['calcium', ['calcium']],
];

export const LITHIUM_RULES: Rule[] = [
  defineRule({
    id: 'lithium-level-due',
    family: 'lithium',
    category: 'monitoring',
    indicator: 'warning',
    source: SPS,
    status: 'verified',
    thresholds: {
      firstLevelDays: 7,
      firstYearDays: 90,
      maintenanceDays: 180,
      higherRiskDays: 90,
      olderAdultAge: 65,
      higherRiskLevel: 0.8,
    },
    evaluate(facts) {
      const lithium = withIngredient(facts, 'lithium')[0];
      if (!lithium) return null;
      const { thresholds: th } = facts;
      const days = daysOn(lithium, facts.now);
      const start = startOf(lithium);
      if (days !== null && days < th.firstLevelDays) return null;
      const interacting = withTag(facts, 'raises-lithium');
      const older = facts.age !== null && facts.age >= th.olderAdultAge;
      const lastLevel = latestMonitoring(facts.context, ['lithium-level'], facts.now);
      // SPS: a last level of 0.8 mmol/L or more is one of the reasons for 3-monthly levels.
      const highLastLevel = lastLevel?.value != null && lastLevel.value >= th.higherRiskLevel;
      const higherRisk =
        older || interacting.length > 0 || isPregnant(facts.context) || highLastLevel;
      const interval = higherRisk
        ? th.higherRiskDays
        : days !== null && days <= 365
          ? th.firstYearDays
          : th.maintenanceDays;
      const latest = lastLevel;
      if (!isOverdue(latest, facts.now, interval, start)) return null;
      const evidence: EvidenceLine[] = [
        medicationEvidence(lithium),
        labEvidence('lithium-level', latest),
      ];
      if (older && facts.age !== null) evidence.push(ageEvidence(facts.age));
      for (const med of interacting) evidence.push(medicationEvidence(med));
      return { params: { months: Math.round(interval / 30) }, evidence };
    },
  }),
  defineRule({
    id: 'lithium-labs-due',
    family: 'lithium',
    category: 'monitoring',
    indicator: 'info',
    source: {
      label:
        'NHS SPS lithium monitoring (NICE CG185): eGFR, calcium and thyroid function every 6 months',
      url: SPS.url,
    },
    status: 'verified',
    thresholds: { labsDays: 180 },
    evaluate(facts) {
      const lithium = withIngredient(facts, 'lithium')[0];
      if (!lithium) return null;
      return monitoringDue(facts, lithium, LITHIUM_LABS, facts.thresholds.labsDays);
    },
  }),
  defineRule({
    id: 'lithium-level-toxic',
    family: 'lithium',
    category: 'monitoring',
    indicator: 'critical',
    source: {
      label: 'Lithium above 1.5 mmol/L: toxicity, urgent (NHS SPS; label; reference D9)',
      url: SPS.url,
    },
    status: 'verified',
    thresholds: { toxicLevel: 1.5, recentDays: 30 },
    supersedes: ['lithium-level-above-range'],
    evaluate(facts) {
      return levelFinding(facts, (value) => value > facts.thresholds.toxicLevel);
    },
  }),
  defineRule({
    id: 'lithium-interaction',
    family: 'lithium',
    category: 'interaction',
    indicator: 'warning',
    source: {
      label:
        'Thiazides, NSAIDs, ACE inhibitors/ARBs and metronidazole raise lithium levels (NHS SPS lithium monitoring; bpac NZ 2007)',
      url: DOCUMENTS.spsLithium,
    },
    status: 'secondary',
    evaluate(facts) {
      const lithium = withIngredient(facts, 'lithium')[0];
      const interacting = withTag(facts, 'raises-lithium');
      if (!lithium || interacting.length === 0) return null;
      return {
        params: { drugs: { list: interacting.map((med) => med.name) } },
        evidence: [medicationEvidence(lithium), ...interacting.map(medicationEvidence)],
      };
    },
  }),
  defineRule({
    id: 'lithium-level-above-range',
    family: 'lithium',
    category: 'monitoring',
    indicator: 'warning',
    source: {
      label:
        'Lithium 1.0–1.5 mmol/L: above the maintenance range, toxicity can begin — review (NHS SPS; NICE CG185; reference D9)',
      url: DOCUMENTS.spsLithium,
    },
    status: 'secondary',
    thresholds: { aboveRangeLevel: 1.0, toxicLevel: 1.5, recentDays: 30 },
    evaluate(facts) {
      const { aboveRangeLevel = 1.0, toxicLevel = 1.5 } = facts.thresholds;
      return levelFinding(facts, (value) => value >= aboveRangeLevel && value <= toxicLevel);
    },
  }),
  defineRule({
    id: 'lithium-level-after-dose-change',
    family: 'lithium',
    category: 'monitoring',
    indicator: 'warning',
    source: {
      label:
        'NHS SPS lithium monitoring: a level 1 week after each dose change, then weekly until stable',
      url: DOCUMENTS.spsLithium,
    },
    status: 'verified',
    thresholds: { levelAfterChangeDays: 7 },
    evaluate(facts) {
      const change = lastDoseChange(facts);
      if (!change) return null;
      const due = addDays(change.date, facts.thresholds.levelAfterChangeDays);
      if (facts.now < due) return null;
      const latest = latestMonitoring(facts.context, ['lithium-level'], facts.now);
      if (latest && latest.date >= change.date) return null;
      return {
        params: { from: change.from, to: change.to, date: { date: change.date } },
        evidence: [
          {
            key: 'ruleEvidenceDoseChange',
            params: {
              drug: 'lithium',
              from: change.from,
              to: change.to,
              date: { date: change.date },
            },
          },
          labEvidence('lithium-level', latest),
        ],
      };
    },
  }),
];

/** A card on the newest lithium level of the last `recentDays` when its value is in range. */
function levelFinding(
  facts: FactsWith<{ recentDays: number }>,
  inRange: (value: number) => boolean,
): RuleFinding | null {
  const latest = latestMonitoring(facts.context, ['lithium-level'], facts.now);
  if (!latest || latest.value === null || !inRange(latest.value)) return null;
  if (latest.date < addDays(facts.now, -facts.thresholds.recentDays)) return null;
  return { params: { value: latest.value }, evidence: [labEvidence('lithium-level', latest)] };
}

/**
 * The newest change of the lithium daily dose: two dated orders or statements in a row with
 * different known daily doses. The date of the later one is when the dose changed.
 */
function lastDoseChange(facts: RuleFacts): { date: IsoDate; from: number; to: number } | null {
  if (withIngredient(facts, 'lithium').length === 0) return null;
  const doses = facts.context.medications
    .filter((entry) => drugByIngredient(entry.ingredient)?.ingredient === 'lithium')
    .map((entry) => ({
      date: entry.startDate ? parseIsoDate(entry.startDate) : null,
      dose: entry.dailyDoseMg,
    }))
    .filter(
      (item): item is { date: IsoDate; dose: number } =>
        item.date !== null && item.dose !== null && item.date <= facts.now,
    )
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (let index = doses.length - 1; index > 0; index -= 1) {
    const later = doses[index] as { date: IsoDate; dose: number };
    const earlier = doses[index - 1] as { date: IsoDate; dose: number };
    if (later.dose !== earlier.dose)
      return { date: later.date, from: earlier.dose, to: later.dose };
  }
  return null;
}
