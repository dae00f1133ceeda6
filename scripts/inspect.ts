/**
 * `npm run inspect -- URL_OR_FILE [--policy FILE] [--timeout SECONDS] [--then URL | --click
 * SELECTOR] [--suggest-pack FILE]` (`--help` explains each)
 *
 * How clinic IT checks what Careside reads on a page, typically a chart of a test patient with a
 * new selector pack. Opens the page in headless Chromium with the built extension enabled on the
 * page's origin (as a user who clicked "Enable Careside on this site"), waits until the sidebar
 * has settled, and prints as JSON what was read and what the sidebar shows:
 *
 *   { "url", "adapter", "identityConfirmed", "confidence", "fields", "context", "frames",
 *     "frameAddresses", "sidebar", "problems" }
 *
 * `context` is the chart as the sidebar gets it: the top document's reading joined by the frames
 * that show its patient. `fields` lists name, date of birth, MRN, sex, medications and score
 * series, each with the frame (URL) it was read in and the evidence it was read from (`via`: the
 * label, element or table column), and the sections the page did not show (`notOnScreen`);
 * `frames` does the same for every value of `context`. A value of the top document names the
 * page's URL. `frameAddresses` says what the frames' addresses tie to the patient with no pack:
 * `patientParam`, the top address's parameter whose value a frame's address repeats (what a pack
 * can pin as `patientKeyParam`), and per frame that carries the record number or that value, the
 * frame's own parameter (utils/ehr/frames/address.ts, the rule the background applies).
 *
 * - URL_OR_FILE: an http(s) address, or a saved page (.html), served on 127.0.0.1 from its own
 *   folder so that its frames and assets load by their relative paths.
 * - --policy FILE: Careside's settings as the clinic's policy gives them (the object under the
 *   extension's ID in the `3rdparty` policy; a whole policy file with `3rdparty` is accepted too).
 *   They are written as real Chromium managed policy for the run and removed afterwards, which
 *   needs root.
 * - --suggest-pack FILE: writes a draft selector pack from what the generic reader read on the
 *   page (scripts/lib/suggest-pack.ts), validated as the policy validates packs, and says in the
 *   JSON (`suggestedPack`) which shown values it found no selector for.
 *
 * The JSON goes to stdout; build output and errors go to stderr. Exit code 1 with one plain
 * sentence when the page cannot be opened, has no chart Careside reads, or the sidebar does not
 * settle.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';
import {
  EXTENSION_DIR,
  EXTENSION_ID,
  extensionWorker,
  type LaunchedBrowser,
  launchChromium,
} from '../tests/e2e/browser';
import type { PatientContext, Provenance, ScoreEntry } from '../utils/clinical/types';
import {
  addressPatient,
  discoverPatientParam,
  judgeAddress,
  sameHost,
} from '../utils/ehr/frames/index';
import type { SelectorPack } from '../utils/ehr/packs/format';
import { objectFormPacks } from '../utils/ehr/packs/policy-files';
import { validateSelectorPacks } from '../utils/ehr/packs/validate';
import type { PageReading } from '../utils/ehr/types';
import { createTranslator, type Messages, type Translate } from '../utils/i18n';
import type { ResponseOf } from '../utils/messaging';
import {
  CHROMIUM_MANAGED_POLICY_DIR,
  extensionPolicy,
  type InstalledPolicy,
  installChromiumPolicy,
  isRoot,
} from './lib/chromium-policy';
import { copyExtensionEnabledOn, type EnabledExtension } from './lib/enable-origin';
import {
  type ChangeSample,
  changeStates,
  type FrameFacts,
  notApplied,
  type PatientShown,
  packsThatReadNothing,
  selectorsToCheck,
} from './lib/inspect-explain';
import { type StaticServer, serveStatic } from './lib/serve-static';
import { type PackSuggestion, suggestPack } from './lib/suggest-pack';

type Inspection = ResponseOf<'inspect:tab'>;

/** The part of the `chrome` API an extension page offers that inspect uses there. */
interface ExtensionPageApi {
  tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

export interface InspectOptions {
  target: string;
  policyFile: string | null;
  timeoutMs: number;
  /** A patient change to check after the first reading: open this address… */
  then: string | null;
  /** …or click this element (a selector) in the page. */
  click: string | null;
  /** Where to write a draft selector pack suggested from the generic reader's reading. */
  suggestPack: string | null;
}

/** A failure with a sentence for clinic IT; anything else is a bug and keeps its stack. */
export class InspectError extends Error {}

/** How long a page may show no chart, after it loaded, before inspect says there is none. */
const NO_CHART_GRACE_MS = 5_000;
const POLL_MS = 250;

export function loadTranslator(): Translate {
  const catalogue = new URL('../public/_locales/en/messages.json', import.meta.url);
  return createTranslator(JSON.parse(readFileSync(catalogue, 'utf8')) as Messages);
}

function parseOptions(argv: string[], t: Translate): InspectOptions | 'help' {
  let target: string | null = null;
  let policyFile: string | null = null;
  let timeoutMs = 30_000;
  let then: string | null = null;
  let click: string | null = null;
  let suggestPackFile: string | null = null;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new InspectError(t('inspectNeedsValue', { option: arg }));
      }
      index += 1;
      return next;
    };
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--policy') policyFile = value();
    else if (arg === '--then') {
      then = value();
      if (!/^https?:\/\//i.test(then)) throw new InspectError(t('inspectBadThen', { value: then }));
    } else if (arg === '--click') click = value();
    else if (arg === '--suggest-pack') suggestPackFile = value();
    else if (arg === '--timeout') {
      const seconds = value();
      if (!/^\d+$/.test(seconds) || Number(seconds) === 0) {
        throw new InspectError(t('inspectBadTimeout', { value: seconds }));
      }
      timeoutMs = Number(seconds) * 1000;
    } else if (arg.startsWith('--'))
      throw new InspectError(t('inspectUnknownOption', { option: arg }));
    else if (target === null) target = arg;
    else throw new InspectError(t('inspectUsage'));
  }
  if (target === null) throw new InspectError(t('inspectUsage'));
  if (then !== null && click !== null) throw new InspectError(t('inspectThenOrClick'));
  return { target, policyFile, timeoutMs, then, click, suggestPack: suggestPackFile };
}

