import { browser } from 'wxt/browser';

/**
 * Where Careside runs besides the bundled demo EHR: the EHR origins the clinic set by policy
 * (`ehrOrigins`) and the ones a user enabled from the popup. Each gets the same content script,
 * registered at runtime, and only where the browser has granted host access — Careside never
 * asks for `<all_urls>`.
 */
const SCRIPT_ID = 'careside-ehr-origins';
const FRAME_SCRIPT_ID = 'careside-ehr-frame-origins';
const USER_ORIGINS_KEY = 'userEnabledOrigins';

/** The content script file WXT builds from entrypoints/ehr.content. */
const CONTENT_SCRIPT_FILE = 'content-scripts/ehr.js';
/** The subframe reader WXT builds from entrypoints/ehr-frame.content (no UI). */
const FRAME_SCRIPT_FILE = 'content-scripts/ehr-frame.js';

export function originPattern(origin: string): string {
  return `${new URL(origin).origin}/*`;
}

export async function userEnabledOrigins(): Promise<string[]> {
  const stored = await browser.storage.local.get(USER_ORIGINS_KEY);
  const value = stored[USER_ORIGINS_KEY];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

export async function setUserOrigin(origin: string, enabled: boolean): Promise<void> {
  const pattern = originPattern(origin);
  const current = new Set(await userEnabledOrigins());
  if (enabled) current.add(pattern);
  else current.delete(pattern);
  await browser.storage.local.set({ [USER_ORIGINS_KEY]: [...current].sort() });
}

let patternsNow: Promise<string[]> | null = null;

/**
 * The match patterns Careside's content scripts run on: the manifest's (the bundled demo, in
 * builds that have it) and the ones registered from policy and the popup. A message from a frame
 * elsewhere is refused (background/senders.ts).
 */
export function enabledPatterns(): Promise<string[]> {
  patternsNow ??= (async () => {
    const declared = (browser.runtime.getManifest().content_scripts ?? []).flatMap(
      (script) => script.matches ?? [],
    );
    const registered = await browser.scripting
      .getRegisteredContentScripts({ ids: [SCRIPT_ID, FRAME_SCRIPT_ID] })
      .then((scripts) => scripts.flatMap((script) => script.matches ?? []))
      .catch(() => [] as string[]);
    return [...new Set([...declared, ...registered])];
  })();
  return patternsNow;
}

export interface OriginSync {
  registered: string[];
  /** Patterns that are configured but have no host access, in plain words for the popup/options. */
  withoutAccess: string[];
}

/**
 * Registers the content scripts for every configured pattern that has host access: the sidebar in
 * top documents, and the frame reader in every subframe (framed EHRs), including about:blank and
 * srcdoc frames through the origin fallback.
 */
export async function syncContentScriptOrigins(policyOrigins: string[]): Promise<OriginSync> {
  patternsNow = null;
  const wanted = [...new Set([...policyOrigins, ...(await userEnabledOrigins())])];
  const registered: string[] = [];
  const withoutAccess: string[] = [];
  for (const pattern of wanted) {
    const granted = await browser.permissions.contains({ origins: [pattern] }).catch(() => false);
    (granted ? registered : withoutAccess).push(pattern);
  }
  const ids = [SCRIPT_ID, FRAME_SCRIPT_ID];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids });
  if (existing.length > 0) {
    await browser.scripting.unregisterContentScripts({ ids: existing.map((script) => script.id) });
  }
  if (registered.length > 0) {
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: registered,
        js: [CONTENT_SCRIPT_FILE],
        runAt: 'document_end',
        // The sidebar mounts in the top document only; frames have their own reader.
        allFrames: false,
        persistAcrossSessions: true,
      },
      {
        id: FRAME_SCRIPT_ID,
        matches: registered,
        js: [FRAME_SCRIPT_FILE],
        runAt: 'document_end',
        allFrames: true,
        persistAcrossSessions: true,
        // matchOriginAsFallback reaches about:blank / srcdoc frames of an enabled origin.
        ...({ matchOriginAsFallback: true } as object),
      },
    ]);
  }
  patternsNow = null;
  return { registered, withoutAccess };
}
