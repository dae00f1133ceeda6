/**
 * The export file (issue 18): encrypted under the passphrase the user typed, PBKDF2-SHA-256 with
 * at least 600,000 iterations and AES-GCM; an import decrypts, validates and never overwrites a
 * newer safety plan silently.
 */
import { describe, expect, it } from 'vitest';
import {
  decryptExport,
  ExportFileError,
  encryptExport,
  PBKDF2_ITERATIONS,
  summarize,
} from '../../../utils/storage/export-file';
import { freshStorage, IMOGEN, patientKeyOf, score } from './helpers';

const PASSPHRASE = 'lantern orchard 42 violet';

describe('the export file', () => {
  it('derives its key with PBKDF2-SHA-256, at least 600,000 iterations, for AES-GCM', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const file = JSON.parse(await encryptExport([], PASSPHRASE));
    expect(file.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
    expect(file.cipher.name).toBe('AES-GCM');
  });

  it('holds nothing of the patient in clear, and opens with the passphrase', async () => {
    const { storage } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    await storage.addScores(key, [score('PHQ-9', '2025-05-01', 14)]);
    const bundles = await storage.exportAll();
    const text = await encryptExport(bundles, PASSPHRASE);
    expect(text).not.toContain('Imogen');
    expect(text).not.toContain('PHQ-9');
    expect(await decryptExport(text, PASSPHRASE)).toEqual(JSON.parse(JSON.stringify(bundles)));
    expect(summarize(bundles)).toEqual({ patients: 1, scores: 1, safetyPlans: 0, dismissals: 0 });
    await storage.close();
  });

  it('does not open with another passphrase', async () => {
    const text = await encryptExport([], PASSPHRASE);
    await expect(decryptExport(text, 'another passphrase entirely')).rejects.toThrow(
      'exportErrorWrongPassphrase',
    );
  });

  it('refuses a passphrase shorter than 12 characters', async () => {
    await expect(encryptExport([], 'short')).rejects.toThrow(ExportFileError);
  });

  it('refuses a file whose header was edited to fewer iterations', async () => {
    const file = JSON.parse(await encryptExport([], PASSPHRASE));
    file.kdf.iterations = 1_000;
    await expect(decryptExport(JSON.stringify(file), PASSPHRASE)).rejects.toThrow(
      'exportErrorUnsafeKdf',
    );
  });

  it('refuses a header edited to other iterations that are still allowed (header in the AAD)', async () => {
    const file = JSON.parse(await encryptExport([], PASSPHRASE));
    file.kdf.iterations = 600_001;
    await expect(decryptExport(JSON.stringify(file), PASSPHRASE)).rejects.toThrow(
      'exportErrorWrongPassphrase',
    );
  });

  it('refuses what is not an export file', async () => {
    await expect(decryptExport('{"resourceType":"Bundle"}', PASSPHRASE)).rejects.toThrow(
      'exportErrorNotAFile',
    );
  });
});

describe('importing an export file', () => {
  it('adds what is missing and keeps a stored safety plan newer than the file’s', async () => {
    const { storage } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    await storage.rememberPatient(key, 'https://ehr.clinic.test', IMOGEN);
    await storage.saveSafetyPlan(key, { updatedAt: '2025-05-01T00:00:00Z', note: 'old' }, 0);
    await storage.addScores(key, [score('PHQ-9', '2025-05-01', 14)]);
    const [bundle] = await storage.exportAll();
    // Meanwhile, on this workstation, the plan was edited again.
    await storage.saveSafetyPlan(key, { updatedAt: '2025-06-01T00:00:00Z', note: 'newer' }, 1);

    const report = await storage.importBundle(bundle);
    expect(report.safetyPlan).toBe('kept-existing');
    expect((await storage.loadSafetyPlan<{ note: string }>(key))?.plan.note).toBe('newer');
    await storage.close();
  });
});
