/**
 * The score-entry definitions (score-entry.ts) built from the instrument registry, in the
 * background, for the patient view.
 */
import { getInstrument } from './instruments';
import { SCORE_ENTRY_INSTRUMENTS, type ScoreEntryDefinition } from './score-entry';
import { measureScale } from './trends';

export function scoreEntryDefinitions(): ScoreEntryDefinition[] {
  return SCORE_ENTRY_INSTRUMENTS.map((name) => {
    const instrument = getInstrument(name);
    const critical = instrument.critical.filter(
      (rule) => rule.positiveAtLeast === instrument.itemMin + 1,
    );
    if (instrument.scoring !== 'sum' || critical.length !== instrument.critical.length) {
      // The sidebar's live total is a plain sum of the items and flags any critical item above
      // the lowest answer; an instrument scored another way would show what the engine does not
      // chart. Items asked but not scored (PHQ-9 item 10) are not offered for entry.
      throw new Error(`${name} cannot be entered as a plain sum of items`);
    }
    return {
      instrument: name,
      items: instrument.itemCount,
      min: instrument.itemMin,
      max: instrument.itemMax,
      bands: measureScale(instrument)?.bands ?? [],
      criticalItems: critical.map((rule) => rule.item),
    };
  });
}
