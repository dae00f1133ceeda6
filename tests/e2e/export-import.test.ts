/**
 * Export and import in the options page (issue 18): what the file will hold is shown before it
 * is written, it is encrypted under the passphrase the user typed, each exported patient is
 * audit-logged, and an import decrypts, shows what the file holds, then imports on confirmation.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID } from './browser';
import { bannerText, type E2eSession, startSession } from './fixture';

const PASSPHRASE = 'river stone 19 lantern';

let session: E2eSession;
let options: Page;
let exportedFile: string;

beforeAll(async () => {
  session = await startSession();
  // One patient opened, so there is something to export.
  const patient = session.patients.find((p) => p.scenario === 'depression-improving');
  if (!patient) throw new Error('no demo patient');
  const chart = await session.browser.context.newPage();
  await chart.goto(`${session.ehr.url}${patient.path}`);
  const deadline = Date.now() + 15_000;
  while (!(await bannerText(chart)).includes(patient.name)) {
    if (Date.now() > deadline) throw new Error('the sidebar never showed the patient');
    await chart.waitForTimeout(200);
  }
  await chart.close();
  options = await session.browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
});
afterAll(async () => {
  await session?.close();
});

describe('export in the options page', () => {
  it('shows what the file will hold before anything is written', async () => {
    await options.getByRole('button', { name: 'Prepare an export…' }).click();
    await expect.poll(() => options.getByText('The export will hold:').count()).toBe(1);
    const section = options.locator('section[aria-labelledby="export-title"]');
    expect(await section.innerText()).toMatch(/Patients: [1-9]/);
  });

  it('refuses two passphrases that differ', async () => {
    await options.locator('#export-passphrase').fill(PASSPHRASE);
    await options.locator('#export-passphrase-again').fill(`${PASSPHRASE}!`);
    await options.getByRole('button', { name: 'Encrypt and save the export' }).click();
    await expect.poll(() => options.getByText('The two passphrases differ.').count()).toBe(1);
  });

  it('writes a file encrypted under the typed passphrase, and logs the export', async () => {
    await options.locator('#export-passphrase-again').fill(PASSPHRASE);
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Encrypt and save the export' }).click(),
    ]);
    const path = await download.path();
    exportedFile = readFileSync(path, 'utf8');
    const file = JSON.parse(exportedFile) as {
      kdf: { name: string; hash: string; iterations: number };
      cipher: { name: string };
    };
    expect(file.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
    expect(file.cipher.name).toBe('AES-GCM');
    const patient = session.patients.find((p) => p.scenario === 'depression-improving');
    expect(exportedFile).not.toContain(patient?.name ?? '');
    expect(exportedFile).not.toContain(patient?.mrn ?? '');
    await expect
      .poll(() =>
        options
          .locator('section[aria-labelledby="audit-title"] td', { hasText: 'exported' })
          .count(),
      )
      .toBeGreaterThan(0);
  });
});

describe('import in the options page', () => {
  const chooseFile = async () => {
    await options.getByLabel('Export file').setInputFiles({
      name: 'careside.careside',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(exportedFile),
    });
  };

  it('refuses a wrong passphrase', async () => {
    await chooseFile();
    await options.locator('#import-passphrase').fill('not the passphrase at all');
    await options.getByRole('button', { name: 'Decrypt and check' }).click();
    await expect
      .poll(() => options.getByText('Wrong passphrase, or the file was changed.').count(), {
        timeout: 15_000,
      })
      .toBe(1);
  });

  it('shows what the file holds, then imports it on confirmation', async () => {
    await options.locator('#import-passphrase').fill(PASSPHRASE);
    await options.getByRole('button', { name: 'Decrypt and check' }).click();
    await expect
      .poll(() => options.getByText('The file holds:').count(), { timeout: 15_000 })
      .toBe(1);
    await options.getByRole('button', { name: 'Import these records' }).click();
    await expect
      .poll(() => options.locator('section[aria-labelledby="import-title"]').innerText(), {
        timeout: 15_000,
      })
      .toMatch(/Imported the records of [1-9]\d* patients\./);
  });
});
