/**
 * What reading the chart sections can report (the identity readers' problems are in identity/reading.ts),
 * and the finish of a section reader's reading. Section readers run in their own bundles, which
 * carry these messages; the content scripts do not.
 */
import {
  ehrProblemNoAppointments,
  ehrProblemNoLabs,
  ehrProblemNoMedications,
  ehrProblemNoProblemList,
  ehrProblemNoQuestionnaires,
  ehrProblemNoVitals,
  ehrProblemTooManyMedicationLines,
  ehrProblemUnknownMonitoring,
  ehrProblemUnknownQuestionnaire,
  ehrProblemUnreadableScore,
  ehrProblemUnreadableScoreDate,
  ehrProblemValueTooLong,
} from '../../../public/_locales/en/messages.json';
import { createTranslator, type Messages } from '../../i18n/index';
import { finishReading, IDENTITY_PROBLEM_MESSAGES } from '../identity/reading';
import type { PageReading, ReadingDraft } from '../types';

const SECTION_PROBLEM_MESSAGES = {
  ehrProblemNoAppointments,
  ehrProblemNoLabs,
  ehrProblemNoMedications,
  ehrProblemNoProblemList,
  ehrProblemNoQuestionnaires,
  ehrProblemNoVitals,
  ehrProblemTooManyMedicationLines,
  ehrProblemUnknownMonitoring,
  ehrProblemUnknownQuestionnaire,
  ehrProblemUnreadableScore,
  ehrProblemUnreadableScoreDate,
  ehrProblemValueTooLong,
} satisfies Messages;

export type SectionProblemKey = keyof typeof SECTION_PROBLEM_MESSAGES;

const english = createTranslator({ ...IDENTITY_PROBLEM_MESSAGES, ...SECTION_PROBLEM_MESSAGES });

/** A section reader's draft as a `PageReading`, its problems in English and as keys. */
export function finishSections(draft: ReadingDraft): PageReading {
  return finishReading(draft, english);
}
