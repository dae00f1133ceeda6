import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The file an import specifier names, the way the build resolves it (a relative path or WXT's
 * `@/` and `~/` aliases, with or without its extension or `/index`); null for a package. Shared
 * by the tests that walk the imports (boundaries, cycles).
 */
const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

export function resolveImport(
  from: string,
  specifier: string,
  root = process.cwd(),
): string | null {
  let base: string;
  if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
  else if (specifier.startsWith('@/') || specifier.startsWith('~/'))
    base = join(root, specifier.slice(2));
  else return null;
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}
