/**
 * Real Chromium (Debian's package) with the built extension, for e2e tests, `inspect`, `bench`
 * and the demo. playwright-core drives it; it never downloads a browser of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

export const CHROMIUM = process.env.CARESIDE_CHROMIUM ?? '/usr/bin/chromium';
export const EXTENSION_DIR = path.resolve('.output/chrome-mv3');
/** The ID the committed development key gives (see wxt.config.ts). */
export const EXTENSION_ID = 'foiekfkefeihhfkdajhfiaiakjpgdnna';

export interface LaunchOptions {
  extensionDir?: string | null;
  headless?: boolean;
  args?: string[];
  viewport?: { width: number; height: number };
  /**
   * A profile kept by the caller (a browser restarted on it finds what the last run left); by
   * default each launch gets a fresh one, removed on close.
   */
  profileDir?: string;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  userDataDir: string;
  close(): Promise<void>;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const extensionDir = options.extensionDir === undefined ? EXTENSION_DIR : options.extensionDir;
  const userDataDir = options.profileDir ?? mkdtempSync(path.join(tmpdir(), 'careside-chromium-'));
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(extensionDir
      ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
      : []),
    ...(options.args ?? []),
  ];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args,
    viewport: options.viewport ?? { width: 1440, height: 900 },
  });
  return {
    context,
    userDataDir,
    async close() {
      await context.close();
      if (!options.profileDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((worker) => worker.url().includes(EXTENSION_ID));
  if (existing) return existing;
  return context.waitForEvent('serviceworker', {
    predicate: (worker) => worker.url().includes(EXTENSION_ID),
    timeout: 15_000,
  });
}
