/**
 * Managed policy as a clinic deploys it: a real policy file in Chromium's managed-policy folder,
 * read by the browser and handed to Careside's managed storage — no test hook in between.
 *
 * The file is written before the browser starts and removed after it closes (afterAll), and it is
 * kept only as long as these tests run: every Chromium on the machine reads that folder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../components/format';
import { type DemoEhr, startDemoEhr } from '../../demo-ehr/server';
import {
  extensionPolicy,
  type InstalledPolicy,
  installChromiumPolicy,
} from '../../scripts/lib/chromium-policy';
import { type StaticServer, serveStatic } from '../../scripts/lib/serve-static';
import {
  EXTENSION_ID,
  extensionWorker,
  type LaunchedBrowser,
  launchChromium,
} from '../e2e/browser';
import { bannerText } from '../e2e/fixture';

const LITHIUM_PATIENT = '1004';
const LITHIUM_CARDS = 'careside-sidebar [data-prompt-id^="lithium-"]';
const CARDS = 'careside-sidebar .cs-card';

/** The worked example of docs/selector-packs.md, pointed at the page as this test serves it. */
const riverbendPack = {
  ...JSON.parse(readFileSync(path.resolve('docs/examples/riverbend-pack.json'), 'utf8')),
  matches: ['http://127.0.0.1/riverbend-chart.html'],
};

const POLICY = {
  crisisContacts: [{ label: 'County Crisis Line', phone: '555-0100' }],
  rules: { disabledFamilies: ['lithium'] },
  selectorPacks: [
    JSON.stringify(riverbendPack),
    // Invalid for Careside though Chrome's schema lets it through (a pack is JSON text there):
    // reported by name, and the rest of the policy still applies.
    JSON.stringify({ format: 1, id: 'half-written-pack', name: 'Half-written pack' }),
  ],
  // Invalid for Chrome's own check of the managed schema: it never reaches Careside.
  retentionDays: 'forever',
};

interface SessionApi {
  storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
}

/** The tab the background has on record for a patient name (popup.html?tab=ID needs it). */
async function tabShowing(worker: Worker, name: string): Promise<number> {
  const stored = await worker.evaluate(() =>
    (globalThis as unknown as { chrome: SessionApi }).chrome.storage.session.get(null),
  );
  const ids = Object.entries(stored)
    .filter(([key, value]) => {
      const reading = (value as { reading?: { context?: { identity?: { name?: string } } } })
        .reading;
      return key.startsWith('tab:') && reading?.context?.identity?.name === name;
    })
    .map(([key]) => Number(key.slice('tab:'.length)));
  if (ids.length !== 1) throw new Error(`expected one tab showing ${name}, found ${ids.length}`);
  return ids[0] as number;
}

const settingRow = (page: Page, key: string) => page.locator(`[data-setting="${key}"]`);

let ehr: DemoEhr;
let examples: StaticServer;

beforeAll(async () => {
  ehr = await startDemoEhr({ port: 0, framePort: 0 });
  examples = await serveStatic(path.resolve('docs/examples'));
});
afterAll(async () => {
  await examples?.close();
  await ehr?.close();
});

