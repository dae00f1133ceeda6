import { browser } from 'wxt/browser';
import {
  type CatalogueLanguage,
  catalogueLanguageOf,
  fillPlaceholders,
  isCatalogueLanguage,
  localeFor,
  type Messages,
  type Translate,
} from './index';

/** A catalogue as it travels and is kept: each key's message, without the translators' notes. */
export interface Catalogue {
  language: CatalogueLanguage;
  messages: Record<string, string>;
}

/**
 * Each message as the platform gave it. `getMessage` crosses into the browser's extension
 * bindings on every call, and a sidebar render makes a few hundred; the catalogue cannot change
 * while a document lives (a new version of the extension starts new scripts), so each message is
 * fetched once.
 */
const templates = new Map<string, string>();

/** The catalogue the organization chose over the browser's language, once installed. */
let chosen: Catalogue | null = null;

/**
 * The translator for extension contexts: the catalogue the policy chose when one is installed,
 * else the one the platform picks for the browser's UI language from `_locales/`, falling back
 * to English.
 */
export const t: Translate = (key, substitutions) => {
  if (chosen) return fillPlaceholders(chosen.messages[key] ?? key, substitutions);
  let template = templates.get(key);
  if (template === undefined) {
    // The generated typing lists only keys it saw at build time; keys come from the catalogue.
    const getMessage = browser.i18n.getMessage as (name: string) => string;
    template = getMessage(key) || key;
    templates.set(key, template);
  }
  return fillPlaceholders(template, substitutions);
};

/**
 * Shows every later message from `catalogue` instead of the platform's pick; null goes back to
 * following the browser. Call it before the first render: what is on screen is not redrawn.
 */
export function installCatalogue(catalogue: Catalogue | null): void {
  chosen = catalogue;
  locale = undefined;
}

/** The language of the messages `t` gives: each catalogue names itself (`catalogueLanguage`). */
export function catalogueLanguage(): CatalogueLanguage {
  if (chosen) return chosen.language;
  return catalogueLanguageOf(t('catalogueLanguage')) ?? 'en';
}

let locale: string | undefined;

/**
 * The locale for dates and numbers: the catalogue's language, in the browser's regional form
 * when the two agree (`es-MX`), so dates never come out in another language than the words.
 */
export function uiLocale(): string {
  locale ??= localeFor(catalogueLanguage(), browser.i18n.getUILanguage() || 'en');
  return locale;
}

/** The packaged catalogue of `language`, read from the extension's own files. */
export async function loadCatalogue(language: CatalogueLanguage): Promise<Catalogue> {
  // `_locales` is not among the typed public paths; the file is the platform's own.
  const getURL = browser.runtime.getURL as (path: string) => string;
  const response = await fetch(getURL(`/_locales/${language}/messages.json`));
  const messages = (await response.json()) as Messages;
  return {
    language,
    messages: Object.fromEntries(
      Object.entries(messages).map(([key, { message }]) => [key, message]),
    ),
  };
}

/**
 * The organization's chosen catalogue, mirrored by the background into the extension's own
 * `storage.local`: a content script cannot read the extension's files without making them
 * readable by every page, and it must not wait for the service worker before its first paint.
 */
const CHOSEN_CATALOGUE_KEY = 'chosenCatalogue';

export async function saveChosenCatalogue(catalogue: Catalogue | null): Promise<void> {
  if (catalogue) await browser.storage.local.set({ [CHOSEN_CATALOGUE_KEY]: catalogue });
  else await browser.storage.local.remove(CHOSEN_CATALOGUE_KEY);
}

export async function readChosenCatalogue(): Promise<Catalogue | null> {
  try {
    const stored = (await browser.storage.local.get(CHOSEN_CATALOGUE_KEY))[CHOSEN_CATALOGUE_KEY] as
      | Partial<Catalogue>
      | undefined;
    if (!stored || !isCatalogueLanguage(stored.language) || typeof stored.messages !== 'object') {
      return null;
    }
    return { language: stored.language, messages: stored.messages };
  } catch {
    return null;
  }
}

/** For every extension page and the sidebar: show the organization's language if it chose one. */
export async function installChosenCatalogue(): Promise<void> {
  installCatalogue(await readChosenCatalogue());
}

/**
 * Calls `onChange` once the organization's language has changed and its catalogue is installed,
 * so an open sidebar can redraw in it; returns the function that stops watching.
 */
export function watchChosenCatalogue(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'local' || !(CHOSEN_CATALOGUE_KEY in changes)) return;
    void installChosenCatalogue().then(onChange);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
