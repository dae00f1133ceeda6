/** FHIR MedicationRequest, MedicationStatement and MedicationDispense: the medication list. */

import { parseMedicationLine } from '../clinical/medications/parse';
import type { IsoDate, MedicationEntry, MedicationStatus, Provenance } from '../clinical/types';
import type { Translate } from '../i18n/index';
import { asObject, asObjects, asString, codings, conceptText, dateOf, type Json } from './json';
import type { ResourceIndex } from './resource-index';

export const REQUEST_STATUS: Readonly<Record<string, MedicationStatus>> = {
  active: 'active',
  'on-hold': 'on-hold',
  completed: 'completed',
  stopped: 'stopped',
  cancelled: 'stopped',
  'not-taken': 'stopped',
  intended: 'active',
};

export function medicationConcept(resource: Json, index: ResourceIndex): unknown {
  if (resource.medicationCodeableConcept) return resource.medicationCodeableConcept;
  const medication = index.resolve(resource.medicationReference, resource);
  if (medication) return medication.code;
  // An unresolvable reference may still carry a display.
  const display = asString(asObject(resource.medicationReference)?.display);
  return display ? { text: display } : null;
}

export function readMedication(
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
export function isRenewal(request: Json): boolean {
  return asObject(request.priorPrescription) !== null;
}

/** HL7 v3 ActPharmacySupplyType: FF first fill; RF… refills. An untyped dispense proves no start. */
export function dispenseBasis(dispense: Json): MedicationEntry['startBasis'] {
  const codes = codings(dispense.type).map((coding) => asString(coding.code) ?? '');
  if (codes.some((code) => code === 'FF' || code.startsWith('FF'))) return 'order';
  if (codes.some((code) => code.startsWith('RF'))) return 'refill';
  return 'fill';
}
