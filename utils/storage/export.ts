/**
 * One patient's stored data as a FHIR R4 Bundle (type `collection`), and back.
 *
 * - Patient: the identity the chart showed; `meta.source` is the EHR origin, which is part of the
 *   patient key, so an import can recompute the key and refuse a bundle for another patient.
 * - Observation per score: LOINC total code from the instrument registry (or its local code),
 *   the registry name in `code.text`, item answers as components, the source as a `meta.tag`.
 * - CarePlan for the safety plan, built by the clinical engine (`safetyPlanToFhir`), with the
 *   plan also carried whole in an extension so an import gives back exactly what was saved.
 * - Basic per prompt dismissal (rule id, facts key, override reason, until), so dismissals travel
 *   with the patient instead of every card reappearing on another workstation.
 *
 * Import validates the whole bundle before it writes anything, then merges: scores without
 * duplicates, dismissals not already present, the safety plan only when there is none or the
 * bundle's is newer (compare-and-set, so a concurrent edit is never overwritten).
 */
import * as v from 'valibot';
import { findInstrument } from '../clinical/instruments';
import {
  SAFETY_PLAN_STEP_IDS,
  type SafetyPlan,
  type SafetyPlanStep,
  safetyPlanToFhir,
} from '../clinical/safety-plan';
import type { Identifier, PatientIdentity, ScoreEntry } from '../clinical/types';
import { CODE_SYSTEMS } from '../fhir/code-systems';
import type { StorageContext } from './context';
import {
  assertDismissal,
  loadDismissals,
  mergeDismissals,
  type PromptDismissal,
} from './dismissals';
import { assertPatientKey, derivePatientKey } from './patient-key';
import { loadPatient, rememberPatient, type StoredPatient } from './patients';
import { loadSafetyPlan, saveSafetyPlan } from './safety-plans';
import { addScores, assertScoreEntries, loadScores } from './scores';

const LOCAL_INSTRUMENT = 'urn:careside:instrument';
const ITEM_NUMBER = 'urn:careside:item-number';
const SCORE_SOURCE = 'urn:careside:score-source';
const PROVENANCE = 'urn:careside:provenance';
const SAFETY_PLAN = 'urn:careside:safety-plan-json';
const RESOURCE_KIND = 'urn:careside:resource';
const DISMISSAL = 'urn:careside:dismissal';

/** A URI scheme: identifier systems that are URIs go to `system`, page labels to `type.text`. */
const URI = /^[a-z][a-z0-9+.-]*:/i;

type Json = Record<string, unknown>;

export interface FhirBundle {
  resourceType: 'Bundle';
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: Json }[];
}

export interface ImportReport {
  scoresAdded: number;
  scoresAlreadyStored: number;
  dismissalsAdded: number;
  safetyPlan: 'imported' | 'kept-existing' | 'none';
}

function fullUrl(): string {
  return `urn:uuid:${crypto.randomUUID()}`;
}

function identifierToFhir(identifier: Identifier): Json {
  const system = identifier.system?.trim() ?? '';
  const type: Json = {};
  if (identifier.type)
    type.coding = [{ system: CODE_SYSTEMS.identifierType, code: identifier.type }];
  if (system !== '' && !URI.test(system)) type.text = system;
  return {
    ...(URI.test(system) ? { system } : {}),
    ...(Object.keys(type).length > 0 ? { type } : {}),
    value: identifier.value,
  };
}

function patientToFhir(origin: string, identity: PatientIdentity): Json {
  return {
    resourceType: 'Patient',
    meta: { source: origin },
    identifier: identity.identifiers.map(identifierToFhir),
    ...(identity.name ? { name: [{ text: identity.name }] } : {}),
    ...(identity.birthDate ? { birthDate: identity.birthDate } : {}),
    ...(identity.sex ? { gender: identity.sex } : {}),
  };
}

