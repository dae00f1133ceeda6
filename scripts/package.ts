/**
 * `npm run package`: store-ready ZIPs for Chrome, Edge and Firefox in dist/, plus the files a
 * clinic serves for a managed install of the Chromium build: a signed CRX3 and updates.xml.
 *
 * Environment:
 *   CARESIDE_SIGNING_KEY       the clinic's RSA private key, PEM text
 *   CARESIDE_SIGNING_KEY_FILE  or a path to it
 *   CARESIDE_UPDATE_BASE_URL   where the CRX and updates.xml will be served
 *                              (default https://careside.example/updates)
 * Without a signing key the committed development key signs, and this says so loudly.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { buildManagedSchema } from '../utils/policy/managed-schema';
import { packSelfHosted, readPackageVersion } from './lib/self-hosting';
import { loadSigningKey } from './lib/signing-key';
import { updateBaseUrl } from './lib/update-manifest';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputDirectory = join(root, '.output');
const distDirectory = join(root, 'dist');

async function checkManagedSchema(): Promise<void> {
  const committed = JSON.parse(
    await readFile(join(root, 'public', 'managed_schema.json'), 'utf8'),
  ) as unknown;
  if (!isDeepStrictEqual(committed, buildManagedSchema())) {
    throw new Error(
      'public/managed_schema.json is out of date; run `npx tsx scripts/generate-managed-schema.ts` and commit it.',
    );
  }
}

function wxtZip(browser: 'chrome' | 'edge' | 'firefox'): void {
  console.log(`\n▶ wxt zip -b ${browser}`);
  // The release build (utils/build-variant.ts), whatever the shell has set.
  execFileSync('npx', ['wxt', 'zip', '-b', browser], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CARESIDE_BUILD: 'release' },
  });
}

/** Copies this version's ZIPs and self-hosting files into dist/ and returns their names. */
async function collectIntoDist(version: string, selfHostedFiles: string[]): Promise<string[]> {
  const zips = (await readdir(outputDirectory))
    .filter((name) => name.endsWith('.zip') && name.includes(`-${version}-`))
    .map((name) => join(outputDirectory, name));
  const names: string[] = [];
  for (const path of [...zips.sort(), ...selfHostedFiles]) {
    await copyFile(path, join(distDirectory, basename(path)));
    names.push(basename(path));
  }
  return names;
}

function developmentKeyNotice(): string {
  const line = '!'.repeat(78);
  return [
    line,
    '!!  SIGNED WITH THE DEVELOPMENT KEY (keys/careside-dev-key.pem).',
    '!!  Fine for tests and demos. NEVER deploy this CRX to a clinic: the key is public,',
    '!!  so anyone could sign an "update" your browsers would install. Set',
    '!!  CARESIDE_SIGNING_KEY or CARESIDE_SIGNING_KEY_FILE (see docs/deploy.md).',
    line,
  ].join('\n');
}

async function main(): Promise<void> {
  const version = await readPackageVersion(join(root, 'package.json'));
  const baseUrl = updateBaseUrl(process.env.CARESIDE_UPDATE_BASE_URL);
  const signingKey = await loadSigningKey(process.env, join(root, 'keys', 'careside-dev-key.pem'));
  await checkManagedSchema();
  // dist/ holds one release. It is filled only at the end: WXT's Firefox sources ZIP takes in
  // the project folder, and must not carry an earlier release or this CRX.
  await rm(distDirectory, { recursive: true, force: true });

  // The CRX is packed right after the Chrome build, before another target rebuilds .output.
  wxtZip('chrome');
  const selfHosted = await packSelfHosted({
    builtDirectory: join(outputDirectory, 'chrome-mv3'),
    outDirectory: outputDirectory,
    version,
    signingKey,
    baseUrl,
  });
  wxtZip('edge');
  wxtZip('firefox');
  await mkdir(distDirectory, { recursive: true });
  const packaged = await collectIntoDist(version, [
    selfHosted.crxPath,
    selfHosted.updateManifestPath,
  ]);

  console.log(`\nCareside ${version} packaged in dist/:`);
  for (const name of packaged) console.log(`  ${name}`);
  console.log(`\nExtension ID: ${selfHosted.extensionId}`);
  console.log(`Serve both files at ${baseUrl}/ and put this in ExtensionInstallForcelist:`);
  console.log(`  ${selfHosted.forcelistEntry}`);
  console.log('(docs/deploy.md has the registry, plist and JSON forms.)');
  if (signingKey.origin === 'development') {
    console.warn(`\n${developmentKeyNotice()}`);
  } else {
    console.log(`Signed with the key from ${signingKey.origin}.`);
  }
}

main().catch((error: unknown) => {
  console.error(`\nPackaging failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
