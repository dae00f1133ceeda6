import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveImport } from '../resolve-import';

/**
 * The content scripts run in every EHR page and their size is paid on every chart load: they read
 * the page and draw what the background computed, nothing more. Following the value imports of
 * both entrypoints (type-only imports leave nothing in the bundle), none may reach the clinical
 * engine's heavy parts, storage or the pack validator; those run in the background.
 */
const root = process.cwd();
const IMPORT =
  /(?:import|export)\s+(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g;

const CONTENT_SCRIPTS = [
  'entrypoints/ehr.content/index.tsx',
  'entrypoints/ehr-frame.content/index.ts',
];

const BACKGROUND_ONLY = [
  // The drug names (3 KB gzip): the generic reader sends every line of a medication section and
  // the background keeps those that name a drug.
  'utils/clinical/medications/names.ts',
  'utils/clinical/medications/vocabulary.ts',
  'utils/clinical/medications/parse.ts',
  'utils/clinical/instruments.ts',
  'utils/clinical/scoring.ts',
  'utils/clinical/trends.ts',
  'utils/clinical/score-entry-definitions.ts',
  'utils/clinical/rules/',
  'utils/storage/',
  'utils/ehr/sections/enrich.ts',
  'utils/fhir/',
  'utils/ehr/packs/validate.ts',
];
const BACKGROUND_PACKAGES = ['idb', 'valibot'];

function reachable(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [join(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? '';
      const target = resolveImport(file, specifier);
      if (target) queue.push(target);
      else if (!specifier.startsWith('.')) packages.add(specifier.split('/')[0] ?? specifier);
    }
  }
  return {
    files: [...files].map((file) => relative(root, file).split('\\').join('/')),
    packages: [...packages],
  };
}

describe('content-script boundary', () => {
  it.each(CONTENT_SCRIPTS)('%s reaches no background-only module', (entry) => {
    const { files, packages } = reachable(entry);
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((file) => BACKGROUND_ONLY.some((path) => file.startsWith(path)))).toEqual(
      [],
    );
    expect(packages.filter((name) => BACKGROUND_PACKAGES.includes(name))).toEqual([]);
  });

  it('the scan sees the engine when a module does import it', () => {
    const { files } = reachable('utils/ehr/sections/enrich.ts');
    expect(files).toContain('utils/clinical/medications/parse.ts');
    expect(files).toContain('utils/clinical/medications/vocabulary.ts');
    expect(files).toContain('utils/clinical/medications/names.ts');
    expect(reachable('utils/clinical/score-entry-definitions.ts').files).toContain(
      'utils/clinical/scoring.ts',
    );
  });

  it('the scan skips type-only imports, which leave nothing in the bundle', () => {
    const { files } = reachable('utils/messaging.ts');
    expect(files).not.toContain('utils/clinical/score-entry.ts');
  });
});
