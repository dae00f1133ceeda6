import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveImport } from '../resolve-import';

/**
 * Storage runs only in the background service worker. Everything the content script, sidebar,
 * options page and popup load is followed through its imports; none may reach `idb` or
 * utils/storage, so patient data can only be written in the extension's own background context.
 */
const root = process.cwd();
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g;

function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? '';
      const target = resolveImport(file, specifier);
      if (target) queue.push(target);
      else if (!specifier.startsWith('.')) packages.add(specifier);
    }
  }
  return { files, packages };
}

function frontEndEntrypoints(): string[] {
  const dir = join(root, 'entrypoints');
  return readdirSync(dir)
    .filter((name) => !name.startsWith('background'))
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isFile()) return /\.tsx?$/.test(name) ? [path] : [];
      return ['index.ts', 'index.tsx', 'main.ts', 'main.tsx']
        .map((file) => join(path, file))
        .filter((file) => existsSync(file));
    });
}

describe('storage boundary', () => {
  const entries = frontEndEntrypoints();

  it('finds the front-end entrypoints to check', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  it.each(
    entries.map((entry) => [relative(root, entry), entry]),
  )('%s never reaches idb or utils/storage', (_name, entry) => {
    const { files, packages } = reachable(entry);
    const storageFiles = [...files]
      .map((file) => relative(root, file))
      .filter((file) => file.startsWith(join('utils', 'storage')));
    expect(storageFiles).toEqual([]);
    expect([...packages].filter((name) => name === 'idb' || name.startsWith('idb/'))).toEqual([]);
  });

  it('the import scan does see storage when it is imported', () => {
    const { files, packages } = reachable(join(root, 'utils', 'storage', 'index.ts'));
    expect([...files].some((file) => file.endsWith(join('storage', 'schema.ts')))).toBe(true);
    expect(packages.has('idb')).toBe(true);
  });
});
