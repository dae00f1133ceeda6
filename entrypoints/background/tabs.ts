import { browser } from 'wxt/browser';
import type { PageReading } from '../../utils/ehr/types';
import { packReading, unpackReading, type WireReading } from '../../utils/ehr/wire';

/**
 * What each tab's top frame is showing. Kept in `storage.session` — memory only, never written to
 * disk, cleared when the browser closes — so a service-worker restart does not forget which
 * patient a tab is on, and an edit can be checked against the patient it was typed for.
 */
export interface TabPatient {
  fingerprint: string;
  origin: string;
  reading: PageReading;
  /** The clinician confirmed an identity the reader could not confirm by itself. */
  confirmedByUser: boolean;
  /** The top document that sent the reading (`sender.documentId`), where the browser says. */
  documentId?: string | null;
}

const keyFor = (tabId: number) => `tab:${tabId}`;

/** The session copy keeps the reading in its compact wire form: half the bytes to copy. */
type StoredTabPatient = Omit<TabPatient, 'reading'> & { reading: WireReading };

/**
 * The worker's own copy, so that opening a chart does not wait for a large reading to be copied
 * into `storage.session` (over 100 ms for a five-year chart). The session copy is written behind
 * it and read only after a worker restart; if a restart beats that write, the older copy's
 * fingerprint no longer matches and an edit is refused as "patient changed" — never misfiled.
 */
const shownInTab = new Map<number, TabPatient>();

/**
 * Session copies not yet written. The browser copies a value the moment `storage.session.set` is
 * called, in the caller's task (≈ 25 ms for a five-year chart), so the write waits until the
 * answer it accompanies has been computed, then for a timer: the chart's answer goes out first —
 * a timer alone fired while the answer was still waiting for storage — and a burst of patient
 * changes writes each tab's latest patient once.
 */
const unwritten = new Map<number, TabPatient>();
let writeScheduled = false;

function writeSessionCopies() {
  writeScheduled = false;
  const batch = Object.fromEntries(
    [...unwritten].map(([tabId, patient]): [string, StoredTabPatient] => [
      keyFor(tabId),
      { ...patient, reading: packReading(patient.reading) },
    ]),
  );
  unwritten.clear();
  void browser.storage.session.set(batch).catch(() => undefined);
}

/**
 * Forgetting a tab is final for what was in flight: each `forgetTab` moves the tab's generation
 * on and retires the document it knew, so a message that arrived before the forget (and awaited
 * past it) or one from the retired document afterwards cannot bring the entry back.
 */
const generations = new Map<number, number>();
const retiredDocuments = new Set<string>();
const closedTabs = new Set<number>();
/** Retired document ids kept, oldest dropped first: enough for a long day of charts. */
const RETIRED_KEPT = 5_000;

/** The tab's generation now: pass it to `rememberTab` for a message that arrived now. */
export function tabGeneration(tabId: number): number {
  return generations.get(tabId) ?? 0;
}

/** Whether a message from `documentId`, arrived at `generation`, may still act on the tab. */
export function tabStillCurrent(
  tabId: number,
  documentId: string | null | undefined,
  generation: number,
): boolean {
  if (closedTabs.has(tabId)) return false;
  if (documentId && retiredDocuments.has(documentId)) return false;
  return tabGeneration(tabId) === generation;
}

/**
 * Remembers the tab's patient at once; its session copy is written once `answer` settles.
 * Returns false, remembering nothing, when the tab was forgotten since `generation`.
 */
export function rememberTab(
  tabId: number,
  patient: TabPatient,
  answer: Promise<unknown>,
  generation = tabGeneration(tabId),
): boolean {
  if (!tabStillCurrent(tabId, patient.documentId, generation)) return false;
  shownInTab.set(tabId, patient);
  unwritten.set(tabId, patient);
  const schedule = () => {
    if (writeScheduled) return;
    writeScheduled = true;
    setTimeout(writeSessionCopies, 0);
  };
  answer.then(schedule, schedule);
  return true;
}

export async function tabPatient(tabId: number): Promise<TabPatient | null> {
  const known = shownInTab.get(tabId);
  if (known) return known;
  const stored = await browser.storage.session.get(keyFor(tabId));
  const copy = stored[keyFor(tabId)] as StoredTabPatient | undefined;
  if (!copy) return null;
  let restored: TabPatient;
  try {
    restored = { ...copy, reading: unpackReading(copy.reading) };
  } catch {
    // A copy this version cannot read (written by an older one): the tab's patient is unknown,
    // so an edit is refused as "patient changed" until the page is read again.
    return null;
  }
  shownInTab.set(tabId, restored);
  return restored;
}

/** The tabs this worker has seen showing a patient (since it started). */
export function tabsShowingAPatient(): number[] {
  return [...shownInTab.keys()];
}

/**
 * Forgets what the tab showed: when it closes (`closed`, then for good) or its top document
 * leaves the EHR origin.
 */
export async function forgetTab(tabId: number, options: { closed?: boolean } = {}): Promise<void> {
  generations.set(tabId, tabGeneration(tabId) + 1);
  if (options.closed) closedTabs.add(tabId);
  const documentId = shownInTab.get(tabId)?.documentId;
  if (documentId) {
    retiredDocuments.add(documentId);
    if (retiredDocuments.size > RETIRED_KEPT) {
      const oldest = retiredDocuments.values().next().value;
      if (oldest !== undefined) retiredDocuments.delete(oldest);
    }
  }
  shownInTab.delete(tabId);
  unwritten.delete(tabId);
  await browser.storage.session.remove(keyFor(tabId));
}

/** The tab's patient, only when the sender is still on the patient it claims to be on. */
export async function samePatient(tabId: number | undefined, fingerprint: string) {
  if (tabId === undefined) return null;
  const current = await tabPatient(tabId);
  return current && current.fingerprint === fingerprint ? current : null;
}