function fhirValue(value: number | string): Json {
  return typeof value === 'number' && Number.isInteger(value)
    ? { valueInteger: value }
    : typeof value === 'number'
      ? { valueQuantity: { value } }
      : { valueString: value };
}

function scoreToFhir(entry: ScoreEntry, subject: string): Json {
  const instrument = findInstrument(entry.instrument);
  const code = instrument?.total ?? instrument?.panel ?? null;
  const coding = code
    ? [{ system: code.system === 'LOINC' ? CODE_SYSTEMS.loinc : LOCAL_INSTRUMENT, code: code.code }]
    : [];
  const components = Object.entries(entry.items ?? {}).map(([item, value]) => {
    const itemLoinc = instrument?.itemLoinc[Number(item)];
    return {
      code: {
        coding: [
          ...(itemLoinc ? [{ system: CODE_SYSTEMS.loinc, code: itemLoinc }] : []),
          { system: ITEM_NUMBER, code: item },
        ],
        text: `${entry.instrument} item ${item}`,
      },
      ...(value === null ? { dataAbsentReason: { text: 'not answered' } } : fhirValue(value)),
    };
  });
  return {
    resourceType: 'Observation',
    meta: { tag: [{ system: SCORE_SOURCE, code: entry.provenance.source }] },
    extension: [{ url: PROVENANCE, valueString: JSON.stringify(entry.provenance) }],
    status: 'final',
    category: [{ coding: [{ system: CODE_SYSTEMS.observationCategory, code: 'survey' }] }],
    code: { ...(coding.length > 0 ? { coding } : {}), text: entry.instrument },
    subject: { reference: subject },
    ...(entry.date ? { effectiveDateTime: entry.date } : {}),
    ...(entry.total === null ? { dataAbsentReason: { text: 'no total' } } : fhirValue(entry.total)),
    ...(components.length > 0 ? { component: components } : {}),
  };
}

function isSafetyPlan(plan: Json): plan is Json & SafetyPlan {
  const steps = plan.steps as Record<string, unknown> | undefined;
  return (
    typeof steps === 'object' &&
    steps !== null &&
    SAFETY_PLAN_STEP_IDS.every((id) => Array.isArray((steps[id] as SafetyPlanStep)?.entries)) &&
    Array.isArray(plan.crisisContacts)
  );
}

/**
 * The clinical engine's CarePlan (steps as coded activities, readable by any FHIR system) when the
 * plan has its shape, plus the plan whole in an extension so an import restores it exactly.
 */
function safetyPlanResource(plan: Json & { revision: number }, subject: string): Json {
  const resource: Json = isSafetyPlan(plan)
    ? safetyPlanToFhir(plan, subject)
    : {
        resourceType: 'CarePlan',
        status: 'active',
        intent: 'plan',
        title: 'Safety plan',
        subject: { reference: subject },
        meta: { versionId: String(plan.revision) },
      };
  const extension = Array.isArray(resource.extension) ? resource.extension : [];
  return {
    ...resource,
    extension: [...extension, { url: SAFETY_PLAN, valueString: JSON.stringify(plan) }],
  };
}

function dismissalToFhir(dismissal: PromptDismissal, subject: string): Json {
  return {
    resourceType: 'Basic',
    code: { coding: [{ system: RESOURCE_KIND, code: 'prompt-dismissal' }] },
    subject: { reference: subject },
    created: dismissal.at.slice(0, 10),
    extension: [{ url: DISMISSAL, valueString: JSON.stringify(dismissal) }],
  };
}

/** Throws when the patient's data cannot all be read: an export must not drop data silently. */
export async function exportPatient(ctx: StorageContext, patientKey: string): Promise<FhirBundle> {
  assertPatientKey(patientKey);
  const summary = await loadPatient(ctx, patientKey);
  if (!summary?.patient) {
    throw new Error(
      'Nothing to export under this key: the patient has not been opened on this workstation.',
    );
  }
  return buildBundle(ctx, patientKey, summary.patient);
}

