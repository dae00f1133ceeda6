/**
 * Measurement-based care: scales that are due, and diagnoses under treatment that have never been
 * measured with their standard instrument.
 */
import { type ConditionGroup, hasCondition } from '../conditions';
import type { MeasureTrend } from '../types';
import { conditionEvidence, daysOn, everMeasured, medicationEvidence, withTag } from './facts';
import { DOCUMENTS, LABELS } from './sources';
import type { EvidenceLine, Rule, RuleFacts } from './types';
import { defineRule } from './types';

const SOURCES = {
  tjc: {
    label:
      'The Joint Commission CTS.03.01.09: monitor progress with a standardized instrument (effective 2018)',
    url: DOCUMENTS.jointCommissionMbc,
  },
  frequency: {
    label:
      'Measurement-based care: repeat measures at regular intervals (Fortney 2017, Psychiatr Serv)',
    url: 'https://doi.org/10.1176/appi.ps.201500439',
  },
  ptsd: {
    label: 'VA/DoD PTSD guideline 2023: use the PCL-5 to track severity',
    url: 'https://www.healthquality.va.gov/guidelines/MH/ptsd/',
  },
  bipolarScreen: {
    label: 'Antidepressant class labeling: screen for bipolar disorder before starting',
    url: LABELS.mirtazapine,
  },
};

/**
 * Instruments given once as a screen are not on a monitoring schedule: a single PCL-5 becomes due
 * monthly only when PTSD is diagnosed or the scale is already being repeated (issue 19).
 */
const SCREENED_UNTIL_DIAGNOSED: Record<string, ConditionGroup> = { 'PCL-5': 'ptsd' };

function isMonitored(facts: RuleFacts, trend: MeasureTrend): boolean {
  const group = SCREENED_UNTIL_DIAGNOSED[trend.instrument];
  if (group === undefined || trend.series.length > 1) return true;
  return hasCondition(facts.context, group);
}

function neverMeasuredRule(
  id: string,
  group: ConditionGroup,
  instruments: string[],
  indicator: 'warning' | 'info',
  source: { label: string; url: string },
): Rule {
  return defineRule({
    id,
    family: 'measurement',
    category: 'measurement',
    indicator,
    source,
    status: 'verified',
    evaluate(facts) {
      if (!hasCondition(facts.context, group) || everMeasured(facts, instruments)) return null;
      return {
        params: { instrument: instruments[0] ?? '' },
        evidence: [
          conditionEvidence(group),
          { key: 'ruleEvidenceNeverMeasured', params: { instruments: { list: instruments } } },
        ],
      };
    },
  });
}

export const MEASUREMENT_RULES: Rule[] = [
  defineRule({
    id: 'measurement-due',
    family: 'measurement',
    category: 'measurement',
    indicator: 'info',
    source: SOURCES.frequency,
    status: 'verified',
    evaluate(facts) {
      const due = facts.trends.filter(
        (trend) => trend.due === true && trend.series.length > 0 && isMonitored(facts, trend),
      );
      if (due.length === 0) return null;
      return {
        params: { instruments: { list: due.map((trend) => trend.instrument) } },
        evidence: due.map(
          (trend): EvidenceLine =>
            trend.dueDate
              ? {
                  key: 'ruleEvidenceMeasureDueSince',
                  params: { instrument: trend.instrument, date: { date: trend.dueDate } },
                }
              : { key: 'ruleEvidenceMeasureDue', params: { instrument: trend.instrument } },
        ),
      };
    },
  }),
  neverMeasuredRule(
    'depression-never-measured',
    'depression',
    ['PHQ-9', 'PHQ-A'],
    'warning',
    SOURCES.tjc,
  ),
  neverMeasuredRule('anxiety-never-measured', 'anxiety', ['GAD-7'], 'info', SOURCES.tjc),
  neverMeasuredRule('ptsd-never-measured', 'ptsd', ['PCL-5'], 'info', SOURCES.ptsd),
  defineRule({
    id: 'bipolar-screen-before-antidepressant',
    family: 'measurement',
    category: 'measurement',
    indicator: 'info',
    source: SOURCES.bipolarScreen,
    status: 'secondary',
    thresholds: { recentStartDays: 90 },
    evaluate(facts) {
      if (hasCondition(facts.context, 'bipolar') || everMeasured(facts, ['MDQ'])) return null;
      const recent = withTag(facts, 'antidepressant').filter((med) => {
        const days = daysOn(med, facts.now);
        return days !== null && days <= facts.thresholds.recentStartDays;
      });
      const first = recent[0];
      if (!first) return null;
      return {
        params: { drug: first.name },
        evidence: [
          medicationEvidence(first),
          { key: 'ruleEvidenceNeverMeasured', params: { instruments: { list: ['MDQ'] } } },
        ],
      };
    },
  }),
];
