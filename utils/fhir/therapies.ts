/** FHIR Procedure, Encounter and CarePlan: psychotherapy the patient receives. */

import type { Provenance, TherapyEntry, TherapyModality } from '../clinical/types';
import { CODE_SYSTEMS } from './code-systems';
import { asObject, asObjects, asString, codings, conceptText, dateOf, type Json } from './json';

/** Psychotherapy modalities by the words a chart uses for them; most specific first. */
export const THERAPY_PATTERNS: ReadonlyArray<[RegExp, TherapyModality]> = [
  [/\bcbt[\s-]?i\b|cognitive behaviou?ral therapy for insomnia/i, 'CBT-I'],
  [/\bdialectical behaviou?r(al)? therapy\b|\bDBT\b/i, 'DBT'],
  [/\bacceptance and commitment therapy\b/i, 'ACT'],
  [/\bmotivational interviewing\b|\bmotivational enhancement\b/i, 'MI'],
  [/\binterpersonal and social rhythm therapy\b|\bIPSRT\b/i, 'IPSRT'],
  [/\bfamily[\s-]focused therapy\b/i, 'FFT'],
  [/\bprolonged exposure\b/i, 'PE'],
  [/\bcognitive processing therapy\b/i, 'CPT'],
  [/\bEMDR\b|\beye movement desensiti[sz]ation\b/i, 'EMDR'],
  [/\bcontingency management\b/i, 'CM'],
  [/\bsafety planning intervention\b/i, 'SPI'],
  [/\binterpersonal psychotherapy\b/i, 'IPT'],
  [/\bexposure (and response prevention|therapy)\b|\bERP\b/i, 'exposure'],
  [/\bcognitive (and )?behaviou?ral therapy\b|\bCBT\b/i, 'CBT'],
  [/\bfamily (psycho)?therapy\b/i, 'family'],
  [/\bsupportive psychotherapy\b/i, 'supportive'],
  [/\bpsychotherapy\b/i, 'other'],
];

/** CPT psychotherapy codes: the code says "psychotherapy" even when no modality is written. */
export const CPT_PSYCHOTHERAPY: Readonly<Record<string, TherapyModality>> = {
  '90832': 'other',
  '90834': 'other',
  '90837': 'other',
  '90846': 'family',
  '90847': 'family',
  '90853': 'other',
};

export function modalityOf(concept: unknown): TherapyModality | null {
  for (const coding of codings(concept)) {
    const code = asString(coding.code);
    if (coding.system === CODE_SYSTEMS.cpt && code && CPT_PSYCHOTHERAPY[code]) {
      const text = conceptText(concept);
      return (text && modalityOfText(text)) || CPT_PSYCHOTHERAPY[code] || null;
    }
  }
  const texts = [
    conceptText(concept),
    ...codings(concept).map((coding) => asString(coding.display)),
  ];
  for (const text of texts) {
    const modality = text ? modalityOfText(text) : null;
    if (modality) return modality;
  }
  return null;
}

export function modalityOfText(text: string): TherapyModality | null {
  return THERAPY_PATTERNS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

export const THERAPY_STATUS: Readonly<Record<string, TherapyEntry['status']>> = {
  completed: 'completed',
  finished: 'completed',
  'in-progress': 'scheduled',
  preparation: 'scheduled',
  planned: 'scheduled',
  arrived: 'scheduled',
  booked: 'scheduled',
  scheduled: 'scheduled',
  'not-started': 'scheduled',
  active: 'scheduled',
  'not-done': 'cancelled',
  stopped: 'cancelled',
  cancelled: 'cancelled',
  revoked: 'cancelled',
};

export function readTherapies(resource: Json, provenance: Provenance): TherapyEntry[] {
  const status = THERAPY_STATUS[asString(resource.status) ?? ''] ?? 'unknown';
  const type = resource.resourceType;
  if (type === 'Procedure') {
    const modality = modalityOf(resource.code);
    if (!modality) return [];
    const date =
      dateOf(resource.performedDateTime) ?? dateOf(asObject(resource.performedPeriod)?.start);
    return [{ modality, text: conceptText(resource.code) ?? modality, date, status, provenance }];
  }
  if (type === 'Encounter') {
    const date = dateOf(asObject(resource.period)?.start);
    return asObjects(resource.type).flatMap((concept) => {
      const modality = modalityOf(concept);
      return modality
        ? [{ modality, text: conceptText(concept) ?? modality, date, status, provenance }]
        : [];
    });
  }
  if (type === 'CarePlan') {
    const date = dateOf(asObject(resource.period)?.start) ?? dateOf(resource.created);
    return asObjects(resource.activity).flatMap((activity) => {
      const detail = asObject(activity.detail);
      const modality = modalityOf(detail?.code);
      if (!modality) return [];
      const activityStatus = THERAPY_STATUS[asString(detail?.status) ?? ''] ?? status;
      return [
        {
          modality,
          text: conceptText(detail?.code) ?? modality,
          date,
          status: activityStatus,
          provenance,
        },
      ];
    });
  }
  return [];
}
