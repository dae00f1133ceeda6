import { defineUnlistedScript } from '#imports';
import { readOpenEmrSections as read } from '../utils/ehr/adapters/openemr-sections';
import { registerSectionReader } from '../utils/ehr/sections/registry';

/** The openemr section reader, imported by a content script whose page needs it (sections/loader.ts). */
export default defineUnlistedScript(() => registerSectionReader('openemr', read));
