/**
 * The one message protocol between the content scripts, the background, the options page and the
 * popup. Every message has a type in `ProtocolMap`, a typed request and a typed response; there is
 * no other channel. Nothing here is ever posted to the EHR page's window.
 *
 * Messages that act on a patient carry the `fingerprint` the sender is showing. The background
 * refuses them when the tab has since moved to another patient, so an edit typed a moment before a
 * patient change can never land on the wrong chart.
 */
import { type Browser, browser } from 'wxt/browser';
import type { OverrideReason } from './clinical/override-reasons';
import type { CrisisContact, SafetyPlan } from './clinical/safety-plan';
import type { IsoDate, PatientContext, PatientIdentity, ScoreEntry } from './clinical/types';
import type { FrameSnapshot } from './ehr/frames/merge';
import type { BuilderDraft } from './ehr/packs/builder-draft';
import type { SelectorPack } from './ehr/packs/format';
import type { FrameSelectorFacts } from './ehr/packs/pack-check';
import type { PageReading } from './ehr/types';
import type { WireReading } from './ehr/wire';
import type { CatalogueLanguage } from './i18n';
import type { PatientView } from './patient-view';
import type { LayoutSettings } from './policy/layout';

/** A subframe's snapshot as sent: the background adds the frame id and unpacks the reading. */
export type FrameReport = Omit<FrameSnapshot, 'frameId' | 'reading'> & { reading: WireReading };

export interface SafetyPlanPrint {
  plan: SafetyPlan;
  patientName: string | null;
  crisisContacts: CrisisContact[];
  naloxoneApplicable: boolean;
  printedOn: IsoDate;
  language: CatalogueLanguage;
}

export type SaveSafetyPlanResult =
  | { ok: true; revision: number }
  | { ok: false; reason: 'conflict'; current: SafetyPlan; revision: number }
  | { ok: false; reason: 'patient-changed' | 'not-confirmed' | 'storage-error'; message: string };

export interface TabStatus {
  enabled: boolean;
  adapter: string | null;
  confidence: PageReading['confidence'] | null;
  identityConfirmed: boolean;
  problems: string[];
  policyProblems: string[];
  /** The `packAuthors` setting: the popup offers "Teach Careside this page". */
  packAuthors: boolean;
}

/** One row of the options page: a setting, its effective value and where it came from. */
export interface SettingRow {
  key: string;
  value: unknown;
  source: 'policy' | 'user' | 'default';
  locked: boolean;
}

export interface SettingsView {
  rows: SettingRow[];
  problems: { key: string; message: string }[];
  /**
   * True when the browser has not yet answered for the organization's policy: the rows are the
   * user's own settings over the policy as last read (none on a first start), and a value may
   * still become locked once it answers.
   */
  policyPending?: boolean;
}

export interface AuditRow {
  at: string;
  type: string;
  patientKey: string | null;
  ruleId?: string;
  reason?: string;
}

/** Counts only: what an export file holds, never names or record numbers. */
export interface ExportSummary {
  patients: number;
  scores: number;
  safetyPlans: number;
  dismissals: number;
}

/** What an import did, or would do: counts, and the records kept because stored ones are newer. */
export interface ImportPreview extends ExportSummary {
  /** Safety plans in the file that are older than the stored ones, which are kept. */
  safetyPlansKept: number;
  /** Bundles refused (no identifier, malformed), with the reason in plain words. */
  refused: string[];
}

/** The SMART session as the options page shows it: who, until when; never a token. */
export interface AuthStatusView {
  /** The clinic configured SMART sign-in (a FHIR server and a client ID). */
  available: boolean;
  signedIn: boolean;
  userName: string | null;
  fhirUser: string | null;
  expiresAt: number | null;
}

