/**
 * What Careside writes to the clinic's FHIR server and how it reads it back: pure functions, no
 * fetch, no clock (the caller passes `now`). Issue #22.
 *
 * - A score entered in the sidebar becomes a `QuestionnaireResponse` (one item per answer, the
 *   item's LOINC code as its linkId where the instrument registry has one, as HL7 US Core's PHQ-9
 *   example does) and an `Observation` of the total (the registry's LOINC total code, e.g. PHQ-9
 *   44261-6, ref. A0), `derivedFrom` the response.
 * - The safety plan becomes a `CarePlan` whose activities are the Stanley–Brown steps (ref. B14)
 *   and whose `text.div` is the plan in words, so any EHR that shows narrative shows it.
 *
 * Every resource carries a Careside identifier, so a retried write is a conditional create that
 * cannot make a second copy, and the team's sidebars can tell what Careside wrote.
 */
import { findInstrument, getInstrument, type InstrumentName } from '../clinical/instruments';
import {
  emptySafetyPlan,
  SAFETY_PLAN_STEP_IDS,
  type SafetyPlan,
  type SafetyPlanStepId,
} from '../clinical/safety-plan';
import type { IsoDate, ScoreEntry } from '../clinical/types';
import { CODE_SYSTEMS } from '../fhir/code-systems';
import type { Translate } from '../i18n';

export const LOINC = CODE_SYSTEMS.loinc;
/** Identifier systems of what Careside writes; URNs, because Careside has no web address of its own. */
export const SCORE_IDENTIFIER_SYSTEM = 'urn:careside:score';
export const SAFETY_PLAN_IDENTIFIER_SYSTEM = 'urn:careside:safety-plan';
export const SAFETY_PLAN_STEP_SYSTEM = 'urn:careside:safety-plan-step';
export const LOCAL_INSTRUMENT_SYSTEM = 'urn:careside:instrument';
export const LAST_REVIEWED_EXTENSION = 'urn:careside:safety-plan-last-reviewed';
const XHTML = 'http://www.w3.org/1999/xhtml';

export interface FhirResource {
  resourceType: string;
  id?: string;
  meta?: { versionId?: string; lastUpdated?: string; tag?: unknown[] };
  [field: string]: unknown;
}

/** Who wrote a record, as the team sees it: a FHIR reference when known, a name otherwise. */
export interface RecordAuthor {
  reference?: string;
  display?: string;
}

/** A score or plan as the team's record holds it, with who wrote it and when. */
export interface TeamScore {
  entry: ScoreEntry;
  author: RecordAuthor | null;
  /** ISO timestamp the server gives for the record. */
  recordedAt: string | null;
  writtenByCareside: boolean;
}

export interface TeamSafetyPlan {
  plan: SafetyPlan;
  author: RecordAuthor | null;
  recordedAt: string | null;
  /** The server's version of the CarePlan, for `If-Match` on the next save. */
  carePlanId: string;
  versionId: string | null;
}

function codeOf(name: InstrumentName, which: 'panel' | 'total') {
  const code = getInstrument(name)[which];
  if (!code) return null;
  return { system: code.system === 'LOINC' ? LOINC : LOCAL_INSTRUMENT_SYSTEM, code: code.code };
}

function fhirDateTime(date: IsoDate | null, now: Date): string {
  // A score entered for a day is dated that day; the time of entry adds nothing clinical.
  return date ?? now.toISOString().slice(0, 10);
}

function authorReference(author: RecordAuthor | null): RecordAuthor | undefined {
  if (!author || (!author.reference && !author.display)) return undefined;
  return { ...author };
}

/**
 * The sidebar sends the answers and leaves the total to the engine: summed here from the scored
 * items when every one is answered (never from a partial form), for instruments scored by sum.
 */
function totalOfItems(name: InstrumentName, items: ScoreEntry['items']): number | null {
  const instrument = getInstrument(name);
  if (instrument.scoring !== 'sum' || !items) return null;
  let sum = 0;
  for (let item = 1; item <= instrument.itemCount; item += 1) {
    const value = Number(items[item]);
    if (items[item] === null || items[item] === '' || !Number.isInteger(value)) return null;
    sum += value;
  }
  return sum;
}

export interface ScoreResources {
  /** The Careside identifier both resources carry (the conditional-create key). */
  identifier: { system: string; value: string };
  questionnaireResponse: FhirResource;
  /** Null when the instrument has no total (C-SSRS is scored by its highest item). */
  observation: FhirResource | null;
}

