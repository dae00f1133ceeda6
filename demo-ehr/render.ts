/**
 * The demo EHR's pages. Every page is first built as a small element tree (`ViewNode`); the
 * server serializes that tree to HTML through one escape function, and the browser client builds
 * the very same tree with DOM APIs when it swaps a chart in place. One renderer, two outputs, and
 * patient text is never parsed as markup on either side.
 */
import { ageOn } from '../utils/clinical/dates';
import type { IsoDate } from '../utils/clinical/types';
import type {
  DemoAdministration,
  DemoItemAnswer,
  DemoLab,
  DemoPatient,
  DemoVitals,
} from './patients';

export interface ViewElement {
  tag: string;
  attrs?: Record<string, string>;
  children?: ViewNode[];
}
export type ViewNode = ViewElement | string;
type Child = ViewNode | ViewNode[] | null | undefined | false;

/** The product this EHR claims to be; the demo adapter detects it by this meta tag. */
export const GENERATOR = 'MeadowChart EHR 3.8';
export const CLINIC = 'Lakeside Behavioral Health';
const SIGNED_IN = 'R. Alvarez, MD';

export function h(
  tag: string,
  attrs: Record<string, string> | null,
  ...children: Child[]
): ViewElement {
  const flat: ViewNode[] = [];
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) flat.push(...child);
    else flat.push(child);
  }
  return { tag, ...(attrs ? { attrs } : {}), ...(flat.length > 0 ? { children: flat } : {}) };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The one escape for text and double-quoted attribute values in this EHR's HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const VOID_ELEMENTS = new Set(['meta', 'link', 'input', 'br', 'img', 'hr', 'col']);
// Tag and attribute names come from this file, never from patient data; the check makes a
// mistake loud instead of producing markup an attacker could shape.
const NAME = /^[a-z][a-z0-9-]*$/;

export function toHtml(node: ViewNode): string {
  if (typeof node === 'string') return escapeHtml(node);
  if (!NAME.test(node.tag)) throw new Error(`invalid tag name: ${node.tag}`);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([name, value]) => {
      if (!NAME.test(name)) throw new Error(`invalid attribute name: ${name}`);
      return value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`;
    })
    .join('');
  if (VOID_ELEMENTS.has(node.tag)) return `<${node.tag}${attrs}>`;
  const inner = (node.children ?? []).map(toHtml).join('');
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}

/** US-style dates, as most US outpatient EHRs print them. */
export function chartDate(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${month}/${day}/${year}`;
}

const SEX_LABEL: Record<DemoPatient['sex'], string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
};

export type ChartSection =
  | 'problems'
  | 'medications'
  | 'questionnaires'
  | 'labs'
  | 'vitals'
  | 'appointments'
  | 'care-team';

export const CHART_SECTIONS: ChartSection[] = [
  'problems',
  'medications',
  'questionnaires',
  'labs',
  'vitals',
  'appointments',
  'care-team',
];

export interface RenderContext {
  today: IsoDate;
  patients: DemoPatient[];
  /** Origin of the second loopback port that serves one frame of the tabbed view. */
  frameOrigin: string;
  frameDelayMs: number;
}

export interface PageView {
  /** Which client behaviour the page needs: in-place chart swaps, or the tabbed frame set. */
  page: 'list' | 'chart' | 'framed' | 'frame' | 'error';
  title: string;
  /** Element id → its children; the client replaces exactly these regions on navigation. */
  regions: Record<string, ViewNode[]>;
  /** The full body, for server rendering. */
  body: ViewNode[];
  bodyAttrs?: Record<string, string>;
}

function appHeader(): ViewElement {
  return h(
    'header',
    { class: 'app-header' },
    h('a', { class: 'brand', href: '/' }, 'MeadowChart'),
    h('span', { class: 'clinic' }, CLINIC),
    h(
      'nav',
      { class: 'app-nav', 'aria-label': 'Main' },
      h('a', { href: '/' }, 'Patients'),
      h('a', { href: '/framed/' }, 'Tabbed view'),
    ),
    h('span', { class: 'signed-in' }, `Signed in: ${SIGNED_IN}`),
  );
}

