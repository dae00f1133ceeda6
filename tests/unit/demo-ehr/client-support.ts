/**
 * Runs the demo EHR's browser client against a real demo server inside happy-dom: the page comes
 * from the server, and the client's fetches are answered by the server too.
 */
import { get } from 'node:http';
import { vi } from 'vitest';

export function httpGet(url: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body,
          type: String(response.headers['content-type'] ?? ''),
        }),
      );
    }).on('error', reject);
  });
}

/** Puts a server page into the test document (its scripts do not run) at the page's own path. */
export async function openPage(serverUrl: string, path: string): Promise<void> {
  const { body } = await httpGet(`${serverUrl}${path}`);
  const parsed = new DOMParser().parseFromString(body, 'text/html');
  const root = document.importNode(parsed.documentElement, true);
  document.documentElement.remove();
  document.appendChild(root);
  history.replaceState(null, '', path);
}

/** Answers the client's same-origin fetches from the demo server; returns the requested paths. */
export function fetchFromServer(serverUrl: string): string[] {
  const requested: string[] = [];
  vi.stubGlobal('fetch', async (input: string) => {
    const url = new URL(input, location.href);
    requested.push(`${url.pathname}${url.search}`);
    const { status, body, type } = await httpGet(`${serverUrl}${url.pathname}${url.search}`);
    return new Response(body, { status, headers: { 'Content-Type': type } });
  });
  return requested;
}
