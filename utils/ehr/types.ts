import type { PatientContext } from '../clinical/types';
import type { SelectorPack } from './packs/format';

/** How sure a reader is of a field: 1 = read from a known place, lower for heuristics. */
export type Confidence = number;

export interface FieldConfidence {
  name: Confidence;
  birthDate: Confidence;
  mrn: Confidence;
}

/** Below this, the sidebar shows "patient not confirmed" and asks the clinician to confirm. */
export const CONFIRMED_IDENTITY_CONFIDENCE = 0.8;

/**
 * Where a reader read each identity field, in words for the people who check a reading
 * (`npm run inspect`): `generic label "dob" (td)`. Several places are joined with "; ".
 */
export type IdentityEvidence = Partial<Record<'name' | 'birthDate' | 'mrn' | 'sex', string>>;

/** A part of the chart a reader reads (the lists of `PatientContext`). */
export type ChartSectionName = 'medications' | 'conditions' | 'scores' | 'monitoring' | 'therapies';

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
  /** Where each identity field was read, when the reader says. */
  evidence?: IdentityEvidence;
  /**
   * The sections the reader looks for that the page does not show at all (a tab or accordion not
   * opened yet): "not on this screen", which is not "none" — an empty list means the page shows
   * the section and it is empty.
   */
  notOnScreen?: ChartSectionName[];
}

/** A reading problem as a message-catalogue key (`public/_locales/…/messages.json`). */
export interface ReadingProblem {
  key: string;
  substitutions?: Record<string, string | number>;
}

/** What a reader found before it is turned into a `PageReading` (`finishReading`). */
export interface ReadingDraft {
  adapter: string;
  context: PatientContext;
  confidence: FieldConfidence;
  problems: ReadingProblem[];
  /** Where each identity field was read, when the reader says. */
  evidence?: IdentityEvidence;
}

/**
 * The readers of chart sections, one per kind of reader. Each is its own bundle
 * (`entrypoints/reader-<id>.ts`), loaded into a page only when the page needs it: the content
 * scripts carry the identity readers alone, which is what the banner waits for.
 */
export const SECTION_READER_IDS = ['demo', 'openemr', 'pack', 'generic'] as const;
export type SectionReaderId = (typeof SECTION_READER_IDS)[number];

/**
 * Reads the chart sections of a document (medications, problems, scores, labs…) on top of the
 * draft its adapter's `readIdentity` made, and finishes the reading, problems included.
 */
export type SectionReader = (
  document: Document,
  url: URL,
  identity: ReadingDraft,
  adapter: EhrAdapter,
) => PageReading;

/**
 * An EHR adapter: one file each for its identity part (registered in
 * `utils/ehr/adapters/index.ts`) and for its sections (`<id>-sections.ts`).
 */
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
   * Reads who the page shows (name, birth date, sex, identifiers) and nothing else: cheap, so the
   * sidebar can put the banner up before the chart is read. The section reader builds on it.
   */
  readIdentity(document: Document, url: URL): ReadingDraft;
  /** Which section reader reads the rest of the chart. */
  sections: SectionReaderId;
  /** For a clinic's selector pack: the pack its section reader follows. */
  pack?: SelectorPack;
  /**
   * CSS selectors of the elements that hold the patient's identity: a change in any of them means
   * "another patient" and blanks the sidebar before anything else is shown.
   */
  identitySelectors: string[];
  /**
   * The elements the identity was read from, for a reader that finds them only by reading the
   * page (the generic reader's labelled values): watched like `identitySelectors`' elements.
   */
  identityElements?(document: Document): Element[];
  /**
   * The patient key the document carries — a frame URL's `pid`, or what the top document binds to
   * its patient bar — so a frame of this EHR can be matched to the banner's patient. Null when the
   * document does not say.
   */
  patientKey?(document: Document, url: URL): string | null;
  /** Selectors of the chart sections, watched by a frame's script to report when its data changes. */
  sectionSelectors?: string[];
}

/** Section readers by id: every one (sections/all-readers.ts), or those a page has loaded so far. */
export type SectionReaders = Partial<Record<SectionReaderId, SectionReader>>;
