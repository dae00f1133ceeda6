/** Clozapine: absolute neutrophil count (ANC) monitoring, which the label keeps after the REMS ended. */
import type { MonitoringEntry } from '../types';
import {
  daysOn,
  isOverdue,
  labEvidence,
  latestMonitoring,
  medicationEvidence,
  withIngredient,
} from './facts';
import type { Rule } from './types';

const CLOZAPINE_LABEL = {
  label:
    'Clozapine prescribing information: ANC weekly for 6 months, every 2 weeks to 12 months, then monthly (REMS ended Feb 2025)',
  url: 'https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=clozapine',
};

/**
 * ANC in cells/µL. Labs report either cells/µL or 10³/µL; a value below 30 with no unit can only
 * be the latter, since an ANC of under 30 cells/µL is not compatible with outpatient care.
 */
export function ancPerMicrolitre(entry: MonitoringEntry): number | null {
  if (entry.value === null) return null;
  const unit = (entry.unit ?? '').toLowerCase().replace(/\s/g, '');
  const thousands = /10\^?3|10\*3|k\/|x10e3|thou|giga\/l|10\^9\/l|10\*9\/l/.test(unit);
  if (thousands || (!unit && entry.value < 30)) return entry.value * 1000;
  return entry.value;
}

export const CLOZAPINE_RULES: Rule[] = [
  {
    id: 'clozapine-anc-due',
    family: 'clozapine',
    category: 'monitoring',
    indicator: 'warning',
    source: CLOZAPINE_LABEL,
    status: 'secondary',
    thresholds: {
      weeklyUntilDays: 182,
      everyTwoWeeksUntilDays: 365,
      weeklyDays: 7,
      everyTwoWeeksDays: 14,
      monthlyDays: 31,
    },
    evaluate(facts) {
      const clozapine = withIngredient(facts, 'clozapine')[0];
      if (!clozapine) return null;
      const th = facts.thresholds;
      const days = daysOn(clozapine, facts.now);
      // Without a start date only the least frequent (monthly) schedule can be assumed.
      const interval =
        days === null
          ? (th.monthlyDays ?? 31)
          : days <= (th.weeklyUntilDays ?? 182)
            ? (th.weeklyDays ?? 7)
            : days <= (th.everyTwoWeeksUntilDays ?? 365)
              ? (th.everyTwoWeeksDays ?? 14)
              : (th.monthlyDays ?? 31);
      const latest = latestMonitoring(facts.context, ['anc'], facts.now);
      if (!isOverdue(latest, facts.now, interval)) return null;
      return {
        params: { days: interval },
        evidence: [medicationEvidence(clozapine), labEvidence('anc', latest)],
      };
    },
  },
  {
    id: 'clozapine-anc-low',
    family: 'clozapine',
    category: 'monitoring',
    indicator: 'warning',
    source: CLOZAPINE_LABEL,
    status: 'secondary',
    thresholds: { minimumAnc: 1500 },
    evaluate(facts) {
      const clozapine = withIngredient(facts, 'clozapine')[0];
      const latest = latestMonitoring(facts.context, ['anc'], facts.now);
      if (!clozapine || !latest) return null;
      const anc = ancPerMicrolitre(latest);
      if (anc === null || anc >= (facts.thresholds.minimumAnc ?? 1500)) return null;
      return {
        params: { anc },
        evidence: [medicationEvidence(clozapine), labEvidence('anc', latest)],
      };
    },
  },
];
