import { browser } from 'wxt/browser';
import { fillPlaceholders, type Translate } from './index';

/**
 * Each message as the platform gave it. `getMessage` crosses into the browser's extension
 * bindings on every call, and a sidebar render makes a few hundred; the catalogue cannot change
 * while a document lives (a new version of the extension starts new scripts), so each message is
 * fetched once.
 */
const templates = new Map<string, string>();

/**
 * The translator for extension contexts: the platform picks the catalogue for the browser's UI
 * language from `_locales/`, falling back to English.
 */
export const t: Translate = (key, substitutions) => {
  let template = templates.get(key);
  if (template === undefined) {
    // The generated typing lists only keys it saw at build time; keys come from the catalogue.
    const getMessage = browser.i18n.getMessage as (name: string) => string;
    template = getMessage(key) || key;
    templates.set(key, template);
  }
  return fillPlaceholders(template, substitutions);
};

let locale: string | undefined;

/** The browser's UI language, which, like the catalogue, stays put while a document lives. */
export function uiLocale(): string {
  locale ??= browser.i18n.getUILanguage() || 'en';
  return locale;
}
