import { browser } from 'wxt/browser';
import { fillPlaceholders, type Translate } from './index';

/**
 * The translator for extension contexts: the platform picks the catalogue for the browser's UI
 * language from `_locales/`, falling back to English.
 */
export const t: Translate = (key, substitutions) => {
  // The generated typing lists only keys it saw at build time; keys come from the catalogue.
  const getMessage = browser.i18n.getMessage as (name: string) => string;
  const template = getMessage(key);
  return fillPlaceholders(template || key, substitutions);
};

export function uiLocale(): string {
  return browser.i18n.getUILanguage() || 'en';
}
