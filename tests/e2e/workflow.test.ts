/**
 * A clinician's workflow on the demo EHR in real Chromium — open charts, switch patients, enter a
 * PHQ-9, edit a safety plan, dismiss a prompt, reload, stop the service worker — while recording:
 * every network request the browser makes (Chromium's own net log), every `alert` the page sees,
 * and what the EHR origin's storage holds afterwards.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEhr, startDemoEhr } from '../../demo-ehr/server';
import { EXTENSION_ID, extensionWorker, type LaunchedBrowser, launchChromium } from './browser';
import { bannerText, type DemoPatientSummary } from './fixture';

const netLog = path.join(tmpdir(), `careside-netlog-${process.pid}.json`);
let ehr: DemoEhr;
let browser: LaunchedBrowser;
let patients: DemoPatientSummary[];

/** Runs in the EHR page's own world before its scripts: any executed hostile string shows here. */
function trapDialogs() {
  const fired: string[] = [];
  (window as unknown as { hostileFired: string[] }).hostileFired = fired;
  for (const name of ['alert', 'confirm', 'prompt'] as const) {
    Object.defineProperty(window, name, {
      value: (message?: unknown) => {
        fired.push(`${name}:${String(message)}`);
        return null;
      },
    });
  }
}

const byScenario = (scenario: string) => {
  const found = patients.find((p) => p.scenario === scenario);
  if (!found) throw new Error(`demo EHR has no ${scenario} patient`);
  return found;
};

async function openChart(page: Page, patient: DemoPatientSummary) {
  await page.goto(`${ehr.url}${patient.path}`);
  await expect.poll(() => bannerText(page), { timeout: 10_000 }).toContain(patient.mrn);
}

/** Stops Careside's service worker the way chrome://serviceworker-internals does, and checks it stopped. */
async function stopServiceWorker() {
  const internals = await browser.context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  const registration = internals.locator('.serviceworker-item', {
    hasText: `chrome-extension://${EXTENSION_ID}/`,
  });
  await registration.locator('cr-button[data-command="stop"]').first().click();
  await expect
    .poll(async () => (await registration.innerText()).includes('Running Status: STOPPED'))
    .toBe(true);
  await internals.close();
}

const inSidebar = (page: Page, selector: string) => page.locator(`careside-sidebar ${selector}`);
const textOf = async (locator: Locator) =>
  (await locator
    .first()
    .textContent({ timeout: 2_000 })
    .catch(() => '')) ?? '';
const inputValueOf = (locator: Locator) =>
  locator
    .first()
    .inputValue({ timeout: 2_000 })
    .catch(() => '');

beforeAll(async () => {
  ehr = await startDemoEhr({ port: 0, framePort: 0 });
  browser = await launchChromium({
    args: [`--log-net-log=${netLog}`, '--net-log-capture-mode=Default'],
  });
  await extensionWorker(browser.context);
  await browser.context.addInitScript(trapDialogs);
  patients = (
    (await (await fetch(`${ehr.url}/api/patients`)).json()) as {
      patients: DemoPatientSummary[];
    }
  ).patients;
});

afterAll(async () => {
  await browser?.close();
  await ehr?.close();
});

