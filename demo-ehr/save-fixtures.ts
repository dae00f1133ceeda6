/**
 * Saves demo EHR pages as adapter fixtures (utils/ehr/adapters/fixtures/demo/), rendered with a
 * fixed "today" so they never change by themselves. Run `tsx demo-ehr/save-fixtures.ts` after
 * changing the demo's markup or patients; a unit test fails while the saved pages are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPatients, type DemoPatient } from './patients';
import {
  type ChartSection,
  chartView,
  framedDashboardView,
  framedFormsView,
  framedTopView,
  type PageView,
  type RenderContext,
  renderDocument,
} from './render';

export const FIXTURE_TODAY = '2025-06-16';
export const FIXTURE_DIR = 'utils/ehr/adapters/fixtures/demo';
const FIXTURE_ORIGIN = 'http://127.0.0.1:4311';

export interface DemoFixture {
  file: string;
  /** The patient the page shows. */
  patientId: string;
  /** The address the page was served at, for the reader's `url` argument. */
  url: string;
  /** Sections the page leaves out on purpose. */
  hide?: ChartSection[];
  view(patient: DemoPatient, context: RenderContext): PageView;
}

const chart =
  (hide: ChartSection[] = []) =>
  (patient: DemoPatient, context: RenderContext) =>
    chartView(patient, context, { hide });

export const DEMO_FIXTURES: DemoFixture[] = [
  {
    file: 'chart-depression-improving.html',
    patientId: '1002',
    url: 'http://127.0.0.1:4310/patients/1002',
    view: chart(),
  },
  {
    file: 'chart-hostile-markup.html',
    patientId: '1011',
    url: 'http://127.0.0.1:4310/patients/1011',
    view: chart(),
  },
  {
    file: 'chart-pregnant-valproate.html',
    patientId: '1010',
    url: 'http://127.0.0.1:4310/patients/1010',
    view: chart(),
  },
  {
    file: 'chart-weekly-scores.html',
    patientId: '1012',
    url: 'http://127.0.0.1:4310/patients/1012',
    view: chart(),
  },
  {
    file: 'chart-missing-sections.html',
    patientId: '1008',
    url: 'http://127.0.0.1:4310/patients/1008?hide=medications,labs,vitals',
    hide: ['medications', 'labs', 'vitals'],
    view: chart(['medications', 'labs', 'vitals']),
  },
  {
    file: 'framed-top.html',
    patientId: '1004',
    url: 'http://127.0.0.1:4310/framed/?pid=1004',
    view: (patient, context) => framedTopView(patient, context, context.frameDelayMs),
  },
  {
    file: 'framed-dashboard.html',
    patientId: '1004',
    url: 'http://127.0.0.1:4310/framed/dashboard?pid=1004',
    view: (patient) => framedDashboardView(patient),
  },
  {
    file: 'framed-forms.html',
    patientId: '1004',
    url: 'http://127.0.0.1:4310/framed/forms?pid=1004',
    view: (patient) => framedFormsView(patient),
  },
];

export function fixtureContext(): RenderContext {
  return {
    today: FIXTURE_TODAY,
    patients: buildPatients(FIXTURE_TODAY),
    frameOrigin: FIXTURE_ORIGIN,
    frameDelayMs: 400,
  };
}

/** The HTML a fixture file should hold, rendered now. */
export function renderFixture(fixture: DemoFixture, context = fixtureContext()): string {
  const patient = context.patients.find((candidate) => candidate.id === fixture.patientId);
  if (!patient) throw new Error(`fixture ${fixture.file}: no demo patient ${fixture.patientId}`);
  return renderDocument(fixture.view(patient, context));
}

function saveFixtures(projectRoot: string): string[] {
  const directory = path.join(projectRoot, FIXTURE_DIR);
  mkdirSync(directory, { recursive: true });
  const context = fixtureContext();
  return DEMO_FIXTURES.map((fixture) => {
    const file = path.join(directory, fixture.file);
    writeFileSync(file, renderFixture(fixture, context));
    return path.relative(projectRoot, file);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of saveFixtures(process.cwd())) console.log(`saved ${file}`);
}
