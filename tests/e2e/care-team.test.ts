/**
 * The care team's record in real Chromium (issue #22): two browser profiles, a therapist's and a
 * prescriber's, under the same settings, against a real FHIR server on loopback that requires
 * SMART tokens from a real authorization server (oidc-provider). Each clinician signs in through
 * `identity.launchWebAuthFlow`'s window, the provider's login and consent pages; the id_token's
 * name and fhirUser are the author of what they write. The therapist enters a PHQ-9; the
 * prescriber opens the same patient and sees it with its author. A patient whose server record
 * disagrees with the chart gets nothing written. With the server stopped, a score or a safety-plan
 * edit waits; the browser restarts, the server comes back, the clinician signs in again (tokens
 * live in memory only), and the write arrives.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEhr, startDemoEhr } from '../../demo-ehr/server';
import {
  beginSignIn,
  completeSignIn,
  discoverSmart,
  type SmartSettings,
} from '../../utils/record/smart';
import {
  CARESIDE_REDIRECT,
  CLIENT_ID,
  signInOverHttp,
  startOAuthServer,
  type TestOAuthServer,
} from '../fhir-server/oauth-server';
import { type StartOptions, startFhirServer, type TestFhirServer } from '../fhir-server/server';
import { EXTENSION_ID, extensionWorker, type LaunchedBrowser, launchChromium } from './browser';
import { bannerText, type DemoPatientSummary } from './fixture';

const MRN_SYSTEM = 'urn:oid:2.16.840.1.113883.19.5';
let ehr: DemoEhr;
let fhir: TestFhirServer;
let oauthServer: TestOAuthServer;
/** A token of the test's own, for looking at and seeding the server as a clinic's admin would. */
let adminToken: string;
let patients: DemoPatientSummary[];
const holder: { oauth?: TestOAuthServer } = {};
const fhirAuth: StartOptions['auth'] = {
  verifyAccessToken: (token) => holder.oauth?.verifyAccessToken(token) ?? Promise.resolve(false),
  smartConfiguration: () => (holder.oauth as TestOAuthServer).smartConfiguration(),
};
const serverFetch = (path: string, init: RequestInit = {}) =>
  fetch(`${fhir.baseUrl}/${path}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${adminToken}` },
  });
const opened: LaunchedBrowser[] = [];

const inSidebar = (page: Page, selector: string) => page.locator(`careside-sidebar ${selector}`);

async function addServerPatient(patient: DemoPatientSummary, birthDate = patient.birthDate) {
  const words = patient.name.replace(',', ' ').split(/\s+/).filter(Boolean);
  const response = await serverFetch('Patient', {
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

/**
 * Signs in from the options page: "Sign in" opens launchWebAuthFlow's window on the provider's
 * login page; the test types the clinician's login and confirms the consent page, as they would.
 * A provider that still has the clinician's session (the same profile after a restart) answers
 * without showing a page, and the window closes by itself: then there is nothing to type.
 */
async function signIn(context: BrowserContext, login: string) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const section = page.locator('section[data-auth]');
  await expect
    .poll(() => section.getAttribute('data-auth'), { timeout: 15_000 })
    .toBe('signed-out');
  const opened = context.waitForEvent('page', { timeout: 20_000 }).catch(() => null);
  await section.locator('button').click();
  const window = await opened;
  if (window) {
    const loginField = window.locator('input[name="login"]');
    const shown = await loginField
      .waitFor({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) {
      await loginField.fill(login);
      await window.locator('input[name="password"]').fill('any');
      await window.locator('button[type="submit"]').click();
    }
    await window
      .locator('button:has-text("Continue")')
      .click({ timeout: 10_000 })
      .catch(() => undefined);
  }
  await expect.poll(() => section.getAttribute('data-auth'), { timeout: 20_000 }).toBe('signed-in');
  const user = await page.locator('[data-auth-user]').textContent();
  await page.close();
  return user;
}

/** Gives the extension its settings through the options page's own message (no root needed). */
async function configure(context: BrowserContext, login: string) {
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
    smartClientId: CLIENT_ID,
  });
  await page.close();
  return signIn(context, login);
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
    await serverFetch(`CarePlan?subject=${encodeURIComponent(patient)}`)
  ).json()) as { entry?: { resource: { text: { div: string } } }[] };
  return (bundle.entry ?? []).map((entry) => entry.resource.text.div);
}

async function serverTotals(patient: string): Promise<number[]> {
  const bundle = (await (
    await serverFetch(`Observation?subject=${encodeURIComponent(patient)}`)
  ).json()) as { entry?: { resource: { valueInteger: number } }[] };
  return (bundle.entry ?? []).map((entry) => entry.resource.valueInteger).sort((a, b) => a - b);
}

