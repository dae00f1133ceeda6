// @vitest-environment happy-dom
/**
 * The content scripts carry the identity readers only and load the one section reader a page
 * needs (utils/ehr/sections/loader.ts). These tests hold that split to what it promises: a read
 * with a reader missing asks for it instead of returning half a chart, a loaded reader gives the
 * same reading as every reader at hand, a failing reader still falls back to the generic one,
 * and no content script imports section-reading code.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoAdapter } from '../../../utils/ehr/adapters/demo';
import { readPageWith } from '../../../utils/ehr/identity/read-page';
import { readPage, SECTION_READERS } from '../../../utils/ehr/sections/all-readers';
import { loadedSectionReaders, registerSectionReader } from '../../../utils/ehr/sections/registry';
import type { SectionReaders } from '../../../utils/ehr/types';
import { type PageReading, SECTION_READER_IDS } from '../../../utils/ehr/types';
import { loadFixture, parsePage } from './load';

const DEMO_CHART = new URL('http://127.0.0.1:4173/patients/1001');
const UNKNOWN_EHR = new URL('https://unknown-ehr.example/chart');
const REGISTRY = Symbol.for('careside.sectionReaders');

function withoutReadTimes(reading: PageReading | { needs: string }) {
  return JSON.parse(
    JSON.stringify(reading, (key, value) => (key === 'readAt' ? undefined : value)),
  );
}

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[REGISTRY];
});

describe('reading with the section readers a page has loaded', () => {
  it('asks for the reader the page needs instead of reading half a chart', () => {
    const demoChart = loadFixture('demo', 'chart-weekly-scores.html');
    expect(readPageWith({}, demoChart, DEMO_CHART)).toEqual({ needs: 'demo' });
    const unknown = parsePage('<body><h1>Patient: Ana Silva</h1><p>DOB: 1980-02-03</p></body>');
    expect(readPageWith({ demo: SECTION_READERS.demo }, unknown, UNKNOWN_EHR)).toEqual({
      needs: 'generic',
    });
  });

  it('reads the same chart with the one reader loaded as with every reader at hand', () => {
    const page = () => loadFixture('demo', 'chart-weekly-scores.html');
    registerSectionReader('demo', SECTION_READERS.demo);
    const reading = readPageWith(loadedSectionReaders(), page(), DEMO_CHART);
    expect('needs' in reading).toBe(false);
    expect(withoutReadTimes(reading)).toEqual(withoutReadTimes(readPage(page(), DEMO_CHART)));
    expect((reading as PageReading).context.medications.length).toBeGreaterThan(0);
  });

  it('falls back to the generic reader when the page’s reader fails, once that is loaded', () => {
    const failing: SectionReaders = {
      demo: () => {
        throw new Error('table layout changed');
      },
    };
    const page = loadFixture('demo', 'chart-weekly-scores.html');
    expect(readPageWith(failing, page, DEMO_CHART)).toEqual({ needs: 'generic' });
    const reading = readPageWith(
      { ...failing, generic: SECTION_READERS.generic },
      page,
      DEMO_CHART,
    );
    expect('needs' in reading).toBe(false);
    expect((reading as PageReading).adapter).toBe('generic');
    expect((reading as PageReading).problemMessages).toContainEqual({
      key: 'ehrProblemReaderFailed',
      substitutions: { reader: demoAdapter.name, reason: 'table layout changed' },
    });
  });
});

describe('the section-reader bundles', () => {
  it.each(SECTION_READER_IDS)('%s has an entrypoint that registers it under its own id', (id) => {
    const entry = path.resolve(process.cwd(), `entrypoints/reader-${id}.ts`);
    expect(existsSync(entry)).toBe(true);
    const source = readFileSync(entry, 'utf8');
    expect(source).toContain(`registerSectionReader('${id}', read)`);
    expect(SECTION_READERS[id]).toBeTypeOf('function');
  });

  /** Every project file a module imports, followed through the whole graph. */
  function importGraph(entry: string): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/^(?!import type)[^\n]*from '(\.[^']+)'/gm)) {
        const base = path.resolve(path.dirname(file), match[1] as string);
        const next = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find(existsSync);
        if (next) visit(next);
      }
      for (const match of source.matchAll(/import\('(\.[^']+)'\)/g)) {
        const base = path.resolve(path.dirname(file), match[1] as string);
        const next = ['.ts', '.tsx'].map((ext) => base + ext).find(existsSync);
        if (next) visit(next);
      }
    };
    visit(path.resolve(process.cwd(), entry));
    return seen;
  }

  it.each([
    'entrypoints/ehr.content/index.tsx',
    'entrypoints/ehr-frame.content/index.ts',
  ])('%s imports no section-reading code', (entry) => {
    const files = [...importGraph(entry)].map((file) => path.relative(process.cwd(), file));
    expect(files).toContain('utils/ehr/identity/read-page.ts');
    const sectionCode = files.filter(
      (file) =>
        /-sections\.ts$|section-readers\.ts$|section-reading\.ts$/.test(file) ||
        file === 'utils/ehr/sections/entries.ts',
    );
    expect(sectionCode).toEqual([]);
  });

  // The first Intl formatter in a page's process costs 20–30 ms (`npm run bench`); a formatter
  // built when a module loads was paid by every frame's script, dates to format or not.
  it.each([
    'entrypoints/ehr.content/index.tsx',
    'entrypoints/ehr-frame.content/index.ts',
  ])('%s builds no Intl formatter when it loads', (entry) => {
    const atLoad = [...importGraph(entry)].filter((file) =>
      /^(?:export )?(?:const|let|var) [^\n]*new Intl\./m.test(readFileSync(file, 'utf8')),
    );
    expect(atLoad.map((file) => path.relative(process.cwd(), file))).toEqual([]);
  });
});