/** What the pack builder asks of every frame of its tab now (entrypoints/builder.content). */
export interface BuilderSteer {
  /** The step a click answers now, or null: the page behaves as usual (no picking). */
  armed: {
    stepId: string;
    kind: 'field' | 'row' | 'cell';
    /** For a cell: the rows it is in (the row step's selector). */
    rowSelector?: string;
  } | null;
  /** The pack as built so far, when valid: each frame reads it for the preview. */
  pack: SelectorPack | null;
  /** False once the admin closed the builder: every frame takes its highlight away. */
  open: boolean;
  /**
   * "Check a pack" from the options page: the frames only read `pack` and report, no panel is
   * shown and nothing is picked (the page is not changed).
   */
  check?: boolean;
  /**
   * The panel's work, kept by the background while the admin opens another patient (a new page
   * loads a new panel). No patient data: `draft` holds selectors and frames, `firstPatient` is a
   * digest (SHA-256 where the page allows) of the first patient's identity, for "the identity changed".
   */
  saved?: { draft: BuilderDraft; stepId: string | null; firstPatient: string | null };
}

/** A click in some frame chose an element for the armed step. */
export interface BuilderPick {
  stepId: string;
  /** Null: Careside found no selector that finds this element and no other. */
  selector: string | null;
  count: number;
  /** The element's text, shown beside the step while the builder is open; never stored. */
  sample: string;
  url: string;
  namePath: string[] | null;
  isTop: boolean;
}

/** What the pack being built reads in one frame (its reading's wire form). */
export interface BuilderFrameReading {
  url: string;
  namePath: string[] | null;
  isTop: boolean;
  reading: WireReading;
  /** What each of the pack's selectors finds in this frame (utils/ehr/packs/pack-check.ts). */
  facts?: FrameSelectorFacts;
}

