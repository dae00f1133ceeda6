/**
 * The files a clinic serves for a managed install of the Chromium build: the signed CRX and the
 * update manifest that points at it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCrx3 } from './crx3';
import type { SigningKey } from './signing-key';
import { crxFileName, UPDATE_MANIFEST_FILE, updateManifestXml } from './update-manifest';
import { createZip, readDirectoryEntries } from './zip';

export interface SelfHostingInput {
  /** The built Chromium extension directory (`.output/chrome-mv3`). */
  builtDirectory: string;
  outDirectory: string;
  /** The version from package.json; the built manifest must carry the same. */
  version: string;
  signingKey: SigningKey;
  /** Where the CRX and updates.xml will be served from (no trailing slash). */
  baseUrl: string;
}

export interface SelfHostingOutput {
  extensionId: string;
  crxPath: string;
  updateManifestPath: string;
  codebase: string;
  updateUrl: string;
  /** The ExtensionInstallForcelist entry: `ID;update URL`. */
  forcelistEntry: string;
}

export async function packSelfHosted(input: SelfHostingInput): Promise<SelfHostingOutput> {
  const { builtDirectory, outDirectory, version, signingKey, baseUrl } = input;
  const entries = await readDirectoryEntries(builtDirectory);
  const manifestEntry = entries.find((entry) => entry.name === 'manifest.json');
  if (!manifestEntry) throw new Error(`No manifest.json in ${builtDirectory}; build first.`);
  const manifest = JSON.parse(manifestEntry.data.toString('utf8')) as Record<string, unknown>;
  if (manifest.version !== version) {
    throw new Error(
      `The build in ${builtDirectory} is version ${String(manifest.version)}, package.json says ${version}; rebuild.`,
    );
  }
  // The manifest key must be the signing key: Chrome derives the ID from it for unpacked
  // copies, and a clinic build must not carry the development key's ID.
  manifest.key = signingKey.publicKeyDer.toString('base64');
  manifestEntry.data = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');

  const { crx, extensionId } = createCrx3(
    createZip(entries),
    signingKey.privateKey,
    signingKey.publicKeyDer,
  );
  const crxPath = join(outDirectory, crxFileName(version));
  const codebase = `${baseUrl}/${crxFileName(version)}`;
  const updateManifestPath = join(outDirectory, UPDATE_MANIFEST_FILE);
  await writeFile(crxPath, crx);
  await writeFile(updateManifestPath, updateManifestXml({ extensionId, version, codebase }));
  const updateUrl = `${baseUrl}/${UPDATE_MANIFEST_FILE}`;
  return {
    extensionId,
    crxPath,
    updateManifestPath,
    codebase,
    updateUrl,
    forcelistEntry: `${extensionId};${updateUrl}`,
  };
}

export async function readPackageVersion(packageJsonPath: string): Promise<string> {
  const { version } = JSON.parse(await readFile(packageJsonPath, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') throw new Error(`${packageJsonPath} has no version.`);
  return version;
}
