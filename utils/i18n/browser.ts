import { browser } from 'wxt/browser';
import { fillPlaceholders, type Translate } from './index';

/**
 * The translator for extension contexts: the platform picks the catalogue for the browser's UI
 * language from `_locales/`, falling back to English.
 */
export const t: Translate = (key, substitutions) => {
  const template = browser.i18n.getMessage(key);
  return fillPlaceholders(template || key, substitutions);
};

export function uiLocale(): string {
  return browser.i18n.getUILanguage() || 'en';
}
