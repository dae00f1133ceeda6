/**
 * The audit log: what Careside showed and what a clinician dismissed, snoozed, entered, edited,
 * exported or wiped. Every field is a closed vocabulary, a hashed patient key, a rule id or a
 * timestamp, and each is checked on the way in, so a name, an MRN or chart text cannot enter the
 * log even by mistake. Rule id and reason are sealed as well: together with a patient key they
 * say what the patient is treated for.
 */
import type { StorageContext } from './context';
import { open, recordAad, seal, UnreadableRecordError } from './crypto';
import { isOverrideReason, type OverrideReasonCode, RULE_ID_PATTERN } from './dismissals';
import { assertPatientKey } from './patient-key';
import type { AuditRecord } from './schema';

export const AUDIT_TYPES = [
  'shown',
  'dismissed',
  'snoozed',
  'score-entered',
  'safety-plan-edited',
  'exported',
  'wiped',
  /** A card from the clinic's CDS service dismissed with a reason; `ruleId` is the service id. */
  'cds-dismissed',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

export interface AuditInput {
  type: AuditType;
  /** Hashed patient key; null for events about no single patient (a full wipe). */
  patientKey: string | null;
  ruleId?: string | null;
  reason?: OverrideReasonCode | null;
  /** Defaults to the storage clock. */
  at?: Date;
}

export interface AuditEntry {
  id: number;
  type: AuditType;
  /** ISO timestamp (plain data, ready for the message protocol). */
  at: string;
  patientKey: string | null;
  ruleId: string | null;
  reason: OverrideReasonCode | null;
  /** True when the sealed part failed authentication; `ruleId` and `reason` are then null. */
  unreadable: boolean;
}

interface AuditDetail {
  ruleId: string | null;
  reason: OverrideReasonCode | null;
}

const STORE = 'audit';

function auditAad(type: string, at: number, patientKey: string | null): Uint8Array<ArrayBuffer> {
  return recordAad(STORE, type, at, patientKey ?? '');
}

function isAuditType(value: unknown): value is AuditType {
  return typeof value === 'string' && (AUDIT_TYPES as readonly string[]).includes(value);
}

export function assertAuditInput(entry: AuditInput): void {
  if (!isAuditType(entry.type)) {
    throw new Error(`Audit entry refused: "${String(entry.type)}" is not an audit event type.`);
  }
  if (entry.patientKey !== null) assertPatientKey(entry.patientKey);
  if (entry.ruleId != null && !RULE_ID_PATTERN.test(entry.ruleId)) {
    throw new Error(
      'Audit entry refused: the rule id is not a rule id (free text never enters the log).',
    );
  }
  if (entry.reason != null && !isOverrideReason(entry.reason)) {
    throw new Error(
      `Audit entry refused: "${String(entry.reason)}" is not an override reason code.`,
    );
  }
  if (entry.at !== undefined && Number.isNaN(entry.at.getTime())) {
    throw new Error('Audit entry refused: its time is not a valid date.');
  }
}

export async function audit(ctx: StorageContext, entry: AuditInput): Promise<void> {
  assertAuditInput(entry);
  const at = (entry.at ?? ctx.now()).getTime();
  const detail: AuditDetail = { ruleId: entry.ruleId ?? null, reason: entry.reason ?? null };
  const keys = await ctx.keys();
  const sealed = await seal(keys.records, auditAad(entry.type, at, entry.patientKey), detail);
  const db = await ctx.db();
  const tx = db.transaction(STORE, 'readwrite');
  await Promise.all([
    tx.store.add({ type: entry.type, at, patientKey: entry.patientKey, sealed }),
    tx.done,
  ]);
}

/** Newest first. */
export async function readAudit(
  ctx: StorageContext,
  options: { limit?: number; patientKey?: string } = {},
): Promise<AuditEntry[]> {
  const limit = options.limit ?? 200;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(`Audit limit must be a whole number ≥ 1, not ${limit}.`);
  }
  if (options.patientKey !== undefined) assertPatientKey(options.patientKey);
  const db = await ctx.db();
  const tx = db.transaction(STORE, 'readonly');
  const records: AuditRecord[] = [];
  let cursor = await tx.store.index('byTime').openCursor(null, 'prev');
  while (cursor && records.length < limit) {
    if (options.patientKey === undefined || cursor.value.patientKey === options.patientKey) {
      records.push(cursor.value);
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  const keys = await ctx.keys();
  return Promise.all(records.map((record) => openEntry(keys.records, record)));
}

async function openEntry(key: CryptoKey, record: AuditRecord): Promise<AuditEntry> {
  const base = {
    id: record.id ?? 0,
    type: record.type as AuditType,
    at: new Date(record.at).toISOString(),
    patientKey: record.patientKey,
  };
  try {
    const detail = await open<AuditDetail>(
      key,
      auditAad(record.type, record.at, record.patientKey),
      record.sealed,
      { store: STORE, recordId: String(record.id) },
    );
    return { ...base, ruleId: detail.ruleId, reason: detail.reason, unreadable: false };
  } catch (error) {
    if (!(error instanceof UnreadableRecordError)) throw error;
    return { ...base, ruleId: null, reason: null, unreadable: true };
  }
}
