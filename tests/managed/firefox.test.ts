/**
 * Careside in a real Firefox: Debian's Firefox ESR driven over WebDriver BiDi (puppeteer-core,
 * no browser download), with the Firefox build installed as a temporary add-on, on the demo EHR.
 *
 * The clinic's managed setting comes from Firefox's own enterprise policy file
 * (`/etc/firefox/policies/policies.json`, `3rdparty` → the add-on's ID), written before Firefox
 * starts (it reads the file at start-up only) and removed after: every Firefox on the machine
 * reads it, so this suite needs root, as CI has.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEhr, startDemoEhr } from '../../demo-ehr/server';

const FIREFOX = process.env.CARESIDE_FIREFOX ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'careside@careside.example';
// A fixed internal UUID, so the test can open the add-on's own pages (moz-extension://UUID/…).
const ADDON_UUID = '0b6e4a4e-6c2c-4d1e-9a0e-5b7f3c1d2e10';
const POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = path.join(POLICY_DIR, 'policies.json');
// The test build with the demo EHR's match and an open shadow root (utils/build-variant.ts).
const EXTENSION_DIR = path.resolve('.output/inspectable/firefox-mv2');

const CLINIC_CRISIS_LINE = { label: 'County Crisis Line', phone: '555-0100' };

interface DemoPatient {
  id: string;
  name: string;
  mrn: string;
  path: string;
  scenario: string;
}

let ehr: DemoEhr;
let browser: Browser;
let patients: DemoPatient[];
let policyBefore: string | null = null;

/** The sidebar's text under a selector, through its shadow root; '' when it is not there. */
async function sidebarText(page: Page, selector: string): Promise<string> {
  const element = await page.$(`careside-sidebar >>> ${selector}`);
  if (!element) return '';
  return (await element.evaluate((node) => node.textContent ?? '')) ?? '';
}

async function poll<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  if (!existsSync(FIREFOX)) {
    throw new Error(
      `Firefox ESR is needed at ${FIREFOX} (Debian: apt-get install firefox-esr, or set CARESIDE_FIREFOX).`,
    );
  }
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      'Build the Firefox test add-on first: CARESIDE_BUILD=inspectable npx wxt build -b firefox',
    );
  }
  policyBefore = existsSync(POLICY_FILE) ? readFileSync(POLICY_FILE, 'utf8') : null;
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(
      POLICY_FILE,
      JSON.stringify({
        policies: {
          '3rdparty': { Extensions: { [GECKO_ID]: { crisisContacts: [CLINIC_CRISIS_LINE] } } },
        },
      }),
    );
  } catch (error) {
    throw new Error(
      `Writing Firefox's enterprise policy (${POLICY_FILE}) needs root: run npm run test:firefox as root, as CI does. (${String(error)})`,
    );
  }
  ehr = await startDemoEhr({ port: 0, framePort: 0 });
  patients = (
    (await (await fetch(`${ehr.url}/api/patients`)).json()) as { patients: DemoPatient[] }
  ).patients;
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: ADDON_UUID }),
    },
  });
  await browser.installExtension(EXTENSION_DIR);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await ehr?.close();
  if (policyBefore === null) rmSync(POLICY_FILE, { force: true });
  else writeFileSync(POLICY_FILE, policyBefore);
});

describe('Careside in Firefox ESR', () => {
  it('opens the demo chart with the sidebar, and blanks and re-banners on a patient change', async () => {
    const [first, second] = patients;
    if (!first || !second) throw new Error('the demo EHR has fewer than two patients');
    const page = await browser.newPage();
    await page.goto(`${ehr.url}${first.path}`);
    const banner = await poll(
      () => sidebarText(page, '.cs-banner'),
      (text) => text.includes(first.mrn),
    );
    expect(banner).toContain(first.name);
    expect(banner).toContain(first.mrn);

    // Every banner the sidebar renders from here on is recorded, in the page's own frames.
    await page.evaluate(() => {
      const states: string[] = [];
      (window as unknown as { caresideStates: string[] }).caresideStates = states;
      const record = () => {
        const host = document.querySelector('careside-sidebar');
        const text = host?.shadowRoot?.querySelector('.cs-banner')?.textContent ?? '';
        if (states[states.length - 1] !== text) states.push(text);
        requestAnimationFrame(record);
      };
      record();
    });
    // In-page change: the demo's patient switcher (pushState and a new chart in the page).
    await page.select('form.switch-patient select', second.id);
    const next = await poll(
      () => sidebarText(page, '.cs-banner'),
      (text) => text.includes(second.mrn),
    );
    expect(next).toContain(second.name);
    const states = await page.evaluate(
      () => (window as unknown as { caresideStates: string[] }).caresideStates,
    );
    // Never the first patient's banner once the second's has been shown, and never both at once.
    const firstOfSecond = states.findIndex((text) => text.includes(second.mrn));
    expect(firstOfSecond).toBeGreaterThan(-1);
    expect(states.slice(firstOfSecond).some((text) => text.includes(first.mrn))).toBe(false);
    expect(states.some((text) => text.includes(first.mrn) && text.includes(second.mrn))).toBe(
      false,
    );
    await page.close();
  });

  it('autosaves a safety-plan edit that survives a reload', async () => {
    const patient = patients.find(
      (candidate) => candidate.scenario === 'bipolar-lamotrigine-ipsrt',
    );
    if (!patient) throw new Error('the demo EHR has no bipolar-lamotrigine-ipsrt patient');
    const page = await browser.newPage();
    await page.goto(`${ehr.url}${patient.path}`);
    await poll(
      () => sidebarText(page, '.cs-banner'),
      (text) => text.includes(patient.mrn),
    );
    for (const button of await page.$$('careside-sidebar >>> button')) {
      const label = await button.evaluate((node) => node.textContent ?? '');
      if (label.includes('Start a safety plan')) await button.click();
    }
    const input = await page.waitForSelector(
      'careside-sidebar >>> [data-step="warning-signs"] .cs-entry-new input',
      { timeout: 15_000 },
    );
    await input?.type('Not sleeping for two nights');
    await input?.press('Enter');
    const saved = await poll(
      () => sidebarText(page, '[data-testid="save-status"]'),
      (text) => text.includes('Saved'),
    );
    expect(saved).toContain('Saved');

    await page.reload();
    const kept = await poll(
      async () => {
        const entry = await page.$(
          'careside-sidebar >>> [data-step="warning-signs"] .cs-entries input',
        );
        return entry ? await entry.evaluate((node) => (node as HTMLInputElement).value) : '';
      },
      (value) => value === 'Not sleeping for two nights',
    );
    expect(kept).toBe('Not sleeping for two nights');
    await page.close();
  });

  it("shows a setting from Firefox's policies.json as set by the organization and locked", async () => {
    const page = await browser.newPage();
    // Navigating to an add-on page never resolves over BiDi: start it, then wait for the page.
    void page.goto(`moz-extension://${ADDON_UUID}/options.html`).catch(() => undefined);
    const row = await poll(
      async () => {
        const element = await page.$('[data-setting="crisisContacts"]').catch(() => null);
        return element ? await element.evaluate((node) => node.textContent ?? '') : '';
      },
      // The user's own settings may show first; the policy's, locked, once Firefox has read it.
      (text) => text.includes(CLINIC_CRISIS_LINE.label) && text.includes('(locked)'),
    );
    expect(row).toContain(CLINIC_CRISIS_LINE.label);
    expect(row).toContain('Set by your organization');
    expect(row).toContain('(locked)');
    await page.close();
  });
});
