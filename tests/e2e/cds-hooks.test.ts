/**
 * The clinic's CDS Hooks 2.0 services in real Chromium (issue #22, item 7): with
 * `endpoints.cdsServiceUrl` set, opening a chart calls the test service's `patient-view` hook with
 * a prefetch built from what the page shows; the service's card shows beside Careside's with its
 * source; dismissing it with a reason hides it and sends the service CDS Hooks feedback. A
 * patient the reader could not confirm is sent nowhere until the clinician confirms them, and a
 * card never shows under another patient's name.
 *
 * Without the setting the service hears nothing: checked here on one chart, and in general by
 * tests/e2e/workflow.test.ts, whose net log shows an unconfigured Careside starting no request at
 * all during a whole clinical workflow.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEhr, startDemoEhr } from '../../demo-ehr/server';
import { OVERRIDE_REASONS } from '../../utils/clinical/override-reasons';
import { SERVICE_ID, startCdsService, type TestCdsService } from '../cds-service/server';
import { EXTENSION_ID, extensionWorker, type LaunchedBrowser, launchChromium } from './browser';
import { bannerText, type DemoPatientSummary } from './fixture';

const SOURCE_LABEL = 'Clinic collaborative-care service';

let ehr: DemoEhr;
let cds: TestCdsService;
let browser: LaunchedBrowser;
let patients: DemoPatientSummary[];
/** A chart from an EHR no reader knows, with two birth dates: read, but not confirmed. */
let unknownEhr: Server;
let unknownEhrUrl: string;

const UNKNOWN_EHR_CHART = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chart</title></head>
<body><main>
<h1>Chart</h1>
<p>Name: Jane Doe</p><p>DOB: 1979-02-14</p><p>Date of birth: 1979-12-02</p><p>MRN: 884421</p>
<h2>Medications</h2><ul><li>Sertraline 50 mg daily</li></ul>
</main></body></html>`;

const inSidebar = (page: Page, selector: string) => page.locator(`careside-sidebar ${selector}`);

const patient = (scenario: string) => {
  const found = patients.find((p) => p.scenario === scenario);
  if (!found) throw new Error(`demo EHR has no ${scenario} patient`);
  return found;
};

/** Gives the extension its settings through the options page's own message, as care-team does. */
async function configure(context: BrowserContext, endpoints: Record<string, unknown>) {
  await extensionWorker(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await page.evaluate(
    ([type, data]) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ careside: 1, type, data }),
    ['settings:set', { key: 'endpoints', value: endpoints }] as const,
  );
  await page.close();
}

/**
 * Runs in the page's own world: records, after every change of the sidebar, the banner's name
 * and the CDS cards shown with it, so a wrong pairing that lasted a single frame is still caught.
 */
function recordCdsStates() {
  const report = (window as unknown as { reportCdsState(state: unknown): void }).reportCdsState;
  const snapshot = (root: ShadowRoot) => {
    const name = root.querySelector('.cs-banner-name')?.textContent?.trim();
    if (!name) return;
    report({
      name,
      cards: [...root.querySelectorAll('[data-cds-card] .cs-card-summary')].map(
        (summary) => summary.textContent ?? '',
      ),
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

const cardSummaries = (page: Page) =>
  inSidebar(page, '[data-cds-card] .cs-card-summary').allTextContents();

/** The prefetch Patient's name text, and the PHQ-9 totals of its Observation bundle. */
function readPrefetch(prefetch: Record<string, unknown>) {
  const patientResource = prefetch.patient as { name?: { text?: string }[] } | undefined;
  const bundle = prefetch.phq9 as { entry?: { resource: { valueInteger?: number } }[] };
  return {
    name: patientResource?.name?.[0]?.text ?? null,
    totals: (bundle?.entry ?? []).map((entry) => entry.resource.valueInteger),
  };
}

beforeAll(async () => {
  ehr = await startDemoEhr({ port: 0, framePort: 0 });
  cds = await startCdsService();
  unknownEhr = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(UNKNOWN_EHR_CHART);
  });
  await new Promise<void>((resolve) => unknownEhr.listen(0, '127.0.0.1', resolve));
  unknownEhrUrl = `http://127.0.0.1:${(unknownEhr.address() as AddressInfo).port}/chart/42`;
  patients = (
    (await (await fetch(`${ehr.url}/api/patients`)).json()) as { patients: DemoPatientSummary[] }
  ).patients;
  browser = await launchChromium();
  await configure(browser.context, { cdsServiceUrl: cds.url });
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await cds?.close();
  await ehr?.close();
  await new Promise((resolve) => unknownEhr?.close(resolve));
});

