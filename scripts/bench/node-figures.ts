/**
 * Figures measured in Node: rule evaluation (pure TypeScript, the same code the background runs)
 * and the size of what the browser downloads for the content script.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import catalogue from '../../public/_locales/en/messages.json';
import { parseMedicationLine } from '../../utils/clinical/medications/parse';
import { VOCABULARY } from '../../utils/clinical/medications/vocabulary';
import { buildSidebarContent } from '../../utils/clinical/sidebar-content';
import type {
  MonitoringEntry,
  MonitoringKind,
  PatientContext,
  ScoreEntry,
} from '../../utils/clinical/types';
import { createTranslator, type Messages } from '../../utils/i18n/index';
import { type Spread, spread } from './stats';

const t = createTranslator(catalogue as Messages);
const DAY = 86_400_000;

function isoDaysBefore(today: string, days: number): string {
  return new Date(Date.parse(today) - days * DAY).toISOString().slice(0, 10);
}

/** A large chart as a patient context: 40 medication lines and 1,000 observations. */
export function largePatientContext(today: string): PatientContext {
  const provenance = { source: 'page' as const, via: 'benchmark' };
  const sigs = ['1 tab PO daily', '1 cap PO BID', '2 tabs PO at bedtime', '1 tab PO TID prn'];
  const medications = VOCABULARY.slice(0, 40).map((drug, index) =>
    parseMedicationLine(
      `${drug.ingredient} ${10 * ((index % 5) + 1)} mg ${sigs[index % sigs.length]}`,
      provenance,
      {
        status: index % 4 === 3 ? 'stopped' : 'active',
        startDate: isoDaysBefore(today, 30 * index),
      },
    ),
  );
  const scores: ScoreEntry[] = Array.from({ length: 600 }, (_, index) => ({
    instrument: index % 2 === 0 ? 'PHQ-9' : 'GAD-7',
    date: isoDaysBefore(today, 7 * Math.floor(index / 2)),
    total: (index * 7) % (index % 2 === 0 ? 28 : 22),
    provenance,
  }));
  const kinds: [MonitoringKind, number, string][] = [
    ['lithium-level', 0.8, 'mmol/L'],
    ['creatinine', 0.9, 'mg/dL'],
    ['tsh', 2.1, 'mIU/L'],
    ['a1c', 5.9, '%'],
  ];
  const monitoring: MonitoringEntry[] = Array.from({ length: 400 }, (_, index) => {
    const [kind, value, unit] = kinds[index % kinds.length] as [MonitoringKind, number, string];
    return {
      kind,
      loinc: null,
      text: kind,
      date: isoDaysBefore(today, 5 * Math.floor(index / kinds.length)),
      value,
      valueText: null,
      unit,
      provenance,
    };
  });
  return {
    identity: {
      name: 'Bench Patient',
      birthDate: '1968-04-02',
      sex: 'female',
      identifiers: [{ system: 'MRN', type: 'MR', value: 'BENCH-1' }],
    },
    medications,
    conditions: [],
    scores,
    monitoring,
    therapies: [],
    pregnant: null,
  };
}

export interface RulesFigures {
  medications: number;
  observations: number;
  evaluateMs: Spread;
  /** JSON.parse of the same context: reading the data at all, without any rule. */
  parseMs: Spread;
}

export function measureRules(repeats: number, today: string): RulesFigures {
  const context = largePatientContext(today);
  const json = JSON.stringify(context);
  const evaluate = () => buildSidebarContent(context, { now: today, t });
  const evaluateMs: number[] = [];
  const parseMs: number[] = [];
  // A few rounds first, so the figure is the optimised code's and not the compiler's.
  for (let warm = 0; warm < 5; warm += 1) {
    evaluate();
    JSON.parse(json);
  }
  for (let run = 0; run < repeats; run += 1) {
    let start = performance.now();
    evaluate();
    evaluateMs.push(performance.now() - start);
    start = performance.now();
    JSON.parse(json);
    parseMs.push(performance.now() - start);
  }
  return {
    medications: context.medications.length,
    observations: context.scores.length + context.monitoring.length,
    evaluateMs: spread(evaluateMs),
    parseMs: spread(parseMs),
  };
}

export interface SizeFigures {
  /** `content-scripts/ehr.js`, gzip bytes. */
  contentScript: number;
  /** `content-scripts/ehr-frame.js`, the script of every subframe, gzip bytes. */
  frameScript: number;
  /**
   * The largest section reader (`reader-<id>.js`): a page loads the one its reader needs after the
   * banner is up, so a chart page loads at most the content script plus this one.
   */
  largestSectionReader: { file: string; gzip: number };
  /** Every file the content scripts may bring into a page (scripts and section readers), gzip bytes. */
  everything: number;
  files: { file: string; bytes: number; gzip: number }[];
}

export function measureSize(extensionDir: string): SizeFigures {
  const measure = (file: string) => {
    const bytes = readFileSync(path.join(extensionDir, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes).length };
  };
  const scripts = readdirSync(path.join(extensionDir, 'content-scripts'))
    .filter((name) => statSync(path.join(extensionDir, 'content-scripts', name)).isFile())
    .map((name) => measure(`content-scripts/${name}`));
  const readers = readdirSync(extensionDir)
    .filter((name) => /^reader-[a-z]+\.js$/.test(name))
    .map(measure);
  const files = [...scripts, ...readers].sort((a, b) => a.file.localeCompare(b.file));
  const gzipOf = (file: string) => {
    const entry = files.find((candidate) => candidate.file === file);
    if (!entry) throw new Error(`no ${file} in ${extensionDir}: build first`);
    return entry.gzip;
  };
  const [first, ...others] = readers;
  if (!first) throw new Error(`no section readers (reader-*.js) in ${extensionDir}: build first`);
  const largest = others.reduce((a, b) => (b.gzip > a.gzip ? b : a), first);
  return {
    contentScript: gzipOf('content-scripts/ehr.js'),
    frameScript: gzipOf('content-scripts/ehr-frame.js'),
    largestSectionReader: { file: largest.file, gzip: largest.gzip },
    everything: files.reduce((sum, entry) => sum + entry.gzip, 0),
    files,
  };
}
