/**
 * Safety plans with a revision number. A save names the revision it was edited from and succeeds
 * only if that is still the stored revision (compare-and-set inside one readwrite transaction),
 * so an edit made in a second tab is never overwritten silently: the caller gets the current plan
 * back, shows a notice and merges.
 *
 * The plan's shape belongs to the clinical engine (`SafetyPlan` in utils/clinical/safety-plan.ts);
 * storage treats it as a JSON object and owns only its `revision`.
 */
import type { StorageContext } from './context';
import { open, recordAad, seal } from './crypto';
import { assertPatientKey } from './patient-key';
import { touchPatientInTransaction } from './patients';

export interface StoredSafetyPlan<P> {
  plan: P & { revision: number };
  revision: number;
}

export type SaveSafetyPlanOutcome<P> =
  | { ok: true; revision: number }
  | {
      ok: false;
      /** `current` is null when the plan was deleted (wiped) since it was loaded. */
      conflict: { current: (P & { revision: number }) | null; revision: number };
    };

const STORE = 'safetyPlans';

function planAad(patientKey: string, revision: number): Uint8Array<ArrayBuffer> {
  // The revision is authenticated too, so an older ciphertext replayed under a newer counter fails.
  return recordAad(STORE, patientKey, revision);
}

export async function loadSafetyPlan<P extends object>(
  ctx: StorageContext,
  patientKey: string,
): Promise<StoredSafetyPlan<P> | null> {
  assertPatientKey(patientKey);
  const db = await ctx.db();
  const record = await db.get(STORE, patientKey);
  if (!record) return null;
  const keys = await ctx.keys();
  const plan = await open<P & { revision: number }>(
    keys.records,
    planAad(patientKey, record.revision),
    record.sealed,
    { store: STORE, recordId: patientKey },
  );
  return { plan, revision: record.revision };
}

/**
 * Saves `plan` as the revision after `expectedRevision` (0 when creating). Resolves only after the
 * transaction has committed.
 */
export async function saveSafetyPlan<P extends object>(
  ctx: StorageContext,
  patientKey: string,
  plan: P,
  expectedRevision: number,
): Promise<SaveSafetyPlanOutcome<P>> {
  assertPatientKey(patientKey);
  if (!Number.isInteger(expectedRevision) || expectedRevision < 0) {
    throw new Error(
      `Safety plan not saved: revision ${expectedRevision} is not a whole number ≥ 0.`,
    );
  }
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) {
    throw new Error('Safety plan not saved: it is not an object.');
  }
  const revision = expectedRevision + 1;
  const keys = await ctx.keys();
  const sealed = await seal(keys.records, planAad(patientKey, revision), { ...plan, revision });

  const db = await ctx.db();
  const tx = db.transaction([STORE, 'patients'], 'readwrite');
  const plans = tx.objectStore(STORE);
  const current = await plans.get(patientKey);
  const currentRevision = current?.revision ?? 0;
  if (currentRevision !== expectedRevision) {
    await tx.done;
    const stored = current ? await loadSafetyPlan<P>(ctx, patientKey) : null;
    return {
      ok: false,
      conflict: { current: stored?.plan ?? null, revision: stored?.revision ?? 0 },
    };
  }
  await Promise.all([
    plans.put({ patientKey, revision, sealed }),
    touchPatientInTransaction(tx.objectStore('patients'), patientKey, ctx.now()),
    tx.done,
  ]);
  return { ok: true, revision };
}