describe('a clinician’s workflow', () => {
  it('shows hostile chart text as text and never runs it', async () => {
    const hostile = patients.find((p) => p.name.includes('<img'));
    if (!hostile) throw new Error('demo EHR has no hostile-text patient');
    const page = await browser.context.newPage();
    await openChart(page, hostile);
    expect(await inSidebar(page, '.cs-banner-name').textContent()).toBe(hostile.name);
    expect(await inSidebar(page, 'img').count()).toBe(0);
    expect(await inSidebar(page, 'script').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { hostileFired: string[] }).hostileFired),
    ).toEqual([]);
    await page.close();
  });

  it('enters a PHQ-9 with the keyboard and charts it', async () => {
    const patient = byScenario('depression-not-responding');
    const page = await browser.context.newPage();
    await openChart(page, patient);
    const phq9 = inSidebar(page, '[data-instrument="PHQ-9"]');
    // The chart's data table names how many scores it holds.
    const charted = async () =>
      Number(
        /\d+/.exec((await phq9.locator('details.cs-chart-data summary').textContent()) ?? '')?.[0],
      );
    const before = await charted();
    expect(before).toBeGreaterThan(0);
    await inSidebar(page, 'button:has-text("Enter a score")').click();
    // Digits answer an item and move to the next: the whole form from the keyboard.
    await inSidebar(page, '.cs-score-item input').first().focus();
    await page.keyboard.type('221221110');
    await expect.poll(() => textOf(inSidebar(page, '[data-testid="score-total"]'))).toContain('12');
    await inSidebar(page, 'button:has-text("Save score")').click();
    await expect.poll(charted).toBe(before + 1);
    // The new score is in the table once it is opened.
    await phq9.locator('details.cs-chart-data summary').click();
    await expect
      .poll(() => phq9.locator('details.cs-chart-data tbody tr').count())
      .toBe(before + 1);
    await page.close();
  });

  it('autosaves a safety-plan edit that survives a reload and a stopped service worker', async () => {
    const patient = byScenario('bipolar-lamotrigine-ipsrt');
    const page = await browser.context.newPage();
    await openChart(page, patient);
    const start = inSidebar(page, 'button:has-text("Start a safety plan")');
    if (await start.count()) await start.click();
    const warningSigns = inSidebar(page, '[data-step="warning-signs"] .cs-entry-new input');
    await warningSigns.fill('Not sleeping for two nights');
    await warningSigns.press('Enter');
    await expect
      .poll(() => textOf(inSidebar(page, '[data-testid="save-status"]')))
      .toContain('Saved');

    await page.reload();
    await expect.poll(() => bannerText(page), { timeout: 10_000 }).toContain(patient.mrn);
    await expect
      .poll(
        () =>
          inputValueOf(inSidebar(page, '[data-step="warning-signs"] .cs-entries input').first()),
        { timeout: 10_000 },
      )
      .toBe('Not sleeping for two nights');

    // An edit made just before the service worker is stopped is still there after it restarts.
    const copingInput = inSidebar(page, '[data-step="internal-coping"] .cs-entry-new input');
    await copingInput.fill('Walk the dog');
    await copingInput.press('Enter');
    await expect
      .poll(() => textOf(inSidebar(page, '[data-testid="save-status"]')))
      .toContain('Saved');
    await stopServiceWorker();
    await page.reload();
    await expect.poll(() => bannerText(page), { timeout: 15_000 }).toContain(patient.mrn);
    await expect
      .poll(
        () =>
          inputValueOf(inSidebar(page, '[data-step="internal-coping"] .cs-entries input').first()),
        { timeout: 10_000 },
      )
      .toBe('Walk the dog');
    await page.close();
  });

  it('dismisses a prompt with a reason: it is hidden and the audit log has the entry', async () => {
    const patient = byScenario('bipolar-lithium-overdue');
    const page = await browser.context.newPage();
    await openChart(page, patient);
    const card = inSidebar(page, '.cs-card').first();
    await card.waitFor({ state: 'visible', timeout: 10_000 });
    const promptId = await card.getAttribute('data-prompt-id');
    const summary = (await card.locator('.cs-card-summary').textContent()) ?? '';
    await card.locator('button:has-text("Dismiss")').click();
    await card.locator('input[value="already-addressed"]').check();
    await card.locator('button[type="submit"]').click();
    await expect
      .poll(() => inSidebar(page, `.cs-card[data-prompt-id="${promptId}"]`).count())
      .toBe(0);
    // "Copy for the note" says what was addressed in this visit, with the reason given.
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(page.url()).origin,
    });
    await inSidebar(page, '[data-copy-note]').click();
    const note = await page.evaluate(() => navigator.clipboard.readText());
    expect(note).toContain('Prompts addressed today:');
    expect(note).toContain(`- ${summary} (Already addressed)`);

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    const auditRow = options
      .locator('tr', { hasText: 'dismissed' })
      .filter({ hasText: promptId ?? '' });
    await expect.poll(() => textOf(auditRow.first())).toContain('already-addressed');
    // The audit log names no patient: only the hashed key.
    const auditText =
      (await options.locator('section[aria-labelledby="audit-title"]').textContent()) ?? '';
    expect(auditText).not.toContain(patient.name);
    expect(auditText).not.toContain(patient.mrn);
    await options.close();
    await page.close();
  });

  it('leaves nothing in the EHR origin’s storage and sends nothing anywhere else', async () => {
    const page = await browser.context.newPage();
    for (const patient of patients.slice(0, 4)) await openChart(page, patient);
    const origin = await page.evaluate(async () => ({
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      cookies: document.cookie,
      indexedDb: (await indexedDB.databases()).map((db) => db.name),
      hostileFired: (window as unknown as { hostileFired: string[] }).hostileFired,
    }));
    expect(origin).toEqual({
      localStorage: 0,
      sessionStorage: 0,
      cookies: '',
      indexedDb: [],
      hostileFired: [],
    });
    await page.close();
    await browser.close();

    // Every request the browser started during the whole workflow (Chromium's own net log). Those
    // started by a web page or an extension carry their initiator's origin — the EHR page, its
    // content scripts, or chrome-extension://<Careside>; requests the browser makes for itself
    // (navigations the test typed, Chromium's own services) say "not an origin".
    const log = JSON.parse(readFileSync(netLog, 'utf8').replace(/,\s*\]\s*\}\s*$/, ']}')) as {
      events: { params?: { url?: string; method?: string; initiator?: string } }[];
    };
    const started = log.events
      .map((event) => event.params)
      .filter(
        (params): params is { url: string; method: string; initiator: string } =>
          typeof params?.url === 'string' &&
          typeof params.method === 'string' &&
          typeof params.initiator === 'string',
      )
      .filter((params) => /^(https?|wss?):/.test(params.url));
    const ehrOrigins = [new URL(ehr.url).origin, new URL(ehr.frameOrigin).origin];
    const fromPagesAndExtension = started.filter(
      (request) => request.initiator !== 'not an origin',
    );
    expect(fromPagesAndExtension.length).toBeGreaterThan(0);
    expect(
      fromPagesAndExtension.filter((request) => !ehrOrigins.includes(new URL(request.url).origin)),
    ).toEqual([]);
    expect(
      fromPagesAndExtension.filter((request) =>
        request.initiator.startsWith('chrome-extension://'),
      ),
    ).toEqual([]);
    // Nothing is posted anywhere either: the page's own navigation and assets are GETs.
    expect(fromPagesAndExtension.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});
