/**
 * `npm run package` end to end: the command writes the packages, the signed CRX verifies, and
 * Chromium installs the Chrome ZIP unpacked and finds Careside under the ID its key gives. The
 * force-install from a self-hosted update server writes real managed policy (root), so it is a
 * managed-policy test (tests/managed/package-forcelist.test.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID, extensionWorker, launchChromium } from './browser';
import {
  DIST,
  type PackageRun,
  removeScratch,
  runPackage,
  scratchDirectory,
  version,
} from './package-run';
import { extensionIdOf, readZip, unzipTo, verifyCrx3 } from './packed';

let packageRun: PackageRun;

beforeAll(async () => {
  packageRun = await runPackage();
}, 300_000);

afterAll(removeScratch);

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

  // What a clinic's IT reviews before allowing the extension (docs/security.md, "Permissions"):
  // a permission added in wxt.config.ts must be added here and there, with its reason.
  it.each([
    'chrome',
    'edge',
    'firefox',
  ])('asks for exactly the documented permissions in the %s package', (target) => {
    const entries = readZip(readFileSync(path.join(DIST, `careside-${version}-${target}.zip`)));
    const manifest = JSON.parse(
      entries.find((entry) => entry.name === 'manifest.json')?.data.toString('utf8') ?? '{}',
    ) as { permissions?: string[]; host_permissions?: string[] };
    expect([...(manifest.permissions ?? [])].sort()).toEqual(
      [
        'activeTab',
        'alarms',
        // browser.identity.launchWebAuthFlow: SMART sign-in to the clinic's FHIR server, used
        // only when endpoints.smartClientId is set (issue 22).
        'identity',
        'scripting',
        'storage',
      ].sort(),
    );
    // Hosts are asked for at run time, per configured EHR origin; none is granted up front.
    expect(manifest.host_permissions ?? []).toEqual([]);
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
});
