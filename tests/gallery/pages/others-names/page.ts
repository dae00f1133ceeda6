/**
 * "Summit": a server-rendered chart in the style of PowerChart: a dense banner bar, and around the
 * chart other people's names — the recently viewed patients (with their birth dates and record
 * numbers), the emergency contact, the care team, and the sender of a message in the inbox
 * preview. A new patient is a new page load.
 */
import { ageOn, escapeHtml, lastFirstUpper, monthNameDate, usDate } from '../../format';
import { sendHtml } from '../../http';
import { person } from '../../people';
import { type GalleryPageDefinition, type GalleryPatient, patientTruth } from '../../types';

const patients: GalleryPatient[] = [
  { id: '880042', person: person('carter'), mrn: '88-0042-1' },
  { id: '880057', person: person('smith'), mrn: '88-0057-3' },
  { id: '880063', person: person('washington'), mrn: '88-0063-9' },
  { id: '880071', person: person('rahman'), mrn: '88-0071-2' },
  { id: '880089', person: person('vance'), mrn: '88-0089-5' },
];

const CONTACTS: Record<string, string> = {
  carter: 'CARTER, LINDA M (Spouse)',
  smith: 'SMITH, MARY E (Daughter)',
  washington: 'WASHINGTON, DENISE (Mother)',
  rahman: 'RAHMAN, IMRAN (Husband)',
  vance: 'KIM, DANIEL (Husband)',
};

function chartDocument(patient: GalleryPatient): string {
  const who = patient.person;
  const recent = patients
    .filter((other) => other !== patient)
    .map(
      (other) =>
        `<li><a href="/powerchart/chart?pid=${other.id}">${escapeHtml(lastFirstUpper(other.person))}</a><br><span class="sub">${usDate(other.person.birthDate)} · MRN ${other.mrn}</span></li>`,
    )
    .join('\n');
  const meds = who.medications
    .map(
      (medication) =>
        `<tr><td>${escapeHtml(medication.text)}</td><td>${escapeHtml(medication.sig)}</td><td>Ordered</td><td>Natarajan, Priya MD</td></tr>`,
    )
    .join('\n');
  const scores = [...who.scores]
    .sort((a, b) => b.date.localeCompare(a.date))
    .map(
      (score) =>
        `<tr><td>${score.instrument} Total Score</td><td>${score.score}</td><td>${monthNameDate(score.date)}</td><td>Whitfield, Alan PhD</td></tr>`,
    )
    .join('\n');
  const problems = who.conditions
    .map(
      (condition) =>
        `<tr><td>${escapeHtml(condition.text)}</td><td>${condition.code}</td><td>Confirmed</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Summit PowerView</title>
<style>
body { margin: 0; font: 12px "Segoe UI", Arial, sans-serif; background: #eef1f4; }
#banner-bar { background: #1f3d5a; color: #fff; padding: 6px 12px; display: grid; grid-template-columns: 280px repeat(4, auto); gap: 2px 20px; }
#banner-bar .pt-name { font-size: 16px; font-weight: 700; grid-row: span 2; }
#banner-bar .lbl { color: #a9c1d9; }
#wrap { display: grid; grid-template-columns: 220px 1fr 260px; gap: 10px; padding: 10px; }
.pane { background: #fff; border: 1px solid #c8d0d8; padding: 8px; }
.pane h2 { font-size: 13px; margin: 0 0 6px; color: #1f3d5a; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #e4e7ea; }
ul { padding-left: 16px; margin: 0; } li { margin-bottom: 6px; } .sub { color: #777; }
</style></head>
<body>
<div id="banner-bar">
  <div class="pt-name">${escapeHtml(lastFirstUpper(who))}</div>
  <div><span class="lbl">DOB:</span> ${monthNameDate(who.birthDate)}</div>
  <div><span class="lbl">Age:</span> ${ageOn(who.birthDate)} years</div>
  <div><span class="lbl">Sex:</span> ${who.sex === 'female' ? 'Female' : 'Male'}</div>
  <div><span class="lbl">Allergies:</span> NKA</div>
  <div><span class="lbl">MRN:</span> ${patient.mrn}</div>
  <div><span class="lbl">FIN:</span> 77${patient.id}</div>
  <div><span class="lbl">Attending:</span> Natarajan, Priya MD</div>
  <div><span class="lbl">Loc:</span> BH Clinic 2</div>
</div>
<div id="wrap">
  <div class="pane" id="recent"><h2>Recent Patients</h2><ul>${recent}</ul></div>
  <div>
    <div class="pane"><h2>Problems</h2><table><tr><th>Problem</th><th>Code</th><th>Confirmation</th></tr>${problems}</table></div>
    <div class="pane"><h2>Medications</h2><table><tr><th>Order</th><th>Details</th><th>Status</th><th>Ordering Provider</th></tr>${meds}</table></div>
    <div class="pane"><h2>Behavioral Health Assessments</h2><table><tr><th>Assessment</th><th>Score</th><th>Date</th><th>Performed By</th></tr>${scores}</table></div>
  </div>
  <div>
    <div class="pane"><h2>Contacts</h2><table>
      <tr><th>Emergency Contact</th></tr><tr><td>${escapeHtml(CONTACTS[who.key] ?? '')}<br>(555) 010-2231</td></tr></table></div>
    <div class="pane"><h2>Care Team</h2><table>
      <tr><td>Psychiatry</td><td>Natarajan, Priya MD</td></tr><tr><td>Therapist</td><td>Whitfield, Alan PhD</td></tr></table></div>
    <div class="pane"><h2>Message Center</h2>
      <div class="msg"><b>From:</b> GREENE, THOMAS J MD<br><b>Subject:</b> Lab results for review<br><b>Received:</b> 11/30/2026 08:12</div></div>
  </div>
</div>
<script>window.galleryHeader = function () { var n = document.querySelector('#banner-bar .pt-name'); return n ? n.textContent : null; };</script>
</body></html>`;
}

export const othersNames: GalleryPageDefinition = {
  id: 'others-names',
  patients,
  truth: () => ({
    id: 'others-names',
    title: "Summit (other people's names beside the patient's)",
    style:
      "Server-rendered PowerChart-style chart: a dense banner bar, with other people's names on the same screen — recent patients (with birth dates and MRNs), the emergency contact (a relative with the same family name), the care team and a message sender.",
    labels:
      'Banner "LAST SUFFIX, FIRST M" with "DOB:" as a month-name date and "MRN:" in label spans; medications table "Order/Details/Status"; score table with "PHQ-9 Total Score" rows and a "Date" column of month-name dates.',
    expect: 'read',
    chartMustBeHeld: false,
    singlePage: false,
    reveal: [],
    inPage: null,
    inPageHistory: 'none',
    addressBar: true,
    patients: patients.map((patient) =>
      patientTruth(patient, `/powerchart/chart?pid=${patient.id}`, lastFirstUpper(patient.person), {
        othersOnScreen: [
          ...patients
            .filter((other) => other !== patient)
            .map((other) => lastFirstUpper(other.person)),
          CONTACTS[patient.person.key] ?? '',
          'Natarajan, Priya MD',
          'Whitfield, Alan PhD',
          'GREENE, THOMAS J MD',
        ],
      }),
    ),
  }),
  handle(_request, response, url) {
    if (url.pathname !== '/' && url.pathname !== '/powerchart/chart') return false;
    const patient =
      patients.find((candidate) => candidate.id === url.searchParams.get('pid')) ?? patients[0];
    if (!patient) return false;
    sendHtml(response, chartDocument(patient));
    return true;
  },
};
