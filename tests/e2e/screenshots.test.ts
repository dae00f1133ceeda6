/**
 * Screenshots of the sidebar beside demo charts, light and dark, for reviewing UI work and for the
 * README. Every run writes them to tests/e2e/artifacts/screenshots to be looked at; with
 * CARESIDE_UPDATE_SCREENSHOTS=1 they replace the committed ones in docs/screenshots, so a change
 * in how the sidebar looks shows up in the diff of the PNGs. (The demo's dates follow today's
 * date, so an ordinary test run must not rewrite committed files.)
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bannerText, type E2eSession, startSession } from './fixture';

const SHOTS = path.resolve(
  process.env.CARESIDE_UPDATE_SCREENSHOTS === '1'
    ? 'docs/screenshots'
    : 'tests/e2e/artifacts/screenshots',
);
const SIDEBAR_WIDTH = 360;

let session: E2eSession;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

const patient = (scenario: string) => {
  const found = session.patients.find((p) => p.scenario === scenario);
  if (!found) throw new Error(`demo EHR has no ${scenario} patient`);
  return found;
};

async function openChart(scenario: string, colorScheme: 'light' | 'dark'): Promise<Page> {
  const chart = patient(scenario);
  const page = await session.browser.context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
  await page.goto(`${session.ehr.url}${chart.path}`);
  await expect.poll(() => bannerText(page), { timeout: 10_000 }).toContain(chart.mrn);
  await page.locator('careside-sidebar .cs-section').first().waitFor({ state: 'visible' });
  // The page makes room once the view is painted (App.tsx); the shot is of the settled layout.
  await expect
    .poll(() => page.evaluate(() => document.documentElement.style.marginRight), {
      timeout: 10_000,
    })
    .not.toBe('');
  return page;
}

/** What a reviewer needs from each shot: the sidebar drawn in the scheme asked for, beside a narrowed page. */
async function expectSidebarLaidOut(page: Page, colorScheme: 'light' | 'dark') {
  const layout = await page.evaluate(() => {
    const root = document.querySelector('careside-sidebar')?.shadowRoot?.querySelector('.cs-root');
    const box = root?.getBoundingClientRect();
    return {
      pageMargin: getComputedStyle(document.documentElement).marginRight,
      pageWidth: document.documentElement.getBoundingClientRect().width,
      sidebarLeft: box?.left ?? -1,
      sidebarWidth: box?.width ?? -1,
      scheme: root ? getComputedStyle(root).colorScheme : '',
      // Anything drawn past the sidebar's right edge is cut off (or scrolls it sideways).
      pastTheEdge: [...(root?.querySelectorAll('*') ?? [])]
        .filter((element) => !element.closest('.cs-visually-hidden'))
        .filter((element) => element.getBoundingClientRect().right > (box?.right ?? 0) + 0.5)
        .map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute('class')}`),
    };
  });
  expect(layout.pageMargin).toBe(`${SIDEBAR_WIDTH}px`);
  expect(layout.sidebarWidth).toBe(SIDEBAR_WIDTH);
  expect(layout.pageWidth).toBeLessThanOrEqual(layout.sidebarLeft);
  expect(layout.scheme).toBe(colorScheme);
  expect(layout.pastTheEdge).toEqual([]);
}

async function save(
  page: Page,
  file: string,
  clip?: { x: number; y: number; width: number; height: number },
) {
  const target = path.join(SHOTS, file);
  await page.screenshot({ path: target, animations: 'disabled', caret: 'hide', clip });
  // Committed files: a full-page capture or an uncompressed image would bloat the repository.
  expect(statSync(target).size).toBeLessThan(400_000);
}

describe('sidebar screenshots', () => {
  const shots = ['depression-improving', 'bipolar-lithium-overdue', 'adolescent-antidepressant'];
  for (const scenario of shots) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${scenario}, ${colorScheme}`, async () => {
        const page = await openChart(scenario, colorScheme);
        await expectSidebarLaidOut(page, colorScheme);
        await save(page, `${scenario}-${colorScheme}.png`);
        await page.close();
      });
    }
  }

  // The glance: the slim tab beside the chart (the right edge of the window, where it sits), light
  // and dark. Collapsing is saved as the layout, so each shot opens the sidebar again after it.
  for (const scenario of shots) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${scenario}, collapsed to the tab, ${colorScheme}`, async () => {
        const page = await openChart(scenario, colorScheme);
        await page.locator('careside-sidebar button[aria-label="Collapse the sidebar"]').click();
        const tab = page.locator('careside-sidebar .cs-tab');
        await tab.waitFor({ state: 'visible' });
        await expect
          .poll(() => page.locator('careside-sidebar [data-testid="tab-plan"]').count())
          .toBe(1);
        const box = await tab.boundingBox();
        if (!box) throw new Error('the tab has no box');
        const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
        const width = 320;
        await save(page, `${scenario}-tab-${colorScheme}.png`, {
          x: viewport.width - width,
          y: 0,
          width,
          height: viewport.height,
        });
        await tab.click();
        await page.locator('careside-sidebar .cs-banner').waitFor({ state: 'visible' });
        await page.close();
      });
    }
  }

  it('the tab at 200 % zoom: all of it on screen, nothing cut off, the counts and plan readable', async () => {
    const page = await openChart('bipolar-lithium-overdue', 'light');
    await page.locator('careside-sidebar button[aria-label="Collapse the sidebar"]').click();
    const tab = page.locator('careside-sidebar .cs-tab');
    await tab.waitFor({ state: 'visible' });
    // 200 % zoom of a 1440 × 900 window lays the page out in 720 × 450 CSS pixels.
    await page.setViewportSize({ width: 720, height: 450 });
    const fit = await page.evaluate(() => {
      const root = document.querySelector('careside-sidebar')?.shadowRoot;
      const tab = root?.querySelector('.cs-tab');
      const box = tab?.getBoundingClientRect();
      const parts = [...(tab?.querySelectorAll('[data-testid]') ?? [])].map((part) => {
        const rect = part.getBoundingClientRect();
        return { part: part.getAttribute('data-testid'), top: rect.top, bottom: rect.bottom };
      });
      return { top: box?.top ?? -1, bottom: box?.bottom ?? 1e9, parts, height: innerHeight };
    });
    expect(fit.top).toBeGreaterThanOrEqual(0);
    expect(fit.bottom).toBeLessThanOrEqual(fit.height);
    expect(fit.parts.map((part) => part.part)).toEqual([
      'tab-initials',
      'tab-confirmed',
      'tab-critical',
      'tab-warning',
      'tab-plan',
    ]);
    await save(page, 'tab-zoom-200.png', { x: 720 - 200, y: 0, width: 200, height: 450 });
    await page.setViewportSize({ width: 1440, height: 900 });
    await tab.click();
    await page.locator('careside-sidebar .cs-banner').waitFor({ state: 'visible' });
    await page.close();
  });

  it('the README picture: a rich chart in light mode, scrolled to the trends', async () => {
    const page = await openChart('bipolar-lithium-overdue', 'light');
    await expectSidebarLaidOut(page, 'light');
    // The shots above show the prompts; this one shows the trends under the pinned banner and
    // critical item, so between them every part of the sidebar is in a committed picture.
    const trends = page.locator('careside-sidebar #cs-section-trends');
    await trends.evaluate((section) => section.scrollIntoView({ block: 'start' }));
    await expect
      .poll(() => trends.evaluate((section) => section.getBoundingClientRect().top))
      .toBeLessThan(600);
    await save(page, 'demo-chart.png');
    await page.close();
  });
});
