import { defineUnlistedScript } from '#imports';
import { readGenericSections as read } from '../utils/ehr/generic-sections';
import { registerSectionReader } from '../utils/ehr/section-registry';

/** The generic section reader, imported by a content script whose page needs it (section-loader.ts). */
export default defineUnlistedScript(() => registerSectionReader('generic', read));
