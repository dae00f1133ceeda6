/**
 * The care team's record in real Chromium (issue #22): two browser profiles, a therapist's and a
 * prescriber's, under the same settings, against a real FHIR server on loopback. The therapist
 * enters a PHQ-9; the prescriber opens the same patient and sees it with its author. A patient
 * whose server record disagrees with the chart gets nothing written. With the server stopped, a
 * score waits; the browser restarts, the server comes back, and the score arrives.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEhr, startDemoEhr } from '../../demo-ehr/server';
import { startFhirServer, type TestFhirServer } from '../fhir-server/server';
import { EXTENSION_ID, extensionWorker, type LaunchedBrowser, launchChromium } from './browser';
import { bannerText, type DemoPatientSummary } from './fixture';

const MRN_SYSTEM = 'urn:oid:2.16.840.1.113883.19.5';
let ehr: DemoEhr;
let fhir: TestFhirServer;
let patients: DemoPatientSummary[];
const opened: LaunchedBrowser[] = [];

const inSidebar = (page: Page, selector: string) => page.locator(`careside-sidebar ${selector}`);

async function addServerPatient(patient: DemoPatientSummary, birthDate = patient.birthDate) {
  const words = patient.name.replace(',', ' ').split(/\s+/).filter(Boolean);
  const response = await fetch(`${fhir.baseUrl}/Patient`, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'Patient',
      identifier: [{ system: MRN_SYSTEM, value: patient.mrn }],
      name: [{ text: words.join(' ') }],
      birthDate,
    }),
  });
  return `Patient/${((await response.json()) as { id: string }).id}`;
}

/** Gives the extension its settings through the options page's own message (no root needed). */
async function configure(context: BrowserContext, clinicianName: string) {
  await extensionWorker(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const set = (key: string, value: unknown) =>
    page.evaluate(
      ([type, data]) =>
        (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
          }
        ).chrome.runtime.sendMessage({ careside: 1, type, data }),
      ['settings:set', { key, value }] as const,
    );
  await set('endpoints', {
    fhirBaseUrl: fhir.baseUrl,
    patientIdentifierSystems: { [new URL(ehr.url).origin]: MRN_SYSTEM },
  });
  await set('clinicianName', clinicianName);
  await page.close();
}

async function launch(profileDir?: string) {
  const browser = await launchChromium(profileDir ? { profileDir } : {});
  opened.push(browser);
  return browser;
}

async function openChart(context: BrowserContext, patient: DemoPatientSummary) {
  const page = await context.newPage();
  await page.goto(`${ehr.url}${patient.path}`);
  await expect.poll(() => bannerText(page), { timeout: 15_000 }).toContain(patient.mrn);
  return page;
}

async function enterPhq9(page: Page, answers: string) {
  await inSidebar(page, 'button:has-text("Enter a score")').click();
  await inSidebar(page, '.cs-score-item input').first().focus();
  await page.keyboard.type(answers);
  await inSidebar(page, 'button:has-text("Save score")').click();
}

async function addWarningSign(page: Page, text: string) {
  const start = inSidebar(page, 'button:has-text("Start a safety plan")');
  if (await start.count()) await start.click();
  const input = inSidebar(page, '[data-step="warning-signs"] .cs-entry-new input');
  await input.fill(text);
  await input.press('Enter');
}

const warningSigns = (page: Page) =>
  inSidebar(page, '[data-step="warning-signs"] .cs-entries input').evaluateAll((inputs) =>
    inputs.map((input) => (input as HTMLInputElement).value),
  );

async function serverPlans(patient: string): Promise<string[]> {
  const bundle = (await (
    await fetch(`${fhir.baseUrl}/CarePlan?subject=${encodeURIComponent(patient)}`)
  ).json()) as { entry?: { resource: { text: { div: string } } }[] };
  return (bundle.entry ?? []).map((entry) => entry.resource.text.div);
}

async function serverTotals(patient: string): Promise<number[]> {
  const bundle = (await (
    await fetch(`${fhir.baseUrl}/Observation?subject=${encodeURIComponent(patient)}`)
  ).json()) as { entry?: { resource: { valueInteger: number } }[] };
  return (bundle.entry ?? []).map((entry) => entry.resource.valueInteger).sort((a, b) => a - b);
}

beforeAll(async () => {
  ehr = await startDemoEhr({ port: 0, framePort: 0 });
  fhir = await startFhirServer();
  patients = (
    (await (await fetch(`${ehr.url}/api/patients`)).json()) as { patients: DemoPatientSummary[] }
  ).patients.filter((patient) => !patient.name.includes('<'));
});

afterAll(async () => {
  for (const browser of opened) await browser.close().catch(() => undefined);
  await fhir?.close();
  await ehr?.close();
});

