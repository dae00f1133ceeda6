import { browser } from 'wxt/browser';
import {
  type ChartSection,
  type EarlierPatient,
  type FrameSnapshot,
  type HeldFrame,
  type MergedChart,
  mergeFrames,
  normalizeValue,
  putFrame,
  queryOf,
  removeFrame,
  type TabFrames,
} from '../../utils/ehr/frames/index';
import { t } from '../../utils/i18n/browser';
import type { TabPatient } from './tabs';

/**
 * Each tab's frames and the moment its top document's identity last changed, for the merge in
 * utils/ehr/frames/merge.ts. Kept in memory and mirrored to `storage.session` (memory only, never
 * on disk), so a service-worker restart keeps them. Every change for a tab runs in the order its
 * messages arrived: a frame's report can never be judged against a newer or older patient than
 * the one the top frame announced before it.
 */
export interface TopTiming {
  fingerprint: string;
  patientKey: string | null;
  documentLoadedAt: number;
  identityChangedAt: number;
  /**
   * The top document's address when this identity was first read, and the record numbers it
   * showed: what ties a frame's address to this patient, and later to no other (address.ts).
   */
  url?: string | null;
  recordNumbers?: string[];
}

interface TabFrameState {
  top: TopTiming | null;
  frames: TabFrames;
  /** Per frame id, the documents the frame has left (frames/merge.ts, `FrameBook`). */
  retired: Record<string, string[]>;
  /** The patients the tab showed before this one, newest last. */
  earlier: EarlierPatient[];
}

/** Patients remembered per tab for address evidence: a clinic day's worth of switches. */
const EARLIER_KEPT = 50;

function earlierOf(top: TopTiming): EarlierPatient {
  return {
    fingerprint: top.fingerprint,
    recordNumbers: (top.recordNumbers ?? []).map(normalizeValue),
    query: queryOf(top.url),
  };
}

const keyFor = (tabId: number) => `frames:${tabId}`;

const SECTION_WORDS: Record<ChartSection, string> = {
  medications: 'frameSectionMedications',
  conditions: 'frameSectionConditions',
  scores: 'frameSectionScores',
  monitoring: 'frameSectionMonitoring',
  therapies: 'frameSectionTherapies',
};

const REASON_WORDS: Record<HeldFrame['reason'], string> = {
  'chart-loading': 'frameWaitingChartLoading',
  'other-patient': 'frameWaitingOtherPatient',
  'no-evidence': 'frameWaitingNoEvidence',
};

/** "Medications, Scores: waiting for the chart to load", one line per reason. */
export function waitingWords(held: HeldFrame[]): string[] {
  const byReason = new Map<HeldFrame['reason'], Set<ChartSection>>();
  for (const frame of held) {
    const sections = byReason.get(frame.reason) ?? new Set<ChartSection>();
    for (const section of frame.sections) sections.add(section);
    byReason.set(frame.reason, sections);
  }
  const format = new Intl.ListFormat(undefined, { type: 'unit' });
  return [...byReason].map(([reason, sections]) =>
    t(REASON_WORDS[reason], {
      sections: format.format([...sections].map((section) => t(SECTION_WORDS[section]))),
    }),
  );
}

