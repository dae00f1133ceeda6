/**
 * Response windows for antidepressant trials, measured against the PHQ-9 (or PHQ-A) trend: early
 * window, early non-improvement, no response at an adequate trial, and treat-to-target.
 */

import { type ConditionGroup, hasCondition } from '../conditions';
import { addDays } from '../dates';
import { bandFor, INSTRUMENTS } from '../instruments';
import type { IsoDate, MeasureTrend, ScorePoint } from '../types';
import { daysOn, isSleepDose, medicationEvidence, startOf, trendFor, withTag } from './facts';
import { DOCUMENTS } from './sources';
import type { CurrentMedication, EvidenceLine, FactsWith, Rule, RuleFacts } from './types';
import { defineRule } from './types';

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

/**
 * Whether an antidepressant is being judged as a depression trial. Another indication on the chart
 * (an anxiety disorder, PTSD, insomnia) without a depressive disorder makes it a trial for that
 * condition, which the PHQ-9 does not judge.
 */
function isDepressionTrial(facts: RuleFacts): boolean {
  if (hasCondition(facts.context, 'depression')) return true;
  return !OTHER_INDICATIONS.some((group) => hasCondition(facts.context, group));
}

const OTHER_INDICATIONS: ConditionGroup[] = ['anxiety', 'panic', 'ptsd', 'insomnia', 'bipolar'];
const ANXIETY_INDICATIONS: ConditionGroup[] = ['anxiety', 'panic'];

/** An antidepressant for an anxiety disorder without depression: judged on the GAD-7. */
function isAnxietyTrial(facts: RuleFacts): boolean {
  return (
    !hasCondition(facts.context, 'depression') &&
    ANXIETY_INDICATIONS.some((group) => hasCondition(facts.context, group))
  );
}

/**
 * The most recently started antidepressant with a known start, at an antidepressant dose, for
 * depression: the trial being judged. A refill's date is no start, and trazodone or mirtazapine
 * for sleep is no antidepressant trial.
 */
