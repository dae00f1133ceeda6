/**
 * What the background hands the sidebar for one patient: the clinical engine's content with the
 * stored safety plan, the trend charts' medication markers and the layout, built by the
 * background (entrypoints/background/patients.ts) and drawn by components/Sidebar.tsx.
 */

import type { CrisisContact, SafetyPlan } from './clinical/safety-plan';
import type { ScoreEntryDefinition } from './clinical/score-entry';
import type { IsoDate, SafetyPlanStatus, SidebarContent } from './clinical/types';
import type { ChartSectionName } from './ehr/types';
import type { LayoutSettings } from './policy/layout';
import type { CdsCardView } from './record/cds';
import type { AddressedPrompt } from './record/note';

/** A medication start or change, drawn on the trend charts at its date. */
export interface MedicationMarker {
  date: IsoDate;
  label: string;
}

/** What the background hands the sidebar for one patient view. */
export interface PatientView {
  fingerprint: string;
  adapter: string;
  identityConfirmed: boolean;
  problems: string[];
  content: SidebarContent;
  safetyPlan: SafetyPlan | null;
  safetyPlanStatus: SafetyPlanStatus;
  safetyPlanReviewDue: IsoDate | null;
  /** Opioids or opioid use disorder in play: the plan shows the naloxone item. */
  naloxoneApplicable: boolean;
  medicationMarkers: MedicationMarker[];
  crisisContacts: CrisisContact[];
  layout: LayoutSettings;
  today: IsoDate;
  /**
   * Frames whose data is held back because they do not yet show this patient, in plain words
   * ("Medications: waiting for the chart to load").
   */
  waitingFor: string[];
  /** Sections the page does not show at all (not opened yet): the sidebar says so, not "none". */
  notOnScreen: ChartSectionName[];
  /**
   * The moment of the identity change this view was merged for (as the top frame sent it in
   * `patient:open`), so a view merged for an earlier visit of the same patient is not taken.
   */
  identityChangedAt: number | null;
  /** The instruments the sidebar offers for score entry, as numbers (no registry in the page). */
  scoreEntry: ScoreEntryDefinition[];
  /** Null when the clinic configured no FHIR server. */
  teamRecord?: TeamRecordView | null;
  /** The clinic's template for "Copy for the note" ('' = Careside's own). */
  noteTemplate?: string;
  /** Prompts dismissed today with a reason, for the note's "addressed" list. */
  addressedPrompts?: AddressedPrompt[];
  /**
   * Who is writing, for the note's `{clinician}`: the signed-in user's name, else the name set in
   * options; '' when neither is known (the placeholder is then left out cleanly).
   */
  clinicianName?: string;
  /**
   * Cards from the clinic's CDS Hooks services (`endpoints.cdsServiceUrl`), shown beside
   * Careside's prompts with their source; null when no service is configured.
   */
  cds?: { cards: CdsCardView[]; problem: string | null } | null;
}

/** The care team's record as one patient's sidebar shows it (issue #22, utils/record). */
export interface TeamRecordView {
  /** Writes waiting for the clinic's FHIR server. */
  waiting: number;
  lastSentAt: string | null;
  /** Why the clinic's record did not get the last write, or could not be read. */
  problem: string | null;
  /** The first read of the team's record has not arrived yet. */
  reading: boolean;
  scores: { instrument: string; date: IsoDate | null; total: number; author: string | null }[];
  safetyPlanAuthor: string | null;
  safetyPlanRecordedAt: string | null;
  /**
   * SMART sign-in to the clinic's record: null when the clinic configured none (no client ID);
   * otherwise who is signed in (`signedIn` false: writes wait until someone signs in).
   */
  signIn?: { signedIn: boolean; userName: string | null } | null;
  /** Two versions of the safety plan for the clinician to reconcile; none is dropped. */
  conflict: {
    mine: SafetyPlan;
    mineAuthor: string | null;
    theirs: SafetyPlan | null;
    theirsAuthor: string | null;
  } | null;
}
