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

/** What the sidebar shows at one moment, as the gallery's tests record it. */
export interface SidebarSnapshot {
  /** `ready` when it shows a patient; else the blank's reason (`changing`, `loading`, `no-patient`, `error`). */
  state: string;
  name: string | null;
  birthDate: string | null;
  mrn: string | null;
  medications: string[];
}

/**
 * The sidebar's shadow root, from the page's own world (serialised into the page by playwright,
 * so it must stay self-contained). The one place to change if the root is ever closed.
 */
export function sidebarRootInPage(): ShadowRoot | null {
  return document.querySelector('careside-sidebar')?.shadowRoot ?? null;
}

/**
 * What the sidebar shows now, read in the page's own world; null when it is not mounted. Takes
 * the root so a recorder that already holds it needs no second look-up.
 */
export function sidebarSnapshotInPage(root: ShadowRoot | null): SidebarSnapshot | null {
  if (!root?.querySelector('aside')) return null;
  const text = (selector: string) => root.querySelector(selector)?.textContent?.trim() ?? null;
  const blank = root.querySelector('.cs-body[data-state]')?.getAttribute('data-state');
  return {
    state: blank ?? (root.querySelector('.cs-banner') ? 'ready' : 'empty'),
    name: blank ? null : text('.cs-banner-name'),
    birthDate: blank ? null : text('[data-testid="birth-date"]'),
    mrn: blank ? null : text('[data-testid="mrn"]'),
    medications: blank
      ? []
      : [...root.querySelectorAll('.cs-medications li')].map((item) => item.textContent ?? ''),
  };
}

/** What the sidebar of `page` shows now (see `sidebarSnapshotInPage`). */
export function sidebarSnapshot(page: Page): Promise<SidebarSnapshot | null> {
  return page.evaluate(`(${sidebarSnapshotInPage})((${sidebarRootInPage})())`);
}

/**
 * The two page-world functions as a script to install with `addInitScript` or evaluate: defines
 * `window.caresideSidebarRoot()` and `window.caresideSidebarSnapshot(root)`.
 */
export const SIDEBAR_READERS_SCRIPT = `var __name = (f) => f;
window.caresideSidebarRoot = ${sidebarRootInPage};
window.caresideSidebarSnapshot = ${sidebarSnapshotInPage};`;
