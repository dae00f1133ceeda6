/**
 * Suicide-risk items and the safety plan. A positive critical item is the one hard stop that
 * needs a same-day response, so these cards name 988 and the safety plan themselves and replace
 * the quieter "safety plan missing" cards for the same risk.
 */
import { conditionsInGroup } from '../conditions';
import { parseIsoDate } from '../dates';
import type { CriticalItemFinding, IsoDate, ScoreEntry } from '../types';
import { conditionEvidence, daysAgo } from './facts';
import { DOCUMENTS } from './sources';
import type { EvidenceLine, Rule, RuleFacts, RuleFinding } from './types';
import { defineRule } from './types';

const CRISIS_LINE = '988';

const SOURCES = {
  phq9: {
    label:
      'PHQ-9 scoring instructions: every positive item 9 needs clinical follow-up (Kroenke 2001)',
    url: 'https://doi.org/10.1046/j.1525-1497.2001.016009606.x',
  },
  epds: {
    label: 'EPDS item 10 > 0 needs immediate evaluation (Cox 1987; NSW Health SAFE START)',
    url: 'https://doi.org/10.1192/bjp.150.6.782',
  },
  cssrs: {
    label: 'Columbia C-SSRS screener clinical triage guidelines',
    url: DOCUMENTS.posner2011,
  },
  safetyPlan: {
    label: 'Stanley & Brown Safety Planning Intervention, Cogn Behav Pract 2012;19:256',
    url: 'https://doi.org/10.1016/j.cbpra.2011.01.001',
  },
};

function isYes(value: number | string | null | undefined): boolean {
  if (typeof value === 'number') return value > 0;
  if (typeof value === 'string') return /^(?:yes|y|true|1)$/i.test(value.trim());
  return false;
}

function isNo(value: number | string | null | undefined): boolean {
  if (typeof value === 'number') return value === 0;
  if (typeof value === 'string') return /^(?:no|n|false|0)$/i.test(value.trim());
  return false;
}

/** Critical-item findings of the instruments on their newest administration within the window. */
function currentCriticalFindings(
  facts: RuleFacts,
  instruments: string[],
  recentDays: number,
): CriticalItemFinding[] {
  const since = daysAgo(facts.now, recentDays);
  const findings: CriticalItemFinding[] = [];
  for (const trend of facts.trends) {
    if (!instruments.includes(trend.instrument)) continue;
    const newest = trend.latest?.date ?? null;
    for (const finding of trend.critical) {
      if (finding.date < since || finding.date > facts.now) continue;
      if (newest !== null && finding.date < newest) continue;
      findings.push(finding);
    }
  }
  return findings;
}

function criticalItemEvidence(findings: CriticalItemFinding[]): EvidenceLine[] {
  return findings.map((finding) => ({
    key: 'ruleEvidenceCriticalItem',
    params: { item: finding.item, value: finding.value, date: { date: finding.date } },
  }));
}

function criticalItemRule(
  id: string,
  instruments: string[],
  source: { label: string; url: string },
): Rule {
  return defineRule({
    id,
    family: 'safety',
    category: 'safety',
    indicator: 'critical',
    source,
    status: 'secondary',
    thresholds: { recentDays: 30 },
    supersedes: ['safety-plan-missing-with-risk', 'safety-plan-review-due'],
    evaluate(facts) {
      const findings = currentCriticalFindings(facts, instruments, facts.thresholds.recentDays);
      if (findings.length === 0) return null;
      return { params: { crisisLine: CRISIS_LINE }, evidence: criticalItemEvidence(findings) };
    },
  });
}

type CssrsLevel = 'high' | 'moderate' | null;

interface CssrsReading {
  level: CssrsLevel;
  date: IsoDate;
  items: number[];
}

const CSSRS_INSTRUMENTS = ['C-SSRS', 'C-SSRS Screener', 'C-SSRS Since Last Visit'];

/**
 * The newest C-SSRS screener within the window, triaged as the screener's published guidelines do:
 * high for intent (4) or a plan with intent (5), or suicidal behaviour (6) within the past 3 months;
 * moderate for thoughts with a method (3), or behaviour more than 3 months ago — item 6 endorsed
 * with its follow-up (charted as item 7, "within the past 3 months?") answered no. An item 6
 * without its follow-up counts as recent until a clinician says otherwise.
 */
