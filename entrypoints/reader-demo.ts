import { defineUnlistedScript } from '#imports';
import { readDemoSections as read } from '../utils/ehr/adapters/demo-sections';
import { registerSectionReader } from '../utils/ehr/section-registry';

/** The demo section reader, imported by a content script whose page needs it (section-loader.ts). */
export default defineUnlistedScript(() => registerSectionReader('demo', read));
