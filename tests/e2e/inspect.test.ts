/**
 * `npm run inspect` as clinic IT runs it: a child process per page, its JSON read back and
 * compared with what the page shows (the demo EHR's ground truth, the OpenEMR fixtures' markup).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEhr, startDemoEhr } from '../../demo-ehr/server';
import { type StaticServer, serveStatic } from '../../scripts/lib/serve-static';
import { inspect, mrnOf, runInspect, seriesOf } from './inspect-run';

const OPENEMR_FIXTURES = path.resolve('utils/ehr/adapters/fixtures/openemr');

interface GroundTruth {
  identity: { name: string; birthDate: string; identifiers: { type: string; value: string }[] };
  medications: { text: string; status: string }[];
  scores: { instrument: string; date: string; total: number | null }[];
}

/** The demo's active medication lines, as the chart prints them. */
function activeMedications(truth: GroundTruth): string[] {
  return truth.medications
    .filter((medication) => medication.status === 'active')
    .map((medication) => medication.text);
}

/** Each scale the chart prints totals for, with its series in date order. */
function expectedSeries(truth: GroundTruth): Map<string, { date: string; score: number | null }[]> {
  const series = new Map<string, { date: string; score: number | null }[]>();
  for (const score of truth.scores) {
    if (score.total === null) continue;
    series.set(score.instrument, [
      ...(series.get(score.instrument) ?? []),
      { date: score.date, score: score.total },
    ]);
  }
  for (const entries of series.values()) entries.sort((a, b) => a.date.localeCompare(b.date));
  return series;
}

let ehr: DemoEhr;
let localhostServer: StaticServer;

beforeAll(async () => {
  ehr = await startDemoEhr({ port: 0, framePort: 0 });
  localhostServer = await serveStatic(OPENEMR_FIXTURES);
});
afterAll(async () => {
  await localhostServer?.close();
  await ehr?.close();
});

