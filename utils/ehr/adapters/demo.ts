/**
 * MeadowChart, the demo EHR bundled with Careside (demo-ehr/): pages say so in
 * `<meta name="generator" content="MeadowChart EHR …">`.
 *
 * - the patient banner `#patient-banner` holds `.pt-name`, `.pt-dob` (MM/DD/YYYY), `.pt-sex`,
 *   `.pt-mrn` and, when the chart records it, `.pt-pregnancy`;
 * - each chart section is a `section.card` with an id (`#problem-list`, `#medication-list`,
 *   `#questionnaires`, `#labs`, `#vitals`, `#appointments`) holding tables whose columns are named
 *   in `thead`; questionnaires are one flowsheet table per instrument, named by its caption, with
 *   item answers in columns Q1…Qn.
 *
 * The chart page (`/patients/<id>`) has everything; the tabbed view (`/framed/`) has the banner in
 * the top document and the sections spread over its frames, each document read on its own.
 */
import {
  emptyPatientContext,
  type IsoDate,
  type PatientContext,
  type ScoreEntry,
} from '../../clinical/types';
import { parsePageDate } from '../dates';
import {
  conditionFromText,
  MAX_ENTRY_LENGTH,
  medicationStatusFromText,
  monitoringFromRow,
  rawMedication,
  scoreEntry,
  scoreTotalFromText,
  therapyFromText,
} from '../entries';
import { resolveBirthDate, resolveIdentifiers, resolveName } from '../identity';
import { textOf } from '../page-text';
import { instrumentFromName, sexFromText } from '../page-vocabulary';
import { finishReading, pageProvenance, problem, type ReadingProblemKey } from '../reading';
import type { EhrAdapter, PageReading, ReadingProblem, ReadOptions } from '../types';

const GENERATOR = /^MeadowChart\b/;
const BANNER = '#patient-banner';
const DATE_FORMAT = 'MM/DD/YYYY';
/** The banner is where MeadowChart itself names the patient. */
const BANNER_CONFIDENCE = 1;

const SECTIONS = {
  problems: '#problem-list',
  medications: '#medication-list',
  questionnaires: '#questionnaires',
  labs: '#labs',
  vitals: '#vitals',
  appointments: '#appointments',
} as const;
type Section = keyof typeof SECTIONS;

/** What a chart page that lacks a section says about it. */
const MISSING_SECTION_PROBLEMS: Record<Section, ReadingProblemKey> = {
  problems: 'ehrProblemNoProblemList',
  medications: 'ehrProblemNoMedications',
  questionnaires: 'ehrProblemNoQuestionnaires',
  labs: 'ehrProblemNoLabs',
  vitals: 'ehrProblemNoVitals',
  appointments: 'ehrProblemNoAppointments',
};

function isMeadowChart(document: Document): boolean {
  const generator = document.querySelector('meta[name="generator"]')?.getAttribute('content') ?? '';
  return GENERATOR.test(generator.trim());
}

function hasChartContent(document: Document): boolean {
  return (
    document.querySelector(BANNER) !== null ||
    Object.values(SECTIONS).some((selector) => document.querySelector(selector) !== null)
  );
}

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

function read(document: Document, url: URL, options: ReadOptions = {}): PageReading {
  const problems: ReadingProblem[] = [];
  const banners = Array.from(document.querySelectorAll(BANNER));
  const field = (selector: string) =>
    banners.flatMap((banner) =>
      Array.from(banner.querySelectorAll(selector), (node) => textOf(node)),
    );

  const name = resolveName(
    field('.pt-name').map((text) => ({ text, via: 'demo .pt-name' })),
    BANNER_CONFIDENCE,
  );
  const birthDate = resolveBirthDate(
    field('.pt-dob').map((text) => ({ text, via: 'demo .pt-dob', format: DATE_FORMAT })),
    BANNER_CONFIDENCE,
  );
  const identifiers = resolveIdentifiers(
    field('.pt-mrn').map((text) => ({ text, via: 'demo .pt-mrn', system: 'MRN', type: 'MR' })),
    BANNER_CONFIDENCE,
  );
  problems.push(...name.problems, ...birthDate.problems, ...identifiers.problems);
  const sexes = [...new Set(field('.pt-sex'))];
  const context = emptyPatientContext({
    name: name.value,
    birthDate: birthDate.value,
    sex: sexes.length === 1 ? sexFromText(sexes[0] ?? '') : null,
    identifiers: identifiers.identifiers,
  });
  const confidence = {
    name: name.confidence,
    birthDate: birthDate.confidence,
    mrn: identifiers.mrnConfidence,
  };
  if (options.identityOnly)
    return finishReading({ adapter: 'demo', context, confidence, problems });
  context.pregnant = readPregnancy(document);

  if (banners.length === 0) {
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

  return finishReading({ adapter: 'demo', context, confidence, problems });
}

/**
 * The tabbed view names the patient by `pid` in its own address and in each frame's, as OpenEMR
 * does. The top document's address changes in the same step as its banner (the client pushes the
 * new address and swaps the banner together; back/forward changes the address first and the
 * banner when the chart arrives, and the key is read when the banner changes).
 */
function patientKey(_document: Document, url: URL): string | null {
  if (!/^\/framed(\/|$)/.test(url.pathname)) return null;
  return url.searchParams.get('pid');
}

export const demoAdapter: EhrAdapter = {
  id: 'demo',
  name: 'MeadowChart (Careside demo EHR)',
  // The demo EHR listens on loopback only (`npm run demo`, the e2e tests), on any port.
  matches: ['http://127.0.0.1/*'],
  detect: (document) => isMeadowChart(document) && hasChartContent(document),
  recognizesSite: (document) => isMeadowChart(document),
  read,
  identitySelectors: [`${BANNER} .pt-name`, `${BANNER} .pt-dob`, `${BANNER} .pt-mrn`],
  patientKey,
  sectionSelectors: Object.values(SECTIONS),
};
