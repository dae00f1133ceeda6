/**
 * What a content script needs the moment it starts — the clinic's selector packs, as the
 * background validated them, and the sidebar's layout — mirrored into the extension's own
 * `storage.local`, so a chart's script reads it without a round trip that would first wake the
 * service worker, and the sidebar opens at its saved width instead of jumping to it when the
 * patient's view arrives. Configuration only, never patient data.
 */
import { browser } from 'wxt/browser';
import type { SelectorPack } from './ehr/packs/format';
import { sendMessage } from './messaging';
import type { LayoutSettings } from './policy/layout';

const PACKS_KEY = 'validatedSelectorPacks';
const LAYOUT_KEY = 'sidebarLayout';

export interface ContentConfig {
  packs: SelectorPack[];
  /** The effective layout (policy, then the clinician's choice); null when not known yet. */
  layout: LayoutSettings | null;
}

export async function saveContentConfig(config: {
  packs: SelectorPack[];
  layout: LayoutSettings;
}): Promise<void> {
  await browser.storage.local.set({ [PACKS_KEY]: config.packs, [LAYOUT_KEY]: config.layout });
}

export async function loadContentConfig(): Promise<ContentConfig> {
  const stored = await browser.storage.local.get([PACKS_KEY, LAYOUT_KEY]);
  const packs = stored[PACKS_KEY];
  const layout = (stored[LAYOUT_KEY] as LayoutSettings | undefined) ?? null;
  if (Array.isArray(packs)) return { packs: packs as SelectorPack[], layout };
  // Not mirrored yet (the extension has just been installed): ask the background itself.
  return sendMessage('content:config', {});
}
