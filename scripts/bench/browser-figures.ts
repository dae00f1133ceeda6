/**
 * Figures measured in headless Chromium with the built extension, each beside a baseline taken in
 * the same run: a second Chromium without the extension, or the cheapest code doing the same work.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import {
  EXTENSION_ID,
  extensionWorker,
  type LaunchedBrowser,
  launchChromium,
} from '../../tests/e2e/browser';
import { type Spread, spread } from './stats';

export type InjectionPoint = 'document_start' | 'document_end' | 'document_idle';

/**
 * A copy of the built extension whose content script is injected at another point. The code is
 * the same file; only the manifest's `run_at` differs, so the comparison is of injection points.
 */
export function extensionVariant(extensionDir: string, runAt: InjectionPoint): string {
  const directory = mkdtempSync(path.join(tmpdir(), `careside-${runAt}-`));
  cpSync(extensionDir, directory, { recursive: true });
  const manifestFile = path.join(directory, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    content_scripts?: { run_at?: string }[];
  };
  for (const script of manifest.content_scripts ?? []) script.run_at = runAt;
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return directory;
}

export function removeVariant(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}

/** Careside's readers and storage bundled for a page (see probe.ts). */
export async function bundleProbe(): Promise<string> {
  const result = await build({
    entryPoints: [path.resolve('scripts/bench/probe.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('the benchmark probe did not bundle');
  return output.text;
}

export async function startBrowser(extensionDir: string | null): Promise<LaunchedBrowser> {
  const browser = await launchChromium({ extensionDir });
  if (extensionDir) await extensionWorker(browser.context);
  return browser;
}

const PAINTED = 'careside:painted';

/**
 * Waits for a mark from Node, without running anything in the page until the load is likely
 * over: Playwright's first `evaluate` in a page injects its helper script (≈ 14 ms on the page's
 * main thread), which, polling from the start, landed inside the very load being timed.
 */
async function waitForMarkQuietly(page: Page, name: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  while (!(await page.evaluate((mark) => performance.getEntriesByName(mark).length > 0, name))) {
    if (Date.now() > deadline) throw new Error(`no ${name} mark within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function waitForMark(page: Page, name: string, after = 0): Promise<void> {
  await page.waitForFunction(
    ([mark, since]) =>
      performance.getEntriesByName(mark as string).some((entry) => entry.startTime > Number(since)),
    [name, after] as const,
    { timeout: 20_000, polling: 'raf' },
  );
}

export interface LoadTimes {
  domContentLoaded: number;
  scriptStart: number;
  /** The banner with the page's patient (before the background answers). */
  bannerPainted: number;
  /** The patient's view painted: banner, critical items, prompts, trends. */
  painted: number;
  /** The whole view painted: the safety plan and medications (below the first screen) too. */
  complete: number;
  /** The chart read (after the banner is painted) until sent to the background. */
  reading: number;
  /** Sent → the background's answer received. */
  background: number;
  /** Answer received → painted. */
  render: number;
  /** The page asked to make room for the sidebar (push mode), after the view is painted. */
  narrowed: number;
}

/**
 * Stops the extension's background worker, as Chromium does once it has been idle for 30 seconds
 * (what DevTools' "Stop" on a service worker does). The next message from a chart starts it again.
 */
async function stopBackgroundWorker(context: BrowserContext): Promise<void> {
  const blank = await context.newPage();
  try {
    const session = await context.newCDPSession(blank);
    const stopped = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the background worker did not stop')),
        5_000,
      );
      session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((version) => version.runningStatus === 'stopped')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await session.send('ServiceWorker.enable');
    await session.send('ServiceWorker.stopAllWorkers');
    // Figures taken with a worker still running would not measure what they say.
    await stopped;
  } finally {
    await blank.close();
  }
}

export interface LoadOptions {
  /** A chart this tab showed first (the next chart in a tab). */
  previous?: string;
  /** The background worker is stopped before the chart is opened (the first chart after a pause). */
  workerStopped?: boolean;
}

/**
 * One full load of a chart: navigation start → DOMContentLoaded, script start, sidebar painted.
 * In a new tab, or — with `previous` — in a tab that showed that chart first, as a clinician goes
 * from chart to chart: the page's process has then already paid its one-time costs (the first
 * `Intl` formatter, the extension's message catalogue).
 */
async function loadOnce(
  context: BrowserContext,
  url: string,
  { previous, workerStopped = false }: LoadOptions = {},
): Promise<LoadTimes> {
  const page = await context.newPage();
  try {
    if (previous) {
      await page.goto(previous);
      await waitForMarkQuietly(page, PAINTED);
    }
    if (workerStopped) await stopBackgroundWorker(context);
    await page.goto(url);
    await waitForMarkQuietly(page, PAINTED);
    return await page.evaluate(() => {
      const navigation = performance.getEntriesByType(
        'navigation',
      )[0] as PerformanceNavigationTiming;
      // No named helper functions in page code: tsx would wrap them in a helper the page lacks.
      const [
        scriptStart = Number.NaN,
        banner = Number.NaN,
        readingStart = Number.NaN,
        sending = Number.NaN,
        received = Number.NaN,
        painted = Number.NaN,
        narrowed = Number.NaN,
        complete = Number.NaN,
      ] = [
        'careside:start',
        'careside:banner-painted',
        'careside:reading',
        'careside:sending',
        'careside:received',
        'careside:painted',
        'careside:page-narrowed',
        'careside:view-complete',
      ].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN);
      return {
        domContentLoaded: navigation.domContentLoadedEventStart,
        scriptStart,
        bannerPainted: banner,
        painted,
        reading: sending - readingStart,
        background: received - sending,
        render: painted - received,
        narrowed,
        complete,
      };
    });
  } finally {
    await page.close();
  }
}

export interface TimeToSidebar {
  domContentLoaded: Spread;
  scriptStart: Spread;
  painted: Spread;
  /** Sidebar painted after the content script started: the part Careside controls. */
  startToPainted: Spread;
  /** The banner with the page's patient painted after the content script started. */
  startToBanner: Spread;
  /** The page asked to make room (push mode) after the content script started. */
  startToNarrowed: Spread;
  /** The whole view, below the first screen too, painted after the content script started. */
  startToComplete: Spread;
  /** Where `startToPainted` goes: reading, the background's answer, rendering. */
  parts: { reading: Spread; background: Spread; render: Spread };
}

export async function measureTimeToSidebar(
  context: BrowserContext,
  url: string,
  runs: number,
  options: LoadOptions = {},
): Promise<TimeToSidebar> {
  await loadOnce(context, url, options);
  const loads: LoadTimes[] = [];
  for (let run = 0; run < runs; run += 1) loads.push(await loadOnce(context, url, options));
  return summarize(loads);
}

/**
 * The same chart in several browsers (one per variant of the extension), one load each per
 * round, the order turning every round: a busy moment of the machine or a browser's own warming
 * up then falls on every variant alike. Measured one variant after another, the variant measured
 * first came out ahead, whichever it was.
 */
export async function measureTimeToSidebarInTurn(
  contexts: Record<string, BrowserContext>,
  url: string,
  runs: number,
): Promise<Record<string, TimeToSidebar>> {
  const names = Object.keys(contexts);
  const loads = new Map<string, LoadTimes[]>(names.map((name) => [name, []]));
  for (const context of Object.values(contexts)) await loadOnce(context, url);
  for (let run = 0; run < runs; run += 1) {
    for (let turn = 0; turn < names.length; turn += 1) {
      const name = names[(run + turn) % names.length] as string;
      loads.get(name)?.push(await loadOnce(contexts[name] as BrowserContext, url));
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(loads.get(name) ?? [])]));
}

function summarize(loads: LoadTimes[]): TimeToSidebar {
  return {
    domContentLoaded: spread(loads.map((load) => load.domContentLoaded)),
    scriptStart: spread(loads.map((load) => load.scriptStart)),
    painted: spread(loads.map((load) => load.painted)),
    startToPainted: spread(loads.map((load) => load.painted - load.scriptStart)),
    startToBanner: spread(loads.map((load) => load.bannerPainted - load.scriptStart)),
    startToNarrowed: spread(loads.map((load) => load.narrowed - load.scriptStart)),
    startToComplete: spread(loads.map((load) => load.complete - load.scriptStart)),
    parts: {
      reading: spread(loads.map((load) => load.reading)),
      background: spread(loads.map((load) => load.background)),
      render: spread(loads.map((load) => load.render)),
    },
  };
}

/**
 * The host page's own work, as a mutation-heavy EHR does it: every cell of the score flowsheets
 * rewritten, round after round, each round a task of its own followed by a layout.
 */
async function pageWorkload(page: Page, rounds: number): Promise<number> {
  return page.evaluate(async (count) => {
    const cells = [...document.querySelectorAll('table td')];
    // A fresh task without setTimeout's clamping, so the observers' work lands in the timing.
    const channel = new MessageChannel();
    const start = performance.now();
    for (let round = 0; round < count; round += 1) {
      cells.forEach((cell, index) => {
        cell.textContent = String((index + round) % 28);
      });
      void (document.body as HTMLElement).offsetHeight;
      await new Promise<void>((resolve) => {
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      });
    }
    return performance.now() - start;
  }, rounds);
}

/**
 * The first chart after a browser start, as a clinic's first chart of the day: Chromium is
 * launched on one kept profile (the first launch installs Careside and is not counted), then
 * closed and launched again `restarts` times; each time the chart is opened at once and the time
 * from its navigation start to the patient's view painted is taken.
 */
export async function measureFirstChartAfterRestart(
  extensionDir: string,
  url: string,
  restarts: number,
): Promise<Spread> {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'careside-restart-'));
  const painted: number[] = [];
  try {
    for (let launch = 0; launch <= restarts; launch += 1) {
      const browser = await launchChromium({ extensionDir, profileDir });
      try {
        const page = await browser.context.newPage();
        await page.goto(url);
        await waitForMarkQuietly(page, PAINTED);
        const at = await page.evaluate(
          () => performance.getEntriesByName('careside:painted')[0]?.startTime ?? Number.NaN,
        );
        if (launch > 0) painted.push(at);
      } finally {
        await browser.close();
      }
    }
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
  return spread(painted);
}

export interface HostOverhead {
  cells: number;
  withCareside: Spread;
  withoutCareside: Spread;
}

export async function measureHostOverhead(
  withExtension: BrowserContext,
  without: BrowserContext,
  url: string,
  runs: number,
  rounds: number,
): Promise<HostOverhead> {
  const open = async (context: BrowserContext, waitForSidebar: boolean) => {
    const page = await context.newPage();
    await page.goto(url);
    if (waitForSidebar) await waitForMark(page, PAINTED);
    await pageWorkload(page, 2);
    return page;
  };
  const extensionPage = await open(withExtension, true);
  const plainPage = await open(without, false);
  const cells = await plainPage.evaluate(() => document.querySelectorAll('table td').length);
  const withTimes: number[] = [];
  const withoutTimes: number[] = [];
  // Alternating, so a busy moment of the machine falls on both.
  for (let run = 0; run < runs; run += 1) {
    withTimes.push(await pageWorkload(extensionPage, rounds));
    withoutTimes.push(await pageWorkload(plainPage, rounds));
  }
  await extensionPage.close();
  await plainPage.close();
  return { cells, withCareside: spread(withTimes), withoutCareside: spread(withoutTimes) };
}

export interface FramedPageLoad {
  /** Frames of the page in all, nested ones included. */
  frames: number;
  withCareside: Spread;
  withoutCareside: Spread;
}

/** Navigation start → the load event of the top document, which waits for every frame's load. */
async function loadEventOnce(context: BrowserContext, url: string) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    const loadEvent = await page.evaluate(() => {
      const navigation = performance.getEntriesByType(
        'navigation',
      )[0] as PerformanceNavigationTiming;
      return navigation.loadEventStart;
    });
    return { loadEvent, frames: page.frames().length - 1 };
  } finally {
    await page.close();
  }
}

/**
 * A page built from many frames, loaded with Careside (a content script in every frame) and
 * without it, alternating. Each context loads the page once first so both measure warm caches.
 */
export async function measureFramedPage(
  withExtension: BrowserContext,
  without: BrowserContext,
  url: string,
  runs: number,
): Promise<FramedPageLoad> {
  await loadEventOnce(withExtension, url);
  const { frames } = await loadEventOnce(without, url);
  const withTimes: number[] = [];
  const withoutTimes: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    withTimes.push((await loadEventOnce(withExtension, url)).loadEvent);
    withoutTimes.push((await loadEventOnce(without, url)).loadEvent);
  }
  return { frames, withCareside: spread(withTimes), withoutCareside: spread(withoutTimes) };
}

export interface PatientChange {
  changes: number;
  /** Identity change on the page → the new patient's sidebar painted. */
  shown: Spread;
  /** Identity change on the page → the new patient's banner painted (from the page). */
  bannerShown: Spread;
  /** Identity change → the old patient's data removed from the sidebar (committed). */
  blanked: Spread;
  /** Changes where the old patient was gone before the first frame after the change. */
  goneWithinOneFrame: number;
}

/**
 * A single-page session: the EHR's own "Switch patient" control swaps the chart in place. Time
 * zero is the page's own mutation-observer callback for the banner, the first moment any script
 * can see the change.
 */
export async function measurePatientChange(
  context: BrowserContext,
  baseUrl: string,
  patientIds: string[],
  changes: number,
): Promise<PatientChange> {
  const page = await context.newPage();
  const first = patientIds[0] as string;
  await page.goto(`${baseUrl}/patients/${first}`);
  await waitForMark(page, PAINTED);
  const shown: number[] = [];
  const bannerShown: number[] = [];
  const blanked: number[] = [];
  let withinFrame = 0;
  let current = first;
  for (let change = 0; change < changes; change += 1) {
    const next = patientIds[(patientIds.indexOf(current) + 1) % patientIds.length] as string;
    await page.evaluate(() => {
      const banner = document.getElementById('patient-banner');
      const watched = banner?.parentElement ?? document.body;
      const timing = { changedAt: Number.NaN, firstFrameAt: Number.NaN };
      Object.assign(globalThis, { benchChange: timing });
      const observer = new MutationObserver(() => {
        observer.disconnect();
        timing.changedAt = performance.now();
        requestAnimationFrame(() => {
          timing.firstFrameAt = performance.now();
        });
      });
      observer.observe(watched, { childList: true, subtree: true, characterData: true });
    });
    await page.selectOption('form.switch-patient select', next);
    await page.waitForFunction(
      () => {
        const { changedAt } = (globalThis as unknown as { benchChange: { changedAt: number } })
          .benchChange;
        return (
          Number.isFinite(changedAt) &&
          performance
            .getEntriesByName('careside:painted')
            .some((mark) => mark.startTime > changedAt)
        );
      },
      null,
      { timeout: 20_000, polling: 'raf' },
    );
    const timing = await page.evaluate(() => {
      const { changedAt, firstFrameAt } = (
        globalThis as unknown as { benchChange: { changedAt: number; firstFrameAt: number } }
      ).benchChange;
      const [blankedAt, bannerAt, paintedAt] = [
        'careside:blanked',
        'careside:banner-painted',
        'careside:painted',
      ].map(
        (name) =>
          performance.getEntriesByName(name).find((mark) => mark.startTime >= changedAt)
            ?.startTime ?? Number.NaN,
      );
      return {
        changedAt,
        firstFrameAt,
        blankedAt: blankedAt ?? Number.NaN,
        bannerAt: bannerAt ?? Number.NaN,
        paintedAt: paintedAt ?? Number.NaN,
      };
    });
    shown.push(timing.paintedAt - timing.changedAt);
    bannerShown.push(timing.bannerAt - timing.changedAt);
    blanked.push(timing.blankedAt - timing.changedAt);
    if (timing.blankedAt <= timing.firstFrameAt) withinFrame += 1;
    current = next;
  }
  await page.close();
  return {
    changes,
    shown: spread(shown),
    bannerShown: spread(bannerShown),
    blanked: spread(blanked),
    goneWithinOneFrame: withinFrame,
  };
}

/** The chart's reader against a bare querySelectorAll + textContent of the same cells. */
export async function measureReading(
  context: BrowserContext,
  url: string,
  probe: string,
  runs: number,
): Promise<{ reader: string; cells: number; readerMs: Spread; bareMs: Spread }> {
  const page = await context.newPage();
  await page.goto(url);
  await page.addScriptTag({ content: probe });
  const result = await page.evaluate(
    (repeats) => globalThis.caresideBench.measureReading(repeats),
    runs,
  );
  await page.close();
  return {
    reader: result.reader,
    cells: result.cells,
    readerMs: spread(result.readerMs),
    bareMs: spread(result.bareMs),
  };
}

/**
 * Loading stored observations with Careside's own storage code in real Chromium IndexedDB, in an
 * extension page (the extension's origin, where the background keeps its data).
 */
export async function measureStorage(
  context: BrowserContext,
  probe: string,
  observations: number,
  runs: number,
): Promise<{ observations: number; loadMs: Spread; cloneMs: Spread }> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await page.evaluate(probe);
  const result = await page.evaluate(
    ([count, repeats]) => globalThis.caresideBench.measureStorage(count, repeats),
    [observations, runs] as const,
  );
  await page.close();
  return {
    observations: result.observations,
    loadMs: spread(result.loadMs),
    cloneMs: spread(result.cloneMs),
  };
}

/**
 * The browser's own price for the first date formatter of a page: the first `Intl.DateTimeFormat`
 * in a renderer loads the locale's calendar data, which the banner's date of birth needs. Measured
 * on the same chart without Careside; an EHR that already formats dates with Intl has paid it.
 */
export async function measureFirstDateFormatter(
  context: BrowserContext,
  url: string,
  runs: number,
): Promise<Spread> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const page = await context.newPage();
    try {
      await page.goto(url);
      // A string, not a function: tsx would wrap a function in helpers the page does not have.
      times.push(
        await page.evaluate(`(() => {
          const start = performance.now();
          new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(0));
          return performance.now() - start;
        })()`),
      );
    } finally {
      await page.close();
    }
  }
  return spread(times);
}

/**
 * JS heap of the page's V8 isolate after a full garbage collection. Content scripts share the
 * page's isolate (an isolated world is a separate context in the same heap), so the content
 * script's heap is this figure with Careside minus the same page without it.
 */
async function heapUsed(context: BrowserContext, url: string, waitForSidebar: boolean) {
  const page = await context.newPage();
  await page.goto(url);
  if (waitForSidebar) await waitForMark(page, PAINTED);
  const session = await context.newCDPSession(page);
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  const usage = await session.send('Runtime.getHeapUsage');
  await session.detach();
  await page.close();
  return usage.usedSize;
}

export async function measureMemory(
  withExtension: BrowserContext,
  without: BrowserContext,
  url: string,
  runs: number,
): Promise<{ withCareside: Spread; withoutCareside: Spread }> {
  const withBytes: number[] = [];
  const withoutBytes: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    withBytes.push(await heapUsed(withExtension, url, true));
    withoutBytes.push(await heapUsed(without, url, false));
  }
  return { withCareside: spread(withBytes), withoutCareside: spread(withoutBytes) };
}
