/**
 * "ChartVue": a legacy framed EHR of the ASP era. The top document carries the banner ("LAST,
 * FIRST", US dates) and a patient drop-down; picking a patient rewrites the banner at once from a
 * script array and, half a second later, points the summary frame at `Summary.asp?MRN=…`. The
 * summary frame has no identity of its own; the medication list is a frame nested inside it,
 * also addressed by the record number.
 */
import { ageOn, escapeHtml, LOINC, lastFirstUpper, usDate } from '../../format';
import { delay, sendHtml } from '../../http';
import { person } from '../../people';
import { type GalleryPageDefinition, type GalleryPatient, patientTruth } from '../../types';

const patients: GalleryPatient[] = [
  { id: '00471203', person: person('obrien'), mrn: '00471203' },
  { id: '00480561', person: person('washington'), mrn: '00480561' },
  { id: '00502219', person: person('hernandez'), mrn: '00502219' },
  { id: '00517730', person: person('nguyen'), mrn: '00517730' },
  { id: '00529911', person: person('smith'), mrn: '00529911' },
];

/** Each score's assessment as ChartVue's flowsheet names it. */
const FLOWSHEET_NAME: Record<string, string> = {
  'PHQ-9': 'PHQ-9 Total Score',
  'GAD-7': 'GAD-7 Total Score',
  'PHQ-2': 'PHQ-2 Total Score',
};

function bannerHtml(patient: GalleryPatient): string {
  const who = patient.person;
  return `<span class="ptname">${escapeHtml(lastFirstUpper(who))}</span>
<span class="fld">DOB: ${usDate(who.birthDate)}</span>
<span class="fld">Age: ${ageOn(who.birthDate)}Y</span>
<span class="fld">Sex: ${who.sex === 'female' ? 'F' : 'M'}</span>
<span class="fld">MRN: ${patient.mrn}</span>`;
}

