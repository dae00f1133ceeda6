/**
 * What a clinician needs from the sidebar in one look (issue 23), computed from the patient's
 * sidebar content: who it is (initials), how many critical and warning prompts are open, where
 * the safety plan stands, the latest key score with its band and change, and the most severe
 * prompt. The collapsed tab and the open sidebar's "at a glance" block both draw from this, so the
 * two can never disagree.
 */
import type {
  CriticalItemFinding,
  Indicator,
  IsoDate,
  MeasureTrend,
  PromptCard,
  SafetyPlanStatus,
  SidebarContent,
} from './types';

/** The plan's state in the clinic's four words: none, partly written, due for review, up to date. */
export type SafetyPlanGlance = 'missing' | 'incomplete' | 'due' | 'current';

export interface KeyScore {
  instrument: string;
  score: number;
  band: string | null;
  date: IsoDate;
  /** Points since the episode's baseline (negative is lower); null with one score in the episode. */
  change: number | null;
  /** The baseline's date, which the change is measured from. */
  since: IsoDate | null;
}

export interface Glance {
  initials: string | null;
  /** Critical prompts plus positive critical items of the latest administrations. */
  critical: number;
  warning: number;
  safetyPlan: SafetyPlanGlance;
  keyScore: KeyScore | null;
  /** The most severe open prompt; rules list within a severity in their own order of importance. */
  topPrompt: Pick<PromptCard, 'indicator' | 'summary'> | null;
}

const SAFETY_PLAN_GLANCE: Record<SafetyPlanStatus, SafetyPlanGlance> = {
  missing: 'missing',
  incomplete: 'incomplete',
  'review-due': 'due',
  complete: 'current',
};

export function safetyPlanGlance(status: SafetyPlanStatus): SafetyPlanGlance {
  return SAFETY_PLAN_GLANCE[status];
}

/**
 * "DO" for "Daniel Okafor" and for "Okafor, Daniel" (EHR headers write both): the first letter of
 * the given name then of the family name. Letters are taken whole (code points, not UTF-16
 * halves), so a name outside the Basic Multilingual Plane is not cut in two.
 */
export function initialsOf(name: string | null): string | null {
  if (!name) return null;
  const commaAt = name.indexOf(',');
  const ordered = commaAt >= 0 ? `${name.slice(commaAt + 1)} ${name.slice(0, commaAt)}` : name;
  const words = ordered
    .split(/[\s\u00a0]+/)
    .map((word) => word.replace(/[^\p{L}\p{M}]/gu, ''))
    .filter((word) => word.length > 0);
  const first = words[0];
  if (first === undefined) return null;
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (word: string) => (Array.from(word)[0] ?? '').toUpperCase();
  return last === undefined ? letter(first) : letter(first) + letter(last);
}

/**
 * The score a glance leads with: the instrument most recently given (a PHQ-9 from last week says
 * more about today than a GAD-7 from last year). On the same day, the earlier trend in the list
 * wins, which is the engine's order of instruments.
 */
export function keyScoreOf(measures: MeasureTrend[]): KeyScore | null {
  let chosen: MeasureTrend | null = null;
  for (const measure of measures) {
    if (!measure.latest) continue;
    if (!chosen?.latest || measure.latest.date > chosen.latest.date) chosen = measure;
  }
  if (!chosen?.latest) return null;
  return {
    instrument: chosen.instrument,
    score: chosen.latest.score,
    band: chosen.latest.band,
    date: chosen.latest.date,
    change: chosen.change,
    since: chosen.change === null ? null : (chosen.baseline?.date ?? null),
  };
}

const SEVERITY: Record<Indicator, number> = { critical: 2, warning: 1, info: 0 };

/** The first prompt of the highest severity present, keeping the engine's order within it. */
export function mostSeverePrompt(prompts: PromptCard[]): PromptCard | null {
  let top: PromptCard | null = null;
  for (const prompt of prompts) {
    if (!top || SEVERITY[prompt.indicator] > SEVERITY[top.indicator]) top = prompt;
  }
  return top;
}

/**
 * `currentCritical` is the positive critical items of each instrument's latest administration
 * (`criticalFindings` in the sidebar): an item 9 answered above 0 is as critical as any prompt,
 * and the tab has always counted it.
 */
export function glanceOf(content: SidebarContent, currentCritical: CriticalItemFinding[]): Glance {
  const top = mostSeverePrompt(content.prompts);
  return {
    initials: initialsOf(content.patient.name),
    critical:
      content.prompts.filter((prompt) => prompt.indicator === 'critical').length +
      currentCritical.length,
    warning: content.prompts.filter((prompt) => prompt.indicator === 'warning').length,
    safetyPlan: safetyPlanGlance(content.safetyPlan.status),
    keyScore: keyScoreOf(content.measures),
    topPrompt: top ? { indicator: top.indicator, summary: top.summary } : null,
  };
}
