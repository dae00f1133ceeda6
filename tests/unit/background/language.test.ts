/**
 * The `language` setting in the background: "es" puts the Spanish catalogue into effect for what
 * the background writes (prompts, default contacts, problems) and mirrors it for the sidebars and
 * pages; "browser" goes back to the browser's own pick and removes the mirror.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSettingsService } from '../../../entrypoints/background/settings';
import {
  catalogueLanguage,
  installCatalogue,
  readChosenCatalogue,
  t,
  uiLocale,
} from '../../../utils/i18n/browser';
import type { CaresideStorage } from '../../../utils/storage';

const english = JSON.parse(
  readFileSync(resolve(process.cwd(), 'public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;

/** User settings as the options page saved them. */
const userSettings = (settings: Record<string, unknown>) =>
  ({ loadSettings: async () => settings }) as unknown as CaresideStorage;

beforeEach(() => {
  // The browser speaks English (US); the platform's catalogue is the English one.
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
    (key: string) => english[key]?.message ?? '',
  );
  vi.spyOn(fakeBrowser.storage.managed, 'get').mockResolvedValue({} as never);
  // The extension's own files, as `fetch(runtime.getURL(…))` reads them.
  vi.stubGlobal('fetch', async (url: string) => {
    const language = /_locales\/(\w+)\/messages\.json$/.exec(String(url))?.[1] ?? 'missing';
    const text = readFileSync(
      resolve(process.cwd(), `public/_locales/${language}/messages.json`),
      'utf8',
    );
    return { json: async () => JSON.parse(text) };
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  installCatalogue(null);
});

describe('the language setting in the background', () => {
  it('"es" writes the background’s messages, dates and default contacts in Spanish', async () => {
    const settings = createSettingsService(userSettings({ language: 'es' }));
    const resolved = await settings.current();
    expect(resolved.effective.language).toBe('es');
    expect(catalogueLanguage()).toBe('es');
    expect(t('sidebarSafetyTitle')).toBe('Plan de seguridad');
    // Dates in Spanish, not in the browser's English.
    expect(uiLocale()).toBe('es');
    expect(resolved.effective.crisisContacts[0]?.label).toBe(
      '988 Suicide & Crisis Lifeline: llame o envíe un mensaje de texto al 988',
    );
    const mirrored = await readChosenCatalogue();
    expect(mirrored?.language).toBe('es');
    expect(mirrored?.messages.sidebarPromptsTitle).toBe('Avisos');
  });

  it('"browser" follows the browser again and removes the mirrored catalogue', async () => {
    await createSettingsService(userSettings({ language: 'es' })).current();
    const resolved = await createSettingsService(userSettings({})).current();
    expect(resolved.effective.language).toBe('browser');
    expect(t('sidebarSafetyTitle')).toBe('Safety plan');
    expect(uiLocale()).toBe('en-US');
    expect(await readChosenCatalogue()).toBeNull();
  });

  it('keeps the browser’s regional form when it speaks the chosen language', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('es-MX');
    await createSettingsService(userSettings({ language: 'es' })).current();
    expect(uiLocale()).toBe('es-MX');
  });

  it('reports a language Careside has no catalogue for, and stays with the browser', async () => {
    const resolved = await createSettingsService(userSettings({ language: 'fr' })).current();
    expect(resolved.effective.language).toBe('browser');
    expect(resolved.problems.map((problem) => problem.key)).toContain('language');
    expect(catalogueLanguage()).toBe('en');
  });
});
