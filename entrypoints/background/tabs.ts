import { browser } from 'wxt/browser';
import type { PageReading } from '../../utils/ehr/types';

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
}

const keyFor = (tabId: number) => `tab:${tabId}`;

export async function rememberTab(tabId: number, patient: TabPatient): Promise<void> {
  await browser.storage.session.set({ [keyFor(tabId)]: patient });
}

export async function tabPatient(tabId: number): Promise<TabPatient | null> {
  const stored = await browser.storage.session.get(keyFor(tabId));
  return (stored[keyFor(tabId)] as TabPatient | undefined) ?? null;
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(keyFor(tabId));
}

/** The tab's patient, only when the sender is still on the patient it claims to be on. */
export async function samePatient(tabId: number | undefined, fingerprint: string) {
  if (tabId === undefined) return null;
  const current = await tabPatient(tabId);
  return current && current.fingerprint === fingerprint ? current : null;
}
