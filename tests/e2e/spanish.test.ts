/**
 * Careside in Spanish in real Chromium: with the language setting at "es" the sidebar, the
 * background's prompts and the dates speak Spanish; and the patient's copy of the safety plan
 * prints in the language picked at print time, whatever the sidebar speaks.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEhr, startDemoEhr } from '../../demo-ehr/server';
import { EXTENSION_ID, extensionWorker, type LaunchedBrowser, launchChromium } from './browser';
import { bannerText, type DemoPatientSummary } from './fixture';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** axe-core's WCAG 2.1 A/AA violations on a page (evaluated, as extension pages forbid inline scripts). */
async function axeViolations(page: Page, include?: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (selector) => {
    const { axe } = window as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<AxeResults> };
    };
    const results = await axe.run(selector ? { include: [[selector]] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return results.violations.map((violation) => `${violation.id}: ${violation.help}`);
  }, include);
}

let ehr: DemoEhr;
let browser: LaunchedBrowser;
let patients: DemoPatientSummary[];

/** A clinic's Lifeline entry with the Spanish service it checked with the Lifeline. */
const crisisContacts = [
  {
    label: '988 Suicide & Crisis Lifeline',
    phone: '988',
    text: '988',
    url: 'https://988lifeline.org',
    spanish: { label: '988 Lifeline en español', phoneOption: '2', textWord: 'AYUDA' },
  },
];

/** Sets a clinician's own setting as the options page does, through the typed protocol. */
async function setSetting(key: string, value: unknown) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const answer = await page.evaluate(
    (data) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ careside: 1, type: 'settings:set', data }),
    { key, value },
  );
  await page.close();
  expect(JSON.stringify(answer)).not.toContain('"ok":false');
}

const byScenario = (scenario: string) => {
  const found = patients.find((p) => p.scenario === scenario);
  if (!found) throw new Error(`demo EHR has no ${scenario} patient`);
  return found;
};

const sidebarText = async (page: Page) =>
  (await page.locator('careside-sidebar aside').first().textContent()) ?? '';

async function openChart(page: Page, patient: DemoPatientSummary) {
  await page.goto(`${ehr.url}${patient.path}`);
  await expect.poll(() => bannerText(page), { timeout: 10_000 }).toContain(patient.mrn);
}

/** Prints the patient's copy in `language` and returns the print page's text. */
async function printIn(
  page: Page,
  buttonName: string,
): Promise<{ text: string; lang: string; violations: string[] }> {
  const opened = browser.context.waitForEvent('page');
  await page
    .locator(`careside-sidebar .cs-print-choice button[aria-label="${buttonName}"]`)
    .click();
  const printPage = await opened;
  await printPage.locator('main.cs-print').waitFor({ timeout: 10_000 });
  const text = (await printPage.locator('main.cs-print').innerText()) ?? '';
  const lang = (await printPage.locator('html').getAttribute('lang')) ?? '';
  const violations = await axeViolations(printPage);
  // For review (tests/e2e/artifacts is not committed): what the patient takes home.
  await printPage.screenshot({
    path: `tests/e2e/artifacts/patient-copy-${lang}.png`,
    fullPage: true,
  });
  await printPage.close();
  return { text, lang, violations };
}

beforeAll(async () => {
  ehr = await startDemoEhr({ port: 0, framePort: 0 });
  browser = await launchChromium();
  await extensionWorker(browser.context);
  patients = (
    (await (await fetch(`${ehr.url}/api/patients`)).json()) as { patients: DemoPatientSummary[] }
  ).patients;
  await setSetting('crisisContacts', crisisContacts);
  await setSetting('language', 'es');
});

afterAll(async () => {
  await browser?.close();
  await ehr?.close();
});

