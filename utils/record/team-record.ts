/**
 * The care team's record on the clinic's FHIR server: find the page's patient, write a score or
 * the safety plan, read back what the team wrote. Background only (it fetches); the mapping and
 * the match rules it applies are the pure modules beside it.
 */
import type { SafetyPlan } from '../clinical/safety-plan';
import type { PatientIdentity, ScoreEntry } from '../clinical/types';
import type { FhirClient, FhirResult } from './client';
import {
  type FhirResource,
  type RecordAuthor,
  SAFETY_PLAN_IDENTIFIER_SYSTEM,
  type SafetyPlanLabels,
  SCORE_IDENTIFIER_SYSTEM,
  safetyPlanFromCarePlan,
  safetyPlanToCarePlan,
  scoreToResources,
  type TeamSafetyPlan,
  type TeamScore,
  teamScores,
} from './mapping';
import { identifierQuery, matchPatient, type PatientMatch } from './patient-match';

/** Why a write did not happen now: try again later, or never (the reason is shown). */
export type WriteFailure =
  | { ok: false; kind: 'retry'; message: string }
  | { ok: false; kind: 'refused'; message: string };

export async function findPatient(
  client: FhirClient,
  identity: PatientIdentity,
  origin: string,
  systemsByOrigin: Readonly<Record<string, string>>,
): Promise<PatientMatch | WriteFailure> {
  const query = identifierQuery(identity, origin, systemsByOrigin);
  if (!('query' in query)) return query;
  const result = await client.search('Patient', { identifier: query.query });
  if (!result.ok) return failure(result);
  return matchPatient(identity, result.resource);
}

function failure(result: Exclude<FhirResult<unknown>, { ok: true }>): WriteFailure {
  if (result.kind === 'unreachable') return { ok: false, kind: 'retry', message: result.message };
  if (result.kind === 'conflict') {
    return { ok: false, kind: 'retry', message: `HTTP ${result.status}` };
  }
  return { ok: false, kind: result.retry ? 'retry' : 'refused', message: result.message };
}

/**
 * Writes one entered score: the QuestionnaireResponse, then the total Observation derived from it.
 * Both are conditional creates on the score's Careside identifier, so a retry after a lost reply
 * finds what the first attempt wrote instead of writing it twice.
 */
export async function writeScore(
  client: FhirClient,
  patientReference: string,
  entry: ScoreEntry,
  author: RecordAuthor | null,
  recordId: string,
  now: Date,
): Promise<{ ok: true; references: string[] } | WriteFailure> {
  const resources = scoreToResources(entry, patientReference, author, recordId, now);
  const ifNoneExist = `identifier=${SCORE_IDENTIFIER_SYSTEM}|${recordId}`;
  const response = await client.create(resources.questionnaireResponse, ifNoneExist);
  if (!response.ok) return failure(response);
  const references = [`QuestionnaireResponse/${response.resource.id}`];
  if (resources.observation) {
    const observation = {
      ...resources.observation,
      derivedFrom: [{ reference: references[0] }],
    };
    const created = await client.create(observation, ifNoneExist);
    if (!created.ok) return failure(created);
    references.push(`Observation/${created.resource.id}`);
  }
  return { ok: true, references };
}

export type SafetyPlanWrite =
  | { ok: true; carePlanId: string; versionId: string | null }
  /** Someone else saved the plan since `base`: both versions go to the clinician. */
  | { ok: false; kind: 'conflict'; server: TeamSafetyPlan | null }
  | WriteFailure;

/** The server's version the clinician's edit started from; null for a first plan. */
export interface SafetyPlanBase {
  carePlanId: string;
  versionId: string | null;
}

function patientIdOf(reference: string): string {
  return reference.replace(/^Patient\//, '');
}

async function currentPlan(
  client: FhirClient,
  patientReference: string,
  crisisContacts: SafetyPlan['crisisContacts'],
): Promise<TeamSafetyPlan | null | WriteFailure> {
  const found = await client.search('CarePlan', {
    identifier: `${SAFETY_PLAN_IDENTIFIER_SYSTEM}|${patientIdOf(patientReference)}`,
  });
  if (!found.ok) return failure(found);
  const plans = found.resource
    .map((carePlan) => safetyPlanFromCarePlan(carePlan, crisisContacts))
    .filter((plan): plan is TeamSafetyPlan => plan !== null);
  return plans[0] ?? null;
}

/**
 * Saves the safety plan as the patient's one Careside CarePlan. An edit of an existing plan is a
 * PUT with `If-Match` on the version it was based on; a first plan is a conditional create, so two
 * clinicians each writing a first plan also meet as a conflict instead of making two plans.
 */
export async function writeSafetyPlan(
  client: FhirClient,
  patientReference: string,
  plan: SafetyPlan,
  author: RecordAuthor | null,
  base: SafetyPlanBase | null,
  labels: SafetyPlanLabels,
  now: Date,
): Promise<SafetyPlanWrite> {
  const recordId = patientIdOf(patientReference);
  const carePlan = safetyPlanToCarePlan(
    plan,
    patientReference,
    author,
    recordId,
    labels,
    now,
    base?.carePlanId,
  );
  const conflict = async (): Promise<SafetyPlanWrite> => {
    const server = await currentPlan(client, patientReference, plan.crisisContacts);
    if (server && 'kind' in server) return server;
    return { ok: false, kind: 'conflict', server };
  };
  if (base) {
    const updated = await client.update(carePlan as FhirResource & { id: string }, base.versionId);
    if (!updated.ok) return updated.kind === 'conflict' ? conflict() : failure(updated);
    return { ok: true, carePlanId: base.carePlanId, versionId: updated.versionId };
  }
  const created = await client.create(
    carePlan,
    `identifier=${SAFETY_PLAN_IDENTIFIER_SYSTEM}|${recordId}`,
  );
  if (!created.ok) return created.kind === 'conflict' ? conflict() : failure(created);
  // 200 instead of 201: a plan was already there, written by someone this edit did not see.
  if (created.status !== 201) return conflict();
  return { ok: true, carePlanId: String(created.resource.id), versionId: created.versionId };
}

export interface TeamRecord {
  scores: TeamScore[];
  safetyPlan: TeamSafetyPlan | null;
}

/**
 * What the team recorded for the patient: total Observations (Careside's and the EHR's own, with
 * the items of the responses Careside wrote) and Careside's safety plan.
 */
export async function readTeamRecord(
  client: FhirClient,
  patientReference: string,
  crisisContacts: SafetyPlan['crisisContacts'],
): Promise<TeamRecord | WriteFailure> {
  const subject = { subject: patientReference, _count: '200' };
  const [observations, responses, plan] = await Promise.all([
    client.search('Observation', subject),
    client.search('QuestionnaireResponse', subject),
    currentPlan(client, patientReference, crisisContacts),
  ]);
  if (!observations.ok) return failure(observations);
  if (!responses.ok) return failure(responses);
  if (plan && 'kind' in plan) return plan;
  return {
    scores: teamScores([...responses.resource, ...observations.resource]),
    safetyPlan: plan,
  };
}
