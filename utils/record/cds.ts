/**
 * CDS Hooks 2.0 client (issue 22, item 7): the clinic's decision-support services, called on
 * `patient-view` with what the page shows as prefetch, their cards shown beside Careside's own, and
 * feedback sent when a clinician dismisses one with a reason.
 *
 * Every request goes to the configured service base (`endpoints.cdsServiceUrl`, https or loopback
 * http), never to an address a reply names. Cards are data: their links are shown as plain links
 * (https only) and their suggestions as text; nothing in a card runs or changes the record.
 */
import { findInstrument, reportedLoinc } from '../clinical/instruments';
import type { OverrideReason } from '../clinical/override-reasons';
import type { Indicator, PatientContext } from '../clinical/types';
import { CODE_SYSTEMS } from '../fhir/code-systems';
import { fhirBase } from './client';

export interface CdsService {
  hook: string;
  id: string;
  title?: string;
  description: string;
  prefetch?: Record<string, string>;
}

/** A card as the sidebar shows it: checked, trimmed, with the service it came from. */
export interface CdsCardView {
  serviceId: string;
  /** The card's `uuid`, needed for feedback; null when the service gave none (no feedback). */
  uuid: string | null;
  summary: string;
  detail: string | null;
  indicator: Indicator;
  source: { label: string; url: string | null };
  links: { label: string; url: string }[];
  suggestions: string[];
  /** The override reasons the card offers (CDS Hooks 2.0); feedback uses a matching one. */
  offeredReasons: CodingLike[];
}

/** The system of the override reasons Careside sends when the card offered none of its own. */
export const CARESIDE_OVERRIDE_SYSTEM = 'https://careside.example/fhir/CodeSystem/override-reason';

const INDICATORS: Indicator[] = ['info', 'warning', 'critical'];
const SUMMARY_MAX = 140;

/** The service base: https, or http on this computer; null for anything else. */
export const cdsBase = fhirBase;