/** The settings object of a policy file: bare, or under `3rdparty.extensions.<Careside's ID>`. */
export function readPolicySettings(file: string, t: Translate): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InspectError(t('inspectPolicyUnreadable', { file }));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InspectError(
      t('inspectPolicyNotJson', { file, reason: error instanceof Error ? error.message : '' }),
    );
  }
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  let settings: Record<string, unknown>;
  if (isObject(json) && isObject(json['3rdparty'])) {
    const extensions = json['3rdparty'].extensions;
    const found = isObject(extensions) ? extensions[EXTENSION_ID] : undefined;
    if (!isObject(found)) {
      throw new InspectError(t('inspectPolicyNoCareside', { file, id: EXTENSION_ID }));
    }
    settings = found;
  } else if (isObject(json)) settings = json;
  else throw new InspectError(t('inspectPolicyNotObject', { file }));
  // Chrome drops a pack written as an object against the managed schema, silently; the run
  // would then show the generic reader's guess as if it were the pack's reading.
  const objects = objectFormPacks(settings);
  if (objects.length > 0) {
    throw new InspectError(
      t('inspectPackAsObject', {
        file,
        places: objects.map((index) => `selectorPacks[${index}]`).join(', '),
      }),
    );
  }
  return settings;
}

/** The policy's packs that pass validation (the refused ones the background names itself). */
export function policyPacks(settings: Record<string, unknown> | null): SelectorPack[] {
  if (!settings || !Array.isArray(settings.selectorPacks)) return [];
  return validateSelectorPacks(settings.selectorPacks).packs;
}

