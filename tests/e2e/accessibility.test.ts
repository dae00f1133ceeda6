/**
 * Accessibility in real Chromium: axe-core's WCAG 2.1 A/AA rules on the open sidebar (in each of
 * its states, light and dark), the popup and the options page; and the keyboard — every control of
 * the sidebar reachable with Tab, none of the EHR page's own controls lost under it.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID } from './browser';
import { bannerText, type E2eSession, startSession } from './fixture';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** axe's context for "the sidebar only": its host element, whose open shadow tree axe descends into. */
const SIDEBAR_ONLY = { include: [['careside-sidebar']] };
const SCHEMES = ['light', 'dark'] as const;

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown; failureSummary?: string }[];
}

let session: E2eSession;
/** A chart from an EHR no reader knows, with two different birth dates: read, but not confirmed. */
let unknownEhr: Server;
let unknownEhrUrl: string;

const UNKNOWN_EHR_CHART = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chart</title></head>
<body><main>
<h1>Chart</h1>
<p>Name: Jane Doe</p><p>DOB: 1979-02-14</p><p>Date of birth: 1979-12-02</p><p>MRN: 884421</p>
<h2>Medications</h2><ul><li>Sertraline 50 mg daily</li></ul>
</main></body></html>`;

beforeAll(async () => {
  session = await startSession();
  unknownEhr = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(UNKNOWN_EHR_CHART);
  });
  await new Promise<void>((resolve) => unknownEhr.listen(0, '127.0.0.1', resolve));
  unknownEhrUrl = `http://127.0.0.1:${(unknownEhr.address() as AddressInfo).port}/chart/42`;
});
afterAll(async () => {
  await session?.close();
  await new Promise((resolve) => unknownEhr?.close(resolve));
});

const patient = (scenario: string) => {
  const found = session.patients.find((p) => p.scenario === scenario);
  if (!found) throw new Error(`demo EHR has no ${scenario} patient`);
  return found;
};

const inSidebar = (page: Page, selector: string) => page.locator(`careside-sidebar ${selector}`);

async function openChart(scenario: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const chart = patient(scenario);
  const page = await session.browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(`${session.ehr.url}${chart.path}`);
  await expect.poll(() => bannerText(page), { timeout: 10_000 }).toContain(chart.mrn);
  await inSidebar(page, '.cs-section').first().waitFor({ state: 'visible' });
  return page;
}

/**
 * axe judges colour contrast only for what is on screen, and the sidebar's body scrolls: the
 * viewport grows until the whole body fits, so every line of it is judged.
 */
async function showWholeSidebar(page: Page) {
  const height = await page.evaluate(() => {
    const body = document
      .querySelector('careside-sidebar')
      ?.shadowRoot?.querySelector('.cs-scroll');
    return body ? Math.ceil(body.getBoundingClientRect().top + body.scrollHeight) + 40 : 0;
  });
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
}

/** Runs axe-core in the page (injected into its main world) and returns the violations, trimmed. */
async function audit(page: Page, context: unknown = SIDEBAR_ONLY): Promise<Violation[]> {
  if (context === SIDEBAR_ONLY) await showWholeSidebar(page);
  if (!(await page.evaluate(() => 'axe' in window))) {
    // Extension pages forbid inline scripts (script-src 'self'), so there axe is evaluated
    // through the DevTools protocol instead, which the page's CSP does not govern.
    const extensionPage = page.url().startsWith('chrome-extension://');
    if (extensionPage) await page.evaluate(AXE_SOURCE);
    else await page.addScriptTag({ content: AXE_SOURCE });
  }
  return page.evaluate(
    async ({ context, tags }) => {
      const { axe } = window as unknown as {
        axe: { run(context: unknown, options: RunOptions): Promise<AxeResults> };
      };
      const results = await axe.run(context ?? document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({
          target: node.target,
          failureSummary: node.failureSummary,
        })),
      }));
    },
    { context, tags: WCAG_21_AA },
  );
}

