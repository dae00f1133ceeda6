/**
 * A hostile EHR page (issue 18), in real Chromium, on the `demo` build — the release's code, with
 * its closed shadow root, plus the demo EHR's content-script match. A script in the EHR page, a
 * script in a foreign-origin iframe, and a script in Careside's own content-script world (what a
 * compromised renderer could run) try each attack; every attempt fails and nothing of another
 * patient appears.
 *
 * The test reads the closed sidebar the way the user sees it, through DevTools: `DOM.getDocument`
 * with `pierce: true` reaches closed shadow roots, which no page script can.
 *
 * One patient (Imogen's demo twin, "A") has stored records, imported through the options page
 * from an encrypted export file: a safety plan with a canary entry. The attacks run on another
 * patient's chart ("B").
 */
import 'fake-indexeddb/auto';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEhr, startDemoEhr } from '../../demo-ehr/server';
import { emptySafetyPlan } from '../../utils/clinical/safety-plan';
import type { PatientIdentity } from '../../utils/clinical/types';
import { createStorage } from '../../utils/storage';
import { encryptExport } from '../../utils/storage/export-file';
import {
  DEMO_EXTENSION_DIR,
  EXTENSION_ID,
  extensionWorker,
  type LaunchedBrowser,
  launchChromium,
} from './browser';
import type { DemoPatientSummary } from './fixture';

const CANARY = 'CANARY-A-SAFETY-PLAN-7Q3';
const PASSPHRASE = 'hostile page test passphrase';
/** Resolved to the demo EHR's address by Chromium only: another origin for the same server. */
const FOREIGN_HOST = 'foreign-frame.test';

let ehr: DemoEhr;
let browser: LaunchedBrowser;
let patientA: DemoPatientSummary;
let patientB: DemoPatientSummary;
let extensionPage: Page;

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  shadowRootType?: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

function findNode(node: DomNode, test: (node: DomNode) => boolean): DomNode | null {
  if (test(node)) return node;
  for (const child of [
    ...(node.children ?? []),
    ...(node.shadowRoots ?? []),
    ...(node.contentDocument ? [node.contentDocument] : []),
  ]) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return null;
}

/** The sidebar's shadow root as DevTools sees it (null when no sidebar is mounted). */
async function sidebarRoot(cdp: CDPSession): Promise<DomNode | null> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: DomNode;
  };
  const host = findNode(root, (node) => node.nodeName === 'CARESIDE-SIDEBAR');
  return host?.shadowRoots?.[0] ?? null;
}

