/**
 * Who the patient is, from the candidates a reader found on a page: one name, one birth date, one
 * record number — or nothing, with a problem that says why. Never a guess between two.
 */
import {
  keyingIdentifier,
  normalizeIdentifierSystem,
  normalizeIdentifierValue,
} from '../../clinical/identifiers';
import type { Identifier, IsoDate } from '../../clinical/types';
import { findPageDate, type PageDateFormat } from '../dates';
import { cleanText, hasInvisibleCharacters } from '../page-text';
import type { PageReading, ReadingProblem } from '../types';
import { problem } from './reading';

/** A name longer than this is not a name but something else caught by a selector. */
export const MAX_NAME_LENGTH = 200;
const MAX_IDENTIFIER_LENGTH = 64;

/** A value a reader found for an identity field, with where it was found. */
export interface IdentityCandidate {
  text: string;
  via: string;
}

export interface ResolvedField<T> {
  value: T | null;
  confidence: number;
  problems: ReadingProblem[];
}

/** Confidence left to a field when the page shows two different values for it. */
export const CONFLICT_CONFIDENCE = 0.2;
/** Confidence left to a name that mixes alphabets: readable, but check it against the chart. */
const LOOK_ALIKE_CONFIDENCE = 0.5;

const SCRIPTS: RegExp[] = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];

/** True when a name mixes Latin, Cyrillic or Greek letters ("Jаne" with a Cyrillic а). */
export function mixesAlphabets(name: string): boolean {
  return SCRIPTS.filter((script) => script.test(name)).length > 1;
}

/**
 * A name reduced to what identifies the person: compatibility-normalized, lower case, no
 * punctuation, words in a fixed order so "Smith, Jane" and "Jane Smith" are the same person.
 */
export function normalizeName(name: string): string {
  return cleanText(name.normalize('NFKC'))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
    .sort()
    .join(' ');
}

function displayName(text: string): string {
  const name = cleanText(text);
  // "Smith, Jane" is shown as the chart shows it; only surrounding punctuation and an age or sex
  // in brackets after it ("DOE, JANE (45 y.o. F)") are dropped.
  return name.replace(/\s*\([^)]*\d[^)]*\)$/, '').replace(/^[\s,;:|-]+|[\s,;:|-]+$/g, '');
}

const TITLE = /^(?:mr|mrs|ms|miss|mx|dr)$/;

/**
 * Whom a name names, for telling two names on one page apart: "DOE, JANE M", "Mrs. Jane Doe" and
 * "Jane Doe" are one person (titles and initials left out); "John Smith Jr." and "John Smith Sr."
 * are two.
 */
export function nameKey(name: string): string {
  const words = normalizeName(name).split(' ');
  const key = words.filter((word) => word.length > 1 && !TITLE.test(word)).join(' ');
  return key || words.join(' ');
}

export function resolveName(
  candidates: IdentityCandidate[],
  confidence: number,
): ResolvedField<string> {
  const problems: ReadingProblem[] = [];
  const distinct = new Map<string, string>();
  let invisible = false;
  for (const candidate of candidates) {
    if (candidate.text.length > MAX_NAME_LENGTH * 4) {
      problems.push(problem('ehrProblemNameTooLong', { length: candidate.text.length }));
      continue;
    }
    const name = displayName(candidate.text);
    if (name === '') continue;
    if (name.length > MAX_NAME_LENGTH) {
      problems.push(problem('ehrProblemNameTooLong', { length: name.length }));
      continue;
    }
    if (hasInvisibleCharacters(candidate.text)) invisible = true;
    const key = nameKey(name);
    if (!distinct.has(key)) distinct.set(key, name);
  }
  if (invisible) problems.push(problem('ehrProblemInvisibleCharacters'));
  const names = [...distinct.values()];
  if (names.length > 1) {
    problems.push(
      problem('ehrProblemConflictingNames', { first: names[0] ?? '', second: names[1] ?? '' }),
    );
    return { value: null, confidence: CONFLICT_CONFIDENCE, problems };
  }
  const [name] = names;
  if (name === undefined) return { value: null, confidence: 0, problems };
  if (mixesAlphabets(name)) {
    problems.push(problem('ehrProblemMixedAlphabets'));
    return { value: name, confidence: Math.min(confidence, LOOK_ALIKE_CONFIDENCE), problems };
  }
  return { value: name, confidence, problems };
}

