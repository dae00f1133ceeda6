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
import type { EhrAdapter, PageReading, ReadingProblem } from '../types';

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

/** One table row as column name → cell text; the "nothing on file" row has no cells to name. */
type Row = Record<string, string>;

function tableRows(table: Element): Row[] {
  const headers = Array.from(table.querySelectorAll('thead th'), textOf);
  const rows: Row[] = [];
  for (const tr of table.querySelectorAll('tbody tr')) {
    const cells = Array.from(tr.querySelectorAll('td'), textOf);
    if (cells.length !== headers.length) continue;
    rows.push(Object.fromEntries(headers.map((header, index) => [header, cells[index] ?? ''])));
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
  if (/^yes$/i.test(text)) return 1;
  if (/^no$/i.test(text)) return 0;
  return /^\d+$/.test(text) ? Number(text) : text;
}

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
    for (const row of tableRows(table)) {
      const when = date(row.Date);
      if (when === null) problems.push(problem('ehrProblemUnreadableScoreDate', { instrument }));
      const items: Record<number, number | string | null> = {};
      for (const [header, text] of Object.entries(row)) {
        const item = /^Q(\d+)$/.exec(header);
        if (item) items[Number(item[1])] = itemAnswer(text);
      }
      const total = 'Total' in row ? scoreTotalFromText(row.Total ?? '') : null;
      scores.push(
        scoreEntry(
          instrument,
          when,
          total,
          provenance,
          Object.keys(items).length > 0 ? items : undefined,
        ),
      );
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
      const text = row.Problem ?? '';
      if (text.length > MAX_ENTRY_LENGTH) {
        tooLong += 1;
        continue;
      }
      const condition = conditionFromText(
        text,
        row['ICD-10'] ?? null,
        row.Status ?? null,
        provenance,
      );
      context.conditions.push({ ...condition, onsetDate: date(row.Onset) });
    }
  }

  const medicationList = section('medications');
  if (medicationList) {
    const provenance = pageProvenance(`demo ${SECTIONS.medications}`, url);
    for (const row of sectionRows(medicationList)) {
      const line = row.Medication ?? '';
      if (line === '') continue;
      if (line.length > MAX_ENTRY_LENGTH) {
        tooLong += 1;
        continue;
      }
      context.medications.push(
        rawMedication(line, provenance, {
          status: medicationStatusFromText(row.Status ?? ''),
          startDate: date(row.Start),
          endDate: date(row.Stop),
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
        row.Test ?? '',
        row.Result ?? '',
        row.Units ?? null,
        date(row.Date),
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
      const when = date(row.Date);
      for (const [name, value] of Object.entries(row)) {
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
      const modality = row.Modality ?? '';
      if (modality === '') continue;
      context.therapies.push(
        therapyFromText(modality, date(row.Date), row.Status ?? null, provenance),
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

function read(document: Document, url: URL): PageReading {
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

  return finishReading({
    adapter: 'demo',
    context,
    confidence: {
      name: name.confidence,
      birthDate: birthDate.confidence,
      mrn: identifiers.mrnConfidence,
    },
    problems,
  });
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
