/**
 * One demo EHR and one Chromium with the built extension per test file, plus helpers that read
 * what the sidebar shows (playwright locators pierce the sidebar's open shadow root).
 */
import type { Page } from 'playwright-core';
import { type DemoEhr, startDemoEhr } from '../../demo-ehr/server';
import { extensionWorker, type LaunchedBrowser, launchChromium } from './browser';

export interface DemoPatientSummary {
  id: string;
  scenario: string;
  name: string;
  birthDate: string;
  sex: string;
  mrn: string;
  path: string;
}

export interface E2eSession {
  ehr: DemoEhr;
  browser: LaunchedBrowser;
  patients: DemoPatientSummary[];
  today: string;
  close(): Promise<void>;
}

export async function startSession(options: { frameDelayMs?: number } = {}): Promise<E2eSession> {
  const ehr = await startDemoEhr({ port: 0, framePort: 0, frameDelayMs: options.frameDelayMs });
  const browser = await launchChromium();
  await extensionWorker(browser.context);
  const list = (await (await fetch(`${ehr.url}/api/patients`)).json()) as {
    today: string;
    patients: DemoPatientSummary[];
  };
  return {
    ehr,
    browser,
    patients: list.patients,
    today: list.today,
    async close() {
      await browser.close();
      await ehr.close();
    },
  };
}

export const sidebar = (page: Page) => page.locator('careside-sidebar');

/** The identity the sidebar's banner shows, as text. */
export async function bannerText(page: Page): Promise<string> {
  return (await page.locator('careside-sidebar .cs-banner').textContent()) ?? '';
}
