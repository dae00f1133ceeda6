/**
 * The one place a reader's identity candidates become a draft reading: every reader (built-in
 * adapters, selector packs, the generic reader) finds candidates its own way and hands them
 * here, so who the patient is gets resolved, and its problems reported, by the same rules
 * whatever read the page. Resolving a field is resolve.ts; confirming the identity is reading.ts.
 */
import { emptyPatientContext } from '../../clinical/types';
import { sexFromText } from '../page-vocabulary';
import type { IdentityEvidence, ReadingDraft, ReadingProblem } from '../types';
import {
  type DateCandidate,
  type IdentifierCandidate,
  type IdentityCandidate,
  resolveBirthDate,
  resolveIdentifiers,
  resolveName,
} from './resolve';

/** What a reader found on the page, each field with the confidence its place on the page earns. */
export interface IdentityFound {
  names: IdentityCandidate[];
  nameConfidence: number;
  birthDates: DateCandidate[];
  birthDateConfidence: number;
  identifiers: IdentifierCandidate[];
  identifierConfidence: number;
  /** The sex as the page prints it; null when it prints none, or more than one. */
  sex: string | null;
}

export interface IdentityDraftOptions {
  /** Problems the reader found before resolving (they come first). */
  problems?: ReadingProblem[];
  evidence?: IdentityEvidence;
}

/** A reader's draft: each field resolved, its problems after the reader's own. */
export function identityDraft(
  adapter: string,
  found: IdentityFound,
  { problems = [], evidence }: IdentityDraftOptions = {},
): ReadingDraft {
  const name = resolveName(found.names, found.nameConfidence);
  const birthDate = resolveBirthDate(found.birthDates, found.birthDateConfidence);
  const identifiers = resolveIdentifiers(found.identifiers, found.identifierConfidence);
  const context = emptyPatientContext({
    name: name.value,
    birthDate: birthDate.value,
    sex: found.sex === null ? null : sexFromText(found.sex),
    identifiers: identifiers.identifiers,
  });
  const confidence = {
    name: name.confidence,
    birthDate: birthDate.confidence,
    mrn: identifiers.mrnConfidence,
  };
  return {
    adapter,
    context,
    confidence,
    problems: [...problems, ...name.problems, ...birthDate.problems, ...identifiers.problems],
    ...(evidence ? { evidence } : {}),
  };
}
