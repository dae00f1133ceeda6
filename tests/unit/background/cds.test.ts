/**
 * The background's CDS Hooks service (issue 22, item 7) against the test CDS service on loopback:
 * cards kept per patient, and feedback for a dismissed card naming the card the clinician saw.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCdsService } from '../../../entrypoints/background/cds';
import type { SettingsService } from '../../../entrypoints/background/settings';
import { emptyPatientContext, type PatientContext } from '../../../utils/clinical/types';
import { startCdsService, type TestCdsService } from '../../cds-service/server';

let cdsService: TestCdsService;

beforeAll(async () => {
  cdsService = await startCdsService();
});
afterAll(async () => {
  await cdsService?.close();
});
beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
});

const provenance = { source: 'page', adapter: 'demo', at: '2026-12-05T09:00:00Z' } as never;

function chart(name: string, phq9: number): PatientContext {
  return {
    ...emptyPatientContext({ name, birthDate: '1985-03-02', identifiers: [] as never }),
    scores: [{ instrument: 'PHQ-9', date: '2026-12-01', total: phq9, provenance }],
  };
}

/** A CDS service client on the test service, and a wait for its next answer. */
function configured() {
  const settings = {
    current: async () => ({ effective: { endpoints: { cdsServiceUrl: cdsService.url } } }),
  } as unknown as SettingsService;
  let answered: () => void = () => undefined;
  const cds = createCdsService(settings, null, () => answered());
  const nextAnswer = () =>
    new Promise<void>((resolve) => {
      answered = resolve;
    });
  return { cds, nextAnswer };
}

describe('CDS cards in the background', () => {
  it('keeps each patient’s cards apart', async () => {
    const { cds, nextAnswer } = configured();
    let answer = nextAnswer();
    await cds.view('patient-a', chart('Ana Rivera', 16), { chartOpened: true });
    await answer;
    answer = nextAnswer();
    await cds.view('patient-b', chart('Ben Ode', 4), { chartOpened: true });
    await answer;
    expect((await cds.view('patient-a', chart('Ana Rivera', 16)))?.cards).toHaveLength(1);
    expect((await cds.view('patient-b', chart('Ben Ode', 4)))?.cards).toEqual([]);
  });

  it('sends feedback for the card the clinician saw after a newer answer replaced it', async () => {
    const { cds, nextAnswer } = configured();
    let answer = nextAnswer();
    await cds.view('patient-a', chart('Ana Rivera', 16), { chartOpened: true });
    await answer;
    const seen = (await cds.view('patient-a', chart('Ana Rivera', 16)))?.cards[0];
    // The chart is opened again: the service answers the same card under a new uuid.
    answer = nextAnswer();
    await cds.view('patient-a', chart('Ana Rivera', 16), { chartOpened: true });
    await answer;
    const newer = (await cds.view('patient-a', chart('Ana Rivera', 16)))?.cards[0];
    expect(newer?.uuid).not.toBe(seen?.uuid);

    const before = cdsService.feedback.length;
    expect(
      await cds.dismiss('patient-a', seen?.serviceId ?? '', seen?.uuid ?? '', 'not-applicable'),
    ).toBe(true);
    expect(cdsService.feedback.slice(before).map((sent) => sent.entry.card)).toEqual([seen?.uuid]);
    // Hidden by what it says, so the newer copy is gone too.
    expect((await cds.view('patient-a', chart('Ana Rivera', 16)))?.cards).toEqual([]);
  });

  it('does not dismiss a card of one patient under another patient', async () => {
    const { cds, nextAnswer } = configured();
    const answer = nextAnswer();
    await cds.view('patient-a', chart('Ana Rivera', 16), { chartOpened: true });
    await answer;
    const card = (await cds.view('patient-a', chart('Ana Rivera', 16)))?.cards[0];
    expect(await cds.dismiss('patient-b', card?.serviceId ?? '', card?.uuid ?? '', 'other')).toBe(
      false,
    );
    expect((await cds.view('patient-a', chart('Ana Rivera', 16)))?.cards).toHaveLength(1);
  });
});