function newestCssrs(facts: RuleFacts, recentDays: number): CssrsReading | null {
  const since = daysAgo(facts.now, recentDays);
  let newest: { score: ScoreEntry; date: IsoDate } | null = null;
  // Most charts hold no C-SSRS at all, and theirs need not be read score by score.
  const charted = CSSRS_INSTRUMENTS.some((name) => facts.chartedInstruments.has(name));
  for (const score of charted ? facts.context.scores : []) {
    if (!CSSRS_INSTRUMENTS.includes(score.instrument)) continue;
    const date = score.date ? parseIsoDate(score.date) : null;
    if (!date || date < since || date > facts.now) continue;
    if (!newest || date > newest.date) newest = { score, date };
  }
  const fromItems = newest
    ? Object.entries(newest.score.items ?? {})
        .filter(([, value]) => isYes(value))
        .map(([item]) => Number(item))
    : [];
  const fromTrends = facts.trends
    .filter((trend) => CSSRS_INSTRUMENTS.includes(trend.instrument))
    .flatMap((trend) => trend.critical)
    .filter(
      (finding) =>
        finding.date >= since &&
        finding.date <= facts.now &&
        (!newest || finding.date >= newest.date),
    )
    .map((finding) => Number(/(\d+)\s*$/.exec(finding.item)?.[1] ?? Number.NaN))
    .filter((item) => Number.isFinite(item));
  const behaviourLongAgo = newest !== null && isNo(newest.score.items?.[7]);
  const items = [...new Set([...fromItems, ...fromTrends])]
    .filter((item) => item !== 7)
    .sort((a, b) => a - b);
  const date =
    newest?.date ??
    facts.trends
      .filter((trend) => CSSRS_INSTRUMENTS.includes(trend.instrument))
      .flatMap((trend) => trend.critical.map((finding) => finding.date))
      .sort()
      .at(-1) ??
    null;
  if (!date || items.length === 0) return null;
  const recentBehaviour = items.includes(6) && !behaviourLongAgo;
  const level: CssrsLevel =
    items.includes(4) || items.includes(5) || recentBehaviour
      ? 'high'
      : items.includes(3) || items.includes(6)
        ? 'moderate'
        : null;
  return { level, date, items };
}

function cssrsFinding(reading: CssrsReading): RuleFinding {
  return {
    params: { crisisLine: CRISIS_LINE },
    evidence: [
      {
        key: 'ruleEvidenceCssrsItems',
        params: { items: { list: reading.items.map(String) }, date: { date: reading.date } },
      },
    ],
  };
}

/** What makes suicide risk "present" for the safety-plan checks, as evidence lines. */
function riskEvidence(facts: RuleFacts, windowDays: number): EvidenceLine[] {
  const since = daysAgo(facts.now, windowDays);
  const evidence: EvidenceLine[] = criticalItemEvidence(
    facts.trends
      .flatMap((trend) => trend.critical)
      .filter((finding) => finding.date >= since && finding.date <= facts.now)
      .slice(0, 3),
  );
  if (conditionsInGroup(facts.context, 'self-harm').length > 0) {
    evidence.push(conditionEvidence('self-harm'));
  }
  const cssrs = newestCssrs(facts, windowDays);
  if (cssrs?.items.some((item) => item >= 2)) evidence.push(...cssrsFinding(cssrs).evidence);
  return evidence;
}

export const SAFETY_RULES: Rule[] = [
  criticalItemRule('phq9-item9-positive', ['PHQ-9', 'PHQ-A'], SOURCES.phq9),
  criticalItemRule('epds-item10-positive', ['EPDS'], SOURCES.epds),
  defineRule({
    id: 'cssrs-high-risk',
    family: 'safety',
    category: 'safety',
    indicator: 'critical',
    source: SOURCES.cssrs,
    status: 'secondary',
    thresholds: { recentDays: 30 },
    supersedes: ['cssrs-moderate-risk', 'safety-plan-missing-with-risk', 'safety-plan-review-due'],
    evaluate(facts) {
      const reading = newestCssrs(facts, facts.thresholds.recentDays);
      return reading?.level === 'high' ? cssrsFinding(reading) : null;
    },
  }),
  defineRule({
    id: 'cssrs-moderate-risk',
    family: 'safety',
    category: 'safety',
    indicator: 'warning',
    source: SOURCES.cssrs,
    status: 'secondary',
    thresholds: { recentDays: 30 },
    evaluate(facts) {
      const reading = newestCssrs(facts, facts.thresholds.recentDays);
      return reading?.level === 'moderate' ? cssrsFinding(reading) : null;
    },
  }),
  defineRule({
    id: 'safety-plan-missing-with-risk',
    family: 'safety',
    category: 'safety',
    indicator: 'warning',
    source: SOURCES.safetyPlan,
    status: 'verified',
    thresholds: { riskWindowDays: 365 },
    evaluate(facts) {
      const status = facts.safetyPlanStatus;
      if (status !== 'missing' && status !== 'incomplete') return null;
      const evidence = riskEvidence(facts, facts.thresholds.riskWindowDays);
      if (evidence.length === 0) return null;
      return {
        params: { crisisLine: CRISIS_LINE },
        evidence: [
          ...evidence,
          { key: `ruleEvidenceSafetyPlan${status === 'missing' ? 'Missing' : 'Incomplete'}` },
        ],
      };
    },
  }),
  defineRule({
    id: 'safety-plan-review-due',
    family: 'safety',
    category: 'safety',
    indicator: 'info',
    source: SOURCES.safetyPlan,
    status: 'verified',
    thresholds: { riskWindowDays: 365 },
    evaluate(facts) {
      if (facts.safetyPlanStatus !== 'review-due') return null;
      const evidence = riskEvidence(facts, facts.thresholds.riskWindowDays);
      if (evidence.length === 0) return null;
      return { evidence: [...evidence, { key: 'ruleEvidenceSafetyPlanReviewDue' }] };
    },
  }),
];