/**
 * The resources for one entered score. `recordId` is stable for the entry (the outbox makes it
 * once), so writing twice cannot record the visit's score twice.
 */
export function scoreToResources(
  entry: ScoreEntry,
  patientReference: string,
  author: RecordAuthor | null,
  recordId: string,
  now: Date,
): ScoreResources {
  const instrument = findInstrument(entry.instrument);
  if (!instrument) throw new Error(`Unknown instrument "${entry.instrument}".`);
  const identifier = { system: SCORE_IDENTIFIER_SYSTEM, value: recordId };
  const effective = fhirDateTime(entry.date, now);
  const items = Object.entries(entry.items ?? {})
    .filter(([, value]) => value !== null && value !== '' && Number.isFinite(Number(value)))
    .map(([item, value]) => ({
      linkId: instrument.itemLoinc[Number(item)] ?? `item-${item}`,
      text: `${instrument.name} item ${item}`,
      answer: [{ valueInteger: Number(value) }],
    }));
  const total =
    entry.total === null ? totalOfItems(instrument.name, entry.items) : Number(entry.total);
  const totalCode = codeOf(instrument.name, 'total');
  if (total !== null && Number.isFinite(total) && totalCode) {
    items.push({
      linkId: totalCode.code,
      text: `${instrument.name} total score`,
      answer: [{ valueInteger: total }],
    });
  }
  const panel = codeOf(instrument.name, 'panel');
  const questionnaireResponse: FhirResource = {
    resourceType: 'QuestionnaireResponse',
    identifier,
    status: 'completed',
    subject: { reference: patientReference },
    authored: effective,
    ...(authorReference(author) ? { author: authorReference(author) } : {}),
    // R4 items carry no code of their own: the panel code is kept as a tag so a search by code
    // finds the response, and each item's linkId is its LOINC code.
    meta: panel ? { tag: [{ ...panel, display: instrument.name }] } : undefined,
    item: items,
  };
  if (!panel) delete questionnaireResponse.meta;
  const observation: FhirResource | null =
    total !== null && Number.isFinite(total) && totalCode
      ? {
          resourceType: 'Observation',
          identifier: [identifier],
          status: 'final',
          category: [
            {
              coding: [
                {
                  system: CODE_SYSTEMS.observationCategory,
                  code: 'survey',
                },
              ],
            },
          ],
          code: { coding: [{ ...totalCode, display: `${instrument.name} total score` }] },
          subject: { reference: patientReference },
          effectiveDateTime: effective,
          ...(authorReference(author) ? { performer: [authorReference(author)] } : {}),
          valueInteger: total,
        }
      : null;
  return { identifier, questionnaireResponse, observation };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function carriesIdentifier(resource: FhirResource, system: string): boolean {
  const identifiers = Array.isArray(resource.identifier)
    ? resource.identifier
    : resource.identifier
      ? [resource.identifier]
      : [];
  return identifiers.some((identifier) => isRecord(identifier) && identifier.system === system);
}

function readAuthor(value: unknown): RecordAuthor | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (!isRecord(first)) return null;
  const author: RecordAuthor = {};
  if (typeof first.reference === 'string') author.reference = first.reference;
  if (typeof first.display === 'string') author.display = first.display;
  return author.reference || author.display ? author : null;
}

function instrumentFromCodings(codings: unknown): InstrumentName | null {
  if (!Array.isArray(codings)) return null;
  for (const coding of codings) {
    if (!isRecord(coding) || typeof coding.code !== 'string') continue;
    const instrument = findInstrument(coding.code);
    if (instrument) return instrument.name;
  }
  return null;
}

function dateOf(value: unknown): IsoDate | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

/**
 * A score from a total `Observation` on the server (Careside's or the EHR's own), or null when
 * the code is not an instrument Careside knows.
 */
export function scoreFromObservation(observation: FhirResource): TeamScore | null {
  const code = isRecord(observation.code) ? observation.code : null;
  const name = instrumentFromCodings(code?.coding);
  if (!name || observation.status === 'entered-in-error') return null;
  const total =
    typeof observation.valueInteger === 'number'
      ? observation.valueInteger
      : isRecord(observation.valueQuantity) && typeof observation.valueQuantity.value === 'number'
        ? observation.valueQuantity.value
        : null;
  if (total === null) return null;
  return {
    entry: {
      instrument: name,
      date: dateOf(observation.effectiveDateTime),
      total,
      provenance: { source: 'fhir', via: `Observation/${observation.id ?? ''}` },
    },
    author: readAuthor(observation.performer),
    recordedAt: observation.meta?.lastUpdated ?? null,
    writtenByCareside: carriesIdentifier(observation, SCORE_IDENTIFIER_SYSTEM),
  };
}

