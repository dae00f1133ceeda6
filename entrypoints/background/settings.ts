import { browser } from 'wxt/browser';
import {
  type Catalogue,
  catalogueLanguage,
  installCatalogue,
  loadCatalogue,
  saveChosenCatalogue,
  t,
  uiLocale,
} from '../../utils/i18n/browser';
import type { LayoutSettings } from '../../utils/policy/layout';
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

/** The managed policy as last read, in storage.local: configuration only, never patient data. */
const KNOWN_POLICY_KEY = 'lastManagedPolicy';

const readPolicy = async (): Promise<unknown> => {
  try {
    return await browser.storage.managed.get();
  } catch {
    // Firefox without a policies.json entry, or a browser without managed storage: no policy.
    return {};
  }
};

const readKnownPolicy = async (): Promise<unknown> => {
  try {
    return (await browser.storage.local.get(KNOWN_POLICY_KEY))[KNOWN_POLICY_KEY];
  } catch {
    return undefined;
  }
};

export function createSettingsService(storage: CaresideStorage) {
  let cached: Promise<ResolvedSettings> | null = null;
  const listeners = new Set<(settings: ResolvedSettings) => void>();

  let catalogue: Promise<Catalogue> | null = null;
  /** The language last mirrored for the sidebars; unknown after the service worker starts. */
  let mirrored: string | undefined;

  /**
   * Puts the language the settings choose into effect here, and mirrors it for the sidebars and
   * extension pages (`installChosenCatalogue`). Returns whether the background's own language
   * changed, in which case what was just resolved (the default contacts' names, the problems)
   * is in the old one.
   */
  const applyLanguage = async (language: ResolvedSettings['effective']['language']) => {
    const before = catalogueLanguage();
    if (language === 'browser') {
      installCatalogue(null);
      catalogue = null;
    } else {
      if (!catalogue || (await catalogue.catch(() => null))?.language !== language) {
        catalogue = loadCatalogue(language);
      }
      installCatalogue(await catalogue);
    }
    // Written only when it changes: every settings refresh would otherwise rewrite the whole
    // catalogue (some 60 KB) into storage.
    if (mirrored !== language) {
      await saveChosenCatalogue(catalogue ? await catalogue : null);
      mirrored = language;
    }
    return catalogueLanguage() !== before;
  };

  const resolveWith = async (policy: unknown): Promise<ResolvedSettings> => {
    const user = await storage.loadSettings();
    const resolved = resolveSettings(policy, user, { t, locale: uiLocale() });
    let changed = false;
    try {
      changed = await applyLanguage(resolved.effective.language);
    } catch {
      // The chosen catalogue could not be read: Careside stays in the browser's language, and
      // the next refresh tries to read it again.
      installCatalogue(null);
      catalogue = null;
    }
    return changed ? resolveSettings(policy, user, { t, locale: uiLocale() }) : resolved;
  };

  /** Tells the listeners, unless newer settings have been asked for in the meantime. */
  const notify = (settings: Promise<ResolvedSettings>) => {
    void settings.then(
      (resolved) => {
        if (cached !== settings) return;
        for (const listener of listeners) listener(resolved);
      },
      // Whoever asked for these settings is told why they could not be resolved.
      () => undefined,
    );
  };

  /**
   * Chromium answers `storage.managed.get` only once its policy service is ready: 3–6 s after a
   * browser start on this machine, policy or none, and every chart opened meanwhile waited for
   * it. So the policy as last read stands in until the browser answers — for what the sidebar
   * shows only: the listeners, which act on settings (registering the EHR origins, purging by
   * the retention period, refreshing open sidebars), hear only of settings the browser's answer
   * confirmed, or the ones resolved again from it when it differs (the policy changed while the
   * browser was closed). A first install has no policy read yet, and waits.
   */
  const refresh = ({ policyChanged = false } = {}): Promise<ResolvedSettings> => {
    const live = readPolicy();
    void live.then((policy) =>
      browser.storage.local.set({ [KNOWN_POLICY_KEY]: policy }).catch(() => undefined),
    );
    const first = Promise.race([
      live.then((policy) => ({ policy, standIn: false })),
      // A policy the browser just announced as changed is ready: no stand-in for it.
      readKnownPolicy().then((known) =>
        known === undefined || policyChanged
          ? live.then((policy) => ({ policy, standIn: false }))
          : { policy: known, standIn: true },
      ),
    ]);
    const settings = first.then(({ policy }) => resolveWith(policy));
    cached = settings;
    void first.then(async ({ policy, standIn }) => {
      if (!standIn) {
        notify(settings);
        return;
      }
      const answer = await live;
      if (cached !== settings) return;
      if (JSON.stringify(answer) === JSON.stringify(policy)) {
        notify(settings);
      } else {
        cached = resolveWith(answer);
        notify(cached);
      }
    });
    return settings;
  };

  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void refresh({ policyChanged: true });
  });

  return {
    current(): Promise<ResolvedSettings> {
      return cached ?? refresh();
    },
    /**
     * The settings as far as they are known now, without waiting for the browser's answer on
     * the managed policy: the policy as last read, or none on a first start. For showing the
     * user's own settings at once; `pending` says a later answer may still lock some of them.
     */
    async asKnown(): Promise<{ resolved: ResolvedSettings; pending: boolean }> {
      const current = cached ?? refresh();
      const answered = await Promise.race([
        current.then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 0)),
      ]);
      if (answered) return { resolved: await current, pending: false };
      return { resolved: await resolveWith((await readKnownPolicy()) ?? {}), pending: true };
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
