/**
 * What the gallery's tests share: Chromium with the built extension enabled on the gallery's
 * loopback origins, the background's `inspect:tab` answer for a tab (as `npm run inspect` asks
 * it), and how a reading is compared with a page's ground truth.
 */
import type { Page } from 'playwright-core';
import { findMrn } from '../../components/IdentityBanner';
import { copyExtensionEnabledOn, type EnabledExtension } from '../../scripts/lib/enable-origin';
import type { ResponseOf } from '../../utils/messaging';
import {
  EXTENSION_DIR,
  EXTENSION_ID,
  extensionWorker,
  type LaunchedBrowser,
  launchChromium,
} from '../e2e/browser';
import { type Gallery, type GalleryOptions, startGallery } from './server';
import type { PageTruth, PatientTruth } from './types';

export type Inspection = ResponseOf<'inspect:tab'>;

export interface GalleryRun {
  gallery: Gallery;
  browser: LaunchedBrowser;
  inspect(page: Page): Promise<Inspection>;
  close(): Promise<void>;
}

interface ExtensionPageApi {
  tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

export async function startGalleryRun(options: GalleryOptions = {}): Promise<GalleryRun> {
  const gallery = await startGallery(options);
  let extension: EnabledExtension | null = null;
  let browser: LaunchedBrowser | null = null;
  try {
    // Every gallery EHR listens on its own loopback port; one grant covers them all, as a user
    // who enabled each would have it.
    extension = copyExtensionEnabledOn(EXTENSION_DIR, new URL('http://127.0.0.1/'));
    browser = await launchChromium({ extensionDir: extension.directory });
    await extensionWorker(browser.context);
    const launched = browser;
    const enabled = extension;
    // The background answers extension pages, not its own service worker: ask from one.
    const extensionPage = await launched.context.newPage();
    await extensionPage.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    return {
      gallery,
      browser: launched,
      async inspect(page) {
        return (await extensionPage.evaluate(async (wanted) => {
          const chrome = (globalThis as unknown as { chrome: ExtensionPageApi }).chrome;
          const tabs = await chrome.tabs.query({});
          const tabId = tabs.find((tab) => tab.url === wanted)?.id;
          if (tabId === undefined) return null;
          return chrome.runtime.sendMessage({ careside: 1, type: 'inspect:tab', data: { tabId } });
        }, page.url())) as Inspection;
      },
      async close() {
        await launched.close();
        enabled.remove();
        await gallery.close();
      },
    };
  } catch (error) {
    await browser?.close();
    extension?.remove();
    await gallery.close();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Names: the sidebar may print a name its own way ("Margaret A. O'Brien" for "O'BRIEN, MARGARET
// A"); what counts is that it names this person and nobody else.
// ---------------------------------------------------------------------------------------------

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

export function nameTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}]+/u)
    .filter((token) => token !== '' && !TITLES.has(token) && !SUFFIXES.has(token));
}

/** The read name names this patient: given and family name present, nothing foreign. */
export function nameMatches(
  read: string | null,
  truth: Pick<PatientTruth, 'given' | 'family' | 'header'>,
): boolean {
  if (!read) return false;
  const tokens = nameTokens(read);
  const required = [...nameTokens(truth.given), ...nameTokens(truth.family)];
  const allowed = new Set([...required, ...nameTokens(truth.header)]);
  // A middle initial may be printed where the page printed the whole middle name.
  const allowedInitials = new Set([...allowed].map((token) => token[0]));
  return (
    required.every((token) => tokens.includes(token)) &&
    tokens.every(
      (token) => allowed.has(token) || (token.length === 1 && allowedInitials.has(token)),
    )
  );
}

/** Which of `patients` a read name names (null: none, or more than one). */
export function patientNamed<T extends Pick<PatientTruth, 'given' | 'family' | 'header'>>(
  read: string | null,
  patients: T[],
): T | null {
  const matching = patients.filter((patient) => nameMatches(read, patient));
  return matching.length === 1 ? (matching[0] ?? null) : null;
}

// ---------------------------------------------------------------------------------------------
// Scoring one reading against one patient's truth.
// ---------------------------------------------------------------------------------------------

export interface FieldResult {
  field: string;
  kind: 'identity' | 'chart';
  expected: string;
  read: string | null;
  correct: boolean;
}

export interface ReadingScore {
  page: string;
  patient: string;
  adapter: string | null;
  identityConfirmed: boolean | null;
  sidebarState: string | null;
  fields: FieldResult[];
  /** Medications and scores read that the page does not show for this patient. */
  extras: string[];
  waitingFor: string[];
  problems: string[];
}

const normalize = (text: string) => text.replace(/\s+/g, '').toLowerCase();

