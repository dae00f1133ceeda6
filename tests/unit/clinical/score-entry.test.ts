import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTRUMENTS } from '../../../utils/clinical/instruments';
import { liveScore, type ScoreEntryDefinition } from '../../../utils/clinical/score-entry';
import { scoreEntryDefinitions } from '../../../utils/clinical/score-entry-definitions';
import { scoreAdministration } from '../../../utils/clinical/scoring';
import { createTranslator } from '../../../utils/i18n';

const t = createTranslator(
  JSON.parse(readFileSync(path.resolve(process.cwd(), 'public/_locales/en/messages.json'), 'utf8')),
);

const definitions = scoreEntryDefinitions();
const definitionOf = (name: string) =>
  definitions.find((definition) => definition.instrument === name) as ScoreEntryDefinition;

/** What the engine charts for these answers once the entry is saved. */
function engine(definition: ScoreEntryDefinition, answers: (number | null)[]) {
  const scored = scoreAdministration(
    {
      instrument: definition.instrument,
      date: '2025-01-06',
      total: null,
      items: Object.fromEntries(answers.map((value, index) => [index + 1, value])),
      provenance: { source: 'entered', via: 'sidebar score entry' },
    },
    t,
  );
  return {
    total: scored.ok ? scored.score : null,
    band: scored.ok ? scored.band : null,
    critical: scored.critical.map((finding) => finding.item),
  };
}

function expectAgreement(definition: ScoreEntryDefinition, answers: (number | null)[]) {
  const live = liveScore(definition, answers);
  const charted = engine(definition, answers);
  expect(live.critical, String(answers)).toEqual(charted.critical);
  if (live.complete) {
    expect([live.total, live.band], String(answers)).toEqual([charted.total, charted.band]);
  } else {
    expect(charted.total, String(answers)).toBeNull();
  }
}

/** A deterministic spread of answers: every answer of every item shows up, gaps included. */
function sample(definition: ScoreEntryDefinition, count: number): (number | null)[][] {
  const span = definition.max - definition.min + 1;
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  return Array.from({ length: count }, (_, row) =>
    Array.from({ length: definition.items }, () => {
      const pick = next() % (span + (row % 4 === 0 ? 1 : 0));
      return pick === span ? null : definition.min + pick;
    }),
  );
}

describe('score entry definitions', () => {
  it('offers PHQ-9, GAD-7 and PHQ-2 with the registry numbers', () => {
    expect(
      definitions.map(({ instrument, items, min, max, criticalItems }) => [
        instrument,
        items,
        min,
        max,
        criticalItems,
      ]),
    ).toEqual([
      ['PHQ-9', 9, 0, 3, [9]],
      ['GAD-7', 7, 0, 3, []],
      ['PHQ-2', 2, 0, 3, []],
    ]);
    for (const definition of definitions) {
      const bands = INSTRUMENTS[definition.instrument].bands;
      expect(definition.bands).toEqual(bands.map(({ name, min, max }) => ({ name, min, max })));
    }
  });

  it('agrees with the engine on every answer combination of PHQ-2, gaps included', () => {
    const definition = definitionOf('PHQ-2');
    const values = [null, 0, 1, 2, 3];
    for (const first of values) {
      for (const second of values) expectAgreement(definition, [first, second]);
    }
  });

  it.each(['PHQ-9', 'GAD-7'])('agrees with the engine on 400 sampled %s answers', (name) => {
    const definition = definitionOf(name);
    for (const answers of sample(definition, 400)) expectAgreement(definition, answers);
    // Every band boundary, complete: all items at the lowest answer but one.
    for (const band of definition.bands) {
      for (const total of [band.min, band.max]) {
        const answers = Array.from({ length: definition.items }, (_, index) =>
          Math.min(definition.max, Math.max(0, total - index * definition.max)),
        );
        expectAgreement(definition, answers);
      }
    }
  });

  it('flags PHQ-9 item 9 as soon as it is answered above 0, before the rest', () => {
    const answers = [null, null, null, null, null, null, null, null, 1];
    expect(liveScore(definitionOf('PHQ-9'), answers)).toEqual({
      total: 1,
      complete: false,
      band: null,
      critical: ['PHQ-9 item 9'],
    });
  });
});
