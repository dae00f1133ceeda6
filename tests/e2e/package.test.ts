/**
 * `npm run package` end to end: the command writes the packages, and Chromium installs them —
 * the Chrome ZIP unpacked, and the signed CRX the way a clinic deploys it, by
 * ExtensionInstallForcelist policy from a self-hosted update server (here on 127.0.0.1) — and
 * finds Careside under the ID its key gives.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installChromiumPolicy } from '../../scripts/lib/chromium-policy';
import { serveStatic } from '../../scripts/lib/serve-static';
import { updateManifestXml } from '../../scripts/lib/update-manifest';
import { CHROMIUM, EXTENSION_ID, extensionWorker, launchChromium } from './browser';
import { extensionIdOf, readZip, unzipTo, verifyCrx3 } from './packed';

const DIST = path.resolve('dist');
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const scratch: string[] = [];

function scratchDirectory(prefix: string): string {
  const directory = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(directory);
  return directory;
}

let packageRun: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  // The development key signs when no clinic key is in the environment.
  const env = { ...process.env };
  delete env.CARESIDE_SIGNING_KEY;
  delete env.CARESIDE_SIGNING_KEY_FILE;
  delete env.CARESIDE_UPDATE_BASE_URL;
  packageRun = await new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'package'],
      { env, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}, 300_000);

afterAll(() => {
  for (const directory of scratch) rmSync(directory, { recursive: true, force: true });
});

describe('npm run package', () => {
  it('writes the store packages, the signed CRX and updates.xml for the package.json version', () => {
    expect(packageRun.code, packageRun.stderr).toBe(0);
    for (const file of [
      `careside-${version}-chrome.zip`,
      `careside-${version}-edge.zip`,
      `careside-${version}-firefox.zip`,
      `careside-${version}.crx`,
      'updates.xml',
    ]) {
      expect(existsSync(path.join(DIST, file)), file).toBe(true);
    }
    expect(packageRun.stdout).toContain(`Extension ID: ${EXTENSION_ID}`);
    expect(packageRun.stderr).toContain('SIGNED WITH THE DEVELOPMENT KEY');
    const updates = readFileSync(path.join(DIST, 'updates.xml'), 'utf8');
    expect(updates).toContain(`appid='${EXTENSION_ID}'`);
    expect(updates).toContain(`/careside-${version}.crx' version='${version}'`);
  });

  it('loads the Chrome ZIP, unpacked, under the ID its manifest key gives', async () => {
    const zip = readFileSync(path.join(DIST, `careside-${version}-chrome.zip`));
    const manifest = JSON.parse(
      readZip(zip)
        .find((entry) => entry.name === 'manifest.json')
        ?.data.toString('utf8') ?? '{}',
    ) as { key?: string; version?: string };
    expect(manifest.version).toBe(version);
    expect(extensionIdOf(Buffer.from(manifest.key ?? '', 'base64'))).toBe(EXTENSION_ID);

    const unpacked = scratchDirectory('careside-chrome-zip-');
    unzipTo(zip, unpacked);
    const browser = await launchChromium({ extensionDir: unpacked });
    try {
      const worker = await extensionWorker(browser.context);
      expect(new URL(worker.url()).host).toBe(EXTENSION_ID);
      const manifestVersion = await worker.evaluate(
        () =>
          (
            globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }
          ).chrome.runtime.getManifest().version,
      );
      expect(manifestVersion).toBe(version);
    } finally {
      await browser.close();
    }
  });

  // Issue 18: what is built for production holds nothing for the demo EHR or the benchmark.
  it.each([
    'chrome',
    'edge',
    'firefox',
  ])('ships no loopback content-script match and no careside:* marks in the %s package', (target) => {
    const entries = readZip(readFileSync(path.join(DIST, `careside-${version}-${target}.zip`)));
    const manifest = JSON.parse(
      entries.find((entry) => entry.name === 'manifest.json')?.data.toString('utf8') ?? '{}',
    ) as { content_scripts?: { matches?: string[] }[]; host_permissions?: string[] };
    const matches = [
      ...(manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []),
      ...(manifest.host_permissions ?? []),
    ];
    expect(matches.filter((match) => /127\.0\.0\.1|localhost|\[::1\]/.test(match))).toEqual([]);
    const scripts = entries.filter((entry) => entry.name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const text = script.data.toString('utf8');
      // Mark names (`careside:painted`), not FHIR URNs (`urn:careside:…`) or the envelope.
      expect(text, script.name).not.toMatch(/(?<![\w:])careside:[a-z$]/);
      expect(text, script.name).not.toContain('performance.mark');
    }
  });

  it('has a CRX whose signature verifies and whose key gives the extension ID', () => {
    const crx = verifyCrx3(readFileSync(path.join(DIST, `careside-${version}.crx`)));
    expect(crx.extensionId).toBe(EXTENSION_ID);
    const manifest = JSON.parse(
      readZip(crx.zip)
        .find((entry) => entry.name === 'manifest.json')
        ?.data.toString('utf8') ?? '{}',
    ) as { key?: string; version?: string };
    expect(manifest.version).toBe(version);
    expect(Buffer.from(manifest.key ?? '', 'base64').equals(crx.publicKeyDer)).toBe(true);
  });

  it('is force-installed by Chromium from the CRX through ExtensionInstallForcelist', async () => {
    // A self-hosted update server, as in docs/deploy.md section 3, on 127.0.0.1.
    const hosted = scratchDirectory('careside-update-server-');
    copyFileSync(path.join(DIST, `careside-${version}.crx`), path.join(hosted, 'careside.crx'));
    const server = await serveStatic(hosted);
    writeFileSync(
      path.join(hosted, 'updates.xml'),
      updateManifestXml({
        extensionId: EXTENSION_ID,
        version,
        codebase: server.urlOf('careside.crx'),
      }),
    );
    const policy = installChromiumPolicy('careside-package-test', {
      ExtensionInstallForcelist: [`${EXTENSION_ID};${server.urlOf('updates.xml')}`],
      // By default Chromium keeps DevTools — and so the test driver — off the pages of
      // extensions installed by policy; a clinic leaves this at its default.
      DeveloperToolsAvailability: 1,
    });
    const userDataDir = scratchDirectory('careside-chromium-forcelist-');
    try {
      // Not the shared launcher: it switches off background networking, which is also how
      // Chromium fetches a force-installed extension, and it loads Careside unpacked.
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'],
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
      });
      try {
        const internals = await context.newPage();
        const installed = async () => {
          await internals.goto('chrome://extensions-internals');
          const list = JSON.parse((await internals.locator('body').innerText()) || '[]') as {
            id: string;
            location: string;
            version: string;
          }[];
          const careside = list.find((extension) => extension.id === EXTENSION_ID);
          return careside ? `${careside.location} ${careside.version}` : 'not installed';
        };
        await expect
          .poll(installed, { timeout: 60_000, interval: 1000 })
          .toBe(`EXTERNAL_POLICY_DOWNLOAD ${version}`);

        // It runs under that ID: its service worker, and its options page answering from it.
        const worker = await extensionWorker(context);
        expect(new URL(worker.url()).host).toBe(EXTENSION_ID);
        const options = await context.newPage();
        await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
        await expect
          .poll(() => options.locator('[data-setting]').count(), { timeout: 15_000 })
          .toBeGreaterThan(5);
      } finally {
        await context.close();
      }
    } finally {
      policy.remove();
      await server.close();
    }
  });
});
