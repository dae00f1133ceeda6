/**
 * FHIR R4 in and out of Careside: the reader (a Bundle or resource becomes a PatientContext, one
 * file per resource family, put together in bundle.ts) and the code systems the storage export
 * writes with. Used by `npm run evaluate` and the storage import/export, not by page reading.
 */
export { FhirInputError, type FhirReading, readFhir, readFhirPatients } from './bundle';
export { CODE_SYSTEMS } from './code-systems';
export { MONITORING_LOINC } from './observations';