export interface DateCandidate extends IdentityCandidate {
  format?: PageDateFormat;
}

export function resolveBirthDate(
  candidates: DateCandidate[],
  confidence: number,
): ResolvedField<IsoDate> {
  const problems: ReadingProblem[] = [];
  const dates = new Set<IsoDate>();
  let unreadable: string | null = null;
  for (const candidate of candidates) {
    const text = cleanText(candidate.text.slice(0, 200));
    if (text === '') continue;
    const date = findPageDate(text, candidate.format);
    if (date) dates.add(date);
    else unreadable ??= text.slice(0, 40);
  }
  if (dates.size > 1) {
    const [first, second] = [...dates];
    problems.push(
      problem('ehrProblemConflictingBirthDates', { first: first ?? '', second: second ?? '' }),
    );
    return { value: null, confidence: CONFLICT_CONFIDENCE, problems };
  }
  const [date] = [...dates];
  if (date === undefined) {
    if (unreadable !== null)
      problems.push(problem('ehrProblemUnreadableBirthDate', { text: unreadable }));
    return { value: null, confidence: 0, problems };
  }
  // A readable date next to an unreadable one for the same field is a contradiction too.
  if (unreadable !== null) {
    problems.push(problem('ehrProblemUnreadableBirthDate', { text: unreadable }));
    return { value: date, confidence: CONFLICT_CONFIDENCE, problems };
  }
  return { value: date, confidence, problems };
}

export interface IdentifierCandidate extends IdentityCandidate {
  system: string | null;
  type: string | null;
}

function identifierValue(text: string): string | null {
  const value = cleanText(text).replace(/^[#:\s]+/, '');
  if (value === '' || value.length > MAX_IDENTIFIER_LENGTH) return null;
  return value;
}

/**
 * Identifiers by type: one value per type, or none for a type that shows two different values.
 * The medical record number's confidence is returned for `FieldConfidence.mrn`.
 */
export function resolveIdentifiers(
  candidates: IdentifierCandidate[],
  confidence: number,
): { identifiers: Identifier[]; mrnConfidence: number; problems: ReadingProblem[] } {
  const problems: ReadingProblem[] = [];
  const byType = new Map<string, Identifier[]>();
  for (const candidate of candidates) {
    const value = identifierValue(candidate.text);
    if (value === null) continue;
    const key = candidate.type ?? candidate.system ?? '';
    const list = byType.get(key) ?? [];
    const same = list.find((identifier) => identifier.value === value);
    if (!same) list.push({ system: candidate.system, type: candidate.type, value });
    // The same number under a label and under its system's URL: the system says more.
    else if (candidate.system?.includes(':')) same.system = candidate.system;
    byType.set(key, list);
  }
  const identifiers: Identifier[] = [];
  let mrnConfidence = 0;
  for (const [type, list] of byType) {
    if (list.length > 1) {
      problems.push(
        problem('ehrProblemConflictingIdentifiers', {
          label: list[0]?.system ?? type,
          first: list[0]?.value ?? '',
          second: list[1]?.value ?? '',
        }),
      );
      if (type === 'MR') mrnConfidence = CONFLICT_CONFIDENCE;
      continue;
    }
    identifiers.push(...list);
    if (type === 'MR') mrnConfidence = confidence;
  }
  return { identifiers, mrnConfidence, problems };
}

/**
 * What identifies the patient a reading is about: normalized name + birth date + the identifier
 * the background keys stored records by (`keyingIdentifier`, its system and value). When it
 * changes, the page shows another patient; two readings with one fingerprint are filed under one
 * key, whatever identifiers a reader or pack found.
 */
export function identityFingerprint(reading: PageReading): string {
  const { identity } = reading.context;
  const identifier = keyingIdentifier(identity);
  return [
    identity.name === null ? '' : normalizeName(identity.name),
    identity.birthDate ?? '',
    identifier ? normalizeIdentifierSystem(identifier.system) : '',
    identifier ? normalizeIdentifierValue(identifier.value) : '',
  ].join('|');
}
