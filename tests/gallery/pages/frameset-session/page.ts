/**
 * "OpenChart": a framed EHR in the style of OpenEMR's older interface. The server keeps the
 * current patient in the session (a cookie); no address carries the patient. The top document
 * holds the banner (label cells) and the patient finder; choosing a patient posts to the server,
 * rewrites the banner from the answer, and reloads the two chart frames half a second later.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { escapeHtml, lastFirst, usDate } from '../../format';
import { cookies, delay, readBody, sendHtml, sendJson } from '../../http';
import { person } from '../../people';
import { type GalleryPageDefinition, type GalleryPatient, patientTruth } from '../../types';

const patients: GalleryPatient[] = [
  { id: '2041', person: person('carter'), mrn: 'RC-20931' },
  { id: '2042', person: person('rahman'), mrn: 'AR-31877' },
  { id: '2043', person: person('vance'), mrn: 'EV-40212' },
  { id: '2044', person: person('washington'), mrn: 'JW-51190' },
  { id: '2045', person: person('hernandez'), mrn: 'LH-60034' },
];

/** pid per session id. */
const sessions = new Map<string, string>();

function sessionOf(request: IncomingMessage): {
  sid: string;
  fresh: boolean;
  patient: GalleryPatient;
} {
  const existing = cookies(request).OpenChartSID;
  const sid = existing && sessions.has(existing) ? existing : randomUUID();
  if (!sessions.has(sid)) sessions.set(sid, patients[0]?.id ?? '');
  const pid = sessions.get(sid);
  const patient =
    patients.find((candidate) => candidate.id === pid) ?? (patients[0] as GalleryPatient);
  return { sid, fresh: sid !== existing, patient };
}

/** "Carter III, Robert Lee": how OpenChart prints a name (lname suffix, fname mname). */
const displayName = (patient: GalleryPatient) => lastFirst(patient.person);

function bannerCells(patient: GalleryPatient): string {
  const who = patient.person;
  return `<tr><td class="label">Patient:</td><td class="text ptname">${escapeHtml(displayName(patient))}</td>
<td class="label">Chart #</td><td class="text">${patient.mrn}</td>
<td class="label">DOB:</td><td class="text">${usDate(who.birthDate)}</td>
<td class="label">Sex:</td><td class="text">${who.sex === 'female' ? 'Female' : 'Male'}</td></tr>`;
}