function topDocument(current: GalleryPatient): string {
  const options = patients
    .map(
      (patient) =>
        `<option value="${patient.mrn}"${patient === current ? ' selected' : ''}>${escapeHtml(lastFirstUpper(patient.person))} - ${patient.mrn}</option>`,
    )
    .join('');
  const banners = Object.fromEntries(patients.map((patient) => [patient.mrn, bannerHtml(patient)]));
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><title>ChartVue - Patient Chart</title>
<style>
body { margin: 0; font: 12px Tahoma, Verdana, sans-serif; background: #d4d0c8; }
#banner { background: #003366; color: #fff; padding: 4px 8px; height: 22px; }
#banner .ptname { font-weight: bold; font-size: 14px; margin-right: 18px; }
#banner .fld { margin-right: 14px; }
#toolbar { padding: 3px 8px; background: #ece9d8; border-bottom: 1px solid #999; }
iframe { border: 0; width: 100%; height: 760px; background: #fff; }
</style>
<script type="text/javascript">
var banners = ${JSON.stringify(banners)};
var frameTimer = null;
function selectPatient(sel) {
  var mrn = sel.options[sel.selectedIndex].value;
  document.getElementById('banner').innerHTML = banners[mrn];
  history.replaceState(null, '', 'ChartMain.asp?MRN=' + mrn);
  if (frameTimer) clearTimeout(frameTimer);
  frameTimer = setTimeout(function () {
    window.frames['fraSummary'].location.href = 'Summary.asp?MRN=' + mrn + '&Tab=Summary';
  }, 500);
}
window.galleryHeader = function () {
  var name = document.querySelector('#banner .ptname');
  return name ? name.textContent : null;
};
</script></head>
<body>
<div id="banner">${bannerHtml(current)}</div>
<div id="toolbar"><form name="frmPatient" onsubmit="return false">Patient:
<select name="selPatient" id="selPatient" onchange="selectPatient(this)">${options}</select></form></div>
<iframe name="fraSummary" id="fraSummary" src="Summary.asp?MRN=${current.mrn}&amp;Tab=Summary"></iframe>
</body></html>`;
}

function summaryDocument(patient: GalleryPatient): string {
  const who = patient.person;
  const scores = [...who.scores]
    .sort((a, b) => b.date.localeCompare(a.date))
    .map(
      (score) =>
        `<tr><td>${usDate(score.date)}</td><td>${FLOWSHEET_NAME[score.instrument]}</td><td align="right">${score.score}</td><td>${LOINC[score.instrument].code}</td></tr>`,
    )
    .join('\n');
  const problems = who.conditions
    .map(
      (condition) =>
        `<tr><td>${condition.code}</td><td>${escapeHtml(condition.text)}</td><td>Active</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><title>Summary</title>
<style>body { font: 12px Tahoma, sans-serif; margin: 6px; } table { border-collapse: collapse; }
td, th { border: 1px solid #aaa; padding: 2px 6px; } th { background: #ece9d8; text-align: left; }
.hdr { font-weight: bold; background: #6699cc; color: #fff; padding: 2px 4px; margin-top: 8px; }
iframe { border: 1px solid #aaa; width: 640px; height: 160px; }</style></head>
<body>
<div class="hdr">Problem List</div>
<table width="640"><tr><th>ICD-10</th><th>Description</th><th>Status</th></tr>
${problems}
</table>
<div class="hdr">Flowsheet - Behavioral Health Screening</div>
<table width="640"><tr><th>Date</th><th>Assessment</th><th>Result</th><th>LOINC</th></tr>
${scores}
</table>
<div class="hdr">Medication Profile</div>
<iframe name="fraMeds" src="MedList.asp?MRN=${patient.mrn}"></iframe>
</body></html>`;
}

function medListDocument(patient: GalleryPatient): string {
  const rows = patient.person.medications
    .map(
      (medication) =>
        `<tr><td>${escapeHtml(medication.text)}</td><td>${escapeHtml(medication.sig)}</td><td>01/05/2026</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><title>Medications</title>
<style>body { font: 12px Tahoma, sans-serif; margin: 4px; } td, th { border-bottom: 1px solid #ccc; padding: 2px 6px; text-align: left; }</style></head>
<body><table width="100%" cellspacing="0"><tr><th>Medication</th><th>Sig</th><th>Start Date</th></tr>
${rows}
</table></body></html>`;
}

export const framesetMrn: GalleryPageDefinition = {
  id: 'frameset-mrn',
  patients,
  truth: () => ({
    id: 'frameset-mrn',
    title: 'ChartVue (legacy frames, record number in frame addresses)',
    style:
      'HTML 4 era: banner and patient drop-down in the top document; the chart summary in an iframe addressed Summary.asp?MRN=…, the medication profile in an iframe nested inside it (MedList.asp?MRN=…); on a patient change the banner is rewritten at once and the frames reload 0.5 s later.',
    labels:
      'Banner "LAST SUFFIX, FIRST M" with inline "DOB: MM/DD/YYYY", "MRN:"; flowsheet table with a "Date" column (US dates) and "PHQ-9 Total Score" names; problem table with ICD-10 codes; medication table in the nested frame.',
    expect: 'read',
    chartMustBeHeld: false,
    singlePage: true,
    reveal: [],
    inPage: { kind: 'select', selector: '#selPatient', value: '{id}' },
    inPageHistory: 'replace',
    addressBar: true,
    patients: patients.map((patient) =>
      patientTruth(patient, `/ChartMain.asp?MRN=${patient.mrn}`, lastFirstUpper(patient.person)),
    ),
  }),
  async handle(_request, response, url, context) {
    const path = url.pathname;
    const mrn = url.searchParams.get('MRN');
    const patient = patients.find((candidate) => candidate.mrn === mrn) ?? patients[0];
    if (!patient) return false;
    if (path === '/' || path === '/ChartMain.asp') {
      sendHtml(response, topDocument(patient));
      return true;
    }
    if (path === '/Summary.asp') {
      await delay(context.lag());
      sendHtml(response, summaryDocument(patient));
      return true;
    }
    if (path === '/MedList.asp') {
      await delay(context.lag());
      sendHtml(response, medListDocument(patient));
      return true;
    }
    return false;
  },
};
