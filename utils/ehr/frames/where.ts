/**
 * Where a document sits in an EHR built from frames: whether it is the top document, the names of
 * the frames that lead to it, and the patient key its reader finds in it.
 */
import { matchesUrl } from '../packs/match-pattern';
import type { EhrAdapter } from '../types';

/** Where a selector-pack field lives, when the EHR spreads its chart over frames. */
export interface FrameSpec {
  /** A match pattern (`https://ehr.example/meds.php*`) or a piece of the frame's address. */
  urlMatch?: string;
  /** The frame names from the top document down, e.g. `["main", "meds"]`. */
  name?: string[];
}

export interface FramePlace {
  isTop: boolean;
  /** Frame names from the top down; null when an ancestor's name cannot be read (another origin). */
  namePath: string[] | null;
}

export const TOP_DOCUMENT: FramePlace = { isTop: true, namePath: [] };

/** Where `window` is in its frame tree. Names of cross-origin ancestors cannot be read. */
export function framePlace(window: Window | null): FramePlace {
  if (!window || window.top === window || window.top === null) return TOP_DOCUMENT;
  const names: string[] = [];
  try {
    for (let current: Window = window; current !== current.top; current = current.parent) {
      names.unshift(current.name);
    }
  } catch {
    return { isTop: false, namePath: null };
  }
  return { isTop: false, namePath: names };
}

/** A match pattern has a scheme; anything else is a piece of the address to look for. */
export function urlMatches(urlMatch: string, url: URL): boolean {
  return urlMatch.includes('://') ? matchesUrl(urlMatch, url) : url.href.includes(urlMatch);
}

/** Whether a field that lives in the frame `spec` describes is in the document at `place`. */
export function inFrame(spec: FrameSpec, url: URL, place: FramePlace): boolean {
  if (place.isTop) return false;
  if (spec.urlMatch !== undefined && !urlMatches(spec.urlMatch, url)) return false;
  if (spec.name !== undefined) {
    const path = place.namePath;
    if (path === null || path.length !== spec.name.length) return false;
    if (spec.name.some((name, index) => path[index] !== name)) return false;
  }
  return true;
}

/** The reader's patient key for a document; a reader that fails to say gives none. */
export function readPatientKey(reader: EhrAdapter, document: Document, url: URL): string | null {
  try {
    const key = reader.patientKey?.(document, url) ?? null;
    return key === null || key.trim() === '' ? null : key.trim();
  } catch {
    return null;
  }
}
