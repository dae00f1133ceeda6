/**
 * The section readers a page has loaded. Each is a bundle of its own (`entrypoints/reader-<id>.ts`)
 * that registers itself here when imported, so a chart page carries the identity readers from the
 * start and only the one section reader it needs, fetched while the banner is put up — instead of
 * every reader for every EHR in every frame.
 *
 * The bundles run in the content scripts' isolated world (a dynamic `import()` from a content
 * script evaluates there), where they register (sections/registry.ts): the page never sees them.
 */
import { browser } from 'wxt/browser';
import type { SectionReaderId } from '../types';
import { loadedSectionReaders, sectionReaderFile } from './registry';

const loading = new Map<SectionReaderId, Promise<void>>();

/**
 * Loads a section reader once per document. A failed load (the extension was updated or removed
 * under the page) is not cached: the next read tries again, and the caller says what failed.
 */
export function loadSectionReader(id: SectionReaderId): Promise<void> {
  if (loadedSectionReaders()[id]) return Promise.resolve();
  let pending = loading.get(id);
  if (!pending) {
    const url = browser.runtime.getURL(`/${sectionReaderFile(id)}`);
    pending = import(/* @vite-ignore */ url).then(() => {
      if (!loadedSectionReaders()[id]) throw new Error(`the ${id} section reader did not register`);
    });
    pending.catch(() => loading.delete(id));
    loading.set(id, pending);
  }
  return pending;
}