function currentTrial(
  facts: RuleFacts,
  condition: 'depression' | 'anxiety' = 'depression',
): { med: CurrentMedication; start: IsoDate; days: number } | null {
  if (condition === 'depression' ? !isDepressionTrial(facts) : !isAnxietyTrial(facts)) return null;
  let best: { med: CurrentMedication; start: IsoDate; days: number } | null = null;
  for (const med of withTag(facts, 'antidepressant')) {
    if (isSleepDose(med)) continue;
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
  facts: FactsWith<Record<'baselineGraceDays' | 'indexAtLeast', number>>,
  start: IsoDate,
  minDaysAfterStart: number,
  instruments: string[] = DEPRESSION_INSTRUMENTS,
): TrialScores | null {
  const trend = trendFor(facts, ...instruments);
  if (!trend) return null;
  const grace = facts.thresholds.baselineGraceDays;
  // The trend engine gives its series in date order; only a series that is not is copied and
  // sorted, which spares a long chart two sorts per evaluation.
  const series = inDateOrder(trend.series)
    ? trend.series
    : [...trend.series].sort((a, b) => (a.date < b.date ? -1 : 1));
  const baselineCutoff = addDays(start, grace);
  const before = series.findLast((point) => point.date <= baselineCutoff);
  const latest = series.at(-1);
  if (!before || !latest || latest.date <= before.date) return null;
  // Judged from an index score at caseness: PHQ-9 10 or more (CMS159 counts above 9), GAD-7 8.
  if (before.score < facts.thresholds.indexAtLeast) return null;
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
  defineRule({
    id: 'antidepressant-early-window',
    family: 'response',
    category: 'response',
    indicator: 'info',
    source: SOURCES.onset,
    status: 'verified',
    thresholds: { earlyWindowDays: 28, firstCheckDays: 14 },
    evaluate(facts) {
      const trial = currentTrial(facts);
      const windowDays = facts.thresholds.earlyWindowDays;
      if (!trial || trial.days > windowDays) return null;
      const firstCheck = facts.thresholds.firstCheckDays;
      const trend = trendFor(facts, ...DEPRESSION_INSTRUMENTS);
      const firstCheckDate = addDays(trial.start, firstCheck);
      const checked = trend?.series.some((point) => point.date >= firstCheckDate);
      if (checked) return null;
      return {
        params: { drug: trial.med.name, week: Math.floor(trial.days / 7) + 1 },
        evidence: [medicationEvidence(trial.med)],
      };
    },
  }),
  defineRule({
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
      indexAtLeast: 10,
    },
    evaluate(facts) {
      const trial = currentTrial(facts);
      if (!trial || trial.days >= facts.thresholds.adequateTrialDays) return null;
      const scores = trialScores(facts, trial.start, facts.thresholds.firstCheckDays);
      if (!scores || scores.improvement >= facts.thresholds.earlyImprovementPercent) return null;
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
  }),
  defineRule({
    id: 'antidepressant-no-response-adequate-trial',
    family: 'response',
    category: 'response',
    indicator: 'warning',
    source: SOURCES.adequateTrial,
    status: 'secondary',
    thresholds: {
      adequateTrialDays: 56,
      responsePercent: 50,
      baselineGraceDays: 7,
      indexAtLeast: 10,
      remissionBelow: 5,
    },
    supersedes: ['depression-response-not-remission'],
    evaluate(facts) {
      const trial = currentTrial(facts);
      const adequate = facts.thresholds.adequateTrialDays;
      if (!trial || trial.days < adequate) return null;
      // The judging score must come from late in the trial, not from its first weeks.
      const scores = trialScores(facts, trial.start, adequate - 14);
      if (!scores || scores.improvement >= facts.thresholds.responsePercent) return null;
      // "No response" and "in remission" never stand together.
      if (scores.latest.score < facts.thresholds.remissionBelow) return null;
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
  }),
  defineRule({
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
  }),
  defineRule({
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
  }),
  defineRule({
    id: 'anxiety-no-reliable-improvement',
    family: 'response',
    category: 'response',
    indicator: 'warning',
    source: {
      label:
        'NHS Talking Therapies manual: GAD-7 caseness 8, reliable improvement 4 points; change strategy after 8–12 weeks without improvement (reference C, D5)',
      url: DOCUMENTS.nhsTalkingTherapiesManual,
    },
    status: 'secondary',
    thresholds: {
      adequateTrialDays: 56,
      baselineGraceDays: 7,
      indexAtLeast: 8,
      reliableChangePoints: 4,
    },
    evaluate(facts) {
      const trial = currentTrial(facts, 'anxiety');
      const adequate = facts.thresholds.adequateTrialDays;
      if (!trial || trial.days < adequate) return null;
      const scores = trialScores(facts, trial.start, adequate - 14, ['GAD-7']);
      if (!scores) return null;
      const points = scores.before.score - scores.latest.score;
      if (points >= facts.thresholds.reliableChangePoints) return null;
      return {
        params: {
          drug: trial.med.name,
          weeks: Math.floor(trial.days / 7),
          instrument: 'GAD-7',
          from: scores.before.score,
          to: scores.latest.score,
        },
        evidence: [
          medicationEvidence(trial.med),
          scoreEvidence('GAD-7', scores.before, scores.latest, scores.improvement),
        ],
      };
    },
  }),
  defineRule({
    id: 'symptom-deterioration',
    family: 'response',
    category: 'response',
    indicator: 'warning',
    source: {
      label:
        'NHS Talking Therapies manual: reliable deterioration PHQ-9 ≥ 6, GAD-7 ≥ 4 points; PHQ-9 bands (Kroenke 2001), GAD-7 bands (Spitzer 2006)',
      url: DOCUMENTS.nhsTalkingTherapiesManual,
    },
    status: 'verified',
    evaluate(facts) {
      const evidence: EvidenceLine[] = [];
      let first: Deterioration | null = null;
      for (const instrument of ['PHQ-9', 'PHQ-A', 'GAD-7'] as const) {
        const found = deteriorationOf(facts, instrument);
        if (!found) continue;
        first ??= found;
        evidence.push(found.evidence);
      }
      if (!first) return null;
      return {
        params: { instrument: first.instrument, from: first.from, to: first.to },
        evidence,
      };
    },
  }),
];

interface Deterioration {
  instrument: string;
  from: number;
  to: number;
  evidence: EvidenceLine;
}

/** The bands a move into which is a deterioration in itself, by instrument. */
const SEVERE_BANDS: Record<'PHQ-9' | 'PHQ-A' | 'GAD-7', string[]> = {
  'PHQ-9': ['moderately severe', 'severe'],
  'PHQ-A': ['moderately severe', 'severe'],
  'GAD-7': ['severe'],
};

/**
 * Reliable worsening from the previous score or from the episode's baseline, or a move from a lower
 * band into the moderately severe or severe band, on the newest administration.
 */
function deteriorationOf(
  facts: RuleFacts,
  name: 'PHQ-9' | 'PHQ-A' | 'GAD-7',
): Deterioration | null {
  const trend = trendFor(facts, name);
  const instrument = INSTRUMENTS[name];
  const latest = trend?.series.at(-1);
  const previous = trend?.series.at(-2);
  if (!trend || !latest || !previous) return null;
  const points = instrument.reliableChangePoints;
  const baseline = trend.baseline?.score ?? previous.score;
  const reference = Math.min(previous.score, baseline);
  const reliable = points !== null && latest.score - reference >= points;
  const latestBand = bandFor(instrument, latest.score, facts.context.identity.sex);
  const previousBand = bandFor(instrument, previous.score, facts.context.identity.sex);
  const intoSevere =
    latestBand !== null &&
    SEVERE_BANDS[name].includes(latestBand) &&
    previousBand !== null &&
    !SEVERE_BANDS[name].includes(previousBand);
  if (!reliable && !intoSevere) return null;
  const from = reliable ? reference : previous.score;
  const fromPoint = from === previous.score ? previous : (trend.baseline ?? previous);
  return {
    instrument: name,
    from,
    to: latest.score,
    evidence: {
      key: intoSevere ? 'ruleEvidenceScoreIntoBand' : 'ruleEvidenceScoreWorsened',
      params: {
        instrument: name,
        from,
        fromDate: { date: fromPoint.date },
        to: latest.score,
        toDate: { date: latest.date },
        band: latestBand ?? '',
        points: points ?? 0,
      },
    },
  };
}
