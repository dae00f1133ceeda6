/**
 * One message catalogue for every user-facing string: `public/_locales/<lang>/messages.json`,
 * the extension platform's own format. A second language is a new file there, not a code change.
 *
 * Messages use `{name}` placeholders, filled by `translate`; numbers and dates are formatted by the
 * caller through `Intl` (see `format.ts`) before they are substituted.
 */
export type Messages = Record<string, { message: string; description?: string }>;
export type Translate = (key: string, substitutions?: Record<string, string | number>) => string;

/**
 * The languages that have a catalogue in `public/_locales/`, which a policy may choose for the
 * sidebar and a clinician may print a patient's copy in. A unit test holds this list to the
 * folders, so adding a language is adding its folder and its code here.
 */
export const CATALOGUE_LANGUAGES = ['en', 'es'] as const;
export type CatalogueLanguage = (typeof CATALOGUE_LANGUAGES)[number];

export function isCatalogueLanguage(value: unknown): value is CatalogueLanguage {
  return (CATALOGUE_LANGUAGES as readonly unknown[]).includes(value);
}

/**
 * The catalogue language for a BCP 47 tag such as `es-MX`, or null when Careside has none for it
 * (the platform then shows English, its `default_locale`).
 */
export function catalogueLanguageOf(tag: string): CatalogueLanguage | null {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return isCatalogueLanguage(primary) ? primary : null;
}

/**
 * The language of a translator's catalogue (each names itself in `catalogueLanguage`), for code
 * that has only the translator and writes numbers or dates into its messages.
 */
export function catalogueLocaleOf(t: Translate): CatalogueLanguage {
  return catalogueLanguageOf(t('catalogueLanguage')) ?? 'en';
}

/**
 * The locale dates and numbers are written in: the browser's own tag when it is a variant of the
 * catalogue's language (a clinician in Mexico keeps `es-MX` dates), otherwise the catalogue's
 * language itself, so a Spanish sidebar on an English browser does not mix in English dates.
 */
export function localeFor(language: CatalogueLanguage, browserTag: string): string {
  return catalogueLanguageOf(browserTag) === language ? browserTag : language;
}

export function fillPlaceholders(
  template: string,
  substitutions: Record<string, string | number> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in substitutions ? String(substitutions[name]) : whole,
  );
}

/** A translator over a loaded catalogue (command line, tests, or a catalogue passed in). */
export function createTranslator(messages: Messages): Translate {
  return (key, substitutions) => {
    const entry = messages[key];
    // A missing key shows itself rather than an empty string, so a gap in a catalogue is visible.
    return entry ? fillPlaceholders(entry.message, substitutions) : key;
  };
}

const pluralRules = new Map<string, Intl.PluralRules>();
const countFormats = new Map<string, Intl.NumberFormat>();

/**
 * A message that depends on a count: `key_one`, `key_other` (and `key_few`, `key_many`, … in a
 * language whose plural rules have them), chosen by `Intl.PluralRules` for `locale`, with
 * `{count}` written through `Intl.NumberFormat`. A category the catalogue lacks falls back to
 * `key_other`, which every counted message has.
 */
export function translatePlural(
  t: Translate,
  locale: string,
  key: string,
  count: number,
  substitutions: Record<string, string | number> = {},
): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  let format = countFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    countFormats.set(locale, format);
  }
  const filled = { count: format.format(count), ...substitutions };
  const exact = `${key}_${rules.select(count)}`;
  const text = t(exact, filled);
  return text === exact ? t(`${key}_other`, filled) : text;
}
