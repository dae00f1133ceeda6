/**
 * The bundled demo EHR: a dependency-free Node HTTP server on 127.0.0.1 that looks and behaves
 * like an outpatient behavioral-health EHR (patient list, charts, in-place patient switching, a
 * tabbed frame layout with one cross-origin frame) for `npm run demo`, the e2e tests and the
 * benchmarks. `tsx demo-ehr/server.ts [--port N] [--frame-port N] [--today YYYY-MM-DD]
 * [--frame-delay MS]` runs it on its own.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { localToday } from '../utils/calendar';
import { parseIsoDate } from '../utils/clinical/dates';
import type { IsoDate } from '../utils/clinical/types';
import { buildPatients, type DemoPatient } from './patients';
import {
  CHART_SECTIONS,
  type ChartSection,
  chartView,
  framedAppointmentsView,
  framedDashboardView,
  framedFormsView,
  framedLabsView,
  framedTopView,
  notFoundView,
  type PageView,
  patientListView,
  type RenderContext,
  renderDocument,
} from './render';

export const DEFAULT_PORT = 4310;
export const DEFAULT_FRAME_DELAY_MS = 400;
const HOST = '127.0.0.1';

export interface DemoEhrOptions {
  /** 0 = any free port. Default 4310. */
  port?: number;
  /** The second loopback origin for the cross-origin frame. Default port + 1 (any when port is 0). */
  framePort?: number;
  /** How long the tabbed view waits after the banner changes before reloading its frames. */
  frameDelayMs?: number;
  /** The chart's "today" (YYYY-MM-DD); default the machine's current local date. */
  today?: IsoDate;
}

export interface DemoEhr {
  /** e.g. `http://127.0.0.1:4310` (no trailing slash). */
  url: string;
  /** e.g. `http://127.0.0.1:4311`: serves the tabbed view's cross-origin frame. */
  frameOrigin: string;
  today: IsoDate;
  close(): Promise<void>;
}

const ASSETS: Record<string, { file: string; type: string }> = {
  '/assets/client.js': { file: 'client.js', type: 'text/javascript; charset=utf-8' },
  '/assets/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
};

/** The JSON ground truth the e2e tests compare the sidebar against. */
export function patientRecord(patient: DemoPatient) {
  return {
    id: patient.id,
    scenario: patient.scenario,
    identity: {
      name: patient.name,
      birthDate: patient.birthDate,
      sex: patient.sex,
      identifiers: [{ system: 'MRN', type: 'MR', value: patient.mrn }],
    },
    pregnant: patient.pregnancy ? patient.pregnancy.pregnant : null,
    problems: patient.problems,
    medications: patient.medications,
    scores: patient.questionnaires,
    labs: patient.labs,
    vitals: patient.vitals,
    appointments: patient.appointments,
    careTeam: patient.careTeam,
  };
}

function parseHide(value: string | null): ChartSection[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part): part is ChartSection => (CHART_SECTIONS as string[]).includes(part));
}

function parseDelay(value: string | null, fallback: number): number {
  if (value === null || !/^\d{1,6}$/.test(value)) return fallback;
  return Number(value);
}

/** How many tab frames the tabbed view opens: the three kinds by default, at most forty. */
const MAX_TABS = 40;
function parseTabCount(value: string | null): number | undefined {
  if (value === null || !/^\d{1,2}$/.test(value)) return undefined;
  const count = Number(value);
  return count >= 1 && count <= MAX_TABS ? count : undefined;
}

interface Routing {
  context: RenderContext;
  byId: Map<string, DemoPatient>;
  frameDelayMs: number;
}

type Resolved =
  | { kind: 'view'; view: PageView; status: number }
  | { kind: 'redirect'; location: string }
  | { kind: 'json'; body: unknown; status: number };