export interface ProtocolMap {
  /** Content script → background, at start: the clinic's selector packs for this page. */
  'content:config': {
    request: Record<string, never>;
    /** The packs as the background validated them (validateSelectorPacks). */
    response: { packs: SelectorPack[]; layout: LayoutSettings };
  };
  /**
   * Top frame → background: the banner is up for a patient the page's reader is sure of, and the
   * chart is being read. The background reads the patient's stored records meanwhile; nothing is
   * shown from this message alone.
   */
  'patient:expect': {
    request: { identity: PatientIdentity };
    response: { ok: true };
  };
  /** Top frame → background: the page was read (first load or after a patient change). */
  'patient:open': {
    request: {
      /** The page's reading in its wire form (utils/ehr/wire.ts). */
      reading: WireReading;
      url: string;
      fingerprint: string;
      /** The patient key the top document shows (see `EhrAdapter.patientKey`), or null. */
      patientKey: string | null;
      /** When the top document started loading (epoch ms). */
      documentLoadedAt: number;
      /** When the identity on the page last changed (epoch ms): frames older than this wait. */
      identityChangedAt: number;
    };
    response: PatientView;
  };
  /** Subframe → background: what the frame's document shows, at load and whenever it changes. */
  'frame:snapshot': { request: FrameReport; response: { ok: true } };
  /** Subframe → background: the frame's document is going away, and its data with it. */
  'frame:gone': { request: { loadedAt: number }; response: { ok: true } };
  /**
   * Background → top frame: the view recomputed after a frame reported. The content script shows
   * it only while it still shows the patient of `fingerprint`.
   */
  'patient:update': { request: PatientView; response: { shown: boolean } };
  /** The clinician confirmed that an unconfirmed identity is the chart's patient. */
  'patient:confirm': { request: { fingerprint: string }; response: PatientView };
  'score:enter': {
    request: { fingerprint: string; entry: ScoreEntry };
    response: { ok: true; view: PatientView } | { ok: false; message: string };
  };
  'safety-plan:save': {
    request: { fingerprint: string; plan: SafetyPlan; expectedRevision: number };
    response: SaveSafetyPlanResult;
  };
  'prompt:dismiss': {
    request: {
      fingerprint: string;
      promptId: string;
      factsKey: string;
      reason: OverrideReason;
      snoozeDays?: number;
    };
    response: { ok: true; view: PatientView } | { ok: false; message: string };
  };
  /** The clinician keeps the clinic record's version of a conflicting safety plan. */
  'record:keep-theirs': {
    request: { fingerprint: string };
    response: { ok: true; view: PatientView } | { ok: false; message: string };
  };
  /**
   * The sidebar's "Sign in" for the clinic record: opens the clinic's SMART sign-in window. Only
   * the top frame of an enabled EHR may ask, and it learns whether it worked, never a token.
   */
  'record:sign-in': {
    request: { fingerprint: string };
    response: { ok: true; view: PatientView } | { ok: false; message: string };
  };
  /** A CDS service's card dismissed with a reason: hidden, and the service gets the feedback. */
  'cds:dismiss': {
    request: { fingerprint: string; serviceId: string; uuid: string; reason: OverrideReason };
    response: { ok: true; view: PatientView } | { ok: false; message: string };
  };
  /** Options page: the SMART session's state, and signing in and out. */
  'auth:status': { request: Record<string, never>; response: AuthStatusView };
  'auth:sign-in': {
    request: Record<string, never>;
    response: { ok: true; status: AuthStatusView } | { ok: false; message: string };
  };
  'auth:sign-out': { request: Record<string, never>; response: AuthStatusView };
  /** Opens the printable patient copy of the safety plan in an extension page. */
  /** The patient's copy, in the patient's language (chosen when printing, not the sidebar's). */
  'safety-plan:print': {
    request: { fingerprint: string; language: CatalogueLanguage };
    response: { ok: boolean };
  };
  /** The print page fetches what it prints, once, by the token in its URL. */
  'safety-plan:print-data': { request: { token: string }; response: SafetyPlanPrint | null };
  'layout:save': { request: LayoutSettings; response: { ok: true } };
  /** Popup → background: what Careside sees on a tab. */
  'tab:status': { request: { tabId: number }; response: TabStatus };
  /**
   * `npm run inspect` → background (from an extension page): what Careside read on a tab and the
   * view its sidebar gets, with the policy problems, so clinic IT can check a selector pack.
   */
  'inspect:tab': {
    request: { tabId: number };
    response: {
      reading: PageReading | null;
      /**
       * The chart the view was built from: the top document's reading joined by the data of the
       * frames that show its patient (each value's provenance names its frame). Null without a
       * patient.
       */
      chart: PatientContext | null;
      view: PatientView | null;
      policyProblems: { key: string; message: string }[];
    };
  };
  /** Popup → background: after the user granted host access for an origin. */
  'site:enable': { request: { origin: string }; response: { ok: boolean; message?: string } };
  'site:disable': { request: { origin: string }; response: { ok: boolean } };
  /** Options page → background. */
  /**
   * `as-known` answers at once, without waiting for the browser's managed storage (seconds after
   * a browser start); `wait` (the default) answers once the policy is read.
   */
  'settings:get': { request: { policy?: 'wait' | 'as-known' }; response: SettingsView };
  'settings:set': {
    request: { key: string; value: unknown };
    response: { ok: true; view: SettingsView } | { ok: false; message: string };
  };
  'audit:read': { request: { limit: number }; response: AuditRow[] };
  /** What an export would hold, shown to the user before anything is written. */
  'data:export-preview': { request: Record<string, never>; response: ExportSummary };
  /**
   * Every stored patient as one FHIR R4 Bundle per patient, encrypted under the passphrase the
   * user typed (utils/storage/export-file.ts), for the clinic's records. Audit-logged.
   */
  'data:export': {
    request: { passphrase: string };
    response: { fileName: string; text: string; summary: ExportSummary };
  };
  /** Decrypts and validates an export file and says what importing it would do; writes nothing. */
  'data:import-preview': {
    request: { text: string; passphrase: string };
    response: { ok: true; summary: ImportPreview } | { ok: false; message: string };
  };
  /** Imports an export file: never overwrites a newer stored record. */
  'data:import': {
    request: { text: string; passphrase: string };
    response: { ok: true; summary: ImportPreview } | { ok: false; message: string };
  };
  'data:wipe': { request: { scope: 'all' }; response: { ok: true } };
  /**
   * Popup → background: start "Teach Careside this page" in a tab, after the user granted host
   * access for its site. Refused unless the `packAuthors` setting is on.
   */
  'builder:start': { request: { tabId: number }; response: { ok: boolean; message?: string } };
  /** Builder in a frame → background, at load: what to do (a frame loaded mid-way joins in). */
  'builder:join': { request: Record<string, never>; response: BuilderSteer };
  /** Builder's panel (top frame) → background: the step now armed and the pack so far. */
  'builder:steer': { request: BuilderSteer; response: { ok: true } };
  /** Background → the builder in every frame of the tab. */
  'builder:steered': { request: BuilderSteer; response: { ok: true } };
  /** Builder in a frame → background, which hands it to the panel (`builder:chosen`). */
  'builder:pick': { request: BuilderPick; response: { ok: true } };
  'builder:chosen': { request: BuilderPick; response: { ok: true } };
  /** Builder in a frame → background, which hands it to the panel (`builder:frame-preview`). */
  'builder:read': { request: BuilderFrameReading; response: { ok: true } };
  'builder:frame-preview': { request: BuilderFrameReading; response: { ok: true } };
  /** Builder's panel → background: the admin closed the builder; it leaves every frame. */
  'builder:stop': { request: Record<string, never>; response: { ok: true } };
  /**
   * Options page → background: "Check a pack" in a tab, after the user granted host access for
   * its site. Every frame reads `pack` with the builder's reader; no `packAuthors` needed, since
   * the check shows, stores nothing and leaves the page as it is.
   */
  'builder:check': {
    request: { tabId: number; pack: SelectorPack };
    response: { ok: boolean; message?: string };
  };
  /** Options page → background: the check is over; the reader leaves every frame of the tab. */
  'builder:check-stop': { request: { tabId: number }; response: { ok: true } };
  /** Background → extension pages: what the checked pack read in one frame of the tab. */
  'builder:checked': {
    request: BuilderFrameReading & { tabId: number };
    response: { ok: true };
  };
  /** Background or popup → content script of a tab. */
  'sidebar:toggle': { request: Record<string, never>; response: { visible: boolean } };
}

