import { browser } from 'wxt/browser';
import { t, uiLocale } from '../../utils/i18n/browser';
import type { LayoutSettings } from '../../utils/messaging';
import { type ResolvedSettings, resolveSettings } from '../../utils/policy/resolve';
import type { CaresideStorage } from '../../utils/storage';

/**
 * Effective settings: managed policy > the user's choices > safe defaults, recomputed whenever
 * either changes (`storage.onChanged` for the managed area), so a policy pushed while the
 * browser runs takes effect without a restart.
 */
/** The sidebar's layout as the clinic and the clinician set it; it always opens expanded. */
export function layoutOf(resolved: Pick<ResolvedSettings, 'effective'>): LayoutSettings {
  const { mode, width } = resolved.effective.layout;
  return { mode, width, collapsed: false };
}

export function createSettingsService(storage: CaresideStorage) {
  let cached: Promise<ResolvedSettings> | null = null;
  const listeners = new Set<(settings: ResolvedSettings) => void>();

  const readPolicy = async (): Promise<unknown> => {
    try {
      return await browser.storage.managed.get();
    } catch {
      // Firefox without a policies.json entry, or a browser without managed storage: no policy.
      return {};
    }
  };

  const resolve = async (): Promise<ResolvedSettings> =>
    resolveSettings(await readPolicy(), await storage.loadSettings(), { t, locale: uiLocale() });

  const refresh = () => {
    cached = resolve();
    void cached.then((settings) => {
      for (const listener of listeners) listener(settings);
    });
    return cached;
  };

  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void refresh();
  });

  return {
    current(): Promise<ResolvedSettings> {
      return cached ?? refresh();
    },
    refresh,
    onChange(listener: (settings: ResolvedSettings) => void) {
      listeners.add(listener);
    },
    async setUserValue(key: string, value: unknown): Promise<ResolvedSettings> {
      const user = await storage.loadSettings();
      await storage.saveSettings({ ...user, [key]: value });
      return refresh();
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
