/**
 * The chart sections the generic reader looks for (generic.ts says how it reads): every line of a
 * section under a "Medications" heading, and rows or lines that name an instrument with a score.
 * Its own bundle (entrypoints/reader-generic.ts), loaded once the banner is up.
 */
import type { ScoreEntry } from '../clinical/types';
import { findPageDate, findPageDates } from './dates';
import {
  MAX_ENTRY_LENGTH,
  medicationFromLine,
  medicationStatusFromText,
  scoreEntry,
} from './entries';
import { lineText, pageLines, textOf } from './page-text';
import { instrumentsNamedIn, withoutInstrumentNames } from './page-vocabulary';
import { pageProvenance, problem } from './reading';
import { finishSections } from './section-reading';
import type { ReadingProblem, SectionReader } from './types';

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

export const readGenericSections: SectionReader = (document, url, identity) => {
  const { context } = identity;
  const problems = [...identity.problems];
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
  return finishSections({ ...identity, problems });
};
