import { defineUnlistedScript } from '#imports';
import { readPackSections as read } from '../utils/ehr/packs/pack-sections';
import { findValuesLabelled } from '../utils/ehr/page-text';
import { registerLabelFinder, registerSectionReader } from '../utils/ehr/sections/registry';

/**
 * The pack reader's sections, and the label finder a pack's fields named by label use, imported by
 * a content script whose page a clinic's pack reads (sections/loader.ts).
 */
export default defineUnlistedScript(() => {
  registerLabelFinder(findValuesLabelled);
  registerSectionReader('pack', read);
});
