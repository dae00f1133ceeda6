/**
 * Careside storage for the background service worker: the only module that opens IndexedDB.
 * The content script, sidebar and popup never import it; they ask the background through the
 * message protocol.
 *
 * `createStorage()` opens the database lazily on first use, converts data left by older versions,
 * and reopens after another context closed the connection for an upgrade.
 */
import type { PatientIdentity, ScoreEntry } from '../clinical/types';
import { type AuditEntry, type AuditInput, audit, readAudit } from './audit';
import { loadOrCreateKeys, type StorageContext } from './context';
import type { StorageKeys } from './crypto';
import { dismissPrompt, loadDismissals, type PromptDismissal } from './dismissals';
import {
  exportAll,
  exportPatient,
  type FhirBundle,
  type ImportReport,
  importPatient,
  patientKeyOfBundle,
} from './export';
import {
  enqueue,
  loadOutbox,
  loadRecordSync,
  makeAllDue,
  type OutboxItem,
  outboxCount,
  postpone,
  removeFromOutbox,
  saveRecordSync,
} from './outbox';
import { derivePatientKey } from './patient-key';
import { loadPatient, type PatientSummary, rememberPatient, touchPatient } from './patients';
import { type PurgeReport, purgeExpired, wipeAll, wipePatient } from './retention';
import {
  loadSafetyPlan,
  type SaveSafetyPlanOutcome,
  type StoredSafetyPlan,
  saveSafetyPlan,
} from './safety-plans';
import { type CaresideDatabase, DB_NAME, openCaresideDb } from './schema';
import {
  type AddScoresResult,
  addScores,
  loadScores,
  migrateLegacyScores,
  type ScoreLoad,
  type UnreadableRecord,
} from './scores';
import { loadSettings, saveSettings } from './settings';

export type { AuditEntry, AuditInput, AuditType } from './audit';
export { AUDIT_TYPES } from './audit';
export { UnreadableRecordError } from './crypto';
export type { OverrideReasonCode, PromptDismissal } from './dismissals';
export { DISMISSAL_REASONS } from './dismissals';
export type { FhirBundle, ImportReport } from './export';
export type { OutboxItem } from './outbox';
export { retryDelayMs } from './outbox';
export type { PatientSummary, StoredPatient } from './patients';
export type { PurgeReport } from './retention';
export type { SaveSafetyPlanOutcome, StoredSafetyPlan } from './safety-plans';
export { DB_NAME, DB_VERSION } from './schema';
export type { AddScoresResult, ScoreLoad, UnreadableRecord } from './scores';

export interface CaresideStorage {
  /** Keyed hash of origin + identifier; null when the identity has no usable identifier. */
  patientKey(origin: string, identity: PatientIdentity): Promise<string | null>;
  /** The chart is showing this patient: store who they are and refresh their retention clock. */
  rememberPatient(key: string, origin: string, identity: PatientIdentity): Promise<void>;
  touchPatient(key: string): Promise<void>;
  loadPatient(key: string): Promise<PatientSummary | null>;
  addScores(key: string, entries: readonly ScoreEntry[]): Promise<AddScoresResult>;
  loadScores(key: string): Promise<ScoreLoad>;
  loadSafetyPlan<P extends object>(key: string): Promise<StoredSafetyPlan<P> | null>;
  saveSafetyPlan<P extends object>(
    key: string,
    plan: P,
    expectedRevision: number,
  ): Promise<SaveSafetyPlanOutcome<P>>;
  dismissPrompt(key: string, dismissal: PromptDismissal): Promise<void>;
  /** Dismissals still in force now (ended snoozes left out). */
  loadDismissals(key: string): Promise<PromptDismissal[]>;
  audit(entry: AuditInput): Promise<void>;
  readAudit(options?: { limit?: number; patientKey?: string }): Promise<AuditEntry[]>;
  loadSettings(): Promise<Record<string, unknown>>;
  saveSettings(settings: Record<string, unknown>): Promise<void>;
  purgeExpired(now: Date, retentionDays: number): Promise<PurgeReport>;
  /** Removes the patient's data and audit entries, then logs the wipe (hashed key only). */
  wipePatient(key: string): Promise<void>;
  /** Removes everything, keys included. */
  wipeAll(): Promise<void>;
  /** FHIR R4 Bundle of the patient's stored data; logs an `exported` audit entry. */
  exportPatient(key: string): Promise<FhirBundle>;
  /** One Bundle per stored patient (the options page's "export my data"); audited per patient. */
  exportAll(options?: { audited?: boolean }): Promise<FhirBundle[]>;
  /** Validates, refuses a bundle for another patient, then merges into this patient's data. */
  importPatient(key: string, bundle: unknown): Promise<ImportReport>;
  /**
   * Merges one bundle of an export file into the patient its Patient names (the key recomputed
   * here); like `importPatient`, it never overwrites a newer safety plan.
   */
  importBundle(bundle: unknown): Promise<ImportReport>;
  /** Records that older data could not be converted on open (reported, kept in storage). */
  problems(): Promise<UnreadableRecord[]>;
  /**
   * Counts every write that changes what a patient's view loads (scores, safety plans,
   * dismissals, imports, purges, wipes) once when it begins and once when it has committed. A
   * read begun and used while the count stayed the same saw the data as it is: no write was
   * under way, and none came in between (the background's read-ahead, background/patients.ts).
   */
  writeCount(): number;
  /** The care team's record (issue #22): writes waiting for the clinic's FHIR server. */
  enqueue<W extends object>(key: string, id: string, write: W): Promise<void>;
  loadOutbox<W>(options?: { patientKey?: string; dueBy?: number }): Promise<OutboxItem<W>[]>;
  outboxCount(key?: string): Promise<number>;
  removeFromOutbox(id: string): Promise<void>;
  /** Schedules the next attempt; returns its time, or null when the write is gone. */
  postpone(id: string): Promise<number | null>;
  makeAllDue(): Promise<void>;
  loadRecordSync<S>(key: string): Promise<S | null>;
  saveRecordSync<S extends object>(key: string, state: S): Promise<void>;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** Database name; tests use one per test. */
  name?: string;
  /** The storage clock (last access, audit times); tests pass a fixed one. */
  now?: () => Date;
}