function field(label: string, className: string, value: string): ViewElement {
  return h(
    'div',
    { class: 'banner-field' },
    h('dt', null, label),
    h('dd', { class: className }, value),
  );
}

/** The banner's contents: name, the two identifiers and demographics. */
export function bannerContent(patient: DemoPatient, today: IsoDate): ViewNode[] {
  const pregnancy = patient.pregnancy;
  return [
    h('h1', { class: 'pt-name' }, patient.name),
    h(
      'dl',
      { class: 'pt-demographics' },
      field('DOB', 'pt-dob', chartDate(patient.birthDate)),
      field('Age', 'pt-age', `${ageOn(patient.birthDate, today)} y`),
      field('Sex', 'pt-sex', SEX_LABEL[patient.sex]),
      field('MRN', 'pt-mrn', patient.mrn),
      pregnancy &&
        field(
          'Pregnancy',
          'pt-pregnancy',
          pregnancy.pregnant ? `Pregnant — EDD ${chartDate(pregnancy.dueDate)}` : 'Not pregnant',
        ),
      field('Allergies', 'pt-allergies', patient.allergies.join('; ')),
    ),
  ];
}

function banner(patient: DemoPatient, today: IsoDate): ViewElement {
  return h(
    'section',
    { class: 'patient-banner', id: 'patient-banner', 'aria-label': 'Patient' },
    bannerContent(patient, today),
  );
}

function switchPatient(
  patients: DemoPatient[],
  current: string | null,
  action: string,
): ViewElement {
  return h(
    'form',
    { class: 'switch-patient', action, method: 'get' },
    h(
      'label',
      null,
      'Switch patient ',
      h(
        'select',
        { name: 'pid' },
        patients.map((patient) =>
          h(
            'option',
            patient.id === current ? { value: patient.id, selected: '' } : { value: patient.id },
            `${patient.name} (${patient.mrn})`,
          ),
        ),
      ),
    ),
    h('button', { type: 'submit' }, 'Open chart'),
  );
}

function card(id: string, title: string, ...children: Child[]): ViewElement {
  return h(
    'section',
    { class: 'card', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    ...children,
  );
}

function table(
  headers: string[],
  rows: ViewNode[][],
  empty: string,
  caption?: string,
): ViewElement {
  return h(
    'table',
    { class: 'grid' },
    caption ? h('caption', null, caption) : null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        headers.map((header) => h('th', { scope: 'col' }, header)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.length > 0
        ? rows.map((cells) =>
            h(
              'tr',
              null,
              cells.map((cell) => h('td', null, cell)),
            ),
          )
        : h('tr', null, h('td', { colspan: String(headers.length), class: 'empty' }, empty)),
    ),
  );
}

const newestFirst = <T extends { date: IsoDate }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));

function problemSection(patient: DemoPatient): ViewElement {
  return card(
    'problem-list',
    'Problem list',
    table(
      ['Problem', 'ICD-10', 'Onset', 'Status'],
      patient.problems.map((problem) => [
        problem.text,
        problem.icd10,
        chartDate(problem.onset),
        problem.status === 'active' ? 'Active' : 'Resolved',
      ]),
      'No problems on file.',
    ),
  );
}

function medicationSection(patient: DemoPatient): ViewElement {
  const ordered = [...patient.medications].sort((a, b) =>
    a.status !== b.status ? (a.status === 'active' ? -1 : 1) : a.start < b.start ? 1 : -1,
  );
  return card(
    'medication-list',
    'Medications',
    table(
      ['Medication', 'Start', 'Stop', 'Status', 'Prescriber'],
      ordered.map((medication) => [
        medication.text,
        chartDate(medication.start),
        medication.end ? chartDate(medication.end) : '',
        medication.status === 'active' ? 'Active' : 'Discontinued',
        medication.prescriber,
      ]),
      'No medications on file.',
    ),
  );
}