async function openLithiumChart(browser: LaunchedBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${ehr.url}/patients/${LITHIUM_PATIENT}`);
  await expect.poll(() => bannerText(page), { timeout: 15_000 }).toContain('Reyes');
  await expect.poll(() => page.locator(CARDS).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  return page;
}

describe('without a managed policy', () => {
  it('shows the lithium prompts and the default crisis lines for the lithium patient', async () => {
    const browser = await launchChromium();
    try {
      await extensionWorker(browser.context);
      const page = await openLithiumChart(browser);
      expect(await page.locator(LITHIUM_CARDS).count()).toBeGreaterThan(0);
      const critical = page.locator('careside-sidebar .cs-critical');
      expect(await critical.textContent()).toContain('988');
      expect(await critical.textContent()).not.toContain('County Crisis Line');
    } finally {
      await browser.close();
    }
  });
});

describe('with a real managed policy file', () => {
  let policy: InstalledPolicy | null = null;
  let browser: LaunchedBrowser;
  let worker: Worker;

  beforeAll(async () => {
    policy = installChromiumPolicy('careside-test', extensionPolicy(EXTENSION_ID, POLICY));
    browser = await launchChromium();
    worker = await extensionWorker(browser.context);
  });
  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      policy?.remove();
    }
  });

  it('is read by Chromium from the managed-policy folder', () => {
    expect(policy?.file).toBe('/etc/chromium/policies/managed/careside-test.json');
  });

  it('shows the clinic’s crisis contact and no card of the switched-off rule family', async () => {
    const page = await openLithiumChart(browser);
    const critical = page.locator('careside-sidebar .cs-critical');
    await expect.poll(() => critical.textContent()).toContain('County Crisis Line');
    expect(await critical.locator('a[href="tel:5550100"]').count()).toBe(1);
    // The policy's list replaces the default lines rather than adding to them.
    expect(await critical.textContent()).not.toContain('988');
    expect(await page.locator(LITHIUM_CARDS).count()).toBe(0);
    // Only that family is off: the patient's other prompts still show.
    expect(await page.locator(CARDS).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('reads a chart of an EHR no built-in adapter knows with the policy’s selector pack', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${examples.url}/riverbend-chart.html`);
    await expect.poll(() => bannerText(page), { timeout: 15_000 }).toContain('Lopez, Ana M');
    expect(await bannerText(page)).toContain(formatDate('1991-04-17', 'en-US'));
    expect(await bannerText(page)).toContain('204518');

    const tabId = await tabShowing(worker, 'Lopez, Ana M');
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByTestId('popup-adapter').textContent()).toBe('riverbend-ehr');
    // The popup names what the organization's policy got wrong, for this tab too.
    const problems = popup.locator('section.policy-problems');
    await expect.poll(() => problems.textContent()).toContain('selectorPacks[1]');
    await popup.close();
    await page.close();
  });

  it('shows the policy’s settings locked in the options page, with the invalid value’s message', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await expect.poll(() => settingRow(options, 'crisisContacts').count()).toBe(1);
    // The user's own settings may show first; the policy's locks once the browser has read it.
    await expect.poll(() => options.getByTestId('policy-pending').count()).toBe(0);
    for (const key of ['crisisContacts', 'rules', 'selectorPacks']) {
      const row = settingRow(options, key);
      const text = (await row.textContent()) ?? '';
      expect(text, key).toContain('Set by your organization');
      expect(text, key).toContain('(locked)');
      expect(await row.locator('textarea').count(), key).toBe(0);
    }
    expect(await settingRow(options, 'crisisContacts').textContent()).toContain(
      'County Crisis Line',
    );
    // The policy's switched-off family shows off, and cannot be switched back on here.
    const lithium = settingRow(options, 'rules').locator('#family-lithium');
    expect(await lithium.isChecked()).toBe(false);
    expect(await lithium.isDisabled()).toBe(true);
    expect(await settingRow(options, 'selectorPacks').textContent()).toContain('riverbend-ehr');

    const problems = (await options.locator('section.problems').textContent()) ?? '';
    expect(problems).toContain('selectorPacks[1]');
    expect(problems).not.toContain('riverbend-ehr');

    // Chrome dropped the value its schema refused: the setting is the user's, at the default.
    const retention = (await settingRow(options, 'retentionDays').textContent()) ?? '';
    expect(retention).toContain('Default');
    expect(retention).not.toContain('(locked)');
    expect(retention).toContain('90');
    await options.close();
  });

  it('applies a changed policy while the browser runs, after “Reload policies”', async () => {
    policy?.rewrite(
      extensionPolicy(EXTENSION_ID, {
        ...POLICY,
        crisisContacts: [{ label: 'Regional Crisis Line', phone: '555-0199' }],
        rules: { disabledFamilies: [] },
      }),
    );
    const policyPage = await browser.context.newPage();
    await policyPage.goto('chrome://policy');
    await policyPage.getByRole('button', { name: 'Reload policies' }).click();

    const options = await browser.context.newPage();
    await expect
      .poll(
        async () => {
          await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
          await settingRow(options, 'crisisContacts').waitFor();
          return settingRow(options, 'crisisContacts').textContent();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain('Regional Crisis Line');

    const page = await openLithiumChart(browser);
    await expect
      .poll(() => page.locator('careside-sidebar .cs-critical').textContent())
      .toContain('Regional Crisis Line');
    expect(await page.locator(LITHIUM_CARDS).count()).toBeGreaterThan(0);
    await page.close();
    await options.close();
    await policyPage.close();
  });
});

describe('a policy changed while the browser was closed', () => {
  it('replaces the policy Careside last read on the first chart after the restart, sidebar included', async () => {
    const profileDir = mkdtempSync(path.join(tmpdir(), 'careside-policy-restart-'));
    const installed = installChromiumPolicy(
      'careside-test-restart',
      extensionPolicy(EXTENSION_ID, {
        crisisContacts: [{ label: 'County Crisis Line', phone: '555-0100' }],
      }),
    );
    const critical = (page: Page) => page.locator('careside-sidebar .cs-critical').textContent();
    try {
      const yesterday = await launchChromium({ profileDir });
      try {
        const page = await openLithiumChart(yesterday);
        await expect
          .poll(() => critical(page), { timeout: 15_000 })
          .toContain('County Crisis Line');
      } finally {
        await yesterday.close();
      }

      installed.rewrite(
        extensionPolicy(EXTENSION_ID, {
          crisisContacts: [{ label: 'Regional Crisis Team', phone: '555-0199' }],
        }),
      );
      // The chart opens at once, while Chromium's policy service may still be starting: Careside
      // may first show what it last read, and must then show the new policy in the open sidebar.
      const today = await launchChromium({ profileDir });
      try {
        const page = await openLithiumChart(today);
        await expect
          .poll(() => critical(page), { timeout: 20_000 })
          .toContain('Regional Crisis Team');
        expect(await critical(page)).not.toContain('County Crisis Line');
      } finally {
        await today.close();
      }
    } finally {
      installed.remove();
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
