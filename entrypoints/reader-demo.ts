import { defineUnlistedScript } from '#imports';
import { readDemoSections as read } from '../utils/ehr/adapters/demo-sections';
import { registerSectionReader } from '../utils/ehr/sections/registry';

/** The demo section reader, imported by a content script whose page needs it (sections/loader.ts). */
export default defineUnlistedScript(() => registerSectionReader('demo', read));
