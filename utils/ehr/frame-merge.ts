/**
 * One chart out of many frames, without mixing patients (issue 10).
 *
 * EHRs built from frames keep the patient banner in the top document and the chart's sections in
 * frames, and after a patient change they update the banner first and reload the frames later. A
 * frame's data therefore joins the top document's patient only with positive evidence that it is
 * this patient's:
 *
 * - **identity**: the frame shows the same name and date of birth, or the same record number;
 * - **patient key**: the frame was read by the same reader as the top document and its URL carries
 *   the patient key that reader names (`pid`, `set_pid`…), equal to the top document's;
 * - **timing**: the frame's document started loading after the top document's identity changed,
 *   and nothing in it contradicts that identity.
 *
 * A frame that shows another patient, or that still shows what it showed before the change, is
 * held back with the sections it would have filled, so the sidebar can say what it waits for.
 * Pure: no DOM, no browser API, no clock — times come in with the readings.
 */
import type { PatientContext, PatientIdentity } from '../clinical/types';
import { GENERIC_ADAPTER_ID } from './generic';
import { normalizeName } from './identity';
import { cleanText } from './page-text';
import type { PageReading } from './types';

/** What a subframe's content script reports about its document. */
export interface FrameSnapshot {
  /** The browser's id of the frame within its tab (`sender.frameId`). */
  frameId: number;
  url: string;
  /** Frame names from the top document down to this frame, when every level could be read. */
  namePath: string[] | null;
  /** What the frame's reader got, including the identity the frame itself shows. */
  reading: PageReading;
  /** The patient key the reader found in the frame (its URL's `pid`…), or null. */
  patientKey: string | null;
  /** When the frame's document started loading (epoch ms, the frame's `performance.timeOrigin`). */
  loadedAt: number;
  /** When the frame's data last changed (epoch ms). */
  changedAt: number;
}

/** The top document's side of the merge: who the chart is about, and since when. */
export interface TopDocument {
  fingerprint: string;
  reading: PageReading;
  patientKey: string | null;
  /** When the top document started loading (epoch ms): older frames belonged to another page. */
  documentLoadedAt: number;
  /** When the identity the top document shows last changed (epoch ms). */
  identityChangedAt: number;
}

/** The parts of a chart a frame can add. */
export type ChartSection = 'medications' | 'conditions' | 'scores' | 'monitoring' | 'therapies';

export const CHART_SECTIONS: ChartSection[] = [
  'medications',
  'conditions',
  'scores',
  'monitoring',
  'therapies',
];

export type HeldReason =
  /** The frame still shows what it showed before the patient changed. */
  | 'chart-loading'
  /** The frame names another patient than the top document, or two patients at once. */
  | 'other-patient';

export interface HeldFrame {
  frameUrl: string;
  reason: HeldReason;
  /** The sections the frame would have filled, so the sidebar can say what is missing. */
  sections: ChartSection[];
}

export type JoinEvidence = 'identity' | 'patient-key' | 'loaded-after-change';

export interface JoinedFrame {
  frameUrl: string;
  evidence: JoinEvidence;
  sections: ChartSection[];
}

export interface MergedChart {
  context: PatientContext;
  joined: JoinedFrame[];
  held: HeldFrame[];
}

/**
 * Clocks of different renderer processes agree to a few milliseconds, not exactly: a frame whose
 * load started this close to the identity change is not taken as "after the change" by timing
 * alone.
 */
export const CLOCK_MARGIN_MS = 50;

/** Reading problems that mean the document itself names two different patients. */
const CONFLICT_PROBLEMS = new Set([
  'ehrProblemConflictingNames',
  'ehrProblemConflictingBirthDates',
  'ehrProblemConflictingIdentifiers',
]);

function recordNumber(identity: PatientIdentity): string | null {
  const value = identity.identifiers.find((identifier) => identifier.type === 'MR')?.value;
  return value === undefined ? null : cleanText(value).toLowerCase();
}

type IdentityVerdict = 'same' | 'contradicts' | 'silent';

/** Compares identities the way `identityFingerprint` normalizes them. */
export function compareIdentity(top: PatientIdentity, frame: PatientIdentity): IdentityVerdict {
  const topName = top.name === null ? null : normalizeName(top.name);
  const frameName = frame.name === null ? null : normalizeName(frame.name);
  const topMrn = recordNumber(top);
  const frameMrn = recordNumber(frame);
  if (
    (topName !== null && frameName !== null && topName !== frameName) ||
    (top.birthDate !== null && frame.birthDate !== null && top.birthDate !== frame.birthDate) ||
    (topMrn !== null && frameMrn !== null && topMrn !== frameMrn)
  ) {
    return 'contradicts';
  }
  const nameAndBirthDate =
    topName !== null &&
    topName === frameName &&
    top.birthDate !== null &&
    top.birthDate === frame.birthDate;
  const mrn = topMrn !== null && topMrn === frameMrn;
  return nameAndBirthDate || mrn ? 'same' : 'silent';
}

