/**
 * A small FHIR R4 REST client for the clinic's server (`endpoints.fhirBaseUrl`): search, read,
 * conditional create and versioned update. Used only by the background. Every request goes to the
 * configured base and nowhere else: a URL the server hands back (a Location, a paging link) that
 * points at another origin is refused, so no reply can redirect patient data elsewhere.
 */
import type { FhirResource } from './mapping';

/** An https base, or http on this computer (tests); null for anything else. */
export function fhirBase(url: string | undefined): URL | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) return null;
  if (parsed.username || parsed.password || parsed.search || parsed.hash) return null;
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return parsed;
}

export type FhirResult<T> =
  | { ok: true; status: number; resource: T; versionId: string | null }
  /** The server holds a newer version than the one the write was based on (HTTP 412 / 409). */
  | { ok: false; kind: 'conflict'; status: number }
  /** Could not reach the server: worth retrying later. */
  | { ok: false; kind: 'unreachable'; message: string }
  /** The server refused the request (4xx other than a conflict, 5xx): `retry` says whether to try again. */
  | { ok: false; kind: 'refused'; status: number; message: string; retry: boolean };

export interface FhirClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  /** The SMART access token, when the clinic's server needs one. */
  accessToken?: () => Promise<string | null> | string | null;
  /**
   * The server refused the token (401): a new one (refreshed), or null. The request is then made
   * once more with it; a second 401 is the answer.
   */
  tokenRefused?: () => Promise<string | null>;
}

export interface FhirClient {
  readonly base: URL;
  search(resourceType: string, params: Record<string, string>): Promise<FhirResult<FhirResource[]>>;
  read(resourceType: string, id: string): Promise<FhirResult<FhirResource>>;
  /** Creates unless a resource matching `ifNoneExist` (a search, e.g. `identifier=s|v`) exists. */
  create(resource: FhirResource, ifNoneExist?: string): Promise<FhirResult<FhirResource>>;
  /** Updates only if the server's version is still `versionId` (`If-Match`). */
  update(
    resource: FhirResource & { id: string },
    versionId: string | null,
  ): Promise<FhirResult<FhirResource>>;
}

function versionFromEtag(etag: string | null): string | null {
  const match = etag ? /^(?:W\/)?"(.+)"$/.exec(etag.trim()) : null;
  return match?.[1] ?? null;
}

async function outcomeText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as {
      issue?: { diagnostics?: string; details?: { text?: string } }[];
    };
    const issue = body.issue?.[0];
    return issue?.diagnostics ?? issue?.details?.text ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

export function createFhirClient(options: FhirClientOptions): FhirClient {
  const checked = fhirBase(options.baseUrl);
  if (!checked)
    throw new Error('The FHIR server address must be https (or http on this computer).');
  const base: URL = checked;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: FhirResource,
    extraHeaders: Record<string, string> = {},
  ): Promise<FhirResult<T>> {
    const url = new URL(path, base);
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
      return {
        ok: false,
        kind: 'refused',
        status: 0,
        message: 'outside the FHIR base',
        retry: false,
      };
    }
    const headers: Record<string, string> = { accept: 'application/fhir+json', ...extraHeaders };
    if (body) headers['content-type'] = 'application/fhir+json';
    const token = options.accessToken ? await options.accessToken() : null;
    if (token) headers.authorization = `Bearer ${token}`;
    const send = () =>
      doFetch(url.href, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        // Never follow a redirect to somewhere else with patient data in the body.
        redirect: 'error',
        credentials: 'omit',
        cache: 'no-store',
      });
    let response: Response;
    try {
      response = await send();
      if (response.status === 401 && token && options.tokenRefused) {
        const renewed = await options.tokenRefused();
        if (renewed) {
          headers.authorization = `Bearer ${renewed}`;
          response = await send();
        }
      }
    } catch (error) {
      return {
        ok: false,
        kind: 'unreachable',
        message: error instanceof Error ? error.message : String(error),
      };
    }
    if (response.status === 412 || response.status === 409) {
      return { ok: false, kind: 'conflict', status: response.status };
    }
    if (!response.ok) {
      return {
        ok: false,
        kind: 'refused',
        status: response.status,
        message: await outcomeText(response),
        retry: response.status >= 500 || response.status === 429 || response.status === 401,
      };
    }
    const resource = (await response.json()) as T & FhirResource;
    return {
      ok: true,
      status: response.status,
      resource,
      versionId: versionFromEtag(response.headers.get('etag')) ?? resource.meta?.versionId ?? null,
    };
  }

  return {
    base,
    async search(resourceType, params) {
      const query = new URLSearchParams(params).toString();
      const result = await request<FhirResource>('GET', `${resourceType}?${query}`);
      if (!result.ok) return result;
      const entries = Array.isArray(result.resource.entry) ? result.resource.entry : [];
      const resources = entries
        .map((entry: unknown) => (entry as { resource?: FhirResource }).resource)
        .filter(
          (resource): resource is FhirResource =>
            !!resource && resource.resourceType === resourceType,
        );
      return { ...result, resource: resources };
    },
    read(resourceType, id) {
      return request('GET', `${resourceType}/${encodeURIComponent(id)}`);
    },
    create(resource, ifNoneExist) {
      return request(
        'POST',
        resource.resourceType,
        resource,
        ifNoneExist ? { 'if-none-exist': ifNoneExist } : {},
      );
    },
    update(resource, versionId) {
      return request(
        'PUT',
        `${resource.resourceType}/${encodeURIComponent(resource.id)}`,
        resource,
        versionId ? { 'if-match': `W/"${versionId}"` } : {},
      );
    },
  };
}
