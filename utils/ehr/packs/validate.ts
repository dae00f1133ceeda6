/**
 * Checks a selector pack before Careside uses it. A pack that fails is refused as a whole, with
 * messages that say where and what, in words clinic IT can act on:
 * `selectorPacks[0].medications.item: "div..x" is not a valid CSS selector`.
 *
 * Selectors are checked by a syntax check that needs no DOM (packs arrive through managed policy
 * in the background service worker, which has no `document`), and, where a DOM exists, also by
 * the browser's own `querySelector`, so a pack valid in one place is valid in the other.
 */
import * as v from 'valibot';
import catalogue from '../../../public/_locales/en/messages.json';
import { createTranslator, type Messages } from '../../i18n/index';
import { PAGE_DATE_FORMATS } from '../dates';
import { instrumentFromName } from '../page-vocabulary';
import { isValidSelector } from './css-selector';
import { type FieldSource, type FrameField, type SelectorPack, SelectorPackSchema } from './format';
import { isValidMatchPattern } from './match-pattern';
import { unsafePattern } from './safe-regex';

// Validation runs in the background and the command-line tools, never in the content script, so
// its messages can come from the whole catalogue.
const englishText = createTranslator(catalogue as Messages);

export type PackValidation = { ok: true; pack: SelectorPack } | { ok: false; errors: string[] };

