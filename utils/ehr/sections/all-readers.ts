/**
 * Every section reader at once, for the code that reads pages outside a browser tab: tests, the
 * background-free tools, the benchmark's probe. The content scripts never import this file (it
 * is the weight they leave out): they load the one section reader a page needs
 * (sections/loader.ts).
 */
import { readDemoSections } from '../adapters/demo-sections';
import { readOpenEmrSections } from '../adapters/openemr-sections';
import { genericAdapter } from '../generic/adapter';
import { genericIdentityElements, readGenericIdentity } from '../generic/identity';
import { readGenericSections } from '../generic/sections';
import { readPageWith } from '../identity/read-page';
import type { SelectorPack } from '../packs/format';
import { readPackSections } from '../packs/pack-sections';
import { findValuesLabelled } from '../page-text';
import type { EhrAdapter, PageReading, SectionReader, SectionReaderId } from '../types';
import { registerIdentityReader, registerLabelFinder } from './registry';

// With every reader at hand, the generic reader's identity half is too.
registerIdentityReader({
  readIdentity: readGenericIdentity,
  identityElements: genericIdentityElements,
});
registerLabelFinder(findValuesLabelled);

export const SECTION_READERS: Record<SectionReaderId, SectionReader> = {
  demo: readDemoSections,
  openemr: readOpenEmrSections,
  pack: readPackSections,
  generic: readGenericSections,
};

/** The whole chart, read by the reader `chooseReader` picks (see `readPageWith`). */
export function readPage(document: Document, url: URL, packs: SelectorPack[] = []): PageReading {
  const reading = readPageWith(SECTION_READERS, document, url, packs);
  // Unreachable with every reader at hand; a type guard, not a state.
  if ('needs' in reading) throw new Error(`no section reader "${reading.needs}"`);
  return reading;
}

/** The whole chart as one given adapter reads it, failures included (for that adapter's tests). */
export function readWith(adapter: EhrAdapter, document: Document, url: URL): PageReading {
  const identity = adapter.readIdentity(document, url);
  return SECTION_READERS[adapter.sections](document, url, identity, adapter);
}

/** The generic reader on its own, whatever adapter would recognise the page. */
export function readGeneric(document: Document, url: URL): PageReading {
  return readWith(genericAdapter, document, url);
}
