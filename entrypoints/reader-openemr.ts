import { defineUnlistedScript } from '#imports';
import { readOpenEmrSections as read } from '../utils/ehr/adapters/openemr-sections';
import { registerSectionReader } from '../utils/ehr/section-registry';

/** The openemr section reader, imported by a content script whose page needs it (section-loader.ts). */
export default defineUnlistedScript(() => registerSectionReader('openemr', read));
