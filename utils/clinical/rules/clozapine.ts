/**
 * Clozapine: absolute neutrophil count (ANC) monitoring and the label's graded actions, which
 * remain after the REMS ended (reference D1; benign ethnic neutropenia has its own thresholds).
 */
import { hasCondition } from '../conditions';
import type { MonitoringEntry } from '../types';
import {
  conditionEvidence,
  daysOn,
  isOverdue,
  labEvidence,
  latestMonitoring,
  medicationEvidence,
  withIngredient,
} from './facts';
import type { EvidenceLine, FactsWith, Rule } from './types';
import { defineRule } from './types';

const CLOZAPINE_LABEL_URL =
  'https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=90876802-0e3a-44c9-9ff7-1754dfbe736a';

const CLOZAPINE_LABEL = {
  label:
    'Clozapine prescribing information: ANC weekly for 6 months, every 2 weeks to 12 months, then monthly (REMS ended Feb 2025)',
  url: CLOZAPINE_LABEL_URL,
};

const ANC_TABLE = {
  label:
    'Clozapine prescribing information, ANC table: general population and benign ethnic neutropenia (reference D1)',
  url: CLOZAPINE_LABEL_URL,
};

/**
 * ANC in cells/µL. Labs report either cells/µL or 10³/µL (K/µL and 10⁹/L are the same number); a
 * value below 30 with no unit can only be the latter, since an ANC of under 30 cells/µL is not
 * compatible with outpatient care.
 */
export function ancPerMicrolitre(entry: MonitoringEntry): number | null {
  if (entry.value === null) return null;
  const unit = (entry.unit ?? '').toLowerCase().replace(/\s/g, '');
  const thousands = /10\^?3|10\*3|k\/|x10e3|thou|giga\/l|10\^9\/l|10\*9\/l|x10e9/.test(unit);
  if (thousands || (!unit && entry.value < 30)) return entry.value * 1000;
  return entry.value;
}

type AncGrade = 'normal' | 'mild' | 'ben-neutropenia' | 'interrupt';

interface AncReading {
  anc: number;
  grade: AncGrade;
  evidence: EvidenceLine[];
}

/** The newest ANC graded by the label's table for this patient's population. */
function gradedAnc(
  facts: FactsWith<
    Record<'benSevereBelow' | 'benNormalFrom' | 'moderateBelow' | 'normalFrom', number>
  >,
): AncReading | null {
  const clozapine = withIngredient(facts, 'clozapine')[0];
  const latest = latestMonitoring(facts.context, ['anc'], facts.now);
  if (!clozapine || !latest) return null;
  const anc = ancPerMicrolitre(latest);
  if (anc === null) return null;
  const th = facts.thresholds;
  const ben = hasCondition(facts.context, 'benign-ethnic-neutropenia');
  const evidence: EvidenceLine[] = [medicationEvidence(clozapine), labEvidence('anc', latest)];
  if (ben) evidence.push(conditionEvidence('benign-ethnic-neutropenia'));
  let grade: AncGrade;
  if (ben) {
    grade =
      anc < th.benSevereBelow ? 'interrupt' : anc < th.benNormalFrom ? 'ben-neutropenia' : 'normal';
  } else {
    grade = anc < th.moderateBelow ? 'interrupt' : anc < th.normalFrom ? 'mild' : 'normal';
  }
  return { anc, grade, evidence };
}

function ancGradeRule(id: string, grade: AncGrade, indicator: Rule['indicator']): Rule {
  return defineRule({
    id,
    family: 'clozapine',
    category: 'monitoring',
    indicator,
    source: ANC_TABLE,
    status: 'verified',
    thresholds: { normalFrom: 1500, moderateBelow: 1000, benNormalFrom: 1000, benSevereBelow: 500 },
    evaluate(facts) {
      const reading = gradedAnc(facts);
      if (!reading || reading.grade !== grade) return null;
      return { params: { anc: reading.anc }, evidence: reading.evidence };
    },
  });
}

export const CLOZAPINE_RULES: Rule[] = [
  defineRule({
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
      // An unknown start (a refill-only history) is judged on the monthly schedule.
      const days = daysOn(clozapine, facts.now);
      const interval =
        days === null
          ? th.monthlyDays
          : days <= th.weeklyUntilDays
            ? th.weeklyDays
            : days <= th.everyTwoWeeksUntilDays
              ? th.everyTwoWeeksDays
              : th.monthlyDays;
      const latest = latestMonitoring(facts.context, ['anc'], facts.now);
      if (!isOverdue(latest, facts.now, interval)) return null;
      return {
        params: { days: interval },
        evidence: [medicationEvidence(clozapine), labEvidence('anc', latest)],
      };
    },
  }),
  // General population 1000–1499/µL: continue, ANC three times a week until ≥ 1500.
  ancGradeRule('clozapine-anc-mild-neutropenia', 'mild', 'warning'),
  // Benign ethnic neutropenia 500–999/µL: continue, hematology consult, three times a week.
  ancGradeRule('clozapine-anc-ben-neutropenia', 'ben-neutropenia', 'warning'),
  // General population < 1000/µL (moderate or severe), or < 500/µL in BEN: interrupt.
  ancGradeRule('clozapine-anc-interrupt', 'interrupt', 'critical'),
];
