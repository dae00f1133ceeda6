/**
 * The code systems Careside reads and writes in FHIR, by the canonical URI each system's FHIR
 * page gives it (hl7.org/fhir/R4/terminologies-systems.html). One map for the FHIR reader and the
 * storage export, so a system is never spelled two ways.
 */
export const CODE_SYSTEMS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  /** HL7 v2 table 0203, identifier types (MR, SS …). */
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
} as const;

/** The extensions that carry an answer's score (ordinal) in a Questionnaire or its answers. */
export const ORDINAL_EXTENSIONS: ReadonlySet<string> = new Set([
  'http://hl7.org/fhir/StructureDefinition/ordinalValue',
  'http://hl7.org/fhir/StructureDefinition/itemWeight',
  'http://hl7.org/fhir/StructureDefinition/iso21090-CO-value',
]);
