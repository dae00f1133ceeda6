/**
 * The chart sections of a MeadowChart document (demo.ts describes the page): problem list,
 * medications, questionnaire flowsheets, labs, vitals and appointments, each a table whose columns
 * are named in `thead`. Its own bundle (entrypoints/reader-demo.ts), loaded once the banner is up.
 */
import type { IsoDate, PatientContext, ScoreEntry } from '../../clinical/types';
import { parsePageDate } from '../dates';
import { pageProvenance, problem, type ReadingProblemKey } from '../identity/reading';
import { textOf } from '../page-text';
import { instrumentFromName } from '../page-vocabulary';
import {
  conditionFromText,
  MAX_ENTRY_LENGTH,
  medicationStatusFromText,
  monitoringFromRow,
  rawMedication,
  scoreEntry,
  scoreTotalFromText,
  therapyFromText,
} from '../sections/entries';
import { finishSections } from '../sections/reading';
import type { ReadingProblem, SectionReader } from '../types';
import { BANNER, DATE_FORMAT, SECTIONS, type Section } from './demo';

/** What a chart page that lacks a section says about it. */
const MISSING_SECTION_PROBLEMS: Record<Section, ReadingProblemKey> = {
  problems: 'ehrProblemNoProblemList',
  medications: 'ehrProblemNoMedications',
  questionnaires: 'ehrProblemNoQuestionnaires',
  labs: 'ehrProblemNoLabs',
  vitals: 'ehrProblemNoVitals',
  appointments: 'ehrProblemNoAppointments',
};

/**
 * One table row: its cells' texts, looked up by column name through a map shared by the table's
 * rows (the large chart has thousands of rows; an object of named cells per row cost more than
 * reading them). The "nothing on file" row has no cells to name and is left out.
 */
class Row {
  constructor(
    /** Column name → index; of two columns with one name the last wins, in first-seen order. */
    readonly columns: ReadonlyMap<string, number>,
    private readonly cells: string[],
  ) {}

  get(column: string): string | undefined {
    const index = this.columns.get(column);
    return index === undefined ? undefined : this.cells[index];
  }

  at(index: number): string {
    return this.cells[index] ?? '';
  }
}

/** A table's columns by name; the same names and order a lookup object of its headers has. */
function tableColumns(table: Element): { count: number; columns: Map<string, number> } {
  const headers = Array.from(table.querySelectorAll('thead th'), textOf);
  const byName = Object.fromEntries(headers.map((header, index) => [header, index]));
  return { count: headers.length, columns: new Map(Object.entries(byName)) };
}

/**
 * The texts of a row's `td` cells. A cell holding only text (every cell MeadowChart prints) is
 * read from the row's children; anything inside a cell, which might nest further cells, sends the
 * row to a full search for cells as before. One `querySelectorAll` per row cost more than the
 * reading.
 */
function rowCells(row: Element): string[] {
  const cells: string[] = [];
  for (let child = row.firstElementChild; child; child = child.nextElementSibling) {
    if (child.firstElementChild !== null) return Array.from(row.querySelectorAll('td'), textOf);
    if (child.localName === 'td') cells.push(textOf(child));
  }
  return cells;
}

function tableRows(table: Element): Row[] {
  const { count, columns } = tableColumns(table);
  const rows: Row[] = [];
  for (const tr of table.querySelectorAll('tbody tr')) {
    const cells = rowCells(tr);
    if (cells.length !== count) continue;
    rows.push(new Row(columns, cells));
  }
  return rows;
}

function sectionRows(section: Element): Row[] {
  return Array.from(section.querySelectorAll('table')).flatMap(tableRows);
}

function date(text: string | undefined): IsoDate | null {
  return text ? parsePageDate(text, DATE_FORMAT) : null;
}

/** Flowsheet answers: numbers stay numbers, the C-SSRS screener's Yes/No are its 1/0 coding. */
function itemAnswer(text: string): number | string | null {
  if (text === '' || text === '—' || text === '-') return null;
  // Numbers first: nearly every answer is one.
  if (/^\d+$/.test(text)) return Number(text);
  if (/^yes$/i.test(text)) return 1;
  if (/^no$/i.test(text)) return 0;
  return text;
}

const ITEM_HEADER = /^Q(\d+)$/;

function readQuestionnaires(section: Element, url: URL, problems: ReadingProblem[]): ScoreEntry[] {
  const scores: ScoreEntry[] = [];
  for (const table of section.querySelectorAll('table')) {
    const caption = textOf(table.querySelector('caption'));
    const instrument = instrumentFromName(caption);
    if (instrument === null) {
      problems.push(problem('ehrProblemUnknownQuestionnaire', { name: caption.slice(0, 60) }));
      continue;
    }
    const provenance = pageProvenance(`demo #questionnaires ${instrument}`, url);
    const rows = tableRows(table);
    // The item columns (Q1…Qn) once per table, not once per row.
    const itemColumns: [item: number, index: number][] = [];
    for (const [header, index] of rows[0]?.columns ?? []) {
      const item = ITEM_HEADER.exec(header);
      if (item) itemColumns.push([Number(item[1]), index]);
    }
    for (const row of rows) {
      const when = date(row.get('Date'));
      if (when === null) problems.push(problem('ehrProblemUnreadableScoreDate', { instrument }));
      let items: Record<number, number | string | null> | undefined;
      for (const [item, index] of itemColumns) {
        items ??= {};
        items[item] = itemAnswer(row.at(index));
      }
      const total = row.columns.has('Total') ? scoreTotalFromText(row.get('Total') ?? '') : null;
      scores.push(scoreEntry(instrument, when, total, provenance, items));
    }
  }
  return scores;
}

