/**
 * A legacy EHR built from frames that Careside has no pack for (tests/e2e/legacy-frameset): the
 * banner ("LAST, FIRST", US dates) in the top document, the chart summary in an iframe whose
 * address carries the record number (or the top address's patient id), the medication list in an
 * iframe nested in it with no patient in its address, and the frames reloading 0.5 s after the
 * banner changes (issues 17 and 18). Every state the sidebar renders is recorded from the page;
 * for each of 32 patient changes the new patient's name, medications and scores must all be shown,
 * and no state may ever show a medication or a score of a patient its banner does not name.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionWorker, type LaunchedBrowser, launchChromium } from './browser';
import { type LegacyEhr, type LegacyPatient, startLegacyEhr } from './legacy-frameset/server';

interface RenderedState {
  at: number;
  name: string | null;
  mrn: string | null;
  medications: string[];
  measures: { title: string; score: string }[];
  unconfirmed: boolean;
  waiting: string[];
}

let ehr: LegacyEhr;
let browser: LaunchedBrowser;

beforeAll(async () => {
  ehr = await startLegacyEhr({ frameDelayMs: 500 });
  browser = await launchChromium();
  await extensionWorker(browser.context);
});
afterAll(async () => {
  await browser?.close();
  await ehr?.close();
});

/** Runs in the top document's world: records every state of the sidebar's shadow root. */
function recordStates() {
  if (window.top !== window) return;
  const page = window as unknown as { reportSidebarState(state: unknown): void };
  const snapshot = (root: ShadowRoot) => {
    if (!root.querySelector('.cs-banner')) return;
    page.reportSidebarState({
      at: performance.now(),
      name: root.querySelector('.cs-banner-name')?.textContent ?? null,
      mrn: root.querySelector('[data-testid="mrn"]')?.textContent ?? null,
      medications: [...root.querySelectorAll('.cs-medications li')].map(
        (li) => li.textContent ?? '',
      ),
      measures: [...root.querySelectorAll('.cs-measure')].map((measure) => ({
        title: measure.querySelector('.cs-measure-title')?.textContent ?? '',
        score: measure.querySelector('.cs-measure-score')?.textContent ?? '',
      })),
      unconfirmed: root.querySelector('.cs-banner-unconfirmed') !== null,
      waiting: [...root.querySelectorAll('.cs-waiting')].map((node) => node.textContent ?? ''),
    });
  };
  const watchHost = () => {
    const root = document.querySelector('careside-sidebar')?.shadowRoot;
    if (!root || (root as unknown as { watched?: boolean }).watched) return;
    (root as unknown as { watched?: boolean }).watched = true;
    new MutationObserver(() => snapshot(root)).observe(root, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    snapshot(root);
  };
  new MutationObserver(watchHost).observe(document, { childList: true, subtree: true });
}

/** Deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

const patientShown = (state: RenderedState): LegacyPatient | undefined =>
  ehr.patients.find((patient) => state.mrn?.includes(patient.mrn));

/** Everything a state shows that is not its own banner's patient's. */
function foreignData(state: RenderedState): string[] {
  const patient = patientShown(state);
  if (!patient) {
    return state.medications.length + state.measures.length > 0 ? ['no patient on the banner'] : [];
  }
  const foreign: string[] = [];
  if (state.name && !state.name.toUpperCase().includes(patient.last)) {
    foreign.push(`name ${state.name}`);
  }
  for (const shown of state.medications) {
    if (!patient.medications.some((line) => shown.includes(line))) foreign.push(shown);
  }
  for (const measure of state.measures) {
    if (measure.score === '') continue;
    const score = Number(measure.score.replace(/[^\d.]/g, ''));
    const stated = patient.scores.find((entry) => measure.title.includes(entry.instrument));
    if (!stated || stated.total !== score) foreign.push(`${measure.title} ${measure.score}`);
  }
  return foreign;
}

/** The banner names `patient` and the sidebar shows all of its medications and both scores. */
function showsWholeChart(state: RenderedState, patient: LegacyPatient): boolean {
  if (patientShown(state) !== patient || state.unconfirmed) return false;
  const medications = patient.medications.every((line) =>
    state.medications.some((shown) => shown.includes(line)),
  );
  const scores = patient.scores.every((entry) =>
    state.measures.some(
      (measure) =>
        measure.title.includes(entry.instrument) &&
        Number(measure.score.replace(/[^\d.]/g, '')) === entry.total,
    ),
  );
  return medications && scores;
}

async function openLegacyEhr(query: string) {
  const page = await browser.context.newPage();
  const states: RenderedState[] = [];
  await page.exposeFunction('reportSidebarState', (state: RenderedState) => states.push(state));
  await page.addInitScript(recordStates);
  const first = ehr.patients[0];
  if (!first) throw new Error('no legacy patients');
  await page.goto(`${ehr.url}/ehr/main.asp?patient=${first.id}${query}`);
  return { page, states, first };
}

async function switchPatients(
  page: Page,
  states: RenderedState[],
  first: LegacyPatient,
  changes: number,
  seed: number,
) {
  const notShown: string[] = [];
  const times: number[] = [];
  const initial = await waitFor(
    () => states.some((state) => showsWholeChart(state, first)),
    15_000,
  );
  if (!initial) notShown.push(`${first.last}: the first chart never showed whole`);
  const next = random(seed);
  let current = first;
  for (let step = 0; step < changes; step += 1) {
    const others = ehr.patients.filter((patient) => patient !== current);
    const target = others[Math.floor(next() * others.length)];
    if (!target) continue;
    const since = states.length;
    const started = Date.now();
    await page.selectOption('#pick', target.id);
    current = target;
    const shown = await waitFor(
      () => states.slice(since).some((state) => showsWholeChart(state, target)),
      5_000,
    );
    if (shown) times.push(Date.now() - started);
    else {
      const last = states.at(-1);
      notShown.push(
        `step ${step}: ${target.last} never showed name, medications and scores together ` +
          `(last state: ${JSON.stringify(last)})`,
      );
    }
  }
  return { notShown, times };
}

describe('a legacy frameset with no pack', () => {
  it('32 changes, record number in the summary’s address: each patient’s whole chart, never another’s', async () => {
    const { page, states, first } = await openLegacyEhr('');
    const { notShown, times } = await switchPatients(page, states, first, 32, 20261204);
    const mixed = states.map(foreignData).filter((foreign) => foreign.length > 0);
    console.log(
      `legacy frames (record number): ${states.length} sidebar states, ${times.length} charts shown whole, ` +
        `slowest ${Math.max(...times)} ms after the change`,
    );
    expect(mixed.slice(0, 5)).toEqual([]);
    expect(notShown).toEqual([]);
    expect(times).toHaveLength(32);
    await page.close();
  }, 300_000);

  it('32 changes, the top address’s patient id in the summary’s address: the same', async () => {
    const { page, states, first } = await openLegacyEhr('&key=chart');
    const { notShown, times } = await switchPatients(page, states, first, 32, 20261205);
    const mixed = states.map(foreignData).filter((foreign) => foreign.length > 0);
    console.log(
      `legacy frames (top parameter): ${states.length} sidebar states, ${times.length} charts shown whole, ` +
        `slowest ${Math.max(...times)} ms after the change`,
    );
    expect(mixed.slice(0, 5)).toEqual([]);
    expect(notShown).toEqual([]);
    expect(times).toHaveLength(32);
    await page.close();
  }, 300_000);

  it('says so when a section’s frame shows no patient and its address ties it to none', async () => {
    const { page, states } = await openLegacyEhr('&key=session');
    const first = ehr.patients[0] as LegacyPatient;
    await expect
      .poll(() => page.locator('careside-sidebar .cs-waiting').textContent(), { timeout: 15_000 })
      .toContain('shows no patient of its own, and nothing in its address ties it to this patient');
    expect(states.some((state) => patientShown(state) === first)).toBe(true);
    expect(await page.locator('careside-sidebar .cs-medications li').count()).toBe(0);
    expect(await page.locator('careside-sidebar .cs-measure-score').count()).toBe(0);
    await page.close();
  });

  it('says which section waits and why while the frames still show the previous patient', async () => {
    const { page, states, first } = await openLegacyEhr('');
    await waitFor(() => states.some((state) => showsWholeChart(state, first)), 15_000);
    await page.evaluate(() => {
      (window as unknown as { FRAME_DELAY: number }).FRAME_DELAY = 3_000;
    });
    const second = ehr.patients[1];
    if (!second) throw new Error('no second patient');
    await page.selectOption('#pick', second.id);
    await expect
      .poll(() => page.locator('careside-sidebar [data-testid="mrn"]').textContent(), {
        timeout: 5_000,
      })
      .toContain(second.mrn);
    await expect
      .poll(() => page.locator('careside-sidebar .cs-waiting').textContent(), { timeout: 3_000 })
      .toContain('waiting for the chart to load');
    expect(await page.locator('careside-sidebar .cs-medications li').count()).toBe(0);
    await expect
      .poll(() => states.some((state) => showsWholeChart(state, second)), { timeout: 8_000 })
      .toBe(true);
    await page.close();
  });
});
