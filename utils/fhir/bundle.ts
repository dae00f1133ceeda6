/**
 * FHIR R4 reader: a Bundle (transaction, collection, searchset …) or a single resource becomes the
 * same PatientContext a scraped page does. Pure: no DOM, no network, no clock.
 *
 * It reads what it can and says what it could not (`problems`, in plain words). It never assigns
 * a resource to a patient it cannot prove it belongs to: data of another patient in the same file
 * is left out and counted, never shown under the wrong name.
 */

import messages from '../../public/_locales/en/messages.json';
import { findInstrumentByCode } from '../clinical/instruments';
import { emptyPatientContext, type PatientContext } from '../clinical/types';
import { createTranslator, type Messages, type Translate } from '../i18n/index';
import { readCondition, statesPregnancy } from './conditions';
import { asArray, asObject, asObjects, asString, type Json, loincCodes } from './json';
import { readMedication } from './medications';
import { monitoringFrom, observationDate, observationValue } from './observations';
import { readIdentity } from './patient';
import {
  attachLooseItems,
  ITEM_CODES,
  type LooseItem,
  readInstrumentObservation,
  readQuestionnaireResponse,
} from './questionnaires';
import { type IndexedResource, indexInput, provenanceOf, ResourceIndex } from './resource-index';
import { readTherapies } from './therapies';

const englishTranslator: Translate = createTranslator(messages as Messages);

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
