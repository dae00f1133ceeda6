/**
 * "Meridian": React + Material UI single-page EHR (see client.tsx). The server is its JSON API:
 * FHIR-flavoured demographics with the record number under an identifier system URL, medication
 * requests, conditions and observations, each answered after its own lag.
 */
import { fileURLToPath } from 'node:url';
import { bundle } from '../../bundle';
import { escapeHtml, LOINC, lastFirst, titledFull } from '../../format';
import { delay, notFound, sendHtml, sendJson, sendScript } from '../../http';
import { person } from '../../people';
import { type GalleryPageDefinition, type GalleryPatient, patientTruth } from '../../types';

const MRN_SYSTEM = 'http://meridian.example/fhir/sid/mrn';

const patients: GalleryPatient[] = [
  { id: 'mh-1042', person: person('obrien'), mrn: '4471203' },
  { id: 'mh-1187', person: person('washington'), mrn: '4480561' },
  { id: 'mh-1203', person: person('vance'), mrn: '4491877' },
  { id: 'mh-1311', person: person('hernandez'), mrn: '4502219' },
  { id: 'mh-1450', person: person('nguyen'), mrn: '4517730' },
  { id: 'mh-1502', person: person('carter'), mrn: '4523004' },
];

const shell = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body><div id="root"></div><script src="/static/js/main.js"></script></body></html>`;

export const reactMui: GalleryPageDefinition = {
  id: 'react-mui',
  patients,
  truth: () => ({
    id: 'react-mui',
    title: 'Meridian (React + Material UI SPA)',
    style:
      'Single-page app: React 19 with @mui/material and Emotion, bundled by esbuild; each section fetches its own JSON; the patient is switched in the page (history.pushState) and the header is re-mounted (key change) when the new demographics arrive.',
    labels:
      'Label above value (MUI overline captions, upper-cased by CSS); record number under an identifier system URL, no "MRN" label; name with title and suffix ("Mr. Jamal D. Washington, Jr."); month-name birth date; scores in an MUI Table with LOINC display names and an "Effective" column (date and time); medications in an MUI List; problems as Chips.',
    expect: 'read',
    chartMustBeHeld: false,
    singlePage: true,
    reveal: [],
    inPage: { kind: 'click', selector: 'a[href="/chart/{id}"]' },
    inPageHistory: 'push',
    addressBar: true,
    patients: patients.map((patient) =>
      patientTruth(patient, `/chart/${patient.id}`, titledFull(patient.person), {
        othersOnScreen: patients
          .filter((other) => other !== patient)
          .map((other) => lastFirst(other.person)),
      }),
    ),
  }),
  async handle(_request, response, url, context) {
    const path = url.pathname;
    if (path === '/') {
      response.writeHead(302, { location: `/chart/${patients[0]?.id}` });
      response.end();
      return true;
    }
    if (path.startsWith('/chart/')) {
      sendHtml(response, shell('Meridian'));
      return true;
    }
    if (path === '/static/js/main.js') {
      sendScript(response, await bundle(fileURLToPath(new URL('./client.tsx', import.meta.url))));
      return true;
    }
    if (path === '/api/patients') {
      sendJson(
        response,
        patients.map((patient) => ({ id: patient.id, display: lastFirst(patient.person) })),
      );
      return true;
    }
    const match = /^\/api\/patients\/([^/]+)(?:\/(medications|conditions|observations))?$/.exec(
      path,
    );
    if (!match) return false;
    const patient = patients.find((candidate) => candidate.id === match[1]);
    if (!patient) {
      notFound(response);
      return true;
    }
    await delay(context.lag());
    const { person: who } = patient;
    switch (match[2]) {
      case 'medications':
        sendJson(
          response,
          who.medications.map((medication, index) => ({
            id: `${patient.id}-mr-${index}`,
            medication: medication.text,
            dosage: medication.sig,
            status: 'active',
            authoredOn: '2026-01-05',
          })),
        );
        return true;
      case 'conditions':
        sendJson(
          response,
          who.conditions.map((condition, index) => ({
            id: `${patient.id}-c-${index}`,
            text: condition.text,
            code: condition.code,
            recorded: '2025-11-18',
          })),
        );
        return true;
      case 'observations':
        sendJson(
          response,
          [...who.scores]
            .sort((a, b) => b.date.localeCompare(a.date))
            .map((score, index) => ({
              id: `${patient.id}-o-${index}`,
              code: LOINC[score.instrument],
              value: score.score,
              effective: `${score.date}T15:${String(10 + index * 7).padStart(2, '0')}:00Z`,
            })),
        );
        return true;
      default:
        sendJson(response, {
          id: patient.id,
          name: {
            prefix: who.title,
            given: [who.given, ...(who.middle ? [who.middle] : [])],
            family: who.family,
            suffix: who.suffix,
          },
          birthDate: who.birthDate,
          gender: who.sex,
          identifier: [{ system: MRN_SYSTEM, value: patient.mrn }],
        });
        return true;
    }
  },
};
