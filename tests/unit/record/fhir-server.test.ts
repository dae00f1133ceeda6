/**
 * The test FHIR server itself (tests/fhir-server/server.ts): what the record client relies on
 * must hold there, or the client's tests would prove nothing. Medplum's router does the FHIR work;
 * these check the parts added around it and the behaviours the outbox depends on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFhirServer, type TestFhirServer } from '../../fhir-server/server';

let server: TestFhirServer;

beforeAll(async () => {
  server = await startFhirServer();
}, 30_000);

afterAll(async () => {
  await server.close();
});

interface StoredResource {
  resourceType: string;
  id: string;
  meta: { versionId: string };
  [field: string]: unknown;
}

const JSON_HEADERS = { 'content-type': 'application/fhir+json' };

async function post(body: object) {
  const response = await fetch(
    `${server.baseUrl}/${(body as { resourceType: string }).resourceType}`,
    {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    },
  );
  return { response, resource: (await response.json()) as StoredResource };
}

describe('test FHIR server', () => {
  it('answers GET metadata with an R4 CapabilityStatement', async () => {
    const response = await fetch(`${server.baseUrl}/metadata`);
    const statement = await response.json();
    expect(response.status).toBe(200);
    expect(statement.resourceType).toBe('CapabilityStatement');
    expect(statement.fhirVersion).toBe('4.0.1');
  });

  it('refuses a body that is not a valid resource', async () => {
    const { response, resource } = await post({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'PHQ-9' },
      valueQuantity: { value: 'twelve' },
    });
    expect(response.status).toBe(400);
    expect(resource.resourceType).toBe('OperationOutcome');
  });

  it('creates with a version, an ETag and a Location, and reads back', async () => {
    const { response, resource } = await post({
      resourceType: 'Patient',
      identifier: [{ system: 'urn:test:mrn', value: 'A-1' }],
      name: [{ family: 'Lopez', given: ['Maria'] }],
      birthDate: '1980-02-03',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe(`W/"${resource.meta.versionId}"`);
    expect(response.headers.get('location')).toContain(`/Patient/${resource.id}/_history/`);
    const read = await fetch(`${server.baseUrl}/Patient/${resource.id}`);
    expect((await read.json()).birthDate).toBe('1980-02-03');
  });

  it('finds a patient by identifier system|value and not by another system', async () => {
    await post({
      resourceType: 'Patient',
      identifier: [{ system: 'urn:test:mrn', value: 'B-22' }],
      name: [{ family: 'Okafor' }],
    });
    const found = await (
      await fetch(`${server.baseUrl}/Patient?identifier=${encodeURIComponent('urn:test:mrn|B-22')}`)
    ).json();
    expect(found.entry).toHaveLength(1);
    const other = await (
      await fetch(`${server.baseUrl}/Patient?identifier=${encodeURIComponent('urn:other|B-22')}`)
    ).json();
    expect(other.entry ?? []).toHaveLength(0);
  });

  it('answers 412 to a PUT whose If-Match names an older version', async () => {
    const { resource } = await post({ resourceType: 'Patient', name: [{ family: 'Chen' }] });
    const first = resource.meta.versionId;
    const update = await fetch(`${server.baseUrl}/Patient/${resource.id}`, {
      method: 'PUT',
      headers: { ...JSON_HEADERS, 'if-match': `W/"${first}"` },
      body: JSON.stringify({ ...resource, gender: 'female' }),
    });
    expect(update.status).toBe(200);
    const stale = await fetch(`${server.baseUrl}/Patient/${resource.id}`, {
      method: 'PUT',
      headers: { ...JSON_HEADERS, 'if-match': `W/"${first}"` },
      body: JSON.stringify({ ...resource, gender: 'male' }),
    });
    expect(stale.status).toBe(412);
    const current = await (await fetch(`${server.baseUrl}/Patient/${resource.id}`)).json();
    expect(current.gender).toBe('female');
  });

  it('keeps every version in _history', async () => {
    const { resource } = await post({ resourceType: 'Patient', name: [{ family: 'Ruiz' }] });
    await fetch(`${server.baseUrl}/Patient/${resource.id}`, {
      method: 'PUT',
      headers: JSON_HEADERS,
      body: JSON.stringify({ ...resource, gender: 'other' }),
    });
    const history = await (await fetch(`${server.baseUrl}/Patient/${resource.id}/_history`)).json();
    expect(history.entry).toHaveLength(2);
  });
});
