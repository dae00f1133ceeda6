/** What a gallery page is, and the ground truth it declares (its `truth.json`). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Instrument, Person } from './people';

export interface GalleryPatient {
  /** The page's own key for the patient (in its addresses, lists and API). */
  id: string;
  person: Person;
  /** The record number as this EHR files it. */
  mrn: string;
}

/** How the switch test changes the patient in the page, as a user would. */
export type InPageSwitch =
  | { kind: 'click'; selector: string }
  | { kind: 'select'; selector: string; value: string };

export interface PatientTruth {
  id: string;
  /** The address (path and query) that opens this patient's chart. */
  entry: string;
  /** The name exactly as the page's header prints it. */
  header: string;
  given: string;
  family: string;
  birthDate: string;
  mrn: string;
  medications: { text: string; ingredient: string }[];
  conditions: { text: string; code: string }[];
  scores: { instrument: Instrument; date: string; score: number }[];
  /** Other people named on the same screen (recent patients, contacts, senders …). */
  othersOnScreen: string[];
}

export interface PageTruth {
  id: string;
  title: string;
  /** The kind of EHR it imitates and how it is built. */
  style: string;
  /** How labels and values are printed: which variants of issue 17 this page exercises. */
  labels: string;
  /** `read`: one patient per screen. `refuse`: two patients at once, Careside must not pick. */
  expect: 'read' | 'refuse';
  /**
   * The chart is in frames that neither show the patient nor carry evidence of whose chart they
   * are (no record number or patient parameter in their address): Careside must hold them and
   * say what waits (issue 17, item 3). Their chart fields count as correct when NOT shown.
   */
  chartMustBeHeld: boolean;
  /** Patients change inside one document (the switch test runs on such pages). */
  singlePage: boolean;
  /**
   * Elements to click, in order, before the chart shows everything it can (lazy tabs and
   * accordions); selectors may pierce open shadow roots (playwright `locator` syntax).
   */
  reveal: string[];
  /** In-page patient change; `{id}` stands for the target patient's id. */
  inPage: InPageSwitch | null;
  /**
   * What an in-page change does to the browser's history: `push` a new entry (pushState, hash
   * links), `replace` the current one (replaceState), or `none` (the address never changes).
   */
  inPageHistory: 'push' | 'replace' | 'none';
  /** Whether loading `entry` in the address bar opens that patient (false: server session). */
  addressBar: boolean;
  patients: PatientTruth[];
}

export interface PageContext {
  /** Random render/network lag for this request, in ms (0 when lags are off). */
  lag(): number;
}

export interface GalleryPageDefinition {
  id: string;
  patients: GalleryPatient[];
  truth(): PageTruth;
  /** Serves one request; false when the path is not the page's. */
  handle(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    context: PageContext,
  ): Promise<boolean> | boolean;
}

/** The ground truth of a patient from the shared facts; pages override what they print. */
export function patientTruth(
  patient: GalleryPatient,
  entry: string,
  header: string,
  overrides: Partial<PatientTruth> = {},
): PatientTruth {
  const { person } = patient;
  return {
    id: patient.id,
    entry,
    header,
    given: person.given,
    family: person.family,
    birthDate: person.birthDate,
    mrn: patient.mrn,
    medications: person.medications.map(({ text, ingredient }) => ({ text, ingredient })),
    conditions: person.conditions,
    scores: person.scores,
    othersOnScreen: [],
    ...overrides,
  };
}
