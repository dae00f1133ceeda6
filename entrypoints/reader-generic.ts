import { defineUnlistedScript } from '#imports';
import { genericIdentityElements, readGenericIdentity } from '../utils/ehr/generic/identity';
import { readGenericSections as read } from '../utils/ehr/generic/sections';
import { findValuesLabelled } from '../utils/ehr/page-text';
import {
  registerIdentityReader,
  registerLabelFinder,
  registerSectionReader,
} from '../utils/ehr/sections/registry';

/**
 * The generic reader, identity and sections, imported by a content script whose page no adapter
 * or pack recognises (sections/loader.ts).
 */
export default defineUnlistedScript(() => {
  registerIdentityReader({
    readIdentity: readGenericIdentity,
    identityElements: genericIdentityElements,
  });
  registerLabelFinder(findValuesLabelled);
  registerSectionReader('generic', read);
});
