/**
 * Real Chromium (Debian's package) with the built extension, for e2e tests, `inspect`, `bench`
 * and the demo. playwright-core drives it; it never downloads a browser of its own.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

export const CHROMIUM = process.env.CARESIDE_CHROMIUM ?? '/usr/bin/chromium';
/**
 * The builds (utils/build-variant.ts): tests read the sidebar through Playwright locators, which
 * pierce only open shadow roots, so they run on the `inspectable` build; the hostile-page test,
 * the benchmark and the demo run on `demo`, which has the release's closed root; `release` is
 * what ships. tests/e2e/global-setup.ts builds the two the e2e tests need.
 */
export const BUILD_DIRS = {
  release: path.resolve('.output/chrome-mv3'),
  demo: path.resolve('.output/demo/chrome-mv3'),
  inspectable: path.resolve('.output/inspectable/chrome-mv3'),
} as const;
export type BuildVariant = keyof typeof BUILD_DIRS;
export const EXTENSION_DIR = BUILD_DIRS.inspectable;
export const DEMO_EXTENSION_DIR = BUILD_DIRS.demo;

/**
 * `wxt build` of one variant into its folder; its output is shown only when it fails. Async so
 * the global setup can build both variants at once: each build is mostly single-threaded, and
 * side by side they take about 6 s instead of 10 s on two cores.
 */
export function buildExtension(variant: BuildVariant): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['wxt', 'build'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CARESIDE_BUILD: variant },
    });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve();
      process.stderr.write(Buffer.concat(output));
      reject(new Error(`wxt build (${variant}) failed with exit code ${code ?? 'none'}`));
    });
  });
}
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
