/**
 * "Teach Careside this page" end to end (issue 21, item 1, "Must show"): on three gallery EHRs
 * Careside has no pack for — one of them built from nested frames — an admin whom the policy
 * allows (`packAuthors`) starts the builder from the popup and clicks the fields with the mouse,
 * through the builder's overlay; the exported Chrome policy is then installed as real managed
 * policy, and Careside reads every field of two patients per page, compared with the gallery's
 * truth. Clicks and time per page are printed.
 *
 * Real managed policy is written to the system folder every Chromium reads: root only, removed
 * afterwards (like the other tests of this project).
 */
import type { FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  extensionPolicy,
  type InstalledPolicy,
  installChromiumPolicy,
} from '../../scripts/lib/chromium-policy';
import { copyExtensionEnabledOn, type EnabledExtension } from '../../scripts/lib/enable-origin';
import type { ResponseOf } from '../../utils/messaging';
import {
  EXTENSION_DIR,
  EXTENSION_ID,
  extensionWorker,
  type LaunchedBrowser,
  launchChromium,
} from '../e2e/browser';
import { scoreReading } from '../gallery/measure';
import { type Gallery, type RunningPage, startGallery } from '../gallery/server';

/** Where the admin clicks, in a frame (names from the top) or the top document. */
interface Target {
  frames?: string[];
  selector: string;
}

/** One step of an admin's session: click a field on the page, or a button of the panel. */
type Action =
  | { step: string; click: Target }
  | { panel: 'builder-skip' | 'builder-next-list' | 'builder-finish' };

const PLANS: Record<string, Action[]> = {
  // Server-rendered, other people's names on the same screen.
  'others-names': [
    { step: 'identity.name', click: { selector: '.pt-name' } },
    { step: 'identity.birthDate', click: { selector: 'div:has(> span.lbl:text-is("DOB:"))' } },
    { step: 'identity.mrn', click: { selector: 'div:has(> span.lbl:text-is("MRN:"))' } },
    {
      step: 'medications.item',
      click: { selector: '.pane:has(h2:text-is("Medications")) tr:nth-child(2) td:nth-child(1)' },
    },
    {
      step: 'medications.text',
      click: { selector: '.pane:has(h2:text-is("Medications")) tr:nth-child(2) td:nth-child(1)' },
    },
    { panel: 'builder-next-list' },
    {
      step: 'problems.item',
      click: { selector: '.pane:has(h2:text-is("Problems")) tr:nth-child(2) td:nth-child(1)' },
    },
    {
      step: 'problems.text',
      click: { selector: '.pane:has(h2:text-is("Problems")) tr:nth-child(2) td:nth-child(1)' },
    },
    {
      step: 'problems.code',
      click: { selector: '.pane:has(h2:text-is("Problems")) tr:nth-child(2) td:nth-child(2)' },
    },
    { panel: 'builder-next-list' },
    {
      step: 'scores.row',
      click: { selector: '.pane:has(h2:text("Assessments")) tr:nth-child(2) td:nth-child(1)' },
    },
    {
      step: 'scores.instrumentFrom',
      click: { selector: '.pane:has(h2:text("Assessments")) tr:nth-child(2) td:nth-child(1)' },
    },
    {
      step: 'scores.date',
      click: { selector: '.pane:has(h2:text("Assessments")) tr:nth-child(2) td:nth-child(3)' },
    },
    {
      step: 'scores.value',
      click: { selector: '.pane:has(h2:text("Assessments")) tr:nth-child(2) td:nth-child(2)' },
    },
    { panel: 'builder-finish' },
  ],
  // A plain single-page app: lists without cells, a score table.
  slow: [
    { step: 'identity.name', click: { selector: '#patient-header h1' } },
    { step: 'identity.birthDate', click: { selector: '#patient-header .facts span:nth-child(1)' } },
    { step: 'identity.mrn', click: { selector: '#patient-header .facts span:nth-child(2)' } },
    { step: 'medications.item', click: { selector: '#chart ul:nth-of-type(2) li:nth-child(1)' } },
    { panel: 'builder-next-list' },
    { step: 'problems.item', click: { selector: '#chart ul:nth-of-type(1) li:nth-child(1)' } },
    { panel: 'builder-next-list' },
    { step: 'scores.row', click: { selector: '#chart tbody tr:nth-child(1) td:nth-child(1)' } },
    {
      step: 'scores.instrumentFrom',
      click: { selector: '#chart tbody tr:nth-child(1) td:nth-child(1)' },
    },
    { step: 'scores.date', click: { selector: '#chart tbody tr:nth-child(1) td:nth-child(3)' } },
    { step: 'scores.value', click: { selector: '#chart tbody tr:nth-child(1) td:nth-child(2)' } },
    { panel: 'builder-finish' },
  ],
  // Legacy frames: banner on top, the summary in a frame, the medications in a frame inside it.
  'frameset-mrn': [
    { step: 'identity.name', click: { selector: '#banner .ptname' } },
    { step: 'identity.birthDate', click: { selector: '#banner .fld:has-text("DOB:")' } },
    { step: 'identity.mrn', click: { selector: '#banner .fld:has-text("MRN:")' } },
    {
      step: 'medications.item',
      click: { frames: ['fraSummary', 'fraMeds'], selector: 'tr:nth-child(2) td:nth-child(1)' },
    },
    {
      step: 'medications.text',
      click: { frames: ['fraSummary', 'fraMeds'], selector: 'tr:nth-child(2) td:nth-child(1)' },
    },
    { panel: 'builder-next-list' },
    {
      step: 'problems.item',
      click: {
        frames: ['fraSummary'],
        selector: 'table:nth-of-type(1) tr:nth-child(2) td:nth-child(2)',
      },
    },
    {
      step: 'problems.text',
      click: {
        frames: ['fraSummary'],
        selector: 'table:nth-of-type(1) tr:nth-child(2) td:nth-child(2)',
      },
    },
    {
      step: 'problems.code',
      click: {
        frames: ['fraSummary'],
        selector: 'table:nth-of-type(1) tr:nth-child(2) td:nth-child(1)',
      },
    },
    { panel: 'builder-next-list' },
    {
      step: 'scores.row',
      click: {
        frames: ['fraSummary'],
        selector: 'table:nth-of-type(2) tr:nth-child(2) td:nth-child(2)',
      },
    },
    {
      step: 'scores.instrumentFrom',
      click: {
        frames: ['fraSummary'],
        selector: 'table:nth-of-type(2) tr:nth-child(2) td:nth-child(2)',
      },
    },
    {
      step: 'scores.date',
      click: {
        frames: ['fraSummary'],
        selector: 'table:nth-of-type(2) tr:nth-child(2) td:nth-child(1)',
      },
    },
    {
      step: 'scores.value',
      click: {
        frames: ['fraSummary'],
        selector: 'table:nth-of-type(2) tr:nth-child(2) td:nth-child(3)',
      },
    },
    { panel: 'builder-finish' },
  ],
};