describe('axe-core, WCAG 2.1 A/AA', () => {
  it('audits inside the sidebar’s shadow root: a nameless button there is reported', async () => {
    const page = await openChart('depression-improving');
    await page.evaluate(() => {
      const panel = document
        .querySelector('careside-sidebar')
        ?.shadowRoot?.querySelector('.cs-panel');
      const nameless = document.createElement('button');
      nameless.className = 'axe-probe';
      panel?.append(nameless);
    });
    const violations = await audit(page);
    expect(violations.map((violation) => violation.id)).toContain('button-name');
    expect(JSON.stringify(violations)).toContain('axe-probe');
    await page.close();
  });

  for (const colorScheme of SCHEMES) {
    describe(`${colorScheme}`, () => {
      it('the sidebar on a chart: prompts, trends, safety plan, critical items', async () => {
        const page = await openChart('bipolar-lithium-overdue', colorScheme);
        expect(await inSidebar(page, '.cs-critical').count()).toBe(1);
        // The colours judged are the scheme's own, not the light ones under another name.
        expect(
          await inSidebar(page, '.cs-root').evaluate((root) => getComputedStyle(root).colorScheme),
        ).toBe(colorScheme);
        for (const details of await inSidebar(page, '.cs-card-details summary').all()) {
          await details.click();
        }
        expect(await audit(page)).toEqual([]);
        await page.close();
      });

      it('score entry open, with item 9 answered', async () => {
        const page = await openChart('depression-not-responding', colorScheme);
        await inSidebar(page, 'button:has-text("Enter a score")').click();
        await inSidebar(page, '.cs-score-item input').first().focus();
        await page.keyboard.type('221221112');
        await expect
          .poll(() => inSidebar(page, '[data-testid="score-total"]').textContent())
          .toContain('14');
        expect(await audit(page)).toEqual([]);
        await page.close();
      });

      it('a prompt’s dismiss form and snooze form open', async () => {
        const page = await openChart('bipolar-lithium-overdue', colorScheme);
        const cards = inSidebar(page, '.cs-card');
        await cards.nth(0).locator('button:has-text("Dismiss")').click();
        await cards.nth(1).locator('button:has-text("Snooze")').click();
        await expect.poll(() => inSidebar(page, 'form fieldset').count()).toBe(2);
        expect(await audit(page)).toEqual([]);
        await page.close();
      });

      it('a safety plan with entries, checked steps and its save status', async () => {
        const page = await openChart('opioid-use-buprenorphine', colorScheme);
        const start = inSidebar(page, 'button:has-text("Start a safety plan")');
        if (await start.count()) await start.click();
        const warningSigns = inSidebar(page, '[data-step="warning-signs"] .cs-entry-new input');
        await warningSigns.fill('Not sleeping');
        await warningSigns.press('Enter');
        await inSidebar(page, '[data-step="warning-signs"] input[type="checkbox"]').check();
        await expect
          .poll(() => inSidebar(page, '[data-testid="save-status"]').textContent())
          .toContain('Saved');
        expect(await audit(page)).toEqual([]);
        await page.close();
      });

      it('a patient the generic reader could not confirm', async () => {
        const page = await session.browser.context.newPage();
        await page.emulateMedia({ colorScheme });
        await page.goto(unknownEhrUrl);
        await inSidebar(page, '.cs-unconfirmed').waitFor({ state: 'visible', timeout: 10_000 });
        expect(await audit(page)).toEqual([]);
        await page.close();
      });

      it('the sidebar collapsed to its tab', async () => {
        const page = await openChart('bipolar-lithium-overdue', colorScheme);
        await inSidebar(page, 'button[aria-label="Collapse the sidebar"]').click();
        await inSidebar(page, '.cs-tab').waitFor({ state: 'visible' });
        // The glance in the tab (initials, check, counts, plan) is part of what is audited.
        await inSidebar(page, '.cs-tab [data-testid="tab-plan"]').waitFor({ state: 'visible' });
        expect(await audit(page)).toEqual([]);
        await inSidebar(page, '.cs-tab').click();
        await inSidebar(page, '.cs-banner').waitFor({ state: 'visible' });
        await page.close();
      });

      it('the popup and the options page', async () => {
        for (const file of ['popup.html', 'options.html']) {
          const page = await session.browser.context.newPage();
          await page.emulateMedia({ colorScheme });
          await page.goto(`chrome-extension://${EXTENSION_ID}/${file}`);
          await page.waitForLoadState('networkidle');
          expect({ file, violations: await audit(page, null) }).toEqual({ file, violations: [] });
          await page.close();
        }
      });
    });
  }
});

/** Where keyboard focus is: a control of the sidebar (by the mark `markSidebarStops` gave it), else where on the page. */
function focusedStop(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (active?.tagName.toLowerCase() !== 'careside-sidebar')
      return `page:${active?.tagName ?? 'none'}`;
    const inner = active.shadowRoot?.activeElement as HTMLElement | null | undefined;
    return inner?.dataset.keyboardStop ?? `sidebar-unmarked:${inner?.tagName ?? 'none'}`;
  });
}

/**
 * Marks every control the sidebar shows — buttons, inputs, selects, links, summaries, anything
 * made focusable — and returns the Tab stops they should make, in document order. A radio group
 * is one stop (arrow keys move within it); a control that is hidden or disabled is no stop.
 */
function markSidebarStops(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('careside-sidebar')?.shadowRoot;
    if (!root) return [];
    const selector =
      'button, input, select, textarea, a[href], summary, [tabindex]:not([tabindex="-1"])';
    const stops: string[] = [];
    for (const control of root.querySelectorAll<HTMLElement>(selector)) {
      // Also false inside a closed <details>, whose content Chromium skips (content-visibility).
      const hidden = !control.checkVisibility({ visibilityProperty: true });
      if (hidden || (control as HTMLButtonElement).disabled) continue;
      const radio = control instanceof HTMLInputElement && control.type === 'radio';
      const stop = radio
        ? `radio:${control.name}`
        : `${control.tagName.toLowerCase()}#${stops.length}`;
      control.dataset.keyboardStop = stop;
      if (!stops.includes(stop)) stops.push(stop);
    }
    return stops;
  });
}

