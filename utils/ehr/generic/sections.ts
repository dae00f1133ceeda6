/**
 * The chart sections the generic reader looks for (adapter.ts says how it reads): every line of a
 * section under a "Medications" heading, and rows or records that name an instrument with a
 * score. Its own bundle (entrypoints/reader-generic.ts), loaded once the banner is up.
 *
 * Pages built from web components keep their content in open shadow roots, which the reader
 * walks as if they were part of the page. A section the page does not show at all (a tab or an
 * accordion not opened yet) is reported as not on this screen (`PageReading.notOnScreen`), never
 * as an empty list.
 */
import {
  ehrProblemMedicationsNotOnScreen,
  ehrProblemScoresNotOnScreen,
} from '../../../public/_locales/en/messages.json';
import type { ScoreEntry } from '../../clinical/types';
import { createTranslator } from '../../i18n/index';
import { findPageDate, findPageDates } from '../dates';
import { pageProvenance, problem } from '../identity/reading';
import { cleanText, contentTextNodes, isRow, pageLines, textOf } from '../page-text';
import { instrumentsNamedIn, withoutInstrumentNames } from '../page-vocabulary';
import {
  MAX_ENTRY_LENGTH,
  medicationFromLine,
  medicationStatusFromText,
  scoreEntry,
} from '../sections/entries';
import { finishSections } from '../sections/reading';
import type { ChartSectionName, PageReading, ReadingProblem, SectionReader } from '../types';

// Headings as pages print them: heading elements, and the titles component libraries draw with
// styled elements ("MuiCardHeader-title", "section-header").
const HEADING =
  'h1,h2,h3,h4,h5,h6,caption,legend,th,dt,summary,[role="heading"],[role="columnheader"],[class*="title" i],[class*="heading" i],[class*="header" i]';
const TABLE = 'table,[role="table"],[role="grid"],[role="treegrid"]';

function isHeading(element: Element): boolean {
  return element.matches(HEADING) || element.querySelector(HEADING) !== null;
}

/** The page's text, and the document with every open shadow root in it (web components). */
function pageText(document: Document): { texts: Text[]; roots: ParentNode[] } {
  const roots: Node[] = [];
  const texts = contentTextNodes(document.body ?? document, [], roots);
  return {
    texts,
    roots: roots.map((root) => (root === document.body ? document : (root as ParentNode))),
  };
}

/**
 * The headings whose text matches `pattern`, found from the page's text (one pass, no selector
 * query over a whole chart): the innermost heading around each matching text.
 */