describe('npm run inspect', () => {
  it('prints what Careside read on a demo chart and what its sidebar shows', async () => {
    const truth = (await (await fetch(`${ehr.url}/api/patients/1002`)).json()) as GroundTruth;
    const result = await inspect(`${ehr.url}/patients/1002`);

    expect(result.adapter).toBe('demo');
    expect(result.identityConfirmed).toBe(true);
    expect(result.confidence).toEqual({ name: 1, birthDate: 1, mrn: 1 });
    expect(result.sidebar.patient.name).toBe(truth.identity.name);
    expect(result.sidebar.patient.birthDate).toBe(truth.identity.birthDate);
    expect(mrnOf(result.sidebar)).toBe(
      truth.identity.identifiers.find((identifier) => identifier.type === 'MR')?.value,
    );
    const active = activeMedications(truth);
    expect(active.length).toBeGreaterThan(0);
    expect(result.sidebar.medications.map((medication) => medication.text)).toEqual(active);
    expect(result.context.medications.map((medication) => medication.text)).toEqual(
      expect.arrayContaining(active),
    );
    // Scales the chart prints totals for (a C-SSRS screen has answers, scored by Careside).
    const series = expectedSeries(truth);
    expect([...series.keys()]).toEqual(expect.arrayContaining(['PHQ-9', 'GAD-7']));
    for (const [instrument, expected] of series) {
      expect(seriesOf(result.sidebar, instrument), instrument).toEqual(expected);
    }
    expect(result.sidebar.prompts.every((prompt) => prompt.source.label.length > 0)).toBe(true);
  });

  it('follows the frames of the tabbed demo and names the frame of every field', async () => {
    const truth = (await (await fetch(`${ehr.url}/api/patients/1002`)).json()) as GroundTruth;
    // The tabs load with the page; frameDelay only delays their reload after a patient change.
    const url = `${ehr.url}/framed/?pid=1002&frameDelay=100`;
    const dashboard = `${ehr.url}/framed/dashboard?pid=1002`;
    const forms = `${ehr.url}/framed/forms?pid=1002`;
    const result = await inspect(url);

    expect(result.url).toBe(url);
    expect(result.identityConfirmed).toBe(true);
    const mrn = truth.identity.identifiers.find((identifier) => identifier.type === 'MR')?.value;
    expect(result.fields.name).toMatchObject({ value: truth.identity.name, frame: url });
    expect(result.fields.birthDate).toMatchObject({ value: truth.identity.birthDate, frame: url });
    expect(result.fields.mrn).toMatchObject({ value: mrn, frame: url });

    // The top document has no chart sections: every medication and score came from a tab frame.
    const active = activeMedications(truth);
    expect(active.length).toBeGreaterThan(0);
    expect(result.fields.medications.map((medication) => medication.text)).toEqual(
      expect.arrayContaining(active),
    );
    for (const medication of result.fields.medications) {
      expect(medication.frame, medication.text).toBe(dashboard);
    }
    expect(result.sidebar.medications.map((medication) => medication.text)).toEqual(active);

    const series = expectedSeries(truth);
    expect([...series.keys()]).toEqual(expect.arrayContaining(['PHQ-9', 'GAD-7']));
    for (const [instrument, expected] of series) {
      expect(result.fields.scores[instrument], instrument).toMatchObject(
        expected.map((entry) => ({ ...entry, frame: forms })),
      );
      expect(seriesOf(result.sidebar, instrument), instrument).toEqual(expected);
    }
    expect(result.frames['medications[0]']).toBe(dashboard);
  });

  it('serves a saved OpenEMR dashboard page itself and reads it with the OpenEMR adapter', async () => {
    const result = await inspect(path.join(OPENEMR_FIXTURES, 'dashboard.html'));

    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dashboard\.html$/);
    expect(result.adapter).toBe('openemr');
    expect(result.identityConfirmed).toBe(true);
    expect(result.sidebar.patient.name).toBe('Maria Alvarez');
    expect(result.sidebar.patient.birthDate).toBe('1984-03-09');
    expect(mrnOf(result.sidebar)).toBe('100217');
    expect(result.sidebar.medications.map((medication) => medication.ingredient)).toEqual([
      'sertraline',
      'trazodone',
      'lisinopril',
    ]);
    expect(result.context.medications.map((medication) => medication.text)).toEqual([
      'Sertraline 100 mg tablet 1 tab PO daily',
      'Trazodone 50 mg tablet 1 tab PO qhs prn sleep',
      'Lisinopril 10 mg tablet 1 tab PO daily',
    ]);
    // A page without frames: every field names the page itself.
    expect(result.fields.name).toMatchObject({ value: 'Maria Alvarez', frame: result.url });
    expect(result.fields.birthDate).toMatchObject({ value: '1984-03-09', frame: result.url });
    expect(result.fields.mrn).toMatchObject({ value: '100217', frame: result.url });
    expect(result.fields.medications.map((medication) => medication.frame)).toEqual([
      result.url,
      result.url,
      result.url,
    ]);
  });

  it('enables Careside on an origin the built extension does not run on and reads the PHQ-9 report there', async () => {
    // localhost is not among the built extension's own matches (127.0.0.1 only): the sidebar
    // appears there only because inspect enabled the page's origin.
    const url = `${localhostServer.url.replace('127.0.0.1', 'localhost')}/encounter-phq9.html`;
    const result = await inspect(url);

    expect(result.url).toBe(url);
    expect(result.adapter).toBe('openemr');
    expect(result.sidebar.patient.name).toBe('Maria Alvarez');
    expect(seriesOf(result.sidebar, 'PHQ-9')).toEqual([{ date: '2024-05-02', score: 12 }]);
    expect(result.fields.scores['PHQ-9']).toMatchObject([
      { date: '2024-05-02', score: 12, frame: url },
    ]);
    // The encounter page prints no date of birth: Careside says so and does not confirm.
    expect(result.identityConfirmed).toBe(false);
    expect(result.sidebar.patient.birthDate).toBeNull();
    expect(result.problems).toContain('No date of birth on this page');
  });

  it('says plainly when a page has no chart, and when its argument is neither address nor file', async () => {
    const noChart = await runInspect(`${ehr.url}/`, '--timeout', '20');
    expect(noChart.code).toBe(1);
    expect(noChart.stdout).toBe('');
    expect(noChart.stderr).toContain(
      `Careside found no chart on ${ehr.url}/: no adapter or selector pack matched and the generic reader found no patient name.`,
    );

    const missing = await runInspect('no-such-chart.html');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'no-such-chart.html is neither an http(s) address nor a file that exists.',
    );
  });
});
