import type { PageReading } from '../../utils/ehr/types';

/**
 * Telling a new patient's chart from the previous patient's still on the screen under a new
 * banner (an EHR that renders the header before the data, or a script that rewrote the banner).
 */
const CHART_LISTS = ['medications', 'conditions', 'scores', 'monitoring', 'therapies'] as const;
export type ChartLists = Record<(typeof CHART_LISTS)[number], string>;

/** Each list of a reading's chart, without provenance, to compare with another read's. */
export function chartListSignatures(reading: PageReading): ChartLists {
  const lists = {} as ChartLists;
  for (const list of CHART_LISTS) {
    lists[list] = JSON.stringify(reading.context[list], (key, value) =>
      key === 'provenance' ? undefined : value,
    );
  }
  return lists;
}

const DATED = /\d{4}-\d{2}-\d{2}/;

/**
 * Whether the chart under a banner is still the one last sent for another patient: one of its
 * lists of dated entries (scores with their dates, medications with their starts) is the same,
 * entry for entry. Two people's dated histories do not coincide; a banner changed before the
 * chart (a slow EHR, or a script that rewrote it) does. Undated lists are not compared: two
 * patients on the same two drugs are common. What lies outside the lists (a pregnancy flag in the
 * banner) changes with the banner and proves nothing.
 */
export function showsChartOf(previous: ChartLists, current: ChartLists): boolean {
  return CHART_LISTS.some(
    (list) =>
      current[list] !== '[]' && current[list] === previous[list] && DATED.test(current[list]),
  );
}