/** Everything the sidebar shows, text and field values, read through DevTools. */
async function sidebarSeenByUser(page: Page): Promise<string | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const shadow = await sidebarRoot(cdp);
    if (!shadow) return null;
    const { object } = (await cdp.send('DOM.resolveNode', {
      backendNodeId: shadow.backendNodeId,
    })) as { object: { objectId: string } };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function () {
        const values = [...this.querySelectorAll('input, textarea')].map((field) => field.value);
        const text = [...this.children]
          .filter((child) => child.localName !== 'style')
          .map((child) => child.textContent ?? '');
        return [...text, ...values].join('\\n');
      }`,
      returnByValue: true,
    })) as { result: { value: string } };
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** The shadow root's mode as the browser reports it. */
async function sidebarRootType(page: Page): Promise<string | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return (await sidebarRoot(cdp))?.shadowRootType ?? null;
  } finally {
    await cdp.detach();
  }
}

/**
 * Runs `expression` in Careside's content-script world of the page's top frame: what a script
 * that took over the renderer could do with the extension's messaging API.
 */
async function inContentScriptWorld(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: {
      id: number;
      name: string;
      origin: string;
      auxData?: { frameId?: string; type?: string };
    }[] = [];
    cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
    await cdp.send('Runtime.enable');
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as {
      frameTree: { frame: { id: string } };
    };
    const world = contexts.find(
      (context) =>
        context.auxData?.frameId === frameTree.frame.id &&
        context.auxData?.type === 'isolated' &&
        (context.origin.includes(EXTENSION_ID) || context.name === 'Careside'),
    );
    if (!world) throw new Error(`no Careside world among ${JSON.stringify(contexts)}`);
    const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      expression,
      awaitPromise: true,
      returnByValue: true,
    })) as { result: { value: unknown }; exceptionDetails?: { text: string } };
    if (exceptionDetails) return { threw: exceptionDetails.text };
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/** What the background answers an extension page. */
async function askAsExtensionPage(type: string, data: unknown): Promise<unknown> {
  return extensionPage.evaluate(
    ({ type, data }) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ careside: 1, type, data }),
    { type, data },
  );
}

const WRITE_EVENTS = ['dismissed', 'snoozed', 'score-entered', 'safety-plan-edited', 'exported'];

async function writesInAudit(): Promise<number> {
  const rows = (await askAsExtensionPage('audit:read', { limit: 1000 })) as { type: string }[];
  return rows.filter((row) => WRITE_EVENTS.includes(row.type)).length;
}

/** Waits until the sidebar shows `text` (usable outside a test, unlike `expect.poll`). */
async function untilSidebarShows(page: Page, text: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!((await sidebarSeenByUser(page)) ?? '').includes(text)) {
    if (Date.now() > deadline) throw new Error(`the sidebar never showed "${text}"`);
    await page.waitForTimeout(200);
  }
}

/** Opens a chart and waits until the sidebar shows its patient. */
async function openChart(patient: DemoPatientSummary, page?: Page): Promise<Page> {
  const chart = page ?? (await browser.context.newPage());
  await chart.goto(`${ehr.url}${patient.path}`);
  await untilSidebarShows(chart, patient.name);
  return chart;
}

/** Stores a safety plan for patient A, under the identity the demo reader reads, by an import. */
async function seedPatientA(): Promise<void> {
  // As utils/ehr/adapters/demo.ts reads the banner: the key depends on origin and MRN only.
  const identity: PatientIdentity = {
    name: patientA.name,
    birthDate: patientA.birthDate,
    sex: null,
    identifiers: [{ system: 'MRN', type: 'MR', value: patientA.mrn }],
  };

  // An export file made elsewhere: the import recomputes the patient key with this profile's key.
  const storage = createStorage({ name: `hostile-seed-${Date.now()}` });
  const origin = new URL(ehr.url).origin;
  const key = await storage.patientKey(origin, identity);
  if (!key) throw new Error('patient A has no identifier');
  await storage.rememberPatient(key, origin, identity);
  const plan = emptySafetyPlan();
  plan.steps['warning-signs'].entries = [CANARY];
  await storage.saveSafetyPlan(key, { ...plan, updatedAt: new Date().toISOString() }, 0);
  const text = await encryptExport(await storage.exportAll(), PASSPHRASE);
  await storage.close();
  const imported = (await askAsExtensionPage('data:import', { text, passphrase: PASSPHRASE })) as {
    ok: boolean;
    summary?: { refused: string[] };
  };
  if (!imported.ok || imported.summary?.refused.length !== 0) {
    throw new Error(`the seed was not imported: ${JSON.stringify(imported)}`);
  }

  // The seed is visible where it belongs: on A's own chart.
  const page = await openChart(patientA);
  await untilSidebarShows(page, CANARY);
  await page.close();
}

beforeAll(async () => {
  ehr = await startDemoEhr({ port: 0, framePort: 0 });
  browser = await launchChromium({
    extensionDir: DEMO_EXTENSION_DIR,
    args: [`--host-resolver-rules=MAP ${FOREIGN_HOST} 127.0.0.1`],
  });
  await extensionWorker(browser.context);
  const list = (await (await fetch(`${ehr.url}/api/patients`)).json()) as {
    patients: DemoPatientSummary[];
  };
  const byScenario = (scenario: string) => {
    const found = list.patients.find((patient) => patient.scenario === scenario);
    if (!found) throw new Error(`demo EHR has no ${scenario} patient`);
    return found;
  };
  patientA = byScenario('depression-improving');
  patientB = byScenario('panic-starting-ssri');
  extensionPage = await browser.context.newPage();
  await extensionPage.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  await seedPatientA();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await ehr?.close();
});

describe('a script in the EHR page', () => {
  it('cannot reach the sidebar: its shadow root is closed, even to a patched attachShadow', async () => {
    const page = await browser.context.newPage();
    // Before any of the page's own scripts: a hostile page patches attachShadow to keep roots.
    await page.addInitScript(() => {
      const captured: ShadowRoot[] = [];
      (window as unknown as { capturedRoots: ShadowRoot[] }).capturedRoots = captured;
      const original = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init: ShadowRootInit) {
        const root = original.call(this, { ...init, mode: 'open' });
        captured.push(root);
        return root;
      };
    });
    await openChart(patientB, page);
    expect(await sidebarRootType(page)).toBe('closed');
    const seen = await page.evaluate(() => {
      const host = document.querySelector('careside-sidebar');
      return {
        hostFound: host !== null,
        shadowRoot: host?.shadowRoot ?? null,
        captured: (window as unknown as { capturedRoots: ShadowRoot[] }).capturedRoots.length,
        buttons: document.querySelectorAll('careside-sidebar button').length,
        hostText: (host as HTMLElement | null)?.innerText ?? '',
        bodyText: document.body.innerText,
      };
    });
    expect(seen.hostFound).toBe(true);
    expect(seen.shadowRoot).toBeNull();
    expect(seen.captured).toBe(0);
    expect(seen.buttons).toBe(0);
    expect(seen.hostText).toBe('');
    // What the sidebar alone shows (the safety plan heading) is not in the page's text.
    expect(await sidebarSeenByUser(page)).toContain('Safety plan');
    expect(seen.bodyText).not.toContain('Safety plan');
    await page.close();
  });

  it('cannot click its buttons or type into it: no write happens', async () => {
    const page = await openChart(patientB);
    const before = await writesInAudit();
    const viewBefore = await sidebarSeenByUser(page);
    await page.evaluate(() => {
      const host = document.querySelector('careside-sidebar') as HTMLElement;
      const box = host.getBoundingClientRect();
      for (let y = box.top + 5; y < box.bottom; y += 20) {
        for (let x = box.left + 5; x < box.right; x += 40) {
          const target = document.elementFromPoint(x, y) as HTMLElement | null;
          target?.click();
          target?.dispatchEvent(
            new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y }),
          );
          target?.dispatchEvent(
            new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }),
          );
        }
      }
      host.focus();
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    await page.waitForTimeout(1500);
    expect(await writesInAudit()).toBe(before);
    expect(await sidebarSeenByUser(page)).toBe(viewBefore);
    await page.close();
  });

  it('has no channel to the background: no export, no forged frame report', async () => {
    const page = await openChart(patientB);
    const attempts = await page.evaluate(async (extensionId) => {
      const chrome = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } })
        .chrome;
      const results: Record<string, string> = {
        runtime: typeof chrome?.runtime?.sendMessage,
      };
      try {
        const response = await fetch(`chrome-extension://${extensionId}/options.html`);
        results.optionsPage = `fetched ${response.status}`;
      } catch {
        results.optionsPage = 'blocked';
      }
      // A forged frame report, posted the only way a page can post.
      window.postMessage(
        { careside: 1, type: 'frame:snapshot', data: { url: location.href } },
        '*',
      );
      return results;
    }, EXTENSION_ID);
    expect(attempts).toEqual({ runtime: 'undefined', optionsPage: 'blocked' });
    await page.close();
  });

  it('rewriting the banner to another stored patient shows nothing of either, and the page learns nothing', async () => {
    // A page script that takes over the banner. The sidebar follows the banner the page shows (it
    // reads the page), but the chart under the banner is still B's: it shows neither B's chart
    // under A's name nor A's stored plan, until the chart itself changes; it drops A at once when
    // the page shows B again, and the page never sees any of it.
    const page = await openChart(patientB);
    const seen: string[] = [];
    const record = async () => seen.push((await sidebarSeenByUser(page)) ?? '');
    await record();
    const swapBanner = (pathOfA: string) =>
      page.evaluate(async (path) => {
        const html = await (await fetch(path)).text();
        const chart = new DOMParser().parseFromString(html, 'text/html');
        const replacement = chart.querySelector('#patient-banner');
        const banner = document.querySelector('#patient-banner');
        if (!replacement || !banner) throw new Error('no banner');
        const previous = banner.innerHTML;
        banner.innerHTML = replacement.innerHTML;
        return previous;
      }, pathOfA);
    const bannerOfB = await swapBanner(patientA.path);
    for (let look = 0; look < 15; look++) {
      await record();
      await page.waitForTimeout(200);
    }
    // What the page's own script can see of the sidebar while it shows A's banner.
    const pageSees = await page.evaluate((canary) => {
      const host = document.querySelector('careside-sidebar');
      return [
        document.documentElement.outerHTML.includes(canary),
        (document.body.innerText ?? '').includes(canary),
        host?.shadowRoot != null,
      ];
    }, CANARY);
    expect(pageSees).toEqual([false, false, false]);

    // The page shows B again: A's plan is gone at once.
    await page.evaluate((html) => {
      const banner = document.querySelector('#patient-banner');
      if (banner) banner.innerHTML = html;
    }, bannerOfB);
    await page.waitForTimeout(100);
    for (let look = 0; look < 10; look++) {
      await record();
      await page.waitForTimeout(100);
    }
    const storedPlanShown = seen.filter((text) => text.includes(CANARY));
    expect(storedPlanShown, "a state showed A's stored plan over B's chart").toEqual([]);
    const chartOfBUnderA = seen.filter(
      (text) => text.includes(patientA.name) && /clonazepam/i.test(text),
    );
    expect(chartOfBUnderA, "a state showed B's medications under A's name").toEqual([]);
    const afterRevert = seen.slice(-10).filter((text) => text.includes(CANARY));
    expect(afterRevert, "A's plan still shown after the page showed B again").toEqual([]);
    await page.close();
  });
});

