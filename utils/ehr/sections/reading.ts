/**
 * The finish of a section reader's reading, its problems in English from both message tables
 * (sections/problems.ts and identity/reading.ts). Section readers run in their own bundles, which
 * carry the section messages; the content scripts do not.
 */
import { createTranslator } from '../../i18n/index';
import { finishReading, IDENTITY_PROBLEM_MESSAGES } from '../identity/reading';
import type { PageReading, ReadingDraft } from '../types';
import { SECTION_PROBLEM_MESSAGES } from './problems';

const english = createTranslator({ ...IDENTITY_PROBLEM_MESSAGES, ...SECTION_PROBLEM_MESSAGES });

/** A section reader's draft as a `PageReading`, its problems in English and as keys. */
export function finishSections(draft: ReadingDraft): PageReading {
  return finishReading(draft, english);
}
