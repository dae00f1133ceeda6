/**
 * The one Careside database: its stores, its record shapes and every migration, in order.
 *
 * Only the background service worker opens it. Each store keeps patient data sealed (see
 * `crypto.ts`); in clear are only the hashed patient key, dates used for retention and ordering,
 * revision counters and closed vocabularies.
 *
 * Version history
 * - v1: keys, patients, scores (one sealed record per score entered in the sidebar, without a
 *   source), safetyPlans, dismissals, audit, settings.
 * - v2: scores from every source (page, FHIR, entered) so a trend survives when the chart shows
 *   only the latest value. Scores now carry their source, are sealed per patient per month (one
 *   decryption per month instead of per score) and are indexed by patient and month. v1 records are
 *   moved aside unchanged by the upgrade and converted by `migrateLegacyScores` right after open,
 *   because re-encryption is asynchronous WebCrypto work that cannot run inside the upgrade
 *   transaction (an IndexedDB transaction commits as soon as it waits on anything else).
 * - v3: the care team's record (issue #22). `outbox`: writes waiting for the clinic's FHIR server,
 *   sealed, with their attempt count and next attempt time in clear for the retry schedule.
 *   `recordSync`: per patient, the server's version of their safety plan (for `If-Match`), a
 *   conflict waiting for the clinician, and why the last write could not be made. Nothing existing
 *   changes, so the upgrade only creates the two stores.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import type { KeyPurpose, KeyRecord, Sealed } from './crypto';

export const DB_NAME = 'careside';

export interface PatientRecord {
  patientKey: string;
  /** Epoch ms of the last time the patient was opened or any of their data was written. */
  lastAccess: number;
  /** Sealed `StoredPatient`; null when data was written before the patient was ever opened. */
  sealed: Sealed | null;
}

export interface ScoreChunkRecord {
  /** `${patientKey}/${month}` — one record per patient per calendar month. */
  chunkId: string;
  patientKey: string;
  /** `YYYY-MM`, or `undated` for entries without a date. */
  month: string;
  /** Incremented on every write, for compare-and-set between concurrent writers. */
  revision: number;
  /**
   * 2: the revision is part of the AAD, so an older ciphertext copied over a newer record fails
   * to open. Absent on months last written before (their AAD is the chunk id alone); every write
   * seals with the revision.
   */
  aad?: 2;
  /** Sealed `ScoreEntry[]`. */
  sealed: Sealed;
}

/** A score as v1 stored it, moved into `scoresV1` by the v2 upgrade until it is converted. */
export interface LegacyScoreRecord {
  id: string;
  patientKey: string;
  date: string | null;
  /** Sealed `{ instrument, date, total, items }` with AAD `('scores', id)`. */
  sealed: Sealed;
}

export interface SafetyPlanRecord {
  patientKey: string;
  revision: number;
  sealed: Sealed;
}

export interface DismissalsRecord {
  patientKey: string;
  revision: number;
  /** Sealed `PromptDismissal[]`. */
  sealed: Sealed;
}

export interface AuditRecord {
  id?: number;
  type: string;
  /** Epoch ms. */
  at: number;
  patientKey: string | null;
  /** Sealed `{ ruleId, reason }`: a rule id says what a patient is treated for. */
  sealed: Sealed;
}

export interface OutboxRecord {
  /** Random id, also the conditional-create key of what it writes (a retry cannot write twice). */
  id: string;
  patientKey: string;
  /** Epoch ms: the order writes were made in, and the retry schedule. */
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Sealed `OutboxWrite`. */
  sealed: Sealed;
}

export interface RecordSyncRecord {
  patientKey: string;
  /** Sealed `RecordSyncState`. */
  sealed: Sealed;
}

export interface SettingsRecord {
  id: 'user';
  settings: Record<string, unknown>;
  updatedAt: string;
}

export interface CaresideDB extends DBSchema {
  keys: { key: KeyPurpose; value: KeyRecord };
  patients: { key: string; value: PatientRecord; indexes: { byLastAccess: number } };
  scores: {
    key: string;
    value: ScoreChunkRecord;
    indexes: { byPatientMonth: [string, string] };
  };
  scoresV1: { key: string; value: LegacyScoreRecord; indexes: { byPatient: string } };
  safetyPlans: { key: string; value: SafetyPlanRecord };
  dismissals: { key: string; value: DismissalsRecord };
  audit: {
    key: number;
    value: AuditRecord;
    indexes: { byTime: number; byPatient: string };
  };
  settings: { key: 'user'; value: SettingsRecord };
  outbox: {
    key: string;
    value: OutboxRecord;
    indexes: { byPatient: string; byNextAttempt: number };
  };
  recordSync: { key: string; value: RecordSyncRecord };
}