export function scoreReading(
  pageId: string,
  truth: PatientTruth,
  expect: 'read' | 'refuse',
  chartMustBeHeld: boolean,
  inspection: Inspection | null,
  sidebarState: string | null,
  sidebarName: string | null,
): ReadingScore {
  const chart = inspection?.chart ?? null;
  const view = inspection?.view ?? null;
  const shown = view?.content.patient ?? chart?.identity ?? null;
  const fields: FieldResult[] = [];
  const extras: string[] = [];
  if (expect === 'refuse') {
    // Two patients on the screen: any identity the sidebar shows is a pick.
    const picked = sidebarState === 'ready' && Boolean(sidebarName);
    for (const field of ['name', 'birthDate', 'mrn']) {
      const read =
        field === 'name'
          ? (shown?.name ?? null)
          : field === 'birthDate'
            ? (shown?.birthDate ?? null)
            : shown
              ? (findMrn(shown.identifiers)?.value ?? null)
              : null;
      fields.push({
        field: `refuse ${field}`,
        kind: 'identity',
        expected: '(none: two patients on screen)',
        read: picked ? read : null,
        correct: !picked,
      });
    }
  } else {
    const mrn = shown ? findMrn(shown.identifiers) : null;
    fields.push(
      {
        field: 'name',
        kind: 'identity',
        expected: truth.header,
        read: shown?.name ?? null,
        correct: nameMatches(shown?.name ?? null, truth),
      },
      {
        field: 'birthDate',
        kind: 'identity',
        expected: truth.birthDate,
        read: shown?.birthDate ?? null,
        correct: shown?.birthDate === truth.birthDate,
      },
      {
        field: 'mrn',
        kind: 'identity',
        expected: truth.mrn,
        read: mrn ? `${mrn.value}${mrn.system ? ` (${mrn.system})` : ''}` : null,
        correct: mrn !== null && normalize(mrn.value) === normalize(truth.mrn),
      },
    );
    const medications = chart?.medications ?? [];
    for (const medication of truth.medications) {
      const found = medications.find(
        (read) =>
          read.ingredient === medication.ingredient ||
          read.text.toLowerCase().includes(medication.ingredient),
      );
      fields.push({
        field: `medication ${medication.ingredient}`,
        kind: 'chart',
        expected: medication.text,
        read: found?.text ?? null,
        correct: Boolean(found),
      });
    }
    for (const read of medications) {
      const known = truth.medications.some(
        (medication) =>
          read.ingredient === medication.ingredient ||
          read.text.toLowerCase().includes(medication.ingredient),
      );
      if (!known) extras.push(`medication "${read.text}"`);
    }
    const conditions = chart?.conditions ?? [];
    for (const condition of truth.conditions) {
      const found = conditions.find(
        (read) =>
          (read.code && normalize(read.code) === normalize(condition.code)) ||
          normalize(read.text).includes(normalize(condition.text)),
      );
      fields.push({
        field: `condition ${condition.code}`,
        kind: 'chart',
        expected: `${condition.text} (${condition.code})`,
        read: found ? `${found.text}${found.code ? ` (${found.code})` : ''}` : null,
        correct: Boolean(found),
      });
    }
    const scores = chart?.scores ?? [];
    for (const score of truth.scores) {
      const sameInstrument = scores.filter((read) => read.instrument === score.instrument);
      const found = sameInstrument.find(
        (read) => read.date === score.date && Number(read.total) === score.score,
      );
      const near = found ?? sameInstrument.find((read) => Number(read.total) === score.score);
      fields.push({
        field: `${score.instrument} ${score.date}`,
        kind: 'chart',
        expected: `${score.score} on ${score.date}`,
        read: near ? `${near.total} on ${near.date ?? 'no date'}` : null,
        correct: Boolean(found),
      });
    }
    for (const read of scores) {
      const known = truth.scores.some(
        (score) =>
          score.instrument === read.instrument &&
          score.date === read.date &&
          Number(read.total) === score.score,
      );
      if (!known) extras.push(`${read.instrument} ${read.total} on ${read.date ?? 'no date'}`);
    }
  }
  if (chartMustBeHeld) {
    // Frames without evidence of their patient: showing their data would be a guess.
    for (const field of fields) {
      if (field.kind !== 'chart') continue;
      field.expected = `held (${field.expected} is in a frame without evidence of its patient)`;
      field.correct = field.read === null;
    }
  }
  return {
    page: pageId,
    patient: truth.id,
    adapter: inspection?.reading?.adapter ?? null,
    identityConfirmed: view?.identityConfirmed ?? null,
    sidebarState,
    fields,
    extras,
    waitingFor: view?.waitingFor ?? [],
    problems: view?.problems ?? inspection?.reading?.problems ?? [],
  };
}

export interface Tally {
  identity: { correct: number; shown: number };
  chart: { correct: number; shown: number };
}

export function tally(scores: ReadingScore[]): Tally {
  const result: Tally = { identity: { correct: 0, shown: 0 }, chart: { correct: 0, shown: 0 } };
  for (const score of scores) {
    for (const field of score.fields) {
      result[field.kind].shown += 1;
      if (field.correct) result[field.kind].correct += 1;
    }
  }
  return result;
}

export const percent = (part: number, whole: number) =>
  whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10;

// ---------------------------------------------------------------------------------------------
// Driving a gallery page as a user would.
// ---------------------------------------------------------------------------------------------

/** Changes the patient inside the page (click in a list, pick in a drop-down). */
export async function switchInPage(page: Page, truth: PageTruth, patientId: string): Promise<void> {
  const action = truth.inPage;
  if (!action) throw new Error(`${truth.id} has no in-page patient change`);
  const selector = action.selector.replaceAll('{id}', patientId);
  if (action.kind === 'click') await page.locator(selector).first().click({ timeout: 10_000 });
  else await page.selectOption(selector, action.value.replaceAll('{id}', patientId));
}

/** What the page's own header shows now (each page defines `galleryHeader()` for its tests). */
export function pageHeader(page: Page): Promise<string | null> {
  return page
    .evaluate(() => {
      const header = (window as unknown as { galleryHeader?: () => string | null }).galleryHeader;
      return header ? header() : null;
    })
    .catch(() => null);
}

/** Resolves once the page's header shows `expected` (false after `timeoutMs`). */
export async function headerShows(
  page: Page,
  expected: string,
  timeoutMs: number,
): Promise<boolean> {
  return page
    .waitForFunction(
      (wanted) =>
        (window as unknown as { galleryHeader?: () => string | null }).galleryHeader?.() === wanted,
      expected,
      { timeout: timeoutMs, polling: 'raf' },
    )
    .then(() => true)
    .catch(() => false);
}