function ensureBuilt(t: Translate): void {
  if (existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) return;
  process.stderr.write(`${t('inspectBuilding')}\n`);
  // Build output goes to stderr: stdout carries only the JSON.
  // The inspectable build: `readSidebar` reads the sidebar through its open shadow root.
  const result = spawnSync('npx', ['wxt', 'build'], {
    stdio: ['ignore', 2, 2],
    env: { ...process.env, CARESIDE_BUILD: 'inspectable' },
  });
  if (result.status !== 0) {
    throw new InspectError(t('inspectBuildFailed', { code: String(result.status ?? 'none') }));
  }
}

/** What the sidebar in the page shows right now (its shadow root, open in this build). */
function readSidebar(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('careside-sidebar')?.shadowRoot;
    const aside = root?.querySelector('aside');
    if (!root || !aside) return { mounted: false, state: null, text: '' };
    const state = root.querySelector('.cs-body[data-state]')?.getAttribute('data-state') ?? 'ready';
    return { mounted: true, state, text: aside.textContent ?? '' };
  });
}

/**
 * The frame each value was read in, by its place in the context: `medications[2]` → URL. Values
 * without a frame in their provenance were read in the top document, `topUrl`.
 */
function framesOf(value: unknown, topUrl: string, at = ''): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  const found: Record<string, string> = {};
  const provenance = (value as { provenance?: { frame?: unknown } }).provenance;
  if (provenance) found[at] = typeof provenance.frame === 'string' ? provenance.frame : topUrl;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [`${at}[${index}]`, item] as const)
    : Object.entries(value)
        .filter(([key]) => key !== 'provenance')
        .map(([key, item]) => [at ? `${at}.${key}` : key, item] as const);
  for (const [place, item] of entries) Object.assign(found, framesOf(item, topUrl, place));
  return found;
}

/**
 * What clinic IT checks first, each with its frame and the evidence it was read from (`via`: the
 * label, element or column): the identity (always the top document's, the banner the frames are
 * matched against), the medication lines and each instrument's scores.
 */
function fieldsOf(chart: PatientContext, topUrl: string, reading: PageReading) {
  const frameOf = (provenance: Provenance) => provenance.frame ?? topUrl;
  const { identity } = chart;
  const mrn = identity.identifiers.find((identifier) => identifier.type === 'MR')?.value ?? null;
  const series: Record<
    string,
    { date: string | null; score: ScoreEntry['total']; frame: string; via: string }[]
  > = {};
  const byDate = [...chart.scores].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  for (const score of byDate) {
    const entries = series[score.instrument] ?? [];
    entries.push({
      date: score.date,
      score: score.total,
      frame: frameOf(score.provenance),
      via: score.provenance.via,
    });
    series[score.instrument] = entries;
  }
  // A reader that does not say where it read a field read it from its own known place.
  const evidence = reading.evidence ?? {};
  const via = (field: keyof typeof evidence) => evidence[field] ?? reading.adapter;
  return {
    name: { value: identity.name, frame: topUrl, via: via('name') },
    birthDate: { value: identity.birthDate, frame: topUrl, via: via('birthDate') },
    mrn: { value: mrn, frame: topUrl, via: via('mrn') },
    sex: { value: identity.sex, frame: topUrl, via: via('sex') },
    medications: chart.medications.map((medication) => ({
      text: medication.text,
      status: medication.status,
      frame: frameOf(medication.provenance),
      via: medication.provenance.via,
    })),
    scores: series,
    notOnScreen: reading.notOnScreen ?? [],
  };
}