/**
 * One Bundle per stored patient. A patient whose identity was never recorded (data written
 * before the chart was opened) is still exported, with an identity-less Patient, rather than
 * left out of a file the user takes to be everything.
 */
export async function exportAll(
  ctx: StorageContext,
): Promise<{ patientKey: string; bundle: FhirBundle }[]> {
  const db = await ctx.db();
  const patientKeys = await db.getAllKeys('patients');
  const exported: { patientKey: string; bundle: FhirBundle }[] = [];
  for (const patientKey of patientKeys) {
    const summary = await loadPatient(ctx, patientKey);
    exported.push({
      patientKey,
      bundle: await buildBundle(ctx, patientKey, summary?.patient ?? null),
    });
  }
  return exported;
}

async function buildBundle(
  ctx: StorageContext,
  patientKey: string,
  patient: StoredPatient | null,
): Promise<FhirBundle> {
  const [scores, safetyPlan, dismissals] = await Promise.all([
    loadScores(ctx, patientKey),
    loadSafetyPlan<Json>(ctx, patientKey),
    loadDismissals(ctx, patientKey),
  ]);
  if (scores.unreadable.length > 0) {
    throw new Error(
      `Export stopped: ${scores.unreadable.length} stored score record(s) cannot be read, and an ` +
        'export without them would look complete.',
    );
  }
  const patientUrl = fullUrl();
  const entry: FhirBundle['entry'] = [
    {
      fullUrl: patientUrl,
      resource: patient
        ? patientToFhir(patient.origin, patient.identity)
        : { resourceType: 'Patient', identifier: [] },
    },
    ...scores.entries.map((score) => ({
      fullUrl: fullUrl(),
      resource: scoreToFhir(score, patientUrl),
    })),
    ...dismissals.map((dismissal) => ({
      fullUrl: fullUrl(),
      resource: dismissalToFhir(dismissal, patientUrl),
    })),
  ];
  if (safetyPlan) {
    entry.push({ fullUrl: fullUrl(), resource: safetyPlanResource(safetyPlan.plan, patientUrl) });
  }
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: ctx.now().toISOString(),
    entry,
  };
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

const Coding = v.looseObject({ system: v.optional(v.string()), code: v.optional(v.string()) });
const CodeableConcept = v.looseObject({
  coding: v.optional(v.array(Coding)),
  text: v.optional(v.string()),
});
const Extension = v.looseObject({ url: v.string(), valueString: v.optional(v.string()) });
const ValueFields = {
  valueInteger: v.optional(v.pipe(v.number(), v.integer())),
  valueQuantity: v.optional(v.looseObject({ value: v.number() })),
  valueString: v.optional(v.string()),
};

const PatientResource = v.looseObject({
  resourceType: v.literal('Patient'),
  meta: v.looseObject({ source: v.string() }),
  identifier: v.optional(
    v.array(
      v.looseObject({
        system: v.optional(v.string()),
        type: v.optional(CodeableConcept),
        value: v.string(),
      }),
    ),
  ),
  name: v.optional(v.array(v.looseObject({ text: v.optional(v.string()) }))),
  birthDate: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))),
  gender: v.optional(v.picklist(['female', 'male', 'other', 'unknown'])),
});

const ObservationResource = v.looseObject({
  resourceType: v.literal('Observation'),
  meta: v.optional(v.looseObject({ tag: v.optional(v.array(Coding)) })),
  extension: v.optional(v.array(Extension)),
  code: CodeableConcept,
  effectiveDateTime: v.optional(v.string()),
  ...ValueFields,
  component: v.optional(v.array(v.looseObject({ code: CodeableConcept, ...ValueFields }))),
});

const CarePlanResource = v.looseObject({
  resourceType: v.literal('CarePlan'),
  extension: v.array(Extension),
});

const BasicResource = v.looseObject({
  resourceType: v.literal('Basic'),
  code: CodeableConcept,
  extension: v.array(Extension),
});