describe('Careside with the language setting at "es"', () => {
  it('shows the sidebar, its dates and the background’s prompts in Spanish', async () => {
    const page = await browser.context.newPage();
    await openChart(page, byScenario('depression-not-responding'));
    await expect.poll(() => sidebarText(page), { timeout: 10_000 }).toContain('Avisos');
    const text = await sidebarText(page);
    for (const spanish of ['Escalas', 'Plan de seguridad', 'Fecha de nacimiento', 'Medicamentos']) {
      expect(text).toContain(spanish);
    }
    for (const english of [
      'Prompts',
      'Measures',
      'Safety plan',
      'Date of birth',
      'Crisis contacts',
    ]) {
      expect(text).not.toContain(english);
    }
    // The date of birth in Spanish ("4 jul 1985"), not in the browser's English.
    const birthDate =
      (await page.locator('careside-sidebar [data-testid="birth-date"]').textContent()) ?? '';
    expect(birthDate).toMatch(/^\d{1,2} \p{L}{3,4}\.? \d{4} \(\d+ años\)$/u);
    // The prompts are written by the background, which took the same catalogue.
    const summaries = await page.locator('careside-sidebar .cs-card-summary').allTextContents();
    expect(summaries.length).toBeGreaterThan(0);
    expect(summaries.join(' ')).not.toMatch(/\b(the|with|and|no|on record)\b/);
    // Read aloud in a Spanish voice, whatever the EHR page's own language.
    const sidebarLang = await page.evaluate(
      () =>
        document
          .querySelector('careside-sidebar')
          ?.shadowRoot?.querySelector('aside')
          ?.closest('[lang]')
          ?.getAttribute('lang') ?? null,
    );
    expect(sidebarLang).toBe('es');
    expect(await axeViolations(page, 'careside-sidebar')).toEqual([]);
    await page.close();
  });

  it('prints the patient’s copy in Spanish or in English, as picked at print time', async () => {
    const page = await browser.context.newPage();
    await openChart(page, byScenario('bipolar-lamotrigine-ipsrt'));
    const start = page.locator('careside-sidebar button:has-text("Empezar un plan de seguridad")');
    await start.or(page.locator('careside-sidebar .cs-print-choice')).first().waitFor();
    if (await start.count()) await start.click();
    const warningSigns = page.locator(
      'careside-sidebar [data-step="warning-signs"] .cs-entry-new input',
    );
    await warningSigns.fill('No duermo dos noches seguidas');
    await warningSigns.press('Enter');
    await expect
      .poll(() => page.locator('careside-sidebar [data-testid="save-status"]').textContent())
      .toContain('Guardado');

    const spanish = await printIn(page, 'Imprimir la copia del paciente en español');
    expect(spanish.lang).toBe('es');
    expect(spanish.violations).toEqual([]);
    expect(spanish.text).toContain('Mi plan de seguridad');
    expect(spanish.text).toContain('Señales de que puede estar empezando una crisis');
    expect(spanish.text).toContain('No duermo dos noches seguidas');
    expect(spanish.text).toContain('988 Lifeline en español');
    expect(spanish.text).toContain('Llame al 988 y marque 2 para español');
    expect(spanish.text).toContain('Envíe AYUDA por mensaje de texto al 988');
    expect(spanish.text).not.toMatch(/PHQ|GAD|puntuaci|aviso/i);

    const english = await printIn(page, 'Imprimir la copia del paciente en inglés');
    expect(english.lang).toBe('en');
    expect(english.violations).toEqual([]);
    expect(english.text).toContain('My safety plan');
    expect(english.text).toContain('Warning signs that a crisis may be starting');
    expect(english.text).toContain('No duermo dos noches seguidas');
    expect(english.text).toContain('Call 988');
    expect(english.text).not.toMatch(/AYUDA|marque|PHQ|GAD|score|prompt/i);
    await page.close();
  });
});

describe('a language change while a chart is open', () => {
  it('redraws the open sidebar, prompts included, in the new language', async () => {
    const page = await browser.context.newPage();
    await openChart(page, byScenario('depression-not-responding'));
    await expect.poll(() => sidebarText(page), { timeout: 10_000 }).toContain('Avisos');
    await setSetting('language', 'en');
    await expect.poll(() => sidebarText(page), { timeout: 10_000 }).toContain('Prompts');
    await expect
      .poll(async () =>
        (await page.locator('careside-sidebar .cs-card-summary').allTextContents()).join(' '),
      )
      .toMatch(/\b(the|with|no|on record)\b/);
    expect(await sidebarText(page)).not.toContain('Plan de seguridad');
    await page.close();
  });
});

describe('Careside in a browser whose own language is Spanish', () => {
  it('follows the browser: Chromium started with --lang=es shows the sidebar in Spanish', async () => {
    const spanishBrowser = await launchChromium({ args: ['--lang=es'] });
    try {
      await extensionWorker(spanishBrowser.context);
      const page = await spanishBrowser.context.newPage();
      const patient = byScenario('depression-not-responding');
      await page.goto(`${ehr.url}${patient.path}`);
      await expect.poll(() => bannerText(page), { timeout: 10_000 }).toContain(patient.mrn);
      await expect.poll(() => sidebarText(page), { timeout: 10_000 }).toContain('Avisos');
      await page.screenshot({ path: 'tests/e2e/artifacts/spanish-sidebar.png' });
      expect(await sidebarText(page)).not.toContain('Safety plan');
    } finally {
      await spanishBrowser.close();
    }
  });
});
