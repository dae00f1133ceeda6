import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeTrends, EPISODE_GAP_DAYS } from '../../../utils/clinical/trends';
import type { ScoreEntry } from '../../../utils/clinical/types';
import { createTranslator } from '../../../utils/i18n';

const t = createTranslator(
  JSON.parse(readFileSync(path.resolve(process.cwd(), 'public/_locales/en/messages.json'), 'utf8')),
);

function score(
  instrument: string,
  date: string | null,
  total: ScoreEntry['total'],
  extra: Partial<ScoreEntry> = {},
): ScoreEntry {
  return {
    instrument,
    date,
    total,
    provenance: { source: 'fhir', via: `Observation/${date}` },
    ...extra,
  };
}

function phq9(...pairs: Array<[string, number]>): ScoreEntry[] {
  return pairs.map(([date, total]) => score('PHQ-9', date, total));
}

describe('computeTrends', () => {
  it('follows the output contract for a responding, remitted PHQ-9', () => {
    const [trend] = computeTrends(phq9(['2025-01-06', 18], ['2025-03-03', 4]), '2025-03-10', t);
    expect(trend).toEqual({
      instrument: 'PHQ-9',
      loinc: '44261-6',
      series: [
        { date: '2025-01-06', score: 18 },
        { date: '2025-03-03', score: 4 },
      ],
      rejected: [],
      latest: { date: '2025-03-03', score: 4, band: 'minimal' },
      baseline: { date: '2025-01-06', score: 18, band: 'moderately severe' },
      change: -14,
      response: true,
      remission: true,
      reliableChange: 'improved',
      due: false,
      dueDate: '2025-03-17',
      critical: [],
      notes: [],
      scale: {
        min: 0,
        max: 27,
        bands: [
          { name: 'minimal', min: 0, max: 4 },
          { name: 'mild', min: 5, max: 9 },
          { name: 'moderate', min: 10, max: 14 },
          { name: 'moderately severe', min: 15, max: 19 },
          { name: 'severe', min: 20, max: 27 },
        ],
      },
    });
  });

  it('sends the bands of a sex-specific cut-off only when the sex is known', () => {
    const auditC = [score('AUDIT-C', '2025-01-06', 3)];
    const bandsFor = (sex: 'female' | 'male' | null) =>
      computeTrends(auditC, '2025-03-10', t, { sex })[0]?.scale;
    expect(bandsFor(null)).toEqual({ min: 0, max: 12, bands: [] });
    expect(bandsFor('female')?.bands).toEqual([
      { name: 'negative', min: 0, max: 2 },
      { name: 'positive', min: 3, max: 12 },
    ]);
    expect(bandsFor('male')?.bands.map((band) => band.max)).toEqual([3, 12]);
  });

  it('sends no scale for an instrument without a total range', () => {
    const [cssrs] = computeTrends(
      [score('C-SSRS', '2025-01-06', null, { items: { 1: 1, 2: 0, 6: 0 } })],
      '2025-03-10',
      t,
    );
    expect(cssrs?.instrument).toBe('C-SSRS');
    expect(cssrs?.scale).toBeNull();
  });

  it('sorts the series by date whatever order the chart listed them in', () => {
    const [trend] = computeTrends(
      phq9(['2025-03-03', 6], ['2025-01-06', 18], ['2025-02-03', 12]),
      '2025-03-05',
      t,
    );
    expect(trend?.series.map((point) => point.date)).toEqual([
      '2025-01-06',
      '2025-02-03',
      '2025-03-03',
    ]);
    expect(trend?.baseline?.score).toBe(18);
    expect(trend?.latest).toEqual({ date: '2025-03-03', score: 6, band: 'mild' });
  });

  it.each([
    [18, 9, true, false, 'improved'],
    [18, 10, false, false, 'improved'],
    [18, 14, false, false, 'none'],
    // NHS Talking Therapies: 6 points is reliable change; 5 (Löwe's MID) is not.
    [10, 16, false, false, 'worsened'],
    [10, 15, false, false, 'none'],
    [10, 14, false, false, 'none'],
    [10, 5, true, false, 'none'],
    [10, 4, true, true, 'improved'],
    // Response and remission need an index score of 10 or more (CMS159: above 9).
    [9, 2, null, null, 'improved'],
  ] as const)('PHQ-9 %i → %i: response %s, remission %s, reliable change %s', (first, last, response, remission, reliableChange) => {
    const [trend] = computeTrends(
      phq9(['2025-01-06', first], ['2025-02-03', last]),
      '2025-02-05',
      t,
    );
    expect(trend).toMatchObject({ change: last - first, response, remission, reliableChange });
  });

  it('leaves response and remission null when the baseline was already in remission', () => {
    const [trend] = computeTrends(phq9(['2025-01-06', 4], ['2025-02-03', 1]), '2025-02-05', t);
    expect(trend).toMatchObject({
      change: -3,
      response: null,
      remission: null,
      reliableChange: 'none',
    });
  });

  it('reports insufficient data as null, never false, with a single score', () => {
    const [trend] = computeTrends(phq9(['2025-01-06', 16]), '2025-01-07', t);
    expect(trend).toMatchObject({
      change: null,
      response: null,
      remission: null,
      reliableChange: null,
      latest: { score: 16 },
      baseline: { score: 16 },
    });
  });

  it.each([
    [8, 4, 'improved'],
    [8, 5, 'none'],
    [5, 9, 'worsened'],
  ] as const)('GAD-7 %i → %i is %s with no response or remission standard', (first, last, reliableChange) => {
    const scores = [score('GAD-7', '2025-01-06', first), score('GAD-7', '2025-02-03', last)];
    const [trend] = computeTrends(scores, '2025-02-05', t);
    expect(trend).toMatchObject({ reliableChange, response: null, remission: null });
  });

  it('uses 15 points for PCL-5 reliable change', () => {
    const scores = [score('PCL-5', '2025-01-06', 50), score('PCL-5', '2025-02-03', 36)];
    expect(computeTrends(scores, '2025-02-05', t)[0]?.reliableChange).toBe('none');
    const more = [score('PCL-5', '2025-01-06', 50), score('PCL-5', '2025-02-03', 35)];
    expect(computeTrends(more, '2025-02-05', t)[0]?.reliableChange).toBe('improved');
  });

  it('gives no reliable change for an instrument without a threshold', () => {
    const scores = [score('CRAVING', '2025-01-06', 9), score('CRAVING', '2025-02-03', 1)];
    expect(computeTrends(scores, '2025-02-05', t)[0]).toMatchObject({
      change: -8,
      reliableChange: null,
      response: null,
      due: null,
      dueDate: null,
    });
  });

  it.each([
    ['2025-01-19', false],
    ['2025-01-20', true],
    ['2025-06-01', true],
  ])('PHQ-9 taken 2025-01-06 is due on 2025-01-20 (now %s → due %s)', (now, due) => {
    expect(computeTrends(phq9(['2025-01-06', 12]), now, t)[0]).toMatchObject({
      due,
      dueDate: '2025-01-20',
    });
  });

  it('uses 28 days for GAD-7 and never makes a screening instrument due', () => {
    const scores = [score('GAD-7', '2025-01-06', 6), score('PHQ-2', '2024-01-06', 1)];
    const [phq2, gad7] = computeTrends(scores, '2025-06-01', t);
    expect(gad7).toMatchObject({ instrument: 'GAD-7', dueDate: '2025-02-03', due: true });
    expect(phq2).toMatchObject({ instrument: 'PHQ-2', due: null, dueDate: null });
  });

  it('starts a new episode after a long gap, so the baseline is the first score after it', () => {
    const scores = phq9(
      ['2022-01-10', 22],
      ['2022-03-01', 8],
      ['2024-05-06', 16],
      ['2024-06-03', 7],
    );
    const [trend] = computeTrends(scores, '2024-06-05', t);
    expect(trend?.baseline).toEqual({ date: '2024-05-06', score: 16, band: 'moderately severe' });
    expect(trend).toMatchObject({ change: -9, response: true, reliableChange: 'improved' });
    expect(trend?.series).toHaveLength(4);
  });

  it('keeps one episode while the gap stays within the window', () => {
    const gapEnd = new Date(Date.UTC(2024, 0, 1) + EPISODE_GAP_DAYS * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const [trend] = computeTrends(phq9(['2024-01-01', 20], [gapEnd, 8]), gapEnd, t);
    expect(trend?.baseline?.date).toBe('2024-01-01');
  });

  it('lists out-of-range values as rejected and never charts them', () => {
    const [trend] = computeTrends(phq9(['2024-02-25', 10], ['2025-02-19', 300]), '2025-03-01', t);
    expect(trend?.series).toEqual([{ date: '2024-02-25', score: 10 }]);
    expect(trend?.rejected).toEqual([
      {
        date: '2025-02-19',
        value: 300,
        reason: 'the total 300 is outside the PHQ-9 range of 0 to 27',
      },
    ]);
    expect(trend?.latest?.score).toBe(10);
    expect(trend?.response).toBeNull();
  });

  it('merges the same score read twice and notes different scores on one day', () => {
    const scores = [
      score('PHQ-9', '2022-11-29', 12),
      score('PHQ-9', '2022-11-29T20:50:32Z', '12'),
      score('GAD-7', '2025-01-06', 5),
      score('GAD-7', '2025-01-06', 7),
    ];
    const [phq, gad] = computeTrends(scores, '2025-01-07', t);
    expect(phq?.series).toEqual([{ date: '2022-11-29', score: 12 }]);
    expect(gad?.series).toHaveLength(2);
    expect(gad?.notes).toEqual(['different scores on Jan 6, 2025: 5, 7']);
  });

  it('finds twins and same-day conflicts however far apart the chart lists them', () => {
    const itemsRead = score('PHQ-9', '2025-01-06', null, {
      items: { 1: 2, 2: 2, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1 },
    });
    const scores = [
      score('PHQ-9', '2025-01-06', 11),
      score('PHQ-9', '2025-03-03', 6),
      score('PHQ-9', '2025-02-03', 9),
      itemsRead,
      score('PHQ-9', '2025-01-06', 14),
    ];
    const [trend] = computeTrends(scores, '2025-03-10', t);
    expect(trend?.series).toEqual([
      { date: '2025-01-06', score: 11 },
      { date: '2025-01-06', score: 14 },
      { date: '2025-02-03', score: 9 },
      { date: '2025-03-03', score: 6 },
    ]);
    expect(trend?.notes).toEqual(['different scores on Jan 6, 2025: 11, 14']);
    expect(trend?.critical).toEqual([
      { instrument: 'PHQ-9', date: '2025-01-06', item: 'PHQ-9 item 9', value: 1 },
    ]);
  });

  it('collects critical items newest first, from charted and rejected administrations', () => {
    const full = { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1 };
    const scores = [
      score('PHQ-9', '2025-01-06', null, { items: full }),
      score('PHQ-9', '2025-02-03', null, { items: { 9: 2 } }),
    ];
    const [trend] = computeTrends(scores, '2025-02-05', t);
    expect(trend?.critical).toEqual([
      { instrument: 'PHQ-9', date: '2025-02-03', item: 'PHQ-9 item 9', value: 2 },
      { instrument: 'PHQ-9', date: '2025-01-06', item: 'PHQ-9 item 9', value: 1 },
    ]);
    expect(trend?.rejected).toHaveLength(1);
  });

  it('lists only instruments with data, in registry order, and keeps unknown ones as rejected', () => {
    const scores = [
      score('GAD-7', '2025-01-06', 3),
      score('BDI-II', '2025-01-06', 20),
      score('PHQ-9', '2025-01-06', 3),
    ];
    const trends = computeTrends(scores, '2025-01-07', t);
    expect(trends.map((trend) => trend.instrument)).toEqual(['PHQ-9', 'GAD-7', 'BDI-II']);
    expect(trends[2]).toMatchObject({ series: [], loinc: null, rejected: [{ value: 20 }] });
    expect(computeTrends([], '2025-01-07', t)).toEqual([]);
  });

  it('makes an instrument with only rejected scores due now', () => {
    const [trend] = computeTrends([score('PHQ-9', '2025-01-06', 99)], '2025-01-07', t);
    expect(trend).toMatchObject({ latest: null, baseline: null, due: true, dueDate: '2025-01-07' });
  });

  it('carries scoring notes into the trend', () => {
    const items = { 1: 0, 2: 0, 3: 0, 4: 1, 5: 2, 6: 1, 7: 3, 8: 2, 9: 1 };
    const [trend] = computeTrends([score('PHQ-9', '2019-08-21', 13, { items })], '2019-08-22', t);
    expect(trend?.notes).toEqual(['stated total 13 disagrees with item answers (10); charted 10']);
    expect(trend?.series).toEqual([{ date: '2019-08-21', score: 10 }]);
  });

  it('bands AUDIT-C with the patient sex when given', () => {
    const scores = [score('AUDIT-C', '2025-01-06', 3)];
    expect(computeTrends(scores, '2025-01-07', t, { sex: 'female' })[0]?.latest?.band).toBe(
      'positive',
    );
    expect(computeTrends(scores, '2025-01-07', t)[0]?.latest?.band).toBeNull();
  });
});