/** Stores that hold one patient's data, keyed or indexed by patient key. */
export const PATIENT_STORES = [
  'patients',
  'scores',
  'scoresV1',
  'safetyPlans',
  'dismissals',
  'outbox',
  'recordSync',
] as const;

type UpgradeDb = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;
type MigrationStep = (db: UpgradeDb, tx: UpgradeTx) => void | Promise<void>;

export interface Migration {
  version: number;
  /** What the version changed and why, for the person reading the history. */
  description: string;
  steps: MigrationStep[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'first release: sealed patient records, entered scores, safety plans, audit',
    steps: [
      (db) => {
        db.createObjectStore('keys', { keyPath: 'purpose' });
      },
      (db) => {
        const patients = db.createObjectStore('patients', { keyPath: 'patientKey' });
        patients.createIndex('byLastAccess', 'lastAccess');
      },
      (db) => {
        const scores = db.createObjectStore('scores', { keyPath: 'id' });
        scores.createIndex('byPatient', 'patientKey');
      },
      (db) => {
        db.createObjectStore('safetyPlans', { keyPath: 'patientKey' });
      },
      (db) => {
        db.createObjectStore('dismissals', { keyPath: 'patientKey' });
      },
      (db) => {
        const audit = db.createObjectStore('audit', { keyPath: 'id', autoIncrement: true });
        audit.createIndex('byTime', 'at');
        audit.createIndex('byPatient', 'patientKey');
      },
      (db) => {
        db.createObjectStore('settings', { keyPath: 'id' });
      },
    ],
  },
  {
    version: 2,
    description: 'scores from every source, with their source, sealed per patient per month',
    steps: [
      async (db, tx) => {
        const aside = db.createObjectStore('scoresV1', { keyPath: 'id' });
        aside.createIndex('byPatient', 'patientKey');
        const legacy = (await tx.objectStore('scores').getAll()) as LegacyScoreRecord[];
        await Promise.all(legacy.map((record) => tx.objectStore('scoresV1').put(record)));
        db.deleteObjectStore('scores');
      },
      (db) => {
        const scores = db.createObjectStore('scores', { keyPath: 'chunkId' });
        scores.createIndex('byPatientMonth', ['patientKey', 'month']);
      },
    ],
  },
  {
    version: 3,
    description: "the care team's record: an outbox of writes to the clinic's FHIR server",
    steps: [
      (db) => {
        const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
        outbox.createIndex('byPatient', 'patientKey');
        outbox.createIndex('byNextAttempt', 'nextAttemptAt');
      },
      (db) => {
        db.createObjectStore('recordSync', { keyPath: 'patientKey' });
      },
    ],
  },
];

export const DB_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 1;

export type CaresideDatabase = IDBPDatabase<CaresideDB>;
export type PatientStoreName = (typeof PATIENT_STORES)[number];

export interface OpenOptions {
  /** Called when another context needs a newer version; the connection must close. */
  onBlocking?: () => void;
}

/**
 * Opens (creating or upgrading) the database. A failed migration aborts the whole upgrade, so
 * the database stays at its old version with its old data, and the error names what failed.
 */
export async function openCaresideDb(
  name: string = DB_NAME,
  options: OpenOptions = {},
): Promise<CaresideDatabase> {
  let migrationFailure: unknown = null;
  try {
    return await openDB<CaresideDB>(name, DB_VERSION, {
      upgrade(db, oldVersion, newVersion, tx) {
        const target = newVersion ?? DB_VERSION;
        const pending = MIGRATIONS.filter((m) => m.version > oldVersion && m.version <= target);
        const run = async () => {
          for (const migration of pending) {
            for (const step of migration.steps) {
              await step(db as unknown as UpgradeDb, tx as unknown as UpgradeTx);
            }
          }
        };
        run().catch((error: unknown) => {
          migrationFailure = error;
          tx.abort();
        });
      },
      blocking() {
        options.onBlocking?.();
      },
    });
  } catch (error) {
    if (migrationFailure) {
      throw new Error(
        `Careside storage migration failed; nothing was changed: ${describe(migrationFailure)}`,
        {
          cause: migrationFailure,
        },
      );
    }
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new Error(
        'The Careside database was written by a newer version of Careside; update the extension.',
        { cause: error },
      );
    }
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `YYYY-MM` of an ISO date, or `undated`, the month chunk a score is sealed in. */
export function scoreMonth(date: string | null): string {
  return date !== null && /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : 'undated';
}

export function scoreChunkId(patientKey: string, month: string): string {
  return `${patientKey}/${month}`;
}
