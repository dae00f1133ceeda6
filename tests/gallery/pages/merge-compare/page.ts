/**
 * "Registry MPI": a master-patient-index merge screen that shows two records side by side (a
 * suspected duplicate). Both are real patients of the page; Careside must not pick one.
 */
import { escapeHtml, lastFirstUpper, usDate } from '../../format';
import { sendHtml } from '../../http';
import { person } from '../../people';
import type { GalleryPageDefinition, GalleryPatient, PatientTruth } from '../../types';
import { patientTruth } from '../../types';

const records: GalleryPatient[] = [
  { id: 'A', person: person('smith'), mrn: '10-55012' },
  {
    id: 'B',
    person: {
      ...person('smith'),
      key: 'smith-b',
      middle: 'P',
      suffix: null,
      birthDate: '1970-01-04',
    },
    mrn: '10-70931',
  },
  { id: 'C', person: person('washington'), mrn: '10-33218' },
  {
    id: 'D',
    person: {
      ...person('washington'),
      key: 'washington-b',
      suffix: null,
      middle: null,
      birthDate: '1988-02-28',
    },
    mrn: '10-90417',
  },
];

const pairs: [GalleryPatient, GalleryPatient][] = [
  [records[0] as GalleryPatient, records[1] as GalleryPatient],
  [records[2] as GalleryPatient, records[3] as GalleryPatient],
];

function mergeDocument(left: GalleryPatient, right: GalleryPatient): string {
  const row = (label: string, a: string, b: string) =>
    `<tr><th scope="row">${label}</th><td>${a}</td><td>${b}</td></tr>`;
  const meds = (patient: GalleryPatient) =>
    patient.person.medications.map((medication) => escapeHtml(medication.text)).join('<br>');
  const scores = (patient: GalleryPatient) =>
    patient.person.scores
      .map((score) => `${score.instrument} ${score.score} (${usDate(score.date)})`)
      .join('<br>');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Registry MPI – Merge review</title>
<style>body { font: 13px Arial, sans-serif; margin: 16px; } table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: 4px 10px; text-align: left; vertical-align: top; } thead th { background: #eee; }</style></head>
<body>
<h1>Potential duplicate – merge review</h1>
<p>Match score 0.91. Choose the surviving record before merging.</p>
<table>
<thead><tr><th></th><th>Record 1 (survivor)</th><th>Record 2</th></tr></thead>
<tbody>
${row('Patient name', escapeHtml(lastFirstUpper(left.person)), escapeHtml(lastFirstUpper(right.person)))}
${row('Date of birth', usDate(left.person.birthDate), usDate(right.person.birthDate))}
${row('Sex', left.person.sex, right.person.sex)}
${row('MRN', left.mrn, right.mrn)}
${row('Medications', meds(left), meds(right))}
${row('Screenings', scores(left), scores(right))}
</tbody></table>
<p><button>Merge into record 1</button> <button>Not a duplicate</button></p>
<script>window.galleryHeader = function () { return null; };</script>
</body></html>`;
}

export const mergeCompare: GalleryPageDefinition = {
  id: 'merge-compare',
  patients: records,
  truth: () => ({
    id: 'merge-compare',
    title: 'Registry MPI (two patients at once: a merge review)',
    style:
      'Server-rendered master-patient-index merge review: two records of near-identical people side by side in one table (names, birth dates, MRNs, medications, scores). There is no single patient on the screen: Careside must refuse to pick.',
    labels:
      'Row headers ("Patient name", "Date of birth", "MRN") with one column per record; US dates.',
    expect: 'refuse',
    chartMustBeHeld: false,
    singlePage: false,
    reveal: [],
    inPage: null,
    inPageHistory: 'none',
    addressBar: true,
    patients: pairs.map(
      ([left, right]): PatientTruth =>
        patientTruth(
          left,
          `/mpi/merge?survivor=${left.id}&candidate=${right.id}`,
          lastFirstUpper(left.person),
          {
            id: `${left.id}+${right.id}`,
            othersOnScreen: [lastFirstUpper(right.person)],
          },
        ),
    ),
  }),
  handle(_request, response, url) {
    if (url.pathname !== '/' && url.pathname !== '/mpi/merge') return false;
    const left =
      records.find((record) => record.id === url.searchParams.get('survivor')) ?? records[0];
    const right =
      records.find((record) => record.id === url.searchParams.get('candidate')) ?? records[1];
    if (!left || !right) return false;
    sendHtml(response, mergeDocument(left, right));
    return true;
  },
};