describe('a script in a foreign-origin iframe of the EHR page', () => {
  it('cannot reach the sidebar, the page or the extension', async () => {
    const page = await openChart(patientB);
    const before = await writesInAudit();
    const foreignUrl = `http://${FOREIGN_HOST}:${new URL(ehr.url).port}/`;
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.id = 'foreign';
      document.body.append(frame);
    }, foreignUrl);
    const frame = await expect
      .poll(() => page.frames().find((candidate) => candidate.url().startsWith(foreignUrl)), {
        timeout: 10_000,
      })
      .toBeTruthy()
      .then(() => page.frames().find((candidate) => candidate.url().startsWith(foreignUrl)));
    if (!frame) throw new Error('no foreign frame');
    await frame.waitForLoadState('load');
    const attempts = await frame.evaluate(async (extensionId) => {
      const results: Record<string, string> = {};
      try {
        results.parentSidebar = String(
          window.parent.document.querySelector('careside-sidebar') !== null,
        );
      } catch {
        results.parentSidebar = 'blocked';
      }
      const chrome = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } })
        .chrome;
      results.runtime = typeof chrome?.runtime?.sendMessage;
      try {
        await fetch(`chrome-extension://${extensionId}/options.html`);
        results.optionsPage = 'fetched';
      } catch {
        results.optionsPage = 'blocked';
      }
      window.parent.postMessage(
        { careside: 1, type: 'frame:snapshot', data: { url: 'forged' } },
        '*',
      );
      return results;
    }, EXTENSION_ID);
    expect(attempts).toEqual({
      parentSidebar: 'blocked',
      runtime: 'undefined',
      optionsPage: 'blocked',
    });
    await page.waitForTimeout(1000);
    expect(await writesInAudit()).toBe(before);
    expect((await sidebarSeenByUser(page)) ?? '').not.toContain(CANARY);
    await page.close();
  });
});

