/**
 * The update manifest (Omaha "gupdate" response) a self-hosted extension is installed and
 * updated from: Chrome and Edge fetch it from the URL in ExtensionInstallForcelist, then the
 * CRX its `codebase` names.
 */
import { SECURE_URL_PATTERN } from '../../utils/policy/schema';

export const DEFAULT_UPDATE_BASE_URL = 'https://careside.example/updates';
export const UPDATE_MANIFEST_FILE = 'updates.xml';

export function crxFileName(version: string): string {
  return `careside-${version}.crx`;
}

/** Checks the base URL the CRX and updates.xml will be served from, without a trailing slash. */
export function updateBaseUrl(configured: string | undefined): string {
  const base = (configured?.trim() || DEFAULT_UPDATE_BASE_URL).replace(/\/+$/, '');
  if (!new RegExp(SECURE_URL_PATTERN).test(base)) {
    throw new Error(
      `CARESIDE_UPDATE_BASE_URL must be an https address (http only for localhost), not "${base}".`,
    );
  }
  return base;
}

function escapeXmlAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll("'", '&apos;')
    .replaceAll('"', '&quot;');
}

export interface UpdateManifest {
  extensionId: string;
  version: string;
  codebase: string;
}

export function updateManifestXml({ extensionId, version, codebase }: UpdateManifest): string {
  if (!/^[a-p]{32}$/.test(extensionId)) throw new Error(`Not an extension ID: "${extensionId}".`);
  if (!/^\d+(\.\d+){0,3}$/.test(version))
    throw new Error(`Not an extension version: "${version}".`);
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
    `  <app appid='${extensionId}'>`,
    `    <updatecheck codebase='${escapeXmlAttribute(codebase)}' version='${version}' />`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}