beforeAll(async () => {
  ehr = await startDemoEhr({ port: 0, framePort: 0 });
  fhir = await startFhirServer({ auth: fhirAuth });
  oauthServer = await startOAuthServer({ fhirBaseUrl: fhir.baseUrl });
  holder.oauth = oauthServer;
  const smart: SmartSettings = {
    fhirBaseUrl: fhir.baseUrl,
    clientId: CLIENT_ID,
    redirectUri: CARESIDE_REDIRECT,
  };
  const server = await discoverSmart(smart);
  const { url, pending } = await beginSignIn(server, smart);
  adminToken = (await completeSignIn(server, smart, pending, await signInOverHttp(url, 'sam')))
    .accessToken;
  patients = (
    (await (await fetch(`${ehr.url}/api/patients`)).json()) as { patients: DemoPatientSummary[] }
  ).patients.filter((patient) => !patient.name.includes('<'));
});

afterAll(async () => {
  for (const browser of opened) await browser.close().catch(() => undefined);
  await fhir?.close();
  await oauthServer?.close();
  await ehr?.close();
});

describe('the care team’s record', () => {
  it('the prescriber sees the PHQ-9 the therapist entered, with its author', async () => {
    const patient = patients[0] as DemoPatientSummary;
    const serverPatient = await addServerPatient(patient);
    const therapist = await launch();
    const prescriber = await launch();
    expect(await configure(therapist.context, 'dana')).toBe('Signed in as Dana Reyes, LCSW');
    expect(await configure(prescriber.context, 'sam')).toBe('Signed in as Sam Ortiz, MD');

    const therapistPage = await openChart(therapist.context, patient);
    await expect
      .poll(() => inSidebar(therapistPage, '[data-record-session]').textContent(), {
        timeout: 20_000,
      })
      .toContain('Dana Reyes, LCSW');
    await enterPhq9(therapistPage, '221221110');
    await expect.poll(() => serverTotals(serverPatient), { timeout: 20_000 }).toEqual([12]);
    // The author is the signed-in user's FHIR identity from the id_token.
    const observations = (await (
      await serverFetch(`Observation?subject=${encodeURIComponent(serverPatient)}`)
    ).json()) as { entry: { resource: { performer?: { reference?: string }[] } }[] };
    expect(JSON.stringify(observations.entry[0]?.resource)).toContain('Practitioner/dana-reyes');
    // Every request Careside made to the record carried a bearer token.
    expect(
      fhir.requests.filter(
        (request) => !request.path.includes('.well-known') && request.authorization === null,
      ),
    ).toEqual([]);
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
    await configure(therapist.context, 'dana');
    await configure(prescriber.context, 'sam');
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
    await configure(therapist.context, 'dana');
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
      await configure(first.context, 'dana');
      const port = fhir.port;
      const repo = fhir.repo;
      await fhir.close();
      const page = await openChart(first.context, patient);
      await enterPhq9(page, '333333333');
      await expect
        .poll(() => inSidebar(page, '[data-record-status]').textContent(), { timeout: 20_000 })
        .toBe('Waiting to send (1)');
      await first.close();

      fhir = await startFhirServer({ port, repo, auth: fhirAuth });
      const second = await launch(profileDir);
      await extensionWorker(second.context);
      // The tokens lived in storage.session: after a restart the clinician signs in again.
      await signIn(second.context, 'dana');
      await expect.poll(() => serverTotals(serverPatient), { timeout: 90_000 }).toEqual([27]);
      await second.close();
    } finally {
      for (const browser of opened) await browser.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    }
  });

  it('a safety-plan edit made with the server down arrives after a restart, and the prescriber sees it', async () => {
    const patient = patients[4] as DemoPatientSummary;
    const serverPatient = await addServerPatient(patient);
    const profileDir = mkdtempSync(path.join(tmpdir(), 'careside-care-team-'));
    try {
      const first = await launch(profileDir);
      await configure(first.context, 'dana');
      const page = await openChart(first.context, patient);
      await addWarningSign(page, 'Withdrawing from friends');
      await expect
        .poll(async () => (await serverPlans(serverPatient)).join(), { timeout: 20_000 })
        .toContain('Withdrawing from friends');

      const port = fhir.port;
      const repo = fhir.repo;
      await fhir.close();
      await addWarningSign(page, 'Talks of being a burden');
      await expect
        .poll(() => inSidebar(page, '[data-record-status]').textContent(), { timeout: 20_000 })
        .toBe('Waiting to send (1)');
      await first.close();

      fhir = await startFhirServer({ port, repo, auth: fhirAuth });
      const second = await launch(profileDir);
      await extensionWorker(second.context);
      await signIn(second.context, 'dana');
      await expect
        .poll(async () => (await serverPlans(serverPatient)).join(), { timeout: 90_000 })
        .toContain('Talks of being a burden');
      await second.close();

      const prescriber = await launch();
      await configure(prescriber.context, 'sam');
      const prescriberPage = await openChart(prescriber.context, patient);
      await expect
        .poll(() => warningSigns(prescriberPage), { timeout: 20_000 })
        .toEqual(['Withdrawing from friends', 'Talks of being a burden']);
      expect(await inSidebar(prescriberPage, '[data-record-plan-author]').textContent()).toContain(
        'Dana Reyes, LCSW',
      );
    } finally {
      for (const browser of opened) await browser.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
