/**
 * What reading the chart sections can report, imported message by message (the identity
 * readers' problems are in identity/reading.ts). Only the section readers' bundles carry these
 * messages; the identity reading names their keys as types alone.
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
import type { Messages } from '../../i18n/index';

export const SECTION_PROBLEM_MESSAGES = {
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
