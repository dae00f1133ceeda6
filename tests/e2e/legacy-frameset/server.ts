/**
 * A small legacy EHR built from frames, for the frames e2e test (issues 17 and 18); not shipped
 * and not the demo. Written the way such systems are: server-rendered pages with `.asp`
 * addresses, a banner table with "LAST, FIRST" and US dates in the top document, the chart
 * summary in an iframe whose address carries the record number (`summary.asp?mrn=004417`) or the
 * top address's own patient id (`summary.asp?chart=7731`, with `?keyed=chart`), and the
 * medication list in an iframe nested inside the summary, at an address with no patient in it:
 * the server remembers the chart the summary opened in a session cookie, as ASP's `Session` did.
 * Changing patient rewrites the banner at once (and the address) and reloads the summary frame
 * after `frameDelayMs`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LegacyPatient {
  /** The EHR's internal id, in the top address (`main.asp?patient=7731`). */
  id: string;
  last: string;
  first: string;
  /** MM/DD/YYYY, as the banner prints it. */
  birthDate: string;
  mrn: string;
  medications: string[];
  scores: { instrument: 'PHQ-9' | 'GAD-7'; date: string; total: number }[];
}

const MEDICATIONS = [
  'Sertraline 100 mg daily',
  'Bupropion XL 300 mg daily',
  'Lithium carbonate 300 mg twice daily',
  'Quetiapine 50 mg at bedtime',
  'Escitalopram 10 mg daily',
  'Mirtazapine 15 mg at bedtime',
  'Trazodone 50 mg at bedtime',
  'Buspirone 10 mg twice daily',
  'Venlafaxine XR 150 mg daily',
  'Aripiprazole 5 mg daily',
  'Lamotrigine 100 mg daily',
  'Fluoxetine 20 mg daily',
];

const NAMES: [string, string][] = [
  ['ELLISON', 'MAYA'],
  ['OKAFOR', 'DANIEL'],
  ['NAKAMURA', 'RIKO'],
  ['BRANDT', 'WALTER'],
  ['SOTO', 'LUCIA'],
  ['HALVORSEN', 'INGRID'],
  ['MENSAH', 'KOFI'],
  ['DELACROIX', 'ANAIS'],
];

/** Eight patients, each with medications and scores no other patient has in the same place. */
export function legacyPatients(): LegacyPatient[] {
  return NAMES.map(([last, first], index) => ({
    id: String(7731 + index),
    last,
    first,
    birthDate: `${String((index % 12) + 1).padStart(2, '0')}/${String(10 + index).padStart(2, '0')}/19${60 + index * 4}`,
    mrn: String(4417 + index * 37).padStart(6, '0'),
    medications: [
      MEDICATIONS[index % MEDICATIONS.length] as string,
      MEDICATIONS[(index + 4) % MEDICATIONS.length] as string,
    ],
    scores: [
      { instrument: 'PHQ-9', date: `0${(index % 8) + 1}/05/2026`, total: 3 + index * 3 },
      { instrument: 'GAD-7', date: `0${(index % 8) + 1}/05/2026`, total: 1 + index * 2 },
    ],
  }));
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:13px Verdana,Arial,sans-serif;margin:0} #banner{background:#dde;width:100%} iframe{border:1px solid #99a;width:96%}</style>
</head><body>${body}</body></html>`;
}

function bannerCells(patient: LegacyPatient): string {
  return `<td><b>Patient:</b> <span id="pt-name">${escapeHtml(`${patient.last}, ${patient.first}`)}</span></td>
<td><b>DOB:</b> <span id="pt-dob">${patient.birthDate}</span></td>
<td><b>MRN:</b> <span id="pt-mrn">${patient.mrn}</span></td>`;
}

/**
 * How the summary frame's address names the patient: by record number, by the top address's
 * patient id, or not at all (the server session alone knows).
 */
export type SummaryKey = 'mrn' | 'chart' | 'session';

function summaryAddress(patient: LegacyPatient, key: SummaryKey): string {
  if (key === 'chart') return `summary.asp?chart=${patient.id}`;
  return key === 'mrn' ? `summary.asp?mrn=${patient.mrn}` : 'summary.asp';
}

function topPage(
  patients: LegacyPatient[],
  patient: LegacyPatient,
  key: SummaryKey,
  delay: number,
) {
  const options = patients
    .map(
      (each) =>
        `<option value="${each.id}"${each === patient ? ' selected' : ''}>${escapeHtml(`${each.last}, ${each.first}`)}</option>`,
    )
    .join('');
  const data = Object.fromEntries(
    patients.map((each) => [
      each.id,
      {
        name: `${each.last}, ${each.first}`,
        dob: each.birthDate,
        mrn: each.mrn,
        summary: summaryAddress(each, key),
      },
    ]),
  );
  return page(
    'ChartWorks 6.2',
    `<table id="banner" cellpadding="4"><tr>${bannerCells(patient)}</tr></table>
