/**
 * One chart out of many frames, without mixing patients (issues 10, 17 and 18).
 *
 * EHRs built from frames keep the patient banner in the top document and the chart's sections in
 * frames, and after a patient change they update the banner first and reload the frames later. A
 * frame's data therefore joins the top document's patient only with positive evidence that it is
 * this patient's:
 *
 * - **identity**: the frame shows the same name and date of birth, or the same record number;
 * - **patient key**: the frame was read by the same reader as the top document and its URL carries
 *   the patient key that reader names (`pid`, `set_pid`, a pack's `patientKeyParam`), equal to the
 *   top document's;
 * - **address**: the frame's own address (on the top document's host, and the address of the
 *   document the browser says sent the report) carries, as a query value, a record number the top
 *   document shows or the value of the top address's patient parameter (frames/address.ts);
 * - **parent**: the frame shows no patient and its address says nothing, but it was loaded by a
 *   frame admitted on its own evidence (or on its parent's), from the same origin as that frame,
 *   and started loading after the top document's identity changed: `meds.asp` inside
 *   `summary.asp?mrn=004417`.
 *
 * Timing alone admits nothing: a frame with no identity, no key and no address evidence is held,
 * however fresh ("no evidence"), and a frame that shows another patient, whose address carries
 * another patient's value, or that still shows what it showed before the change, is held with the
 * sections it would have filled, so the sidebar can say what it waits for and why.
 * Pure: no DOM, no browser API, no clock — times come in with the readings.
 */
import type { PatientContext, PatientIdentity } from '../../clinical/types';
import { normalizeName } from '../identity/resolve';
import { cleanText } from '../page-text';
import type { PageReading } from '../types';
import {
  type AddressPatient,
  addressPatient,
  type EarlierPatient,
  judgeAddress,
  sameHost,
} from './address';

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
  /**
   * The browser's id of the frame's document (`sender.documentId`). Set by the background from
   * the message's sender; whatever a report says here is overwritten.
   */
  documentId?: string;
  /** The frame's origin as the browser says (`sender.origin`); set by the background likewise. */
  origin?: string;
  /**
   * The document this frame was loaded in, when it is another frame the frame could read (same
   * origin): its address and when it started loading. Null for a frame of the top document or
   * under a parent of another origin.
   */
  parent?: FrameParent | null;
}

