import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Third-party FHIR test data (Synthea patients, quality-measure test patients, HL7 examples) is
 * not copied into this repository: it is read from the workplace's `shared/fixtures/fhir/`, checked
 * out beside this project (see the README's quick start). Missing, the tests say so plainly.
 */
export function sharedFhirFixtures(): string {
  const directory = path.resolve(process.cwd(), '../shared/fixtures/fhir');
  if (!existsSync(directory)) {
    throw new Error(
      `The FHIR test data is read from ${directory}: check out the shared fixtures beside this project (README, Quick start).`,
    );
  }
  return directory;
}