<form name="pick"><select name="patient" id="pick">${options}</select></form>
<iframe name="summary" id="summary" src="${summaryAddress(patient, key)}" height="520"></iframe>
<script>
var PATIENTS = ${JSON.stringify(data)};
var FRAME_DELAY = ${delay};
var reloadTimer = 0;
document.getElementById('pick').onchange = function () {
  var id = this.value, p = PATIENTS[id];
  document.getElementById('pt-name').innerHTML = p.name;
  document.getElementById('pt-dob').innerHTML = p.dob;
  document.getElementById('pt-mrn').innerHTML = p.mrn;
  history.pushState(null, '', 'main.asp?patient=' + id + '&key=${key}');
  document.cookie = 'ASPSESSIONCHART=' + id + '; path=/ehr';
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(function () {
    document.getElementById('summary').src = p.summary;
  }, FRAME_DELAY);
};
</script>`,
  );
}

function summaryPage(patient: LegacyPatient): string {
  const rows = patient.scores
    .map(
      (score) =>
        `<tr><td>${score.instrument}</td><td>${score.date}</td><td>${score.total}</td></tr>`,
    )
    .join('');
  return page(
    'Chart Summary',
    `<h3>Chart Summary</h3>
<table border="1" cellspacing="0" cellpadding="3"><tr><th>Measure</th><th>Date</th><th>Score</th></tr>${rows}</table>
<h3>Medication List</h3>
<iframe name="medlist" src="meds.asp" height="200"></iframe>`,
  );
}

function medsPage(patient: LegacyPatient): string {
  return page(
    'Medications',
    `<h3>Medications</h3><ul>${patient.medications.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
  );
}

export interface LegacyEhr {
  url: string;
  patients: LegacyPatient[];
  close(): Promise<void>;
}

/** Serves the legacy EHR on 127.0.0.1 (a port of the system's choosing). */
export async function startLegacyEhr(options: { frameDelayMs?: number } = {}): Promise<LegacyEhr> {
  const patients = legacyPatients();
  const delay = options.frameDelayMs ?? 500;
  const byId = new Map(patients.map((patient) => [patient.id, patient]));
  const byMrn = new Map(patients.map((patient) => [patient.mrn, patient]));
  const send = (response: ServerResponse, status: number, html: string, cookie?: string) => {
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...(cookie ? { 'set-cookie': cookie } : {}),
    });
    response.end(html);
  };
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const sessionChart = /(?:^|;\s*)ASPSESSIONCHART=(\d+)/.exec(request.headers.cookie ?? '')?.[1];
    if (url.pathname === '/ehr/main.asp') {
      const patient = byId.get(url.searchParams.get('patient') ?? '') ?? patients[0];
      if (!patient) return send(response, 404, page('Not found', 'No such patient'));
      const key = (url.searchParams.get('key') ?? 'mrn') as SummaryKey;
      const html = topPage(patients, patient, key, delay);
      return send(response, 200, html, `ASPSESSIONCHART=${patient.id}; Path=/ehr`);
    }
    if (url.pathname === '/ehr/summary.asp') {
      const patient =
        byMrn.get(url.searchParams.get('mrn') ?? '') ??
        byId.get(url.searchParams.get('chart') ?? sessionChart ?? '');
      if (!patient) return send(response, 404, page('Not found', 'No such chart'));
      // The session remembers the open chart: the nested medication list asks for no patient.
      return send(response, 200, summaryPage(patient), `ASPSESSIONCHART=${patient.id}; Path=/ehr`);
    }
    if (url.pathname === '/ehr/meds.asp') {
      const patient = byId.get(sessionChart ?? '');
      if (!patient) return send(response, 200, page('Medications', '<p>No chart open.</p>'));
      return send(response, 200, medsPage(patient));
    }
    return send(response, 404, page('Not found', 'Not found'));
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    patients,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
