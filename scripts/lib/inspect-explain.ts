/**
 * What `npm run inspect` says about the policy's selector packs beyond the reading itself: why a
 * pack was not applied (its `matches` or `detect` miss the page, a part's `frame` matches no
 * frame, a list selector that also takes the table's heading row, or finds nothing), and, for a
 * patient change (`--then`, `--click`), which of the sidebar's states in between showed the
 * previous patient. The facts come from the page (collected in the browser); the judgement here
 * is plain code, so it is tested without one.
 */

import { type FrameSpec, inFrame } from '../../utils/ehr/frames/where';
import type { SelectorPack } from '../../utils/ehr/packs/format';
import { matchesAnyUrl } from '../../utils/ehr/packs/match-pattern';
import type { Translate } from '../../utils/i18n';

/** One list of a pack: medications, problems, a score table, labs, vitals or therapies. */
export interface PackPart {
  /** Its place in the pack, as validation names it: `medications`, `scores[1]`. */
  part: string;
  /** The selector of one item or row. */
  list: string;
  frame?: FrameSpec;
}

export function packParts(pack: SelectorPack): PackPart[] {
  const parts: PackPart[] = [];
  const add = (part: string, list: string, frame: FrameSpec | undefined) => {
    parts.push(frame ? { part, list, frame } : { part, list });
  };
  if (pack.medications) add('medications', pack.medications.item, pack.medications.frame);
  if (pack.problems) add('problems', pack.problems.item, pack.problems.frame);
  for (const [index, table] of (pack.scores ?? []).entries()) {
    add(`scores[${index}]`, table.row, table.frame);
  }
  if (pack.labs) add('labs', pack.labs.row, pack.labs.frame);
  if (pack.vitals) add('vitals', pack.vitals.row, pack.vitals.frame);
  if (pack.therapies) add('therapies', pack.therapies.item, pack.therapies.frame);
  return parts;
}

/** What one frame of the page (the top document included) shows of the packs' selectors. */
export interface FrameFacts {
  url: string;
  isTop: boolean;
  /** Frame names from the top document down (`[]` for the top document). */
  namePath: string[];
  /** Per pack id: whether its `detect` selector finds an element here. */
  detect: Record<string, boolean>;
  /** Per list selector: how many elements it takes here, and how many of them are heading rows. */
  lists: Record<string, { matched: number; headings: number }>;
}

/** Every selector the page must be asked about for `packs`. */
export function selectorsToCheck(packs: SelectorPack[]): { detect: string[]; lists: string[] } {
  return {
    detect: [...new Set(packs.map((pack) => pack.detect))],
    lists: [...new Set(packs.flatMap((pack) => packParts(pack).map(({ list }) => list)))],
  };
}

function frameText(frame: FrameSpec): string {
  return [
    frame.urlMatch === undefined ? null : `urlMatch “${frame.urlMatch}”`,
    frame.name === undefined ? null : `name ${JSON.stringify(frame.name)}`,
  ]
    .filter((item) => item !== null)
    .join(', ');
}

/**
 * Why each pack, or a part of it, was not applied on the page the facts describe, one plain
 * sentence each; nothing when everything applied.
 */
