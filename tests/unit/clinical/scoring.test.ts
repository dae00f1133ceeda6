import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTRUMENTS, type InstrumentName } from '../../../utils/clinical/instruments';
import { parseWholeNumber, scoreAdministration } from '../../../utils/clinical/scoring';
import type { ScoreEntry } from '../../../utils/clinical/types';
import { createTranslator } from '../../../utils/i18n';

const t = createTranslator(
  JSON.parse(readFileSync(path.resolve(process.cwd(), 'public/_locales/en/messages.json'), 'utf8')),
);

function entry(instrument: string, fields: Partial<ScoreEntry> = {}): ScoreEntry {
  return {
    instrument,
    date: '2025-01-10',
    total: null,
    provenance: { source: 'entered', via: 'test' },
    ...fields,
  };
}

/** Item answers that sum to `total`, filled from item 1 upwards. */
function itemsSumming(name: InstrumentName, total: number): Record<number, number> {
  const instrument = INSTRUMENTS[name];
  const items: Record<number, number> = {};
  let left = total;
  for (let item = 1; item <= instrument.itemCount; item += 1) {
    const value = Math.min(instrument.itemMax, left);
    items[item] = value;
    left -= value;
  }
  return items;
}

describe('parseWholeNumber', () => {
  it.each([
    [12, 12],
    ['12', 12],
    [' 7 ', 7],
    ['12.0', 12],
    [-3, -3],
  ])('reads %j as %i', (value, expected) => {
    expect(parseWholeNumber(value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['12 points', 'not-a-number'],
    ['', 'not-a-number'],
    [Number.NaN, 'not-a-number'],
    [null, 'not-a-number'],
    ['twelve', 'not-a-number'],
    [12.5, 'not-whole'],
    ['3.5', 'not-whole'],
  ])('refuses %j (%s)', (value, problem) => {
    expect(parseWholeNumber(value)).toEqual({ ok: false, problem });
  });
});

describe('scoreAdministration: totals and bands at every cut-off', () => {
  const cases: Array<[InstrumentName, number, string | null]> = [
    ['PHQ-9', 0, 'minimal'],
    ['PHQ-9', 4, 'minimal'],
    ['PHQ-9', 5, 'mild'],
    ['PHQ-9', 9, 'mild'],
    ['PHQ-9', 10, 'moderate'],
    ['PHQ-9', 14, 'moderate'],
    ['PHQ-9', 15, 'moderately severe'],
    ['PHQ-9', 19, 'moderately severe'],
    ['PHQ-9', 20, 'severe'],
    ['PHQ-9', 27, 'severe'],
    ['PHQ-2', 2, 'negative'],
    ['PHQ-2', 3, 'positive'],
    ['PHQ-2', 6, 'positive'],
    ['PHQ-A', 9, 'mild'],
    ['PHQ-A', 10, 'moderate'],
    ['GAD-7', 4, 'minimal'],
    ['GAD-7', 5, 'mild'],
    ['GAD-7', 10, 'moderate'],
    ['GAD-7', 15, 'severe'],
    ['GAD-7', 21, 'severe'],
    ['PCL-5', 30, 'below cut-off'],
    ['PCL-5', 31, 'probable ptsd'],
    ['PCL-5', 80, 'probable ptsd'],
    ['EPDS', 9, 'below cut-off'],
    ['EPDS', 10, 'possible depression'],
    ['EPDS', 13, 'probable depression'],
    ['EPDS', 30, 'probable depression'],
    ['ASRS-A', 24, null],
    ['CRAVING', 0, null],
    ['CRAVING', 10, null],
  ];

  it.each(cases)('%s total %i → %s', (name, total, band) => {
    const result = scoreAdministration(entry(name, { total }), t);
    expect(result).toMatchObject({ ok: true, score: total, band, notes: [] });
  });

  it.each(cases)('%s items summing to %i → %s', (name, total, band) => {
    const result = scoreAdministration(entry(name, { items: itemsSumming(name, total) }), t);
    expect(result).toMatchObject({ ok: true, score: total, band });
  });

  it.each([
    ['male', 4, 'positive'],
    ['male', 3, 'negative'],
    ['female', 3, 'positive'],
    [null, 3, null],
  ] as const)('AUDIT-C for %s at %i → %s', (sex, total, band) => {
    expect(scoreAdministration(entry('AUDIT-C', { total }), t, { sex })).toMatchObject({
      ok: true,
      band,
    });
  });

  it('parses a total that arrives as text', () => {
    expect(scoreAdministration(entry('PHQ-9', { total: '12' }), t)).toMatchObject({
      ok: true,
      score: 12,
      band: 'moderate',
    });
  });

  it('accepts a full ISO timestamp as the date', () => {
    const result = scoreAdministration(
      entry('GAD-7', { total: 3, date: '2024-02-25T14:35:00+00:00' }),
      t,
    );
    expect(result).toMatchObject({ ok: true, date: '2024-02-25' });
  });

  it('finds the instrument by name variant or LOINC code', () => {
    expect(scoreAdministration(entry('phq9', { total: 3 }), t)).toMatchObject({
      instrument: 'PHQ-9',
    });
    expect(scoreAdministration(entry('70274-6', { total: 3 }), t)).toMatchObject({
      instrument: 'GAD-7',
    });
  });
});

describe('scoreAdministration: rejections', () => {
  it.each([
    ['PHQ-9', 300, 'the total 300 is outside the PHQ-9 range of 0 to 27'],
    ['PHQ-9', 28, 'the total 28 is outside the PHQ-9 range of 0 to 27'],
    ['GAD-7', -1, 'the total -1 is outside the GAD-7 range of 0 to 21'],
    ['PHQ-9', 12.5, 'the total 12.5 is not a whole number'],
    ['PHQ-9', 'twelve', 'the total “twelve” is not a number'],
    ['PHQ-9', '12 points', 'the total “12 points” is not a number'],
  ] as const)('%s total %j is rejected', (name, total, reason) => {
    expect(scoreAdministration(entry(name, { total }), t)).toEqual({
      ok: false,
      instrument: name,
      date: '2025-01-10',
      value: total,
      reason,
      critical: [],
    });
  });

  it('rejects a score without a date, because it cannot be charted', () => {
    const result = scoreAdministration(entry('PHQ-9', { total: 10, date: null }), t);
    expect(result).toMatchObject({
      ok: false,
      date: null,
      reason: 'no date, so it cannot be charted',
    });
    const partial = scoreAdministration(entry('PHQ-9', { total: 10, date: '2024-02' }), t);
    expect(partial.ok).toBe(false);
  });

  it('rejects an instrument it does not know', () => {
    expect(scoreAdministration(entry('HAM-D', { total: 10 }), t)).toMatchObject({
      ok: false,
      instrument: null,
      reason: '“HAM-D” is not an instrument Careside knows',
    });
  });

  it('rejects incomplete items without a total', () => {
    const result = scoreAdministration(entry('PHQ-9', { items: { 1: 1, 2: 2, 3: 0 } }), t);
    expect(result).toMatchObject({
      ok: false,
      reason: 'only 3 of 9 item answers and no usable total',
    });
  });

  it.each([
    [{ 1: 4 }, 'the answer to item 1 (4) is outside the range 0 to 3'],
    [{ 2: -1 }, 'the answer to item 2 (-1) is outside the range 0 to 3'],
    [{ 3: 'often' }, 'the answer to item 3 (“often”) is not a number'],
    [{ 4: 1.5 }, 'the answer to item 4 (1.5) is not a whole number'],
    [{ 12: 1 }, 'item 12 is not part of the PHQ-9'],
  ])('rejects bad item answers %j', (items, reason) => {
    expect(scoreAdministration(entry('PHQ-9', { total: 5, items }), t)).toMatchObject({
      ok: false,
      reason,
    });
  });

  it('rejects an administration with neither total nor answers', () => {
    expect(scoreAdministration(entry('GAD-7'), t)).toMatchObject({
      ok: false,
      reason: 'neither a total nor any item answers',
    });
  });
});

describe('scoreAdministration: item answers and stated totals', () => {
  it('charts the item sum and says so when a stated total disagrees', () => {
    const items = { 1: 0, 2: 0, 3: 0, 4: 1, 5: 2, 6: 1, 7: 3, 8: 2, 9: 1 };
    const result = scoreAdministration(entry('PHQ-9', { total: 13, items }), t);
    expect(result).toMatchObject({
      ok: true,
      score: 10,
      band: 'moderate',
      notes: ['stated total 13 disagrees with item answers (10); charted 10'],
    });
  });

  it('charts the item sum when the stated total is itself invalid', () => {
    const items = itemsSumming('GAD-7', 8);
    const result = scoreAdministration(entry('GAD-7', { total: 300, items }), t);
    expect(result).toMatchObject({ ok: true, score: 8 });
    if (result.ok) expect(result.notes[0]).toContain('stated total ignored');
  });

  it('charts the stated total, with a note, when item answers are incomplete', () => {
    const result = scoreAdministration(entry('PHQ-9', { total: '12', items: { 1: 2, 2: 2 } }), t);
    expect(result).toMatchObject({
      ok: true,
      score: 12,
      notes: ['only 2 of 9 item answers; charted the stated total'],
    });
  });

  it('counts answers written as null or empty text as unanswered', () => {
    expect(scoreAdministration(entry('PHQ-2', { items: { 1: 1, 2: null } }), t)).toMatchObject({
      ok: false,
      reason: 'only 1 of 2 item answers and no usable total',
    });
    expect(scoreAdministration(entry('PHQ-2', { items: { 1: 1, 2: ' ' } }), t)).toMatchObject({
      ok: false,
    });
    expect(scoreAdministration(entry('PHQ-2', { items: { 1: 1, 2: '2' } }), t)).toMatchObject({
      ok: true,
      score: 3,
    });
  });

  it('does not count PHQ-9 item 10 (difficulty) toward the total', () => {
    const items = { ...itemsSumming('PHQ-9', 6), 10: 3 };
    expect(scoreAdministration(entry('PHQ-9', { items }), t)).toMatchObject({ ok: true, score: 6 });
  });
});

describe('critical items', () => {
  it.each([
    [0, []],
    [1, [{ instrument: 'PHQ-9', date: '2025-01-10', item: 'PHQ-9 item 9', value: 1 }]],
    [3, [{ instrument: 'PHQ-9', date: '2025-01-10', item: 'PHQ-9 item 9', value: 3 }]],
  ])('PHQ-9 item 9 = %i', (value, critical) => {
    const items = { ...itemsSumming('PHQ-9', 4), 9: value };
    expect(scoreAdministration(entry('PHQ-9', { items }), t)).toMatchObject({ ok: true, critical });
  });

  it('keeps a positive item 9 even when the administration is rejected', () => {
    const result = scoreAdministration(entry('PHQ-9', { items: { 9: 2 } }), t);
    expect(result.ok).toBe(false);
    expect(result.critical).toEqual([
      { instrument: 'PHQ-9', date: '2025-01-10', item: 'PHQ-9 item 9', value: 2 },
    ]);
  });

  it('flags PHQ-A item 9 and its two extra suicide items', () => {
    const items = { ...itemsSumming('PHQ-A', 5), 9: 0, 10: 1, 11: 2, 12: 1, 13: 1 };
    const result = scoreAdministration(entry('PHQ-A', { items }), t);
    expect(result.ok && result.critical.map((finding) => finding.item)).toEqual([
      'PHQ-A item 12',
      'PHQ-A item 13',
    ]);
    expect(result).toMatchObject({ score: 5 });
  });

  it('flags EPDS item 10 above 0 regardless of the total', () => {
    const items = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0, 10: 1 };
    const result = scoreAdministration(entry('EPDS', { items }), t);
    expect(result).toMatchObject({
      ok: true,
      score: 1,
      band: 'below cut-off',
      critical: [{ instrument: 'EPDS', item: 'EPDS item 10', value: 1 }],
    });
  });
});

describe('C-SSRS screener triage', () => {
  it.each([
    [{ 1: 0, 2: 0, 6: 0 }, 'none', 0, []],
    [{ 1: 1, 2: 0, 6: 0 }, 'low', 1, []],
    [{ 1: 1, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0 }, 'low', 1, []],
    [{ 1: 1, 2: 1, 3: 1, 4: 0, 5: 0, 6: 0 }, 'moderate', 2, ['C-SSRS item 3']],
    [{ 1: 0, 2: 0, 6: 1, 7: 0 }, 'moderate', 2, ['C-SSRS item 6']],
    [{ 1: 1, 2: 1, 3: 1, 4: 1, 5: 0, 6: 0 }, 'high', 3, ['C-SSRS item 3', 'C-SSRS item 4']],
    [
      { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 0 },
      'high',
      3,
      ['C-SSRS item 3', 'C-SSRS item 4', 'C-SSRS item 5'],
    ],
    [{ 1: 0, 2: 0, 6: 1, 7: 1 }, 'high', 3, ['C-SSRS item 6']],
  ])('%j → %s', (items, band, score, criticalItems) => {
    const result = scoreAdministration(entry('C-SSRS', { items }), t);
    expect(result).toMatchObject({ ok: true, band, score });
    expect(result.critical.map((finding) => finding.item)).toEqual(criticalItems);
  });

  it('treats behaviour of unknown timing as recent, and says so', () => {
    const result = scoreAdministration(entry('C-SSRS', { items: { 1: 0, 2: 0, 6: 1 } }), t);
    expect(result).toMatchObject({ ok: true, band: 'high' });
    expect(result.ok && result.notes[0]).toContain('without its timing');
  });

  it('refuses a total, since the C-SSRS has none', () => {
    expect(scoreAdministration(entry('C-SSRS', { total: 3 }), t)).toMatchObject({
      ok: false,
      reason: 'the C-SSRS has no total score; its item answers are needed',
    });
  });

  it('rejects unanswered items unless the answered ones already show high risk', () => {
    expect(scoreAdministration(entry('C-SSRS', { items: { 1: 1 } }), t)).toMatchObject({
      ok: false,
    });
    expect(scoreAdministration(entry('C-SSRS', { items: { 2: 1, 4: 1 } }), t)).toMatchObject({
      ok: true,
      band: 'high',
    });
  });
});

describe('MDQ', () => {
  const symptoms = (yes: number) =>
    Object.fromEntries(Array.from({ length: 13 }, (_, index) => [index + 1, index < yes ? 1 : 0]));

  it.each([
    [symptoms(7), 1, 2, 'positive'],
    [symptoms(13), 1, 3, 'positive'],
    [symptoms(6), 1, 3, 'negative'],
    [symptoms(8), 0, 3, 'negative'],
    [symptoms(8), 1, 1, 'negative'],
  ])('symptoms %#, clustering %i, problem %i → %s', (items, clustering, problem, band) => {
    const result = scoreAdministration(
      entry('MDQ', { items: { ...items, 14: clustering, 15: problem } }),
      t,
    );
    expect(result).toMatchObject({ ok: true, band });
  });

  it('can rule out but not rule in from a total alone', () => {
    expect(scoreAdministration(entry('MDQ', { total: 5 }), t)).toMatchObject({ band: 'negative' });
    expect(scoreAdministration(entry('MDQ', { total: 9 }), t)).toMatchObject({ band: null });
  });
});
