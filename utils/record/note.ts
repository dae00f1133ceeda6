/**
 * "Copy for the note" (issue #22): the visit in plain text to paste into any EHR's note, with no
 * endpoint needed. Pure: the words and formats come from the caller (catalogue, Intl).
 */

import type { OverrideReason } from '../clinical/override-reasons';
import {
  SAFETY_PLAN_STEP_IDS,
  type SafetyPlan,
  type SafetyPlanStepId,
} from '../clinical/safety-plan';
import type { IsoDate, PromptCard, SidebarContent } from '../clinical/types';

/**
 * A stored dismissal as far as the note needs it (utils/storage/dismissals.ts has the whole
 * record; storage stays out of what the pages load).
 */
interface Dismissal {
  ruleId: string;
  factsKey: string;
  reason: OverrideReason | 'snooze';
  at: string;
}

/** A prompt the clinician dismissed during this visit, with the reason they gave. */
export interface AddressedPrompt {
  summary: string;
  reason: OverrideReason;
}

export interface NoteWords {
  title(date: string): string;
  score(fields: { instrument: string; score: string; band: string | null; date: string }): string;
  change(fields: { change: string; baselineDate: string; reliable: string | null }): string;
  noScores: string;
  safetyPlan(status: string): string;
  step(id: SafetyPlanStepId): string;
  noSafetyPlan: string;
  promptsTitle: string;
  noPrompts: string;
  addressedTitle: string;
  reason(reason: OverrideReason): string;
  formatDate(date: IsoDate): string;
  formatNumber(value: number): string;
  band(name: string): string;
  status(status: string): string;
  reliable(change: 'improved' | 'worsened' | 'none'): string;
}

export interface NoteInput {
  content: SidebarContent;
  safetyPlan: SafetyPlan | null;
  /** Prompts dismissed today with a reason (see `promptsAddressedOn`). */
  addressed: AddressedPrompt[];
  today: IsoDate;
  clinician: string;
  /** The clinic's template ('' = Careside's own layout). */
  template: string;
}

const DEFAULT_TEMPLATE = '{title}\n\n{scores}\n\n{safetyPlan}\n\n{prompts}';

export function noteText(input: NoteInput, words: NoteWords): string {
  const { content } = input;
  const scores = content.measures
    .filter((measure) => measure.latest !== null)
    .map((measure) => {
      const latest = measure.latest as NonNullable<typeof measure.latest>;
      const lines = [
        words.score({
          instrument: measure.instrument,
          score: words.formatNumber(latest.score),
          band: latest.band ? words.band(latest.band) : null,
          date: words.formatDate(latest.date),
        }),
      ];
      if (measure.change !== null && measure.baseline) {
        const sign = measure.change > 0 ? '+' : '';
        lines.push(
          words.change({
            change: `${sign}${words.formatNumber(measure.change)}`,
            baselineDate: words.formatDate(measure.baseline.date),
            reliable: measure.reliableChange ? words.reliable(measure.reliableChange) : null,
          }),
        );
      }
      return lines.map((line, index) => (index === 0 ? `- ${line}` : `  ${line}`)).join('\n');
    });
  const plan = input.safetyPlan;
  const planLines = [words.safetyPlan(words.status(content.safetyPlan.status))];
  if (plan) {
    for (const id of SAFETY_PLAN_STEP_IDS) {
      const entries = plan.steps[id]?.entries.filter((entry) => entry.trim() !== '') ?? [];
      if (entries.length > 0) planLines.push(`- ${words.step(id)}: ${entries.join('; ')}`);
    }
  } else {
    planLines.push(words.noSafetyPlan);
  }
  const prompts = [
    words.promptsTitle,
    ...(content.prompts.length > 0
      ? content.prompts.map((prompt) => `- ${prompt.summary}`)
      : [words.noPrompts]),
  ];
  if (input.addressed.length > 0) {
    prompts.push(
      words.addressedTitle,
      ...input.addressed.map((prompt) => `- ${prompt.summary} (${words.reason(prompt.reason)})`),
    );
  }
  const parts: Record<string, string> = {
    title: words.title(words.formatDate(input.today)),
    date: words.formatDate(input.today),
    clinician: input.clinician,
    scores: scores.length > 0 ? scores.join('\n') : words.noScores,
    safetyPlan: planLines.join('\n'),
    prompts: prompts.join('\n'),
  };
  const template = input.template.trim() === '' ? DEFAULT_TEMPLATE : input.template;
  return template.replace(
    /\{(title|date|clinician|scores|safetyPlan|prompts)\}/g,
    (_, name) => parts[name] ?? '',
  );
}

/**
 * The prompts a clinician dealt with on `today`: a card whose facts still hold, dismissed today
 * with an override reason. A snooze ("not now") puts a card off; it does not address it, so it is
 * left out. `localDateOf` turns a dismissal's timestamp into the clinician's calendar day.
 */
export function promptsAddressedOn(
  today: IsoDate,
  prompts: PromptCard[],
  dismissals: Dismissal[],
  localDateOf: (timestamp: string) => IsoDate,
): AddressedPrompt[] {
  const addressed: AddressedPrompt[] = [];
  for (const prompt of prompts) {
    const dismissal = dismissals.find(
      (d) => d.ruleId === prompt.id && d.factsKey === prompt.factsKey,
    );
    if (!dismissal || dismissal.reason === 'snooze') continue;
    if (localDateOf(dismissal.at) !== today) continue;
    addressed.push({ summary: prompt.summary, reason: dismissal.reason });
  }
  return addressed;
}
