/**
 * "Teach Careside this page" on the background's side (issue 21, item 1): it starts the pack
 * builder in the tab the popup named, for that tab's site only, and passes messages between the
 * builder's panel (top frame) and the builder in each frame, which cannot reach each other
 * directly. It keeps which site each tab's builder is for (the sender rule `builder-frame`) and
 * the step now armed; never what a click picked or what the preview read (patient data).
 *
 * "Check a pack" on the options page (issue 21, item 3) runs the same builder without its panel:
 * every frame reads the pasted pack and reports, and the background hands each frame's reading to
 * the options page (`builder:checked`) without keeping it.
 */
import { browser } from 'wxt/browser';
import type { SelectorPack } from '../../utils/ehr/packs/format';
import type { BuilderSteer, RequestOf } from '../../utils/messaging';
import { sendMessage, sendToTab } from '../../utils/messaging';

const SCRIPT_ID = 'careside-pack-builder';
/** The content script WXT builds from entrypoints/builder.content (registered at run time only). */
const BUILDER_FILE = '/content-scripts/builder.js';
/** Which site each tab's builder was started for, kept while the worker sleeps. */
const SESSION_KEY = 'packBuilders';

interface BuilderSession {
  origin: string;
  steer: BuilderSteer;
}

const IDLE: BuilderSteer = { armed: null, pack: null, open: true };

export type StartResult =
  | { ok: true }
  | { ok: false; reason: 'not-allowed' | 'no-site' | 'no-access' | 'failed'; detail?: string };

export function createBuilderService() {
  let sessions: Map<number, BuilderSession> | null = null;

  const load = async (): Promise<Map<number, BuilderSession>> => {
    if (sessions) return sessions;
    const stored = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY] as
      | [number, BuilderSession][]
      | undefined;
    sessions = new Map(Array.isArray(stored) ? stored : []);
    return sessions;
  };
  const save = async () => {
    await browser.storage.session.set({ [SESSION_KEY]: [...(await load())] });
  };

  /** One registration for every site a builder runs on: frames that load later get it too. */
  const syncRegistration = async () => {
    const patterns = [...new Set([...(await load()).values()].map((s) => `${s.origin}/*`))];
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    if (patterns.length === 0) return;
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: patterns,
        js: [BUILDER_FILE],
        runAt: 'document_end',
        allFrames: true,
        persistAcrossSessions: false,
        // about:blank and srcdoc frames, which old EHRs fill from script.
        ...({ matchOriginAsFallback: true } as object),
      },
    ]);
  };

  /** Every frame of the tab gets the steer; frames without the builder ignore it. */
  const broadcast = async (tabId: number, steer: BuilderSteer) => {
    const envelope = { careside: 1, type: 'builder:steered', data: steer };
    await browser.tabs.sendMessage(tabId, envelope).catch(() => undefined);
  };

  const stop = async (tabId: number) => {
    const all = await load();
    if (!all.delete(tabId)) return;
    await save();
    await syncRegistration().catch(() => undefined);
    await broadcast(tabId, { armed: null, pack: null, open: false });
  };

  return {
    /** The site the builder runs for in a tab, or null: the sender rule asks it. */
    async originOf(tabId: number): Promise<string | null> {
      return (await load()).get(tabId)?.origin ?? null;
    },

    async start(tabId: number, allowed: boolean, check?: SelectorPack): Promise<StartResult> {
      if (!allowed) return { ok: false, reason: 'not-allowed' };
      const running = (await load()).get(tabId);
      // The builder's panel in the tab closes first: a check shows no panel. A check already
      // running reads the new pack in the frames it runs in (started again below for the others).
      if (check && running && !running.steer.check) await stop(tabId);
      const tab = await browser.tabs.get(tabId).catch(() => null);
      let origin: string | null = null;
      try {
        const url = new URL(tab?.url ?? '');
        if (url.protocol === 'https:' || url.protocol === 'http:') origin = url.origin;
      } catch {
        origin = null;
      }
      if (origin === null) return { ok: false, reason: 'no-site' };
      const granted = await browser.permissions
        .contains({ origins: [`${origin}/*`] })
        .catch(() => false);
      if (!granted) return { ok: false, reason: 'no-access' };
      const steer: BuilderSteer = check ? { ...IDLE, pack: check, check: true } : IDLE;
      (await load()).set(tabId, { origin, steer });
      await save();
      if (check && running?.steer.check && running.origin === origin) await broadcast(tabId, steer);
      try {
        await syncRegistration();
        await browser.scripting.executeScript({
          target: { tabId, allFrames: true },
          files: [BUILDER_FILE],
        });
      } catch (error) {
        await stop(tabId);
        return {
          ok: false,
          reason: 'failed',
          detail: error instanceof Error ? error.message : String(error),
        };
      }
      return { ok: true };
    },

    async join(tabId: number): Promise<BuilderSteer> {
      return (await load()).get(tabId)?.steer ?? { ...IDLE, open: false };
    },

    async steer(tabId: number, steer: BuilderSteer): Promise<void> {
      const session = (await load()).get(tabId);
      // A check is steered by the options page alone: it has no panel in the page.
      if (!session || session.steer.check) return;
      session.steer = steer;
      await save();
      await broadcast(tabId, steer);
    },

    /** A click's choice goes to the panel only (the top frame), never to the other frames. */
    async pick(tabId: number, pick: RequestOf<'builder:pick'>): Promise<void> {
      if ((await load()).get(tabId)?.steer.check) return;
      await sendToTab(tabId, 'builder:chosen', pick, 0).catch(() => undefined);
    },

    async read(tabId: number, reading: RequestOf<'builder:read'>): Promise<void> {
      if ((await load()).get(tabId)?.steer.check) {
        // To the options page that asked; none open (it was closed) is no error.
        await sendMessage('builder:checked', { ...reading, tabId }).catch(() => undefined);
        return;
      }
      await sendToTab(tabId, 'builder:frame-preview', reading, 0).catch(() => undefined);
    },

    stop,

    /** A tab that closes or leaves the site ends its builder. */
    async tabChanged(tabId: number, url: string | undefined): Promise<void> {
      const session = (await load()).get(tabId);
      if (!session) return;
      let origin: string | null = null;
      try {
        origin = url === undefined ? null : new URL(url).origin;
      } catch {
        origin = null;
      }
      if (url === undefined || origin !== session.origin) await stop(tabId);
    },
  };
}
