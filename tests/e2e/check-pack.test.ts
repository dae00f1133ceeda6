/**
 * "Check a pack" on the options page (issue 21, item 3), in real Chromium: a pack written by hand
 * for a gallery EHR Careside is not enabled on is pasted, checked on the chart page, and the
 * report shows what the page shows, field by field; a pack with one wrong selector names that
 * selector as finding nothing; on a legacy framed EHR the report names the frame each list came
 * from and why a list whose `frame` the page lacks is not applied; text that is not JSON is
 * refused in plain words and cannot be checked.
 *
 * The browser's permission prompt cannot be clicked in automation. As `inspect` does for the sites
 * it reads (scripts/lib/enable-origin.ts), the test loads a copy of the build whose manifest
 * already grants the gallery's loopback origin — host access only, no content script added — so
 * `permissions.request` from the Check button resolves at once, as after the user said yes.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gallery, startGallery } from '../gallery/server';
import type { PatientTruth } from '../gallery/types';
import { EXTENSION_DIR, EXTENSION_ID, type LaunchedBrowser, launchChromium } from './browser';

const OPTIONS_URL = `chrome-extension://${EXTENSION_ID}/options.html`;

let gallery: Gallery;
let browser: LaunchedBrowser;
let extensionCopy: string;
let options: Page;
let chartUrl: string;
let truth: PatientTruth;
let framedUrl: string;
let framedTruth: PatientTruth;

/** The build with host access to the loopback origin granted, as if the user had allowed it. */
function buildWithHostAccess(pattern: string): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'careside-check-pack-'));
  cpSync(EXTENSION_DIR, directory, { recursive: true });
  const manifestPath = path.join(directory, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    host_permissions?: string[];
  };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), pattern];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return directory;
}

/** A pack for the Summit gallery page (others-names), written from its markup. */
function summitPack(origin: string, change: (pack: Record<string, unknown>) => void = () => {}) {
  const pane = (index: number) => `#wrap > div:nth-child(2) > .pane:nth-child(${index})`;
  const pack: Record<string, unknown> = {
    format: 1,
    id: 'summit-check',
    name: 'Summit PowerChart',
    matches: [`${origin}/powerchart/*`],
    detect: '#banner-bar',
    identity: {
      name: { selector: '#banner-bar .pt-name' },
      birthDate: { selector: '#banner-bar > div:nth-child(2)', pattern: 'DOB:\\s*(.+)' },
      identifiers: [
        {
          system: 'MRN',
          type: 'MR',
          selector: '#banner-bar > div:nth-child(6)',
          pattern: 'MRN:\\s*(\\S+)',
        },
      ],
    },
    identityElement: '#banner-bar',
    problems: { item: `${pane(1)} tr:has(td)`, text: 'td:nth-child(1)', code: 'td:nth-child(2)' },
    medications: { item: `${pane(2)} tr:has(td)`, text: 'td:nth-child(1)' },
    scores: [
      {
        row: `${pane(3)} tr:has(td)`,
        instrumentFrom: 'td:nth-child(1)',
        value: 'td:nth-child(2)',
        date: 'td:nth-child(3)',
      },
    ],
  };
  change(pack);
  return JSON.stringify(pack, null, 2);
}

async function paste(text: string): Promise<void> {
  await options.getByTestId('check-pack-json').fill(text);
}

async function checkOn(url: string): Promise<void> {
  await options.getByTestId('check-pack-tab').selectOption('address');
  await options.getByTestId('check-pack-url').fill(url);
  await options.getByTestId('check-pack-run').click();
  await options.getByTestId('check-pack-report').waitFor({ state: 'visible', timeout: 30_000 });
}

const identityValue = (field: string) =>
  options
    .getByTestId(`check-pack-identity-${field}`)
    .getByTestId('check-pack-value')
    .getAttribute('data-value');

const listEntries = (path: string) =>
  options.getByTestId(`check-pack-list-${path}`).getByTestId('check-pack-entry').allTextContents();

const foundNothing = () =>
  options
    .getByTestId('check-pack-found-nothing')
    .locator('li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-path')))
    .catch(() => [] as (string | null)[]);

beforeAll(async () => {
  gallery = await startGallery({ pages: ['others-names', 'frameset-mrn'], lagMs: [0, 0] });
  const firstOf = (id: string) => {
    const page = gallery.pages.find((candidate) => candidate.id === id);
    const first = page?.truth.patients[0];
    if (!page || !first) throw new Error(`the gallery has no ${id} page`);
    return { url: `${page.url}${first.entry}`, truth: first };
  };
  ({ url: chartUrl, truth } = firstOf('others-names'));
  ({ url: framedUrl, truth: framedTruth } = firstOf('frameset-mrn'));
  // Every gallery EHR is on the loopback address, each on its own port: one grant covers them.
  extensionCopy = buildWithHostAccess('http://127.0.0.1/*');
  browser = await launchChromium({ extensionDir: extensionCopy });
  options = await browser.context.newPage();
  await options.goto(OPTIONS_URL);
  await options.getByTestId('check-pack-open').click();
});

afterAll(async () => {
  await browser?.close();
  await gallery?.close();
  if (extensionCopy) rmSync(extensionCopy, { recursive: true, force: true });
});