const PAGE_IDS = Object.keys(PLANS);

interface Taught {
  page: RunningPage;
  clicks: number;
  seconds: number;
  chromePolicy: string;
  pack: { id: string; patientKeyParam?: string };
  testCommand: string;
}

const panel = (page: Page) => page.locator('careside-builder [data-testid="builder-panel"]');

/** The frame the admin means: names from the top document down. */
function frameOf(page: Page, names: string[] | undefined): Page | FrameLocator {
  let scope: Page | FrameLocator = page;
  for (const name of names ?? []) scope = scope.frameLocator(`iframe[name="${name}"]`);
  return scope;
}

/** A real mouse click in the middle of what the admin sees, wherever it is on the screen. */
async function clickAt(page: Page, scope: Page | FrameLocator, selector: string): Promise<void> {
  const target = scope.locator(selector).first();
  await target.waitFor({ state: 'visible', timeout: 15_000 });
  const box = await target.boundingBox();
  if (!box) throw new Error(`nothing to click at ${selector}`);
  await page.mouse.click(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2);
}

async function currentStep(page: Page): Promise<string | null> {
  const step = page.locator('careside-builder [data-testid="builder-step"]');
  return (await step.count()) > 0 ? step.getAttribute('data-step') : null;
}

interface ExtensionPageApi {
  tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/**
 * The second patient, opened as the admin would on this EHR: a click in the page's own patient
 * list, a pick in its drop-down, or the address bar where the page has neither.
 */
async function openSecondPatient(page: Page, running: RunningPage): Promise<void> {
  const second = running.truth.patients[1];
  if (!second) throw new Error(`${running.id} has one patient`);
  const action = running.truth.inPage;
  if (action?.kind === 'click') {
    await clickAt(page, page, action.selector.replaceAll('{id}', second.id));
  } else if (action?.kind === 'select') {
    await page.selectOption(action.selector, action.value.replaceAll('{id}', second.id));
  } else {
    await page.goto(`${running.url}${second.entry}`);
  }
  await page.waitForFunction(
    (wanted) =>
      (window as unknown as { galleryHeader?: () => string | null }).galleryHeader?.() === wanted,
    second.header,
    { timeout: 15_000 },
  );
}

let gallery: Gallery;
let enabled: EnabledExtension;
const taught: Taught[] = [];

beforeAll(async () => {
  gallery = await startGallery({ pages: PAGE_IDS, lagMs: [0, 50] });
  // Host access to the gallery's loopback origins, as an admin who allowed the site has it.
  enabled = copyExtensionEnabledOn(EXTENSION_DIR, new URL('http://127.0.0.1/'));
});
afterAll(async () => {
  enabled?.remove();
  await gallery?.close();
});

describe('Teach Careside this page, driven by mouse clicks', () => {
  let policy: InstalledPolicy | null = null;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    // The organization lets this admin author packs; nothing else is set.
    policy = installChromiumPolicy(
      'careside-teach-test',
      extensionPolicy(EXTENSION_ID, { packAuthors: true }),
    );
    browser = await launchChromium({ extensionDir: enabled.directory });
    await extensionWorker(browser.context);
  });
  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      policy?.remove();
    }
  });

  it.each(PAGE_IDS)('builds a pack for %s from the admin’s clicks', async (pageId) => {
    const running = gallery.pages.find((candidate) => candidate.id === pageId);
    if (!running) throw new Error(`no gallery page ${pageId}`);
    const first = running.truth.patients[0];
    if (!first) throw new Error(`${pageId} has no patient`);
    const page = await browser.context.newPage();
    await page.goto(`${running.url}${first.entry}`);
    const headerShown = running.truth.patients[0]?.header ?? '';
    await page.waitForFunction(
      (wanted) =>
        (window as unknown as { galleryHeader?: () => string | null }).galleryHeader?.() === wanted,
      headerShown,
      { timeout: 15_000 },
    );
    const started = Date.now();
    let clicks = 0;

    // The popup on this tab: the admin presses "Teach Careside this page".
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    const tabId = await popup.evaluate(async (url) => {
      const api = (globalThis as unknown as { chrome: ExtensionPageApi }).chrome;
      return (await api.tabs.query({})).find((tab) => tab.url === url)?.id ?? null;
    }, page.url());
    expect(tabId).not.toBeNull();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${tabId}`);
    const teach = popup.getByTestId('popup-teach');
    await teach.waitFor({ timeout: 15_000 });
    await teach.click();
    clicks += 1;
    await expect.poll(() => popup.locator('output.notice').textContent()).toContain('builder');
    await popup.close();
    await page.bringToFront();
    await panel(page).waitFor({ timeout: 15_000 });

    for (const action of PLANS[pageId] ?? []) {
      const before = await currentStep(page);
      if ('panel' in action) {
        const button = page.locator(`careside-builder [data-testid="${action.panel}"]`);
        await button.scrollIntoViewIfNeeded();
        const box = await button.boundingBox();
        if (!box) throw new Error(`no ${action.panel} button`);
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      } else {
        expect(before, `${pageId}: the builder asks for ${action.step}`).toBe(action.step);
        await clickAt(page, frameOf(page, action.click.frames), action.click.selector);
      }
      clicks += 1;
      await expect.poll(() => currentStep(page), { timeout: 10_000 }).not.toBe(before);
      if (before === 'scores.row') {
        // The admin's view mid-way: the outline on the row just clicked, the chosen fields.
        await page.screenshot({ path: `docs/screenshots/teach-${pageId}-picking.png` });
        // The sidebar beside the panel still reads the chart, never the panel's own words.
        const sidebarName = (
          await page.locator('careside-sidebar #cs-banner-name').allTextContents()
        ).join(' ');
        expect(sidebarName, `${pageId}: the sidebar's name`).not.toMatch(/finds \d/);
      }
    }
    await expect.poll(() => page.getByTestId('builder-done').count()).toBe(1);
    await expect.poll(() => page.getByTestId('builder-valid').count()).toBe(1);

    // The builder's live preview reads the page, then the second patient (opened as an admin
    // would, in the same tab): the builder joins the new document and sees the identity change.
    await expect
      .poll(() => page.getByTestId('builder-second-patient').textContent(), { timeout: 15_000 })
      .toContain('Now open a second patient');
    await page.getByTestId('builder-preview-toggle').click();
    clicks += 1;
    await page.getByTestId('builder-preview').waitFor({ state: 'attached', timeout: 10_000 });
    await page.screenshot({ path: `docs/screenshots/teach-${pageId}-preview.png` });
    await openSecondPatient(page, running);
    clicks += 1;
    await panel(page).waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('builder-second-patient').textContent(), { timeout: 15_000 })
      .toContain('Second patient read');
    const exportArea = page.getByTestId('builder-export');
    const packText = (await exportArea.inputValue()) || ((await exportArea.textContent()) ?? '');
    const chromeButton = page.locator('careside-builder [data-export="chrome"]');
    await chromeButton.scrollIntoViewIfNeeded();
    const chromeBox = await chromeButton.boundingBox();
    if (!chromeBox) throw new Error('no Chrome export button');
    await page.mouse.click(chromeBox.x + chromeBox.width / 2, chromeBox.y + chromeBox.height / 2);
    clicks += 1;
    await expect.poll(() => exportArea.getAttribute('data-kind')).toBe('chrome');
    const chromePolicy =
      (await exportArea.inputValue()) || ((await exportArea.textContent()) ?? '');
    const testCommand = (await page.getByTestId('builder-test-command').textContent()) ?? '';
    const seconds = (Date.now() - started) / 1000;
    const pack = JSON.parse(packText) as Taught['pack'];
    taught.push({ page: running, clicks, seconds, chromePolicy, pack, testCommand });
    console.log(
      `teach ${pageId}: ${clicks} clicks, ${seconds.toFixed(1)} s to an exported pack (${pack.id}${pack.patientKeyParam ? `, patientKeyParam ${pack.patientKeyParam}` : ''})`,
    );
    await page.close();
  });
});