/** A parent frame's document, as its child frame sees it. */
export interface FrameParent {
  url: string;
  loadedAt: number;
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
  /** The top document's address when this identity was first read; for address evidence. */
  url?: string | null;
  /** The patients this tab showed before, for address evidence (frames/address.ts). */
  earlier?: EarlierPatient[];
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
  /**
   * The frame names another patient than the top document, or two patients at once, or its
   * address carries another patient's record number or key.
   */
  | 'other-patient'
  /**
   * The frame shows no patient of its own and nothing in its address ties it to this patient;
   * timing alone never admits it (issue 18).
   */
  | 'no-evidence';

export interface HeldFrame {
  frameUrl: string;
  reason: HeldReason;
  /** The sections the frame would have filled, so the sidebar can say what is missing. */
  sections: ChartSection[];
}

export type JoinEvidence = 'identity' | 'patient-key' | 'address' | 'parent';

export interface JoinedFrame {
  frameUrl: string;
  evidence: JoinEvidence;
  sections: ChartSection[];
  /** For address evidence: the frame's query parameter that carried the patient's value. */
  param?: string;
}

export interface MergedChart {
  context: PatientContext;
  joined: JoinedFrame[];
  held: HeldFrame[];
  /**
   * The top address's query parameter whose value an admitted frame's address carries: the
   * patient parameter, which a selector pack can pin as `patientKeyParam`. Null when none.
   */
  patientParam: string | null;
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

/** Every identifier the top document shows is this patient's, for address evidence. */
function recordNumbers(identity: PatientIdentity): string[] {
  return identity.identifiers.map((identifier) => cleanText(identifier.value));
}

/** A document by its address and load: how a child frame names the frame it was loaded in. */
function documentKey(document: { url: string; loadedAt: number }): string {
  return `${document.loadedAt}\n${document.url}`;
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

type Verdict =
  | { joined: JoinEvidence; param?: string; topParam?: string | null }
  | { held: HeldReason };

/** A frame's address is evidence only where the browser vouches for it and the EHR serves it. */
function trustedAddress(top: TopDocument, frame: FrameSnapshot): boolean {
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  // The report's address must be the reporting document's (the sender's origin).
  if (frame.origin !== undefined && url.origin !== frame.origin) return false;
  // Without the top document's own address there is no host to compare with: no evidence.
  return sameHost(top.url, url.href);
}

/**
 * One frame's verdict. `parentVerdict` gives the verdict of another frame of the tab (memoized by
 * the caller), for a frame that has no evidence of its own but was loaded by that frame.
 */
function judge(
  top: TopDocument,
  patient: AddressPatient,
  frame: FrameSnapshot,
  parentOf: (frame: FrameSnapshot) => { parent: FrameSnapshot; verdict: Verdict } | null,
): Verdict {
  const identity = compareIdentity(top.reading.context.identity, frame.reading.context.identity);
  // A key counts only where the same reader names it: `pid` in another system's frame is not ours.
  const sameReader = frame.reading.adapter === top.reading.adapter;
  const keyKnown = sameReader && top.patientKey !== null && frame.patientKey !== null;
  const address = trustedAddress(top, frame)
    ? judgeAddress(patient, frame.url)
    : ({ kind: 'silent' } as const);
  const loadedAfterChange = frame.loadedAt >= top.identityChangedAt + CLOCK_MARGIN_MS;
  const contradicts =
    identity === 'contradicts' ||
    namesTwoPatients(frame.reading) ||
    (keyKnown && frame.patientKey !== top.patientKey) ||
    address.kind === 'other-patient';
  // Either way held back; the words differ: a frame from before the change is still to reload.
  if (contradicts) return { held: loadedAfterChange ? 'other-patient' : 'chart-loading' };
  if (identity === 'same') return { joined: 'identity' };
  if (keyKnown) return { joined: 'patient-key' };
  if (address.kind === 'this-patient') {
    return { joined: 'address', param: address.frameParam, topParam: address.topParam };
  }
  // A child inherits its parent's evidence only if that parent is admitted, the child is of the
  // parent's origin (it read the parent's address, which only a same-origin child can), and the
  // child's document started after both the parent's and the identity change: what a parent of
  // this patient loaded since the change, not a leftover the parent never replaced.
  const parent = parentOf(frame);
  if (
    parent &&
    'joined' in parent.verdict &&
    (frame.origin === undefined || frame.origin === parent.parent.origin) &&
    frame.loadedAt >= parent.parent.loadedAt &&
    loadedAfterChange
  ) {
    return { joined: 'parent' };
  }
  return { held: loadedAfterChange ? 'no-evidence' : 'chart-loading' };
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
  const patient = addressPatient(
    recordNumbers(base.identity),
    top.url,
    top.earlier ?? [],
    top.fingerprint,
  );
  const byDocument = new Map<string, FrameSnapshot>();
  for (const frame of ordered) byDocument.set(documentKey(frame), frame);
  const verdicts = new Map<FrameSnapshot, Verdict>();
  const judging = new Set<FrameSnapshot>();
  const verdictOf = (frame: FrameSnapshot): Verdict => {
    const known = verdicts.get(frame);
    if (known) return known;
    // A parent chain that loops back (only a forged report can make one) admits nothing.
    if (judging.has(frame)) return { held: 'no-evidence' };
    judging.add(frame);
    const verdict = judge(top, patient, frame, (child) => {
      const parent = child.parent ? byDocument.get(documentKey(child.parent)) : undefined;
      return parent && parent !== child ? { parent, verdict: verdictOf(parent) } : null;
    });
    judging.delete(frame);
    verdicts.set(frame, verdict);
    return verdict;
  };
  let patientParam: string | null = null;
  for (const frame of ordered) {
    const sections = sectionsOf(frame.reading.context);
    const verdict = verdictOf(frame);
    if ('held' in verdict) {
      if (sections.length > 0) held.push({ frameUrl: frame.url, reason: verdict.held, sections });
      continue;
    }
    patientParam ??= verdict.topParam ?? null;
    const data = frame.reading.context;
    context.medications.push(...data.medications.map((entry) => withFrame(entry, frame.url)));
    context.conditions.push(...data.conditions.map((entry) => withFrame(entry, frame.url)));
    context.scores.push(...data.scores.map((entry) => withFrame(entry, frame.url)));
    context.monitoring.push(...data.monitoring.map((entry) => withFrame(entry, frame.url)));
    context.therapies.push(...data.therapies.map((entry) => withFrame(entry, frame.url)));
    if (context.pregnant === null) context.pregnant = data.pregnant;
    joined.push({
      frameUrl: frame.url,
      evidence: verdict.joined,
      sections,
      ...(verdict.param === undefined ? {} : { param: verdict.param }),
    });
  }
  return { context, joined, held, patientParam };
}

/**
 * Each tab's frames, keyed by tab and by the browser's frame id: two tabs never share a frame.
 * Plain data, so the background can keep it in session storage across a service-worker restart.
 */
export type TabFrames = Record<string, FrameSnapshot>;

/**
 * A tab's frames and, per frame id, the documents that frame has left (a later document of the
 * frame reported, or the document said it was gone): their reports arrive late or are forged,
 * and are dropped.
 */
export interface FrameBook {
  frames: TabFrames;
  /** Per frame id, the left documents as `documentKey`s (the browser's id and the load time). */
  retired: Record<string, string[]>;
}

export const EMPTY_FRAME_BOOK: FrameBook = { frames: {}, retired: {} };

/** Enough to outlast the reports in flight of a frame that reloads quickly. */
const RETIRED_KEPT = 8;
/**
 * Frames remembered with their left documents. A nested frame gets a new id each time its parent
 * reloads, so old ids are let go (the lowest, which the browser gave first); a late report of a
 * forgotten one is still judged like any other, and its parent is gone.
 */
const RETIRED_FRAMES_KEPT = 64;

/**
 * A frame's document: the browser's `documentId` together with when the document started
 * loading. The browser names the sender's document when a message arrives, so a message the old
 * document sent while it was being replaced (its goodbye, a last report) can arrive under the new
 * document's id — never the reverse. A goodbye therefore retires the id only together with its
 * load time, while a report under a new id retires the frame's previous id outright.
 */
function frameDocument(document: { documentId?: string; loadedAt: number }): string {
  return `${document.documentId ?? ''} ${document.loadedAt}`;
}

const wholeId = (documentId: string) => `id ${documentId}`;

function retire(book: FrameBook, frameId: string, entry: string): FrameBook {
  const known = book.retired[frameId] ?? [];
  if (known.includes(entry)) return book;
  const retired = { ...book.retired, [frameId]: [...known, entry].slice(-RETIRED_KEPT) };
  const ids = Object.keys(retired).sort((a, b) => Number(a) - Number(b));
  for (const id of ids.slice(0, Math.max(0, ids.length - RETIRED_FRAMES_KEPT))) delete retired[id];
  return { ...book, retired };
}

function isRetired(book: FrameBook, frameId: string, snapshot: FrameSnapshot): boolean {
  const retired = book.retired[frameId] ?? [];
  return (
    retired.includes(frameDocument(snapshot)) ||
    (snapshot.documentId !== undefined && retired.includes(wholeId(snapshot.documentId)))
  );
}

/**
 * A frame's report replaces what that frame reported before — unless it comes from a document
 * the frame has since left: reports of two documents in one frame can arrive in either order.
 */
export function putFrame(book: FrameBook, snapshot: FrameSnapshot): FrameBook {
  const id = String(snapshot.frameId);
  if (isRetired(book, id, snapshot)) return book;
  const known = book.frames[id];
  const replaced = { ...book, frames: { ...book.frames, [id]: snapshot } };
  if (!known || frameDocument(known) === frameDocument(snapshot)) return replaced;
  const older = known.loadedAt > snapshot.loadedAt;
  if (known.documentId !== undefined && known.documentId === snapshot.documentId) {
    // One id, two load times: the old document's last report, named after the new document.
    return older ? book : replaced;
  }
  if (older) {
    return retire(
      book,
      id,
      snapshot.documentId === undefined ? frameDocument(snapshot) : wholeId(snapshot.documentId),
    );
  }
  return retire(
    replaced,
    id,
    known.documentId === undefined ? frameDocument(known) : wholeId(known.documentId),
  );
}

/**
 * A document going away takes its report with it, not the report of the frame's next document;
 * its later reports are dropped.
 */
export function removeFrame(
  book: FrameBook,
  frameId: number,
  gone: { documentId?: string; loadedAt: number },
): FrameBook {
  const id = String(frameId);
  const document = frameDocument(gone);
  const retired = retire(book, id, document);
  const known = retired.frames[id];
  if (known === undefined || frameDocument(known) !== document) return retired;
  const { [id]: _gone, ...rest } = retired.frames;
  return { ...retired, frames: rest };
}
