/**
 * What the sidebar's score entry needs to know about the instruments it offers, as plain numbers
 * the background sends with each patient view (score-entry-definitions.ts builds them from the
 * registry), so the sidebar shows a live total, band and critical items without carrying the
 * instrument registry or the scoring engine into the page. The saved entry is still scored by
 * the engine in the background; `liveScore` agrees with it (tests/unit/clinical/score-entry.test.ts
 * checks every answer combination of PHQ-2 and samples of the others).
 */
import type { ScoreBand } from './types';

export const SCORE_ENTRY_INSTRUMENTS = ['PHQ-9', 'GAD-7', 'PHQ-2'] as const;
export type ScoreEntryInstrument = (typeof SCORE_ENTRY_INSTRUMENTS)[number];

export interface ScoreEntryDefinition {
  instrument: ScoreEntryInstrument;
  /** How many items are asked; the total is their sum. */
  items: number;
  /** Every item is answered with a whole number from `min` to `max`. */
  min: number;
  max: number;
  /** Severity bands of the total, lowest first. */
  bands: ScoreBand[];
  /** Items where any answer above `min` is a critical finding (PHQ-9 item 9). */
  criticalItems: number[];
}

export interface LiveScore {
  /** Sum of the answers given so far. */
  total: number;
  complete: boolean;
  /** The band of a complete total; null while answers are missing. */
  band: string | null;
  /** Critical items answered above `min`, as the engine names them ("PHQ-9 item 9"). */
  critical: string[];
}

/** Total, band and critical items of item answers (null = not answered yet), as the engine scores them. */
export function liveScore(definition: ScoreEntryDefinition, answers: (number | null)[]): LiveScore {
  const given = answers.filter((value): value is number => value !== null);
  const total = given.reduce((sum, value) => sum + value, 0);
  const complete = given.length === definition.items;
  const band = complete
    ? (definition.bands.find((entry) => total >= entry.min && total <= entry.max)?.name ?? null)
    : null;
  const critical = definition.criticalItems
    .filter((item) => (answers[item - 1] ?? definition.min) > definition.min)
    .map((item) => `${definition.instrument} item ${item}`);
  return { total, complete, band, critical };
}
