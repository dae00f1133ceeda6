import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Saved pages of one adapter, by file name (`utils/ehr/adapters/fixtures/<id>/`). */
export function fixtureNames(adapterId: string): string[] {
  const directory = path.resolve(process.cwd(), 'utils/ehr/adapters/fixtures', adapterId);
  try {
    return readdirSync(directory).filter((name) => name.endsWith('.html'));
  } catch {
    return [];
  }
}

export function fixtureHtml(adapterId: string, name: string): string {
  return readFileSync(
    path.resolve(process.cwd(), 'utils/ehr/adapters/fixtures', adapterId, name),
    'utf8',
  );
}

/** A page parsed the way a browser parses a saved file: inert, no scripts run. */
export function parsePage(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

export function loadFixture(adapterId: string, name: string): Document {
  return parsePage(fixtureHtml(adapterId, name));
}

export function projectFile(relative: string): string {
  return readFileSync(path.resolve(process.cwd(), relative), 'utf8');
}