describe('Check a pack on the options page', () => {
  it('shows, field by field, what a valid pack reads on the chart page, and where', async () => {
    const origin = new URL(chartUrl).origin;
    await paste(summitPack(origin));
    await expect(options.getByTestId('check-pack-valid').textContent()).resolves.toContain(
      'summit-check',
    );
    await checkOn(chartUrl);

    await expect.poll(() => identityValue('name'), { timeout: 15_000 }).toBe(truth.header);
    await expect.poll(() => identityValue('birthDate')).toBe(truth.birthDate);
    await expect.poll(() => identityValue('mrn')).toBe(truth.mrn);

    await expect
      .poll(() => listEntries('medications'))
      .toEqual(truth.medications.map((medication) => medication.text));
    const problems = await listEntries('problems');
    expect(problems[0]).toContain(truth.conditions[0]?.text);
    expect(problems[0]).toContain(truth.conditions[0]?.code);
    const scores = await listEntries('scores[0]');
    expect(scores.length).toBe(Math.min(3, truth.scores.length));
    // The table's order, not the truth's: each entry is one of the patient's scores.
    for (const entry of scores) {
      expect(
        truth.scores.some((score) => entry.startsWith(`${score.instrument} · ${score.score} · `)),
        entry,
      ).toBe(true);
    }
    expect(await options.getByTestId('check-pack-list-scores[0]').textContent()).toContain(
      `${truth.scores.length} `,
    );
    await expect(options.getByTestId('check-pack-all-found').isVisible()).resolves.toBe(true);
    await expect(options.getByTestId('check-pack-not-applied').count()).resolves.toBe(0);

    // Nothing of the check is stored: no patient's name in the extension's storage.
    const stored = await options.evaluate(async () => {
      type Area = { get(keys: null): Promise<Record<string, unknown>> };
      const api = (globalThis as unknown as { chrome: { storage: Record<string, Area> } }).chrome;
      const local = await api.storage.local?.get(null);
      const session = await api.storage.session?.get(null);
      return JSON.stringify([local, session]);
    });
    expect(stored).not.toContain(truth.header);
  });

  it('lists a wrong selector as one that found nothing', async () => {
    const origin = new URL(chartUrl).origin;
    await paste(
      summitPack(origin, (pack) => {
        (pack.medications as Record<string, unknown>).text = 'td.no-such-cell';
      }),
    );
    await checkOn(chartUrl);
    await expect.poll(foundNothing, { timeout: 15_000 }).toEqual(['medications.text']);
    // The rest of the pack still reads.
    await expect.poll(() => identityValue('name')).toBe(truth.header);
  });

  it('names the frame each list came from, and a list whose frame the page does not have', async () => {
    const origin = new URL(framedUrl).origin;
    const pack = {
      format: 1,
      id: 'chartvue-check',
      name: 'ChartVue',
      matches: [`${origin}/*`],
      detect: '#banner',
      identity: {
        name: { selector: '#banner .ptname' },
        birthDate: { selector: '#banner span:nth-of-type(2)', pattern: 'DOB:\\s*(.+)' },
        identifiers: [
          {
            system: 'MRN',
            type: 'MR',
            selector: '#banner span:nth-of-type(5)',
            pattern: 'MRN:\\s*(\\S+)',
          },
        ],
      },
      identityElement: '#banner',
      medications: {
        frame: { name: ['fraSummary', 'fraMeds'] },
        item: 'tr:has(td)',
        text: 'td:nth-child(1)',
      },
      problems: {
        frame: { name: ['fraSummary'] },
        item: 'table:nth-of-type(1) tr:has(td)',
        text: 'td:nth-child(2)',
        code: 'td:nth-child(1)',
      },
      // The results are in no frame of this name on the page.
      scores: [
        {
          frame: { name: ['fraResults'] },
          row: 'table tr:has(td)',
          instrumentFrom: 'td:nth-child(2)',
          value: 'td:nth-child(3)',
        },
      ],
    };
    await paste(JSON.stringify(pack));
    await checkOn(framedUrl);
    await expect.poll(() => identityValue('mrn'), { timeout: 15_000 }).toBe(framedTruth.mrn);
    await expect
      .poll(() => listEntries('medications'), { timeout: 15_000 })
      .toEqual(framedTruth.medications.map((medication) => medication.text));
    const from = (path: string) =>
      options.getByTestId(`check-pack-list-${path}`).getByTestId('check-pack-from').textContent();
    await expect(from('medications')).resolves.toContain('fraSummary › fraMeds');
    await expect.poll(() => from('problems')).toContain('fraSummary');
    await expect(
      options.getByTestId('check-pack-identity-name').getByTestId('check-pack-from').textContent(),
    ).resolves.toBe('the page itself');
    const reasons = await options.getByTestId('check-pack-not-applied').textContent();
    expect(reasons).toContain('scores[0]: not applied because its frame');
  });

  it('refuses text that is not JSON in plain words, and checks nothing', async () => {
    await options.getByTestId('check-pack-stop').click();
    await paste('{ "format": 1, "id": ');
    const errors = await options.getByTestId('check-pack-errors').textContent();
    expect(errors).toMatch(/selectorPack.*JSON/);
    await expect(options.getByTestId('check-pack-run').isDisabled()).resolves.toBe(true);
    await expect(options.getByTestId('check-pack-report').count()).resolves.toBe(0);
  });
});
