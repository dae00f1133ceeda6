/**
 * Turning what a reader found into a `PageReading`: the problems in plain words (from the message
 * catalogue) and the one rule for when a patient's identity counts as confirmed.
 */
import {
  ehrProblemConflictingBirthDates,
  ehrProblemConflictingIdentifiers,
  ehrProblemConflictingNames,
  ehrProblemGenericReader,
  ehrProblemInvisibleCharacters,
  ehrProblemMixedAlphabets,
  ehrProblemNameTooLong,
  ehrProblemNoAppointments,
  ehrProblemNoBirthDate,
  ehrProblemNoIdentityInFrame,
  ehrProblemNoLabs,
  ehrProblemNoMedications,
  ehrProblemNoName,
  ehrProblemNoProblemList,
  ehrProblemNoQuestionnaires,
  ehrProblemNoVitals,
  ehrProblemReaderFailed,
  ehrProblemTooManyMedicationLines,
  ehrProblemUnknownMonitoring,
  ehrProblemUnknownQuestionnaire,
  ehrProblemUnreadableBirthDate,
  ehrProblemUnreadableScore,
  ehrProblemUnreadableScoreDate,
  ehrProblemValueTooLong,
} from '../../public/_locales/en/messages.json';
import type { PatientContext, Provenance } from '../clinical/types';
import { createTranslator, type Messages } from '../i18n/index';
import {
  CONFIRMED_IDENTITY_CONFIDENCE,
  type FieldConfidence,
  type PageReading,
  type ReadingProblem,
} from './types';

/**
 * Everything a reader can report, imported message by message: readers run in the content
 * script, which then carries these few messages instead of the whole catalogue (15 KB gzip).
 */
const READING_PROBLEM_MESSAGES = {
  ehrProblemConflictingBirthDates,
  ehrProblemConflictingIdentifiers,
  ehrProblemConflictingNames,
  ehrProblemGenericReader,
  ehrProblemInvisibleCharacters,
  ehrProblemMixedAlphabets,
  ehrProblemNameTooLong,
  ehrProblemNoAppointments,
  ehrProblemNoBirthDate,
  ehrProblemNoIdentityInFrame,
  ehrProblemNoLabs,
  ehrProblemNoMedications,
  ehrProblemNoName,
  ehrProblemNoProblemList,
  ehrProblemNoQuestionnaires,
  ehrProblemNoVitals,
  ehrProblemReaderFailed,
  ehrProblemTooManyMedicationLines,
  ehrProblemUnknownMonitoring,
  ehrProblemUnknownQuestionnaire,
  ehrProblemUnreadableBirthDate,
  ehrProblemUnreadableScore,
  ehrProblemUnreadableScoreDate,
  ehrProblemValueTooLong,
} satisfies Messages;

export type ReadingProblemKey = keyof typeof READING_PROBLEM_MESSAGES;

// Problems are English in `problems` (logs, the inspect command) and keys in `problemMessages`
// (the sidebar translates them into the browser's language).
const english = createTranslator(READING_PROBLEM_MESSAGES);

export function problem(
  key: ReadingProblemKey,
  substitutions?: Record<string, string | number>,
): ReadingProblem {
  return substitutions ? { key, substitutions } : { key };
}

export interface ReadingDraft {
  adapter: string;
  context: PatientContext;
  confidence: FieldConfidence;
  problems: ReadingProblem[];
}

/** Keys that already say why a name / birth date is missing, so "no name on the page" is not added. */
const NAME_PROBLEMS = new Set(['ehrProblemConflictingNames', 'ehrProblemNameTooLong']);
const BIRTH_DATE_PROBLEMS = new Set([
  'ehrProblemConflictingBirthDates',
  'ehrProblemUnreadableBirthDate',
]);

/**
 * Identity is confirmed only when name and birth date were both read with enough confidence;
 * readers lower a confidence for anything on the page that contradicts a value.
 */
export function finishReading(draft: ReadingDraft): PageReading {
  const { identity } = draft.context;
  const problems = [...draft.problems];
  const keys = new Set(problems.map(({ key }) => key));
  if (identity.name === null && ![...NAME_PROBLEMS].some((key) => keys.has(key))) {
    problems.unshift(problem('ehrProblemNoName'));
  }
  if (identity.birthDate === null && ![...BIRTH_DATE_PROBLEMS].some((key) => keys.has(key))) {
    problems.unshift(problem('ehrProblemNoBirthDate'));
  }
  const identityConfirmed =
    identity.name !== null &&
    identity.birthDate !== null &&
    draft.confidence.name >= CONFIRMED_IDENTITY_CONFIDENCE &&
    draft.confidence.birthDate >= CONFIRMED_IDENTITY_CONFIDENCE;
  return {
    adapter: draft.adapter,
    confidence: draft.confidence,
    context: draft.context,
    identityConfirmed,
    problems: problems.map(({ key, substitutions }) => english(key, substitutions)),
    problemMessages: problems,
  };
}

/**
 * The time of a read, to the second: entries read together then share one provenance, which the
 * message channel carries once (utils/ehr/wire.ts), and a large chart does not format a date per
 * entry.
 */
let readSecond = { second: Number.NaN, iso: '' };
function readTime(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== readSecond.second) {
    readSecond = { second, iso: new Date(second * 1000).toISOString() };
  }
  return readSecond.iso;
}

export function pageProvenance(via: string, url: URL): Provenance {
  return { source: 'page', via, frame: url.href, readAt: readTime() };
}

/** A reading with one more problem, for a caller that learned something the reader could not. */
export function withProblem(reading: PageReading, extra: ReadingProblem): PageReading {
  return {
    ...reading,
    problems: [...reading.problems, english(extra.key, extra.substitutions)],
    problemMessages: [...(reading.problemMessages ?? []), extra],
  };
}
