/**
 * The CDS Hooks 2.0 client against a real (small) CDS service on loopback (issue 22, item 7):
 * discovery, a patient-view call with prefetch built from the page reading, the cards as the
 * sidebar may show them, and feedback for a card dismissed with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyPatientContext, type PatientContext } from '../../../utils/clinical/types';
import { buildPrefetch, cdsBase, createCdsClient } from '../../../utils/record/cds';
import { SERVICE_ID, startCdsService, type TestCdsService } from '../../cds-service/server';

let service: TestCdsService;

beforeAll(async () => {
  service = await startCdsService();
});
afterAll(async () => {
  await service?.close();
});

const provenance = { source: 'page', adapter: 'demo', at: '2026-12-05T09:00:00Z' } as never;

function chart(totals: [string, number][]): PatientContext {
  return {
    ...emptyPatientContext({
      name: 'Rivera, Ana',
      birthDate: '1985-03-02',
      identifiers: [{ system: 'urn:oid:2.16.840.1.113883.19.5', value: 'MRN-1001' }] as never,
    }),
    scores: totals.map(([date, total]) => ({ instrument: 'PHQ-9', date, total, provenance })),
  };
}

describe('CDS Hooks 2.0 patient-view', () => {
  it('finds only the patient-view services', async () => {
    const services = await createCdsClient(service.url).discover();
    expect(Array.isArray(services) && services.map((s) => s.id)).toEqual([SERVICE_ID]);
  });

  it('sends the page’s PHQ-9 scores as the prefetch the service asked for', async () => {
    const client = createCdsClient(service.url);
    const [svc] = (await client.discover()) as Exclude<
      Awaited<ReturnType<typeof client.discover>>,
      { error: string }
    >;
    const prefetch = buildPrefetch(
      svc?.prefetch,
      chart([
        ['2026-09-01', 18],
        ['2026-11-20', 15],
      ]),
      'p1',
    );
    expect(Object.keys(prefetch).sort()).toEqual(['patient', 'phq9']);
    const cards = await client.call(
      svc as NonNullable<typeof svc>,
      { patientId: 'p1', userId: 'Practitioner/dana-reyes' },
      prefetch,
      crypto.randomUUID(),
    );
    expect(service.calls.at(-1)?.context).toEqual({
      patientId: 'p1',
      userId: 'Practitioner/dana-reyes',
    });
    expect(Array.isArray(cards)).toBe(true);
    const [card] = cards as Exclude<typeof cards, { error: string }>;
    expect(card?.summary).toContain('PHQ-9 of 15');
    expect(card?.source.label).toBe('Clinic collaborative-care service');
    // Only https links; suggestions as words, with no action attached.
    expect(card?.links.map((link) => link.url)).toEqual(['https://aims.uw.edu/resource-library']);
    expect(card?.suggestions).toEqual(['Add to next caseload review']);
  });

  it('gets no card when the latest PHQ-9 is below 10', async () => {
    const client = createCdsClient(service.url);
    const cards = await client.call(
      { hook: 'patient-view', id: SERVICE_ID, description: '' },
      { patientId: 'p2', userId: 'Practitioner/x' },
      buildPrefetch(
        { phq9: 'Observation?patient={{context.patientId}}' },
        chart([['2026-11-01', 6]]),
        'p2',
      ),
      crypto.randomUUID(),
    );
    expect(cards).toEqual([]);
  });

  it('sends feedback, outcome overridden with the reason, for a dismissed card', async () => {
    const client = createCdsClient(service.url);
    const cards = (await client.call(
      { hook: 'patient-view', id: SERVICE_ID, description: '' },
      { patientId: 'p3', userId: 'Practitioner/x' },
      buildPrefetch(
        { phq9: 'Observation?patient={{context.patientId}}' },
        chart([['2026-11-01', 21]]),
        'p3',
      ),
      crypto.randomUUID(),
    )) as { serviceId: string; uuid: string | null }[];
    const card = cards[0] as { serviceId: string; uuid: string | null };
    const at = new Date('2026-12-05T10:00:00Z');
    expect(await client.feedback(card, 'not-applicable', 'Not applicable', at)).toBe(true);
    expect(service.feedback.at(-1)?.entry).toEqual({
      card: card.uuid,
      outcome: 'overridden',
      overrideReason: {
        reason: {
          system: 'https://careside.example/fhir/CodeSystem/override-reason',
          code: 'not-applicable',
          display: 'Not applicable',
        },
      },
      outcomeTimestamp: '2026-12-05T10:00:00.000Z',
    });
  });

  it('refuses a service address that is plain http to another computer', () => {
    expect(cdsBase('http://cds.clinic.example')).toBeNull();
    expect(() => createCdsClient('http://cds.clinic.example')).toThrow();
    expect(cdsBase('https://cds.clinic.example/base')?.href).toBe(
      'https://cds.clinic.example/base/',
    );
  });
});