export function createFrameService() {
  const states = new Map<number, TabFrameState>();
  const queues = new Map<number, Promise<unknown>>();

  async function load(tabId: number): Promise<TabFrameState> {
    const known = states.get(tabId);
    if (known) return known;
    const stored = await browser.storage.session.get(keyFor(tabId));
    const copy = stored[keyFor(tabId)] as Partial<TabFrameState> | undefined;
    const state: TabFrameState = {
      top: copy?.top ?? null,
      frames: copy?.frames ?? {},
      retired: copy?.retired ?? {},
      earlier: copy?.earlier ?? [],
    };
    states.set(tabId, state);
    return state;
  }

  /**
   * Tabs whose state changed since the session copy was written. The copy is for a worker restart
   * only; memory is what the merge reads, so the copy is written behind, on a timer — a patient's
   * chart does not wait for two `storage.session` round trips before it is computed.
   */
  const unwritten = new Set<number>();
  let writeScheduled = false;
  const writeSessionCopies = () => {
    writeScheduled = false;
    const batch: Record<string, TabFrameState> = {};
    for (const tabId of unwritten) {
      const state = states.get(tabId);
      if (state) batch[keyFor(tabId)] = state;
    }
    unwritten.clear();
    void browser.storage.session.set(batch).catch(() => undefined);
  };
  const changed = (tabId: number) => {
    unwritten.add(tabId);
    if (!writeScheduled) {
      writeScheduled = true;
      setTimeout(writeSessionCopies, 0);
    }
  };

  /** Runs `change` after every earlier change of the same tab (only the first load awaits). */
  function inOrder<T>(
    tabId: number,
    change: (state: TabFrameState) => T,
    options: { readOnly?: boolean } = {},
  ): Promise<T> {
    const previous = queues.get(tabId) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const state = await load(tabId);
        const result = change(state);
        if (!options.readOnly) changed(tabId);
        return result;
      });
    queues.set(tabId, next);
    return next;
  }

  return {
    /** The top frame announced a patient: frames of an earlier page of the tab are dropped. */
    noteTop(tabId: number, timing: TopTiming): Promise<void> {
      return inOrder(tabId, (state) => {
        const previous = state.top;
        if (
          previous?.fingerprint === timing.fingerprint &&
          previous.identityChangedAt === timing.identityChangedAt
        ) {
          // The same visit read again: its address stays the one its identity was first read
          // with, since a later address of the visit may already be the next patient's.
          state.top = { ...timing, url: previous.url ?? timing.url ?? null };
        } else {
          if (previous && previous.fingerprint !== timing.fingerprint) {
            state.earlier = [
              ...state.earlier.filter((patient) => patient.fingerprint !== previous.fingerprint),
              earlierOf(previous),
            ].slice(-EARLIER_KEPT);
          }
          state.top = timing;
        }
        state.frames = Object.fromEntries(
          Object.entries(state.frames).filter(
            ([, frame]) => frame.loadedAt >= timing.documentLoadedAt,
          ),
        );
      });
    },

    /** A frame's report, its `frameId`, `documentId` and `origin` taken from the sender. */
    put(tabId: number, snapshot: FrameSnapshot): Promise<void> {
      return inOrder(tabId, (state) => {
        ({ frames: state.frames, retired: state.retired } = putFrame(
          { frames: state.frames, retired: state.retired },
          snapshot,
        ));
      });
    },

    /** A frame's document went away: its own data goes, and its later reports are dropped. */
    remove(
      tabId: number,
      frameId: number,
      gone: { documentId?: string; loadedAt: number },
    ): Promise<void> {
      return inOrder(tabId, (state) => {
        ({ frames: state.frames, retired: state.retired } = removeFrame(
          { frames: state.frames, retired: state.retired },
          frameId,
          gone,
        ));
      });
    },

    /** The tab's chart merged from its frames, or null when the tab's patient is not known here. */
    merged(tabId: number, tab: TabPatient): Promise<(MergedChart & { top: TopTiming }) | null> {
      return inOrder(
        tabId,
        (state) => {
          const timing = state.top;
          if (!timing || timing.fingerprint !== tab.fingerprint) return null;
          const top = { ...timing, reading: tab.reading, earlier: state.earlier };
          return { ...mergeFrames(top, Object.values(state.frames)), top: timing };
        },
        { readOnly: true },
      );
    },

    forget(tabId: number): Promise<void> {
      states.delete(tabId);
      queues.delete(tabId);
      unwritten.delete(tabId);
      return browser.storage.session.remove(keyFor(tabId));
    },
  };
}

export type FrameService = ReturnType<typeof createFrameService>;