export function createStorage(options: StorageOptions = {}): CaresideStorage {
  const name = options.name ?? DB_NAME;
  const now = options.now ?? (() => new Date());
  let connection: Promise<CaresideDatabase> | null = null;
  let keys: Promise<StorageKeys> | null = null;
  let ready: Promise<UnreadableRecord[]> | null = null;

  const rawContext: StorageContext = {
    db() {
      if (!connection) {
        const opening = openCaresideDb(name, {
          onBlocking: () => {
            // Another context needs a newer schema: let it upgrade, reopen on next use.
            void opening.then((db) => db.close());
            connection = null;
            ready = null;
          },
        });
        connection = opening;
        opening.catch(() => {
          if (connection === opening) connection = null;
        });
      }
      return connection;
    },
    keys() {
      if (!keys) {
        const loading = rawContext.db().then((db) => loadOrCreateKeys(db, now()));
        keys = loading;
        loading.catch(() => {
          if (keys === loading) keys = null;
        });
      }
      return keys;
    },
    now,
  };

  /** Every operation waits until data from older versions has been converted. */
  function prepared(): Promise<UnreadableRecord[]> {
    if (!ready) {
      const converting = migrateLegacyScores(rawContext);
      ready = converting;
      converting.catch(() => {
        if (ready === converting) ready = null;
      });
    }
    return ready;
  }
  const ctx: StorageContext = {
    db: () => prepared().then(() => rawContext.db()),
    keys: () => prepared().then(() => rawContext.keys()),
    now,
  };

  let writes = 0;
  const counted = async <R>(write: () => Promise<R>): Promise<R> => {
    writes += 1;
    try {
      return await write();
    } finally {
      writes += 1;
    }
  };

  return {
    patientKey: async (origin, identity) =>
      derivePatientKey((await ctx.keys()).patientIdentity, origin, identity),
    rememberPatient: (key, origin, identity) => rememberPatient(ctx, key, origin, identity),
    touchPatient: (key) => touchPatient(ctx, key),
    loadPatient: (key) => loadPatient(ctx, key),
    addScores: (key, entries) => counted(() => addScores(ctx, key, entries)),
    loadScores: (key) => loadScores(ctx, key),
    loadSafetyPlan: (key) => loadSafetyPlan(ctx, key),
    saveSafetyPlan: (key, plan, expectedRevision) =>
      counted(() => saveSafetyPlan(ctx, key, plan, expectedRevision)),
    dismissPrompt: (key, dismissal) => counted(() => dismissPrompt(ctx, key, dismissal)),
    loadDismissals: (key) => loadDismissals(ctx, key),
    audit: (entry) => audit(ctx, entry),
    readAudit: (auditOptions) => readAudit(ctx, auditOptions),
    loadSettings: () => loadSettings(ctx),
    saveSettings: (settings) => saveSettings(ctx, settings),
    purgeExpired: (at, retentionDays) => counted(() => purgeExpired(ctx, at, retentionDays)),
    wipePatient: async (key) => {
      await counted(() => wipePatient(ctx, key));
      await audit(ctx, { type: 'wiped', patientKey: key });
    },
    wipeAll: async () => {
      await counted(() => wipeAll(ctx));
      keys = null;
    },
    exportPatient: async (key) => {
      const bundle = await exportPatient(ctx, key);
      await audit(ctx, { type: 'exported', patientKey: key });
      return bundle;
    },
    // A preview (`audited: false`) only counts what an export would hold; nothing leaves.
    exportAll: async ({ audited = true } = {}) => {
      const exported = await exportAll(ctx);
      if (!audited) return exported.map(({ bundle }) => bundle);
      for (const { patientKey } of exported) {
        await audit(ctx, { type: 'exported', patientKey });
      }
      return exported.map(({ bundle }) => bundle);
    },
    importPatient: (key, bundle) => counted(() => importPatient(ctx, key, bundle)),
    importBundle: async (bundle) => {
      const key = await patientKeyOfBundle(ctx, bundle);
      return counted(() => importPatient(ctx, key, bundle));
    },
    problems: () => prepared(),
    writeCount: () => writes,
    enqueue: (key, id, write) => enqueue(ctx, key, id, write),
    loadOutbox: (outboxOptions) => loadOutbox(ctx, outboxOptions),
    outboxCount: (key) => outboxCount(ctx, key),
    removeFromOutbox: (id) => removeFromOutbox(ctx, id),
    postpone: (id) => postpone(ctx, id),
    makeAllDue: () => makeAllDue(ctx),
    loadRecordSync: (key) => loadRecordSync(ctx, key),
    saveRecordSync: (key, state) => saveRecordSync(ctx, key, state),
    close: async () => {
      const open = connection;
      connection = null;
      keys = null;
      ready = null;
      if (open) (await open).close();
    },
  };
}