/** Every frame of the page has finished loading (a frame gone meanwhile counts as not loaded). */
/** The frames whose address ties them to the patient the top document shows, and the parameter. */
function frameAddressesOf(page: Page, chart: PatientContext, topUrl: string) {
  const patient = addressPatient(
    chart.identity.identifiers.map((identifier) => identifier.value),
    topUrl,
    [],
    '',
  );
  const frameUrls = page
    .frames()
    .filter((frame) => frame !== page.mainFrame())
    .map((frame) => frame.url())
    // As the background has it: only a frame on the top document's host is evidence.
    .filter((url) => sameHost(topUrl, url));
  const frames: { url: string; param: string; topParam: string | null }[] = [];
  for (const url of frameUrls) {
    const verdict = judgeAddress(patient, url);
    if (verdict.kind === 'this-patient') {
      frames.push({ url, param: verdict.frameParam, topParam: verdict.topParam });
    }
  }
  return { patientParam: discoverPatientParam(patient, frameUrls), frames };
}

async function framesLoaded(page: Page): Promise<boolean> {
  const states = await Promise.all(
    page
      .frames()
      .map((frame) => frame.evaluate(() => document.readyState === 'complete').catch(() => false)),
  );
  return states.every(Boolean);
}

/** The frame names from the top document down to `frame` (`[]` for the top document). */
function namePathOf(frame: Frame): string[] {
  const names: string[] = [];
  for (let current: Frame | null = frame; current?.parentFrame(); current = current.parentFrame()) {
    names.unshift(current.name());
  }
  return names;
}

/** Every frame of the page by its name path and address, the top document first. */
function frameTreeOf(page: Page): { path: string[]; url: string }[] {
  return page.frames().map((frame) => ({ path: namePathOf(frame), url: frame.url() }));
}

/**
 * Runs in each frame: what the packs' `detect` and list selectors take there. Source text, not a
 * function: the script runner would wrap the inner functions in a helper the page does not have.
 */
const PAGE_SELECTOR_FACTS = `({ ids, lists }) => {
  // As a pack searches (utils/ehr/packs/query.ts): the page, else its open shadow roots.
  const shadowRoots = (root, found = []) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot && element.localName !== 'careside-sidebar') {
        found.push(element.shadowRoot);
        shadowRoots(element.shadowRoot, found);
      }
    }
    return found;
  };
  const all = (selector) => {
    try {
      const light = [...document.querySelectorAll(selector)];
      if (light.length > 0) return light;
      return shadowRoots(document).flatMap((root) => [...root.querySelectorAll(selector)]);
    } catch {
      return [];
    }
  };
  // A heading row: in a table head, or made of header cells only.
  const heading = (element) =>
    element.closest('thead') !== null ||
    element.matches('th, [role="columnheader"]') ||
    (element.querySelector('th, [role="columnheader"]') !== null &&
      element.querySelector('td, [role="cell"], [role="gridcell"]') === null);
  return {
    detect: Object.fromEntries(ids.map(({ id, detect }) => [id, all(detect).length > 0])),
    lists: Object.fromEntries(
      lists.map((list) => {
        const elements = all(list);
        return [list, { matched: elements.length, headings: elements.filter(heading).length }];
      }),
    ),
  };
}`;

/** What every frame shows of the packs' `detect` and list selectors (a frame gone counts empty). */
async function frameFactsOf(page: Page, packs: SelectorPack[]): Promise<FrameFacts[]> {
  const selectors = selectorsToCheck(packs);
  const ids = packs.map((pack) => ({ id: pack.id, detect: pack.detect }));
  return Promise.all(
    page.frames().map(async (frame) => {
      const found = (await frame
        .evaluate(`(${PAGE_SELECTOR_FACTS})(${JSON.stringify({ ids, lists: selectors.lists })})`)
        .catch(() => ({ detect: {}, lists: {} }))) as Pick<FrameFacts, 'detect' | 'lists'>;
      return {
        url: frame.url(),
        isTop: frame === page.mainFrame(),
        namePath: namePathOf(frame),
        ...found,
      };
    }),
  );
}

interface Settled {
  inspection: Inspection;
  sidebar: Awaited<ReturnType<typeof readSidebar>>;
}

/** How inspect asks the background about the tab and reads what its sidebar shows. */
interface Probe {
  page: Page;
  inspect(): Promise<Inspection>;
  /** The tab's id changes never, its address may: the tab is looked up once. */
  tabId: number;
}

