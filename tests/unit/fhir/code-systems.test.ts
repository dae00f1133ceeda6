import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_SYSTEMS } from '../../../utils/fhir/index';

/** The reader and the export name each code system through one map (utils/fhir/code-systems.ts). */
function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = join(folder, name);
    if (statSync(file).isDirectory()) return name === 'fixtures' ? [] : sources(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

describe('code systems', () => {
  it('each URI is written once, in utils/fhir/code-systems.ts', () => {
    const files = ['utils', 'entrypoints', 'components'].flatMap(sources);
    for (const uri of Object.values(CODE_SYSTEMS)) {
      const writers = files.filter((file) => readFileSync(file, 'utf8').includes(`'${uri}'`));
      expect(writers, uri).toEqual([join('utils', 'fhir', 'code-systems.ts')]);
    }
  });
});
