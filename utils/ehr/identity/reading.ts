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
  ehrProblemNoBirthDate,
  ehrProblemNoIdentityInFrame,
  ehrProblemNoName,
  ehrProblemReaderFailed,
  ehrProblemUnreadableBirthDate,
} from '../../../public/_locales/en/messages.json';
import type { Provenance } from '../../clinical/types';
import { createTranslator, type Messages, type Translate } from '../../i18n/index';
import type { SectionProblemKey } from '../sections/problems';
import {
  CONFIRMED_IDENTITY_CONFIDENCE,
  type PageReading,
  type ReadingDraft,
  type ReadingProblem,
} from '../types';

/**
 * What reading who the page shows can report, imported message by message: identity readers run
 * in the content scripts, which then carry these few messages instead of the whole catalogue
 * (15 KB gzip). The section readers' own are in sections/problems.ts, in their bundles.
 */
export const IDENTITY_PROBLEM_MESSAGES = {
  ehrProblemConflictingBirthDates,
  ehrProblemConflictingIdentifiers,
  ehrProblemConflictingNames,
  ehrProblemGenericReader,
  ehrProblemInvisibleCharacters,
  ehrProblemMixedAlphabets,
  ehrProblemNameTooLong,
  ehrProblemNoBirthDate,
  ehrProblemNoIdentityInFrame,
  ehrProblemNoName,
  ehrProblemReaderFailed,
  ehrProblemUnreadableBirthDate,
} satisfies Messages;

export type ReadingProblemKey = keyof typeof IDENTITY_PROBLEM_MESSAGES | SectionProblemKey;

// Problems are English in `problems` (logs, the inspect command) and keys in `problemMessages`
// (the sidebar translates them into the browser's language).
const english = createTranslator(IDENTITY_PROBLEM_MESSAGES);

export function problem(
  key: ReadingProblemKey,
  substitutions?: Record<string, string | number>,
): ReadingProblem {
  return substitutions ? { key, substitutions } : { key };
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
export function finishReading(draft: ReadingDraft, inEnglish: Translate = english): PageReading {
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
    problems: problems.map(({ key, substitutions }) => inEnglish(key, substitutions)),
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