function httpsOnly(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;

interface Requester {
  base: URL;
  fetch: typeof fetch;
}

async function requestJson(
  requester: Requester,
  path: string,
  body?: unknown,
): Promise<{ ok: true; json: unknown } | { ok: false; message: string }> {
  const url = new URL(path, requester.base);
  if (url.origin !== requester.base.origin || !url.pathname.startsWith(requester.base.pathname)) {
    return { ok: false, message: 'outside the CDS service base' };
  }
  try {
    const response = await requester.fetch(url.href, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'error',
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!response.ok) return { ok: false, message: `HTTP ${response.status}` };
    const raw = await response.text();
    return { ok: true, json: raw === '' ? null : (JSON.parse(raw) as unknown) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export function createCdsClient(url: string, fetchImpl?: typeof fetch) {
  const base = cdsBase(url);
  if (!base) throw new Error('The CDS service address must be https (or http on this computer).');
  const requester: Requester = {
    base,
    fetch: fetchImpl ?? ((input, init) => fetch(input, init)),
  };

  /** `GET {base}/cds-services`: the services that listen on `patient-view`. */
  async function discover(): Promise<CdsService[] | { error: string }> {
    const result = await requestJson(requester, 'cds-services');
    if (!result.ok) return { error: result.message };
    const services = (result.json as { services?: unknown })?.services;
    if (!Array.isArray(services)) return { error: 'no services' };
    return services.filter(
      (service): service is CdsService =>
        typeof service === 'object' &&
        service !== null &&
        (service as CdsService).hook === 'patient-view' &&
        typeof (service as CdsService).id === 'string' &&
        /^[A-Za-z0-9._-]{1,100}$/.test((service as CdsService).id),
    );
  }

  /** One `patient-view` call; the cards that pass the checks, or why none came. */
  async function call(
    service: CdsService,
    context: { patientId: string; userId: string },
    prefetch: Record<string, unknown>,
    hookInstance: string,
  ): Promise<CdsCardView[] | { error: string }> {
    const result = await requestJson(requester, `cds-services/${encodeURIComponent(service.id)}`, {
      hook: 'patient-view',
      hookInstance,
      context,
      prefetch,
    });
    if (!result.ok) return { error: result.message };
    const cards = (result.json as { cards?: unknown })?.cards;
    if (!Array.isArray(cards)) return { error: 'no cards' };
    return cards.flatMap((card) => checkedCard(service.id, card));
  }

  /** `POST {base}/cds-services/{id}/feedback`: the card was overridden, and why. */
  async function feedback(
    card: Pick<CdsCardView, 'serviceId' | 'uuid'> & { offeredReasons?: CodingLike[] },
    reason: OverrideReason,
    reasonLabel: string,
    at: Date,
  ): Promise<boolean> {
    if (!card.uuid) return false;
    const offered = card.offeredReasons?.find((coding) => coding.code === reason);
    const result = await requestJson(
      requester,
      `cds-services/${encodeURIComponent(card.serviceId)}/feedback`,
      {
        feedback: [
          {
            card: card.uuid,
            outcome: 'overridden',
            overrideReason: {
              reason: offered ?? {
                system: CARESIDE_OVERRIDE_SYSTEM,
                code: reason,
                display: reasonLabel,
              },
            },
            outcomeTimestamp: at.toISOString(),
          },
        ],
      },
    );
    return result.ok;
  }

  return { base, discover, call, feedback };
}

export interface CodingLike {
  system?: string;
  code?: string;
  display?: string;
}

function checkedCard(serviceId: string, raw: unknown): CdsCardView[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const card = raw as Record<string, unknown>;
  const summary = text(card.summary, SUMMARY_MAX);
  const indicator = INDICATORS.includes(card.indicator as Indicator)
    ? (card.indicator as Indicator)
    : null;
  const source = card.source as { label?: unknown; url?: unknown } | undefined;
  const sourceLabel = text(source?.label, 200);
  // The spec makes these three required; a card without them is not shown.
  if (!summary || !indicator || !sourceLabel) return [];
  const links = (Array.isArray(card.links) ? card.links : []).flatMap((link) => {
    const label = text((link as { label?: unknown })?.label, 200);
    const url = httpsOnly((link as { url?: unknown })?.url);
    // SMART app links would launch an app with this page's context: shown as plain links only.
    return label && url ? [{ label, url }] : [];
  });
  const suggestions = (Array.isArray(card.suggestions) ? card.suggestions : []).flatMap(
    (suggestion) => {
      const label = text((suggestion as { label?: unknown })?.label, 200);
      return label ? [label] : [];
    },
  );
  return [
    {
      serviceId,
      uuid: typeof card.uuid === 'string' ? card.uuid.slice(0, 100) : null,
      summary,
      detail: text(card.detail, 2000),
      indicator,
      source: { label: sourceLabel, url: httpsOnly(source?.url) },
      links,
      suggestions,
      offeredReasons: (Array.isArray(card.overrideReasons) ? card.overrideReasons : [])
        .filter((coding): coding is CodingLike => typeof coding?.code === 'string')
        .slice(0, 20)
        .map((coding) => ({
          system: typeof coding.system === 'string' ? coding.system : undefined,
          code: coding.code,
          display: typeof coding.display === 'string' ? coding.display.slice(0, 200) : undefined,
        })),
    },
  ];
}

/** The FHIR type a prefetch template asks for (`Observation?patient=…` → Observation). */
function prefetchType(template: string): string | null {
  return /^([A-Z][A-Za-z]+)(?:[/?]|$)/.exec(template)?.[1] ?? null;
}

const searchset = (resources: unknown[]) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total: resources.length,
  entry: resources.map((resource) => ({ resource })),
});

/**
 * The prefetch a service asked for, built from what the page shows (Careside has no FHIR query to
 * run for it): Patient, Observation (instrument scores), MedicationRequest and Condition. A key
 * Careside cannot fill is left out, which the spec allows; the service then does without.
 */
export function buildPrefetch(
  templates: Record<string, string> | undefined,
  chart: PatientContext,
  patientId: string,
): Record<string, unknown> {
  const subject = { reference: `Patient/${patientId}` };
  const identity = chart.identity;
  const patient = {
    resourceType: 'Patient',
    id: patientId,
    identifier: identity.identifiers.map((identifier) => ({
      ...(identifier.system ? { system: identifier.system } : {}),
      value: identifier.value,
    })),
    ...(identity.name ? { name: [{ text: identity.name }] } : {}),
    ...(identity.birthDate ? { birthDate: identity.birthDate } : {}),
  };
  const observations = chart.scores.flatMap((score, index) => {
    const instrument = findInstrument(score.instrument);
    const loinc = instrument ? reportedLoinc(instrument) : null;
    const total = typeof score.total === 'number' ? score.total : Number(score.total);
    if (!loinc || !Number.isFinite(total)) return [];
    return [
      {
        resourceType: 'Observation',
        id: `score-${index + 1}`,
        status: 'final',
        code: { coding: [{ system: CODE_SYSTEMS.loinc, code: loinc }], text: score.instrument },
        subject,
        ...(score.date ? { effectiveDateTime: score.date } : {}),
        valueInteger: total,
      },
    ];
  });
  const medications = chart.medications.map((medication, index) => ({
    resourceType: 'MedicationRequest',
    id: `medication-${index + 1}`,
    status: medication.status === 'active' ? 'active' : 'unknown',
    intent: 'order',
    subject,
    medicationCodeableConcept: {
      text: medication.text,
      ...(medication.rxnorm
        ? {
            coding: [
              {
                system: CODE_SYSTEMS.rxnorm,
                code: medication.rxnorm,
                display: medication.ingredient ?? undefined,
              },
            ],
          }
        : {}),
    },
  }));
  const conditions = chart.conditions.map((condition, index) => ({
    resourceType: 'Condition',
    id: `condition-${index + 1}`,
    subject,
    code: {
      text: condition.text,
      ...(condition.code && condition.system
        ? {
            coding: [
              {
                system:
                  condition.system === 'ICD-10-CM' ? CODE_SYSTEMS.icd10cm : CODE_SYSTEMS.snomed,
                code: condition.code,
              },
            ],
          }
        : {}),
    },
  }));
  const byType: Record<string, unknown> = {
    Patient: patient,
    Observation: searchset(observations),
    MedicationRequest: searchset(medications),
    Condition: searchset(conditions),
  };
  const prefetch: Record<string, unknown> = {};
  for (const [key, template] of Object.entries(templates ?? {})) {
    const type = prefetchType(template);
    if (type && type in byType) prefetch[key] = byType[type];
  }
  return prefetch;
}