const BundleShape = v.looseObject({
  resourceType: v.literal('Bundle'),
  type: v.literal('collection'),
  entry: v.array(v.looseObject({ resource: v.looseObject({ resourceType: v.string() }) })),
});

function parse<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  what: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue?.path?.map((segment) => String(segment.key)).join('.') ?? '';
    throw new Error(`Import refused: ${what} is not valid (${path || 'root'}: ${issue?.message}).`);
  }
  return result.output;
}

function extensionValue(extensions: v.InferOutput<typeof Extension>[] | undefined, url: string) {
  return extensions?.find((extension) => extension.url === url)?.valueString ?? null;
}

function parseJson<T>(text: string | null, what: string): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`Import refused: ${what} is not valid JSON.`);
  }
}

function readValue(fields: {
  valueInteger?: number;
  valueQuantity?: { value: number };
  valueString?: string;
}): number | string | null {
  return fields.valueInteger ?? fields.valueQuantity?.value ?? fields.valueString ?? null;
}

function identityFromFhir(patient: v.InferOutput<typeof PatientResource>): PatientIdentity {
  return {
    name: patient.name?.find((name) => name.text)?.text ?? null,
    birthDate: patient.birthDate ?? null,
    sex: patient.gender ?? null,
    identifiers: (patient.identifier ?? []).map((identifier) => ({
      system: identifier.system ?? identifier.type?.text ?? null,
      type:
        identifier.type?.coding?.find((coding) => coding.system === CODE_SYSTEMS.identifierType)
          ?.code ?? null,
      value: identifier.value,
    })),
  };
}

function scoreFromFhir(observation: v.InferOutput<typeof ObservationResource>, index: number) {
  const source = observation.meta?.tag?.find((tag) => tag.system === SCORE_SOURCE)?.code;
  const provenance = parseJson<ScoreEntry['provenance']>(
    extensionValue(observation.extension, PROVENANCE),
    `the provenance of observation ${index + 1}`,
  ) ?? { source: (source ?? 'fhir') as ScoreEntry['provenance']['source'], via: 'FHIR import' };
  const loinc = observation.code.coding?.find((coding) => coding.code)?.code;
  const instrument =
    observation.code.text ?? (loinc ? findInstrument(loinc)?.name : undefined) ?? '';
  const items: Record<number, number | string | null> = {};
  for (const component of observation.component ?? []) {
    const item = component.code.coding?.find((coding) => coding.system === ITEM_NUMBER)?.code;
    if (item !== undefined && /^\d+$/.test(item)) items[Number(item)] = readValue(component);
  }
  const date = observation.effectiveDateTime?.slice(0, 10) ?? null;
  const entry: ScoreEntry = {
    instrument,
    date,
    total: readValue(observation),
    ...(Object.keys(items).length > 0 ? { items } : {}),
    provenance,
  };
  return entry;
}

/**
 * The patient key a bundle's Patient gives on this workstation (its EHR origin and identifier),
 * for an import of a whole export file, where no chart is open to name the patient.
 */
export async function patientKeyOfBundle(ctx: StorageContext, bundle: unknown): Promise<string> {
  const shape = parse(BundleShape, bundle, 'the file (a FHIR R4 Bundle of type collection)');
  const patients = shape.entry.filter((entry) => entry.resource.resourceType === 'Patient');
  if (patients.length !== 1) {
    throw new Error(`Import refused: the bundle must hold one Patient, not ${patients.length}.`);
  }
  const patient = parse(PatientResource, patients[0]?.resource, 'the Patient');
  const keys = await ctx.keys();
  const key = await derivePatientKey(
    keys.patientIdentity,
    patient.meta.source,
    identityFromFhir(patient),
  );
  if (key === null) {
    throw new Error(
      "Import refused: the bundle's Patient has no identifier to match the chart by.",
    );
  }
  return key;
}

