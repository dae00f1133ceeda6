/**
 * A small but real CDS Hooks 2.0 service for tests, on loopback: discovery at `/cds-services`, one
 * `patient-view` service that reads the PHQ-9 totals from its prefetch (or says it has none), and
 * the feedback endpoint, which records what it was told. Requests that do not follow the spec
 * (wrong hook, no hookInstance, no context.patientId / userId, malformed feedback) get 400.
 *
 * Runnable alone: `tsx tests/cds-service/server.ts [port]`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SERVICE_ID = 'collaborative-care';
const PHQ9_LOINC = '44261-6';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface HookCall {
  hookInstance: string;
  context: { patientId?: string; userId?: string };
  prefetch: Record<string, unknown>;
}

export interface FeedbackEntry {
  card: string;
  outcome: string;
  overrideReason?: { reason?: { system?: string; code?: string; display?: string } };
  outcomeTimestamp: string;
}

export interface TestCdsService {
  /** The service base, e.g. `http://127.0.0.1:41234` (discovery at `{url}/cds-services`). */
  url: string;
  calls: HookCall[];
  feedback: { serviceId: string; entry: FeedbackEntry }[];
  /** Every request, method and path (for egress assertions). */
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

function reply(response: ServerResponse, status: number, body?: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    // The spec asks services to allow cross-origin calls from the CDS client.
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
  });
  response.end(body === undefined ? '' : JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}

/** The PHQ-9 totals in an Observation searchset bundle, newest last by date. */
function phq9Totals(bundle: unknown): { date: string; total: number }[] {
  const entries = (bundle as { entry?: { resource?: Record<string, unknown> }[] })?.entry ?? [];
  return entries
    .map((entry) => entry.resource ?? {})
    .filter((resource) =>
      ((resource.code as { coding?: { code?: string }[] })?.coding ?? []).some(
        (coding) => coding.code === PHQ9_LOINC,
      ),
    )
    .map((resource) => ({
      date: String(resource.effectiveDateTime ?? ''),
      total: Number(resource.valueInteger),
    }))
    .filter((score) => Number.isFinite(score.total))
    .sort((a, b) => a.date.localeCompare(b.date));
}

export async function startCdsService(options: { port?: number } = {}): Promise<TestCdsService> {
  const calls: HookCall[] = [];
  const feedback: TestCdsService['feedback'] = [];
  const requests: TestCdsService['requests'] = [];
  const issued = new Set<string>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ method: request.method ?? 'GET', path });
    if (request.method === 'OPTIONS') return reply(response, 204);
    if (request.method === 'GET' && path === '/cds-services') {
      return reply(response, 200, {
        services: [
          {
            hook: 'patient-view',
            id: SERVICE_ID,
            title: 'Collaborative care follow-up',
            description: 'Suggests a collaborative-care review when depression scores stay high.',
            prefetch: {
              patient: 'Patient/{{context.patientId}}',
              phq9: `Observation?patient={{context.patientId}}&code=http://loinc.org|${PHQ9_LOINC}`,
            },
          },
          // A service on another hook: Careside must not call it on patient-view.
          {
            hook: 'order-sign',
            id: 'order-check',
            description: 'Checks orders; not a patient-view service.',
          },
        ],
      });
    }
    if (request.method === 'POST' && path === `/cds-services/${SERVICE_ID}`) {
      const body = (await readJson(request)) as Partial<HookCall & { hook: string }> | null;
      if (
        !body ||
        body.hook !== 'patient-view' ||
        typeof body.hookInstance !== 'string' ||
        !UUID.test(body.hookInstance) ||
        typeof body.context?.patientId !== 'string' ||
        typeof body.context?.userId !== 'string'
      ) {
        return reply(response, 400, { error: 'not a patient-view request' });
      }
      calls.push({
        hookInstance: body.hookInstance,
        context: body.context,
        prefetch: body.prefetch ?? {},
      });
      const totals = phq9Totals(body.prefetch?.phq9);
      const latest = totals.at(-1);
      if (!latest || latest.total < 10) return reply(response, 200, { cards: [] });
      const uuid = crypto.randomUUID();
      issued.add(uuid);
      return reply(response, 200, {
        cards: [
          {
            uuid,
            summary: `PHQ-9 of ${latest.total}: review in the collaborative-care caseload meeting`,
            detail: 'A score of 10 or more that has not fallen by half after 8–12 weeks.',
            indicator: 'warning',
            source: {
              label: 'Clinic collaborative-care service',
              url: 'https://aims.uw.edu/collaborative-care',
            },
            links: [
              {
                label: 'Caseload review checklist',
                url: 'https://aims.uw.edu/resource-library',
                type: 'absolute',
              },
              // Not https: must not be shown as a link.
              { label: 'Intranet page', url: 'http://intranet.example/cc', type: 'absolute' },
            ],
            suggestions: [{ label: 'Add to next caseload review', uuid: crypto.randomUUID() }],
            overrideReasons: [
              {
                system: 'https://clinic.example/override',
                code: 'already-addressed',
                display: 'Already discussed this week',
              },
            ],
          },
        ],
      });
    }
    if (request.method === 'POST' && path === `/cds-services/${SERVICE_ID}/feedback`) {
      const body = (await readJson(request)) as { feedback?: FeedbackEntry[] } | null;
      const entries = body?.feedback;
      const valid =
        Array.isArray(entries) &&
        entries.length > 0 &&
        entries.every(
          (entry) =>
            issued.has(entry.card) &&
            (entry.outcome === 'accepted' || entry.outcome === 'overridden') &&
            !Number.isNaN(Date.parse(entry.outcomeTimestamp)),
        );
      if (!valid) return reply(response, 400, { error: 'malformed feedback' });
      for (const entry of entries) feedback.push({ serviceId: SERVICE_ID, entry });
      return reply(response, 200);
    }
    return reply(response, 404, { error: 'no such service' });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => reply(response, 500, { error: 'server error' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    feedback,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startCdsService({ port: Number(process.argv[2] ?? 0) }).then((service) => {
    process.stdout.write(`${service.url}\n`);
  });
}