function headingsNaming(texts: Text[], pattern: RegExp): Element[] {
  const headings = new Set<Element>();
  for (const node of texts) {
    if (node.data.length > 200 || !pattern.test(node.data)) continue;
    let element: Element | null = node.parentElement;
    // Up through the inline parts of a title ("Active <b>medications</b>") to the heading.
    while (element && !element.matches(HEADING)) {
      const parent: Element | null = element.parentElement;
      element = parent && textOf(parent).length <= 80 ? parent : null;
    }
    if (element && textOf(element).length <= 80) headings.add(element);
  }
  return [...headings];
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

function isColumnHeader(element: Element): boolean {
  return element.matches('th,[role="columnheader"]');
}

function columnCells(header: Element): Element[] {
  const row = header.parentElement;
  const table = header.closest(TABLE);
  if (!row || !table) return [];
  const index = Array.from(row.children).indexOf(header);
  return Array.from(table.querySelectorAll('tr,[role="row"]'))
    .filter((other) => other !== row)
    .map((other) => other.children[index])
    .filter((cell): cell is Element => cell !== undefined);
}

/**
 * A line's text with its parts kept apart: "Sertraline 50 mg tablet" and "Sig: 1 daily" in one
 * card read "Sertraline 50 mg tablet Sig: 1 daily", not "…tabletSig…". Rows keep their cells
 * apart, and a web component's line includes its shadow root's text.
 */
function recordText(line: Element): string {
  if (isRow(line) || (line.childElementCount === 0 && !line.shadowRoot)) {
    return isRow(line)
      ? cleanText(Array.from(line.children, (cell) => cell.textContent ?? '').join(' '))
      : textOf(line);
  }
  return cleanText(
    contentTextNodes(line)
      .map((node) => node.data)
      .join(' '),
  );
}

const LOADING =
  '[aria-busy="true"],[role="progressbar"],[class*="skeleton" i],[class*="loading" i],[class*="spinner" i]';

/** A placeholder in place of a section's content: a skeleton, a spinner, "Loading…". */
function isLoading(element: Element): boolean {
  // The placeholder is the section's content or its first part, not something deep in a list.
  for (let part: Element | null = element, depth = 0; part && depth < 3; depth += 1) {
    if (part.matches(LOADING)) return true;
    part = part.firstElementChild;
  }
  return /^loading\b/i.test(textOf(element));
}

interface MedicationLine {
  line: Element;
  stopped: boolean;
  heading: string;
}

const MEDICATION_HEADING = /medication|\bmeds\b|prescriptions/i;
// "Problems", "Problem list", "Active problems", "Diagnoses", "Conditions" — not "Assessments",
// which is where charts put questionnaire scores.
const PROBLEM_HEADING = /\bproblems?\b|\bdiagnos[ie]s\b|\bconditions\b/i;
// An ICD-10-CM code as charts print it beside a problem: "F33.1", "(F41.1)", "Z34.90".
const ICD10_CODE = /\b([A-TV-Z]\d[0-9AB](?:\.[0-9A-TV-Z]{1,4})?)\b/;
const RESOLVED = /resolved|inactive|past|previous|historical|history/i;

function medicationLines(texts: Text[]): { lines: MedicationLine[]; found: boolean } {
  return sectionLines(texts, MEDICATION_HEADING);
}

/** The lines under every heading `pattern` names (a column of a table, or what follows it). */
function sectionLines(texts: Text[], pattern: RegExp): { lines: MedicationLine[]; found: boolean } {
  const lines: MedicationLine[] = [];
  const seen = new Set<Element>();
  let found = false;
  for (const heading of headingsNaming(texts, pattern)) {
    const title = textOf(heading);
    const section = isColumnHeader(heading) ? [] : sectionAfter(heading);
    // A section still loading (a skeleton, "Loading…") shows nothing yet, not an empty list.
    if (section.some(isLoading)) continue;
    found = true;
    // "Discontinued medications" lists drugs the patient no longer takes.
    const stopped = /discontinued|inactive|past|previous|stopped|historical/i.test(title);
    const elements = isColumnHeader(heading)
      ? columnCells(heading)
      : section.flatMap((element) => pageLines(element));
    for (const line of elements) {
      if (seen.has(line)) continue;
      seen.add(line);
      lines.push({ line, stopped, heading: title });
    }
  }
  return { lines, found };
}

const SCORE_HEADER = /\b(score|total|result|value)\b/i;
// A score's date column, whatever the page calls it: the day it was taken before the day it was
// filed ("Effective" before "Issued" when a page shows both).
const DATE_HEADERS = [
  /\b(?:date|when|effective|completed|administered|taken|performed|collected|observed|on)\b/i,
  /\b(?:recorded|issued|entered|filed|signed|authored|resulted|time)\b/i,
];

interface HeaderColumns {
  score: number;
  date: number;
  dateTitle: string;
}

const NO_COLUMNS: HeaderColumns = { score: -1, date: -1, dateTitle: '' };

/**
 * Column indexes of a table's header row that say "score" and "date", worked out once per table
 * of a reading (`tables`): a flowsheet has thousands of rows under one header.
 */
function headerColumns(row: Element, tables: Map<Element, HeaderColumns>): HeaderColumns {
  // Rows share their parent (a tbody, a row group): one look-up of the table per group.
  const group = row.parentElement;
  const known = group ? tables.get(group) : undefined;
  if (known) return tables.get(row) ?? known;
  const table = row.closest(TABLE);
  if (!table) return NO_COLUMNS;
  let columns = tables.get(table);
  if (!columns) {
    const header = table.querySelector('tr,[role="row"]');
    const titles = header ? Array.from(header.children, textOf) : [];
    const dateColumn = (pattern: RegExp) => titles.findIndex((title) => pattern.test(title));
    const date = DATE_HEADERS.map(dateColumn).find((index) => index >= 0) ?? -1;
    columns = {
      score: titles.findIndex((title) => SCORE_HEADER.test(title)),
      date,
      dateTitle: titles[date] ?? '',
    };
    // A header row names columns of the rows below it, not its own.
    if (header) tables.set(header, NO_COLUMNS);
    tables.set(table, columns);
  }
  if (group) tables.set(group, columns);
  return tables.get(row) ?? columns;
}

const WHOLE_NUMBER = /(?<![\d.:/-])\d{1,3}(?![\d.:/])/g;

/** The one score a text states once dates and instrument names are left out ("14/27" is 14). */
function numbersIn(text: string): string[] {
  let rest = withoutInstrumentNames(text);
  for (const date of findPageDateTexts(rest)) rest = rest.replace(date, ' ');
  rest = rest.replace(/(\d{1,3})\s*\/\s*\d{1,3}\b/g, '$1');
  return rest.match(WHOLE_NUMBER) ?? [];
}

/** One day for a score: the only date in its text, or the same day printed twice. */
function oneDate(text: string): string | null {
  const dates = new Set(findPageDates(text));
  return dates.size === 1 ? ([...dates][0] ?? null) : null;
}

// A record (a card, a list item) around an instrument's name is at most this long.
const MAX_RECORD = 300;

function scoreFromLine(
  line: Element,
  url: URL,
  problems: ReadingProblem[],
  tables: Map<Element, HeaderColumns>,
  records: Set<Element>,
): { score: ScoreEntry; record: Element } | null {
  let text = recordText(line);
  // The element the score was read from: the row, or the card around an instrument's name.
  let record = line;
  if (text.length > 500) return null;
  const instruments = instrumentsNamedIn(text);
  if (instruments.length !== 1) return null;
  const instrument = instruments[0] as string;
  let total: number | null = null;
  let dateText = text;
  let via = `generic ${isRow(line) ? 'row' : line.tagName.toLowerCase()} naming ${instrument}`;
  let climbed = false;
  if (isRow(line)) {
    const cells = Array.from(line.children, textOf);
    const columns = headerColumns(line, tables);
    const numericCells = cells.filter((cell) => /^\d{1,3}$/.test(cell));
    const scoreCell = columns.score >= 0 ? cells[columns.score] : undefined;
    if (scoreCell !== undefined && /^\d{1,3}\b/.test(scoreCell))
      total = Number.parseInt(scoreCell, 10);
    else if (numericCells.length === 1) total = Number(numericCells[0]);
    if (columns.date >= 0 && cells[columns.date]) {
      dateText = cells[columns.date] as string;
      via += `, date from column "${columns.dateTitle}"`;
    }
  } else {
    // A card or list item prints the name, the score and the date in elements of their own: the
    // record is the smallest element around the name that states a score.
    while (numbersIn(text).length === 0 && record.parentElement && !isRow(record)) {
      const parent = record.parentElement;
      if (parent.querySelector('tr,[role="row"]')) break;
      const parentText = recordText(parent);
      if (parentText.length > MAX_RECORD || instrumentsNamedIn(parentText).length !== 1) break;
      record = parent;
      text = parentText;
    }
    if (records.has(record)) return null;
    records.add(record);
    dateText = text;
    climbed = record !== line;
    if (climbed) via = `generic ${record.tagName.toLowerCase()} naming ${instrument}`;
  }
  if (total === null) {
    // Free text ("Total PHQ-9 score: 14 - moderate", "GAD-7 8 on 2024-02-01"): dates and the
    // instrument's own digits removed, exactly one number must be left.
    const numbers = numbersIn(text);
    // No number at all is a heading or a note about the instrument, not a score.
    if (numbers.length === 0) return null;
    if (numbers.length > 1) {
      // Around a bare name, more than one number is some other text than a score.
      if (climbed) return null;
      problems.push(problem('ehrProblemUnreadableScore', { instrument, text: text.slice(0, 60) }));
      return null;
    }
    total = Number(numbers[0]);
  }
  return {
    score: scoreEntry(instrument, oneDate(dateText), total, pageProvenance(via, url)),
    record,
  };
}

// The date-shaped substrings of a text, so they can be blanked before numbers are counted.
function findPageDateTexts(text: string): string[] {
  const shapes =
    /\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?[\s-][A-Za-z]{3,9}\.?,?[\s-]\d{4}|\d{1,2}:\d{2}(?::\d{2})?/g;
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

// A heading of a section where scores are kept, even an empty one.
const SCORE_HEADING =
  /screening|assessment|questionnaire|measure|outcome|flowsheet|\bscores?\b|\bPHQ|\bGAD/i;

const NOT_ON_SCREEN = {
  medications: 'ehrProblemMedicationsNotOnScreen',
  scores: 'ehrProblemScoresNotOnScreen',
} as const;
const inEnglish = createTranslator({
  ehrProblemMedicationsNotOnScreen,
  ehrProblemScoresNotOnScreen,
});

export const readGenericSections: SectionReader = (document, url, identity): PageReading => {
  const { context } = identity;
  const problems = [...identity.problems];
  const { texts, roots } = pageText(document);
  let tooLong = 0;
  const medications = medicationLines(texts);
  for (const { line, stopped, heading } of medications.lines) {
    const text = recordText(line);
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
        pageProvenance(
          `generic medication list under "${heading}" (${line.tagName.toLowerCase()})`,
          url,
        ),
        { status, startDate: start ? findPageDate(start) : null },
      ),
      // Headers, notes and totals of the section are lines too; the background keeps only the
      // lines that name a drug, so the drug names stay out of the page (utils/ehr/sections/enrich.ts).
      unconfirmed: true,
    });
  }

  // The problem list: every line under a "Problems" / "Diagnoses" heading, with its ICD-10-CM code
  // where the chart prints one. A table's header row is no problem.
  const problemRows = new Set<Element>();
  for (const found of sectionLines(texts, PROBLEM_HEADING).lines) {
    const { stopped, heading } = found;
    // A cell under a "Diagnosis" column header stands for its row: the code may be in the next cell.
    const line = found.line.closest('tr,[role="row"]') ?? found.line;
    if (problemRows.has(line)) continue;
    problemRows.add(line);
    if (isRow(line) && Array.from(line.children).every((cell) => cell.tagName === 'TH')) continue;
    const text = recordText(line);
    if (text === '' || text.length > MAX_ENTRY_LENGTH || !/\p{L}{3}/u.test(text)) continue;
    const code = ICD10_CODE.exec(text)?.[1] ?? null;
    context.conditions.push({
      text,
      code,
      system: code ? 'ICD-10-CM' : null,
      status:
        stopped || RESOLVED.test(heading) || /\bresolved\b/i.test(text) ? 'resolved' : 'active',
      onsetDate: null,
      provenance: pageProvenance(
        `generic problem list under "${heading}" (${line.tagName.toLowerCase()})`,
        url,
      ),
    });
  }

  const tables = new Map<Element, HeaderColumns>();
  const records = new Set<Element>();
  let scoresShown = false;
  for (const line of document.body ? pageLines(document.body) : []) {
    const found = scoreFromLine(line, url, problems, tables, records);
    if (found) context.scores.push(found.score);
  }
  if (context.scores.length > 0) scoresShown = true;
  else {
    scoresShown = headingsNaming(texts, SCORE_HEADING).some(
      (heading) => !sectionAfter(heading).some(isLoading),
    );
  }
  if (tooLong > 0) problems.push(problem('ehrProblemValueTooLong', { count: tooLong }));

  const notOnScreen: (keyof typeof NOT_ON_SCREEN & ChartSectionName)[] = [];
  if (!medications.found) notOnScreen.push('medications');
  if (!scoresShown) notOnScreen.push('scores');
  const reading = finishSections({ ...identity, problems });
  // A page of frames may show the sections in a frame, which reads them itself: its own
  // document not showing them is no news for the clinician.
  const framed = roots.some((root) => root.querySelector('iframe,frame') !== null);
  const absent = framed ? [] : notOnScreen.map((section) => ({ key: NOT_ON_SCREEN[section] }));
  return {
    ...reading,
    problems: [...reading.problems, ...absent.map(({ key }) => inEnglish(key))],
    problemMessages: [...(reading.problemMessages ?? []), ...absent],
    ...(identity.evidence && { evidence: identity.evidence }),
    notOnScreen,
  };
};

