/**
 * "Lumen": a slow single-page EHR without a framework (plain DOM code and fetch), patient in the
 * path, switched with `history.pushState`. Its header and its chart come from two services of
 * very different speed: for some patients the header arrives first and the chart about a second
 * later, for others the chart first and the header later. Until its part arrives, each area is
 * blank ("Loading…").
 */
import { givenFamily, monthNameDate, usDate } from '../../format';
import { delay, notFound, sendHtml, sendJson } from '../../http';
import { person } from '../../people';
import { type GalleryPageDefinition, type GalleryPatient, patientTruth } from '../../types';

const patients: GalleryPatient[] = [
  { id: 'L-30071', person: person('nguyen'), mrn: 'L-30071' },
  { id: 'L-30088', person: person('carter'), mrn: 'L-30088' },
  { id: 'L-30102', person: person('hernandez'), mrn: 'L-30102' },
  { id: 'L-30119', person: person('rahman'), mrn: 'L-30119' },
  { id: 'L-30125', person: person('obrien'), mrn: 'L-30125' },
];

/** The slow half of a patient's screen lags this much behind the fast half. */
const SLOW_PART_MS = 900;

const headerFirst = (patient: GalleryPatient) => patients.indexOf(patient) % 2 === 0;

const shell = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lumen</title>
<style>
body { margin: 0; font: 14px Georgia, serif; display: grid; grid-template-columns: 200px 1fr; min-height: 100vh; }
nav { background: #2d2a32; padding: 10px; } nav a { display: block; color: #eee; padding: 5px 0; }
#patient-header { padding: 12px 18px; border-bottom: 3px double #2d2a32; min-height: 48px; }
#patient-header h1 { margin: 0; font-size: 22px; }
#patient-header .facts span { margin-right: 16px; }
#chart { padding: 12px 18px; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 3px 10px; }
.loading { color: #888; font-style: italic; }
</style></head>
<body>
<nav id="nav"></nav>
<main>
  <div id="patient-header"><span class="loading">Loading…</span></div>
  <div id="chart"><span class="loading">Loading…</span></div>
</main>
<script src="/js/lumen.js"></script>
</body></html>`;

const client = `(function () {
  var current = null;
  function idFromPath() { var m = /^\\/patient\\/([^/]+)/.exec(location.pathname); return m ? decodeURIComponent(m[1]) : null; }
  function json(url) { return fetch(url).then(function (r) { return r.json(); }); }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  function show(id) {
    current = id;
    var header = document.getElementById('patient-header');
    var chart = document.getElementById('chart');
    header.innerHTML = '<span class="loading">Loading…</span>';
    chart.innerHTML = '<span class="loading">Loading…</span>';
    json('/api/patient/' + id + '/header').then(function (h) {
      if (current !== id) return;
      header.innerHTML = '<h1>' + esc(h.name) + '</h1><div class="facts">' +
        '<span>DOB ' + esc(h.dob) + '</span><span>Patient ID ' + esc(h.patientId) + '</span><span>' + esc(h.sex) + '</span></div>';
    });
    json('/api/patient/' + id + '/chart').then(function (c) {
      if (current !== id) return;
      chart.innerHTML = '<h2>Diagnoses</h2><ul>' + c.diagnoses.map(function (d) { return '<li>' + esc(d) + '</li>'; }).join('') + '</ul>' +
        '<h2>Medications</h2><ul>' + c.medications.map(function (m) { return '<li>' + esc(m) + '</li>'; }).join('') + '</ul>' +
        '<h2>Screenings</h2><table><thead><tr><th>Screening</th><th>Total</th><th>Date</th></tr></thead><tbody>' +
        c.screenings.map(function (s) { return '<tr><td>' + esc(s.name) + '</td><td>' + s.total + '</td><td>' + esc(s.date) + '</td></tr>'; }).join('') +
        '</tbody></table>';
    });
  }
  json('/api/patients').then(function (list) {
    document.getElementById('nav').innerHTML = list.map(function (p) {
      return '<a href="/patient/' + encodeURIComponent(p.id) + '" data-id="' + esc(p.id) + '">' + esc(p.name) + '</a>';
    }).join('');
  });
  document.getElementById('nav').addEventListener('click', function (event) {
    var link = event.target.closest('a[data-id]');
    if (!link) return;
    event.preventDefault();
    if (link.dataset.id === current) return;
    history.pushState(null, '', link.getAttribute('href'));
    show(link.dataset.id);
  });
  addEventListener('popstate', function () { show(idFromPath()); });
  window.galleryHeader = function () { var h = document.querySelector('#patient-header h1'); return h ? h.textContent : null; };
  show(idFromPath());
})();`;

export const slow: GalleryPageDefinition = {
  id: 'slow',
  patients,
  truth: () => ({
    id: 'slow',
    title: 'Lumen (slow: header before data, or data before header)',
    style:
      'Plain-DOM single-page app (no framework), patient in the path, switched with history.pushState. Header and chart come from two services; for every other patient the header arrives ~0.9 s before the chart, for the rest the chart ~0.9 s before the header. Both areas are blanked on a change.',
    labels:
      'Name "Given Family Suffix" with no label in an h1; "DOB 12/31/1992" and "Patient ID L-…" without colons; medications as a plain list; scores in a table with "Screening/Total/Date" columns and month-name dates.',
    expect: 'read',
    chartMustBeHeld: false,
    singlePage: true,
    reveal: [],
    inPage: { kind: 'click', selector: 'nav a[data-id="{id}"]' },
    inPageHistory: 'push',
    addressBar: true,
    patients: patients.map((patient) =>
      patientTruth(patient, `/patient/${patient.id}`, givenFamily(patient.person), {
        othersOnScreen: patients
          .filter((other) => other !== patient)
          .map((other) => givenFamily(other.person)),
      }),
    ),
  }),
  async handle(_request, response, url, context) {
    const path = url.pathname;
    if (path === '/') {
      response.writeHead(302, { location: `/patient/${patients[0]?.id}` });
      response.end();
      return true;
    }
    if (path.startsWith('/patient/')) {
      sendHtml(response, shell);
      return true;
    }
    if (path === '/js/lumen.js') {
      response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      response.end(client);
      return true;
    }
    if (path === '/api/patients') {
      sendJson(
        response,
        patients.map((patient) => ({ id: patient.id, name: givenFamily(patient.person) })),
      );
      return true;
    }
    const match = /^\/api\/patient\/([^/]+)\/(header|chart)$/.exec(path);
    if (!match) return false;
    const patient = patients.find(
      (candidate) => candidate.id === decodeURIComponent(match[1] ?? ''),
    );
    if (!patient) {
      notFound(response);
      return true;
    }
    const who = patient.person;
    const slowPart = headerFirst(patient) ? 'chart' : 'header';
    await delay(context.lag() + (match[2] === slowPart ? SLOW_PART_MS : 0));
    if (match[2] === 'header') {
      sendJson(response, {
        name: givenFamily(who),
        dob: usDate(who.birthDate),
        patientId: patient.mrn,
        sex: who.sex === 'female' ? 'Female' : 'Male',
      });
    } else {
      sendJson(response, {
        diagnoses: who.conditions.map((condition) => `${condition.text} (${condition.code})`),
        medications: who.medications.map((medication) => `${medication.text} – ${medication.sig}`),
        screenings: who.scores.map((score) => ({
          name: score.instrument,
          total: score.score,
          date: monthNameDate(score.date),
        })),
      });
    }
    return true;
  },
};