const INSTRUMENT_TITLES: Record<DemoAdministration['instrument'], string> = {
  'PHQ-9': 'PHQ-9 depression questionnaire',
  'PHQ-2': 'PHQ-2 depression screen',
  'PHQ-A': 'PHQ-A depression questionnaire for adolescents',
  'GAD-7': 'GAD-7 anxiety questionnaire',
  'PCL-5': 'PCL-5 PTSD checklist',
  'AUDIT-C': 'AUDIT-C alcohol screen',
  EPDS: 'EPDS Edinburgh postnatal depression scale',
  'C-SSRS': 'C-SSRS screener (Columbia suicide severity rating scale)',
};

function answerText(answer: DemoItemAnswer): string {
  if (answer === null) return '—';
  if (answer === 'yes') return 'Yes';
  if (answer === 'no') return 'No';
  return String(answer);
}

function flowsheet(administrations: DemoAdministration[]): ViewElement {
  const first = administrations[0];
  const instrument = first?.instrument ?? 'PHQ-9';
  const itemCount = Math.max(0, ...administrations.map((row) => row.items?.length ?? 0));
  const hasTotal = administrations.some((row) => row.total !== null);
  const headers = [
    'Date',
    ...(hasTotal ? ['Total'] : []),
    ...Array.from({ length: itemCount }, (_, index) => `Q${index + 1}`),
  ];
  const rows = newestFirst(administrations).map((row) => [
    chartDate(row.date),
    ...(hasTotal ? [row.total === null ? '' : String(row.total)] : []),
    ...Array.from({ length: itemCount }, (_, index) => answerText(row.items?.[index] ?? null)),
  ]);
  return h(
    'div',
    { class: 'flowsheet' },
    table(headers, rows, 'No administrations.', INSTRUMENT_TITLES[instrument]),
  );
}

function questionnaireSection(patient: DemoPatient): ViewElement {
  const byInstrument = new Map<string, DemoAdministration[]>();
  for (const administration of patient.questionnaires) {
    const rows = byInstrument.get(administration.instrument) ?? [];
    rows.push(administration);
    byInstrument.set(administration.instrument, rows);
  }
  return card(
    'questionnaires',
    'Questionnaires',
    byInstrument.size > 0
      ? [...byInstrument.values()].map(flowsheet)
      : h('p', { class: 'empty' }, 'No questionnaires on file.'),
  );
}

function labValue(lab: DemoLab): string {
  return typeof lab.value === 'number' ? String(lab.value) : lab.value;
}

function labSection(patient: DemoPatient): ViewElement {
  return card(
    'labs',
    'Lab results',
    table(
      ['Date', 'Test', 'Result', 'Units', 'Reference range', 'Flag'],
      newestFirst(patient.labs).map((lab) => [
        chartDate(lab.date),
        lab.test,
        labValue(lab),
        lab.unit,
        lab.reference,
        lab.flag ?? '',
      ]),
      'No lab results on file.',
    ),
  );
}

function vitalsRow(row: DemoVitals): ViewNode[] {
  const bp =
    row.systolic !== null && row.diastolic !== null ? `${row.systolic}/${row.diastolic} mmHg` : '';
  return [
    chartDate(row.date),
    bp,
    row.heartRate === null ? '' : `${row.heartRate} bpm`,
    row.weightKg === null ? '' : `${row.weightKg.toFixed(1)} kg`,
    row.heightCm === null ? '' : `${row.heightCm} cm`,
    row.bmi === null ? '' : `${row.bmi.toFixed(1)} kg/m2`,
  ];
}

function vitalsSection(patient: DemoPatient): ViewElement {
  return card(
    'vitals',
    'Vitals',
    table(
      ['Date', 'BP', 'Pulse', 'Weight', 'Height', 'BMI'],
      newestFirst(patient.vitals).map(vitalsRow),
      'No vitals on file.',
    ),
  );
}