/**
 * The item answers of a `QuestionnaireResponse` keyed by item number, for an instrument whose
 * items have LOINC codes (or Careside's `item-N` linkIds).
 */
export function itemsFromQuestionnaireResponse(
  response: FhirResource,
  name: InstrumentName,
): Record<number, number> {
  const instrument = getInstrument(name);
  const byCode = new Map(
    Object.entries(instrument.itemLoinc).map(([item, code]) => [code, Number(item)]),
  );
  const items: Record<number, number> = {};
  for (const item of Array.isArray(response.item) ? response.item : []) {
    if (!isRecord(item) || typeof item.linkId !== 'string') continue;
    const number = byCode.get(item.linkId) ?? Number(/^item-(\d+)$/.exec(item.linkId)?.[1]);
    const answer = Array.isArray(item.answer) ? item.answer[0] : null;
    if (!Number.isInteger(number) || !isRecord(answer)) continue;
    if (typeof answer.valueInteger === 'number') items[number] = answer.valueInteger;
  }
  return items;
}

/** The instrument a QuestionnaireResponse Careside wrote is for (its panel tag). */
export function instrumentOfQuestionnaireResponse(response: FhirResource): InstrumentName | null {
  const tags = isRecord(response.meta) ? (response.meta as Record<string, unknown>).tag : null;
  return instrumentFromCodings(tags);
}

/**
 * The team's scores from what the server holds for the patient: each total Observation, with the
 * items of the response it was derived from when Careside wrote both.
 */
export function teamScores(resources: readonly FhirResource[]): TeamScore[] {
  const responses = new Map(
    resources
      .filter((resource) => resource.resourceType === 'QuestionnaireResponse' && resource.id)
      .map((resource) => [`QuestionnaireResponse/${resource.id}`, resource]),
  );
  const scores: TeamScore[] = [];
  for (const resource of resources) {
    if (resource.resourceType !== 'Observation') continue;
    const score = scoreFromObservation(resource);
    if (!score) continue;
    const source = Array.isArray(resource.derivedFrom) ? resource.derivedFrom[0] : null;
    const response =
      isRecord(source) && typeof source.reference === 'string'
        ? responses.get(source.reference)
        : undefined;
    const name = findInstrument(score.entry.instrument)?.name;
    if (response && name) {
      const items = itemsFromQuestionnaireResponse(response, name);
      if (Object.keys(items).length > 0) score.entry.items = items;
    }
    scores.push(score);
  }
  return scores;
}

// ---------------------------------------------------------------------------------------------
// Safety plan
// ---------------------------------------------------------------------------------------------

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export interface SafetyPlanLabels {
  title: string;
  /** The heading of each step, in the clinician's language. */
  step(id: SafetyPlanStepId): string;
  /** Said for a step with nothing written and not marked as addressed. */
  nothingWritten: string;
  /** Said for a step marked as addressed with nothing written. */
  addressed: string;
  lastReviewed(date: IsoDate): string;
}

/**
 * The narrative's words from the message catalogue, in the writer's language; `formatDate` is the
 * caller's Intl date format.
 */
export function safetyPlanLabelsFrom(
  t: Translate,
  formatDate: (date: IsoDate) => string,
): SafetyPlanLabels {
  return {
    title: t('recordSafetyPlanTitle'),
    step: (id) =>
      t(
        `sidebarSafetyStep${id
          .split('-')
          .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
          .join('')}`,
      ),
    nothingWritten: t('recordSafetyStepEmpty'),
    addressed: t('recordSafetyStepAddressed'),
    lastReviewed: (date) => t('sidebarSafetyLastReviewed', { date: formatDate(date) }),
  };
}