describe('the care team’s record', () => {
  it('the prescriber sees the PHQ-9 the therapist entered, with its author', async () => {
    const patient = patients[0] as DemoPatientSummary;
    const serverPatient = await addServerPatient(patient);
    const therapist = await launch();
    const prescriber = await launch();
    await configure(therapist.context, 'Dana Reyes, LCSW');
    await configure(prescriber.context, 'Sam Ortiz, MD');

    const therapistPage = await openChart(therapist.context, patient);
    await enterPhq9(therapistPage, '221221110');
    await expect.poll(() => serverTotals(serverPatient), { timeout: 20_000 }).toEqual([12]);
    await expect
      .poll(() => inSidebar(therapistPage, '[data-record-status]').textContent(), {
        timeout: 20_000,
      })
      .toBe('Saved to the clinic record');

    const prescriberPage = await openChart(prescriber.context, patient);
    await expect
      .poll(() => inSidebar(prescriberPage, '[data-record-score]').allTextContents(), {
        timeout: 20_000,
      })
      .toContainEqual(expect.stringContaining('Dana Reyes, LCSW'));

    await addWarningSign(therapistPage, 'Not sleeping for two nights');
    await expect
      .poll(async () => (await serverPlans(serverPatient)).join(), { timeout: 20_000 })
      .toContain('Not sleeping for two nights');
    const prescriberAgain = await openChart(prescriber.context, patient);
    await expect
      .poll(() => warningSigns(prescriberAgain), { timeout: 20_000 })
      .toEqual(['Not sleeping for two nights']);
    expect(await inSidebar(prescriberAgain, '[data-record-plan-author]').textContent()).toContain(
      'Dana Reyes, LCSW',
    );
  });

  it('two conflicting edits of one safety plan end with both shown', async () => {
    const patient = patients[3] as DemoPatientSummary;
    const serverPatient = await addServerPatient(patient);
    const therapist = await launch();
    const prescriber = await launch();
    await configure(therapist.context, 'Dana Reyes, LCSW');
    await configure(prescriber.context, 'Sam Ortiz, MD');
    const therapistPage = await openChart(therapist.context, patient);
    await addWarningSign(therapistPage, 'Skipping meals');
    await expect
      .poll(async () => (await serverPlans(serverPatient)).join(), { timeout: 20_000 })
      .toContain('Skipping meals');
    const prescriberPage = await openChart(prescriber.context, patient);
    await expect
      .poll(() => warningSigns(prescriberPage), { timeout: 20_000 })
      .toEqual(['Skipping meals']);

    await addWarningSign(therapistPage, 'Giving things away');
    await expect
      .poll(async () => (await serverPlans(serverPatient)).join(), { timeout: 20_000 })
      .toContain('Giving things away');
    await addWarningSign(prescriberPage, 'Calls at night');
    const conflict = inSidebar(prescriberPage, '[data-record-conflict]');
    await expect
      .poll(() => conflict.textContent(), { timeout: 20_000 })
      .toContain('Calls at night');
    expect(await conflict.textContent()).toContain('Giving things away');
    // The record kept the therapist's version: nothing was overwritten.
    expect((await serverPlans(serverPatient)).join()).not.toContain('Calls at night');
  });

  it('writes nothing when the server’s patient has another date of birth (wrong-patient guard)', async () => {
    const patient = patients[1] as DemoPatientSummary;
    const serverPatient = await addServerPatient(patient, '1901-01-01');
    const therapist = await launch();
    await configure(therapist.context, 'Dana Reyes, LCSW');
    const page = await openChart(therapist.context, patient);
    await enterPhq9(page, '111111111');
    await expect
      .poll(() => inSidebar(page, '[data-record-problem]').textContent(), { timeout: 20_000 })
      .toContain('another date of birth');
    expect(await serverTotals(serverPatient)).toEqual([]);
  });

  it('a score entered with the server down arrives after a browser restart', async () => {
    const patient = patients[2] as DemoPatientSummary;
    const serverPatient = await addServerPatient(patient);
    const profileDir = mkdtempSync(path.join(tmpdir(), 'careside-care-team-'));
    try {
      const first = await launch(profileDir);
      await configure(first.context, 'Dana Reyes, LCSW');
      const port = fhir.port;
      const repo = fhir.repo;
      await fhir.close();
      const page = await openChart(first.context, patient);
      await enterPhq9(page, '333333333');
      await expect
        .poll(() => inSidebar(page, '[data-record-status]').textContent(), { timeout: 20_000 })
        .toBe('Waiting to send (1)');
      await first.close();

      fhir = await startFhirServer({ port, repo });
      const second = await launch(profileDir);
      await extensionWorker(second.context);
      // The retry waits 30 s after the first failed attempt (utils/storage/outbox.ts).
      await expect.poll(() => serverTotals(serverPatient), { timeout: 90_000 }).toEqual([27]);
      await second.close();
    } finally {
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