/** The chart lines the generic reader read, each with the element it read it from. */
export interface GenericSectionSources {
  /** Every line of a medication section (the background keeps those that name a drug). */
  medications: { element: Element; text: string }[];
  /** Every line of a problem list, a table's row for a cell under a "Diagnosis" column. */
  problems: { element: Element; text: string }[];
  /** Every score, with the row or card it was read from. */
  scores: { element: Element; score: ScoreEntry }[];
}

/**
 * Where the generic reader read the chart's lines, for a selector pack suggested from the page
 * (`inspect --suggest-pack`, packs/suggest.ts): the lines `readGenericSections` reads, by the
 * same rules, with their elements.
 */
export function genericSectionSources(document: Document, url: URL): GenericSectionSources {
  const { texts } = pageText(document);
  const sources: GenericSectionSources = { medications: [], problems: [], scores: [] };
  for (const { line } of medicationLines(texts).lines) {
    const text = recordText(line);
    if (text !== '' && text.length <= MAX_ENTRY_LENGTH)
      sources.medications.push({ element: line, text });
  }
  const problemRows = new Set<Element>();
  for (const found of sectionLines(texts, PROBLEM_HEADING).lines) {
    const line = found.line.closest('tr,[role="row"]') ?? found.line;
    if (problemRows.has(line)) continue;
    problemRows.add(line);
    if (isRow(line) && Array.from(line.children).every((cell) => cell.tagName === 'TH')) continue;
    const text = recordText(line);
    if (text !== '' && text.length <= MAX_ENTRY_LENGTH && /\p{L}{3}/u.test(text))
      sources.problems.push({ element: line, text });
  }
  const tables = new Map<Element, HeaderColumns>();
  const records = new Set<Element>();
  for (const line of document.body ? pageLines(document.body) : []) {
    const found = scoreFromLine(line, url, [], tables, records);
    if (found) sources.scores.push({ element: found.record, score: found.score });
  }
  return sources;
}
