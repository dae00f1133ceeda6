import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../components/format';
import { extensionWorker } from './browser';
import { bannerText, type E2eSession, sidebar, startSession } from './fixture';

let session: E2eSession;

beforeAll(async () => {
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

describe('the built extension in real Chromium', () => {
  it('runs its service worker under the ID the development key gives', async () => {
    const worker = await extensionWorker(session.browser.context);
    expect(worker.url()).toMatch(/^chrome-extension:\/\/foiekfkefeihhfkdajhfiaiakjpgdnna\//);
  });

  it('mounts the sidebar in a shadow root on a chart, with the name and birth date from the page', async () => {
    const daniel = patient('depression-improving');
    const page = await session.browser.context.newPage();
    await page.goto(`${session.ehr.url}${daniel.path}`);
    await expect.poll(() => bannerText(page), { timeout: 10_000 }).toContain(daniel.name);
    expect(await bannerText(page)).toContain(formatDate(daniel.birthDate, 'en-US'));
    expect(await bannerText(page)).toContain(daniel.mrn);
    const hasShadowRoot = await page.evaluate(
      () => document.querySelector('careside-sidebar')?.shadowRoot instanceof ShadowRoot,
    );
    expect(hasShadowRoot).toBe(true);
    await page.close();
  });

  it('does not appear on a page that is not a chart', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(`${session.ehr.url}/`);
    await page.waitForLoadState('load');
    // Give the content script the same chance it had on the chart above.
    await page.waitForTimeout(1500);
    expect(await sidebar(page).count()).toBe(0);
    await page.close();
  });

  it('follows an in-page patient change', async () => {
    const first = patient('panic-starting-ssri');
    const second = patient('bipolar-lithium-overdue');
    const page = await session.browser.context.newPage();
    await page.goto(`${session.ehr.url}${first.path}`);
    await expect.poll(() => bannerText(page), { timeout: 10_000 }).toContain(first.name);
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await page.selectOption('form.switch-patient select', second.id);
    await expect.poll(() => bannerText(page), { timeout: 10_000 }).toContain(second.name);
    expect(await bannerText(page)).not.toContain(first.name);
    // The switch was a pushState + DOM swap, not a page load: the page's own state survived.
    expect(page.url()).toContain(second.path);
    expect(
      await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);
    await page.close();
  });

  it('toggles with the keyboard shortcut Alt+Shift+C', async () => {
    const daniel = patient('depression-improving');
    const page = await session.browser.context.newPage();
    await page.goto(`${session.ehr.url}${daniel.path}`);
    await expect.poll(() => bannerText(page), { timeout: 10_000 }).toContain(daniel.name);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+Shift+KeyC');
    await expect.poll(() => page.locator('careside-sidebar .cs-banner').count()).toBe(0);
    await page.keyboard.press('Alt+Shift+KeyC');
    await expect.poll(() => bannerText(page)).toContain(daniel.name);
    await page.close();
  });
});