/** Maps an app path (with query) to a page, so full loads and in-place swaps share one routing. */
export function resolvePath(pathWithQuery: string, routing: Routing): Resolved {
  const url = new URL(pathWithQuery, 'http://demo.invalid');
  const path = url.pathname;
  const pid = url.searchParams.get('pid');
  const missing = (what: string): Resolved => ({
    kind: 'view',
    view: notFoundView(what),
    status: 404,
  });
  const lookUp = (id: string | null) => (id === null ? undefined : routing.byId.get(id));

  if (path === '/' || path === '/patients' || path === '/patients/') {
    return { kind: 'view', view: patientListView(routing.context), status: 200 };
  }
  const chartMatch = /^\/patients\/([^/]+)$/.exec(path);
  if (chartMatch) {
    const patient = lookUp(decodeURIComponent(chartMatch[1] ?? ''));
    if (!patient) return missing('There is no patient with that chart number.');
    const hide = parseHide(url.searchParams.get('hide'));
    return { kind: 'view', view: chartView(patient, routing.context, { hide }), status: 200 };
  }
  if (path === '/switch') {
    const patient = lookUp(pid);
    return patient
      ? { kind: 'redirect', location: `/patients/${encodeURIComponent(patient.id)}` }
      : missing('There is no patient with that chart number.');
  }
  if (path === '/framed' || path === '/framed/') {
    const first = routing.context.patients[0];
    if (pid === null && first) {
      const query = new URLSearchParams(url.searchParams);
      query.set('pid', first.id);
      return { kind: 'redirect', location: `/framed/?${query}` };
    }
    const patient = lookUp(pid);
    if (!patient) return missing('There is no patient with that chart number.');
    const delay = parseDelay(url.searchParams.get('frameDelay'), routing.frameDelayMs);
    const tabs = parseTabCount(url.searchParams.get('tabs'));
    return {
      kind: 'view',
      view: framedTopView(patient, routing.context, delay, tabs),
      status: 200,
    };
  }
  const frames: Record<string, (patient: DemoPatient) => PageView> = {
    '/framed/dashboard': framedDashboardView,
    '/framed/forms': framedFormsView,
    '/framed/labs': framedLabsView,
    '/framed/appointments': framedAppointmentsView,
  };
  const frame = frames[path];
  if (frame) {
    const patient = lookUp(pid);
    return patient
      ? { kind: 'view', view: frame(patient), status: 200 }
      : missing('No patient selected.');
  }
  if (path === '/api/patients') {
    const list = routing.context.patients.map((patient) => ({
      id: patient.id,
      scenario: patient.scenario,
      name: patient.name,
      birthDate: patient.birthDate,
      sex: patient.sex,
      mrn: patient.mrn,
      path: `/patients/${encodeURIComponent(patient.id)}`,
    }));
    return { kind: 'json', body: { today: routing.context.today, patients: list }, status: 200 };
  }
  const apiMatch = /^\/api\/patients\/([^/]+)$/.exec(path);
  if (apiMatch) {
    const patient = lookUp(decodeURIComponent(apiMatch[1] ?? ''));
    return patient
      ? {
          kind: 'json',
          body: { today: routing.context.today, ...patientRecord(patient) },
          status: 200,
        }
      : { kind: 'json', body: { error: 'no such patient' }, status: 404 };
  }
  return missing('This page does not exist.');
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer) {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

function handler(routing: Routing) {
  const assetDir = path.dirname(fileURLToPath(import.meta.url));
  return async (request: IncomingMessage, response: ServerResponse) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
        return;
      }
      const url = new URL(request.url ?? '/', `http://${HOST}`);
      if (url.pathname === '/favicon.ico') {
        // No icon: an empty answer keeps the browser console free of 404s during e2e runs.
        response.writeHead(204, { 'Cache-Control': 'no-store' });
        response.end();
        return;
      }
      const asset = ASSETS[url.pathname];
      if (asset) {
        send(response, 200, asset.type, await readFile(path.join(assetDir, asset.file)));
        return;
      }
      // The client asks for a page's regions to swap a chart in place without a page load.
      if (url.pathname === '/ui/view') {
        const target = url.searchParams.get('path') ?? '/';
        const resolved = target.startsWith('/') ? resolvePath(target, routing) : null;
        if (!resolved || resolved.kind !== 'view') {
          send(response, 400, 'application/json', JSON.stringify({ error: 'not a page path' }));
          return;
        }
        const { page, title, regions } = resolved.view;
        send(
          response,
          resolved.status,
          'application/json',
          JSON.stringify({ page, title, regions }),
        );
        return;
      }
      const resolved = resolvePath(`${url.pathname}${url.search}`, routing);
      if (resolved.kind === 'redirect') {
        response.writeHead(302, { Location: resolved.location, 'Cache-Control': 'no-store' });
        response.end();
      } else if (resolved.kind === 'json') {
        send(response, resolved.status, 'application/json', JSON.stringify(resolved.body));
      } else {
        send(response, resolved.status, 'text/html; charset=utf-8', renderDocument(resolved.view));
      }
    } catch (error) {
      send(response, 500, 'text/plain; charset=utf-8', `Server error: ${String(error)}\n`);
    }
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });
}

export async function startDemoEhr(options: DemoEhrOptions = {}): Promise<DemoEhr> {
  const today = options.today ?? localToday();
  if (parseIsoDate(today) !== today) throw new RangeError(`today must be YYYY-MM-DD: ${today}`);
  const port = options.port ?? DEFAULT_PORT;
  const framePort = options.framePort ?? (port === 0 ? 0 : port + 1);
  const frameDelayMs = options.frameDelayMs ?? DEFAULT_FRAME_DELAY_MS;
  const patients = buildPatients(today);
  const context: RenderContext = { today, patients, frameOrigin: '', frameDelayMs };
  const routing: Routing = { context, byId: new Map(patients.map((p) => [p.id, p])), frameDelayMs };

  // Both ports run the same application, as one EHR serving its frames from a second host would.
  const main = createServer(handler(routing));
  const frames = createServer(handler(routing));
  const mainPort = await listen(main, port);
  let boundFramePort: number;
  try {
    boundFramePort = await listen(frames, framePort);
  } catch (error) {
    await closeServer(main);
    throw error;
  }
  context.frameOrigin = `http://${HOST}:${boundFramePort}`;
  return {
    url: `http://${HOST}:${mainPort}`,
    frameOrigin: context.frameOrigin,
    today,
    async close() {
      await Promise.all([closeServer(main), closeServer(frames)]);
    },
  };
}

function parseArguments(argv: string[]): DemoEhrOptions {
  const options: DemoEhrOptions = {};
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    const number = () => {
      if (value === undefined || !/^\d+$/.test(value)) throw new Error(`${flag} needs a number`);
      index += 1;
      return Number(value);
    };
    if (flag === '--port') options.port = number();
    else if (flag === '--frame-port') options.framePort = number();
    else if (flag === '--frame-delay') options.frameDelayMs = number();
    else if (flag === '--today') {
      if (value === undefined || parseIsoDate(value) !== value)
        throw new Error('--today needs YYYY-MM-DD');
      options.today = value;
      index += 1;
    } else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runDirectly) {
  try {
    const ehr = await startDemoEhr(parseArguments(process.argv.slice(2)));
    console.log(`Demo EHR: ${ehr.url}/ (frames from ${ehr.frameOrigin}, today ${ehr.today})`);
    console.log(`Tabbed view: ${ehr.url}/framed/   Ground truth: ${ehr.url}/api/patients`);
    const stop = () => {
      ehr.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    console.error(`demo EHR: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
