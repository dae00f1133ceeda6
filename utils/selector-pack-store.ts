/**
 * The clinic's selector packs, as the background validated them, mirrored into the extension's
 * own `storage.local` so a content script can read them the moment it starts — without a round
 * trip that would first wake the service worker. Packs are configuration, never patient data.
 */
import { browser } from 'wxt/browser';
import type { SelectorPack } from './ehr/packs/format';
import { sendMessage } from './messaging';

const STORAGE_KEY = 'validatedSelectorPacks';

export async function saveValidatedPacks(packs: unknown[]): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEY]: packs });
}

export async function loadValidatedPacks(url: string): Promise<SelectorPack[]> {
  const stored = await browser.storage.local.get(STORAGE_KEY);
  const packs = stored[STORAGE_KEY];
  if (Array.isArray(packs)) return packs as SelectorPack[];
  // Not mirrored yet (the extension has just been installed): ask the background itself.
  return (await sendMessage('content:config', { url })).packs as SelectorPack[];
}
