/** Small helpers the gallery pages' request handlers share. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendHtml(
  response: ServerResponse,
  html: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(html);
}

export function sendJson(response: ServerResponse, value: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(value));
}

export function sendScript(response: ServerResponse, code: string): void {
  response.writeHead(200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(code);
}

export function redirect(
  response: ServerResponse,
  location: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  response.end();
}

export function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('Not found');
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function cookies(request: IncomingMessage): Record<string, string> {
  const found: Record<string, string> = {};
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name) found[name] = decodeURIComponent(value.join('='));
  }
  return found;
}

export async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}
