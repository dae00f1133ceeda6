/**
 * "Harbor": a server-rendered chart with lazy tabs and an accordion, in the style of athenaOne's
 * and eClinicalWorks' chart views. Only the Summary tab is in the first response; the Medications
 * and Measures tabs fetch and render their panel the first time they are opened (opened panels
 * stay in the document, hidden when another tab is chosen), and the Problem list accordion
 * renders its content when expanded. Measures are an ARIA grid of divs.
 */
import { ageOn, dayMonthYear, escapeHtml, lastFirst } from '../../format';
import { delay, sendHtml } from '../../http';
import { person } from '../../people';
import { type GalleryPageDefinition, type GalleryPatient, patientTruth } from '../../types';

const patients: GalleryPatient[] = [
  { id: '77120', person: person('hernandez'), mrn: 'H0077120' },
  { id: '77134', person: person('obrien'), mrn: 'H0077134' },
  { id: '77151', person: person('carter'), mrn: 'H0077151' },
  { id: '77168', person: person('nguyen'), mrn: 'H0077168' },
];

const INSTRUMENT_NAMES: Record<string, string> = {
  'PHQ-9': 'PHQ-9 Depression Screen',
  'GAD-7': 'GAD-7 Anxiety Screen',
  'PHQ-2': 'PHQ-2 Depression Screen',
};

