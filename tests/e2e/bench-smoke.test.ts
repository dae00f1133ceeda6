/**
 * `npm run bench` in miniature: one repetition of everything, against the extension built for the
 * e2e tests. It checks that every figure of the suite is produced, not that a target is met —
 * timings on a shared test machine are for the full run to report.
 */
import { describe, expect, it } from 'vitest';
import { formatTable, runBench } from '../../scripts/bench/run';

const EVERY_FIGURE = [
  'time-to-sidebar.small.document_end',
  'time-to-sidebar.large.document_end',
  'time-to-sidebar.large.document_idle',
  'script-start.large.document_end',
  'start-to-banner.large',
  'start-to-painted.large',
  'start-to-painted.large.reading',
  'start-to-painted.large.background',
  'start-to-painted.large.render',
  'start-to-complete.large',
  'start-to-narrowed.large',
  'start-to-banner.large.next-chart',
  'start-to-painted.large.next-chart',
  'start-to-painted.large.worker-stopped',
  'start-to-painted.large.worker-stopped.background',
  'first-chart-after-restart.small',
  'host-overhead.workload',
  'host-overhead.ratio',
  'framed-page.load',
  'framed-page.ratio',
  'patient-change.banner',
  'patient-change.shown',
  'patient-change.blanked',
  'patient-change.within-one-frame',
  'reading.large',
  'reading.ratio',
  'rules.evaluate',
  'storage.load',
  'size.content-script',
  'size.frame-script',
  'size.chart-page',
  'size.frame',
  'size.everything',
  'memory.content-script',
];

describe('the benchmark suite', () => {
  it('produces every figure, each a finite number beside its baseline', async () => {
    const results = await runBench({
      runs: 1,
      workloadRounds: 2,
      patientChanges: 2,
      observations: 500,
      injectionPoints: ['document_end', 'document_idle'],
    });
    expect(results.figures.map((figure) => figure.id)).toEqual(
      expect.arrayContaining(EVERY_FIGURE),
    );
    for (const figure of results.figures) {
      const value = typeof figure.value === 'number' ? figure.value : figure.value.median;
      expect(Number.isFinite(value), figure.id).toBe(true);
      if (figure.baseline) {
        const baseline =
          typeof figure.baseline.value === 'number'
            ? figure.baseline.value
            : figure.baseline.value.median;
        expect(Number.isFinite(baseline), `${figure.id} baseline`).toBe(true);
      }
    }
    // The framed page really is built from twenty tab frames (and the forms tabs' nested ones).
    const framedLabel = results.figures.find((figure) => figure.id === 'framed-page.load')?.label;
    expect(Number(/\((\d+) frames in all\)/.exec(framedLabel ?? '')?.[1])).toBeGreaterThan(20);
    expect(results.charts.large?.domNodes).toBeGreaterThan(results.charts.small?.domNodes ?? 0);
    expect(formatTable(results).split('\n')).toHaveLength(results.figures.length + 1);
  }, 300_000);
});
