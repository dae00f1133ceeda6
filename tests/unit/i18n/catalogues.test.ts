/**
 * Every catalogue says everything English says, with the same placeholders: a Spanish-speaking
 * clinician must never meet an English sentence, a raw key, or a `{count}` left unfilled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_LANGUAGES, type Messages } from '../../../utils/i18n';

const LOCALES = resolve(process.cwd(), 'public/_locales');
const read = (language: string) =>
  JSON.parse(readFileSync(resolve(LOCALES, language, 'messages.json'), 'utf8')) as Messages;
const english = read('en');
const placeholders = (message: string) =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** A counted message (`key_one`, `key_other`, …) by its base key, with the categories it has. */
function pluralFamilies(messages: Messages): Map<string, string[]> {
  const families = new Map<string, string[]>();
  for (const key of Object.keys(messages)) {
    const match = /^(.+)_(zero|one|two|few|many|other)$/.exec(key);
    if (!match?.[1] || !match[2]) continue;
    families.set(match[1], [...(families.get(match[1]) ?? []), match[2]]);
  }
  return families;
}

describe('message catalogues', () => {
  it('lists exactly the languages that have a folder in public/_locales', () => {
    expect(readdirSync(LOCALES).sort()).toEqual([...CATALOGUE_LANGUAGES].sort());
  });

  describe.each(CATALOGUE_LANGUAGES.filter((language) => language !== 'en'))('%s', (language) => {
    const translated = read(language);

    it('has every English key and no key English lacks', () => {
      const englishKeys = Object.keys(english);
      expect(englishKeys.length).toBeGreaterThan(600);
      expect(englishKeys.filter((key) => !(key in translated))).toEqual([]);
      expect(Object.keys(translated).filter((key) => !(key in english))).toEqual([]);
    });

    it('has no empty message', () => {
      expect(
        Object.entries(translated)
          .filter(([, entry]) => typeof entry.message !== 'string' || entry.message.trim() === '')
          .map(([key]) => key),
      ).toEqual([]);
    });

    it('fills the same placeholders as English in every message', () => {
      const differing = Object.keys(english).filter(
        (key) =>
          key in translated &&
          placeholders(translated[key]?.message ?? '').join() !==
            placeholders(english[key]?.message ?? '').join(),
      );
      expect(differing).toEqual([]);
    });

    it('names itself, so the extension knows which catalogue the browser picked', () => {
      expect(translated.catalogueLanguage?.message).toBe(language);
    });

    it('has an "other" form for every counted message, and the forms its plural rules use', () => {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const [base, forms] of pluralFamilies(english)) {
        expect(forms, base).toContain('other');
        for (const category of categories) {
          // A category English lacks (Spanish "many": "1 millón de …") falls back to "other".
          if (category === 'many' && !(`${base}_many` in english)) continue;
          expect(`${base}_${category}` in translated, `${base}_${category}`).toBe(true);
        }
      }
    });
  });
});
