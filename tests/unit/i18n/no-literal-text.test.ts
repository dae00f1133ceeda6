/**
 * No user-facing words are written into the components: JSX text, and the attributes people
 * read or hear (aria-label, title, placeholder, alt…), come from the message catalogue, so a
 * Spanish sidebar has no English left in it. What may stay is listed below, each a token that is
 * the same in every language.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const FOLDERS = ['components', 'entrypoints'];

/** Written the same in every language: instrument names, symbols and the product's name. */
const SAME_IN_EVERY_LANGUAGE = new Set([
  'PHQ-9',
  'GAD-7',
  'Careside',
  '↓',
  '↑',
  '—',
  '–',
  '…',
  '×',
  '·',
  '%',
]);

/** Attributes a person reads or hears. */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);

function tsxFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return name.endsWith('.tsx') && !name.endsWith('.test.tsx') ? [path] : [];
  });
}

/** Words: two letters in a row in any script. A lone "x" or a number is not language. */
const hasWords = (text: string) => /\p{L}\p{L}/u.test(text);

function isAllowed(text: string): boolean {
  const trimmed = text.trim();
  return !hasWords(trimmed) || SAME_IN_EVERY_LANGUAGE.has(trimmed);
}

/** The little of Babel's syntax tree this scan reads. */
interface SyntaxNode {
  type: string;
  loc?: { start: { line: number } } | null;
  value?: unknown;
  [child: string]: unknown;
}

const isNode = (value: unknown): value is SyntaxNode =>
  typeof value === 'object' && value !== null && typeof (value as SyntaxNode).type === 'string';

const literalText = (node: unknown): string | null => {
  if (!isNode(node)) return null;
  if (node.type === 'StringLiteral') return String(node.value);
  if (node.type === 'TemplateLiteral' && Array.isArray(node.expressions)) {
    // A template's fixed parts are words written in code, whatever is substituted between them.
    const quasis = (node.quasis as SyntaxNode[]).map(
      (quasi) => (quasi.value as { cooked: string }).cooked,
    );
    return node.expressions.length === 0 ? (quasis[0] ?? '') : quasis.join('…');
  }
  return null;
};

export function literalTexts(source: string, fileName: string): string[] {
  const file = parse(source, { sourceType: 'module', plugins: ['typescript', 'jsx'] });
  const found: string[] = [];
  const where = (node: SyntaxNode) => `${fileName}:${node.loc?.start.line ?? 0}`;
  const visit = (node: SyntaxNode, parent: SyntaxNode | null) => {
    if (node.type === 'JSXText' && !isAllowed(String(node.value))) {
      found.push(`${where(node)} text "${String(node.value).trim()}"`);
    }
    if (node.type === 'JSXExpressionContainer' && parent?.type === 'JSXElement') {
      const text = literalText(node.expression);
      if (text !== null && !isAllowed(text)) found.push(`${where(node)} text {"${text}"}`);
    }
    if (node.type === 'JSXAttribute' && isNode(node.name)) {
      const name = String(node.name.name);
      if (READ_ATTRIBUTES.has(name)) {
        const value =
          isNode(node.value) && node.value.type === 'JSXExpressionContainer'
            ? node.value.expression
            : node.value;
        const text = literalText(value);
        if (text !== null && !isAllowed(text.replaceAll('…', ' '))) {
          found.push(`${where(node)} ${name}="${text}"`);
        }
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'loc' || key === 'start' || key === 'end') continue;
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) visit(item, node);
      } else if (isNode(child)) {
        visit(child, node);
      }
    }
  };
  visit(file.program as unknown as SyntaxNode, null);
  return found;
}

describe('user-facing text', () => {
  const files = FOLDERS.flatMap((folder) => tsxFiles(resolve(ROOT, folder)));

  it('scans the sidebar components and every entrypoint page', () => {
    const names = files.map((path) => relative(ROOT, path));
    expect(names).toContain('components/Sidebar.tsx');
    expect(names).toContain('components/SafetyPlanPrintView.tsx');
    expect(names.some((name) => name.startsWith('entrypoints/options/'))).toBe(true);
  });

  it('is never written into a component or page', () => {
    expect(
      files.flatMap((path) => literalTexts(readFileSync(path, 'utf8'), relative(ROOT, path))),
    ).toEqual([]);
  });

  it('finds words in text, in read attributes and in template labels, and lets tokens pass', () => {
    const sample = [
      'const a = <p>Save score</p>;',
      'const b = <button aria-label="Close the sidebar" />;',
      `const c = <input placeholder={\`Add \${what}\`} />;`,
      'const d = <span>{"Due"}</span>;',
      'const e = <abbr title="PHQ-9">PHQ-9</abbr>;',
      'const f = <span class="cs-arrow" aria-hidden="true">↓</span>;',
      "const g = <p>{t('sidebarTrendDue')}</p>;",
    ].join('\n');
    expect(literalTexts(sample, 'sample.tsx')).toEqual([
      'sample.tsx:1 text "Save score"',
      'sample.tsx:2 aria-label="Close the sidebar"',
      'sample.tsx:3 placeholder="Add …"',
      'sample.tsx:4 text {"Due"}',
    ]);
  });
});
