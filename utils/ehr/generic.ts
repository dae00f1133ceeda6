/**
 * The reader for an EHR that has neither an adapter nor a selector pack. It looks for what charts
 * commonly print — labelled identity fields, a medication list under a "Medications" heading
 * (every line of it: the background keeps those that name a drug), rows that name an instrument
 * with a score — and reports a confidence per identity field. It never guesses: two different
 * names (or birth dates) on one page leave the patient unconfirmed, with a problem that says what
 * conflicted.
 *
 * This file reads who the page shows; generic-sections.ts reads the rest, in a bundle of its own.
 */
import { emptyPatientContext } from '../clinical/types';
import {
  type IdentifierCandidate,
  type IdentityCandidate,
  resolveBirthDate,
  resolveIdentifiers,
  resolveName,
} from './identity';
import { findLabelledValues, normalizeLabel } from './page-text';
import { sexFromText } from './page-vocabulary';
import { problem } from './reading';
import type { EhrAdapter, ReadingDraft, ReadingProblem } from './types';

export const GENERIC_ADAPTER_ID = 'generic';

/**
 * A labelled value found by general rules: the label could belong to someone else on the page
 * (an emergency contact's name), so it stays just above the confirmation threshold and any
 * contradiction drops it below.
 */
const LABELLED_CONFIDENCE = 0.85;

const NAME_LABELS = new Set(
  ['name', 'patient', 'patient name', 'full name', "patient's name"].map(normalizeLabel),
);
const BIRTH_DATE_LABELS = new Set(
  ['dob', 'date of birth', 'born', 'birth date', 'birthdate', 'birthday'].map(normalizeLabel),
);
const MRN_LABELS = new Set(
  ['medical record number', 'medical record #', 'chart #', 'chart number', 'record #'].map(
    normalizeLabel,
  ),
);
const SEX_LABELS = new Set(
  ['sex', 'gender', 'sex at birth', 'administrative sex'].map(normalizeLabel),
);

function isMrnLabel(label: string): boolean {
  return MRN_LABELS.has(label) || /\bmrn\b/.test(label);
}

type Field = 'name' | 'birthDate' | 'mrn' | 'sex';

function fieldOf(label: string): Field | null {
  if (NAME_LABELS.has(label)) return 'name';
  if (BIRTH_DATE_LABELS.has(label)) return 'birthDate';
  if (isMrnLabel(label)) return 'mrn';
  if (SEX_LABELS.has(label)) return 'sex';
  return null;
}

function findIdentity(root: Node) {
  const names: IdentityCandidate[] = [];
  const birthDates: IdentityCandidate[] = [];
  const mrns: IdentifierCandidate[] = [];
  let sex: string | null = null;
  for (const { label, value } of findLabelledValues(root, (label) => fieldOf(label) !== null)) {
    const via = `generic label "${label}"`;
    switch (fieldOf(label)) {
      case 'name':
        names.push({ text: value, via });
        break;
      case 'birthDate':
        birthDates.push({ text: value, via });
        break;
      case 'mrn':
        // "MRN: 12345 DOB: …" on one line: the number is the first word.
        mrns.push({ text: value.split(/\s+/)[0] ?? '', via, system: 'MRN', type: 'MR' });
        break;
      case 'sex':
        sex ??= value;
        break;
    }
  }
  return { names, birthDates, mrns, sex };
}

function readGenericIdentity(document: Document): ReadingDraft {
  const problems: ReadingProblem[] = [problem('ehrProblemGenericReader')];
  const root = document.body ?? document;
  const found = findIdentity(root);
  const name = resolveName(found.names, LABELLED_CONFIDENCE);
  const birthDate = resolveBirthDate(found.birthDates, LABELLED_CONFIDENCE);
  const identifiers = resolveIdentifiers(found.mrns, LABELLED_CONFIDENCE);
  problems.push(...name.problems, ...birthDate.problems, ...identifiers.problems);
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
  return { adapter: GENERIC_ADAPTER_ID, context, confidence, problems };
}

/**
 * Where an unknown EHR most likely prints who the patient is: its page heading and anything named
 * like a patient banner or demographics block. Watching these (and not the whole page, which would
 * cost a busy chart 13–16 %) lets a single-page EHR with no adapter blank the sidebar when it
 * swaps the patient without changing the URL; a URL change is caught separately.
 */
export const GENERIC_IDENTITY_SELECTORS = [
  'h1',
  '[class*="banner" i]',
  '[id*="banner" i]',
  '[class*="demographic" i]',
  '[id*="demographic" i]',
  '[aria-label*="patient" i]',
];

/**
 * The generic reader in adapter form, for code that handles every reader alike. It reads any
 * page, so `detect` is always true and it is tried last.
 */
export const genericAdapter: EhrAdapter = {
  id: GENERIC_ADAPTER_ID,
  name: 'Generic reader',
  matches: [],
  detect: () => true,
  readIdentity: readGenericIdentity,
  sections: 'generic',
  identitySelectors: GENERIC_IDENTITY_SELECTORS,
};