export type MessageType = keyof ProtocolMap;

/**
 * Who may send each message to the background (docs/security.md, "Trust boundary"). Content
 * scripts run inside EHR pages that may carry hostile script, so the background answers:
 *
 * - `extension-page`: only the extension's own pages (options, popup, print page) — everything
 *   that reads across patients or tabs, changes settings or moves data in or out;
 * - `ehr-top-frame`: only the top document of an enabled EHR origin, while it is the tab's
 *   active document — everything about the patient that document shows;
 * - `ehr-subframe`: only a subframe of an enabled EHR origin, while it is active;
 * - `ehr-subframe-leaving`: a subframe of an enabled EHR origin in any state: it can only take
 *   its own data away as its document goes;
 * - `ehr-frame`: either of the top frame or a subframe;
 * - `builder-frame`: a frame of the tab where an extension page started the pack builder, of
 *   the site it was started for, while that builder runs — never another tab or site, so a page
 *   cannot start, steer or read the builder;
 * - `builder-top-frame`: the same, top frame only (the builder's panel);
 * - `to-content-script`: nobody; the background or the popup sends it to a tab's content script;
 * - `to-extension-page`: nobody; the background sends it to the extension's own pages.
 *
 * `satisfies Record<MessageType, …>`: a message cannot be added without saying who may send it.
 */
export type SenderRule =
  | 'extension-page'
  | 'ehr-top-frame'
  | 'ehr-subframe'
  | 'ehr-subframe-leaving'
  | 'ehr-frame'
  | 'builder-frame'
  | 'builder-top-frame'
  | 'to-content-script'
  | 'to-extension-page';

