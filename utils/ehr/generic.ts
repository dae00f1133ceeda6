/**
 * The reader for an EHR that has neither an adapter nor a selector pack. It looks for what charts
 * commonly print — labelled identity fields, a medication list under a "Medications" heading
 * (every line of it: the background keeps those that name a drug), rows that name an instrument
 * with a score — and reports a confidence per identity field. It never guesses: two different
 * names (or birth dates) on one page leave the patient unconfirmed, with a problem that says what
 * conflicted.
 */
import { emptyPatientContext, type ScoreEntry } from '../clinical/types';
import { findPageDate, findPageDates } from './dates';
import {
  MAX_ENTRY_LENGTH,
  medicationFromLine,
  medicationStatusFromText,
  scoreEntry,
} from './entries';
import {
  type IdentifierCandidate,
  type IdentityCandidate,
  resolveBirthDate,
  resolveIdentifiers,
  resolveName,
} from './identity';
import { findLabelledValues, lineText, normalizeLabel, pageLines, textOf } from './page-text';
import { instrumentsNamedIn, sexFromText, withoutInstrumentNames } from './page-vocabulary';
import { finishReading, pageProvenance, problem } from './reading';
import type { EhrAdapter, PageReading, ReadingProblem, ReadOptions } from './types';

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

function readIdentity(root: Node) {
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

const HEADING = 'h1, h2, h3, h4, h5, h6, caption, legend, th, dt, [role="heading"]';

function isHeading(element: Element): boolean {
  return element.matches(HEADING) || element.querySelector(HEADING) !== null;
}

/** The elements after a heading, up to the next heading: the section it names. */
function sectionAfter(heading: Element): Element[] {
  let start: Element = heading;
  // A heading wrapped alone in a container ("<div><h2>Medications</h2></div><ul>…") starts its
  // section after the container.
  while (
    !start.nextElementSibling &&
    start.parentElement &&
    start.parentElement.tagName !== 'BODY'
  ) {
    start = start.parentElement;
  }
  const section: Element[] = [];
  for (let next = start.nextElementSibling; next; next = next.nextElementSibling) {
    if (isHeading(next) && !next.matches('table, ul, ol, dl')) break;
    section.push(next);
  }
  return section;
}

function columnCells(header: Element): Element[] {
  const row = header.parentElement;
  const table = header.closest('table');
  if (!row || !table) return [];
  const index = Array.from(row.children).indexOf(header);
  return Array.from(table.querySelectorAll('tr'))
    .filter((other) => other !== row)
    .map((other) => other.children[index])
    .filter((cell): cell is Element => cell !== undefined);
}

function medicationLines(document: Document): { line: Element; stopped: boolean }[] {
  const lines: { line: Element; stopped: boolean }[] = [];
  const seen = new Set<Element>();
  for (const heading of document.querySelectorAll(HEADING)) {
    const title = textOf(heading);
    if (title.length > 80 || !/medication|\bmeds\b|prescriptions/i.test(title)) continue;
    // "Discontinued medications" lists drugs the patient no longer takes.
    const stopped = /discontinued|inactive|past|previous|stopped|historical/i.test(title);
    const elements = heading.matches('th')
      ? columnCells(heading)
      : sectionAfter(heading).flatMap((element) => pageLines(element));
    for (const line of elements) {
      if (seen.has(line)) continue;
      seen.add(line);
      lines.push({ line, stopped });
    }
  }
  return lines;
}

const SCORE_HEADER = /\b(score|total|result|value)\b/i;
const DATE_HEADER = /\bdate\b|\bwhen\b/i;

interface HeaderColumns {
  score: number;
  date: number;
}

const NO_COLUMNS: HeaderColumns = { score: -1, date: -1 };

/**
 * Column indexes of a table's header row that say "score" and "date", worked out once per table
 * of a reading (`tables`): a flowsheet has thousands of rows under one header.
 */
function headerColumns(row: Element, tables: Map<Element, HeaderColumns>): HeaderColumns {
  const table = row.closest('table');
  if (!table) return NO_COLUMNS;
  const header = table.querySelector('tr');
  if (!header || header === row) return NO_COLUMNS;
  let columns = tables.get(table);
  if (!columns) {
    const titles = Array.from(header.children, textOf);
    columns = {
      score: titles.findIndex((title) => SCORE_HEADER.test(title)),
      date: titles.findIndex((title) => DATE_HEADER.test(title)),
    };
    tables.set(table, columns);
  }
  return columns;
}

const WHOLE_NUMBER = /(?<![\d.:/-])\d{1,3}(?![\d.:/])/g;

function scoreFromLine(
  line: Element,
  url: URL,
  problems: ReadingProblem[],
  tables: Map<Element, HeaderColumns>,
): ScoreEntry | null {
  const text = lineText(line);
  if (text.length > 500) return null;
  const instruments = instrumentsNamedIn(text);
  if (instruments.length !== 1) return null;
  const instrument = instruments[0] as string;
  let total: number | null = null;
  let dateText = text;
  if (line.tagName === 'TR') {
    const cells = Array.from(line.children, textOf);
    const columns = headerColumns(line, tables);
    const numericCells = cells.filter((cell) => /^\d{1,3}$/.test(cell));
    const scoreCell = columns.score >= 0 ? cells[columns.score] : undefined;
    if (scoreCell !== undefined && /^\d{1,3}\b/.test(scoreCell))
      total = Number.parseInt(scoreCell, 10);
    else if (numericCells.length === 1) total = Number(numericCells[0]);
    if (columns.date >= 0 && cells[columns.date]) dateText = cells[columns.date] as string;
  }
  if (total === null) {
    // Free text ("Total PHQ-9 score: 14 - moderate", "GAD-7 8 on 2024-02-01"): dates and the
    // instrument's own digits removed, exactly one number must be left.
    let rest = withoutInstrumentNames(text);
    for (const date of findPageDateTexts(rest)) rest = rest.replace(date, ' ');
    const numbers = rest.match(WHOLE_NUMBER) ?? [];
    // No number at all is a heading or a note about the instrument, not a score.
    if (numbers.length === 0) return null;
    if (numbers.length > 1) {
      problems.push(problem('ehrProblemUnreadableScore', { instrument, text: text.slice(0, 60) }));
      return null;
    }
    total = Number(numbers[0]);
  }
  const dates = findPageDates(dateText);
  return scoreEntry(
    instrument,
    dates.length === 1 ? (dates[0] ?? null) : null,
    total,
    pageProvenance(`generic ${line.tagName.toLowerCase()} naming ${instrument}`, url),
  );
}

// The date-shaped substrings of a text, so they can be blanked before numbers are counted.
function findPageDateTexts(text: string): string[] {
  const shapes =
    /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[\s-][A-Za-z]{3,9}\.?[\s-]\d{4}/g;
  return text.match(shapes) ?? [];
}

/**
 * At most this many lines of medication sections are reported. Every line of a section goes to
 * the background, which alone can tell a drug from a heading or a note, so without a cap a hostile
 * or broken page could send it thousands (of up to 2,000 characters each). A long real list stays
 * well under it, even where a table's rows and its "Medications" column both count. Lines past the
 * cap are left out and the reading says so.
 */
export const MAX_MEDICATION_LINES = 500;

const STARTED = /\b(?:start(?:ed)?|since|began)\b[:\s]*(.+)$/i;

export function readGeneric(document: Document, url: URL, options: ReadOptions = {}): PageReading {
  const problems: ReadingProblem[] = [problem('ehrProblemGenericReader')];
  const root = document.body ?? document;
  const found = readIdentity(root);
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
  if (options.identityOnly) {
    return finishReading({ adapter: GENERIC_ADAPTER_ID, context, confidence, problems });
  }

  let tooLong = 0;
  for (const { line, stopped } of medicationLines(document)) {
    const text = lineText(line);
    if (text === '') continue;
    if (text.length > MAX_ENTRY_LENGTH) {
      tooLong += 1;
      continue;
    }
    if (context.medications.length === MAX_MEDICATION_LINES) {
      problems.push(problem('ehrProblemTooManyMedicationLines', { max: MAX_MEDICATION_LINES }));
      break;
    }
    const status = stopped ? 'stopped' : medicationStatusFromText(text);
    const start = STARTED.exec(text)?.[1];
    context.medications.push({
      ...medicationFromLine(
        text,
        pageProvenance(`generic medication list ${line.tagName.toLowerCase()}`, url),
        { status, startDate: start ? findPageDate(start) : null },
      ),
      // Headers, notes and totals of the section are lines too; the background keeps only the
      // lines that name a drug, so the drug names stay out of the page (utils/ehr/enrich.ts).
      unconfirmed: true,
    });
  }

  const tables = new Map<Element, HeaderColumns>();
  for (const line of document.body ? pageLines(document.body) : []) {
    const score = scoreFromLine(line, url, problems, tables);
    if (score) context.scores.push(score);
  }
  if (tooLong > 0) problems.push(problem('ehrProblemValueTooLong', { count: tooLong }));

  return finishReading({ adapter: GENERIC_ADAPTER_ID, context, confidence, problems });
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
  read: readGeneric,
  identitySelectors: GENERIC_IDENTITY_SELECTORS,
};
