/**
 * A clinic's deployment, end to end: Chromium force-installs the signed CRX that `npm run
 * package` wrote, by ExtensionInstallForcelist policy from a self-hosted update server (here on
 * 127.0.0.1), and finds Careside under the ID its key gives. The policy is real managed policy
 * (root), so this runs with the managed-policy tests.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installChromiumPolicy } from '../../scripts/lib/chromium-policy';
import { serveStatic } from '../../scripts/lib/serve-static';
import { updateManifestXml } from '../../scripts/lib/update-manifest';
import { CHROMIUM, EXTENSION_ID, extensionWorker } from '../e2e/browser';
import { DIST, removeScratch, runPackage, scratchDirectory, version } from '../e2e/package-run';

beforeAll(async () => {
  const run = await runPackage();
  if (run.code !== 0) throw new Error(`npm run package exited ${run.code}: ${run.stderr}`);
}, 300_000);

afterAll(removeScratch);

describe('npm run package, deployed by policy', () => {
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
