/** Small JSON helpers for the FHIR reader: FHIR from the wild is untyped, so every access is checked. */

import { parseIsoDate } from '../clinical/dates';
import type { IsoDate } from '../clinical/types';
import { CODE_SYSTEMS } from './code-systems';

export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asObjects(value: unknown): Json[] {
  return asArray(value).flatMap((item) => {
    const object = asObject(item);
    return object ? [object] : [];
  });
}

export function asString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function codings(concept: unknown): Json[] {
  return asObjects(asObject(concept)?.coding);
}

export function loincCodes(concept: unknown): string[] {
  return codings(concept).flatMap((coding) => {
    const system = asString(coding.system);
    const code = asString(coding.code);
    // A code without a system is taken as LOINC only when it has LOINC's shape (digits-check digit).
    const isLoinc =
      system === CODE_SYSTEMS.loinc || (system === null && code !== null && /^\d+-\d$/.test(code));
    return isLoinc && code ? [code.trim()] : [];
  });
}

export function conceptText(concept: unknown): string | null {
  const object = asObject(concept);
  if (!object) return null;
  const text = asString(object.text);
  if (text) return text.trim();
  for (const coding of codings(object)) {
    const display = asString(coding.display);
    if (display) return display.trim();
  }
  for (const coding of codings(object)) {
    const code = asString(coding.code);
    if (code) return code.trim();
  }
  return null;
}

export function dateOf(value: unknown): IsoDate | null {
  return typeof value === 'string' ? parseIsoDate(value) : null;
}

export function extensionNumber(element: Json | null, urls: ReadonlySet<string>): number | null {
  for (const extension of asObjects(element?.extension)) {
    const url = asString(extension.url);
    if (!url || !urls.has(url)) continue;
    for (const key of ['valueDecimal', 'valueInteger']) {
      const value = extension[key];
      if (typeof value === 'number' && Number.isFinite(value)) return value;
    }
  }
  return null;
}

export function normalizeAnswerText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