function mainDocument(current: GalleryPatient): string {
  const finder = patients
    .map(
      (patient) =>
        `<tr><td><a href="#" onclick="return setpatient(${patient.id})" data-pid="${patient.id}">${escapeHtml(displayName(patient))}</a></td><td>${usDate(patient.person.birthDate)}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html><head><title>OpenChart</title>
<style>
body { margin: 0; font: 13px Arial, sans-serif; }
#banner { background: #e8eef7; border-bottom: 2px solid #5b7db1; padding: 4px 10px; }
td.label { color: #555; font-weight: bold; padding-right: 4px; }
td.text { padding-right: 18px; }
#layout { display: flex; }
#finder { width: 230px; border-right: 1px solid #ccc; padding: 6px; }
#frames { flex: 1; }
iframe { border: 0; border-bottom: 1px solid #ccc; width: 100%; height: 380px; }
</style>
<script>
var reloadTimer = null;
function setpatient(pid) {
  fetch('/openchart/set_pid.php', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'set_pid=' + pid })
    .then(function (r) { return r.text(); })
    .then(function (cells) {
      document.getElementById('bannerTable').innerHTML = cells;
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(function () {
        window.frames['pat'].location.reload();
        window.frames['enc'].location.reload();
      }, 500);
    });
  return false;
}
window.galleryHeader = function () {
  var name = document.querySelector('#bannerTable .ptname');
  return name ? name.textContent : null;
};
</script></head>
<body>
<div id="banner"><table id="bannerTable">${bannerCells(current)}</table></div>
<div id="layout">
<div id="finder"><b>Patient Finder</b><table>${finder}</table></div>
<div id="frames">
<iframe name="pat" src="/openchart/frames/summary.php"></iframe>
<iframe name="enc" src="/openchart/frames/questionnaires.php"></iframe>
</div></div>
</body></html>`;
}

function summaryDocument(patient: GalleryPatient): string {
  const who = patient.person;
  const meds = who.medications
    .map(
      (medication) =>
        `<tr><td>${escapeHtml(medication.text)}</td><td>${escapeHtml(medication.sig)}</td><td>2026-01-05</td></tr>`,
    )
    .join('\n');
  const issues = who.conditions
    .map((condition) => `<li>${escapeHtml(condition.text)} (ICD10:${condition.code})</li>`)
    .join('\n');
  return `<!DOCTYPE html><html><head><title>Dashboard</title>
<style>body { font: 13px Arial, sans-serif; margin: 8px; } .section-header { font-weight: bold; border-bottom: 1px solid #999; margin-top: 10px; }
td, th { padding: 2px 8px; text-align: left; }</style></head>
<body>
<div class="section-header">Medical Problems</div><ul>${issues}</ul>
<div class="section-header">Prescriptions</div>
<table><tr><th>Drug</th><th>Instructions</th><th>Start</th></tr>${meds}</table>
</body></html>`;
}

function assessmentsDocument(patient: GalleryPatient): string {
  const rows = [...patient.person.scores]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map(
      (score) =>
        `<tr><td>${score.instrument}</td><td>${score.score}</td><td>${usDate(score.date)}</td><td>Lindqvist, Hanna</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html><head><title>Assessments</title>
<style>body { font: 13px Arial, sans-serif; margin: 8px; } td, th { padding: 2px 8px; border-bottom: 1px solid #ddd; text-align: left; }</style></head>
<body><div class="section-header"><b>Questionnaires</b></div>
<table><tr><th>Form</th><th>Total</th><th>Issued</th><th>Provider</th></tr>${rows}</table></body></html>`;
}

export const framesetSession: GalleryPageDefinition = {
  id: 'frameset-session',
  patients,
  truth: () => ({
    id: 'frameset-session',
    title: 'OpenChart (frames relying on the server session)',
    style:
      'OpenEMR-style framed layout: banner and patient finder in the top document, the chart in two iframes (frames/summary.php, frames/questionnaires.php) whose addresses never name the patient; the server session (a cookie) decides whose chart they show; choosing a patient posts to the server, rewrites the banner, and reloads the frames 0.5 s later.',
    labels:
      'Banner of label cells ("Patient:", "Chart #", "DOB:") with a "Last Suffix, First Middle" name and US dates; prescriptions table; questionnaire table with an "Issued" column (US dates).',
    expect: 'read',
    chartMustBeHeld: true,
    singlePage: true,
    reveal: [],
    inPage: { kind: 'click', selector: '#finder a[data-pid="{id}"]' },
    inPageHistory: 'none',
    addressBar: false,
    patients: patients.map((patient) =>
      patientTruth(patient, '/openchart/main.php', displayName(patient), {
        othersOnScreen: patients.filter((other) => other !== patient).map(displayName),
      }),
    ),
  }),
  async handle(request, response, url, context) {
    const path = url.pathname;
    const session = sessionOf(request);
    const cookie: Record<string, string> = session.fresh
      ? { 'set-cookie': `OpenChartSID=${session.sid}; Path=/; HttpOnly` }
      : {};
    if (path === '/openchart/set_pid.php' && request.method === 'POST') {
      const pid = new URLSearchParams(await readBody(request)).get('set_pid');
      const patient = patients.find((candidate) => candidate.id === pid);
      if (patient) sessions.set(session.sid, patient.id);
      await delay(context.lag());
      sendHtml(response, bannerCells(patient ?? session.patient), cookie);
      return true;
    }
    if (path === '/' || path === '/openchart/main.php') {
      sendHtml(response, mainDocument(session.patient), cookie);
      return true;
    }
    if (path === '/openchart/frames/summary.php') {
      await delay(context.lag());
      sendHtml(response, summaryDocument(session.patient), cookie);
      return true;
    }
    if (path === '/openchart/frames/questionnaires.php') {
      await delay(context.lag());
      sendHtml(response, assessmentsDocument(session.patient), cookie);
      return true;
    }
    if (path === '/api/session') {
      sendJson(response, { pid: session.patient.id });
      return true;
    }
    return false;
  },
};