function appointmentSection(patient: DemoPatient): ViewElement {
  return card(
    'appointments',
    'Appointments',
    table(
      ['Date', 'Time', 'Visit type', 'Modality', 'Provider', 'Status'],
      newestFirst(patient.appointments).map((visit) => [
        chartDate(visit.date),
        visit.time,
        visit.visit,
        visit.modality,
        visit.provider,
        visit.status,
      ]),
      'No appointments on file.',
    ),
  );
}

function careTeamSection(patient: DemoPatient): ViewElement {
  return card(
    'care-team',
    'Care team',
    h(
      'ul',
      { class: 'care-team' },
      patient.careTeam.map((member) =>
        h('li', null, h('span', { class: 'role' }, member.role), ' ', member.name),
      ),
    ),
  );
}

const SECTION_RENDERERS: Record<ChartSection, (patient: DemoPatient) => ViewElement> = {
  problems: problemSection,
  medications: medicationSection,
  questionnaires: questionnaireSection,
  labs: labSection,
  vitals: vitalsSection,
  appointments: appointmentSection,
  'care-team': careTeamSection,
};

function sections(patient: DemoPatient, shown: ChartSection[]): ViewElement[] {
  return shown.map((section) => SECTION_RENDERERS[section](patient));
}

export interface ChartOptions {
  /** Sections this chart layout leaves out (a clinic's layout, or a test of missing data). */
  hide?: ChartSection[];
}

export function chartView(
  patient: DemoPatient,
  context: RenderContext,
  options: ChartOptions = {},
): PageView {
  const shown = CHART_SECTIONS.filter((section) => !options.hide?.includes(section));
  const app = [
    h(
      'div',
      { class: 'chart-toolbar' },
      h('a', { class: 'back', href: '/' }, '← Patient list'),
      switchPatient(context.patients, patient.id, '/switch'),
      h(
        'a',
        { class: 'tabbed', href: `/framed/?pid=${encodeURIComponent(patient.id)}` },
        'Open in tabbed view',
      ),
    ),
    banner(patient, context.today),
    h('div', { class: 'chart-grid' }, sections(patient, shown)),
  ];
  return {
    page: 'chart',
    title: `${patient.name} — Chart — MeadowChart`,
    regions: { app },
    body: [appHeader(), h('main', { id: 'app' }, app)],
  };
}

export function patientListView(context: RenderContext): PageView {
  const rows = context.patients.map((patient) => [
    h(
      'a',
      { class: 'patient-link', href: `/patients/${encodeURIComponent(patient.id)}` },
      patient.name,
    ),
    chartDate(patient.birthDate),
    `${ageOn(patient.birthDate, context.today)} y`,
    SEX_LABEL[patient.sex],
    patient.mrn,
    patient.problems.find((problem) => problem.status === 'active')?.text ?? '',
  ]);
  const app = [
    h(
      'section',
      { class: 'card patient-list', 'aria-labelledby': 'patient-list-title' },
      h('h1', { id: 'patient-list-title' }, 'My patients'),
      table(['Name', 'DOB', 'Age', 'Sex', 'MRN', 'Primary problem'], rows, 'No patients.'),
    ),
  ];
  return {
    page: 'list',
    title: 'Patients — MeadowChart',
    regions: { app },
    body: [appHeader(), h('main', { id: 'app' }, app)],
  };
}

export function notFoundView(message: string): PageView {
  const app = [h('section', { class: 'card' }, h('h1', null, 'Not found'), h('p', null, message))];
  return {
    page: 'error',
    title: 'Not found — MeadowChart',
    regions: { app },
    body: [appHeader(), h('main', { id: 'app' }, app)],
  };
}

/** Where each tab's frame lives; `pid` carries the patient, as OpenEMR's frames do. */
export function frameUrls(patientId: string, frameOrigin: string): Record<string, string> {
  const pid = encodeURIComponent(patientId);
  return {
    dashboard: `/framed/dashboard?pid=${pid}`,
    forms: `/framed/forms?pid=${pid}`,
    appointments: `${frameOrigin}/framed/appointments?pid=${pid}`,
  };
}

const TAB_KINDS: [kind: string, label: string][] = [
  ['dashboard', 'Dashboard'],
  ['forms', 'Forms'],
  ['appointments', 'Appointments'],
];