describe("a script in Careside's own content-script world (a compromised renderer)", () => {
  const send = (type: string, data: unknown) =>
    `chrome.runtime.sendMessage(${JSON.stringify({ careside: 1, type, data })})`;

  it.each([
    ['data:export', { passphrase: 'attacker passphrase 123' }],
    ['data:export-preview', {}],
    ['audit:read', { limit: 10 }],
    ['settings:set', { key: 'retentionDays', value: 1 }],
    ['inspect:tab', { tabId: 1 }],
    ['tab:status', { tabId: 1 }],
    ['data:wipe', { scope: 'all' }],
  ])('is refused %s', async (type, data) => {
    const page = await openChart(patientB);
    const reply = (await inContentScriptWorld(page, send(type, data))) as {
      caresideFailure?: string;
    };
    expect(reply.caresideFailure).toMatch(/refused .*only extension pages/);
    await page.close();
  });

  it('cannot pass a frame report off from the top frame', async () => {
    const page = await openChart(patientB);
    const reply = (await inContentScriptWorld(
      page,
      send('frame:snapshot', { url: page.url(), loadedAt: 1 }),
    )) as { caresideFailure?: string };
    expect(reply.caresideFailure).toMatch(/refused frame:snapshot/);
    await page.close();
  });

  it('cannot snooze a prompt for a year', async () => {
    const page = await openChart(patientB);
    const reply = (await inContentScriptWorld(
      page,
      send('prompt:dismiss', {
        fingerprint: 'x',
        promptId: 'any-rule',
        factsKey: 'k',
        reason: 'other',
        snoozeDays: 365,
      }),
    )) as { caresideFailure?: string };
    expect(reply.caresideFailure).toMatch(/malformed at snoozeDays/);
    await page.close();
  });
});