async function openProbe(browser: LaunchedBrowser, page: Page, t: Translate): Promise<Probe> {
  // The background answers extension pages, not its own service worker: ask from one.
  const extensionPage = await browser.context.newPage();
  await extensionPage.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  const pageUrl = page.url();
  const tabId = await extensionPage.evaluate(async (wanted) => {
    const tabs = await (globalThis as unknown as { chrome: ExtensionPageApi }).chrome.tabs.query(
      {},
    );
    // The page's URL is visible to Careside because its origin was granted above.
    return tabs.find((tab) => tab.url === wanted)?.id ?? null;
  }, pageUrl);
  if (tabId === null) throw new InspectError(t('inspectTabNotFound', { url: pageUrl }));
  const inspect = () =>
    extensionPage.evaluate(
      (data) =>
        (globalThis as unknown as { chrome: ExtensionPageApi }).chrome.runtime.sendMessage({
          careside: 1,
          type: 'inspect:tab',
          data,
        }),
      { tabId },
    ) as Promise<Inspection>;
  return { page, inspect, tabId };
}

/**
 * Polls until the sidebar has settled: it is up, shows a patient (not the blank of a change),
 * the background has the tab's view, all frames loaded and two reads in a row agree. `accept`
 * can ask for more (the next patient, after a change); `onSample` sees every look on the way.
 */
