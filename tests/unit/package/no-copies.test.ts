import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Code written once where the logic is one: the identity readers hand their candidates to the one
 * draft builder (utils/ehr/identity/draft.ts), and the monitoring rules read their intervals from
 * one table per family. A block of six code lines standing in two of these files (or twice in
 * one) is a copy that can drift from the other; this finds it.
 */
const MIN_LINES = 6;

const GROUPS: Record<string, string[]> = {
  'identity readers': [
    'utils/ehr/adapters/demo.ts',
    'utils/ehr/adapters/openemr.ts',
    'utils/ehr/generic/identity.ts',
    'utils/ehr/packs/pack-adapter.ts',
    'utils/ehr/identity/draft.ts',
  ],
  'monitoring rules': [
    'utils/clinical/rules/lithium.ts',
    'utils/clinical/rules/valproate.ts',
    'utils/clinical/rules/stimulant.ts',
    'utils/clinical/rules/carbamazepine.ts',
    'utils/clinical/rules/clozapine.ts',
    'utils/clinical/rules/antipsychotic.ts',
  ],
};

/** The code lines of a file, trimmed, without blank lines, comments, imports or lone brackets. */
function codeLines(file: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let inComment = false;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const text = raw.trim();
      if (inComment) {
        if (text.includes('*/')) inComment = false;
        return;
      }
      if (text.startsWith('/*')) {
        inComment = !text.includes('*/');
        return;
      }
      if (text === '' || text.startsWith('//') || /^[\])};,(]+$/.test(text)) return;
      if (/^import\b|^} from '|^type \w+,?$|^\w+,$/.test(text)) return;
      lines.push({ text, line: index + 1 });
    });
  return lines;
}

export function repeatedBlocks(files: string[], minLines = MIN_LINES): string[] {
  const seen = new Map<string, string>();
  const repeats: string[] = [];
  for (const file of files) {
    const lines = codeLines(file);
    for (let start = 0; start + minLines <= lines.length; start += 1) {
      const block = lines.slice(start, start + minLines);
      const key = block.map(({ text }) => text).join('\n');
      const here = `${file}:${block[0]?.line}`;
      const earlier = seen.get(key);
      if (earlier) repeats.push(`${earlier} ~ ${here}`);
      else seen.set(key, here);
    }
  }
  return repeats;
}

describe('no copies', () => {
  it('finds a block that stands in two files, and not one that differs', () => {
    const folder = mkdtempSync(join(tmpdir(), 'careside-copies-'));
    const block = [
      'const a = read(1);',
      'const b = read(2);',
      'if (a > b) {',
      'return a;',
      'const c = a + b;',
      'return c * 2;',
    ];
    writeFileSync(join(folder, 'one.ts'), ['// one', ...block].join('\n'));
    writeFileSync(join(folder, 'two.ts'), ['export function f() {', ...block, '}'].join('\n'));
    writeFileSync(join(folder, 'three.ts'), block.map((line) => line.replace('2', '3')).join('\n'));
    expect(repeatedBlocks([join(folder, 'one.ts'), join(folder, 'two.ts')])).toHaveLength(1);
    expect(repeatedBlocks([join(folder, 'one.ts'), join(folder, 'three.ts')])).toEqual([]);
  });

  it.each(Object.entries(GROUPS))('%s repeat no block of six code lines', (_, files) => {
    expect(repeatedBlocks(files)).toEqual([]);
  });

  it('the rules read each threshold from their own `thresholds`, with no fallback written again', () => {
    const rules = readdirSync('utils/clinical/rules').map((name) => `utils/clinical/rules/${name}`);
    const fallbacks = rules.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          /\b(?:thresholds|th)\.\w+\s*\?\?/.test(line) ? [`${file}:${index + 1}`] : [],
        ),
    );
    expect(rules.length).toBeGreaterThan(10);
    expect(fallbacks).toEqual([]);
  });
});
