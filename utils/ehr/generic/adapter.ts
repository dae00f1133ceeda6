/**
 * The reader for an EHR that has neither an adapter nor a selector pack, in adapter form. Who the
 * patient is, it reads with general rules (generic/identity.ts) and the chart's sections with
 * more (generic/sections.ts); both are in the generic reader's own bundle
 * (`entrypoints/reader-generic.ts`), which a page of an unknown EHR loads before its first read:
 * a chart of a known EHR never carries them.
 */
import { identityReader } from '../sections/registry';
import type { EhrAdapter } from '../types';

export const GENERIC_ADAPTER_ID = 'generic';

/**
 * Where an unknown EHR most likely prints who the patient is: its page heading and anything named
 * like a patient banner or demographics block. Watching these (and not the whole page, which would
 * cost a busy chart 13–16 %) lets a single-page EHR with no adapter blank the sidebar when it
 * swaps the patient without changing the URL; a URL change is caught separately.
 */
export const GENERIC_IDENTITY_SELECTORS = [
  'h1',
  '[class*="banner" i]',
  '[id*="banner" i]',
  '[class*="demographic" i]',
  '[id*="demographic" i]',
  '[aria-label*="patient" i]',
];

/**
 * The generic reader in adapter form, for code that handles every reader alike. It reads any
 * page, so `detect` is always true and it is tried last.
 */
export const genericAdapter: EhrAdapter = {
  id: GENERIC_ADAPTER_ID,
  name: 'Generic reader',
  matches: [],
  detect: () => true,
  readIdentity: (document) => identityReader().readIdentity(document),
  sections: 'generic',
  identitySelectors: GENERIC_IDENTITY_SELECTORS,
  identityElements: (document) => identityReader().identityElements(document),
};
