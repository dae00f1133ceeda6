/** Methadone: ECG schedule and QTc limits (Krantz et al., Ann Intern Med 2009; SAMHSA 2011). */
import { daysBetween } from '../dates';
import {
  daysOn,
  labEvidence,
  latestMonitoring,
  medicationEvidence,
  startOf,
  withIngredient,
} from './facts';
import type { EvidenceLine, Rule, RuleFacts } from './types';
import { defineRule } from './types';

const KRANTZ_2009 = {
  label:
    'Krantz et al., Ann Intern Med 2009;150:387: ECG before methadone, within 30 days, then yearly; QTc >500 ms act',
  url: 'https://doi.org/10.7326/0003-4819-150-6-200903170-00008',
};

function latestQtc(facts: RuleFacts) {
  const latest = latestMonitoring(facts.context, ['qtc'], facts.now);
  return latest?.value === null || latest === null ? null : latest;
}

export const METHADONE_RULES: Rule[] = [
  defineRule({
    id: 'methadone-ecg-due',
    family: 'methadone',
    category: 'monitoring',
    indicator: 'info',
    source: KRANTZ_2009,
    status: 'verified',
    thresholds: { followUpDays: 30, annualDays: 365, highDoseMg: 100 },
    evaluate(facts) {
      const methadone = withIngredient(facts, 'methadone')[0];
      if (!methadone) return null;
      const th = facts.thresholds;
      const latest = latestMonitoring(facts.context, ['ecg', 'qtc'], facts.now);
      const start = startOf(methadone);
      const days = daysOn(methadone, facts.now);
      const noFollowUp =
        start !== null &&
        days !== null &&
        days >= th.followUpDays &&
        (latest === null || latest.date < start);
      const stale = latest === null || daysBetween(latest.date, facts.now) > th.annualDays;
      if (!noFollowUp && !stale) return null;
      const evidence: EvidenceLine[] = [medicationEvidence(methadone), labEvidence('ecg', latest)];
      const dose = methadone.entry.dailyDoseMg;
      if (dose !== null && dose > th.highDoseMg) {
        evidence.push({
          key: 'ruleEvidenceMethadoneHighDose',
          params: { dose, limit: th.highDoseMg },
        });
      }
      return { evidence };
    },
  }),
  defineRule({
    id: 'methadone-qtc-over-500',
    family: 'methadone',
    category: 'monitoring',
    indicator: 'critical',
    source: KRANTZ_2009,
    status: 'verified',
    thresholds: { qtcLimitMs: 500 },
    evaluate(facts) {
      const methadone = withIngredient(facts, 'methadone')[0];
      const qtc = latestQtc(facts);
      if (!methadone || !qtc || qtc.value === null || qtc.value <= facts.thresholds.qtcLimitMs)
        return null;
      return {
        params: { qtc: qtc.value },
        evidence: [medicationEvidence(methadone), labEvidence('qtc', qtc)],
      };
    },
  }),
  defineRule({
    id: 'methadone-qtc-450-500',
    family: 'methadone',
    category: 'monitoring',
    indicator: 'info',
    source: KRANTZ_2009,
    status: 'verified',
    thresholds: { qtcWatchMs: 450, qtcLimitMs: 500 },
    evaluate(facts) {
      const methadone = withIngredient(facts, 'methadone')[0];
      const qtc = latestQtc(facts);
      if (!methadone || !qtc || qtc.value === null) return null;
      if (qtc.value < facts.thresholds.qtcWatchMs || qtc.value > facts.thresholds.qtcLimitMs)
        return null;
      return {
        params: { qtc: qtc.value },
        evidence: [medicationEvidence(methadone), labEvidence('qtc', qtc)],
      };
    },
  }),
];
