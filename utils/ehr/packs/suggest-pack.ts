/**
 * Joins what suggest.ts proposed in each document of a page (the top page and its frames) into
 * one draft selector pack: the identity from the top page, each chart part with the frame it
 * lives in (by its name path and a piece of its address), `matches` for every origin involved,
 * and `patientKeyParam` when the top page's address and a frame's carry the patient under the
 * same parameter. No DOM here: `inspect` runs it in Node, the pack builder in the extension.
 */
import type { FrameField, SelectorPack } from './format';
import type { DocumentSuggestion, SuggestedSource } from './suggest';

export interface SuggestedDocument {
  url: string;
  isTop: boolean;
  /** The frame names from the top page down (`[]` for the top page). */
  namePath: string[];
  suggestion: DocumentSuggestion;
}

export interface PackSuggestionInput {
  documents: SuggestedDocument[];
  /** The record number the reading showed, to tell a patient-specific address from a page's. */
  mrn: string | null;
  /** The pack's name for people, in the admin's language. */
  name: string;
}

export type SuggestedPackResult =
  | { ok: true; pack: SelectorPack }
  | { ok: false; reason: 'no-name' | 'no-top' };

/** `suggested-127-0-0-1-8080`: an id the format accepts, one per origin. */
export function suggestedPackId(url: URL): string {
  const origin = `${url.hostname}${url.port ? `-${url.port}` : ''}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `suggested-${origin}`.slice(0, 63).replace(/-+$/, '');
}

function originPattern(url: URL): string {
  return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}/*`;
}

/**
 * How a pack names a frame: its name path when every frame on the way has a name, and the path
 * of its address unless that path names the patient (`/chart/mh-1042`).
 */
function frameOf(document: SuggestedDocument, patientValues: string[]): FrameField | undefined {
  if (document.isTop) return undefined;
  const url = new URL(document.url);
  const named = document.namePath.length > 0 && document.namePath.every((name) => name !== '');
  const path = url.pathname;
  const pathNamesPatient = patientValues.some((value) => value !== '' && path.includes(value));
  const frame: FrameField = {
    ...(!pathNamesPatient && path !== '/' && { urlMatch: path }),
    ...(named && { name: [...document.namePath] }),
  };
  return frame.urlMatch === undefined && frame.name === undefined
    ? { urlMatch: originPattern(url).replace(/\*$/, '') }
    : frame;
}

/**
 * The top address's parameter that a frame's address repeats with the same value, the record
 * number's first: what ties a frame to the banner's patient without the frame showing a name.
 */
function patientKeyParamOf(top: URL, frames: URL[], mrn: string | null): string | undefined {
  const candidates: string[] = [];
  for (const [key, value] of top.searchParams) {
    if (value.length < 3 || !/\d/.test(value)) continue;
    if (frames.some((frame) => frame.searchParams.get(key) === value)) {
      if (mrn !== null && value === mrn) return key;
      candidates.push(key);
    }
  }
  return candidates[0];
}

function fieldSource(source: SuggestedSource): { selector: string; pattern?: string } {
  return source.pattern
    ? { selector: source.selector, pattern: source.pattern }
    : { selector: source.selector };
}

export function assembleSuggestedPack(input: PackSuggestionInput): SuggestedPackResult {
  const top = input.documents.find((document) => document.isTop);
  if (!top) return { ok: false, reason: 'no-top' };
  const { identity } = top.suggestion;
  if (!identity.name) return { ok: false, reason: 'no-name' };
  const topUrl = new URL(top.url);
  const frameUrls = input.documents
    .filter((document) => !document.isTop)
    .map(({ url }) => new URL(url));
  const patientKeyParam = patientKeyParamOf(topUrl, frameUrls, input.mrn);
  const patientValues = [
    input.mrn ?? '',
    ...(patientKeyParam ? [topUrl.searchParams.get(patientKeyParam) ?? ''] : []),
  ];
  const first = <K extends 'medications' | 'problems'>(key: K) => {
    for (const document of input.documents) {
      const part = document.suggestion[key];
      if (part) {
        const frame = frameOf(document, patientValues);
        return { ...(frame && { frame }), ...part };
      }
    }
    return undefined;
  };
  const scores = input.documents.flatMap((document) => {
    const frame = frameOf(document, patientValues);
    return document.suggestion.scores.map((table) => ({ ...(frame && { frame }), ...table }));
  });
  const identityElement = [identity.name, identity.birthDate, identity.mrn]
    .filter((source): source is SuggestedSource => source !== undefined)
    .map((source) => source.selector);
  const medications = first('medications');
  const problems = first('problems');
  const pack: SelectorPack = {
    format: 1,
    id: suggestedPackId(topUrl),
    name: input.name,
    matches: [...new Set([topUrl, ...frameUrls].map(originPattern))],
    detect: identity.name.selector,
    identity: {
      name: fieldSource(identity.name),
      // The format needs a date of birth; with none read, the usual label stands in, to be checked.
      birthDate: identity.birthDate ? fieldSource(identity.birthDate) : { label: 'Date of birth' },
      ...(identity.mrn && {
        identifiers: [{ system: 'MRN', type: 'MR', ...fieldSource(identity.mrn) }],
      }),
    },
    identityElement: [...new Set(identityElement)],
    ...(patientKeyParam && { patientKeyParam }),
    ...(medications && { medications }),
    ...(problems && { problems }),
    ...(scores.length > 0 && { scores }),
  };
  return { ok: true, pack };
}