describe('keyboard', () => {
  it('opens the sidebar’s forms and details from the keyboard, then Tabs through every control in order', async () => {
    const page = await openChart('bipolar-lithium-overdue');
    const enterScore = inSidebar(page, 'button:has-text("Enter a score")');
    await enterScore.waitFor({ state: 'visible', timeout: 10_000 }).catch(async (error) => {
      const shown = await inSidebar(page, '.cs-root')
        .innerText()
        .catch(() => 'no sidebar');
      throw new Error(`${String(error)}\nThe sidebar showed:\n${shown.slice(0, 600)}`);
    });
    await enterScore.focus();
    await page.keyboard.press('Enter');
    await inSidebar(page, '.cs-score-entry').waitFor({ state: 'visible' });
    await inSidebar(page, '.cs-card').first().locator('button:has-text("Dismiss")').focus();
    await page.keyboard.press('Enter');
    await inSidebar(page, '.cs-card form').waitFor({ state: 'visible' });
    await inSidebar(page, '.cs-card-details summary').first().focus();
    await page.keyboard.press('Enter');
    expect(await inSidebar(page, '.cs-card-details').first().getAttribute('open')).not.toBeNull();
    const checkbox = inSidebar(page, '[data-step="warning-signs"] input[type="checkbox"]');
    if (await checkbox.count()) {
      await checkbox.focus();
      await page.keyboard.press('Space');
      expect(await checkbox.isChecked()).toBe(true);
    }

    const stops = await markSidebarStops(page);
    expect(stops.length).toBeGreaterThan(30);
    // Start on the first control and walk forward until focus leaves the sidebar.
    const first = stops[0] ?? '';
    await page.evaluate((stop) => {
      const root = document.querySelector('careside-sidebar')?.shadowRoot;
      root?.querySelector<HTMLElement>(`[data-keyboard-stop="${stop}"]`)?.focus();
    }, first);
    const visited: string[] = [await focusedStop(page)];
    for (let press = 0; press < stops.length * 4; press++) {
      await page.keyboard.press('Tab');
      const stop = await focusedStop(page);
      if (stop.startsWith('page:')) break;
      // A date input takes one Tab per part (month, day, year): one stop.
      if (stop !== visited[visited.length - 1]) visited.push(stop);
    }
    // Only the controls, in document order; a scrolling region Chromium makes focusable may
    // come between them, which is fine.
    expect(visited.filter((stop) => !stop.startsWith('sidebar-unmarked:div'))).toEqual(stops);
    await page.close();
  });

  it('leaves every control of the EHR page reachable and clickable beside the sidebar', async () => {
    const page = await openChart('depression-improving');
    const sidebarLeft = await inSidebar(page, '.cs-root').evaluate(
      (root) => root.getBoundingClientRect().left,
    );
    const covered = await page.evaluate(() => {
      const controls = document.querySelectorAll<HTMLElement>(
        'a[href], button, input, select, textarea, summary',
      );
      return [...controls].flatMap((control) => {
        if (control.getClientRects().length === 0) return [];
        control.scrollIntoView({ block: 'center', inline: 'center' });
        const box = control.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return hit && (hit === control || control.contains(hit))
          ? []
          : [`${control.outerHTML.slice(0, 80)} is under ${hit?.tagName ?? 'nothing'}`];
      });
    });
    expect(covered).toEqual([]);

    // The header's rightmost control, where a right-hand sidebar would cover it first.
    const rightmost = await page.evaluate(() => {
      const controls = [...document.querySelectorAll<HTMLElement>('header a[href], header button')];
      const boxes = controls.map((control) => ({
        href: control.getAttribute('href'),
        text: control.textContent ?? '',
        box: control.getBoundingClientRect().toJSON() as DOMRect,
      }));
      return boxes.sort((a, b) => b.box.right - a.box.right)[0];
    });
    if (!rightmost) throw new Error('the demo EHR header has no controls');
    expect(rightmost.box.right).toBeLessThanOrEqual(sidebarLeft);
    const target = page.locator('header').getByRole('link', { name: rightmost.text, exact: true });
    // Reachable from the keyboard: Tab from the top of the page gets there.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let reached = false;
    // The tab order runs through the page and the sidebar's controls (their number grows with the
    // patient's prompts), so the bound is generous: what counts is that the link is reached.
    for (let press = 0; press < 200 && !reached; press++) {
      await page.keyboard.press('Tab');
      reached = await target.evaluate((link) => link === document.activeElement);
    }
    expect(reached).toBe(true);
    // Clickable with the pointer at its centre, in push mode.
    await page.mouse.click(
      rightmost.box.left + rightmost.box.width / 2,
      rightmost.box.top + rightmost.box.height / 2,
    );
    await page.waitForURL((url) => url.pathname === rightmost.href);
    await page.close();
  });
});
