/**
 * What a frame's address says about whose chart it holds, with no selector pack (issues 17, 18).
 *
 * Legacy EHRs load each section of a chart into a frame whose address names the patient:
 * `summary.asp?mrn=004417`, `meds.asp?chart=004417`, or the same value the top document's own
 * address carries (`main.asp?patient=77` over `summary.asp?pid=77`). A frame's address is
 * evidence for the patient the top document shows when one of its query values is
 *
 * - a record number the top document shows (its identifiers), or
 * - the value of a *patient parameter* of the top document's address: a query parameter of the
 *   top address whose value some frame's address also carries. A parameter that kept its value
 *   while the tab went from one patient to another (a session, a clinic id) is not a patient
 *   parameter, nor is one named for a session, a token or a language.
 *
 * Only distinctive values count (three characters or more, one digit at least): `?page=1` or
 * `?lang=en` say nothing about a patient. A frame's address that carries a value tied to another
 * patient this tab showed (that patient's record number or patient-parameter value) contradicts.
 * Pure: no DOM, no browser API.
 */

/** A patient the tab showed before the current one: what tied addresses to that patient. */
export interface EarlierPatient {
  fingerprint: string;
  /** The record numbers the top document showed, normalized. */
  recordNumbers: string[];
  /** The top document's query, `[name, normalized value]`, as it was when that patient was read. */
  query: [string, string][];
}

/** Case and surrounding spaces are not part of an identifier. */
export function normalizeValue(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * Parameters that carry a session, a security token or a language: one value for every patient
 * of a sign-in, whatever their value looks like. Excluding them only ever admits less.
 */
const NOT_PATIENT_PARAMS = /sess|token|csrf|xsrf|auth|nonce|^state$|lang|locale/i;

/** Three characters or more with a digit: an id, not a page number, a flag or a language. */
export function isDistinctive(value: string): boolean {
  return value.length >= 3 && /\d/.test(value);
}

/** An address's query parameters with distinctive values, normalized; none for a bad address. */
export function queryOf(url: string | null | undefined): [string, string][] {
  if (!url) return [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return [];
  const query: [string, string][] = [];
  for (const [name, value] of parsed.searchParams) {
    const normalized = normalizeValue(value);
    if (isDistinctive(normalized)) query.push([name, normalized]);
  }
  return query;
}

export interface AddressPatient {
  /** The current patient's record numbers, normalized and distinctive. */
  recordNumbers: string[];
  /** The top address's parameters that can be patient parameters, with their values. */
  topParams: [string, string][];
  /** Values tied to other patients this tab showed, never one of the current patient's. */
  otherValues: Set<string>;
}

/**
 * What ties an address to the current patient, and what ties one to another patient. A top
 * parameter whose value an earlier patient's address had too is not about the patient.
 */
export function addressPatient(
  recordNumbers: string[],
  topUrl: string | null | undefined,
  earlier: EarlierPatient[],
  fingerprint: string,
): AddressPatient {
  const numbers = recordNumbers.map(normalizeValue).filter(isDistinctive);
  const others = earlier.filter((patient) => patient.fingerprint !== fingerprint);
  const topParams = queryOf(topUrl).filter(
    ([name, value]) =>
      !NOT_PATIENT_PARAMS.test(name) &&
      !others.some((patient) =>
        patient.query.some(([earlierName, earlierValue]) =>
          earlierName === name ? earlierValue === value : false,
        ),
      ),
  );
  const current = new Set([...numbers, ...topParams.map(([, value]) => value)]);
  const otherValues = new Set<string>();
  for (const patient of others) {
    for (const value of patient.recordNumbers) if (!current.has(value)) otherValues.add(value);
    for (const [name, value] of patient.query) {
      // Only the parameters that changed with the patient: a shared session id is nobody's.
      const sharedWithCurrent = queryOf(topUrl).some(
        ([topName, topValue]) => topName === name && topValue === value,
      );
      if (!sharedWithCurrent && !current.has(value)) otherValues.add(value);
    }
  }
  return { recordNumbers: numbers, topParams, otherValues };
}

export type AddressVerdict =
  /** The address carries the current patient's record number, or a top patient parameter's value. */
  | { kind: 'this-patient'; frameParam: string; topParam: string | null }
  /** The address carries a value tied to another patient of this tab. */
  | { kind: 'other-patient'; frameParam: string }
  | { kind: 'silent' };

/** What one frame's address says, judged against the current patient. */
export function judgeAddress(patient: AddressPatient, frameUrl: string): AddressVerdict {
  const query = queryOf(frameUrl);
  const other = query.find(([, value]) => patient.otherValues.has(value));
  if (other) return { kind: 'other-patient', frameParam: other[0] };
  for (const [name, value] of query) {
    if (patient.recordNumbers.includes(value)) {
      const topParam = patient.topParams.find(([, topValue]) => topValue === value)?.[0] ?? null;
      return { kind: 'this-patient', frameParam: name, topParam };
    }
    const topParam = patient.topParams.find(([, topValue]) => topValue === value);
    if (topParam) return { kind: 'this-patient', frameParam: name, topParam: topParam[0] };
  }
  return { kind: 'silent' };
}

/**
 * The top address's patient parameter as the frames show it: the first parameter of the top
 * address whose value a frame's address carries — what a selector pack can pin as
 * `patientKeyParam`. Null when no frame's address repeats one.
 */
export function discoverPatientParam(patient: AddressPatient, frameUrls: string[]): string | null {
  for (const url of frameUrls) {
    const verdict = judgeAddress(patient, url);
    if (verdict.kind === 'this-patient' && verdict.topParam !== null) return verdict.topParam;
  }
  return null;
}

/** The same host (ports may differ): one EHR serving its frames from a second port. */
export function sameHost(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  try {
    const first = new URL(a);
    const second = new URL(b);
    return first.protocol === second.protocol && first.hostname === second.hostname;
  } catch {
    return false;
  }
}
