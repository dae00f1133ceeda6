/**
 * The clinical reading of what a page reader found, done in the background: each medication line
 * the content script recorded as shown (utils/ehr/sections/entries.ts `rawMedication`) is parsed into its
 * ingredient, class, strength and daily dose here, and a line the reader could not tell from a
 * heading or a note (`unconfirmed`, from the generic reader) is kept only if it names a drug. So
 * the vocabulary, the drug names and the parser never load in the EHR's page. Never imported by a
 * content script (tests/unit/ehr/boundary.test.ts).
 */
import { namesADrug } from '../../clinical/medications/names';
import { parseMedicationLine } from '../../clinical/medications/parse';
import type { MedicationEntry } from '../../clinical/types';
import type { PageReading } from '../types';

/** A line parsed again, keeping the status, dates and provenance the reader recorded. */
export function enrichMedication(medication: MedicationEntry): MedicationEntry {
  return parseMedicationLine(medication.text, medication.provenance, {
    status: medication.status,
    startDate: medication.startDate,
    endDate: medication.endDate,
  });
}

/** Whether a line stays a medication: a reader vouched for it, or it names a drug. */
function isMedication(medication: MedicationEntry): boolean {
  return medication.unconfirmed !== true || namesADrug(medication.text);
}

export function enrichReading(reading: PageReading): PageReading {
  return {
    ...reading,
    context: {
      ...reading.context,
      medications: reading.context.medications.filter(isMedication).map(enrichMedication),
    },
  };
}