type Inspection = ResponseOf<'inspect:tab'>;

describe('the exported packs, as real managed policy', () => {
  let policy: InstalledPolicy | null = null;
  let browser: LaunchedBrowser;
  let extensionPage: Page;

  beforeAll(async () => {
    // The files the admin exported: one Chrome policy per page, joined as one policy holds them.
    const selectorPacks = taught.flatMap((entry) => {
      const exported = JSON.parse(entry.chromePolicy) as {
        '3rdparty': { extensions: Record<string, { selectorPacks: string[] }> };
      };
      return exported['3rdparty'].extensions[EXTENSION_ID]?.selectorPacks ?? [];
    });
    policy = installChromiumPolicy(
      'careside-teach-test',
      extensionPolicy(EXTENSION_ID, { selectorPacks }),
    );
    browser = await launchChromium({ extensionDir: enabled.directory });
    await extensionWorker(browser.context);
    extensionPage = await browser.context.newPage();
    await extensionPage.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  });
  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      policy?.remove();
    }
  });

  async function inspect(page: Page): Promise<Inspection | null> {
    return (await extensionPage.evaluate(async (wanted) => {
      const chrome = (globalThis as unknown as { chrome: ExtensionPageApi }).chrome;
      const tabs = await chrome.tabs.query({});
      const tabId = tabs.find((tab) => tab.url === wanted)?.id;
      if (tabId === undefined) return null;
      return chrome.runtime.sendMessage({ careside: 1, type: 'inspect:tab', data: { tabId } });
    }, page.url())) as Inspection | null;
  }

  it.each(PAGE_IDS)('reads every field of two patients on %s', async (pageId) => {
    const entry = taught.find((candidate) => candidate.page.id === pageId);
    expect(entry, `a pack was taught for ${pageId}`).toBeDefined();
    if (!entry) return;
    const { truth } = entry.page;
    const page = await browser.context.newPage();
    for (const patient of truth.patients.slice(0, 2)) {
      await page.goto(`${entry.page.url}${patient.entry}`);
      let score = scoreReading(pageId, patient, 'read', false, null, null, null);
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const inspection = await inspect(page);
        score = scoreReading(pageId, patient, 'read', false, inspection, null, null);
        if (score.adapter === entry.pack.id && score.fields.every((field) => field.correct)) break;
        await page.waitForTimeout(250);
      }
      const correct = score.fields.filter((field) => field.correct).length;
      console.log(
        `read ${pageId} patient ${patient.id}: ${correct}/${score.fields.length} fields (${score.adapter})`,
      );
      for (const field of score.fields.filter((candidate) => !candidate.correct)) {
        console.log(`  missed ${field.field}: expected ${field.expected}, read ${field.read}`);
      }
      expect(score.adapter).toBe(entry.pack.id);
      expect(correct).toBe(score.fields.length);
      expect(score.extras).toEqual([]);
    }
    await page.close();
  });
});
