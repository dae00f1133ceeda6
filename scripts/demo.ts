/**
 * `npm run demo`: builds the extension, serves the bundled demo EHR on 127.0.0.1 and opens
 * Chromium with Careside loaded on its patient list.
 *
 * On a machine without a display: `npm run demo -- --headless --screenshot FILE` opens a chart,
 * waits until the sidebar shows the patient's name, saves a 1440×900 screenshot and exits 0; it
 * exits non-zero with the reason when the sidebar does not appear in time.
 *
 * Options: --patient ID (chart for the screenshot, default 1002), --port N (default 4310),
 * --timeout SECONDS (default 60), --skip-build (use the existing .output/chrome-mv3).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_PORT, type DemoEhr, startDemoEhr } from '../demo-ehr/server';
import { EXTENSION_DIR, type LaunchedBrowser, launchChromium } from '../tests/e2e/browser';

interface DemoOptions {
  headless: boolean;
  screenshot: string | null;
  patient: string;
  port: number;
  timeoutMs: number;
  build: boolean;
}

const USAGE =
  'usage: npm run demo [-- [--headless] [--screenshot FILE] [--patient ID] [--port N] [--timeout SECONDS] [--skip-build]]';

class DemoError extends Error {}

function parseOptions(argv: string[]): DemoOptions {
  const options: DemoOptions = {
    headless: false,
    screenshot: null,
    patient: '1002',
    port: DEFAULT_PORT,
    timeoutMs: 60_000,
    build: true,
  };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--'))
        throw new DemoError(`${flag} needs a value\n${USAGE}`);
      index += 1;
      return next;
    };
    const whole = (text: string) => {
      if (!/^\d+$/.test(text)) throw new DemoError(`${flag} needs a whole number, not "${text}"`);
      return Number(text);
    };
    if (flag === '--headless') options.headless = true;
    else if (flag === '--screenshot') options.screenshot = path.resolve(value());
    else if (flag === '--patient') options.patient = value();
    else if (flag === '--port') options.port = whole(value());
    else if (flag === '--timeout') options.timeoutMs = whole(value()) * 1000;
    else if (flag === '--skip-build') options.build = false;
    else throw new DemoError(`unknown option ${flag}\n${USAGE}`);
  }
  return options;
}

function hasDisplay(): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function buildExtension(): void {
  // The inspectable build: the check below reads the sidebar through its open shadow root.
  console.log('Building the extension (CARESIDE_BUILD=inspectable npx wxt build)…');
  const result = spawnSync('npx', ['wxt', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, CARESIDE_BUILD: 'inspectable' },
  });
  if (result.error) throw new DemoError(`could not run wxt build: ${result.error.message}`);
  if (result.status !== 0) throw new DemoError(`wxt build failed (exit code ${result.status})`);
}

async function startEhr(port: number): Promise<DemoEhr> {
  try {
    return await startDemoEhr({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${port} is busy; serving the demo EHR on a free port instead.`);
    return startDemoEhr({ port: 0 });
  }
}

async function patientName(ehr: DemoEhr, patientId: string): Promise<string> {
  const response = await fetch(`${ehr.url}/api/patients/${encodeURIComponent(patientId)}`);
  if (!response.ok)
    throw new DemoError(`the demo EHR has no patient "${patientId}" (see ${ehr.url}/api/patients)`);
  const record = (await response.json()) as { identity: { name: string } };
  return record.identity.name;
}

/** Opens a chart and waits for the sidebar to name the patient; the screenshot is optional. */
async function checkSidebar(page: Page, ehr: DemoEhr, options: DemoOptions): Promise<void> {
  const name = await patientName(ehr, options.patient);
  const chartUrl = `${ehr.url}/patients/${encodeURIComponent(options.patient)}`;
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(chartUrl, { timeout: options.timeoutMs });
  const sidebar = page.locator('careside-sidebar');
  const seconds = Math.round(options.timeoutMs / 1000);
  const started = Date.now();
  const remaining = () => Math.max(1_000, options.timeoutMs - (Date.now() - started));
  const explain = (what: string) =>
    new DemoError(
      `${what} on ${chartUrl} within ${seconds} s.${pageErrors.length > 0 ? `\nPage errors: ${pageErrors.join('; ')}` : ''}`,
    );
  try {
    await sidebar.waitFor({ state: 'attached', timeout: remaining() });
  } catch {
    throw explain('The Careside sidebar (<careside-sidebar>) did not appear');
  }
  try {
    // Locators pierce the sidebar's shadow root, open in the inspectable build.
    await sidebar
      .getByText(name, { exact: false })
      .first()
      .waitFor({ state: 'visible', timeout: remaining() });
  } catch {
    throw explain(`The sidebar appeared but never showed the patient's name "${name}"`);
  }
  console.log(`Sidebar shows ${name} on ${chartUrl}.`);
  if (options.screenshot) {
    mkdirSync(path.dirname(options.screenshot), { recursive: true });
    await page.screenshot({ path: options.screenshot });
    console.log(`Screenshot saved to ${options.screenshot}`);
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options.headless && !hasDisplay()) {
    console.error(
      'No display found (DISPLAY is not set), so Chromium cannot open a window.\n' +
        'Run the demo headless and save a screenshot instead:\n' +
        '  npm run demo -- --headless --screenshot demo.png',
    );
    return 2;
  }
  if (options.build) buildExtension();
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new DemoError(`no built extension in ${EXTENSION_DIR}; run without --skip-build`);
  }

  const ehr = await startEhr(options.port);
  let browser: LaunchedBrowser | null = null;
  try {
    console.log(`Demo EHR on ${ehr.url}/ (tabbed view ${ehr.url}/framed/)`);
    browser = await launchChromium({ headless: options.headless, extensionDir: EXTENSION_DIR });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    if (options.headless || options.screenshot) {
      await checkSidebar(page, ehr, options);
      return 0;
    }
    await page.goto(`${ehr.url}/`);
    console.log(
      'Chromium is open on the patient list with Careside loaded. Close the window to stop.',
    );
    await new Promise<void>((resolve) => browser?.context.on('close', () => resolve()));
    return 0;
  } finally {
    await browser?.close().catch(() => undefined);
    await ehr.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof DemoError ? message : `demo failed: ${message}`);
    process.exit(1);
  },
);