export const MESSAGE_SENDERS = {
  'content:config': 'ehr-frame',
  'patient:expect': 'ehr-top-frame',
  'patient:open': 'ehr-top-frame',
  'frame:snapshot': 'ehr-subframe',
  'frame:gone': 'ehr-subframe-leaving',
  'patient:update': 'to-content-script',
  'patient:confirm': 'ehr-top-frame',
  'score:enter': 'ehr-top-frame',
  'safety-plan:save': 'ehr-top-frame',
  'prompt:dismiss': 'ehr-top-frame',
  'record:keep-theirs': 'ehr-top-frame',
  'record:sign-in': 'ehr-top-frame',
  'cds:dismiss': 'ehr-top-frame',
  'auth:status': 'extension-page',
  'auth:sign-in': 'extension-page',
  'auth:sign-out': 'extension-page',
  'safety-plan:print': 'ehr-top-frame',
  'safety-plan:print-data': 'extension-page',
  'layout:save': 'ehr-top-frame',
  'tab:status': 'extension-page',
  'inspect:tab': 'extension-page',
  'site:enable': 'extension-page',
  'site:disable': 'extension-page',
  'settings:get': 'extension-page',
  'settings:set': 'extension-page',
  'audit:read': 'extension-page',
  'data:export-preview': 'extension-page',
  'data:export': 'extension-page',
  'data:import-preview': 'extension-page',
  'data:import': 'extension-page',
  'data:wipe': 'extension-page',
  'builder:start': 'extension-page',
  'builder:join': 'builder-frame',
  'builder:steer': 'builder-top-frame',
  'builder:steered': 'to-content-script',
  'builder:pick': 'builder-frame',
  'builder:chosen': 'to-content-script',
  'builder:read': 'builder-frame',
  'builder:frame-preview': 'to-content-script',
  'builder:stop': 'builder-top-frame',
  'builder:check': 'extension-page',
  'builder:check-stop': 'extension-page',
  'builder:checked': 'to-extension-page',
  'sidebar:toggle': 'to-content-script',
} as const satisfies Record<MessageType, SenderRule>;
export type RequestOf<K extends MessageType> = ProtocolMap[K]['request'];
export type ResponseOf<K extends MessageType> = ProtocolMap[K]['response'];

interface Envelope<K extends MessageType = MessageType> {
  careside: 1;
  type: K;
  data: RequestOf<K>;
}

/** Errors thrown by a handler travel back as this shape and are re-thrown on the caller's side. */
interface ErrorReply {
  caresideFailure: string;
}

function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Envelope).careside === 1 &&
    typeof (message as Envelope).type === 'string'
  );
}

function unwrap<T>(reply: unknown): T {
  if (typeof reply === 'object' && reply !== null && 'caresideFailure' in reply) {
    throw new Error((reply as ErrorReply).caresideFailure);
  }
  return reply as T;
}

export async function sendMessage<K extends MessageType>(
  type: K,
  data: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { careside: 1, type, data };
  return unwrap<ResponseOf<K>>(await browser.runtime.sendMessage(envelope));
}

export async function sendToTab<K extends MessageType>(
  tabId: number,
  type: K,
  data: RequestOf<K>,
  frameId = 0,
): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { careside: 1, type, data };
  return unwrap<ResponseOf<K>>(await browser.tabs.sendMessage(tabId, envelope, { frameId }));
}

export type Handlers = {
  [K in MessageType]?: (
    data: RequestOf<K>,
    sender: Browser.runtime.MessageSender,
  ) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

/**
 * Registers handlers for the message types this context answers. Messages from other
 * extensions or from web pages never reach `runtime.onMessage`; messages of types this context
 * does not handle are left for other listeners. Returns the function that removes the listener.
 */
export function onMessages(handlers: Handlers): () => void {
  // Answered through `sendResponse` and `return true`, not a returned promise: content scripts
  // use the browser's own API (no polyfill, see wxt.config.ts), and Chromium's `chrome` only
  // keeps the channel open for `true`. The polyfill in the background honours the same contract.
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (reply: unknown) => void,
  ) => {
    if (!isEnvelope(message)) return undefined;
    const handler = handlers[message.type] as
      | ((data: unknown, sender: Browser.runtime.MessageSender) => unknown)
      | undefined;
    if (!handler) return undefined;
    Promise.resolve()
      .then(() => handler(message.data, sender))
      .catch(
        (error: unknown): ErrorReply => ({
          caresideFailure: error instanceof Error ? error.message : String(error),
        }),
      )
      .then(sendResponse);
    return true as const;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
