// @vitest-environment happy-dom
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { CriticalItems, criticalFindings } from '../../../components/CriticalItems';
import { TrendPanel } from '../../../components/TrendPanel';
import type { CriticalItemFinding, MeasureTrend } from '../../../utils/clinical/types';
import { LOCALE, mount, phq9Trend, t, unmount } from './helpers';

afterEach(unmount);

const item9 = (date: string, value: number): CriticalItemFinding => ({
  instrument: 'PHQ-9',
  date,
  item: 'PHQ-9 item 9',
  value,
});

const CRISIS = [{ label: '988 Suicide & Crisis Lifeline', phone: '988', text: '988' }];

/** Item 9 positive at intake (Jan 10) and at Feb 14; the newest PHQ-9 (Apr 2) answered it 0. */
const resolved = phq9Trend({ critical: [item9('2024-02-14', 1), item9('2024-01-10', 2)] });

describe('pinned critical items', () => {
  it('pins nothing when the latest PHQ-9 has item 9 = 0, however positive it was before', () => {
    expect(criticalFindings([resolved])).toEqual([]);
    const el = mount(
      h(CriticalItems, { measures: [resolved], crisisContacts: CRISIS, t, locale: LOCALE }),
    );
    expect(el.querySelector('.cs-critical')).toBeNull();
  });

  it('pins item 9 when the latest PHQ-9 has it positive, with that date only', () => {
    const current = phq9Trend({ critical: [item9('2024-04-02', 1), item9('2024-01-10', 2)] });
    expect(criticalFindings([current])).toEqual([item9('2024-04-02', 1)]);
    const el = mount(
      h(CriticalItems, { measures: [current], crisisContacts: CRISIS, t, locale: LOCALE }),
    );
    const pinned = el.querySelector('.cs-critical-list');
    expect(pinned?.textContent).toBe('PHQ-9 item 9: answered 1 on Apr 2, 2024');
  });

  it('counts an administration whose total was rejected as the latest one', () => {
    const rejectedLatest: MeasureTrend = phq9Trend({
      rejected: [{ date: '2024-05-01', value: 30, reason: 'PHQ-9 total 30 is outside 0–27' }],
      critical: [item9('2024-05-01', 3), item9('2024-01-10', 2)],
    });
    expect(criticalFindings([rejectedLatest])).toEqual([item9('2024-05-01', 3)]);
  });

  it('judges each instrument by its own latest administration, newest first', () => {
    const epds: MeasureTrend = phq9Trend({
      instrument: 'EPDS',
      series: [
        { date: '2024-03-01', score: 14 },
        { date: '2024-03-20', score: 12 },
      ],
      latest: { date: '2024-03-20', score: 12, band: null },
      critical: [
        { instrument: 'EPDS', date: '2024-03-20', item: 'EPDS item 10', value: 1 },
        { instrument: 'EPDS', date: '2024-03-01', item: 'EPDS item 10', value: 2 },
      ],
    });
    const phq9 = phq9Trend({ critical: [item9('2024-04-02', 2)] });
    expect(criticalFindings([epds, phq9]).map((finding) => finding.item)).toEqual([
      'PHQ-9 item 9',
      'EPDS item 10',
    ]);
  });

  it('keeps older positives visible in the trend, in words', () => {
    const el = mount(
      h(TrendPanel, { measures: [resolved], medicationMarkers: [], t, locale: LOCALE }),
    );
    const earlier = el.querySelector('.cs-earlier-critical');
    expect(earlier?.querySelector('h4')?.textContent).toBe(
      'Critical items at earlier administrations',
    );
    expect([...(earlier?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
      'PHQ-9 item 9: answered 1 on Feb 14, 2024',
      'PHQ-9 item 9: answered 2 on Jan 10, 2024',
    ]);
  });

  it('lists no earlier positives under a trend whose only positive is current', () => {
    const current = phq9Trend({ critical: [item9('2024-04-02', 1)] });
    const el = mount(
      h(TrendPanel, { measures: [current], medicationMarkers: [], t, locale: LOCALE }),
    );
    expect(el.querySelector('.cs-earlier-critical')).toBeNull();
  });

  it('lists the five newest earlier positives, and the rest behind a disclosure that names the count', () => {
    // Weekly positives for a year, newest first as the engine sorts them; the latest is current.
    const weekly = Array.from({ length: 52 }, (_, week) =>
      item9(new Date(Date.UTC(2024, 0, 1 + 7 * (52 - week))).toISOString().slice(0, 10), 1),
    );
    const [latest] = weekly;
    if (!latest) throw new Error('no findings');
    const long = phq9Trend({
      series: [{ date: latest.date, score: 12 }],
      rejected: [],
      latest: { date: latest.date, score: 12, band: 'moderate' },
      critical: weekly,
    });
    const el = mount(h(TrendPanel, { measures: [long], medicationMarkers: [], t, locale: LOCALE }));
    const earlier = el.querySelector('.cs-earlier-critical');
    const listed = [...(earlier?.querySelectorAll(':scope > ul > li') ?? [])];
    expect(listed).toHaveLength(5);
    expect(listed[0]?.textContent).toContain(formatIso(weekly[1]?.date));
    const more = earlier?.querySelector('details.cs-more') as HTMLDetailsElement | null;
    expect(more?.querySelector('summary')?.textContent).toBe('46 earlier positive answers');
    expect(more?.querySelectorAll('li')).toHaveLength(0);
    if (!more) throw new Error('no disclosure');
    act(() => {
      more.open = true;
      more.dispatchEvent(new Event('toggle'));
    });
    expect(more.querySelectorAll('li')).toHaveLength(46);
  });
});

function formatIso(date: string | undefined): string {
  if (!date) throw new Error('no date');
  return new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}
