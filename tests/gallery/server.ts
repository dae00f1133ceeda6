/**
 * The gallery's server: every EHR page on its own loopback origin (127.0.0.1, a free port each),
 * as distinct EHRs would be. `tsx tests/gallery/server.ts [--lag MIN-MAX]` runs them all and
 * prints their addresses; tests call `startGallery()`.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { notFound } from './http';
import { GALLERY_PAGES } from './pages';
import type { PageTruth } from './types';

export interface GalleryOptions {
  /** Only these pages (ids); default all. */
  pages?: string[];
  /** Random lag range of the pages' data and renders, in ms; default [0, 250]. */
  lagMs?: [number, number];
}

export interface RunningPage {
  id: string;
  /** e.g. http://127.0.0.1:41235 (no trailing slash). */
  url: string;
  /** The page's truth.json. */
  truth: PageTruth;
}

export interface Gallery {
  pages: RunningPage[];
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export function readTruth(id: string): PageTruth {
  return JSON.parse(readFileSync(path.join(here, 'pages', id, 'truth.json'), 'utf8')) as PageTruth;
}

export async function startGallery(options: GalleryOptions = {}): Promise<Gallery> {
  const [low, high] = options.lagMs ?? [0, 250];
  const lag = () => Math.round(low + Math.random() * (high - low));
  const servers: Server[] = [];
  const pages: RunningPage[] = [];
  for (const definition of GALLERY_PAGES) {
    if (options.pages && !options.pages.includes(definition.id)) continue;
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      Promise.resolve(definition.handle(request, response, url, { lag }))
        .then((handled) => {
          if (!handled) notFound(response);
        })
        .catch((error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end(String(error));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    pages.push({
      id: definition.id,
      url: `http://127.0.0.1:${port}`,
      truth: readTruth(definition.id),
    });
  }
  return {
    pages,
    async close() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const lagArgument = process.argv.indexOf('--lag');
  const lagMs =
    lagArgument > 0 ? (process.argv[lagArgument + 1] ?? '0-250').split('-').map(Number) : [0, 250];
  const gallery = await startGallery({ lagMs: [lagMs[0] ?? 0, lagMs[1] ?? 250] });
  for (const page of gallery.pages) {
    const first = page.truth.patients[0];
    console.log(`${page.id.padEnd(18)} ${page.url}${first?.entry ?? '/'}  ${page.truth.title}`);
  }
}