function chartDocument(patient: GalleryPatient): string {
  const who = patient.person;
  const others = patients
    .filter((other) => other !== patient)
    .map(
      (other) =>
        `<a href="/clinicals/chart?PATIENTID=${other.id}">${escapeHtml(lastFirst(other.person))}</a>`,
    )
    .join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Harbor – Chart</title>
<style>
body { font: 14px "Segoe UI", Arial, sans-serif; margin: 0; color: #222; }
.patient-demographics { background: #f3f6f8; border-bottom: 1px solid #c5d0d8; padding: 10px 16px; display: flex; gap: 22px; align-items: baseline; }
.patient-demographics .fullname { font-size: 18px; font-weight: 600; }
.kv .k { color: #5a6b78; font-size: 12px; margin-right: 4px; }
[role=tablist] { display: flex; gap: 2px; padding: 8px 16px 0; border-bottom: 1px solid #c5d0d8; }
[role=tab] { border: 1px solid #c5d0d8; border-bottom: 0; background: #e9eef2; padding: 6px 14px; cursor: pointer; }
[role=tab][aria-selected=true] { background: #fff; font-weight: 600; }
[role=tabpanel] { padding: 12px 16px; }
.accordion-header { width: 100%; text-align: left; background: #f7f7f7; border: 1px solid #ddd; padding: 6px 10px; cursor: pointer; }
[role=grid] { display: table; border-collapse: collapse; }
[role=row] { display: table-row; }
[role=columnheader], [role=gridcell] { display: table-cell; padding: 4px 12px; border-bottom: 1px solid #e2e2e2; }
[role=columnheader] { font-weight: 600; background: #f3f6f8; }
.med { padding: 4px 0; border-bottom: 1px dotted #ccc; }
.recent { font-size: 12px; padding: 4px 16px; color: #555; }
</style></head>
<body>
<div class="recent">Recently viewed: ${others}</div>
<header class="patient-demographics" data-patient-id="${patient.id}">
  <span class="fullname">${escapeHtml(lastFirst(who))}</span>
  <span class="kv"><span class="k">Medical record number</span><span class="v">${patient.mrn}</span></span>
  <span class="kv"><span class="k">Date of birth</span><span class="v">${dayMonthYear(who.birthDate)}</span></span>
  <span class="kv"><span class="k">Age</span><span class="v">${ageOn(who.birthDate)} yrs</span></span>
  <span class="kv"><span class="k">Sex</span><span class="v">${who.sex === 'female' ? 'F' : 'M'}</span></span>
</header>
<div role="tablist" aria-label="Chart sections">
  <button role="tab" id="tab-summary" aria-controls="panel-summary" aria-selected="true">Summary</button>
  <button role="tab" id="tab-medications" aria-controls="panel-medications" aria-selected="false">Medications</button>
  <button role="tab" id="tab-measures" aria-controls="panel-measures" aria-selected="false">Measures</button>
</div>
<section role="tabpanel" id="panel-summary" aria-labelledby="tab-summary">
  <p>Reason for visit: Medication management follow-up.</p>
  <div class="accordion">
    <h3><button class="accordion-header" aria-expanded="false" aria-controls="acc-problems" id="acc-problems-button">Problem list</button></h3>
    <div id="acc-problems" role="region" aria-labelledby="acc-problems-button" hidden></div>
  </div>
</section>
<script>
(function () {
  var patientId = ${JSON.stringify(patient.id)};
  function load(part) {
    return fetch('/clinicals/chart/' + part + '?PATIENTID=' + patientId).then(function (r) { return r.text(); });
  }
  document.querySelectorAll('[role=tab]').forEach(function (tab) {
    tab.addEventListener('click', function () {
      var part = tab.id.replace('tab-', '');
      document.querySelectorAll('[role=tab]').forEach(function (other) { other.setAttribute('aria-selected', String(other === tab)); });
      document.querySelectorAll('[role=tabpanel]').forEach(function (panel) { panel.hidden = panel.id !== 'panel-' + part; });
      if (document.getElementById('panel-' + part)) return;
      var panel = document.createElement('section');
      panel.setAttribute('role', 'tabpanel');
      panel.id = 'panel-' + part;
      panel.setAttribute('aria-labelledby', tab.id);
      panel.innerHTML = '<p class="loading">Loading…</p>';
      document.body.appendChild(panel);
      load(part).then(function (html) { panel.innerHTML = html; });
    });
  });
  var accordion = document.getElementById('acc-problems-button');
  accordion.addEventListener('click', function () {
    var region = document.getElementById('acc-problems');
    var open = accordion.getAttribute('aria-expanded') !== 'true';
    accordion.setAttribute('aria-expanded', String(open));
    region.hidden = !open;
    if (open && !region.childElementCount) load('problems').then(function (html) { region.innerHTML = html; });
  });
  window.galleryHeader = function () {
    var name = document.querySelector('.patient-demographics .fullname');
    return name ? name.textContent : null;
  };
})();
</script>
</body></html>`;
}

function medicationsPanel(patient: GalleryPatient): string {
  return `<h2>Active Medications</h2>${patient.person.medications
    .map(
      (medication) =>
        `<div class="med"><strong>${escapeHtml(medication.text)}</strong><br><small>Sig: ${escapeHtml(medication.sig)}</small></div>`,
    )
    .join('')}`;
}

function measuresPanel(patient: GalleryPatient): string {
  const rows = [...patient.person.scores]
    .sort((a, b) => b.date.localeCompare(a.date))
    .map(
      (score) =>
        `<div role="row"><div role="gridcell">${INSTRUMENT_NAMES[score.instrument]}</div><div role="gridcell">${score.score}</div><div role="gridcell">${dayMonthYear(score.date)}</div></div>`,
    )
    .join('');
  return `<h2>Screenings</h2><div role="grid" aria-label="Screening results" aria-rowcount="${patient.person.scores.length + 1}">
<div role="row"><div role="columnheader">Instrument</div><div role="columnheader">Result</div><div role="columnheader">Date</div></div>${rows}</div>`;
}

function problemsRegion(patient: GalleryPatient): string {
  return `<ul>${patient.person.conditions
    .map(
      (condition) =>
        `<li>${escapeHtml(condition.text)} <span class="code">${condition.code}</span></li>`,
    )
    .join('')}</ul>`;
}

export const lazyTabs: GalleryPageDefinition = {
  id: 'lazy-tabs',
  patients,
  truth: () => ({
    id: 'lazy-tabs',
    title: 'Harbor (lazy tabs and an accordion)',
    style:
      'Server-rendered chart (athenaOne / eClinicalWorks style) whose Medications and Measures tabs fetch and render their panel only when first opened, and whose Problem list accordion renders when expanded; opened panels stay in the document, hidden while another tab is shown. A new patient is a new page load.',
    labels:
      '"Last Suffix, First Middle" name; "Medical record number" and "Date of birth" as label/value spans; day-month-name dates ("31 December 1992"); scores in an ARIA grid of divs (role=grid/row/columnheader/gridcell) with a "Date" column and long instrument names; medications as cards.',
    expect: 'read',
    chartMustBeHeld: false,
    singlePage: false,
    reveal: ['#acc-problems-button', '#tab-medications', '#tab-measures'],
    inPage: null,
    inPageHistory: 'none',
    addressBar: true,
    patients: patients.map((patient) =>
      patientTruth(patient, `/clinicals/chart?PATIENTID=${patient.id}`, lastFirst(patient.person), {
        othersOnScreen: patients
          .filter((other) => other !== patient)
          .map((other) => lastFirst(other.person)),
      }),
    ),
  }),
  async handle(_request, response, url, context) {
    const patient =
      patients.find((candidate) => candidate.id === url.searchParams.get('PATIENTID')) ??
      patients[0];
    if (!patient) return false;
    switch (url.pathname) {
      case '/':
      case '/clinicals/chart':
        sendHtml(response, chartDocument(patient));
        return true;
      case '/clinicals/chart/medications':
        await delay(context.lag());
        sendHtml(response, medicationsPanel(patient));
        return true;
      case '/clinicals/chart/measures':
        await delay(context.lag());
        sendHtml(response, measuresPanel(patient));
        return true;
      case '/clinicals/chart/problems':
        await delay(context.lag());
        sendHtml(response, problemsRegion(patient));
        return true;
      default:
        return false;
    }
  },
};
