/**
 * FHIR R4 reader: a Bundle (transaction, collection, searchset …) or a single resource becomes the
 * same PatientContext a scraped page does. Pure: no DOM, no network, no clock.
 *
 * It reads what it can and says what it could not (`problems`, in plain words). It never assigns
 * a resource to a patient it cannot prove it belongs to: data of another patient in the same file
 * is left out and counted, never shown under the wrong name.
 */

import messages from '../../public/_locales/en/messages.json';
import { parseIsoDate } from '../clinical/dates';
import {
  findInstrument,
  findInstrumentByCode,
  INSTRUMENTS,
  type Instrument,
  itemRange,
} from '../clinical/instruments';
import { parseMedicationLine } from '../clinical/medications/parse';
import {
  type AdministrativeSex,
  type ConditionEntry,
  emptyPatientContext,
  type Identifier,
  type IsoDate,
  type MedicationEntry,
  type MedicationStatus,
  type MonitoringEntry,
  type MonitoringKind,
  type PatientContext,
  type PatientIdentity,
  type Provenance,
  type ScoreEntry,
  type TherapyEntry,
  type TherapyModality,
} from '../clinical/types';
import { createTranslator, type Messages, type Translate } from '../i18n/index';

type Json = Record<string, unknown>;

const englishTranslator: Translate = createTranslator(messages as Messages);

export const LOINC_SYSTEM = 'http://loinc.org';
const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED_SYSTEM = 'http://snomed.info/sct';
const CPT_SYSTEM = 'http://www.ama-assn.org/go/cpt';
const ORDINAL_EXTENSIONS = new Set([
  'http://hl7.org/fhir/StructureDefinition/ordinalValue',
  'http://hl7.org/fhir/StructureDefinition/itemWeight',
  'http://hl7.org/fhir/StructureDefinition/iso21090-CO-value',
]);

/**
 * LOINC codes of the labs and vitals the monitoring rules look at. Lab and vital-sign LOINC codes
 * as published in the LOINC table (loinc.org term pages); one code can only mean one kind.
 */
export const MONITORING_LOINC: Readonly<Record<string, MonitoringKind>> = {
  '14334-7': 'lithium-level',
  '4086-3': 'valproate-level',
  '2160-0': 'creatinine',
  '33914-3': 'egfr',
  '62238-1': 'egfr',
  '98979-8': 'egfr',
  '48642-3': 'egfr',
  '48643-1': 'egfr',
  '3016-3': 'tsh',
  '17861-6': 'calcium',
  '2951-2': 'sodium',
  '4548-4': 'a1c',
  '2345-7': 'glucose',
  '2093-3': 'lipids',
  '2085-9': 'lipids',
  '18262-6': 'ldl',
  '13457-7': 'ldl',
  '2571-8': 'triglycerides',
  '29463-7': 'weight',
  '39156-5': 'bmi',
  '8302-2': 'height',
  '8280-0': 'waist',
  '8480-6': 'bp-systolic',
  '8462-4': 'bp-diastolic',
  '8867-4': 'heart-rate',
  '8636-3': 'qtc',
  '751-8': 'anc',
  '753-4': 'anc',
  '26499-4': 'anc',
  '6690-2': 'wbc',
  '777-3': 'platelets',
  '1742-6': 'alt',
  '1920-8': 'ast',
  '2106-3': 'pregnancy-test',
  '2118-8': 'pregnancy-test',
  '19080-1': 'pregnancy-test',
  '16128-1': 'hcv',
  '56888-1': 'hiv',
  '19295-5': 'urine-drug-screen',
};

/**
 * Labs that many systems code locally: recognised by the test's name when no LOINC code above
 * matches (the clinical reference lists these names beside the codes, D2 and D8).
 */
