import { describe, expect, it } from 'vitest';
import { keyingIdentifier } from '../../../utils/clinical/identifiers';
import type { PatientIdentity } from '../../../utils/clinical/types';
import { generateStorageKeys } from '../../../utils/storage/crypto';
import { derivePatientKey } from '../../../utils/storage/patient-key';
import { freshStorage, IMOGEN, ORIGIN } from './helpers';

describe('patientKey', () => {
  it('is stable for the same origin and identifier, also after reopening storage', async () => {
    const { storage, name } = freshStorage();
    const first = await storage.patientKey(ORIGIN, IMOGEN);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await storage.patientKey(`${ORIGIN}/chart?id=7`, IMOGEN)).toBe(first);
    await storage.close();

    const { createStorage } = await import('../../../utils/storage');
    const reopened = createStorage({ name });
    expect(await reopened.patientKey(ORIGIN, IMOGEN)).toBe(first);
    await reopened.close();
  });

  it('separates the same MRN on two EHR origins', async () => {
    const { storage } = freshStorage();
    const here = await storage.patientKey('https://ehr.clinic.test', IMOGEN);
    const there = await storage.patientKey('https://other-ehr.clinic.test', IMOGEN);
    expect(here).not.toBe(there);
    await storage.close();
  });

  it('depends on the secret HMAC key, not only on the MRN', async () => {
    const a = await generateStorageKeys();
    const b = await generateStorageKeys();
    expect(await derivePatientKey(a.patientIdentity, ORIGIN, IMOGEN)).not.toBe(
      await derivePatientKey(b.patientIdentity, ORIGIN, IMOGEN),
    );
  });

  it('ignores the name, so a corrected spelling keeps the patient', async () => {
    const { storage } = freshStorage();
    const renamed: PatientIdentity = { ...IMOGEN, name: 'Imogen Quill-Feather' };
    expect(await storage.patientKey(ORIGIN, renamed)).toBe(
      await storage.patientKey(ORIGIN, IMOGEN),
    );
    await storage.close();
  });

  it('is null without an identifier, never keyed by name and birth date', async () => {
    const { storage } = freshStorage();
    expect(await storage.patientKey(ORIGIN, { ...IMOGEN, identifiers: [] })).toBeNull();
    expect(
      await storage.patientKey(ORIGIN, {
        ...IMOGEN,
        identifiers: [{ system: 'MRN', type: 'MR', value: '   ' }],
      }),
    ).toBeNull();
    await storage.close();
  });

  it('prefers the MRN whatever order the page lists identifiers in', () => {
    const mrn = { system: 'Chart #', type: null, value: '1234' };
    const insurance = { system: 'Insurance ID', type: null, value: 'ZX-9' };
    expect(keyingIdentifier({ ...IMOGEN, identifiers: [insurance, mrn] })).toBe(mrn);
    expect(keyingIdentifier({ ...IMOGEN, identifiers: [mrn, insurance] })).toBe(mrn);
  });

  it('refuses something that is not an origin', async () => {
    const { storage } = freshStorage();
    await expect(storage.patientKey('not a url', IMOGEN)).rejects.toThrow(/origin/);
    await storage.close();
  });

  it('refuses a raw MRN where a patient key is expected', async () => {
    const { storage } = freshStorage();
    await expect(storage.loadScores('QF-448812')).rejects.toThrow(/patient key/);
    await storage.close();
  });
});
