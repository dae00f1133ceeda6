/**
 * Whether a selector pack's pattern can hang the page it runs on (issue 18). Backtracking regular
 * expressions take exponential time on some inputs when a repeated part can itself repeat or
 * match in more than one way — `(a+)+`, `(\w|\d)*`, `(x*)*` — and backreferences make matching
 * NP-hard. A pack is data from clinic IT, but it runs inside every chart, so a pattern with
 * either is refused at validation. What is left is at most polynomial, and the text a pattern
 * runs on is capped (`PATTERN_INPUT_LIMIT`, packs/pack-adapter.ts).
 *
 * A small scanner of the pattern's source, not a full parser: it tracks groups, character
 * classes and escapes, and flags an unbounded quantifier on a group that holds another
 * quantifier or an alternation.
 */

/** The longest text a pack's pattern runs on: an identity field, never a whole page. */
export const PATTERN_INPUT_LIMIT = 512;

export type UnsafeReason = 'nested-quantifier' | 'backreference';

interface Group {
  /** The group holds a quantifier (`*`, `+`, `?`, `{…}`) or an alternation `|`. */
  repeats: boolean;
}

/** Length of the quantifier at `index` (0 when none) and whether it is unbounded. */
function quantifierAt(source: string, index: number): { length: number; unbounded: boolean } {
  const char = source[index];
  if (char === '*' || char === '+') return { length: 1, unbounded: true };
  if (char === '?') return { length: 1, unbounded: false };
  if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(index));
    if (match) {
      const [whole, low, comma, high] = match;
      const unbounded = comma !== undefined && (high === '' || Number(high) - Number(low) > 16);
      return { length: whole.length, unbounded };
    }
  }
  return { length: 0, unbounded: false };
}

/** Null when the pattern is safe to run on page text, else why not. */
export function unsafePattern(source: string): UnsafeReason | null {
  const stack: Group[] = [{ repeats: false }];
  let index = 0;
  while (index < source.length) {
    const char = source[index] as string;
    if (char === '\\') {
      const next = source[index + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[index + 2] === '<')) {
        return 'backreference';
      }
      index += 2;
    } else if (char === '[') {
      // A character class is one atom: skip to its closing bracket, escapes included.
      index++;
      if (source[index] === '^') index++;
      if (source[index] === ']') index++;
      while (index < source.length && source[index] !== ']') {
        index += source[index] === '\\' ? 2 : 1;
      }
      index++;
    } else if (char === '(') {
      stack.push({ repeats: false });
      index++;
      // Group prefixes: (?:  (?=  (?!  (?<=  (?<!  (?<name>
      if (source[index] === '?') {
        index++;
        if (source[index] === '<' && source[index + 1] !== '=' && source[index + 1] !== '!') {
          index = source.indexOf('>', index) + 1 || source.length;
        } else {
          index += source[index] === '<' ? 2 : 1;
        }
      }
      continue;
    } else if (char === ')') {
      const group = stack.pop() ?? { repeats: false };
      const parent = stack[stack.length - 1] ?? { repeats: false };
      index++;
      const quantifier = quantifierAt(source, index);
      if (quantifier.length > 0) {
        if (quantifier.unbounded && group.repeats) return 'nested-quantifier';
        parent.repeats = true;
        index += quantifier.length;
        if (source[index] === '?') index++;
      }
      if (group.repeats) parent.repeats = true;
      continue;
    } else if (char === '|') {
      (stack[stack.length - 1] as Group).repeats = true;
      index++;
      continue;
    } else {
      index++;
    }
    // After an atom (a character, an escape, a class): its quantifier, if any.
    const quantifier = quantifierAt(source, index);
    if (quantifier.length > 0) {
      (stack[stack.length - 1] as Group).repeats = true;
      index += quantifier.length;
      if (source[index] === '?') index++;
    }
  }
  return null;
}