const MONITORING_NAMES: ReadonlyArray<[RegExp, MonitoringKind]> = [
  [/\b(?:hcg|choriogonadotropin|pregnancy test)\b/i, 'pregnancy-test'],
  [/\b(?:hepatitis c|hcv)\b/i, 'hcv'],
  [/\bhiv\b/i, 'hiv'],
  [/\b(?:urine drug (?:screen|test|panel)|drug screen|drugs of abuse|uds)\b/i, 'urine-drug-screen'],
  [/\b(?:absolute neutrophil|neutrophils? #|anc)\b/i, 'anc'],
  [/\bqtc\b/i, 'qtc'],
];

/**
 * LOINC answer codes with a fixed score: the PHQ/GAD frequency answers (LOINC answer list
 * LL358-3, scored 0–3 per Kroenke 2001 / Spitzer 2006; the same ordinals as the HL7 US Core PHQ-9
 * Questionnaire's ordinalValue) and yes/no.
 */
const LOINC_ANSWER_SCORES: Readonly<Record<string, number>> = {
  'LA6568-5': 0,
  'LA6569-3': 1,
  'LA6570-1': 2,
  'LA6571-9': 3,
  'LA32-8': 0,
  'LA33-6': 1,
};

/** The PHQ/GAD answer wording, for answers coded in a local system that is not in the file. */
const FREQUENCY_ANSWER_SCORES: Readonly<Record<string, number>> = {
  'not at all': 0,
  'several days': 1,
  'more than half the days': 2,
  'nearly every day': 3,
};
const FREQUENCY_SCALE_INSTRUMENTS = new Set(['PHQ-9', 'PHQ-2', 'PHQ-A', 'GAD-7']);
const YES_NO_SCORES: Readonly<Record<string, number>> = { no: 0, yes: 1 };

/** Psychotherapy modalities by the words a chart uses for them; most specific first. */
const THERAPY_PATTERNS: ReadonlyArray<[RegExp, TherapyModality]> = [
  [/\bcbt[\s-]?i\b|cognitive behaviou?ral therapy for insomnia/i, 'CBT-I'],
  [/\bdialectical behaviou?r(al)? therapy\b|\bDBT\b/i, 'DBT'],
  [/\bacceptance and commitment therapy\b/i, 'ACT'],
  [/\bmotivational interviewing\b|\bmotivational enhancement\b/i, 'MI'],
  [/\binterpersonal and social rhythm therapy\b|\bIPSRT\b/i, 'IPSRT'],
  [/\bfamily[\s-]focused therapy\b/i, 'FFT'],
  [/\bprolonged exposure\b/i, 'PE'],
  [/\bcognitive processing therapy\b/i, 'CPT'],
  [/\bEMDR\b|\beye movement desensiti[sz]ation\b/i, 'EMDR'],
  [/\bcontingency management\b/i, 'CM'],
  [/\bsafety planning intervention\b/i, 'SPI'],
  [/\binterpersonal psychotherapy\b/i, 'IPT'],
  [/\bexposure (and response prevention|therapy)\b|\bERP\b/i, 'exposure'],
  [/\bcognitive (and )?behaviou?ral therapy\b|\bCBT\b/i, 'CBT'],
  [/\bfamily (psycho)?therapy\b/i, 'family'],
  [/\bsupportive psychotherapy\b/i, 'supportive'],
  [/\bpsychotherapy\b/i, 'other'],
];

/** CPT psychotherapy codes: the code says "psychotherapy" even when no modality is written. */
const CPT_PSYCHOTHERAPY: Readonly<Record<string, TherapyModality>> = {
  '90832': 'other',
  '90834': 'other',
  '90837': 'other',
  '90846': 'family',
  '90847': 'family',
  '90853': 'other',
};

/** Clinical resources that belong to a patient; everything else is only looked up by reference. */
const PATIENT_DATA_TYPES = new Set([
  'Observation',
  'QuestionnaireResponse',
  'MedicationRequest',
  'MedicationStatement',
  'MedicationDispense',
  'Condition',
  'Procedure',
  'Encounter',
  'CarePlan',
]);

export class FhirInputError extends Error {
  override name = 'FhirInputError';
}

export interface FhirReading {
  context: PatientContext;
  problems: string[];
}

// ---------------------------------------------------------------------------------------------
// Small JSON helpers: FHIR from the wild is untyped, so every access is checked.
// ---------------------------------------------------------------------------------------------

function asObject(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asObjects(value: unknown): Json[] {
  return asArray(value).flatMap((item) => {
    const object = asObject(item);
    return object ? [object] : [];
  });
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function codings(concept: unknown): Json[] {
  return asObjects(asObject(concept)?.coding);
}

function loincCodes(concept: unknown): string[] {
  return codings(concept).flatMap((coding) => {
    const system = asString(coding.system);
    const code = asString(coding.code);
    // A code without a system is taken as LOINC only when it has LOINC's shape (digits-check digit).
    const isLoinc =
      system === LOINC_SYSTEM || (system === null && code !== null && /^\d+-\d$/.test(code));
    return isLoinc && code ? [code.trim()] : [];
  });
}

function conceptText(concept: unknown): string | null {
  const object = asObject(concept);
  if (!object) return null;
  const text = asString(object.text);
  if (text) return text.trim();
  for (const coding of codings(object)) {
    const display = asString(coding.display);
    if (display) return display.trim();
  }
  for (const coding of codings(object)) {
    const code = asString(coding.code);
    if (code) return code.trim();
  }
  return null;
}

function dateOf(value: unknown): IsoDate | null {
  return typeof value === 'string' ? parseIsoDate(value) : null;
}

function extensionNumber(element: Json | null, urls: Set<string>): number | null {
  for (const extension of asObjects(element?.extension)) {
    const url = asString(extension.url);
    if (!url || !urls.has(url)) continue;
    for (const key of ['valueDecimal', 'valueInteger']) {
      const value = extension[key];
      if (typeof value === 'number' && Number.isFinite(value)) return value;
    }
  }
  return null;
}

function normalizeAnswerText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// The resource index: every resource by fullUrl and by Type/id, for reference resolution.
// ---------------------------------------------------------------------------------------------

interface IndexedResource {
  resource: Json;
  fullUrl: string | null;
}

class ResourceIndex {
  readonly resources: IndexedResource[] = [];
  private readonly byKey = new Map<string, Json>();
  private readonly byCanonical = new Map<string, Json>();

  add(resource: Json, fullUrl: string | null): void {
    this.resources.push({ resource, fullUrl });
    const type = asString(resource.resourceType);
    const id = asString(resource.id);
    if (fullUrl) this.byKey.set(fullUrl, resource);
    if (type && id) this.byKey.set(`${type}/${id}`, resource);
    const canonical = asString(resource.url);
    if (canonical) this.byCanonical.set(canonical.split('|')[0] ?? canonical, resource);
  }

  /** Resolves a reference; `#id` looks in the referring resource's contained resources. */
  resolve(reference: unknown, from: Json | null): Json | null {
    const text = asString(asObject(reference)?.reference) ?? asString(reference);
    if (!text) return null;
    if (text.startsWith('#')) {
      return asObjects(from?.contained).find((inner) => inner.id === text.slice(1)) ?? null;
    }
    const direct = this.byKey.get(text);
    if (direct) return direct;
    // An absolute URL "https://server/fhir/Patient/1" refers to Patient/1 of that server.
    const tail = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(text);
    return tail?.[1] ? (this.byKey.get(tail[1]) ?? null) : null;
  }

  canonical(url: string | null, from: Json | null): Json | null {
    if (!url) return null;
    if (url.startsWith('#')) return this.resolve(url, from);
    return this.byCanonical.get(url.split('|')[0] ?? url) ?? this.resolve(url, from);
  }
}

function indexInput(json: unknown, index: ResourceIndex): void {
  const resource = asObject(json);
  if (!resource) return;
  if (resource.resourceType === 'Bundle') {
    for (const entry of asObjects(resource.entry)) {
      const inner = asObject(entry.resource);
      if (!inner) continue;
      if (inner.resourceType === 'Bundle') indexInput(inner, index);
      else index.add(inner, asString(entry.fullUrl));
    }
    return;
  }
  index.add(resource, null);
}

function provenanceOf(resource: Json, fullUrl: string | null): Provenance {
  const type = asString(resource.resourceType) ?? 'Resource';
  const id = asString(resource.id);
  return { source: 'fhir', via: id ? `${type}/${id}` : (fullUrl ?? type) };
}

// ---------------------------------------------------------------------------------------------
// Patient
// ---------------------------------------------------------------------------------------------

function patientName(patient: Json): string | null {
  const names = asObjects(patient.name);
  const chosen =
    names.find((name) => name.use === 'official') ??
    names.find((name) => name.use !== 'old') ??
    names[0];
  if (!chosen) return null;
  const text = asString(chosen.text);
  if (text) return text.trim();
  const given = asArray(chosen.given).filter((part): part is string => typeof part === 'string');
  const family = asString(chosen.family);
  const full = [...given, family].filter(Boolean).join(' ').trim();
  return full || null;
}

const SEXES: ReadonlySet<string> = new Set(['female', 'male', 'other', 'unknown']);

function readIdentity(patient: Json, t: Translate, problems: string[]): PatientIdentity {
  const rawBirthDate = asString(patient.birthDate);
  const birthDate = rawBirthDate ? parseIsoDate(rawBirthDate) : null;
  if (rawBirthDate && !birthDate)
    problems.push(t('fhirBirthDateUnreadable', { value: rawBirthDate }));
  const gender = asString(patient.gender);
  const identifiers: Identifier[] = asObjects(patient.identifier).flatMap((identifier) => {
    const value = asString(identifier.value);
    if (!value) return [];
    const type = asString(codings(identifier.type)[0]?.code) ?? null;
    return [{ system: asString(identifier.system), type, value }];
  });
  return {
    name: patientName(patient),
    birthDate,
    sex: gender && SEXES.has(gender) ? (gender as AdministrativeSex) : null,
    identifiers,
  };
}

// ---------------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------------

function conditionStatus(condition: Json): ConditionEntry['status'] {
  const code = asString(codings(condition.clinicalStatus)[0]?.code);
  if (code === 'active' || code === 'recurrence' || code === 'relapse') return 'active';
  if (code === 'inactive' || code === 'remission' || code === 'resolved') return 'resolved';
  return 'unknown';
}

function readCondition(condition: Json, provenance: Provenance): ConditionEntry | null {
  const verification = asString(codings(condition.verificationStatus)[0]?.code);
  if (verification === 'entered-in-error' || verification === 'refuted') return null;
  const all = codings(condition.code);
  // ICD-10-CM first: the rules are written against it; SNOMED when that is all there is.
  const icd = all.find((coding) => coding.system === ICD10CM_SYSTEM && asString(coding.code));
  const snomed = all.find((coding) => coding.system === SNOMED_SYSTEM && asString(coding.code));
  const chosen = icd ?? snomed;
  const text = conceptText(condition.code);
  if (!text && !chosen) return null;
  const onset = asObject(condition.onsetPeriod);
  return {
    text: text ?? '',
    code: chosen ? (asString(chosen.code)?.trim() ?? null) : null,
    system: icd ? 'ICD-10-CM' : snomed ? 'SNOMED' : null,
    status: conditionStatus(condition),
    onsetDate: dateOf(condition.onsetDateTime) ?? dateOf(onset?.start),
    provenance,
  };
}

/** ICD-10-CM Z33.1 "pregnant state" and SNOMED 77386006 "pregnancy" as an active condition. */
function statesPregnancy(condition: ConditionEntry): boolean {
  if (condition.status === 'resolved' || condition.code === null) return false;
  if (condition.system === 'ICD-10-CM') return /^Z33\.1/i.test(condition.code);
  return condition.system === 'SNOMED' && condition.code === '77386006';
}

// ---------------------------------------------------------------------------------------------
// Medications
// ---------------------------------------------------------------------------------------------

const REQUEST_STATUS: Readonly<Record<string, MedicationStatus>> = {
  active: 'active',
  'on-hold': 'on-hold',
  completed: 'completed',
  stopped: 'stopped',
  cancelled: 'stopped',
  'not-taken': 'stopped',
  intended: 'active',
};

function medicationConcept(resource: Json, index: ResourceIndex): unknown {
  if (resource.medicationCodeableConcept) return resource.medicationCodeableConcept;
  const medication = index.resolve(resource.medicationReference, resource);
  if (medication) return medication.code;
  // An unresolvable reference may still carry a display.
  const display = asString(asObject(resource.medicationReference)?.display);
  return display ? { text: display } : null;
}

function readMedication(
  resource: Json,
  index: ResourceIndex,
  provenance: Provenance,
  t: Translate,
  problems: string[],
): MedicationEntry | null {
  const status = asString(resource.status);
  if (status === 'entered-in-error') return null;
  const name = conceptText(medicationConcept(resource, index));
  if (!name) {
    problems.push(t('fhirMedicationUnreadable', { resource: provenance.via }));
    return null;
  }
  const type = resource.resourceType;
  const dosage =
    type === 'MedicationStatement'
      ? asObjects(resource.dosage)
      : asObjects(resource.dosageInstruction);
  const dosageText = asString(dosage[0]?.text);
  const line = dosageText ? `${name}, ${dosageText.trim()}` : name;
  const period = asObject(resource.effectivePeriod);
  let startDate: IsoDate | null = null;
  let endDate: IsoDate | null = null;
  // A dispense says when a supply was handed over, not whether the patient still takes it.
  let medicationStatus: MedicationStatus = 'unknown';
  let startBasis: MedicationEntry['startBasis'];
  if (type === 'MedicationRequest') {
    // authoredOn is when this order was written: a renewal continues therapy begun earlier.
    startDate = dateOf(resource.authoredOn);
    startBasis = isRenewal(resource) ? 'refill' : 'order';
    medicationStatus = REQUEST_STATUS[status ?? ''] ?? 'unknown';
  } else if (type === 'MedicationStatement') {
    startDate = dateOf(resource.effectiveDateTime) ?? dateOf(period?.start);
    endDate = dateOf(period?.end);
    startBasis = 'statement';
    medicationStatus = REQUEST_STATUS[status ?? ''] ?? 'unknown';
  } else {
    startDate = dateOf(resource.whenHandedOver) ?? dateOf(resource.whenPrepared);
    startBasis = dispenseBasis(resource);
  }
  const entry = parseMedicationLine(line, provenance, {
    status: medicationStatus,
    startDate,
    endDate,
  });
  return startDate ? { ...entry, startBasis } : entry;
}

/**
 * An order that renews earlier therapy names the order it replaces (`priorPrescription`); its
 * `authoredOn` is the renewal's date, not the day therapy began. `courseOfTherapyType`
 * "continuous" says the course is long-term, not whether this order is its first, so it is no
 * evidence either way: the engine takes the earliest order, fill or statement of the drug.
 */
function isRenewal(request: Json): boolean {
  return asObject(request.priorPrescription) !== null;
}

/** HL7 v3 ActPharmacySupplyType: FF first fill; RF… refills. An untyped dispense proves no start. */
function dispenseBasis(dispense: Json): MedicationEntry['startBasis'] {
  const codes = codings(dispense.type).map((coding) => asString(coding.code) ?? '');
  if (codes.some((code) => code === 'FF' || code.startsWith('FF'))) return 'order';
  if (codes.some((code) => code.startsWith('RF'))) return 'refill';
  return 'fill';
}

// ---------------------------------------------------------------------------------------------
// Observations: instrument totals and items, labs and vitals
// ---------------------------------------------------------------------------------------------

type ObservationValue = {
  number: number | null;
  text: string | null;
  raw: number | string | null;
  unit: string | null;
};

function observationValue(resource: Json): ObservationValue | null {
  const quantity = asObject(resource.valueQuantity);
  if (quantity) {
    const value = typeof quantity.value === 'number' ? quantity.value : null;
    const unit = asString(quantity.unit) ?? asString(quantity.code);
    return { number: value, text: null, raw: value, unit };
  }
  for (const key of ['valueInteger', 'valueDecimal']) {
    const value = resource[key];
    if (typeof value === 'number') return { number: value, text: null, raw: value, unit: null };
  }
  const text = asString(resource.valueString);
  if (text) {
    const numeric = /^\s*[+-]?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : null;
    return { number: numeric, text: numeric === null ? text : null, raw: text, unit: null };
  }
  if (resource.valueCodeableConcept) {
    const conceptValue = conceptText(resource.valueCodeableConcept);
    const laCode = codings(resource.valueCodeableConcept)
      .map((coding) => asString(coding.code))
      .find((code) => code !== null && code in LOINC_ANSWER_SCORES);
    const score = laCode ? (LOINC_ANSWER_SCORES[laCode] ?? null) : null;
    return { number: score, text: conceptValue, raw: score ?? conceptValue, unit: null };
  }
  if (typeof resource.valueBoolean === 'boolean') {
    const value = resource.valueBoolean ? 1 : 0;
    return { number: value, text: null, raw: value, unit: null };
  }
  return null;
}

function observationDate(resource: Json): IsoDate | null {
  return (
    dateOf(resource.effectiveDateTime) ??
    dateOf(asObject(resource.effectivePeriod)?.start) ??
    dateOf(resource.effectiveInstant)
  );
}

function monitoringFrom(
  element: Json,
  date: IsoDate | null,
  provenance: Provenance,
): MonitoringEntry | null {
  const codes = loincCodes(element.code);
  const code = codes.find((candidate) => MONITORING_LOINC[candidate] !== undefined) ?? null;
  const name = conceptText(element.code);
  const kind = code
    ? MONITORING_LOINC[code]
    : name
      ? MONITORING_NAMES.find(([pattern]) => pattern.test(name))?.[1]
      : undefined;
  if (!kind) return null;
  const value = observationValue(element);
  return {
    kind,
    loinc: code,
    text: name ?? code ?? kind,
    date,
    value: value?.number ?? null,
    valueText: value?.text ?? null,
    unit: value?.unit ?? null,
    provenance,
  };
}

interface ItemCode {
  instrument: Instrument;
  item: number;
}

const ITEM_CODES = new Map<string, ItemCode[]>();
for (const instrument of Object.values(INSTRUMENTS)) {
  for (const [item, code] of Object.entries(instrument.itemLoinc)) {
    ITEM_CODES.set(code, [...(ITEM_CODES.get(code) ?? []), { instrument, item: Number(item) }]);
  }
}

interface LooseItem {
  code: string;
  date: IsoDate | null;
  value: number | string | null;
  provenance: Provenance;
}

// ---------------------------------------------------------------------------------------------
// QuestionnaireResponse
// ---------------------------------------------------------------------------------------------

interface AnswerOption {
  system: string | null;
  code: string;
  ordinal: number;
}

interface QuestionnaireItemInfo {
  codes: string[];
  options: AnswerOption[];
}

function optionsFromValueSet(valueSet: Json | null): AnswerOption[] {
  if (!valueSet) return [];
  return asObjects(asObject(valueSet.compose)?.include).flatMap((include) =>
    asObjects(include.concept).flatMap((concept) => {
      const code = asString(concept.code);
      const ordinal = extensionNumber(concept, ORDINAL_EXTENSIONS);
      return code && ordinal !== null ? [{ system: asString(include.system), code, ordinal }] : [];
    }),
  );
}

function questionnaireItems(
  questionnaire: Json | null,
  index: ResourceIndex,
): Map<string, QuestionnaireItemInfo> {
  const info = new Map<string, QuestionnaireItemInfo>();
  const visit = (items: unknown) => {
    for (const item of asObjects(items)) {
      const linkId = asString(item.linkId);
      if (linkId) {
        const options = asObjects(item.answerOption).flatMap((option) => {
          const coding = asObject(option.valueCoding);
          const code = asString(coding?.code);
          const ordinal =
            extensionNumber(option, ORDINAL_EXTENSIONS) ??
            extensionNumber(coding, ORDINAL_EXTENSIONS);
          return code && ordinal !== null
            ? [{ system: asString(coding?.system), code, ordinal }]
            : [];
        });
        const valueSet = index.canonical(asString(item.answerValueSet), questionnaire);
        const codes = asObjects(item.code).flatMap((coding) => {
          const code = asString(coding.code);
          return code ? [code] : [];
        });
        info.set(linkId, { codes, options: [...options, ...optionsFromValueSet(valueSet)] });
      }
      visit(item.item);
    }
  };
  visit(questionnaire?.item);
  return info;
}

interface AnsweredItem {
  linkId: string;
  text: string | null;
  answer: Json;
}

function answeredItems(items: unknown): AnsweredItem[] {
  return asObjects(items).flatMap((item) => {
    const linkId = asString(item.linkId) ?? '';
    const answers = asObjects(item.answer);
    const own = answers[0] ? [{ linkId, text: asString(item.text), answer: answers[0] }] : [];
    const nested = [...answers.map((answer) => answer.item), item.item].flatMap(answeredItems);
    return [...own, ...nested];
  });
}

function identifyQuestionnaireInstrument(
  response: Json,
  questionnaire: Json | null,
  items: AnsweredItem[],
  itemInfo: Map<string, QuestionnaireItemInfo>,
): Instrument | null {
  for (const code of loincCodes({ coding: questionnaire?.code })) {
    const instrument = findInstrumentByCode(code);
    if (instrument) return instrument;
  }
  const itemCodes = items.flatMap((item) => [
    item.linkId.replace(/^\//, ''),
    ...(itemInfo.get(item.linkId)?.codes ?? []),
  ]);
  for (const code of itemCodes) {
    const instrument = findInstrumentByCode(code);
    if (instrument) return instrument;
  }
  for (const text of [
    asString(questionnaire?.title),
    asString(questionnaire?.name),
    asString(questionnaire?.url),
    asString(response.questionnaire),
  ]) {
    const instrument = text ? findInstrument(text) : null;
    if (instrument) return instrument;
  }
  // Last resort: the instrument most of the item codes belong to.
  const votes = new Map<Instrument, number>();
  for (const code of itemCodes) {
    for (const { instrument } of ITEM_CODES.get(code) ?? []) {
      votes.set(instrument, (votes.get(instrument) ?? 0) + 1);
    }
  }
  return [...votes].sort((a, b) => b[1] - a[1] || b[0].itemCount - a[0].itemCount)[0]?.[0] ?? null;
}

function answerScore(
  answer: Json,
  options: AnswerOption[],
  instrument: Instrument,
  item: number,
): number | string | null {
  for (const key of ['valueInteger', 'valueDecimal']) {
    const value = answer[key];
    if (typeof value === 'number') return value;
  }
  const quantity = asObject(answer.valueQuantity);
  if (quantity && typeof quantity.value === 'number') return quantity.value;
  if (typeof answer.valueBoolean === 'boolean') return answer.valueBoolean ? 1 : 0;
  const text = asString(answer.valueString);
  if (text) return text;
  const coding = asObject(answer.valueCoding);
  if (!coding) return null;
  const code = asString(coding.code);
  const system = asString(coding.system);
  const option = options.find(
    (candidate) =>
      candidate.code === code &&
      (candidate.system === null || system === null || candidate.system === system),
  );
  if (option) return option.ordinal;
  const own =
    extensionNumber(coding, ORDINAL_EXTENSIONS) ?? extensionNumber(answer, ORDINAL_EXTENSIONS);
  if (own !== null) return own;
  if (code && (system === LOINC_SYSTEM || system === null) && code in LOINC_ANSWER_SCORES) {
    return LOINC_ANSWER_SCORES[code] ?? null;
  }
  // Local codes with no Questionnaire in the file: the instrument's own answer wording decides.
  const range = itemRange(instrument, item);
  const words = [asString(coding.display), code].filter((value): value is string => value !== null);
  for (const word of words.map(normalizeAnswerText)) {
    if (
      FREQUENCY_SCALE_INSTRUMENTS.has(instrument.name) &&
      range?.max === 3 &&
      word in FREQUENCY_ANSWER_SCORES
    ) {
      return FREQUENCY_ANSWER_SCORES[word] ?? null;
    }
    if (range?.max === 1 && word in YES_NO_SCORES) return YES_NO_SCORES[word] ?? null;
  }
  return null;
}

const TOTAL_WORDS = /\btotal\b|\bscore\b|(^|\/)TS$/i;

function readQuestionnaireResponse(
  response: Json,
  index: ResourceIndex,
  provenance: Provenance,
  t: Translate,
  problems: string[],
): ScoreEntry | null {
  if (response.status === 'entered-in-error') return null;
  const questionnaire = index.canonical(asString(response.questionnaire), response);
  const itemInfo = questionnaireItems(questionnaire, index);
  const items = answeredItems(response.item);
  const instrument = identifyQuestionnaireInstrument(response, questionnaire, items, itemInfo);
  if (!instrument) {
    problems.push(t('fhirUnknownQuestionnaire', { resource: provenance.via }));
    return null;
  }
  const codesOf = (item: AnsweredItem) => [
    item.linkId.replace(/^\//, ''),
    ...(itemInfo.get(item.linkId)?.codes ?? []),
  ];
  const itemByCode = new Map(
    Object.entries(instrument.itemLoinc).map(([item, code]) => [code, Number(item)]),
  );
  const totalCode = instrument.total?.code ?? null;
  const answers: Record<number, number | string | null> = {};
  let total: number | string | null = null;
  const positional: AnsweredItem[] = [];
  let matchedByCode = false;
  let unreadable = 0;

  for (const item of items) {
    const codes = codesOf(item);
    const options = itemInfo.get(item.linkId)?.options ?? [];
    if (totalCode && codes.includes(totalCode)) {
      total = answerScore(item.answer, options, instrument, 0);
      continue;
    }
    const number = codes.map((code) => itemByCode.get(code)).find((value) => value !== undefined);
    if (number !== undefined) {
      matchedByCode = true;
      answers[number] = answerScore(item.answer, options, instrument, number);
      if (answers[number] === null) unreadable += 1;
      continue;
    }
    // Another LOINC question (e.g. PHQ-9's functional-difficulty item): not a scored item.
    if (codes.some((code) => /^\d+-\d$/.test(code))) continue;
    positional.push(item);
  }

  let unmapped = 0;
  if (!matchedByCode) {
    // No item codes: items count in the order they were asked; a numeric answer labelled as a
    // total or score is the stated total.
    let number = 1;
    for (const item of positional) {
      const isNumeric =
        item.answer.valueQuantity !== undefined || item.answer.valueDecimal !== undefined;
      if (isNumeric && TOTAL_WORDS.test(`${item.text ?? ''} ${item.linkId}`)) {
        total = answerScore(item.answer, [], instrument, 0);
        continue;
      }
      if (!itemRange(instrument, number)) {
        unmapped += 1;
        continue;
      }
      const options = itemInfo.get(item.linkId)?.options ?? [];
      answers[number] = answerScore(item.answer, options, instrument, number);
      if (answers[number] === null) unreadable += 1;
      number += 1;
    }
  }
  if (unmapped > 0) {
    problems.push(
      t('fhirUnmappedAnswers', {
        resource: provenance.via,
        count: unmapped,
        instrument: instrument.name,
      }),
    );
  }
  if (unreadable > 0) {
    problems.push(t('fhirAnswerUnreadable', { resource: provenance.via, count: unreadable }));
  }
  return {
    instrument: instrument.name,
    date: dateOf(response.authored),
    total,
    ...(Object.keys(answers).length > 0 ? { items: answers } : {}),
    provenance,
  };
}

// ---------------------------------------------------------------------------------------------
// Therapy
// ---------------------------------------------------------------------------------------------

function modalityOf(concept: unknown): TherapyModality | null {
  for (const coding of codings(concept)) {
    const code = asString(coding.code);
    if (coding.system === CPT_SYSTEM && code && CPT_PSYCHOTHERAPY[code]) {
      const text = conceptText(concept);
      return (text && modalityOfText(text)) || CPT_PSYCHOTHERAPY[code] || null;
    }
  }
  const texts = [
    conceptText(concept),
    ...codings(concept).map((coding) => asString(coding.display)),
  ];
  for (const text of texts) {
    const modality = text ? modalityOfText(text) : null;
    if (modality) return modality;
  }
  return null;
}

function modalityOfText(text: string): TherapyModality | null {
  return THERAPY_PATTERNS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

const THERAPY_STATUS: Readonly<Record<string, TherapyEntry['status']>> = {
  completed: 'completed',
  finished: 'completed',
  'in-progress': 'scheduled',
  preparation: 'scheduled',
  planned: 'scheduled',
  arrived: 'scheduled',
  booked: 'scheduled',
  scheduled: 'scheduled',
  'not-started': 'scheduled',
  active: 'scheduled',
  'not-done': 'cancelled',
  stopped: 'cancelled',
  cancelled: 'cancelled',
  revoked: 'cancelled',
};

function readTherapies(resource: Json, provenance: Provenance): TherapyEntry[] {
  const status = THERAPY_STATUS[asString(resource.status) ?? ''] ?? 'unknown';
  const type = resource.resourceType;
  if (type === 'Procedure') {
    const modality = modalityOf(resource.code);
    if (!modality) return [];
    const date =
      dateOf(resource.performedDateTime) ?? dateOf(asObject(resource.performedPeriod)?.start);
    return [{ modality, text: conceptText(resource.code) ?? modality, date, status, provenance }];
  }
  if (type === 'Encounter') {
    const date = dateOf(asObject(resource.period)?.start);
    return asObjects(resource.type).flatMap((concept) => {
      const modality = modalityOf(concept);
      return modality
        ? [{ modality, text: conceptText(concept) ?? modality, date, status, provenance }]
        : [];
    });
  }
  if (type === 'CarePlan') {
    const date = dateOf(asObject(resource.period)?.start) ?? dateOf(resource.created);
    return asObjects(resource.activity).flatMap((activity) => {
      const detail = asObject(activity.detail);
      const modality = modalityOf(detail?.code);
      if (!modality) return [];
      const activityStatus = THERAPY_STATUS[asString(detail?.status) ?? ''] ?? status;
      return [
        {
          modality,
          text: conceptText(detail?.code) ?? modality,
          date,
          status: activityStatus,
          provenance,
        },
      ];
    });
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Grouping by patient, and the readers put together
// ---------------------------------------------------------------------------------------------

function subjectReference(resource: Json): unknown {
  return resource.subject ?? resource.patient;
}

interface PatientGroup {
  patient: Json | null;
  resources: IndexedResource[];
}

function groupByPatient(index: ResourceIndex, t: Translate, problems: string[]): PatientGroup[] {
  const patients = index.resources.filter(({ resource }) => resource.resourceType === 'Patient');
  const groups = new Map<Json | string, PatientGroup>();
  for (const { resource } of patients) groups.set(resource, { patient: resource, resources: [] });
  let otherPatient = 0;
  for (const indexed of index.resources) {
    const { resource } = indexed;
    if (!PATIENT_DATA_TYPES.has(asString(resource.resourceType) ?? '')) continue;
    const reference = subjectReference(resource);
    const resolved = reference ? index.resolve(reference, resource) : null;
    if (resolved && resolved.resourceType === 'Patient') {
      groups.get(resolved)?.resources.push(indexed);
      continue;
    }
    if (patients.length > 0) {
      // Without a subject, a single-patient file's resource is that patient's; a subject that is
      // not in the file is some other patient, whose data must not appear under this one.
      const only = patients.length === 1 ? patients[0] : undefined;
      if (!reference && only) groups.get(only.resource)?.resources.push(indexed);
      else otherPatient += 1;
      continue;
    }
    const key = asString(asObject(reference)?.reference) ?? asString(reference) ?? '';
    const group = groups.get(key) ?? { patient: null, resources: [] };
    group.resources.push(indexed);
    groups.set(key, group);
  }
  if (otherPatient > 0) problems.push(t('fhirOtherPatient', { count: otherPatient }));
  const result = [...groups.values()];
  // Resources with no subject at all join the one referenced patient, if there is exactly one.
  const unattributed = groups.get('');
  if (patients.length === 0 && unattributed && result.length === 2) {
    const other = result.find((group) => group !== unattributed);
    other?.resources.push(...unattributed.resources);
    return other ? [other] : result;
  }
  return result;
}

/**
 * Item Observations outside any panel (e.g. a lone PHQ-9 item 9) join the same day's total of an
 * instrument that has all their codes; otherwise they form an administration of the smallest
 * instrument that has them all (PHQ-2 items alone are a PHQ-2, not an incomplete PHQ-9).
 */
function attachLooseItems(scores: ScoreEntry[], loose: LooseItem[]): void {
  const byDate = new Map<string, LooseItem[]>();
  for (const item of loose) {
    const key = item.date ?? '';
    byDate.set(key, [...(byDate.get(key) ?? []), item]);
  }
  for (const [date, items] of byDate) {
    const first = items[0];
    if (!first) continue;
    const codes = items.map((item) => item.code);
    const candidates = [
      ...new Set(
        codes.flatMap((code) => (ITEM_CODES.get(code) ?? []).map((entry) => entry.instrument)),
      ),
    ];
    const covering = candidates
      .filter((instrument) => codes.every((code) => itemNumber(instrument, code) !== undefined))
      .sort((a, b) => a.itemCount - b.itemCount);
    const sameDay = scores.find(
      (score) =>
        (score.date ?? '') === date &&
        !score.items &&
        covering.some((instrument) => instrument.name === score.instrument),
    );
    const instrument =
      covering.find((candidate) => candidate.name === sameDay?.instrument) ??
      covering[0] ??
      [...candidates].sort((a, b) => b.itemCount - a.itemCount)[0];
    if (!instrument) continue;
    const target: ScoreEntry = sameDay ?? {
      instrument: instrument.name,
      date: date || null,
      total: null,
      provenance: first.provenance,
    };
    const answers: Record<number, number | string | null> = { ...(target.items ?? {}) };
    for (const item of items) {
      const number = itemNumber(instrument, item.code);
      if (number !== undefined) answers[number] = item.value;
    }
    target.items = answers;
    if (!sameDay) scores.push(target);
  }
}

function itemNumber(instrument: Instrument, code: string): number | undefined {
  return (ITEM_CODES.get(code) ?? []).find((entry) => entry.instrument === instrument)?.item;
}

/** A total-score or panel Observation; item answers come from components or member Observations. */
function readInstrumentObservation(
  resource: Json,
  instrument: Instrument,
  index: ResourceIndex,
  provenance: Provenance,
  t: Translate,
  problems: string[],
): Omit<ScoreEntry, 'date'> | null {
  const value = observationValue(resource);
  const members = asArray(resource.hasMember).flatMap((member) => {
    const resolved = index.resolve(member, resource);
    return resolved ? [resolved] : [];
  });
  const items: Record<number, number | string | null> = {};
  for (const part of [...asObjects(resource.component), ...members]) {
    const number = loincCodes(part.code)
      .map((code) => itemNumber(instrument, code))
      .find((found) => found !== undefined);
    if (number !== undefined) items[number] = observationValue(part)?.raw ?? null;
  }
  const hasItems = Object.keys(items).length > 0;
  if (!value && !hasItems) {
    if (asArray(resource.hasMember).length > 0) {
      problems.push(
        t('fhirPanelWithoutMembers', { resource: provenance.via, instrument: instrument.name }),
      );
    }
    return null;
  }
  return {
    instrument: instrument.name,
    total: value?.raw ?? null,
    ...(hasItems ? { items } : {}),
    provenance,
  };
}

function readGroup(group: PatientGroup, index: ResourceIndex, t: Translate): FhirReading {
  const problems: string[] = [];
  const identity = group.patient ? readIdentity(group.patient, t, problems) : undefined;
  if (!group.patient) problems.push(t('fhirNoPatient'));
  const context = emptyPatientContext(identity);
  const loose: LooseItem[] = [];
  const observations = group.resources.filter(
    ({ resource }) =>
      resource.resourceType === 'Observation' &&
      resource.status !== 'entered-in-error' &&
      resource.status !== 'cancelled',
  );
  // Item Observations that a panel lists as members are read through the panel, wherever the
  // file happens to put them.
  const panelMembers = new Set<Json>();
  for (const { resource } of observations) {
    if (!loincCodes(resource.code).some((code) => findInstrumentByCode(code))) continue;
    for (const member of asArray(resource.hasMember)) {
      const resolved = index.resolve(member, resource);
      if (resolved) panelMembers.add(resolved);
    }
  }

  for (const { resource, fullUrl } of observations) {
    const provenance = provenanceOf(resource, fullUrl);
    const date = observationDate(resource);
    const codes = loincCodes(resource.code);
    const instrument = codes.map(findInstrumentByCode).find((found) => found !== null) ?? null;
    if (instrument) {
      const score = readInstrumentObservation(resource, instrument, index, provenance, t, problems);
      if (score) context.scores.push({ ...score, date });
      continue;
    }
    const itemCode = codes.find((code) => ITEM_CODES.has(code));
    if (itemCode) {
      if (!panelMembers.has(resource)) {
        loose.push({
          code: itemCode,
          date,
          value: observationValue(resource)?.raw ?? null,
          provenance,
        });
      }
      continue;
    }
    for (const part of [resource, ...asObjects(resource.component)]) {
      const monitoring = monitoringFrom(part, date, provenance);
      if (monitoring) context.monitoring.push(monitoring);
    }
  }
  attachLooseItems(context.scores, loose);

  for (const { resource, fullUrl } of group.resources) {
    const provenance = provenanceOf(resource, fullUrl);
    switch (resource.resourceType) {
      case 'QuestionnaireResponse': {
        const score = readQuestionnaireResponse(resource, index, provenance, t, problems);
        if (score) context.scores.push(score);
        break;
      }
      case 'MedicationRequest':
      case 'MedicationStatement':
      case 'MedicationDispense': {
        const medication = readMedication(resource, index, provenance, t, problems);
        if (medication) context.medications.push(medication);
        break;
      }
      case 'Condition': {
        const condition = readCondition(resource, provenance);
        if (condition) context.conditions.push(condition);
        break;
      }
      case 'Procedure':
      case 'Encounter':
      case 'CarePlan':
        context.therapies.push(...readTherapies(resource, provenance));
        break;
      default:
        break;
    }
  }
  if (context.conditions.some(statesPregnancy)) context.pregnant = true;
  return { context, problems };
}

function indexJson(json: unknown, t: Translate): ResourceIndex {
  const root = asObject(json);
  if (!root || typeof root.resourceType !== 'string') {
    throw new FhirInputError(t('fhirNotFhir'));
  }
  const index = new ResourceIndex();
  indexInput(root, index);
  return index;
}

/** One reading per patient in the file (one, with an unknown identity, when there is no Patient). */
export function readFhirPatients(
  json: unknown,
  t: Translate = englishTranslator,
): { patients: FhirReading[]; problems: string[] } {
  const index = indexJson(json, t);
  const problems: string[] = [];
  const groups = groupByPatient(index, t, problems);
  return { patients: groups.map((group) => readGroup(group, index, t)), problems };
}

/**
 * The patient context of a FHIR resource or Bundle holding one patient. A file with several
 * patients is refused (an empty context and a problem) rather than read as one person.
 * Throws `FhirInputError` when the JSON is not FHIR at all.
 */
export function readFhir(json: unknown, t: Translate = englishTranslator): FhirReading {
  const { patients, problems } = readFhirPatients(json, t);
  if (patients.length > 1) {
    return {
      context: emptyPatientContext(),
      problems: [t('fhirSeveralPatients', { count: patients.length }), ...problems],
    };
  }
  const only = patients[0];
  if (!only)
    return { context: emptyPatientContext(), problems: [...problems, t('fhirNothingRead')] };
  return { context: only.context, problems: [...problems, ...only.problems] };
}
