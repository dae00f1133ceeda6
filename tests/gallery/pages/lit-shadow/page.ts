/**
 * "Cobalt": web components (Lit) in open shadow roots, hash-routed (see client.ts). The server is
 * its JSON API, each answer after its own lag.
 */
import { fileURLToPath } from 'node:url';
import { bundle } from '../../bundle';
import { lastFirst } from '../../format';
import { delay, notFound, sendHtml, sendJson, sendScript } from '../../http';
import { person } from '../../people';
import { type GalleryPageDefinition, type GalleryPatient, patientTruth } from '../../types';

const patients: GalleryPatient[] = [
  { id: 'c7f3a1', person: person('vance'), mrn: 'CB-000731' },
  { id: 'c7f3b8', person: person('rahman'), mrn: 'CB-000842' },
  { id: 'c7f3c2', person: person('smith'), mrn: 'CB-000913' },
  { id: 'c7f3d5', person: person('obrien'), mrn: 'CB-001077' },
  { id: 'c7f3e9', person: person('carter'), mrn: 'CB-001160' },
];

const SHORT_NAMES: Record<string, string> = {
  'PHQ-9': 'PHQ-9',
  'GAD-7': 'GAD-7',
  'PHQ-2': 'PHQ-2',
};

/** "Vance-Kim, Eleanor (Dr.)": the title after the name, as this vendor prints it. */
function bannerName(patient: GalleryPatient): string {
  return `${lastFirst(patient.person)}${patient.person.title ? ` (${patient.person.title})` : ''}`;
}

const shell = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cobalt EHR</title>
<style>body { margin: 0; }</style></head>
<body><cobalt-app></cobalt-app><script type="module" src="/assets/cobalt.js"></script></body></html>`;

export const litShadow: GalleryPageDefinition = {
  id: 'lit-shadow',
  patients,
  truth: () => ({
    id: 'lit-shadow',
    title: 'Cobalt (web components in shadow DOM)',
    style:
      'Single-page app of Lit web components, every component in its own open shadow root (banner, medication cards, score table nested two and three roots deep); hash routing (#/patient/<id>); each component fetches its own JSON.',
    labels:
      'dt/dd pairs ("Born", "Patient ID") in the banner; name as "LAST, First Middle (Title)"; ISO dates; medications as cards; scores in a plain table with a "Completed" column and short instrument names.',
    expect: 'read',
    chartMustBeHeld: false,
    singlePage: true,
    reveal: [],
    inPage: { kind: 'click', selector: 'cobalt-patient-list a[href="#/patient/{id}"]' },
    inPageHistory: 'push',
    addressBar: true,
    patients: patients.map((patient) =>
      patientTruth(patient, `/#/patient/${patient.id}`, bannerName(patient), {
        othersOnScreen: patients
          .filter((other) => other !== patient)
          .map((other) => lastFirst(other.person)),
      }),
    ),
  }),
  async handle(_request, response, url, context) {
    const path = url.pathname;
    if (path === '/') {
      sendHtml(response, shell);
      return true;
    }
    if (path === '/assets/cobalt.js') {
      sendScript(response, await bundle(fileURLToPath(new URL('./client.ts', import.meta.url))));
      return true;
    }
    if (path === '/fhir/Patient') {
      sendJson(
        response,
        patients.map((patient) => ({ id: patient.id, name: lastFirst(patient.person) })),
      );
      return true;
    }
    const match = /^\/fhir\/Patient\/([^/]+)\/(banner|medications|measures|problems)$/.exec(path);
    if (!match) return false;
    const patient = patients.find((candidate) => candidate.id === match[1]);
    if (!patient) {
      notFound(response);
      return true;
    }
    await delay(context.lag());
    const who = patient.person;
    if (match[2] === 'banner') {
      sendJson(response, {
        id: patient.id,
        name: bannerName(patient),
        born: who.birthDate,
        sex: who.sex === 'female' ? 'F' : 'M',
        patientId: patient.mrn,
        pcp: 'Okafor, Chinedu MD',
      });
    } else if (match[2] === 'medications') {
      sendJson(
        response,
        who.medications.map((medication) => ({
          name: medication.text,
          sig: medication.sig,
          prescriber: 'Lindqvist, Hanna PMHNP',
        })),
      );
    } else if (match[2] === 'problems') {
      sendJson(response, who.conditions);
    } else {
      sendJson(
        response,
        who.scores.map((score) => ({
          measure: SHORT_NAMES[score.instrument],
          score: score.score,
          completed: score.date,
        })),
      );
    }
    return true;
  },
};
