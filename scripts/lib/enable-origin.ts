/**
 * Careside switched on for one EHR origin, as a user who clicked "Enable Careside on this site"
 * would have it — host access to that origin and the content scripts running there — but without
 * the click: a copy of the built extension whose manifest grants the origin. The manifest `key`
 * is kept, so the copy has the same extension ID and the clinic's policy still names it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The content scripts that read EHR pages: the top frame's and, where built, the subframes'. */
const EHR_CONTENT_SCRIPTS = ['content-scripts/ehr.js', 'content-scripts/ehr-frame.js'];

interface ContentScriptEntry {
  matches?: string[];
  js?: string[];
}

interface Manifest {
  key?: string;
  host_permissions?: string[];
  content_scripts?: ContentScriptEntry[];
}

/** The match pattern of a page's origin (scheme, host and port), as the popup would request. */
export function originMatchPattern(url: URL): string {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Careside reads http and https pages only, not ${url.protocol} addresses.`);
  }
  return `${url.origin}/*`;
}

export interface EnabledExtension {
  directory: string;
  pattern: string;
  remove(): void;
}

export function copyExtensionEnabledOn(builtDirectory: string, url: URL): EnabledExtension {
  const pattern = originMatchPattern(url);
  const directory = mkdtempSync(path.join(tmpdir(), 'careside-inspect-extension-'));
  cpSync(builtDirectory, directory, { recursive: true });
  const manifestPath = path.join(directory, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  if (!manifest.key) {
    throw new Error(
      `The build in ${builtDirectory} has no manifest key, so its extension ID would not be Careside's; rebuild it.`,
    );
  }
  const withPattern = (list: string[] | undefined) => [...new Set([...(list ?? []), pattern])];
  manifest.host_permissions = withPattern(manifest.host_permissions);
  const readers = (manifest.content_scripts ?? []).filter((entry) =>
    entry.js?.some((file) => EHR_CONTENT_SCRIPTS.includes(file)),
  );
  if (readers.length === 0) {
    throw new Error(`The build in ${builtDirectory} has no EHR content script; rebuild it.`);
  }
  for (const entry of readers) entry.matches = withPattern(entry.matches);
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return {
    directory,
    pattern,
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