describe('CDS Hooks services', () => {
  it('calls patient-view with the page’s PHQ-9, shows the card with its source, and sends feedback on dismissal', async () => {
    const priya = patient('depression-not-responding');
    const page = await browser.context.newPage();
    await page.goto(`${ehr.url}${priya.path}`);
    await expect.poll(() => bannerText(page), { timeout: 15_000 }).toContain(priya.mrn);

    await expect.poll(() => cds.calls.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const call = cds.calls.at(-1);
    // The service asked for the patient and their PHQ-9s: it gets the totals the page shows,
    // newest 16, under a pseudonymous id rather than the record number.
    const sent = readPrefetch(call?.prefetch ?? {});
    expect(sent.name).toContain('Priya');
    expect(sent.totals).toContain(16);
    expect(call?.context.patientId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(call?.context)).not.toContain(priya.mrn);
    // The order-sign service was discovered but never called on patient-view.
    expect(cds.requests.filter((request) => request.path.includes('order-check'))).toEqual([]);

    const card = inSidebar(page, `[data-cds-card="${SERVICE_ID}"]`);
    await card.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await card.locator('.cs-card-summary').textContent()).toContain('PHQ-9 of 16');
    expect(await card.locator('[data-cds-source]').textContent()).toContain(SOURCE_LABEL);
    // Only the https link is a link; the http one is dropped.
    expect(
      await card.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).toEqual(['https://aims.uw.edu/resource-library', 'https://aims.uw.edu/collaborative-care']);

    // Chosen from the keyboard, as a user would: the sidebar ignores events a script made, and
    // Playwright's selectOption makes them. The reasons follow the empty choice in order.
    const reasons = card.locator('select');
    await reasons.focus();
    for (let step = 0; step <= OVERRIDE_REASONS.indexOf('already-addressed'); step += 1) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await reasons.inputValue()).toBe('already-addressed');
    await card.locator('button:has-text("Dismiss")').click();
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => cds.feedback.length, { timeout: 10_000 }).toBe(1);
    const [feedback] = cds.feedback;
    expect(feedback?.entry.outcome).toBe('overridden');
    expect(feedback?.entry.card).toMatch(/^[0-9a-f-]{36}$/);
    // The card offered its own coding for this reason: the service gets that one back.
    expect(feedback?.entry.overrideReason?.reason).toEqual({
      system: 'https://clinic.example/override',
      code: 'already-addressed',
      display: 'Already discussed this week',
    });

    // Opened again, the chart is asked about again, and the dismissed card stays away.
    const callsBefore = cds.calls.length;
    await page.reload();
    await expect.poll(() => bannerText(page), { timeout: 15_000 }).toContain(priya.mrn);
    await expect.poll(() => cds.calls.length, { timeout: 20_000 }).toBeGreaterThan(callsBefore);
    await page.waitForTimeout(1_000);
    expect(await cardSummaries(page)).toEqual([]);
    await page.close();
  });

  it('sends nothing for a patient the reader could not confirm until the clinician confirms them', async () => {
    const callsBefore = cds.calls.length;
    const page = await browser.context.newPage();
    await page.goto(unknownEhrUrl);
    await inSidebar(page, '.cs-unconfirmed').waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForTimeout(2_000);
    expect(cds.calls.length).toBe(callsBefore);

    await inSidebar(page, '.cs-unconfirmed button').click();
    await expect.poll(() => cds.calls.length, { timeout: 20_000 }).toBeGreaterThan(callsBefore);
    expect(readPrefetch(cds.calls.at(-1)?.prefetch ?? {}).name).toContain('Jane Doe');
    await page.close();
  });

  it('never shows one patient’s card under another patient’s name', async () => {
    // A new profile: the first test's dismissal is not in the way of Priya's card.
    const second = await launchChromium();
    try {
      const priya = patient('depression-not-responding');
      const daniel = patient('depression-improving');
      // Not configured yet: the chart opens and the service hears nothing.
      const requestsBefore = cds.requests.length;
      await extensionWorker(second.context);
      const unconfigured = await second.context.newPage();
      await unconfigured.goto(`${ehr.url}${priya.path}`);
      await expect.poll(() => bannerText(unconfigured), { timeout: 15_000 }).toContain(priya.mrn);
      await inSidebar(unconfigured, '.cs-section').first().waitFor({ state: 'visible' });
      await unconfigured.waitForTimeout(2_000);
      expect(cds.requests.length).toBe(requestsBefore);
      expect(await inSidebar(unconfigured, '[data-cds-cards]').count()).toBe(0);
      await unconfigured.close();

      await configure(second.context, { cdsServiceUrl: cds.url });
      const page = await second.context.newPage();
      const states: { name: string; cards: string[] }[] = [];
      await page.exposeFunction('reportCdsState', (state: { name: string; cards: string[] }) =>
        states.push(state),
      );
      await page.addInitScript(recordCdsStates);
      await page.goto(`${ehr.url}${priya.path}`);
      await expect
        .poll(() => cardSummaries(page), { timeout: 20_000 })
        .toEqual([expect.stringContaining('PHQ-9 of 16')]);

      // In-page switches back and forth, each before and after the service has answered.
      for (let round = 0; round < 3; round += 1) {
        const callsBefore = cds.calls.length;
        await page.selectOption('form.switch-patient select', daniel.id);
        await expect.poll(() => bannerText(page), { timeout: 15_000 }).toContain(daniel.mrn);
        if (round > 0) {
          await expect
            .poll(() => cds.calls.length, { timeout: 20_000 })
            .toBeGreaterThan(callsBefore);
        }
        await page.selectOption('form.switch-patient select', priya.id);
        await expect.poll(() => bannerText(page), { timeout: 15_000 }).toContain(priya.mrn);
        await expect
          .poll(() => cardSummaries(page), { timeout: 20_000 })
          .toEqual([expect.stringContaining('PHQ-9 of 16')]);
      }
      await page.selectOption('form.switch-patient select', daniel.id);
      await expect.poll(() => bannerText(page), { timeout: 15_000 }).toContain(daniel.mrn);
      await page.waitForTimeout(2_000);

      // Every state the sidebar rendered: Priya's card only ever beside Priya's name.
      const danielName = daniel.name.split(/[ ,]+/)[0] as string;
      const priyaName = priya.name.split(/[ ,]+/)[0] as string;
      expect(states.some((state) => state.name.includes(priyaName) && state.cards.length)).toBe(
        true,
      );
      expect(states.some((state) => state.name.includes(danielName))).toBe(true);
      expect(
        states.filter((state) => !state.name.includes(priyaName) && state.cards.length > 0),
      ).toEqual([]);
      await page.close();
    } finally {
      await second.close();
    }
  });
});
