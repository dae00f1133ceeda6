// @vitest-environment happy-dom
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { TrendPanel } from '../../../components/TrendPanel';
import { INSTRUMENTS } from '../../../utils/clinical/instruments';
import { measureScale } from '../../../utils/clinical/trends';
import type { MeasureTrend } from '../../../utils/clinical/types';
import { LOCALE, mount, phq9Trend, t, unmount } from './helpers';

afterEach(unmount);

function renderTrends(measures: MeasureTrend[], markers = [] as { date: string; label: string }[]) {
  return mount(h(TrendPanel, { measures, medicationMarkers: markers, t, locale: LOCALE }));
}

describe('trend chart', () => {
  it('draws the PHQ-9 severity bands from the instrument registry, each named in text', () => {
    const el = renderTrends([phq9Trend()]);
    const bands = [...el.querySelectorAll('[data-band]')].map((band) =>
      band.getAttribute('data-band'),
    );
    expect(bands).toEqual(['minimal', 'mild', 'moderate', 'moderately severe', 'severe']);
    const labels = [...el.querySelectorAll('.cs-band-label')].map((label) => label.textContent);
    expect(labels).toContain('moderately severe');
  });

  it('plots every charted score and none of the rejected ones', () => {
    const el = renderTrends([phq9Trend()]);
    const points = [...el.querySelectorAll('.cs-chart-point title')].map(
      (title) => title.textContent,
    );
    expect(points).toEqual(['Jan 10, 2024: 18', 'Feb 14, 2024: 12', 'Apr 2, 2024: 6']);
    expect(el.querySelector('.cs-chart-line')?.getAttribute('points')?.split(' ')).toHaveLength(3);
  });

  it('has a text equivalent: a label with count, range and latest, and a table of every score', () => {
    const el = renderTrends([phq9Trend()]);
    const svg = el.querySelector('svg.cs-chart-svg');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toBe(
      'PHQ-9: 3 scores from Jan 10, 2024 to Apr 2, 2024, latest 6',
    );
    const details = el.querySelector('details.cs-chart-data') as HTMLDetailsElement | null;
    expect(details?.querySelector('summary')?.textContent).toBe('All 3 scores as a table');
    // Rows are built when the table is opened.
    expect(details?.querySelector('table')).toBeNull();
    if (!details) throw new Error('no score table');
    act(() => {
      details.open = true;
      // Browsers fire `toggle` after the change; the test fires it itself where its DOM has not.
      details.dispatchEvent(new Event('toggle'));
    });
    const rows = [...details.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['Jan 10, 2024', '18', 'moderately severe'],
      ['Feb 14, 2024', '12', 'moderate'],
      ['Apr 2, 2024', '6', 'mild'],
    ]);
  });

  it('dots only the latest score of a long series; the line and the table keep every score', () => {
    const series = Array.from({ length: 260 }, (_, week) => ({
      date: new Date(Date.UTC(2020, 0, 6 + 7 * week)).toISOString().slice(0, 10),
      score: week % 27,
    }));
    const last = series[series.length - 1];
    if (!last) throw new Error('no series');
    const el = renderTrends([
      phq9Trend({
        series,
        rejected: [],
        latest: { date: last.date, score: last.score, band: null },
      }),
    ]);
    expect(el.querySelectorAll('.cs-chart-point')).toHaveLength(1);
    expect(el.querySelector('.cs-chart-line')?.getAttribute('points')?.split(' ')).toHaveLength(
      260,
    );
    expect(el.querySelector('details.cs-chart-data summary')?.textContent).toBe(
      'All 260 scores as a table',
    );
  });

  it('lists rejected values with their reason under "Not charted"', () => {
    const el = renderTrends([phq9Trend()]);
    const rejected = el.querySelector('.cs-rejected');
    expect(rejected?.querySelector('h4')?.textContent).toBe('Not charted');
    expect(rejected?.textContent).toContain('Mar 1, 2024: 300 — PHQ-9 total 300 is outside 0–27');
  });

  it('marks medication starts and dose changes inside the charted range, in the chart and in text', () => {
    const el = renderTrends(
      [phq9Trend()],
      [
        { date: '2024-01-12', label: 'sertraline started 50 mg' },
        { date: '2024-02-20', label: 'sertraline 100 mg' },
        { date: '2023-06-01', label: 'before the first score' },
      ],
    );
    expect(el.querySelectorAll('.cs-marker')).toHaveLength(2);
    const legend = el.querySelector('.cs-chart-legend')?.textContent ?? '';
    expect(legend).toContain('Jan 12, 2024: sertraline started 50 mg');
    expect(legend).not.toContain('before the first score');
  });

  it('draws medication changes too close to tell apart as one marker that names each', () => {
    // A year on the chart's 206-unit plot: days apart are a fraction of a marker's 8-unit head.
    const el = renderTrends(
      [
        phq9Trend({
          series: [
            { date: '2024-01-01', score: 18 },
            { date: '2024-12-31', score: 6 },
          ],
        }),
      ],
      [
        { date: '2024-03-01', label: 'sertraline started 50 mg' },
        { date: '2024-03-04', label: 'quetiapine started 25 mg' },
        { date: '2024-03-06', label: 'sertraline 100 mg' },
        { date: '2024-09-01', label: 'quetiapine 50 mg' },
      ],
    );
    const drawn = [...el.querySelectorAll('.cs-marker')];
    expect(drawn).toHaveLength(2);
    expect(drawn[0]?.querySelector('title')?.textContent).toBe(
      'Mar 1, 2024: sertraline started 50 mg\nMar 4, 2024: quetiapine started 25 mg\n' +
        'Mar 6, 2024: sertraline 100 mg',
    );
    expect(drawn[1]?.querySelector('title')?.textContent).toBe('Sep 1, 2024: quetiapine 50 mg');
    // The legend still lists each change on its own.
    expect(el.querySelectorAll('.cs-chart-legend li')).toHaveLength(4);
  });

  it('lists the five newest medication changes under the chart and the rest on request', () => {
    const markers = Array.from({ length: 12 }, (_, month) => ({
      date: `2024-${String(month + 1).padStart(2, '0')}-15`,
      label: `sertraline dose ${month + 1}`,
    }));
    const el = renderTrends(
      [
        phq9Trend({
          series: [
            { date: '2024-01-01', score: 18 },
            { date: '2024-12-31', score: 6 },
          ],
        }),
      ],
      markers,
    );
    expect(el.querySelectorAll('.cs-marker')).toHaveLength(12);
    const legend = el.querySelector('.cs-chart-legend');
    const listed = [...(legend?.querySelectorAll(':scope > ul > li') ?? [])].map(
      (li) => li.textContent,
    );
    expect(listed).toHaveLength(5);
    expect(listed[0]).toBe('Dec 15, 2024: sertraline dose 12');
    expect(legend?.querySelector('details.cs-more summary')?.textContent).toBe('7 earlier changes');
  });

  it('draws no bands for an instrument without validated bands', () => {
    const el = renderTrends([
      phq9Trend({
        instrument: 'CRAVING',
        series: [
          { date: '2024-01-01', score: 7 },
          { date: '2024-02-01', score: 4 },
        ],
        rejected: [],
        latest: { date: '2024-02-01', score: 4, band: null },
        baseline: { date: '2024-01-01', score: 7, band: null },
        scale: measureScale(INSTRUMENTS.CRAVING),
      }),
    ]);
    expect(el.querySelectorAll('[data-band]')).toHaveLength(0);
    expect(el.querySelectorAll('.cs-chart-point')).toHaveLength(2);
  });
});

