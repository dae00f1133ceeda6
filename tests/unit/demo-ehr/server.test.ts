import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_NAME } from '../../../demo-ehr/patients';
import { type DemoEhr, startDemoEhr } from '../../../demo-ehr/server';

let ehr: DemoEhr;

beforeAll(async () => {
  ehr = await startDemoEhr({ port: 0, today: '2025-06-16', frameDelayMs: 250 });
});

afterAll(async () => {
  await ehr.close();
});

async function get(path: string, base = ehr.url) {
  const response = await fetch(`${base}${path}`, { redirect: 'manual' });
  return { response, text: await response.text() };
}

describe('demo EHR server', () => {
  it('listens on loopback, with the frame origin on a second port', () => {
    expect(ehr.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ehr.frameOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ehr.frameOrigin).not.toBe(ehr.url);
    expect(ehr.today).toBe('2025-06-16');
  });

  it('serves the patient list with a plain link to every chart', async () => {
    const { response, text } = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(text).toContain('<meta name="generator" content="MeadowChart EHR 3.8">');
    const links = [...text.matchAll(/href="\/patients\/(\d+)"/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThanOrEqual(10);
  });

  it('serves a chart and the same patient as JSON ground truth', async () => {
    const { text } = await get('/patients/1002');
    const { response, text: json } = await get('/api/patients/1002');
    expect(response.headers.get('content-type')).toBe('application/json');
    const record = JSON.parse(json);
    expect(record.identity).toEqual({
      name: 'Daniel Okafor',
      birthDate: '1983-05-14',
      sex: 'male',
      identifiers: [{ system: 'MRN', type: 'MR', value: '00420561' }],
    });
    expect(record.scenario).toBe('depression-improving');
    expect(text).toContain('<h1 class="pt-name">Daniel Okafor</h1>');
    expect(text).toContain('<dd class="pt-dob">05/14/1983</dd>');
    for (const medication of record.medications) expect(text).toContain(medication.text);
    expect(
      record.scores.filter((score: { instrument: string }) => score.instrument === 'PHQ-9'),
    ).toHaveLength(9);
  });

  it('lists every patient in /api/patients with its chart path', async () => {
    const { text } = await get('/api/patients');
    const { today, patients } = JSON.parse(text);
    expect(today).toBe('2025-06-16');
    expect(patients.length).toBeGreaterThanOrEqual(10);
    expect(patients[0]).toMatchObject({ id: '1001', path: '/patients/1001', name: 'Maya Ellison' });
  });

  it('prints the hostile patient escaped: the markup is text, no element is created', async () => {
    const { text } = await get('/patients/1011');
    expect(text).toContain(
      '<h1 class="pt-name">Quinn &quot;&lt;img src=x onerror=alert(1)&gt;&quot; O&#39;Hara</h1>',
    );
    expect(text).toContain(
      'Sertraline 50 mg tablet &lt;script&gt;alert(1)&lt;/script&gt; — 1 tab PO daily',
    );
    expect(text).not.toContain('<img');
    expect(text).not.toContain('<script>alert');
    const { text: json } = await get('/api/patients/1011');
    expect(JSON.parse(json).identity.name).toBe(HOSTILE_NAME);
  });

  it('answers a chart view as element trees for in-place patient switching', async () => {
    const { response, text } = await get(`/ui/view?path=${encodeURIComponent('/patients/1004')}`);
    expect(response.status).toBe(200);
    const view = JSON.parse(text);
    expect(view.page).toBe('chart');
    expect(view.title).toMatch(/^Thomas Reyes/);
    expect(JSON.stringify(view.regions.app)).toContain(
      '"Lithium carbonate 300 mg capsule — 3 caps PO at bedtime"',
    );
    const { response: bad } = await get('/ui/view?path=https%3A%2F%2Felsewhere.example%2F');
    expect(bad.status).toBe(400);
  });

  it('redirects the no-script "Switch patient" form to the chosen chart', async () => {
    const { response } = await get('/switch?pid=1003');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/patients/1003');
  });

  it('hides the sections a test asks to leave out', async () => {
    const { text } = await get('/patients/1008?hide=medications,labs');
    expect(text).not.toContain('id="medication-list"');
    expect(text).not.toContain('id="labs"');
    expect(text).toContain('id="questionnaires"');
  });

  it('answers unknown pages, patients and methods with errors, not a chart', async () => {
    expect((await get('/patients/9999')).response.status).toBe(404);
    expect((await get('/nowhere')).response.status).toBe(404);
    expect((await get('/api/patients/9999')).response.status).toBe(404);
    const post = await fetch(`${ehr.url}/patients/1001`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it("answers the browser's icon request without an error", async () => {
    expect((await get('/favicon.ico')).response.status).toBe(204);
  });

  it('serves its stylesheet and client script', async () => {
    const css = await get('/assets/styles.css');
    expect(css.response.headers.get('content-type')).toMatch(/^text\/css/);
    const script = await get('/assets/client.js');
    expect(script.response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.text).not.toMatch(/innerHTML|insertAdjacentHTML|outerHTML/);
  });
});

describe('demo EHR tabbed (framed) view', () => {
  it('sends /framed/ to the first patient', async () => {
    const { response } = await get('/framed/');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/framed/?pid=1001');
  });

  it('keeps the banner in the top page and the chart in frames, one from the second origin', async () => {
    const { text } = await get('/framed/?pid=1004');
    expect(text).toContain('<h1 class="pt-name">Thomas Reyes</h1>');
    expect(text).toContain('src="/framed/dashboard?pid=1004"');
    expect(text).toContain('src="/framed/forms?pid=1004"');
    expect(text).toContain(`src="${ehr.frameOrigin}/framed/appointments?pid=1004"`);
    expect(text).not.toContain('id="medication-list"');
  });

  it('takes the frame delay from the server option, or from ?frameDelay= for one page load', async () => {
    expect((await get('/framed/?pid=1004')).text).toContain('data-frame-delay-ms="250"');
    expect((await get('/framed/?pid=1004&frameDelay=0')).text).toContain('data-frame-delay-ms="0"');
    expect((await get('/framed/?pid=1004&frameDelay=soon')).text).toContain(
      'data-frame-delay-ms="250"',
    );
  });

  it('opens more tab frames with ?tabs=, cycling through the three kinds', async () => {
    const frameSources = (text: string) => [...text.matchAll(/<iframe [^>]*src="([^"]+)"/g)];
    const many = (await get('/framed/?pid=1004&tabs=20')).text;
    const sources = frameSources(many).map((match) => match[1]);
    expect(sources).toHaveLength(20);
    expect(sources.filter((source) => source === '/framed/dashboard?pid=1004')).toHaveLength(7);
    expect(sources.filter((source) => source === '/framed/forms?pid=1004')).toHaveLength(7);
    expect(many).toContain('id="frame-forms-7"');
    expect(new Set([...many.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])).size).toBe(
      [...many.matchAll(/ id="/g)].length,
    );
    expect(frameSources((await get('/framed/?pid=1004')).text)).toHaveLength(3);
    expect(frameSources((await get('/framed/?pid=1004&tabs=500')).text)).toHaveLength(3);
  });

  it('serves the dashboard, the forms frame with its nested labs frame, and the labs', async () => {
    const dashboard = await get('/framed/dashboard?pid=1004');
    expect(dashboard.text).toContain('id="medication-list"');
    expect(dashboard.text).toContain('id="problem-list"');
    expect(dashboard.text).not.toContain('class="pt-name"');
    const forms = await get('/framed/forms?pid=1004');
    expect(forms.text).toContain('id="questionnaires"');
    expect(forms.text).toContain('<iframe title="Lab results" src="/framed/labs?pid=1004">');
    const labs = await get('/framed/labs?pid=1004');
    expect(labs.text).toContain('Lithium level');
  });

  it('serves the appointments frame from the second origin', async () => {
    const { response, text } = await get('/framed/appointments?pid=1005', ehr.frameOrigin);
    expect(response.status).toBe(200);
    expect(text).toContain('Interpersonal and social rhythm therapy (IPSRT)');
  });

  it('answers the banner region for an in-place patient change', async () => {
    const { text } = await get(`/ui/view?path=${encodeURIComponent('/framed/?pid=1005')}`);
    const view = JSON.parse(text);
    expect(view.page).toBe('framed');
    expect(Object.keys(view.regions)).toEqual(['patient-banner']);
    expect(JSON.stringify(view.regions['patient-banner'])).toContain('Hannah Kowalski');
  });
});

describe('starting the demo EHR', () => {
  it('refuses a "today" that is not a calendar date', async () => {
    await expect(startDemoEhr({ port: 0, today: '2025-02-30' })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('fails clearly when its port is taken, and leaves nothing listening', async () => {
    const port = Number(new URL(ehr.url).port);
    await expect(startDemoEhr({ port, framePort: 0 })).rejects.toThrow(/EADDRINUSE/);
  });
});