export function notApplied(packs: SelectorPack[], frames: FrameFacts[], t: Translate): string[] {
  const reasons: string[] = [];
  const top = frames.find((frame) => frame.isTop);
  for (const pack of packs) {
    const covered = frames.filter((frame) => matchesAnyUrl(pack.matches, new URL(frame.url)));
    if (covered.length === 0) {
      reasons.push(
        t('inspectNotAppliedMatches', {
          id: pack.id,
          matches: pack.matches.join(', '),
          url: top?.url ?? frames[0]?.url ?? '',
        }),
      );
      continue;
    }
    const detected = covered.filter((frame) => frame.detect[pack.id]);
    if (detected.length === 0) {
      reasons.push(t('inspectNotAppliedDetect', { id: pack.id, selector: pack.detect }));
    }
    for (const { part, list, frame: spec } of packParts(pack)) {
      // Where the part is read: its own frame(s), or wherever the pack itself applies.
      const where = spec
        ? covered.filter((frame) =>
            inFrame(spec, new URL(frame.url), { isTop: frame.isTop, namePath: frame.namePath }),
          )
        : detected;
      if (spec && where.length === 0) {
        reasons.push(
          t('inspectNotAppliedFrame', {
            id: pack.id,
            part,
            frame: frameText(spec),
            frames:
              frames
                .filter((frame) => !frame.isTop)
                .map((frame) => `${JSON.stringify(frame.namePath)} ${frame.url}`)
                .join('; ') || t('inspectNoFrames'),
          }),
        );
        continue;
      }
      if (where.length === 0) continue;
      const counts = where.map((frame) => frame.lists[list] ?? { matched: 0, headings: 0 });
      const matched = counts.reduce((sum, count) => sum + count.matched, 0);
      const headings = counts.reduce((sum, count) => sum + count.headings, 0);
      if (matched === 0) {
        reasons.push(t('inspectNotAppliedEmpty', { id: pack.id, part, selector: list }));
      } else if (headings > 0) {
        reasons.push(
          t('inspectNotAppliedHeading', {
            id: pack.id,
            part,
            selector: list,
            count: String(headings),
          }),
        );
      }
    }
  }
  return reasons;
}

/** The packs that gave nothing the chart holds: no value's origin names them. */
export function packsThatReadNothing(packs: SelectorPack[], chart: unknown): string[] {
  const origins = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    const via = (value as { provenance?: { via?: unknown } }).provenance?.via;
    if (typeof via === 'string') origins.add(via.split(' ')[0] ?? '');
    for (const item of Object.values(value)) visit(item);
  };
  visit(chart);
  return packs.filter((pack) => !origins.has(pack.id)).map((pack) => pack.id);
}

// ---------------------------------------------------------------------------------------------
// A patient change: the sidebar's states between the two patients.
// ---------------------------------------------------------------------------------------------

export interface PatientShown {
  name: string;
  mrn: string | null;
}

/** One look at the sidebar while the page changes patient. */
export interface ChangeSample {
  atMs: number;
  mounted: boolean;
  /** The sidebar's state (`ready`, `blank`, `waiting` …), null when it is not mounted. */
  state: string | null;
  /** The sidebar's whole text. */
  text: string;
}

export interface ChangeState {
  atMs: number;
  state: string | null;
  /** Whom the sidebar names: the patient before the change, the one after, or nobody. */
  shows: 'previous' | 'next' | 'none';
  /** The sidebar named the previous patient after the page had moved on to the next. */
  showsPrevious: boolean;
}

function names(text: string, patient: PatientShown): boolean {
  return text.includes(patient.name) || (patient.mrn !== null && text.includes(patient.mrn));
}

/**
 * The distinct states the sidebar went through, in order. A state naming the previous patient
 * is flagged once the sidebar had shown anything else since the change began (a blank, the next
 * patient), or when it is the last state although the page now shows another patient: the page
 * had moved on. The first states after the click, before the EHR redrew, may still name the
 * previous patient rightly.
 */
export function changeStates(
  samples: ChangeSample[],
  previous: PatientShown,
  next: PatientShown | null,
): ChangeState[] {
  const states: ChangeState[] = [];
  let movedOn = false;
  for (const sample of samples) {
    const showsNext = next !== null && next.name !== previous.name && names(sample.text, next);
    const shows: ChangeState['shows'] = !sample.mounted
      ? 'none'
      : showsNext
        ? 'next'
        : names(sample.text, previous)
          ? 'previous'
          : 'none';
    const last = states[states.length - 1];
    if (shows !== 'previous') movedOn = true;
    const state = sample.mounted ? sample.state : null;
    if (last && last.state === state && last.shows === shows) continue;
    states.push({
      atMs: sample.atMs,
      state,
      shows,
      showsPrevious: shows === 'previous' && movedOn,
    });
  }
  const last = states[states.length - 1];
  if (last && last.shows === 'previous' && next !== null && next.name !== previous.name) {
    last.showsPrevious = true;
  }
  return states;
}