describe('measure summary and badges', () => {
  it('shows latest with band, baseline and signed change, and the badges in words', () => {
    const el = renderTrends([phq9Trend()]);
    const card = el.querySelector('[data-instrument="PHQ-9"]');
    expect(card?.querySelector('.cs-measure-latest')?.textContent).toBe('6 mild on Apr 2, 2024');
    expect(card?.querySelector('.cs-measure-change')?.textContent).toBe(
      'Baseline 18 (Jan 10, 2024) · change -12',
    );
    const badges = [...(card?.querySelectorAll('.cs-badge') ?? [])].map((b) => b.textContent);
    expect(badges).toEqual(['Due since May 2, 2024', 'Response', 'Reliable change: better']);
  });

  it('says when the change is reliably worse and shows remission', () => {
    const el = renderTrends([
      phq9Trend({ reliableChange: 'worsened', response: false, remission: true, due: false }),
    ]);
    const badges = [...el.querySelectorAll('.cs-badge')].map((b) => b.textContent);
    expect(badges).toEqual(['Remission', 'Reliable change: worse']);
  });

  it('shows no change badges with a single score, and says why', () => {
    const el = renderTrends([
      phq9Trend({
        series: [{ date: '2024-04-02', score: 6 }],
        rejected: [],
        baseline: { date: '2024-04-02', score: 6, band: 'mild' },
        change: null,
        response: null,
        remission: null,
        reliableChange: null,
        due: false,
      }),
    ]);
    expect(el.querySelectorAll('.cs-badge')).toHaveLength(0);
    expect(el.textContent).toContain('One score so far');
  });
});
