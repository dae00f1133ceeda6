import { defineUnlistedScript } from '#imports';
import { readPackSections as read } from '../utils/ehr/packs/pack-sections';
import { registerSectionReader } from '../utils/ehr/section-registry';

/** The pack section reader, imported by a content script whose page needs it (section-loader.ts). */
export default defineUnlistedScript(() => registerSectionReader('pack', read));
