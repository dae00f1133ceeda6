import type { PatientContext } from '../clinical/types';

/** How sure a reader is of a field: 1 = read from a known place, lower for heuristics. */
export type Confidence = number;

export interface FieldConfidence {
  name: Confidence;
  birthDate: Confidence;
  mrn: Confidence;
}

/** Below this, the sidebar shows "patient not confirmed" and asks the clinician to confirm. */
export const CONFIRMED_IDENTITY_CONFIDENCE = 0.8;

/** What one reader got out of one document. Page reading never renders. */
export interface PageReading {
  /** Adapter or pack id, or "generic". */
  adapter: string;
  confidence: FieldConfidence;
  context: PatientContext;
  /**
   * True only when name and birth date were both found with enough confidence and nothing on the
   * page contradicts them (e.g. two candidate names).
   */
  identityConfirmed: boolean;
  /** What could not be read, in plain words for the sidebar ("no date of birth on the page"). */
  problems: string[];
  /**
   * The same problems as catalogue keys and substitutions, so a sidebar in another language can
   * show them in its own words (`problems` holds the English text).
   */
  problemMessages?: ReadingProblem[];
}

/** A reading problem as a message-catalogue key (`public/_locales/…/messages.json`). */
export interface ReadingProblem {
  key: string;
  substitutions?: Record<string, string | number>;
}

export interface ReadOptions {
  identityOnly?: boolean;
}

/** An EHR adapter: one file each, registered in `utils/ehr/adapters/index.ts`. */
export interface EhrAdapter {
  id: string;
  /** Human name for the popup ("OpenEMR"). */
  name: string;
  /** Match patterns (Chrome match-pattern syntax) documenting where the adapter applies. */
  matches: string[];
  /** A cheap check that the document is a chart this adapter reads. */
  detect(document: Document, url: URL): boolean;
  /**
   * Whether the document is a page of this EHR at all (a chart or not). A page of a known EHR that
   * `detect` does not take — its patient list, its login page — is not a chart, and the generic
   * reader is not let loose on it.
   */
  recognizesSite?(document: Document, url: URL): boolean;
  /**
   * Reads the page. With `identityOnly`, stops after the patient's identity (name, birth date,
   * sex, identifiers, and whether they are confirmed): the same identity a full read gives, with
   * no chart sections, so the sidebar can put the banner up before the chart is read.
   */
  read(document: Document, url: URL, options?: ReadOptions): PageReading;
  /**
   * CSS selectors of the elements that hold the patient's identity: a change in any of them means
   * "another patient" and blanks the sidebar before anything else is shown.
   */
  identitySelectors: string[];
  /**
   * The patient key the document carries — a frame URL's `pid`, or what the top document binds to
   * its patient bar — so a frame of this EHR can be matched to the banner's patient. Null when the
   * document does not say.
   */
  patientKey?(document: Document, url: URL): string | null;
  /** Selectors of the chart sections, watched by a frame's script to report when its data changes. */
  sectionSelectors?: string[];
}
