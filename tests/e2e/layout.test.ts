/**
 * The sidebar's layout in real Chromium: width set from the keyboard and remembered across a
 * reload (the background keeps it), collapse to a slim tab and back, push (the EHR page narrows)
 * versus overlay, and the system's dark mode followed as it changes.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bannerText, type E2eSession, startSession } from './fixture';

let session: E2eSession;

beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

const inSidebar = (page: Page, selector: string) => page.locator(`careside-sidebar ${selector}`);

async function openChart(scenario = 'depression-improving'): Promise<Page> {
  const chart = session.patients.find((p) => p.scenario === scenario);
  if (!chart) throw new Error(`demo EHR has no ${scenario} patient`);
  const page = await session.browser.context.newPage();
  await page.goto(`${session.ehr.url}${chart.path}`);
  await expect.poll(() => bannerText(page), { timeout: 10_000 }).toContain(chart.mrn);
  // The page makes room once the patient's view is painted (push mode, the default here).
  await expect
    .poll(() => page.evaluate(() => document.documentElement.style.marginRight), {
      timeout: 10_000,
    })
    .not.toBe('');
  return page;
}

/** What the reader of the chart gets: the page's right margin, its width, and the sidebar's box. */
function measure(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('careside-sidebar')?.shadowRoot?.querySelector('.cs-root');
    const box = root?.getBoundingClientRect();
    return {
      pageMargin: getComputedStyle(document.documentElement).marginRight,
      pageRight: document.documentElement.getBoundingClientRect().right,
      viewportWidth: window.innerWidth,
      sidebarLeft: box ? Math.round(box.left) : null,
      sidebarWidth: box ? Math.round(box.width) : null,
    };
  });
}

const focusedInSidebar = (page: Page) =>
  page.evaluate(() => {
    const host = document.activeElement;
    if (host?.tagName.toLowerCase() !== 'careside-sidebar') return null;
    const inner = host.shadowRoot?.activeElement;
    return inner ? (inner.getAttribute('aria-label') ?? inner.className) : null;
  });

