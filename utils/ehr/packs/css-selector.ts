/**
 * A CSS selector syntax check that needs no DOM. Packs are validated in the background service
 * worker, which has no `document` to try a selector on; this check accepts the Selectors Level 4
 * syntax browsers accept (types, ids, classes, attributes, pseudo-classes with arguments,
 * combinators, lists) and refuses what a browser's `querySelector` would throw on, including
 * unknown pseudo-classes (a typo such as `:first-chid` matches nothing, silently, otherwise).
 */

const PSEUDO_CLASSES = new Set([
  'active',
  'any-link',
  'checked',
  'default',
  'defined',
  'disabled',
  'empty',
  'enabled',
  'first-child',
  'first-of-type',
  'focus',
  'focus-visible',
  'focus-within',
  'hover',
  'in-range',
  'indeterminate',
  'invalid',
  'last-child',
  'last-of-type',
  'link',
  'only-child',
  'only-of-type',
  'optional',
  'out-of-range',
  'placeholder-shown',
  'read-only',
  'read-write',
  'required',
  'root',
  'scope',
  'target',
  'valid',
  'visited',
]);
const SELECTOR_ARGUMENT = new Set(['not', 'is', 'where', 'has']);
const NTH = new Set(['nth-child', 'nth-last-child', 'nth-of-type', 'nth-last-of-type']);
const OTHER_ARGUMENT = new Set(['lang', 'dir']);

const IDENT =
  /^-?(?:[A-Za-z_\u00A0-\uFFFF]|\\[^\n])(?:[A-Za-z0-9_\u00A0-\uFFFF-]|\\[^\n])*|^--(?:[A-Za-z0-9_\u00A0-\uFFFF-]|\\[^\n])*/;
const NAME = /^(?:[A-Za-z0-9_\u00A0-\uFFFF-]|\\[^\n])+/;
const STRING = /^(?:"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*')/;
const NTH_ARGUMENT = /^\s*(?:odd|even|[+-]?\d*n(?:\s*[+-]\s*\d+)?|[+-]?\d+)(?:\s+of\s+(.+))?\s*$/i;

class Scanner {
  position = 0;
  constructor(readonly text: string) {}
  get rest(): string {
    return this.text.slice(this.position);
  }
  peek(): string {
    return this.text[this.position] ?? '';
  }
  take(pattern: RegExp): string | null {
    const match = pattern.exec(this.rest);
    if (!match) return null;
    this.position += match[0].length;
    return match[0];
  }
  skipSpace(): boolean {
    return this.take(/^\s+/) !== null;
  }
  done(): boolean {
    return this.position >= this.text.length;
  }
}

/** The text inside balanced parentheses, starting just after "(". */
function parenthesized(scanner: Scanner): string | null {
  let depth = 1;
  const start = scanner.position;
  while (!scanner.done()) {
    const string = scanner.take(STRING);
    if (string) continue;
    const char = scanner.peek();
    scanner.position += char === '\\' ? 2 : 1;
    if (char === '(') depth += 1;
    if (char === ')') {
      depth -= 1;
      if (depth === 0) return scanner.text.slice(start, scanner.position - 1);
    }
  }
  return null;
}

function attribute(scanner: Scanner): boolean {
  scanner.skipSpace();
  scanner.take(/^(?:[A-Za-z_-][\w-]*|\*)?\|(?!=)/);
  if (!scanner.take(IDENT)) return false;
  scanner.skipSpace();
  if (scanner.take(/^\]/)) return true;
  if (!scanner.take(/^[~|^$*]?=/)) return false;
  scanner.skipSpace();
  if (!scanner.take(STRING) && !scanner.take(IDENT)) return false;
  scanner.skipSpace();
  scanner.take(/^[iIsS](?=\s*\])/);
  scanner.skipSpace();
  return scanner.take(/^\]/) !== null;
}

function pseudo(scanner: Scanner): boolean {
  const element = scanner.take(/^:/) !== null;
  const name = scanner.take(IDENT)?.toLowerCase();
  if (!name) return false;
  if (element)
    return [
      'before',
      'after',
      'first-line',
      'first-letter',
      'marker',
      'placeholder',
      'selection',
    ].includes(name);
  if (!scanner.take(/^\(/)) {
    // CSS2 pseudo-elements may still be written with one colon.
    return (
      PSEUDO_CLASSES.has(name) || ['before', 'after', 'first-line', 'first-letter'].includes(name)
    );
  }
  const argument = parenthesized(scanner);
  if (argument === null) return false;
  if (SELECTOR_ARGUMENT.has(name)) {
    // :has() takes relative selectors ("> p"); the others take ordinary selector lists.
    const list = name === 'has' ? argument.replace(/(^|,)\s*[>+~]/g, '$1') : argument;
    return name === 'is' || name === 'where'
      ? list.trim() === '' || isValidSelector(list)
      : isValidSelector(list);
  }
  if (NTH.has(name)) {
    const nth = NTH_ARGUMENT.exec(argument);
    if (!nth) return false;
    return nth[1] === undefined || isValidSelector(nth[1]);
  }
  if (OTHER_ARGUMENT.has(name)) return argument.trim() !== '';
  return false;
}

function compound(scanner: Scanner): boolean {
  let parts = 0;
  if (
    scanner.take(
      /^(?:(?:[A-Za-z_-][\w-]*|\*)?\|)?(?:\*|-?[A-Za-z_\u00A0-\uFFFF][\w\u00A0-\uFFFF-]*)/,
    )
  )
    parts += 1;
  for (;;) {
    const char = scanner.peek();
    if (char === '#') {
      scanner.position += 1;
      if (!scanner.take(NAME)) return false;
    } else if (char === '.') {
      scanner.position += 1;
      if (!scanner.take(IDENT)) return false;
    } else if (char === '[') {
      scanner.position += 1;
      if (!attribute(scanner)) return false;
    } else if (char === ':') {
      scanner.position += 1;
      if (!pseudo(scanner)) return false;
    } else {
      break;
    }
    parts += 1;
  }
  return parts > 0;
}

function complex(text: string): boolean {
  const scanner = new Scanner(text.trim());
  if (scanner.done()) return false;
  for (;;) {
    if (!compound(scanner)) return false;
    const spaced = scanner.skipSpace();
    if (scanner.done()) return true;
    if (scanner.take(/^[>+~]/)) {
      scanner.skipSpace();
      if (scanner.done()) return false;
    } else if (!spaced) {
      return false;
    }
  }
}

/** Splits a selector list at top-level commas (not inside parentheses, brackets or strings). */
function splitList(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\\') {
      index += 1;
      continue;
    }
    if (quote) {
      if (char === quote) quote = null;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '(' || char === '[') depth += 1;
    else if (char === ')' || char === ']') depth -= 1;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export function isValidSelector(selector: string): boolean {
  if (typeof selector !== 'string' || selector.trim() === '' || selector.length > 1_000)
    return false;
  return splitList(selector).every(complex);
}