/**
 * The tabbed layout: banner in the top document, each tab an iframe. `tabCount` beyond the three
 * kinds opens more of them (Dashboard 2, Forms 2, …), as a clinician with many tabs open has —
 * the benchmark's page of twenty frames.
 */
export function framedTopView(
  patient: DemoPatient,
  context: RenderContext,
  frameDelayMs: number,
  tabCount = TAB_KINDS.length,
): PageView {
  const urls = frameUrls(patient.id, context.frameOrigin);
  const tabs = Array.from({ length: tabCount }, (_, index) => {
    const [kind, label] = TAB_KINDS[index % TAB_KINDS.length] as [string, string];
    const copy = Math.floor(index / TAB_KINDS.length);
    return copy === 0
      ? { kind, name: kind, label }
      : { kind, name: `${kind}-${copy + 1}`, label: `${label} ${copy + 1}` };
  });
  const bannerChildren = bannerContent(patient, context.today);
  return {
    page: 'framed',
    title: `${patient.name} — MeadowChart`,
    regions: { 'patient-banner': bannerChildren },
    bodyAttrs: { 'data-frame-delay-ms': String(frameDelayMs) },
    body: [
      appHeader(),
      h(
        'div',
        { class: 'framed-toolbar' },
        switchPatient(context.patients, patient.id, '/framed/'),
      ),
      h(
        'section',
        { class: 'patient-banner', id: 'patient-banner', 'aria-label': 'Patient' },
        bannerChildren,
      ),
      h(
        'nav',
        { class: 'tabs', role: 'tablist', 'aria-label': 'Chart tabs' },
        tabs.map(({ name, label }, index) =>
          h(
            'button',
            {
              type: 'button',
              role: 'tab',
              'aria-controls': `frame-${name}`,
              'aria-selected': index === 0 ? 'true' : 'false',
            },
            label,
          ),
        ),
      ),
      h(
        'div',
        { class: 'tab-frames' },
        tabs.map(({ kind, name, label }, index) =>
          h('iframe', {
            id: `frame-${name}`,
            name,
            title: label,
            src: urls[kind] ?? '',
            ...(index === 0 ? {} : { hidden: '' }),
          }),
        ),
      ),
    ],
  };
}

function frameView(title: string, content: ViewNode[]): PageView {
  const body = [h('main', { class: 'frame-content' }, content)];
  return { page: 'frame', title, regions: {}, body };
}

export function framedDashboardView(patient: DemoPatient): PageView {
  return frameView('Dashboard', sections(patient, ['problems', 'medications', 'care-team']));
}

export function framedFormsView(patient: DemoPatient): PageView {
  return frameView('Forms', [
    ...sections(patient, ['questionnaires']),
    h(
      'section',
      { class: 'card nested-frame' },
      h('h2', null, 'Results'),
      h('iframe', {
        title: 'Lab results',
        src: `/framed/labs?pid=${encodeURIComponent(patient.id)}`,
      }),
    ),
  ]);
}

export function framedLabsView(patient: DemoPatient): PageView {
  return frameView('Lab results', sections(patient, ['labs', 'vitals']));
}

export function framedAppointmentsView(patient: DemoPatient): PageView {
  return frameView('Appointments', sections(patient, ['appointments']));
}

/** A whole HTML document for a view. */
export function renderDocument(view: PageView): string {
  const withClient = view.page === 'list' || view.page === 'chart' || view.page === 'framed';
  const head = h(
    'head',
    null,
    h('meta', { charset: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('meta', { name: 'generator', content: GENERATOR }),
    h('title', null, view.title),
    h('link', { rel: 'stylesheet', href: '/assets/styles.css' }),
    withClient ? h('script', { type: 'module', src: '/assets/client.js' }) : null,
  );
  const body = h('body', { 'data-page': view.page, ...view.bodyAttrs }, view.body);
  return `<!doctype html>\n${toHtml(h('html', { lang: 'en' }, head, body))}\n`;
}
