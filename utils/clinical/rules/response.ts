/**
 * Response windows for antidepressant trials, measured against the PHQ-9 (or PHQ-A) trend: early
 * window, early non-improvement, no response at an adequate trial, and treat-to-target.
 */
import { addDays } from '../dates';
import type { IsoDate, MeasureTrend, ScorePoint } from '../types';
import { daysOn, medicationEvidence, startOf, trendFor, withTag } from './facts';
import { DOCUMENTS } from './sources';
import type { CurrentMedication, EvidenceLine, Rule, RuleFacts } from './types';

const DEPRESSION_INSTRUMENTS = ['PHQ-9', 'PHQ-A'];

const SOURCES = {
  earlyImprovement: {
    label:
      'Early improvement ≥20% by weeks 2–4 (BAP/CANMAT-style algorithm); Henssler 2018 early non-improvement',
    url: DOCUMENTS.henssler2018,
  },
  adequateTrial: {
    label:
      'No ≥50% improvement after 8–12 weeks → change strategy (STAR*D, Rush 2006; CoCM, Bao 2016)',
    url: 'https://doi.org/10.1176/ajp.2006.163.11.1905',
  },
  treatToTarget: {
    label:
      'Treat to target: remission PHQ-9 <5, response ≥50% reduction (NCQA HEDIS DRR-E; CMS159)',
    url: 'https://ecqi.healthit.gov/ecqm/ec/2024/cms0159v12',
  },
  onset: {
    label:
      'Antidepressant effect separates from placebo by week 1 (Taylor 2006, Arch Gen Psychiatry)',
    url: 'https://doi.org/10.1001/archpsyc.63.11.1217',
  },
};

/** The most recently started antidepressant with a start date: the trial being judged. */
function currentTrial(
  facts: RuleFacts,
): { med: CurrentMedication; start: IsoDate; days: number } | null {
  let best: { med: CurrentMedication; start: IsoDate; days: number } | null = null;
  for (const med of withTag(facts, 'antidepressant')) {
    const start = startOf(med);
    const days = daysOn(med, facts.now);
    if (start === null || days === null) continue;
    if (!best || start > best.start) best = { med, start, days };
  }
  return best;
}

interface TrialScores {
  trend: MeasureTrend;
  before: ScorePoint;
  latest: ScorePoint;
  /** Percent reduction from the score at the start of the trial. */
  improvement: number;
}

function inDateOrder(series: ScorePoint[]): boolean {
  for (let index = 1; index < series.length; index += 1) {
    if ((series[index] as ScorePoint).date < (series[index - 1] as ScorePoint).date) return false;
  }
  return true;
}

/**
 * The score nearest the start (on or before start + grace days) and the latest one, when the latest
 * is at least `minDaysAfterStart` into the trial.
 */
function trialScores(
  facts: RuleFacts,
  start: IsoDate,
  minDaysAfterStart: number,
): TrialScores | null {
  const trend = trendFor(facts, ...DEPRESSION_INSTRUMENTS);
  if (!trend) return null;
  const grace = facts.thresholds.baselineGraceDays ?? 7;
  // The trend engine gives its series in date order; only a series that is not is copied and
  // sorted, which spares a long chart two sorts per evaluation.
  const series = inDateOrder(trend.series)
    ? trend.series
    : [...trend.series].sort((a, b) => (a.date < b.date ? -1 : 1));
  const baselineCutoff = addDays(start, grace);
  const before = series.findLast((point) => point.date <= baselineCutoff);
  const latest = series.at(-1);
  if (!before || !latest || before.score <= 0 || latest.date <= before.date) return null;
  if (latest.date < addDays(start, minDaysAfterStart)) return null;
  const improvement = ((before.score - latest.score) / before.score) * 100;
  return { trend, before, latest, improvement };
}

function scoreEvidence(
  instrument: string,
  before: ScorePoint,
  latest: ScorePoint,
  improvement: number,
): EvidenceLine {
  return {
    key: 'ruleEvidenceScoreChange',
    params: {
      instrument,
      from: before.score,
      fromDate: { date: before.date },
      to: latest.score,
      toDate: { date: latest.date },
      percent: Math.round(improvement),
    },
  };
}