export async function importPatient(
  ctx: StorageContext,
  patientKey: string,
  bundle: unknown,
): Promise<ImportReport> {
  assertPatientKey(patientKey);
  const shape = parse(BundleShape, bundle, 'the file (a FHIR R4 Bundle of type collection)');
  const resources = shape.entry.map((entry) => entry.resource);
  const patients = resources.filter((resource) => resource.resourceType === 'Patient');
  if (patients.length !== 1) {
    throw new Error(`Import refused: the bundle must hold one Patient, not ${patients.length}.`);
  }
  const patient = parse(PatientResource, patients[0], 'the Patient');
  const identity = identityFromFhir(patient);
  const keys = await ctx.keys();
  const bundleKey = await derivePatientKey(keys.patientIdentity, patient.meta.source, identity);
  if (bundleKey === null) {
    throw new Error(
      "Import refused: the bundle's Patient has no identifier to match the chart by.",
    );
  }
  if (bundleKey !== patientKey) {
    throw new Error(
      'Import refused: the bundle is for a different patient (or EHR) than the chart that is open. Nothing was imported.',
    );
  }

  const scores = resources
    .filter((resource) => resource.resourceType === 'Observation')
    .map((resource, index) =>
      scoreFromFhir(parse(ObservationResource, resource, `observation ${index + 1}`), index),
    );
  assertScoreEntries(scores);
  const dismissals = resources
    .filter((resource) => resource.resourceType === 'Basic')
    .map((resource, index) => parse(BasicResource, resource, `dismissal ${index + 1}`))
    .filter((basic) => basic.code.coding?.some((coding) => coding.code === 'prompt-dismissal'))
    .map((basic, index) => {
      const dismissal = parseJson<PromptDismissal>(
        extensionValue(basic.extension, DISMISSAL),
        `dismissal ${index + 1}`,
      );
      if (!dismissal) throw new Error(`Import refused: dismissal ${index + 1} is empty.`);
      assertDismissal(dismissal);
      return dismissal;
    });
  const carePlans = resources.filter((resource) => resource.resourceType === 'CarePlan');
  if (carePlans.length > 1) {
    throw new Error(`Import refused: the bundle holds ${carePlans.length} safety plans, not one.`);
  }
  const plan = carePlans[0]
    ? parseJson<Json>(
        extensionValue(
          parse(CarePlanResource, carePlans[0], 'the safety plan').extension,
          SAFETY_PLAN,
        ),
        'the safety plan',
      )
    : null;
  if (carePlans[0] && (plan === null || typeof plan !== 'object' || Array.isArray(plan))) {
    throw new Error('Import refused: the safety plan is missing or is not an object.');
  }

  const known = await loadPatient(ctx, patientKey);
  if (!known?.patient) await rememberPatient(ctx, patientKey, patient.meta.source, identity);
  const added = await addScores(ctx, patientKey, scores);
  const dismissalsAdded =
    dismissals.length > 0 ? await mergeDismissals(ctx, patientKey, dismissals) : 0;
  const safetyPlan = plan ? await mergeSafetyPlan(ctx, patientKey, plan) : 'none';
  return {
    scoresAdded: added.added,
    scoresAlreadyStored: added.duplicates,
    dismissalsAdded,
    safetyPlan,
  };
}

/** The bundle's plan wins only over no plan, or over one last updated before it. */
async function mergeSafetyPlan(
  ctx: StorageContext,
  patientKey: string,
  plan: Json,
): Promise<ImportReport['safetyPlan']> {
  const stored = await loadSafetyPlan<Json>(ctx, patientKey);
  const { revision: _bundleRevision, ...content } = plan;
  if (stored) {
    const storedAt = Date.parse(String(stored.plan.updatedAt ?? ''));
    const importedAt = Date.parse(String(plan.updatedAt ?? ''));
    if (!(importedAt > storedAt)) return 'kept-existing';
  }
  const saved = await saveSafetyPlan(ctx, patientKey, content, stored?.revision ?? 0);
  return saved.ok ? 'imported' : 'kept-existing';
}
