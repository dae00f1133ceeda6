import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveImport } from '../resolve-import';

/**
 * No module of the extension imports itself back, directly or through others. A cycle makes the
 * order modules run in depend on which one a bundle reaches first (a value read before its module
 * ran is `undefined`), and it hides which part of the code depends on which. Type-only imports
 * count too: they are how a reader learns what a part needs.
 */
const root = process.cwd();
const FOLDERS = ['utils', 'entrypoints', 'components'];
const IMPORT =
  /(?:import|export)\s+(?:type\s+)?[^'";]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g;

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    const file = join(folder, name);
    if (statSync(file).isDirectory()) {
      if (name !== 'fixtures') found.push(...sourceFiles(file));
    } else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) found.push(file);
  }
  return found;
}

/** Strips comments so an example import in a doc comment is not taken for one. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

export function importGraph(folders: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of folders.flatMap((folder) => sourceFiles(join(root, folder)))) {
    const targets = new Set<string>();
    for (const match of code(file).matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? '');
      if (target && /\.tsx?$/.test(target)) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Every cycle's files in import order, found by a depth-first walk (one report per back edge). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(target)), target]);
      } else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles.map((cycle) => cycle.map((file) => relative(root, file).split('\\').join('/')));
}

describe('import cycles', () => {
  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([
      'a.ts → b.ts → c.ts → a.ts',
    ]);
  });

  it('finds none in utils/, entrypoints/ and components/', () => {
    const graph = importGraph(FOLDERS);
    expect(graph.size).toBeGreaterThan(100);
    expect(importCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});
