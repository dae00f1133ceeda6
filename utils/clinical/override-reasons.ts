/**
 * Why a clinician dismisses a prompt card: the CDS Hooks override reasons Careside offers, in the
 * order the sidebar's picker shows them. Defined once for the picker, the message protocol's
 * schema and storage (which also records `snooze`, "not now", for a card put off for days).
 */
export const OVERRIDE_REASONS = [
  'not-applicable',
  'patient-at-acceptable-risk',
  'already-addressed',
  'other',
] as const;

export type OverrideReason = (typeof OVERRIDE_REASONS)[number];
