/**
 * Zero-config reading on the EHR gallery (issue 17, "Must show"): every patient of every gallery
 * page is opened in Chromium with the built extension and no selector pack; what Careside read
 * (the background's `inspect:tab` answer, as `npm run inspect` prints it) is compared, field by
 * field, with the page's truth.json. Targets: ≥ 95 % of identity fields and ≥ 85 % of chart
 * fields across the gallery. The figures are printed and written to
 * `.output/gallery/read.json` for `docs/ehr-gallery.md`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GalleryRun,
  headerShows,
  type Inspection,
  percent,
  type ReadingScore,
  scoreReading,
  startGalleryRun,
  switchInPage,
  tally,
} from '../gallery/measure';
import { GALLERY_PAGES } from '../gallery/pages';
import { type RunningPage, readTruth } from '../gallery/server';
import type { PatientTruth } from '../gallery/types';
import { type SidebarSnapshot, sidebarSnapshot } from './fixture';

const POLL_MS = 250;
/** A reading counts once it has not changed for this long (sections arrive late on some pages). */
const QUIET_MS = 700;
/** Without a patient shown (or on a two-patient screen), how long nothing may change. */
const UNSETTLED_QUIET_MS = 1_500;
const SETTLE_LIMIT_MS = 6_000;

let run: GalleryRun;

beforeAll(async () => {
  run = await startGalleryRun({ lagMs: [0, 150] });
});
afterAll(async () => {
  await run?.close();
});

/** Drops what changes on every read (provenance timestamps) so two reads can be compared. */
function stableKey(sidebar: SidebarSnapshot | null, inspection: Inspection | null): string {
  return JSON.stringify(
    { sidebar, chart: inspection?.chart, view: inspection?.view?.waitingFor },
    (key, value) => (key === 'provenance' || key === 'readAt' ? undefined : value),
  );
}

async function readPatient(page: RunningPage, patient: PatientTruth): Promise<ReadingScore> {
  const { truth } = page;
  const tab: Page = await run.browser.context.newPage();
  try {
    await tab.goto(`${page.url}${patient.entry}`);
    if (!truth.addressBar) {
      // The address does not name the patient (server session): choose them, then load afresh.
      await switchInPage(tab, truth, patient.id);
      await headerShows(tab, patient.header, 5_000);
      await tab.reload();
    }
    if (truth.expect === 'read') await headerShows(tab, patient.header, 5_000);
    for (const selector of truth.reveal) {
      await tab.locator(selector).first().click({ timeout: 5_000 });
      await tab.waitForTimeout(150);
    }
    // Everything the page fetches has arrived (the slow page's late half, lazy panels, frames).
    await tab.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    const started = Date.now();
    let previous = '';
    let quietSince = Date.now();
    let sidebar: SidebarSnapshot | null = null;
    let inspection: Inspection | null = null;
    while (Date.now() - started < SETTLE_LIMIT_MS) {
      sidebar = await sidebarSnapshot(tab).catch(() => null);
      inspection = await run.inspect(tab).catch(() => null);
      const key = stableKey(sidebar, inspection);
      if (key !== previous) {
        previous = key;
        quietSince = Date.now();
      } else {
        const quiet = Date.now() - quietSince;
        // A patient shown and unchanged for a while; or nothing shown, and nothing changing.
        if (quiet >= QUIET_MS && truth.expect === 'read' && sidebar?.state === 'ready') break;
        if (quiet >= UNSETTLED_QUIET_MS) break;
      }
      await tab.waitForTimeout(POLL_MS);
    }
    return scoreReading(
      truth.id,
      patient,
      truth.expect,
      truth.chartMustBeHeld,
      inspection,
      sidebar?.state ?? null,
      sidebar?.name ?? null,
    );
  } finally {
    await tab.close();
  }
}

const readings: ReadingScore[] = [];
const report: string[] = [];

describe('the EHR gallery, read with no configuration', () => {
  it('every page’s truth.json is what its definition declares (tsx tests/gallery/write-truth.ts)', () => {
    for (const definition of GALLERY_PAGES) {
      expect(readTruth(definition.id), definition.id).toEqual(definition.truth());
    }
  });

  for (const id of GALLERY_PAGES.map((page) => page.id)) {
    it(`reads ${id}`, async () => {
      const page = run.gallery.pages.find((candidate) => candidate.id === id);
      if (!page) throw new Error(`gallery page ${id} not served`);
      const ofPage: ReadingScore[] = [];
      for (const patient of page.truth.patients) ofPage.push(await readPatient(page, patient));
      readings.push(...ofPage);
      const figures = tally(ofPage);
      const adapters = [...new Set(ofPage.map((reading) => reading.adapter ?? 'none'))].join(', ');
      const lines = [
        `${page.id.padEnd(17)} identity ${figures.identity.correct}/${figures.identity.shown}  chart ${figures.chart.correct}/${figures.chart.shown}  (adapter: ${adapters})`,
      ];
      for (const reading of ofPage) {
        for (const field of reading.fields.filter((candidate) => !candidate.correct)) {
          lines.push(
            `    ${reading.patient} ${field.field}: expected ${field.expected}, read ${field.read ?? '—'}`,
          );
        }
        if (reading.extras.length)
          lines.push(`    ${reading.patient} also read: ${reading.extras.join('; ')}`);
        if (reading.waitingFor.length)
          lines.push(`    ${reading.patient} waiting: ${reading.waitingFor.join('; ')}`);
        if (reading.sidebarState !== 'ready')
          lines.push(`    ${reading.patient} sidebar: ${reading.sidebarState ?? 'not mounted'}`);
      }
      report.push(...lines);
      console.log(lines.join('\n'));
    });
  }

  it('reads ≥ 95 % of identity fields and ≥ 85 % of chart fields across the gallery', () => {
    const total = tally(readings);
    const identityPercent = percent(total.identity.correct, total.identity.shown);
    const chartPercent = percent(total.chart.correct, total.chart.shown);
    report.push(
      `TOTAL identity ${total.identity.correct}/${total.identity.shown} (${identityPercent} %), chart ${total.chart.correct}/${total.chart.shown} (${chartPercent} %)`,
    );
    console.log(`Zero-config reading on the EHR gallery\n${report.join('\n')}`);
    mkdirSync('.output/gallery', { recursive: true });
    writeFileSync(
      '.output/gallery/read.json',
      `${JSON.stringify({ total, readings, measured: { at: new Date().toISOString(), loadAverage: Math.round(loadavg()[0] ?? 0) } }, null, 2)}\n`,
    );
    expect.soft(identityPercent, 'identity fields read correctly, %').toBeGreaterThanOrEqual(95);
    expect.soft(chartPercent, 'chart fields read correctly, %').toBeGreaterThanOrEqual(85);
  });
});