function pathText(root: string, path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${key}`),
    root,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function issueMessage(root: string, issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) => item.key as string | number);
  const path = pathText(root, keys);
  if (issue.type === 'strict_object' && issue.input !== undefined) {
    return englishText('packErrorUnknownKey', { path });
  }
  if (issue.input === undefined) return englishText('packErrorMissing', { path });
  const last = keys[keys.length - 1];
  if (last === 'format')
    return englishText('packErrorFormat', { path, found: describe(issue.input) });
  if (last === 'id') return englishText('packErrorBadId', { path });
  if (last === 'dateFormat') {
    return englishText('packErrorDateFormat', {
      path,
      found: describe(issue.input),
      formats: PAGE_DATE_FORMATS.join(', '),
    });
  }
  if (issue.type === 'min_length') return englishText('packErrorEmpty', { path });
  return englishText('packErrorWrongType', {
    path,
    expected: issue.expected ?? issue.type,
    found: describe(issue.input),
  });
}

function selectorError(selector: string): boolean {
  if (!isValidSelector(selector)) return true;
  const document = (globalThis as { document?: Document }).document;
  if (!document?.createDocumentFragment) return false;
  try {
    document.createDocumentFragment().querySelector(selector);
    return false;
  } catch {
    return true;
  }
}

function captureGroups(pattern: RegExp): number {
  // An alternative that matches the empty string makes every group show up (as undefined).
  return (new RegExp(`${pattern.source}|`).exec('')?.length ?? 1) - 1;
}

function checkPattern(path: string, pattern: string, errors: string[]): void {
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern);
  } catch (error) {
    errors.push(
      englishText('packErrorBadPattern', {
        path,
        pattern,
        reason: error instanceof Error ? error.message : String(error),
      }),
    );
    return;
  }
  const unsafe = unsafePattern(pattern);
  if (unsafe !== null) {
    errors.push(
      englishText(
        unsafe === 'backreference' ? 'packErrorPatternBackreference' : 'packErrorPatternNested',
        { path, pattern },
      ),
    );
    return;
  }
  const count = captureGroups(compiled);
  if (count !== 1) errors.push(englishText('packErrorPatternGroups', { path, pattern, count }));
}

function checkSelector(path: string, selector: string | undefined, errors: string[]): void {
  if (selector !== undefined && selectorError(selector)) {
    errors.push(englishText('packErrorBadSelector', { path, selector }));
  }
}

function checkSource(path: string, source: FieldSource, errors: string[]): void {
  if ((source.selector === undefined) === (source.label === undefined)) {
    errors.push(englishText('packErrorSelectorOrLabel', { path }));
  }
  checkSelector(`${path}.selector`, source.selector, errors);
  if (source.pattern !== undefined) checkPattern(`${path}.pattern`, source.pattern, errors);
}

function checkSelectors(path: string, part: Record<string, unknown> | undefined, errors: string[]) {
  if (!part) return;
  for (const [key, value] of Object.entries(part)) {
    if (typeof value === 'string' && key !== 'instrument')
      checkSelector(`${path}.${key}`, value, errors);
  }
}

/** A field's frame must say which frame; an address with a scheme must be a match pattern. */
function checkFrame(path: string, frame: FrameField | undefined, errors: string[]): void {
  if (!frame) return;
  if (frame.urlMatch === undefined && frame.name === undefined) {
    errors.push(englishText('packErrorFrameEmpty', { path }));
  }
  if (frame.urlMatch?.includes('://') && !isValidMatchPattern(frame.urlMatch)) {
    errors.push(
      englishText('packErrorBadMatchPattern', {
        path: `${path}.urlMatch`,
        pattern: frame.urlMatch,
      }),
    );
  }
}

function checkMeaning(root: string, pack: SelectorPack): string[] {
  const errors: string[] = [];
  pack.matches.forEach((pattern, index) => {
    if (!isValidMatchPattern(pattern)) {
      errors.push(
        englishText('packErrorBadMatchPattern', { path: `${root}.matches[${index}]`, pattern }),
      );
    }
  });
  checkSelector(`${root}.detect`, pack.detect, errors);
  const identityElements =
    typeof pack.identityElement === 'string' ? [pack.identityElement] : pack.identityElement;
  identityElements.forEach((selector, index) => {
    const path =
      typeof pack.identityElement === 'string'
        ? `${root}.identityElement`
        : `${root}.identityElement[${index}]`;
    checkSelector(path, selector, errors);
  });
  const { identity } = pack;
  checkSource(`${root}.identity.name`, identity.name, errors);
  checkSource(`${root}.identity.birthDate`, identity.birthDate, errors);
  if (identity.sex) checkSource(`${root}.identity.sex`, identity.sex, errors);
  identity.identifiers?.forEach((source, index) => {
    checkSource(`${root}.identity.identifiers[${index}]`, source, errors);
  });
  checkSelectors(`${root}.medications`, pack.medications, errors);
  checkSelectors(`${root}.problems`, pack.problems, errors);
  checkSelectors(`${root}.labs`, pack.labs, errors);
  checkSelectors(`${root}.vitals`, pack.vitals, errors);
  checkSelectors(`${root}.therapies`, pack.therapies, errors);
  for (const part of ['medications', 'problems', 'labs', 'vitals', 'therapies'] as const) {
    checkFrame(`${root}.${part}.frame`, pack[part]?.frame, errors);
  }
  pack.scores?.forEach((table, index) => {
    checkFrame(`${root}.scores[${index}].frame`, table.frame, errors);
  });
  pack.scores?.forEach((table, index) => {
    const path = `${root}.scores[${index}]`;
    checkSelectors(path, table, errors);
    if ((table.instrument === undefined) === (table.instrumentFrom === undefined)) {
      errors.push(englishText('packErrorInstrument', { path }));
    } else if (table.instrument !== undefined && instrumentFromName(table.instrument) === null) {
      errors.push(
        englishText('packErrorUnknownInstrument', {
          path: `${path}.instrument`,
          name: table.instrument,
        }),
      );
    }
  });
  return errors;
}

/**
 * Validates one pack. `json` is the parsed pack or its JSON text; `root` names it in messages
 * (`selectorPacks[2]` when it comes from a list in the managed policy).
 */
export function validateSelectorPack(json: unknown, root = 'selectorPack'): PackValidation {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, errors: [englishText('packErrorNotJson', { path: root, reason })] };
    }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [englishText('packErrorNotObject', { path: root })] };
  }
  const parsed = v.safeParse(SelectorPackSchema, input, { abortEarly: false });
  if (!parsed.success) {
    return {
      ok: false,
      errors: [...new Set(parsed.issues.map((issue) => issueMessage(root, issue)))],
    };
  }
  const errors = checkMeaning(root, parsed.output);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, pack: parsed.output };
}

/** Validates a list of packs (the `selectorPacks` policy setting); good packs are kept. */
export function validateSelectorPacks(
  json: unknown,
  root = 'selectorPacks',
): { packs: SelectorPack[]; errors: string[] } {
  if (!Array.isArray(json))
    return { packs: [], errors: [englishText('packErrorNotList', { path: root })] };
  const packs: SelectorPack[] = [];
  const errors: string[] = [];
  const ids = new Set<string>();
  json.forEach((item, index) => {
    const result = validateSelectorPack(item, `${root}[${index}]`);
    if (!result.ok) {
      errors.push(...result.errors);
      return;
    }
    if (ids.has(result.pack.id)) {
      errors.push(
        englishText('packErrorDuplicateId', { path: `${root}[${index}].id`, id: result.pack.id }),
      );
      return;
    }
    ids.add(result.pack.id);
    packs.push(result.pack);
  });
  return { packs, errors };
}
