/**
 * What `npm run inspect` says about the policy's selector packs beyond the reading itself: why a
 * pack was not applied (its `matches` or `detect` miss the page, a part's `frame` matches no
 * frame, a list selector that also takes the table's heading row, or finds nothing), and, for a
 * patient change (`--then`, `--click`), which of the sidebar's states in between showed the
 * previous patient. The facts come from the page (collected in the browser); the judgement here
 * is plain code, so it is tested without one.
 */

import type { SelectorPack } from '../../utils/ehr/packs/format';

// Shared with the options page's "Check a pack" (utils/ehr/packs/not-applied.ts).
export {
  type FrameFacts,
  notApplied,
  type PackPart,
  packParts,
  selectorsToCheck,
} from '../../utils/ehr/packs/not-applied';

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
