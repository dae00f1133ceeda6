/**
 * Bundled for the browser by the benchmark (never part of the extension): Careside's own page
 * readers and storage, run in real Chromium so their figures come from the same engine, the same
 * DOM and the same IndexedDB the extension uses. Installed as `globalThis.caresideBench`.
 */
import type { ScoreEntry } from '../../utils/clinical/types';
import { chooseReader } from '../../utils/ehr/identity/index';
import { readPage } from '../../utils/ehr/sections/all-readers';
import { createStorage } from '../../utils/storage';

function timed(repeats: number, work: () => unknown): number[] {
  const times: number[] = [];
  for (let run = 0; run < repeats; run += 1) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * The cells a reader of this chart looks at: the identity elements it names, and every caption,
 * header and data cell of the chart's tables.
 */
function chartCellSelector(): string {
  const reader = chooseReader(document, new URL(location.href));
  return [...reader.identitySelectors, 'table caption', 'table th', 'table td'].join(', ');
}

export interface ReadingFigures {
  reader: string;
  cells: number;
  readerMs: number[];
  bareMs: number[];
}

function measureReading(repeats: number): ReadingFigures {
  const url = new URL(location.href);
  const selector = chartCellSelector();
  let cells = 0;
  // The baseline: the same cells read with the cheapest possible code.
  const bareRead = () => {
    const texts: string[] = [];
    for (const cell of document.querySelectorAll(selector)) texts.push(cell.textContent ?? '');
    cells = texts.length;
    return texts;
  };
  const read = () => readPage(document, url);
  // Both paths once before timing, so neither pays for the first compilation.
  bareRead();
  read();
  const readerMs: number[] = [];
  const bareMs: number[] = [];
  // Interleaved, so a slow moment of the machine falls on both.
  for (let run = 0; run < repeats; run += 1) {
    readerMs.push(...timed(1, read));
    bareMs.push(...timed(1, bareRead));
  }
  return { reader: chooseReader(document, url).id, cells, readerMs, bareMs };
}

export interface StorageFigures {
  observations: number;
  loadMs: number[];
  /** The same entries as one structured clone: the cost of the data alone, without IndexedDB. */
  cloneMs: number[];
}

async function measureStorage(observations: number, repeats: number): Promise<StorageFigures> {
  const storage = createStorage({ name: `careside-bench-${Date.now()}` });
  const identity = {
    name: 'Bench Patient',
    birthDate: '1970-01-01',
    sex: 'female' as const,
    identifiers: [{ system: 'MRN', type: 'MR' as const, value: 'BENCH-1' }],
  };
  const origin = location.origin;
  const key = await storage.patientKey(origin, identity);
  if (!key) throw new Error('no patient key for the benchmark patient');
  await storage.rememberPatient(key, origin, identity);
  const start = Date.UTC(2000, 0, 1);
  const entries: ScoreEntry[] = Array.from({ length: observations }, (_, index) => ({
    instrument: index % 2 === 0 ? 'PHQ-9' : 'GAD-7',
    date: new Date(start + Math.floor(index / 2) * 86_400_000).toISOString().slice(0, 10),
    total: index % 20,
    provenance: { source: 'entered', via: 'benchmark' },
  }));
  const batch = 1_000;
  for (let from = 0; from < entries.length; from += batch) {
    await storage.addScores(key, entries.slice(from, from + batch));
  }
  const loadMs: number[] = [];
  const cloneMs: number[] = [];
  let loaded = 0;
  for (let run = 0; run < repeats; run += 1) {
    const begin = performance.now();
    const result = await storage.loadScores(key);
    loadMs.push(performance.now() - begin);
    loaded = result.entries.length;
    cloneMs.push(...timed(1, () => structuredClone(entries)));
  }
  return { observations: loaded, loadMs, cloneMs };
}

declare global {
  var caresideBench: {
    measureReading: typeof measureReading;
    measureStorage: typeof measureStorage;
  };
}

globalThis.caresideBench = { measureReading, measureStorage };
