/**
 * Prompts a clinician dismissed or snoozed for a patient, with the CDS Hooks override reason.
 * A dismissal holds for the facts it was made on (`factsKey`): when the evidence changes, the
 * card returns. A snooze holds until `until`.
 *
 * One sealed list per patient, updated by compare-and-set on `revision`: rule ids say what a
 * patient is treated for, so they stay inside the ciphertext.
 */
import { OVERRIDE_REASONS } from '../clinical/override-reasons';
import type { StorageContext } from './context';
import { open, recordAad, seal } from './crypto';
import { assertPatientKey } from './patient-key';
import { touchPatientInTransaction } from './patients';

/** The override reasons Careside offers, plus `snooze` for "not now". */
export const DISMISSAL_REASONS = [...OVERRIDE_REASONS, 'snooze'] as const;
export type OverrideReasonCode = (typeof DISMISSAL_REASONS)[number];

export interface PromptDismissal {
  ruleId: string;
  factsKey: string;
  reason: OverrideReasonCode;
  /** ISO timestamp after which the card shows again; null = for as long as the facts hold. */
  until: string | null;
  /** ISO timestamp of the dismissal. */
  at: string;
}

const STORE = 'dismissals';
const MAX_ATTEMPTS = 8;
/** Rule ids come from rule data: lower-case words, digits, dots and dashes, never chart text. */
export const RULE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export function isOverrideReason(value: unknown): value is OverrideReasonCode {
  return typeof value === 'string' && (DISMISSAL_REASONS as readonly string[]).includes(value);
}

export function assertDismissal(dismissal: PromptDismissal): void {
  if (!RULE_ID_PATTERN.test(dismissal.ruleId)) {
    throw new Error(`Dismissal not stored: "${dismissal.ruleId}" is not a rule id.`);
  }
  if (typeof dismissal.factsKey !== 'string' || dismissal.factsKey === '') {
    throw new Error('Dismissal not stored: it has no facts key.');
  }
  if (!isOverrideReason(dismissal.reason)) {
    throw new Error(
      `Dismissal not stored: "${String(dismissal.reason)}" is not an override reason.`,
    );
  }
  for (const [field, value] of [
    ['until', dismissal.until],
    ['at', dismissal.at],
  ] as const) {
    if (value !== null && Number.isNaN(Date.parse(value))) {
      throw new Error(`Dismissal not stored: ${field} "${value}" is not a timestamp.`);
    }
  }
  if (dismissal.reason === 'snooze' && dismissal.until === null) {
    throw new Error('Dismissal not stored: a snooze needs an end (until).');
  }
}

function isActive(dismissal: PromptDismissal, now: Date): boolean {
  return dismissal.until === null || Date.parse(dismissal.until) > now.getTime();
}

async function readList(
  ctx: StorageContext,
  patientKey: string,
): Promise<{ list: PromptDismissal[]; revision: number | null }> {
  const db = await ctx.db();
  const record = await db.get(STORE, patientKey);
  if (!record) return { list: [], revision: null };
  const keys = await ctx.keys();
  const list = await open<PromptDismissal[]>(
    keys.records,
    recordAad(STORE, patientKey, record.revision),
    record.sealed,
    { store: STORE, recordId: patientKey },
  );
  return { list, revision: record.revision };
}

/** The dismissals still in force at `now` (snoozes that ended are left out). */
export async function loadDismissals(
  ctx: StorageContext,
  patientKey: string,
): Promise<PromptDismissal[]> {
  assertPatientKey(patientKey);
  const { list } = await readList(ctx, patientKey);
  const now = ctx.now();
  return list.filter((dismissal) => isActive(dismissal, now));
}

/**
 * Records a dismissal; it replaces an earlier one for the same rule. Ended snoozes are dropped on
 * the way, so the list does not grow without bound.
 */
export async function dismissPrompt(
  ctx: StorageContext,
  patientKey: string,
  dismissal: PromptDismissal,
): Promise<void> {
  assertPatientKey(patientKey);
  assertDismissal(dismissal);
  await updateDismissals(ctx, patientKey, (list) => [
    ...list.filter((entry) => entry.ruleId !== dismissal.ruleId),
    dismissal,
  ]);
}

/** Adds dismissals that are not there yet (same rule, facts and reason); used by import. */
export async function mergeDismissals(
  ctx: StorageContext,
  patientKey: string,
  incoming: readonly PromptDismissal[],
): Promise<number> {
  assertPatientKey(patientKey);
  incoming.forEach(assertDismissal);
  let added = 0;
  await updateDismissals(ctx, patientKey, (list) => {
    added = 0;
    const next = [...list];
    for (const dismissal of incoming) {
      const known = next.some(
        (entry) =>
          entry.ruleId === dismissal.ruleId &&
          entry.factsKey === dismissal.factsKey &&
          entry.reason === dismissal.reason,
      );
      if (!known) {
        next.push(dismissal);
        added += 1;
      }
    }
    return next;
  });
  return added;
}

async function updateDismissals(
  ctx: StorageContext,
  patientKey: string,
  change: (list: PromptDismissal[]) => PromptDismissal[],
): Promise<void> {
  const keys = await ctx.keys();
  const db = await ctx.db();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const { list, revision } = await readList(ctx, patientKey);
    const now = ctx.now();
    const next = change(list.filter((dismissal) => isActive(dismissal, now)));
    const nextRevision = (revision ?? 0) + 1;
    const sealed = await seal(keys.records, recordAad(STORE, patientKey, nextRevision), next);
    const tx = db.transaction([STORE, 'patients'], 'readwrite');
    const store = tx.objectStore(STORE);
    const current = await store.get(patientKey);
    if ((current?.revision ?? null) !== revision) {
      await tx.done;
      continue;
    }
    await Promise.all([
      store.put({ patientKey, revision: nextRevision, sealed }),
      touchPatientInTransaction(tx.objectStore('patients'), patientKey, now),
      tx.done,
    ]);
    return;
  }
  throw new Error(
    `Dismissal not stored: other writers kept changing this patient's dismissals (${MAX_ATTEMPTS} attempts).`,
  );
}