export const RESPONSE_RULES: Rule[] = [
  {
    id: 'antidepressant-early-window',
    family: 'response',
    category: 'response',
    indicator: 'info',
    source: SOURCES.onset,
    status: 'verified',
    thresholds: { earlyWindowDays: 28, firstCheckDays: 14 },
    evaluate(facts) {
      const trial = currentTrial(facts);
      const windowDays = facts.thresholds.earlyWindowDays ?? 28;
      if (!trial || trial.days > windowDays) return null;
      const firstCheck = facts.thresholds.firstCheckDays ?? 14;
      const trend = trendFor(facts, ...DEPRESSION_INSTRUMENTS);
      const firstCheckDate = addDays(trial.start, firstCheck);
      const checked = trend?.series.some((point) => point.date >= firstCheckDate);
      if (checked) return null;
      return {
        params: { drug: trial.med.name, week: Math.floor(trial.days / 7) + 1 },
        evidence: [medicationEvidence(trial.med)],
      };
    },
  },
  {
    id: 'antidepressant-early-non-improvement',
    family: 'response',
    category: 'response',
    indicator: 'warning',
    source: SOURCES.earlyImprovement,
    status: 'secondary',
    thresholds: {
      firstCheckDays: 14,
      adequateTrialDays: 56,
      earlyImprovementPercent: 20,
      baselineGraceDays: 7,
    },
    evaluate(facts) {
      const trial = currentTrial(facts);
      if (!trial || trial.days >= (facts.thresholds.adequateTrialDays ?? 56)) return null;
      const scores = trialScores(facts, trial.start, facts.thresholds.firstCheckDays ?? 14);
      if (!scores || scores.improvement >= (facts.thresholds.earlyImprovementPercent ?? 20))
        return null;
      return {
        params: {
          drug: trial.med.name,
          instrument: scores.trend.instrument,
          percent: Math.round(scores.improvement),
        },
        evidence: [
          medicationEvidence(trial.med),
          scoreEvidence(scores.trend.instrument, scores.before, scores.latest, scores.improvement),
        ],
      };
    },
  },
  {
    id: 'antidepressant-no-response-adequate-trial',
    family: 'response',
    category: 'response',
    indicator: 'warning',
    source: SOURCES.adequateTrial,
    status: 'secondary',
    thresholds: { adequateTrialDays: 56, responsePercent: 50, baselineGraceDays: 7 },
    supersedes: ['depression-response-not-remission'],
    evaluate(facts) {
      const trial = currentTrial(facts);
      const adequate = facts.thresholds.adequateTrialDays ?? 56;
      if (!trial || trial.days < adequate) return null;
      // The judging score must come from late in the trial, not from its first weeks.
      const scores = trialScores(facts, trial.start, adequate - 14);
      if (!scores || scores.improvement >= (facts.thresholds.responsePercent ?? 50)) return null;
      return {
        params: {
          drug: trial.med.name,
          weeks: Math.floor(trial.days / 7),
          instrument: scores.trend.instrument,
          percent: Math.round(scores.improvement),
        },
        evidence: [
          medicationEvidence(trial.med),
          scoreEvidence(scores.trend.instrument, scores.before, scores.latest, scores.improvement),
        ],
      };
    },
  },
  {
    id: 'depression-response-not-remission',
    family: 'response',
    category: 'response',
    indicator: 'info',
    source: SOURCES.treatToTarget,
    status: 'verified',
    evaluate(facts) {
      const trend = trendFor(facts, ...DEPRESSION_INSTRUMENTS);
      if (!trend?.latest || !trend.baseline || trend.response !== true || trend.remission !== false)
        return null;
      return {
        params: { instrument: trend.instrument, score: trend.latest.score },
        evidence: [
          {
            key: 'ruleEvidenceBaselineLatest',
            params: {
              instrument: trend.instrument,
              baseline: trend.baseline.score,
              baselineDate: { date: trend.baseline.date },
              latest: trend.latest.score,
              latestDate: { date: trend.latest.date },
            },
          },
        ],
      };
    },
  },
  {
    id: 'depression-remission',
    family: 'response',
    category: 'response',
    indicator: 'info',
    source: SOURCES.treatToTarget,
    status: 'verified',
    evaluate(facts) {
      const trend = trendFor(facts, ...DEPRESSION_INSTRUMENTS);
      if (!trend?.latest || !trend.baseline || trend.remission !== true) return null;
      return {
        params: { instrument: trend.instrument, score: trend.latest.score },
        evidence: [
          {
            key: 'ruleEvidenceBaselineLatest',
            params: {
              instrument: trend.instrument,
              baseline: trend.baseline.score,
              baselineDate: { date: trend.baseline.date },
              latest: trend.latest.score,
              latestDate: { date: trend.latest.date },
            },
          },
        ],
      };
    },
  },
];