async function settle(
  probe: Probe,
  since: number,
  options: InspectOptions,
  packs: SelectorPack[],
  t: Translate,
  accept: (settled: Settled) => boolean = () => true,
  onSample: (sidebar: Settled['sidebar']) => void = () => undefined,
): Promise<Settled> {
  const { page } = probe;
  const deadline = since + options.timeoutMs;
  let previous: string | null = null;
  let last: Settled | null = null;
  while (Date.now() < deadline) {
    const sidebar = await readSidebar(page).catch(() => ({
      mounted: false,
      state: null,
      text: '',
    }));
    onSample(sidebar);
    const inspection = await probe.inspect();
    const loaded = await framesLoaded(page);
    last = { inspection, sidebar };
    // A re-read of an unchanged page only stamps new times: they do not make it unsettled.
    const snapshot = JSON.stringify(last, (key, value) => (key === 'readAt' ? undefined : value));
    // Frames report after their own load: the chart has settled only once all of them loaded.
    const stable = snapshot === previous && loaded;
    previous = snapshot;
    if (stable && sidebar.state === 'error') {
      throw new InspectError(
        t('inspectSidebarError', {
          url: page.url(),
          message: sidebar.text.trim() || sidebar.state,
        }),
      );
    }
    if (stable && sidebar.mounted && sidebar.state === 'ready' && inspection.view && accept(last)) {
      return last;
    }
    if (
      !sidebar.mounted &&
      inspection.reading === null &&
      Date.now() - since > Math.min(NO_CHART_GRACE_MS, options.timeoutMs)
    ) {
      const reasons = notApplied(packs, await frameFactsOf(page, packs), t);
      const policyProblems = inspection.policyProblems.map((problem) => problem.message);
      throw new InspectError(
        [t('inspectNoChart', { url: page.url() }), ...reasons, ...policyProblems].join('\n'),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  // A pack that did not apply is the likeliest reason for a sidebar that never settles.
  const reasons = notApplied(packs, await frameFactsOf(page, packs), t);
  throw new InspectError(
    [
      t('inspectNotSettled', { url: page.url(), seconds: Math.round(options.timeoutMs / 1000) }),
      ...reasons,
    ].join('\n'),
  );
}

/** Whom the sidebar names: the name and record number of the view the background holds. */
function patientShown(settled: Settled): PatientShown | null {
  const patient = settled.inspection.view?.content.patient;
  if (!patient?.name) return null;
  const mrn = patient.identifiers.find((identifier) => identifier.type === 'MR')?.value ?? null;
  return { name: patient.name, mrn };
}

/** The report of one settled reading, as the JSON prints it. */
function reportOf(page: Page, settled: Settled, packs: SelectorPack[]) {
  const pageUrl = page.url();
  const { view, reading, chart } = settled.inspection;
  if (!view || !reading || !chart) return null;
  return {
    url: pageUrl,
    adapter: reading.adapter,
    identityConfirmed: view.identityConfirmed,
    confidence: reading.confidence,
    fields: fieldsOf(chart, pageUrl, reading),
    context: chart,
    frames: framesOf(chart, pageUrl),
    frameTree: frameTreeOf(page),
    frameAddresses: frameAddressesOf(page, chart, pageUrl),
    sidebar: view.content,
    problems: [
      ...view.problems,
      ...settled.inspection.policyProblems.map((problem) => problem.message),
    ],
    packsReadNothing: packsThatReadNothing(packs, chart),
  };
}

export interface InspectResult {
  report: Record<string, unknown>;
  /** Why inspect exits non-zero although it printed a reading. */
  failures: string[];
  /** The draft pack `--suggest-pack` asked for, suggested from the first reading. */
  suggestion: PackSuggestion | null;
}

export async function inspectPage(
  browser: LaunchedBrowser,
  url: string,
  options: InspectOptions,
  packs: SelectorPack[],
  t: Translate,
): Promise<InspectResult> {
  await extensionWorker(browser.context);
  const page = await browser.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new InspectError(t('inspectCannotOpen', { url, reason }));
  }
  const probe = await openProbe(browser, page, t);
  // The grace for "no chart" counts from when inspect can first ask: on a busy machine opening
  // the extension page alone can take seconds.
  const first = await settle(probe, Date.now(), options, packs, t);
  const report = reportOf(page, first, packs);
  if (!report) {
    throw new InspectError(
      t('inspectNotSettled', { url: page.url(), seconds: Math.round(options.timeoutMs / 1000) }),
    );
  }
  const failures: string[] = [];
  const reasons = notApplied(packs, await frameFactsOf(page, packs), t);
  if (packs.length > 0 && report.packsReadNothing.length === packs.length) {
    failures.push(t('inspectPacksReadNothing', { ids: report.packsReadNothing.join(', ') }));
  }
  const result: Record<string, unknown> = { ...report, notApplied: reasons };
  // Suggested from the first reading, before a patient change takes the page elsewhere.
  const suggestion =
    options.suggestPack !== null && first.inspection.chart
      ? await suggestPack(page, first.inspection.chart, t)
      : null;
  if (options.then !== null || options.click !== null) {
    const change = await checkChange(probe, first, options, packs, t);
    result.change = change;
    const flagged = change.states.filter((state) => state.showsPrevious).length;
    if (flagged > 0) failures.push(t('inspectChangeShowedPrevious', { count: String(flagged) }));
  }
  return { report: result, failures, suggestion };
}

/**
 * Changes the patient (`--then URL` or `--click SELECTOR`) and watches the sidebar until it has
 * settled on someone else, keeping every state it went through.
 */
async function checkChange(
  probe: Probe,
  first: Settled,
  options: InspectOptions,
  packs: SelectorPack[],
  t: Translate,
) {
  const previous = patientShown(first);
  if (!previous) throw new InspectError(t('inspectChangeNoFirstPatient'));
  const samples: ChangeSample[] = [];
  const started = Date.now();
  const sample = (sidebar: Settled['sidebar']) =>
    samples.push({ atMs: Date.now() - started, ...sidebar });
  // Looks at the sidebar more often than the settle loop does, so a short state is not missed.
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      sample(
        await readSidebar(probe.page).catch(() => ({ mounted: false, state: null, text: '' })),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    if (options.then !== null) {
      await probe.page.goto(options.then, { waitUntil: 'commit', timeout: options.timeoutMs });
    } else if (options.click !== null) {
      await probe.page
        .locator(options.click)
        .first()
        .click({ timeout: 5_000 })
        .catch(() => {
          throw new InspectError(t('inspectClickNotFound', { selector: options.click ?? '' }));
        });
    }
    const settledNext = await settle(
      probe,
      started,
      options,
      packs,
      t,
      (settled) => patientShown(settled)?.name !== previous.name,
      sample,
    ).catch((error: unknown) => {
      if (error instanceof InspectError) return null;
      throw error;
    });
    watching = false;
    await watcher;
    samples.sort((a, b) => a.atMs - b.atMs);
    const next = settledNext ? patientShown(settledNext) : null;
    return {
      action: options.then !== null ? { open: options.then } : { click: options.click },
      from: previous,
      to: next,
      settled: settledNext !== null,
      states: changeStates(samples, previous, next),
      reading: settledNext ? reportOf(probe.page, settledNext, packs) : null,
    };
  } finally {
    watching = false;
    await watcher;
  }
}

async function main(): Promise<number> {
  const t = loadTranslator();
  let server: StaticServer | null = null;
  let extension: EnabledExtension | null = null;
  let policy: InstalledPolicy | null = null;
  let browser: LaunchedBrowser | null = null;
  try {
    const options = parseOptions(process.argv.slice(2), t);
    if (options === 'help') {
      process.stdout.write(`${t('inspectHelp')}\n`);
      return 0;
    }
    const policySettings = options.policyFile ? readPolicySettings(options.policyFile, t) : null;
    if (policySettings && !isRoot()) {
      throw new InspectError(
        t('inspectPolicyNeedsRoot', { directory: CHROMIUM_MANAGED_POLICY_DIR }),
      );
    }

    let url: string;
    if (/^https?:\/\//i.test(options.target)) {
      url = new URL(options.target).href;
    } else if (existsSync(options.target) && statSync(options.target).isFile()) {
      const file = path.resolve(options.target);
      server = await serveStatic(path.dirname(file));
      url = server.urlOf(file);
    } else {
      throw new InspectError(t('inspectNotFound', { target: options.target }));
    }

    ensureBuilt(t);
    extension = copyExtensionEnabledOn(EXTENSION_DIR, new URL(url));
    if (policySettings) {
      policy = installChromiumPolicy(
        `careside-inspect-${process.pid}`,
        extensionPolicy(EXTENSION_ID, policySettings),
      );
    }
    try {
      browser = await launchChromium({ extensionDir: extension.directory });
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      throw new InspectError(t('inspectNoBrowser', { reason }));
    }
    const packs = policyPacks(policySettings);
    const { report, failures, suggestion } = await inspectPage(browser, url, options, packs, t);
    if (options.suggestPack !== null && suggestion) {
      if (suggestion.ok) {
        writeFileSync(options.suggestPack, `${JSON.stringify(suggestion.pack, null, 2)}\n`);
        process.stderr.write(
          `${t('suggestPackWritten', { file: options.suggestPack, id: suggestion.pack.id })}\n`,
        );
      } else {
        failures.push(t('suggestPackRefused', { reasons: suggestion.errors.join('; ') }));
      }
      report.suggestedPack = {
        file: suggestion.ok ? options.suggestPack : null,
        missed: suggestion.missed,
        ...(!suggestion.ok && { errors: suggestion.errors }),
      };
      if (suggestion.missed.length > 0) {
        process.stderr.write(
          `${t('suggestPackMissed', { fields: suggestion.missed.join(', ') })}\n`,
        );
      }
    }
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    // The reading is printed either way; the exit code says whether it is what was asked for.
    for (const failure of failures) process.stderr.write(`${failure}\n`);
    return failures.length > 0 ? 2 : 0;
  } catch (error) {
    if (error instanceof InspectError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await browser?.close().catch(() => undefined);
    policy?.remove();
    extension?.remove();
    await server?.close();
  }
}

// Run as a command; the e2e tests import the functions above.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
