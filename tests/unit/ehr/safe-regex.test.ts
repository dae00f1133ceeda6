/**
 * Selector-pack patterns cannot hang the EHR (issue 18): patterns that backtrack exponentially
 * are refused at validation, the text a pattern runs on is capped, and match patterns' `*` is
 * matched in linear time.
 */
import { describe, expect, it } from 'vitest';
import { matchesUrl } from '../../../utils/ehr/packs/match-pattern';
import { PATTERN_INPUT_LIMIT, unsafePattern } from '../../../utils/ehr/packs/safe-regex';

describe('unsafe pack patterns', () => {
  it.each([
    '(a+)+$',
    '(\\d+)*x',
    '^(\\w|\\d)*$',
    '(?:x*)*',
    '((ab)*)+',
    '(a|aa)+',
    '([a-z]+\\s?)+:',
    '(\\s*\\w+){2,}$',
    '(a?){1,100}',
  ])('refuses %s (nested quantifier)', (pattern) => {
    expect(unsafePattern(pattern)).toBe('nested-quantifier');
  });

  it.each(['(a)\\1', '(?<x>a)\\k<x>', '(\\w+)\\s\\1'])('refuses %s (backreference)', (pattern) => {
    expect(unsafePattern(pattern)).toBe('backreference');
  });

  it.each([
    'MRN[:#]?\\s*(\\d+)',
    'DOB:\\s*(\\d{4}-\\d{2}-\\d{2})',
    '^(?:Mr|Ms|Dr)\\.?\\s+(.+)$',
    '([A-Z][a-z]+, [A-Z][a-z]+)',
    'Chart #(\\w{3,12})',
    '(\\d+)(?:\\s*kg)?',
    '[(+*]+(\\d)',
  ])('takes %s', (pattern) => {
    expect(unsafePattern(pattern)).toBeNull();
  });

  it('caps the text a pattern runs on to an identity field', () => {
    expect(PATTERN_INPUT_LIMIT).toBeLessThanOrEqual(1_000);
  });
});

describe('match patterns', () => {
  it('match with many stars in linear time', () => {
    const pattern = `https://ehr.example/${'*a'.repeat(30)}*b`;
    const url = new URL(`https://ehr.example/${'a'.repeat(5_000)}`);
    const started = performance.now();
    expect(matchesUrl(pattern, url)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it.each([
    ['https://ehr.example/chart/*', 'https://ehr.example/chart/1?pid=2', true],
    ['https://ehr.example/*/view', 'https://ehr.example/a/b/view', true],
    ['https://ehr.example/*/view', 'https://ehr.example/a/b/viewer', false],
    ['https://ehr.example/a*b*c', 'https://ehr.example/aXbYc', true],
    ['https://ehr.example/a*b*c', 'https://ehr.example/aXcYb', false],
    ['https://ehr.example/exact', 'https://ehr.example/exact', true],
    ['https://ehr.example/exact', 'https://ehr.example/exactly', false],
  ])('%s against %s: %s', (pattern, url, expected) => {
    expect(matchesUrl(pattern, new URL(url))).toBe(expected);
  });
});