describe('sidebar layout', () => {
  it('takes a width set from the keyboard on the resize handle, and keeps it after a reload', async () => {
    const page = await openChart();
    const handle = inSidebar(page, '.cs-resize');
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    for (let press = 0; press < 3; press++) await page.keyboard.press('ArrowLeft');
    const wider = before + 48;
    await expect.poll(() => handle.getAttribute('aria-valuenow')).toBe(String(wider));
    expect(await measure(page)).toMatchObject({
      pageMargin: `${wider}px`,
      sidebarWidth: wider,
    });

    await page.reload();
    await inSidebar(page, '.cs-banner').waitFor({ state: 'visible', timeout: 10_000 });
    await expect
      .poll(() => measure(page))
      .toMatchObject({
        pageMargin: `${wider}px`,
        sidebarWidth: wider,
      });

    // Home and End go to the narrowest and widest the handle allows.
    await inSidebar(page, '.cs-resize').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => measure(page)).toMatchObject({ sidebarWidth: 280 });
    await page.keyboard.press('End');
    await expect.poll(() => measure(page)).toMatchObject({ sidebarWidth: 720 });
    // Back to the default for the tests that follow: 280 + 5 steps of 16.
    await page.keyboard.press('Home');
    for (let press = 0; press < 5; press++) await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => measure(page))
      .toMatchObject({ sidebarWidth: 360, pageMargin: '360px' });
    await page.close();
  });

  it('collapses to a slim tab that leaves the chart its room, and expands again, by keyboard', async () => {
    const page = await openChart('bipolar-lithium-overdue');
    const open = await measure(page);
    await inSidebar(page, 'button[aria-label="Collapse the sidebar"]').focus();
    await page.keyboard.press('Enter');
    const tab = inSidebar(page, '.cs-tab');
    await tab.waitFor({ state: 'visible' });
    expect(await inSidebar(page, '.cs-banner').count()).toBe(0);
    // The tab says what is waiting inside (issue 23): whose chart, the critical item, the open
    // warnings and the missing safety plan.
    const said = await tab.textContent();
    expect(said).toContain('Patient T R');
    expect(said).toContain('identity confirmed');
    expect(said).toContain('Critical: 1');
    expect(said).toContain('Warnings: 3');
    expect(said).toContain('Safety plan: missing');
    expect(await tab.getAttribute('aria-expanded')).toBe('false');
    const collapsed = await measure(page);
    expect(collapsed.sidebarWidth).toBeLessThanOrEqual(40);
    expect(collapsed.pageMargin).toBe('32px');
    // Focus followed the control, so Enter again brings the sidebar back.
    expect(await focusedInSidebar(page)).toBe('cs-tab');
    await page.keyboard.press('Enter');
    await inSidebar(page, '.cs-banner').waitFor({ state: 'visible' });
    expect(await measure(page)).toEqual(open);
    expect(await focusedInSidebar(page)).toBe('Collapse the sidebar');
    await page.close();
  });

  it('pushes the page aside by its width, or overlays it, and remembers which', async () => {
    const page = await openChart();
    const pushed = await measure(page);
    expect(pushed.pageMargin).toBe(`${pushed.sidebarWidth}px`);
    expect(pushed.pageRight).toBeLessThanOrEqual(pushed.sidebarLeft ?? 0);

    const overlayButton = inSidebar(page, 'button:has-text("Overlay the page")');
    await overlayButton.click();
    await expect.poll(() => overlayButton.getAttribute('aria-pressed')).toBe('true');
    const overlaid = await measure(page);
    expect(overlaid.pageMargin).toBe('0px');
    expect(overlaid.pageRight).toBe(overlaid.viewportWidth);
    expect(overlaid.sidebarLeft).toBe(pushed.sidebarLeft);

    await page.reload();
    await inSidebar(page, '.cs-banner').waitFor({ state: 'visible', timeout: 10_000 });
    await expect
      .poll(() =>
        inSidebar(page, 'button:has-text("Overlay the page")').getAttribute('aria-pressed'),
      )
      .toBe('true');
    expect((await measure(page)).pageMargin).toBe('0px');

    await inSidebar(page, 'button:has-text("Overlay the page")').click();
    await expect
      .poll(() => measure(page))
      .toMatchObject({ pageMargin: `${pushed.sidebarWidth}px` });
    await page.close();
  });

  it('narrows the page only after the patient’s view is painted, so its relayout does not delay it', async () => {
    const page = await session.browser.context.newPage();
    // When the page's own <html> style first gets a right margin, on the page's clock.
    await page.addInitScript(() => {
      const record = { narrowedAt: Number.NaN };
      Object.assign(globalThis, { caresideLayoutTest: record });
      new MutationObserver(() => {
        if (Number.isNaN(record.narrowedAt) && document.documentElement.style.marginRight) {
          record.narrowedAt = performance.now();
        }
        // The document, not <html>: a script added before the page exists runs before <html> does.
      }).observe(document, { attributes: true, attributeFilter: ['style'], subtree: true });
    });
    const chart = session.patients.find((p) => p.scenario === 'depression-improving');
    await page.goto(`${session.ehr.url}${chart?.path}`);
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              document.documentElement.style.marginRight !== '' &&
              performance.getEntriesByName('careside:painted').length > 0,
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    const { narrowedAt, bannerAt, viewAt } = await page.evaluate(() => ({
      narrowedAt: (globalThis as unknown as { caresideLayoutTest: { narrowedAt: number } })
        .caresideLayoutTest.narrowedAt,
      bannerAt: performance.getEntriesByName('careside:banner-painted')[0]?.startTime,
      viewAt: performance.getEntriesByName('careside:painted')[0]?.startTime,
    }));
    expect(bannerAt).toBeLessThan(viewAt ?? 0);
    expect(narrowedAt).toBeGreaterThanOrEqual(viewAt ?? Number.POSITIVE_INFINITY);
    await page.close();
  });

  it('follows the system’s colour scheme as it changes, without a reload', async () => {
    const page = await openChart();
    const colours = () =>
      inSidebar(page, '.cs-root').evaluate((root) => {
        const style = getComputedStyle(root);
        return { scheme: style.colorScheme, background: style.backgroundColor, text: style.color };
      });
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await colours();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    expect(light).toEqual({
      scheme: 'light',
      background: 'rgb(255, 255, 255)',
      text: 'rgb(26, 26, 26)',
    });
    expect(dark.scheme).toBe('dark');
    expect(dark.background).not.toBe(light.background);
    // Dark means a dark background under light text, not merely different colours.
    const luminance = (rgb: string) =>
      (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, channel) => sum + Number(channel), 0);
    expect(luminance(dark.background)).toBeLessThan(200);
    expect(luminance(dark.text)).toBeGreaterThan(600);
    await page.close();
  });
});