/** The plan in words, as XHTML narrative (FHIR `Narrative.div`): headings and lists only. */
export function safetyPlanNarrative(plan: SafetyPlan, labels: SafetyPlanLabels): string {
  const parts = [`<div xmlns="${XHTML}">`, `<h2>${escapeXml(labels.title)}</h2>`];
  if (plan.lastReviewed) parts.push(`<p>${escapeXml(labels.lastReviewed(plan.lastReviewed))}</p>`);
  parts.push('<ol>');
  for (const id of SAFETY_PLAN_STEP_IDS) {
    const step = plan.steps[id];
    if (!step) continue;
    const entries = step.entries.filter((entry) => entry.trim() !== '');
    if (id === 'naloxone' && entries.length === 0 && !step.done) continue;
    parts.push(`<li><b>${escapeXml(labels.step(id))}</b>`);
    if (entries.length > 0) {
      parts.push(`<ul>${entries.map((entry) => `<li>${escapeXml(entry)}</li>`).join('')}</ul>`);
    } else {
      parts.push(`<p>${escapeXml(step.done ? labels.addressed : labels.nothingWritten)}</p>`);
    }
    parts.push('</li>');
  }
  parts.push('</ol>');
  if (plan.crisisContacts.length > 0) {
    parts.push(
      `<ul>${plan.crisisContacts
        .map((contact) =>
          escapeXml(
            [contact.label, contact.phone, contact.text, contact.url].filter(Boolean).join(' · '),
          ),
        )
        .map((line) => `<li>${line}</li>`)
        .join('')}</ul>`,
    );
  }
  parts.push('</div>');
  return parts.join('');
}

/**
 * The safety plan as a CarePlan. `existing` is the server's current CarePlan when there is one:
 * its id is kept, so the write is an update (with `If-Match` on the version it was read at).
 */
export function safetyPlanToCarePlan(
  plan: SafetyPlan,
  patientReference: string,
  author: RecordAuthor | null,
  patientRecordId: string,
  labels: SafetyPlanLabels,
  now: Date,
  existingId?: string,
): FhirResource {
  return {
    resourceType: 'CarePlan',
    ...(existingId ? { id: existingId } : {}),
    identifier: [{ system: SAFETY_PLAN_IDENTIFIER_SYSTEM, value: patientRecordId }],
    text: { status: 'generated', div: safetyPlanNarrative(plan, labels) },
    status: 'active',
    intent: 'plan',
    title: labels.title,
    category: [{ text: labels.title }],
    subject: { reference: patientReference },
    created: plan.updatedAt || now.toISOString(),
    ...(authorReference(author) ? { author: authorReference(author) } : {}),
    ...(plan.lastReviewed
      ? { extension: [{ url: LAST_REVIEWED_EXTENSION, valueDate: plan.lastReviewed }] }
      : {}),
    activity: SAFETY_PLAN_STEP_IDS.map((id) => {
      const step = plan.steps[id] ?? { entries: [], done: false };
      const entries = step.entries.filter((entry) => entry.trim() !== '');
      return {
        detail: {
          code: { coding: [{ system: SAFETY_PLAN_STEP_SYSTEM, code: id }], text: labels.step(id) },
          status: step.done ? 'completed' : entries.length > 0 ? 'in-progress' : 'not-started',
          ...(entries.length > 0 ? { description: entries.join('\n') } : {}),
        },
      };
    }),
  };
}

/** The plan a Careside CarePlan holds, or null when the CarePlan is not one Careside wrote. */
export function safetyPlanFromCarePlan(
  carePlan: FhirResource,
  crisisContacts: SafetyPlan['crisisContacts'],
): TeamSafetyPlan | null {
  if (!carriesIdentifier(carePlan, SAFETY_PLAN_IDENTIFIER_SYSTEM) || !carePlan.id) return null;
  const plan = emptySafetyPlan(crisisContacts);
  for (const activity of Array.isArray(carePlan.activity) ? carePlan.activity : []) {
    const detail = isRecord(activity) && isRecord(activity.detail) ? activity.detail : null;
    const coding = detail && isRecord(detail.code) ? detail.code.coding : null;
    const id = Array.isArray(coding)
      ? coding.find((c) => isRecord(c) && c.system === SAFETY_PLAN_STEP_SYSTEM)?.code
      : null;
    if (!detail || !(SAFETY_PLAN_STEP_IDS as readonly string[]).includes(id)) continue;
    const description = typeof detail.description === 'string' ? detail.description : '';
    plan.steps[id as SafetyPlanStepId] = {
      entries: description === '' ? [] : description.split('\n'),
      done: detail.status === 'completed',
    };
  }
  const reviewed = Array.isArray(carePlan.extension)
    ? carePlan.extension.find((e) => isRecord(e) && e.url === LAST_REVIEWED_EXTENSION)
    : null;
  plan.lastReviewed = isRecord(reviewed) ? dateOf(reviewed.valueDate) : null;
  plan.updatedAt = typeof carePlan.created === 'string' ? carePlan.created : '';
  return {
    plan,
    author: readAuthor(carePlan.author),
    recordedAt: carePlan.meta?.lastUpdated ?? null,
    carePlanId: carePlan.id,
    versionId: carePlan.meta?.versionId ?? null,
  };
}
