/**
 * What a medication line says about its own status ("Discontinued: paroxetine 20 mg"). Kept out
 * of the parser because the page readers need it too: they record a line's status as the chart
 * shows it, and the parser, run later in the background, must come to the same status.
 */
import type { IsoDate, MedicationStatus } from '../types';

/** What the chart says about a line besides its text: a status column, start and stop dates. */
export interface MedicationFacts {
  status?: MedicationStatus;
  startDate?: IsoDate | null;
  endDate?: IsoDate | null;
}

const STOPPED =
  /\b(?:discontinued|discontinue|stopped|d\/c(?:'?d)?|dc'?d|no longer taking|not taking)\b/i;
const ON_HOLD = /\bon hold\b|\(held\)/i;
const COMPLETED = /\b(?:completed|course complete|finished)\b/i;

/** The status the line's own words state, or null when they state none. */
export function statusStatedIn(text: string): MedicationStatus | null {
  const line = text.replace(/\s+/g, ' ');
  if (STOPPED.test(line)) return 'stopped';
  if (ON_HOLD.test(line)) return 'on-hold';
  if (COMPLETED.test(line)) return 'completed';
  return null;
}
