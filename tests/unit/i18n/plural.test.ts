/**
 * Counted words come from the catalogue by `Intl.PluralRules`, never from an "s" added in code:
 * Spanish, English and every later language pick their own form.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator, translatePlural } from '../../../utils/i18n';
import { t } from '../components/helpers';
import { tEs } from './spanish';

describe('translatePlural', () => {
  it.each([
    ['en-US', 1, '1 day'],
    ['en-US', 7, '7 days'],
    ['en-US', 0, '0 days'],
  ])('in %s, %d reads "%s"', (locale, count, text) => {
    expect(translatePlural(t, locale, 'sidebarPromptSnoozeDays', count)).toBe(text);
  });

  it.each([
    [1, '1 día'],
    [7, '7 días'],
    [0, '0 días'],
    [1000, '1000 días'],
  ])('in Spanish, %d reads "%s"', (count, text) => {
    expect(translatePlural(tEs, 'es', 'sidebarPromptSnoozeDays', count)).toBe(text);
  });

  it('writes the count through Intl in the catalogue’s locale', () => {
    expect(translatePlural(t, 'en-US', 'sidebarTrendTableShow', 1260)).toBe(
      'All 1,260 scores as a table',
    );
    expect(translatePlural(tEs, 'es', 'sidebarTrendTableShow', 12600)).toBe(
      'Las 12.600 puntuaciones en una tabla',
    );
  });

  it('uses a category the language has (Arabic "two", Polish "few") and falls back to "other"', () => {
    const catalogue = createTranslator({
      thing_one: { message: 'one {count}' },
      thing_two: { message: 'two {count}' },
      thing_few: { message: 'few {count}' },
      thing_other: { message: 'other {count}' },
    });
    expect(translatePlural(catalogue, 'ar', 'thing', 2)).toBe('two 2');
    expect(translatePlural(catalogue, 'pl', 'thing', 3)).toBe('few 3');
    // Polish 5 is "many", which this catalogue lacks.
    expect(translatePlural(catalogue, 'pl', 'thing', 5)).toBe('other 5');
  });

  it('writes an age in years in Spanish with its number', () => {
    expect(translatePlural(tEs, 'es', 'sidebarIdentityAge', 1)).toBe('(1 año)');
    expect(translatePlural(tEs, 'es', 'sidebarIdentityAge', 38)).toBe('(38 años)');
    expect(translatePlural(t, 'en-US', 'sidebarIdentityAge', 1)).toBe('(age 1)');
  });

  it('fills the other placeholders alongside the count', () => {
    expect(
      translatePlural(tEs, 'es', 'sidebarTrendChartSummary', 1, {
        instrument: 'PHQ-9',
        from: '3 mar 2024',
        to: '3 mar 2024',
        latest: '14',
      }),
    ).toBe('PHQ-9: 1 puntuación, el 3 mar 2024, 14');
  });
});
