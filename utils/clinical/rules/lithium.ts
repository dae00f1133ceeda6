/**
 * Lithium: serum levels, renal / thyroid / calcium monitoring, toxicity, and drugs that raise
 * the level (NHS SPS lithium monitoring, based on NICE CG185).
 */
import { isPregnant } from '../conditions';
import { addDays } from '../dates';
import type { MonitoringKind } from '../types';
import {
  ageEvidence,
  daysOn,
  isOverdue,
  labEvidence,
  latestMonitoring,
  medicationEvidence,
  startOf,
  withIngredient,
  withTag,
} from './facts';
import { DOCUMENTS } from './sources';
import { type EvidenceLine, messageKey, type Rule } from './types';

const SPS = {
  label: 'NHS SPS lithium monitoring (NICE CG185): levels 3-monthly in year 1, then 3–6-monthly',
  url: DOCUMENTS.spsLithium,
};

export const LITHIUM_RULES: Rule[] = [
  {
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
    },
    evaluate(facts) {
      const lithium = withIngredient(facts, 'lithium')[0];
      if (!lithium) return null;
      const { thresholds: th } = facts;
      const days = daysOn(lithium, facts.now);
      const start = startOf(lithium);
      if (days !== null && days < (th.firstLevelDays ?? 7)) return null;
      const interacting = withTag(facts, 'raises-lithium');
      const older = facts.age !== null && facts.age >= (th.olderAdultAge ?? 65);
      const higherRisk = older || interacting.length > 0 || isPregnant(facts.context);
      const interval = higherRisk
        ? (th.higherRiskDays ?? 90)
        : days !== null && days <= 365
          ? (th.firstYearDays ?? 90)
          : (th.maintenanceDays ?? 180);
      const latest = latestMonitoring(facts.context, ['lithium-level'], facts.now);
      if (!isOverdue(latest, facts.now, interval, start)) return null;
      const evidence: EvidenceLine[] = [
        medicationEvidence(lithium),
        labEvidence('lithium-level', latest),
      ];
      if (older && facts.age !== null) evidence.push(ageEvidence(facts.age));
      for (const med of interacting) evidence.push(medicationEvidence(med));
      return { params: { months: Math.round(interval / 30) }, evidence };
    },
  },
  {
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
      const groups: Array<[MonitoringKind, MonitoringKind[]]> = [
        ['egfr', ['egfr', 'creatinine']],
        ['tsh', ['tsh']],
        ['calcium', ['calcium']],
      ];
      const due: MonitoringKind[] = [];
      const evidence: EvidenceLine[] = [medicationEvidence(lithium)];
      for (const [name, kinds] of groups) {
        const latest = latestMonitoring(facts.context, kinds, facts.now);
        if (isOverdue(latest, facts.now, facts.thresholds.labsDays ?? 180)) {
          due.push(name);
          evidence.push(labEvidence(latest?.kind ?? name, latest));
        }
      }
      if (due.length === 0) return null;
      return {
        params: { labs: { messageList: due.map((kind) => messageKey('ruleLab', kind)) } },
        evidence,
      };
    },
  },
  {
    id: 'lithium-level-toxic',
    family: 'lithium',
    category: 'monitoring',
    indicator: 'critical',
    source: {
      label: 'Lithium toxicity at about ≥1.5 mmol/L; maintenance 0.6–1.0 (NICE 2014; NHS SPS)',
      url: SPS.url,
    },
    status: 'verified',
    thresholds: { toxicLevel: 1.5, recentDays: 30 },
    evaluate(facts) {
      const latest = latestMonitoring(facts.context, ['lithium-level'], facts.now);
      if (!latest || latest.value === null) return null;
      if (latest.date < addDays(facts.now, -(facts.thresholds.recentDays ?? 30))) return null;
      if (latest.value < (facts.thresholds.toxicLevel ?? 1.5)) return null;
      return {
        params: { value: latest.value },
        evidence: [labEvidence('lithium-level', latest)],
      };
    },
  },
  {
    id: 'lithium-interaction',
    family: 'lithium',
    category: 'interaction',
    indicator: 'warning',
    source: {
      label:
        'Thiazides, NSAIDs, ACE inhibitors/ARBs and metronidazole raise lithium levels (bpac NZ 2007)',
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
  },
];
