/**
 * The clinical reading of what a page reader found, done in the background: each medication line
 * the content script recorded as shown (utils/ehr/entries.ts `rawMedication`) is parsed into its
 * ingredient, class, strength and daily dose here, so the vocabulary and the parser never load
 * in the EHR's page. Never imported by a content script (tests/unit/ehr/boundary.test.ts).
 */
import { parseMedicationLine } from '../clinical/medications/parse';
import type { MedicationEntry } from '../clinical/types';
import type { PageReading } from './types';

/** A line parsed again, keeping the status, dates and provenance the reader recorded. */
export function enrichMedication(medication: MedicationEntry): MedicationEntry {
  return parseMedicationLine(medication.text, medication.provenance, {
    status: medication.status,
    startDate: medication.startDate,
    endDate: medication.endDate,
  });
}

export function enrichReading(reading: PageReading): PageReading {
  return {
    ...reading,
    context: {
      ...reading.context,
      medications: reading.context.medications.map(enrichMedication),
    },
  };
}