function namesTwoPatients(reading: PageReading): boolean {
  return (reading.problemMessages ?? []).some(({ key }) => CONFLICT_PROBLEMS.has(key));
}

export function sectionsOf(context: PatientContext): ChartSection[] {
  return CHART_SECTIONS.filter((section) => context[section].length > 0);
}

function judge(top: TopDocument, frame: FrameSnapshot): JoinEvidence | HeldReason {
  const identity = compareIdentity(top.reading.context.identity, frame.reading.context.identity);
  // A key counts only where the same reader names it: `pid` in another system's frame is not ours.
  const sameReader = frame.reading.adapter === top.reading.adapter;
  const keyKnown = sameReader && top.patientKey !== null && frame.patientKey !== null;
  const loadedAfterChange = frame.loadedAt >= top.identityChangedAt + CLOCK_MARGIN_MS;
  const contradicts =
    identity === 'contradicts' ||
    namesTwoPatients(frame.reading) ||
    (keyKnown && frame.patientKey !== top.patientKey);
  // Either way held back; the words differ: a frame from before the change is still to reload.
  if (contradicts) return loadedAfterChange ? 'other-patient' : 'chart-loading';
  if (identity === 'same') return 'identity';
  if (keyKnown) return 'patient-key';
  // Timing vouches only for a frame some adapter or pack knows as a part of a chart; what the
  // generic reader finds in an unknown frame (an inbox, a schedule) joins only by its identity.
  const knownPart = frame.reading.adapter !== GENERIC_ADAPTER_ID;
  return knownPart && loadedAfterChange ? 'loaded-after-change' : 'chart-loading';
}

function withFrame<T extends { provenance: { frame?: string } }>(entry: T, url: string): T {
  return entry.provenance.frame
    ? entry
    : { ...entry, provenance: { ...entry.provenance, frame: url } };
}

/** Frames of earlier top documents: a child frame never starts loading before its parent. */
export function isFromThisPage(top: TopDocument, frame: FrameSnapshot): boolean {
  return frame.loadedAt >= top.documentLoadedAt;
}

/**
 * The top document's chart with the data of every frame that is shown to be this patient's; the
 * rest held back with a reason. The top document's identity is never changed by a frame.
 */
export function mergeFrames(top: TopDocument, frames: FrameSnapshot[]): MergedChart {
  const base = top.reading.context;
  const context: PatientContext = {
    identity: base.identity,
    medications: [...base.medications],
    conditions: [...base.conditions],
    scores: [...base.scores],
    monitoring: [...base.monitoring],
    therapies: [...base.therapies],
    pregnant: base.pregnant,
  };
  const joined: JoinedFrame[] = [];
  const held: HeldFrame[] = [];
  const ordered = frames
    .filter((frame) => isFromThisPage(top, frame))
    .sort((a, b) => a.frameId - b.frameId);
  for (const frame of ordered) {
    const sections = sectionsOf(frame.reading.context);
    const verdict = judge(top, frame);
    if (verdict === 'chart-loading' || verdict === 'other-patient') {
      if (sections.length > 0) held.push({ frameUrl: frame.url, reason: verdict, sections });
      continue;
    }
    const data = frame.reading.context;
    context.medications.push(...data.medications.map((entry) => withFrame(entry, frame.url)));
    context.conditions.push(...data.conditions.map((entry) => withFrame(entry, frame.url)));
    context.scores.push(...data.scores.map((entry) => withFrame(entry, frame.url)));
    context.monitoring.push(...data.monitoring.map((entry) => withFrame(entry, frame.url)));
    context.therapies.push(...data.therapies.map((entry) => withFrame(entry, frame.url)));
    if (context.pregnant === null) context.pregnant = data.pregnant;
    joined.push({ frameUrl: frame.url, evidence: verdict, sections });
  }
  return { context, joined, held };
}

/**
 * Each tab's frames, keyed by tab and by the browser's frame id: two tabs never share a frame.
 * Plain data, so the background can keep it in session storage across a service-worker restart.
 */
export type TabFrames = Record<string, FrameSnapshot>;

/**
 * A frame's report replaces what that frame reported before — unless it comes from the document
 * the frame has since left: reports of two documents in one frame can arrive in either order.
 */
export function putFrame(frames: TabFrames, snapshot: FrameSnapshot): TabFrames {
  const known = frames[String(snapshot.frameId)];
  if (known && known.loadedAt > snapshot.loadedAt) return frames;
  return { ...frames, [String(snapshot.frameId)]: snapshot };
}

/** A document going away takes its report with it, not the report of the frame's next document. */
export function removeFrame(frames: TabFrames, frameId: number, loadedAt: number): TabFrames {
  const known = frames[String(frameId)];
  if (!known || known.loadedAt !== loadedAt) return frames;
  const { [String(frameId)]: _gone, ...rest } = frames;
  return rest;
}