function readSections(
  document: Document,
  url: URL,
  context: PatientContext,
  problems: ReadingProblem[],
) {
  let tooLong = 0;
  let untracked = 0;
  const section = (name: Section) => document.querySelector(SECTIONS[name]);

  const problemList = section('problems');
  if (problemList) {
    const provenance = pageProvenance(`demo ${SECTIONS.problems}`, url);
    for (const row of sectionRows(problemList)) {
      const text = row.get('Problem') ?? '';
      if (text.length > MAX_ENTRY_LENGTH) {
        tooLong += 1;
        continue;
      }
      const condition = conditionFromText(
        text,
        row.get('ICD-10') ?? null,
        row.get('Status') ?? null,
        provenance,
      );
      context.conditions.push({ ...condition, onsetDate: date(row.get('Onset')) });
    }
  }

  const medicationList = section('medications');
  if (medicationList) {
    const provenance = pageProvenance(`demo ${SECTIONS.medications}`, url);
    for (const row of sectionRows(medicationList)) {
      const line = row.get('Medication') ?? '';
      if (line === '') continue;
      if (line.length > MAX_ENTRY_LENGTH) {
        tooLong += 1;
        continue;
      }
      context.medications.push(
        rawMedication(line, provenance, {
          status: medicationStatusFromText(row.get('Status') ?? ''),
          startDate: date(row.get('Start')),
          endDate: date(row.get('Stop')),
        }),
      );
    }
  }

  const questionnaires = section('questionnaires');
  if (questionnaires) context.scores.push(...readQuestionnaires(questionnaires, url, problems));

  const labs = section('labs');
  if (labs) {
    const provenance = pageProvenance(`demo ${SECTIONS.labs}`, url);
    for (const row of sectionRows(labs)) {
      const entries = monitoringFromRow(
        row.get('Test') ?? '',
        row.get('Result') ?? '',
        row.get('Units') ?? null,
        date(row.get('Date')),
        provenance,
      );
      if (entries.length === 0) untracked += 1;
      context.monitoring.push(...entries);
    }
  }

  const vitals = section('vitals');
  if (vitals) {
    const provenance = pageProvenance(`demo ${SECTIONS.vitals}`, url);
    for (const row of sectionRows(vitals)) {
      const when = date(row.get('Date'));
      for (const [name, index] of row.columns) {
        const value = row.at(index);
        if (name === 'Date' || value === '') continue;
        context.monitoring.push(...monitoringFromRow(name, value, null, when, provenance));
      }
    }
  }

  const appointments = section('appointments');
  if (appointments) {
    const provenance = pageProvenance(`demo ${SECTIONS.appointments}`, url);
    for (const row of sectionRows(appointments)) {
      // Medication-management visits have no modality: they are not psychotherapy.
      const modality = row.get('Modality') ?? '';
      if (modality === '') continue;
      context.therapies.push(
        therapyFromText(modality, date(row.get('Date')), row.get('Status') ?? null, provenance),
      );
    }
  }

  if (tooLong > 0) problems.push(problem('ehrProblemValueTooLong', { count: tooLong }));
  if (untracked > 0) problems.push(problem('ehrProblemUnknownMonitoring', { count: untracked }));
}

function readPregnancy(document: Document): boolean | null {
  const text = textOf(document.querySelector(`${BANNER} .pt-pregnancy`));
  if (/^not pregnant\b/i.test(text)) return false;
  if (/^pregnant\b/i.test(text)) return true;
  return null;
}

export const readDemoSections: SectionReader = (document, url, identity) => {
  const context = identity.context;
  const problems = [...identity.problems];
  context.pregnant = readPregnancy(document);

  if (document.querySelector(BANNER) === null) {
    // A frame of the tabbed view: its sections are the chart's, the banner is in the top document.
    problems.push(problem('ehrProblemNoIdentityInFrame'));
  } else if (document.querySelector('iframe') === null) {
    // Only a whole chart page should have every section; the tabbed view keeps them in frames.
    for (const [section, selector] of Object.entries(SECTIONS) as [Section, string][]) {
      if (document.querySelector(selector) === null)
        problems.push(problem(MISSING_SECTION_PROBLEMS[section]));
    }
  }
  readSections(document, url, context, problems);
  return finishSections({ ...identity, problems });
};
