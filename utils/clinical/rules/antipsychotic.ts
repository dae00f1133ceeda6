/**
 * Antipsychotics: metabolic monitoring of second-generation antipsychotics on the ADA/APA 2004
 * consensus schedule, and the boxed warning in dementia.
 */
import { hasCondition } from '../conditions';
import { addDays, daysBetween } from '../dates';
import type { IsoDate, MonitoringKind, PatientContext } from '../types';
import {
  conditionEvidence,
  isOverdue,
  labEvidence,
  latestMonitoring,
  medicationEvidence,
  startOf,
  withClass,
  withTag,
} from './facts';
import { defineRule, type EvidenceLine, messageKey, type Rule } from './types';

const ADA_APA_2004 = {
  label:
    'ADA/APA/AACE/NAASO consensus 2004 (Diabetes Care 27:596): weight 4, 8, 12 weeks then quarterly; glucose, lipids, BP at 12 weeks',
  url: 'https://doi.org/10.2337/diacare.27.2.596',
};

interface Schedule {
  kinds: MonitoringKind[];
  /** Check days after the start (0 = baseline). */
  fixed: number[];
  /** Interval after the last fixed check. */
  repeatDays: number;
}

/** The latest scheduled check day that has been reached by `daysOnDrug`. */
function lastScheduledDay(daysOnDrug: number, schedule: Schedule): number {
  const reached = schedule.fixed.filter((day) => day <= daysOnDrug);
  const lastFixed = reached.at(-1) ?? 0;
  const finalFixed = schedule.fixed.at(-1) ?? 0;
  if (lastFixed < finalFixed || daysOnDrug < finalFixed) return lastFixed;
  const repeats = Math.floor((daysOnDrug - finalFixed) / schedule.repeatDays);
  return finalFixed + repeats * schedule.repeatDays;
}

/** Whether the check the schedule calls for by now is missing; without a start, the repeat interval. */
function scheduleOverdue(
  context: PatientContext,
  schedule: Schedule,
  start: IsoDate | null,
  now: IsoDate,
  thresholds: Readonly<Record<'baselineWindowDays' | 'toleranceDays', number>>,
): { due: boolean; latest: ReturnType<typeof latestMonitoring> } {
  const latest = latestMonitoring(context, schedule.kinds, now);
  if (start === null) return { due: isOverdue(latest, now, schedule.repeatDays), latest };
  const day = lastScheduledDay(daysBetween(start, now), schedule);
  const windowStart =
    day === 0
      ? addDays(start, -thresholds.baselineWindowDays)
      : addDays(start, day - thresholds.toleranceDays);
  return { due: latest === null || latest.date < windowStart, latest };
}

function metabolicRule(id: string, schedules: Array<[MonitoringKind, Schedule]>): Rule {
  return defineRule({
    id,
    family: 'antipsychotic',
    category: 'monitoring',
    indicator: 'info',
    source: ADA_APA_2004,
    status: 'verified',
    thresholds: { toleranceDays: 7, baselineWindowDays: 30 },
    evaluate(facts) {
      const sga = withClass(facts, 'SGA')[0];
      if (!sga) return null;
      const start = startOf(sga);
      const due: MonitoringKind[] = [];
      const evidence: EvidenceLine[] = [medicationEvidence(sga)];
      for (const [name, schedule] of schedules) {
        const result = scheduleOverdue(facts.context, schedule, start, facts.now, facts.thresholds);
        if (result.due) {
          due.push(name);
          evidence.push(labEvidence(result.latest?.kind ?? name, result.latest));
        }
      }
      if (due.length === 0) return null;
      return {
        params: {
          drug: sga.name,
          labs: { messageList: due.map((kind) => messageKey('ruleLab', kind)) },
        },
        evidence,
      };
    },
  });
}

export const ANTIPSYCHOTIC_RULES: Rule[] = [
  metabolicRule('sga-weight-bp-due', [
    ['weight', { kinds: ['weight', 'bmi'], fixed: [0, 28, 56, 84], repeatDays: 91 }],
    ['bp-systolic', { kinds: ['bp-systolic'], fixed: [0, 84], repeatDays: 365 }],
  ]),
  metabolicRule('sga-glucose-lipids-due', [
    ['glucose', { kinds: ['glucose', 'a1c'], fixed: [0, 84], repeatDays: 365 }],
    ['lipids', { kinds: ['lipids', 'ldl', 'triglycerides'], fixed: [0, 84], repeatDays: 1825 }],
  ]),
  defineRule({
    id: 'antipsychotic-dementia',
    family: 'antipsychotic',
    category: 'interaction',
    indicator: 'warning',
    source: {
      label:
        'Antipsychotic boxed warning: increased mortality in dementia-related psychosis; AGS Beers 2023',
      url: 'https://doi.org/10.1111/jgs.18372',
    },
    status: 'verified',
    evaluate(facts) {
      const antipsychotic = withTag(facts, 'antipsychotic')[0];
      if (!antipsychotic || !hasCondition(facts.context, 'dementia')) return null;
      // Beers keeps antipsychotics for schizophrenia and bipolar disorder.
      if (hasCondition(facts.context, 'schizophrenia') || hasCondition(facts.context, 'bipolar'))
        return null;
      return {
        params: { drug: antipsychotic.name },
        evidence: [medicationEvidence(antipsychotic), conditionEvidence('dementia')],
      };
    },
  }),
];
