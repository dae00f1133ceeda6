import { describe, expect, it } from 'vitest';
import { chartListSignatures, showsChartOf } from '../../../entrypoints/ehr.content/chart-lists';
import { emptyPatientContext, type ScoreEntry } from '../../../utils/clinical/types';
import type { PageReading } from '../../../utils/ehr/types';

const provenance = {
  source: 'page',
  readAt: '2026-12-04T10:00:00Z',
} as unknown as ScoreEntry['provenance'];

function reading(
  name: string,
  scores: [string, string, number][],
  pregnant: boolean | null = null,
) {
  const context = emptyPatientContext({ name, birthDate: '1984-11-01' });
  context.scores = scores.map(([instrument, date, total]) => ({
    instrument,
    date,
    total,
    provenance,
  }));
  context.pregnant = pregnant;
  return { adapter: 'generic', context } as unknown as PageReading;
}

describe('a new banner over the previous patient’s chart', () => {
  const maya = reading('Maya Ellison', [
    ['GAD-7', '2026-11-06', 16],
    ['PHQ-9', '2026-11-06', 9],
  ]);

  it('is recognised when a dated list is the one sent for the other patient, whatever the banner adds', () => {
    // The rewritten banner brings its own pregnancy line: outside the lists, it proves nothing.
    const underDaniel = reading(
      'Daniel Okafor',
      [
        ['GAD-7', '2026-11-06', 16],
        ['PHQ-9', '2026-11-06', 9],
      ],
      false,
    );
    expect(showsChartOf(chartListSignatures(maya), chartListSignatures(underDaniel))).toBe(true);
  });

  it('is not claimed for the new patient’s own chart', () => {
    const daniel = reading('Daniel Okafor', [
      ['PHQ-9', '2026-08-14', 21],
      ['PHQ-9', '2026-12-03', 3],
    ]);
    expect(showsChartOf(chartListSignatures(maya), chartListSignatures(daniel))).toBe(false);
  });

  it('is not claimed from empty lists, or from undated entries two patients can share', () => {
    const empty = reading('Daniel Okafor', []);
    expect(showsChartOf(chartListSignatures(empty), chartListSignatures(empty))).toBe(false);
    const undated = reading('A', []);
    undated.context.medications = [{ text: 'Sertraline 50 mg daily' } as never];
    const sameDrug = reading('B', []);
    sameDrug.context.medications = [{ text: 'Sertraline 50 mg daily' } as never];
    expect(showsChartOf(chartListSignatures(undated), chartListSignatures(sameDrug))).toBe(false);
  });
});
