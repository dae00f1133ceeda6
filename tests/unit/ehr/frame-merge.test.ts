// @vitest-environment happy-dom
/**
 * The merge rule for EHRs built from frames, one case per test: a frame's data joins the banner's
 * patient only with positive evidence, and everything else is held back with a reason.
 */
import { describe, expect, it } from 'vitest';
import { createFrameService } from '../../../entrypoints/background/frames';
import type { TabPatient } from '../../../entrypoints/background/tabs';
import { parseMedicationLine } from '../../../utils/clinical/medications/parse';
import { emptyPatientContext, type PatientIdentity } from '../../../utils/clinical/types';
import { openEmrAdapter } from '../../../utils/ehr/adapters/openemr';
import {
  CLOCK_MARGIN_MS,
  EMPTY_FRAME_BOOK,
  type FrameBook,
  type FrameSnapshot,
  mergeFrames,
  putFrame,
  removeFrame,
  type TopDocument,
} from '../../../utils/ehr/frames/merge';
import { readPatientKey } from '../../../utils/ehr/frames/where';
import { finishReading, pageProvenance, problem } from '../../../utils/ehr/identity/reading';
import { identityFingerprint } from '../../../utils/ehr/identity/resolve';
import { readWith } from '../../../utils/ehr/sections/all-readers';
import type { PageReading } from '../../../utils/ehr/types';
import { loadFixture } from './load';

const MAYA: Partial<PatientIdentity> = {
  name: 'Maya Ellison',
  birthDate: '1991-04-17',
  identifiers: [{ system: 'MRN', type: 'MR', value: '00418273' }],
};
const DANIEL: Partial<PatientIdentity> = {
  name: 'Daniel Okafor',
  birthDate: '1971-11-23',
  identifiers: [{ system: 'MRN', type: 'MR', value: '00420561' }],
};

const PAGE_LOADED = 1_000_000;
const CHANGED = PAGE_LOADED + 60_000;
const TOP_URL = 'http://127.0.0.1:4310/framed/?pid=1001';
const DASHBOARD_URL = 'http://127.0.0.1:4310/framed/dashboard?pid=1001';

function reading(
  identity: Partial<PatientIdentity>,
  options: { medications?: string[]; adapter?: string; url?: string; conflict?: boolean } = {},
): PageReading {
  const url = new URL(options.url ?? TOP_URL);
  const context = emptyPatientContext(identity);
  for (const line of options.medications ?? []) {
    context.medications.push(parseMedicationLine(line, pageProvenance('test #medications', url)));
  }
  return finishReading({
    adapter: options.adapter ?? 'demo',
    context,
    confidence: { name: 1, birthDate: 1, mrn: 1 },
    problems: options.conflict
      ? [problem('ehrProblemConflictingNames', { first: 'Maya Ellison', second: 'Daniel Okafor' })]
      : [],
  });
}

function top(identity: Partial<PatientIdentity>, patientKey: string | null): TopDocument {
  const page = reading(identity);
  return {
    fingerprint: identityFingerprint(page),
    reading: page,
    patientKey,
    documentLoadedAt: PAGE_LOADED,
    identityChangedAt: CHANGED,
  };
}

function frame(overrides: Partial<FrameSnapshot> & { reading: PageReading }): FrameSnapshot {
  return {
    frameId: 7,
    url: DASHBOARD_URL,
    namePath: ['dashboard'],
    patientKey: null,
    loadedAt: CHANGED + 400,
    changedAt: CHANGED + 450,
    ...overrides,
  };
}

const medicationsShown = (merged: ReturnType<typeof mergeFrames>) =>
  merged.context.medications.map((medication) => medication.text);

describe('merging the frames of one chart', () => {
  it('holds back a frame that still shows the chart from before the patient changed', () => {
    const stale = frame({
      loadedAt: CHANGED - 5_000,
      reading: reading({}, { medications: ['Lithium carbonate 300 mg twice daily'] }),
    });
    const merged = mergeFrames(top(MAYA, null), [stale]);
    expect(medicationsShown(merged)).toEqual([]);
    expect(merged.held).toEqual([
      { frameUrl: stale.url, reason: 'chart-loading', sections: ['medications'] },
    ]);
  });

  it('holds back a frame loaded after the change that names another patient', () => {
    const other = frame({
      reading: reading(DANIEL, { medications: ['Bupropion XL 300 mg daily'] }),
    });
    const twoPatients = frame({
      frameId: 8,
      reading: reading({}, { medications: ['Sertraline 100 mg daily'], conflict: true }),
    });
    const merged = mergeFrames(top(MAYA, null), [other, twoPatients]);
    expect(medicationsShown(merged)).toEqual([]);
    expect(merged.held.map((held) => held.reason)).toEqual(['other-patient', 'other-patient']);
  });

  // Issue 18: this frame joined by timing alone before (it started loading after the change);
  // a frame with chart data and no identity now needs its address or a pack's key.
  it('holds a fresh frame that shows no patient and whose address says nothing of one', () => {
    const fresh = frame({
      url: 'http://127.0.0.1:4310/framed/dashboard',
      reading: reading({}, { medications: ['Sertraline 100 mg daily'], url: DASHBOARD_URL }),
    });
    const merged = mergeFrames(top(MAYA, null), [fresh]);
    expect(medicationsShown(merged)).toEqual([]);
    expect(merged.held).toEqual([
      { frameUrl: fresh.url, reason: 'no-evidence', sections: ['medications'] },
    ]);
  });

  it('joins a frame whose address carries the banner’s record number on the top’s host, marked with its frame', () => {
    const fresh = frame({
      url: 'http://127.0.0.1:4310/framed/dashboard?mrn=00418273',
      reading: reading({}, { medications: ['Sertraline 100 mg daily'], url: DASHBOARD_URL }),
    });
    expect(medicationsShown(mergeFrames(top(MAYA, null), [fresh]))).toEqual([]);
    const merged = mergeFrames({ ...top(MAYA, null), url: TOP_URL }, [fresh]);
    expect(medicationsShown(merged)).toEqual(['Sertraline 100 mg daily']);
    expect(merged.context.medications[0]?.provenance.frame).toBe(DASHBOARD_URL);
    expect(merged.joined).toEqual([
      { frameUrl: fresh.url, evidence: 'address', param: 'mrn', sections: ['medications'] },
    ]);
    expect(merged.context.identity.name).toBe('Maya Ellison');
  });

  it('does not take timing alone for a frame started within the clocks’ margin of the change', () => {
    const borderline = frame({
      loadedAt: CHANGED + CLOCK_MARGIN_MS - 1,
      reading: reading({}, { medications: ['Sertraline 100 mg daily'] }),
    });
    expect(mergeFrames(top(MAYA, null), [borderline]).held[0]?.reason).toBe('chart-loading');
  });

  it('does not take timing alone for what the generic reader found in an unknown frame', () => {
    const inbox = frame({
      reading: reading({}, { medications: ['Clozapine 200 mg nightly'], adapter: 'generic' }),
    });
    expect(medicationsShown(mergeFrames(top(MAYA, null), [inbox]))).toEqual([]);
  });

  it('joins a frame that shows the same name and date of birth, or the same record number', () => {
    const sameNameAndBirthDate = frame({
      loadedAt: CHANGED - 5_000,
      reading: reading(
        { name: 'ELLISON, Maya', birthDate: '1991-04-17' },
        { medications: ['Sertraline 100 mg daily'] },
      ),
    });
    const sameRecord = frame({
      frameId: 8,
      loadedAt: CHANGED - 5_000,
      reading: reading(
        { identifiers: [{ system: 'MRN', type: 'MR', value: '00418273' }] },
        { medications: ['Trazodone 50 mg at bedtime'] },
      ),
    });
    const merged = mergeFrames(top(MAYA, null), [sameNameAndBirthDate, sameRecord]);
    expect(merged.joined.map((joined) => joined.evidence)).toEqual(['identity', 'identity']);
    expect(medicationsShown(merged)).toHaveLength(2);
  });

  it('joins a frame whose address carries the banner’s patient key, even one loaded before the change', () => {
    const keyed = frame({
      loadedAt: CHANGED - 5_000,
      patientKey: '1001',
      reading: reading({}, { medications: ['Sertraline 100 mg daily'] }),
    });
    const otherKey = frame({
      frameId: 8,
      patientKey: '1002',
      reading: reading({}, { medications: ['Bupropion XL 300 mg daily'] }),
    });
    const merged = mergeFrames(top(MAYA, '1001'), [keyed, otherKey]);
    expect(medicationsShown(merged)).toEqual(['Sertraline 100 mg daily']);
    expect(merged.joined[0]?.evidence).toBe('patient-key');
    expect(merged.held).toEqual([
      { frameUrl: otherKey.url, reason: 'other-patient', sections: ['medications'] },
    ]);
  });

  it('joins a cross-origin frame of the same EHR by its key, but not another system’s look-alike key', () => {
    const sameEhr = frame({
      url: 'http://127.0.0.1:4311/framed/appointments?pid=1001',
      loadedAt: CHANGED - 5_000,
      patientKey: '1001',
      reading: reading({}, { medications: ['Sertraline 100 mg daily'] }),
    });
    const otherSystem = frame({
      frameId: 8,
      url: 'https://pharmacy.example/queue?pid=1001',
      loadedAt: CHANGED - 5_000,
      patientKey: '1001',
      reading: reading({}, { medications: ['Methadone 60 mg daily'], adapter: 'pharmacy-pack' }),
    });
    const merged = mergeFrames(top(MAYA, '1001'), [sameEhr, otherSystem]);
    expect(medicationsShown(merged)).toEqual(['Sertraline 100 mg daily']);
    expect(merged.held.map((held) => [held.frameUrl, held.reason])).toEqual([
      [otherSystem.url, 'chart-loading'],
    ]);
  });

  it('drops the data of a frame that went away, and of frames of an earlier page', () => {
    const dashboard = frame({
      patientKey: '1001',
      reading: reading({}, { medications: ['Sertraline 100 mg daily'] }),
    });
    const earlierPage = frame({
      frameId: 9,
      loadedAt: PAGE_LOADED - 1,
      patientKey: '1001',
      reading: reading({}, { medications: ['Bupropion XL 300 mg daily'] }),
    });
    let book: FrameBook = putFrame(putFrame(EMPTY_FRAME_BOOK, dashboard), earlierPage);
    expect(medicationsShown(mergeFrames(top(MAYA, '1001'), Object.values(book.frames)))).toEqual([
      'Sertraline 100 mg daily',
    ]);
    book = removeFrame(book, dashboard.frameId, dashboard);
    const merged = mergeFrames(top(MAYA, '1001'), Object.values(book.frames));
    expect(medicationsShown(merged)).toEqual([]);
    expect(merged.held).toEqual([]);
  });

  it('keeps a reloaded frame’s new document when the old one’s reports arrive late', () => {
    const before = frame({
      patientKey: '1001',
      reading: reading({}, { medications: ['Lithium 300 mg twice daily'] }),
    });
    const after = frame({
      patientKey: '1001',
      loadedAt: before.loadedAt + 900,
      reading: reading({}, { medications: ['Sertraline 100 mg daily'] }),
    });
    let book = putFrame(EMPTY_FRAME_BOOK, after);
    book = putFrame(book, before);
    book = removeFrame(book, before.frameId, before);
    expect(medicationsShown(mergeFrames(top(MAYA, '1001'), Object.values(book.frames)))).toEqual([
      'Sertraline 100 mg daily',
    ]);
  });
});

describe('frames per tab (background)', () => {
  const tabPatient = (identity: Partial<PatientIdentity>): TabPatient => {
    const page = reading(identity);
    return {
      fingerprint: identityFingerprint(page),
      origin: 'http://127.0.0.1:4310',
      reading: page,
      confirmedByUser: false,
    };
  };

  it('keeps two tabs with different patients apart, even when their frames have the same id', async () => {
    const service = createFrameService();
    const maya = tabPatient(MAYA);
    const daniel = tabPatient(DANIEL);
    for (const [tabId, tab, key] of [
      [1, maya, '1001'],
      [2, daniel, '1002'],
    ] as const) {
      await service.noteTop(tabId, {
        fingerprint: tab.fingerprint,
        patientKey: key,
        documentLoadedAt: PAGE_LOADED,
        identityChangedAt: CHANGED,
      });
    }
    await service.put(
      1,
      frame({
        frameId: 3,
        patientKey: '1001',
        reading: reading({}, { medications: ['Sertraline 100 mg daily'] }),
      }),
    );
    await service.put(
      2,
      frame({
        frameId: 3,
        patientKey: '1002',
        reading: reading({}, { medications: ['Bupropion XL 300 mg daily'] }),
      }),
    );
    const inTab1 = await service.merged(1, maya);
    const inTab2 = await service.merged(2, daniel);
    expect(inTab1?.context.medications.map((m) => m.text)).toEqual(['Sertraline 100 mg daily']);
    expect(inTab2?.context.medications.map((m) => m.text)).toEqual(['Bupropion XL 300 mg daily']);
    // A tab's frames are never merged for a patient its top frame did not announce.
    expect(await service.merged(1, daniel)).toBeNull();
  });

  it('drops every frame’s data the moment the identity changes', async () => {
    const service = createFrameService();
    const maya = tabPatient(MAYA);
    const daniel = tabPatient(DANIEL);
    const timing = { patientKey: null, documentLoadedAt: PAGE_LOADED, identityChangedAt: CHANGED };
    await service.noteTop(1, { ...timing, fingerprint: maya.fingerprint, url: TOP_URL });
    await service.put(
      1,
      frame({ frameId: 3, reading: reading({}, { medications: ['Sertraline 100 mg daily'] }) }),
    );
    expect((await service.merged(1, maya))?.context.medications).toHaveLength(1);
    await service.noteTop(1, {
      ...timing,
      fingerprint: daniel.fingerprint,
      identityChangedAt: CHANGED + 1_000,
      url: 'http://127.0.0.1:4310/framed/?pid=1002',
    });
    const afterChange = await service.merged(1, daniel);
    expect(afterChange?.context.medications).toEqual([]);
    expect(afterChange?.held.map((held) => held.reason)).toEqual(['chart-loading']);
  });
  it('writes its session copy behind, and a restarted worker merges from it', async () => {
    const maya = tabPatient(MAYA);
    const before = createFrameService();
    await before.noteTop(7, {
      fingerprint: maya.fingerprint,
      url: TOP_URL,
      patientKey: null,
      documentLoadedAt: PAGE_LOADED,
      identityChangedAt: CHANGED,
    });
    await before.put(
      7,
      frame({ frameId: 3, reading: reading({}, { medications: ['Sertraline 100 mg daily'] }) }),
    );
    // The copy goes out on a timer, after the change that made it.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const restarted = createFrameService();
    const merged = await restarted.merged(7, maya);
    expect(merged?.context.medications.map((m) => m.text)).toEqual(['Sertraline 100 mg daily']);
  });
});

describe('OpenEMR: the patient bar on top, the dashboard and encounter in tab frames', () => {
  const TOP = new URL('https://emr.clinic.example/openemr/interface/main/tabs/main.php');
  const DASHBOARD = new URL(
    'https://emr.clinic.example/openemr/interface/patient_file/summary/demographics.php?set_pid=5',
  );
  const ENCOUNTER = new URL(
    'https://emr.clinic.example/openemr/interface/patient_file/encounter/forms.php',
  );

  const snapshot = (fixture: string, url: URL, frameId: number, loadedAt: number) => {
    const document = loadFixture('openemr', fixture);
    return frame({
      frameId,
      url: url.href,
      loadedAt,
      patientKey: readPatientKey(openEmrAdapter, document, url),
      reading: readWith(openEmrAdapter, document, url),
    });
  };

  const openEmrTop = (fixture: string): TopDocument => {
    const document = loadFixture('openemr', fixture);
    const page = readWith(openEmrAdapter, document, TOP);
    return {
      fingerprint: identityFingerprint(page),
      reading: page,
      patientKey: readPatientKey(openEmrAdapter, document, TOP),
      documentLoadedAt: PAGE_LOADED,
      identityChangedAt: CHANGED,
    };
  };

  it('reads the patient key from the patient bar’s picture and the tab frame’s set_pid', () => {
    expect(openEmrTop('main-patient-bar.html').patientKey).toBe('5');
    expect(snapshot('dashboard.html', DASHBOARD, 3, CHANGED).patientKey).toBe('5');
    expect(snapshot('encounter-phq9.html', ENCOUNTER, 4, CHANGED).patientKey).toBeNull();
  });

  it('joins the dashboard of the patient in the bar; the encounter, with no evidence, waits', () => {
    const merged = mergeFrames(openEmrTop('main-patient-bar.html'), [
      snapshot('dashboard.html', DASHBOARD, 3, CHANGED - 5_000),
      snapshot('encounter-phq9.html', ENCOUNTER, 4, CHANGED + 800),
    ]);
    // The encounter frame shows no patient and its address (forms.php) none either: it joined by
    // timing alone before issue 18, and now waits, saying why.
    expect(merged.joined.map((joined) => joined.evidence)).toEqual(['identity']);
    expect(merged.context.medications.length).toBeGreaterThan(0);
    expect(merged.context.scores).toEqual([]);
    expect(merged.held).toEqual([
      { frameUrl: ENCOUNTER.href, reason: 'no-evidence', sections: ['scores'] },
    ]);
  });

  it('holds back another patient’s dashboard and an encounter left from before the change', () => {
    const merged = mergeFrames(openEmrTop('main-patient-bar-us-dates.html'), [
      snapshot('dashboard.html', DASHBOARD, 3, CHANGED + 800),
      snapshot('encounter-phq9.html', ENCOUNTER, 4, CHANGED - 5_000),
    ]);
    expect(merged.context.medications).toEqual([]);
    expect(merged.context.scores).toEqual([]);
    expect(merged.held.map((held) => held.reason)).toEqual(['other-patient', 'chart-loading']);
  });
});

describe('a legacy frameset with no pack: what the frames’ addresses say (issues 17, 18)', () => {
  const HOST = 'http://127.0.0.1:4320';
  const LEGACY_TOP = `${HOST}/ehr/main.asp?patient=7731&session=a1b2c3`;
  const SUMMARY = `${HOST}/ehr/summary.asp?mrn=00418273`;

  const legacyTop = (
    identity: Partial<PatientIdentity> = MAYA,
    options: { url?: string; earlier?: TopDocument['earlier'] } = {},
  ): TopDocument => {
    const page = reading(identity, { adapter: 'generic', url: options.url ?? LEGACY_TOP });
    return {
      fingerprint: identityFingerprint(page),
      reading: page,
      patientKey: null,
      documentLoadedAt: PAGE_LOADED,
      identityChangedAt: CHANGED,
      url: options.url ?? LEGACY_TOP,
      earlier: options.earlier ?? [],
    };
  };

  const legacyFrame = (url: string, overrides: Partial<FrameSnapshot> = {}): FrameSnapshot =>
    frame({
      url,
      origin: new URL(url).origin,
      documentId: `doc-${url}`,
      reading: reading({}, { medications: ['Sertraline 100 mg daily'], adapter: 'generic', url }),
      ...overrides,
    });

  /** Daniel, shown in this tab before Maya, with his record number and the top's address then. */
  const DANIEL_BEFORE = {
    fingerprint: identityFingerprint(reading(DANIEL)),
    recordNumbers: ['00420561'],
    query: [
      ['patient', '7732'],
      ['session', 'a1b2c3'],
      ['clinic', '301'],
    ] as [string, string][],
  };

  it('joins a frame whose address carries the banner’s record number, at any time', () => {
    const merged = mergeFrames(legacyTop(), [legacyFrame(SUMMARY, { loadedAt: CHANGED - 5_000 })]);
    expect(merged.joined).toEqual([
      { frameUrl: SUMMARY, evidence: 'address', param: 'mrn', sections: ['medications'] },
    ]);
    expect(merged.patientParam).toBeNull();
  });

  it('discovers the top address’s patient parameter from a frame that repeats its value', () => {
    const chart = `${HOST}/ehr/summary.asp?chart=7731`;
    const merged = mergeFrames(legacyTop(), [legacyFrame(chart)]);
    expect(merged.joined.map((joined) => [joined.evidence, joined.param])).toEqual([
      ['address', 'chart'],
    ]);
    expect(merged.patientParam).toBe('patient');
  });

  it('takes no session, token, language or short value for a patient', () => {
    const merged = mergeFrames(legacyTop(), [
      legacyFrame(`${HOST}/ehr/inbox.asp?session=a1b2c3`),
      legacyFrame(`${HOST}/ehr/list.asp?page=1&lang=en`, { frameId: 8 }),
    ]);
    expect(medicationsShown(merged)).toEqual([]);
    expect(merged.held.map((held) => held.reason)).toEqual(['no-evidence', 'no-evidence']);
    expect(merged.patientParam).toBeNull();
  });

  it('takes no top parameter that kept its value while the tab went to another patient', () => {
    const top = legacyTop(MAYA, {
      url: `${HOST}/ehr/main.asp?patient=7731&clinic=301`,
      earlier: [DANIEL_BEFORE],
    });
    const merged = mergeFrames(top, [legacyFrame(`${HOST}/ehr/summary.asp?site=301`)]);
    expect(medicationsShown(merged)).toEqual([]);
    expect(merged.held[0]?.reason).toBe('no-evidence');
  });

  it('holds a frame whose address carries another patient’s record number or key', () => {
    const top = legacyTop(MAYA, { earlier: [DANIEL_BEFORE] });
    const danielsSummary = legacyFrame(`${HOST}/ehr/summary.asp?mrn=00420561`);
    const danielsChart = legacyFrame(`${HOST}/ehr/summary.asp?chart=7732`, {
      frameId: 8,
      loadedAt: CHANGED - 5_000,
    });
    // Carrying Maya's number does not cancel carrying Daniel's: a compare screen is not hers.
    const both = legacyFrame(`${HOST}/ehr/compare.asp?mrn=00418273&other=00420561`, {
      frameId: 9,
    });
    const merged = mergeFrames(top, [danielsSummary, danielsChart, both]);
    expect(medicationsShown(merged)).toEqual([]);
    expect(merged.held.map((held) => held.reason)).toEqual([
      'other-patient',
      'chart-loading',
      'other-patient',
    ]);
  });

  it('does not join another patient’s number it never saw, either', () => {
    const merged = mergeFrames(legacyTop(), [legacyFrame(`${HOST}/ehr/summary.asp?mrn=00999999`)]);
    expect(medicationsShown(merged)).toEqual([]);
    expect(merged.held[0]?.reason).toBe('no-evidence');
  });

  it('holds an injected frame of another origin, with or without the record number', () => {
    const injected = legacyFrame('https://ads.example/widget');
    const lookAlike = legacyFrame('https://ads.example/widget?mrn=00418273', { frameId: 8 });
    const merged = mergeFrames(legacyTop(), [injected, lookAlike]);
    expect(medicationsShown(merged)).toEqual([]);
    expect(merged.held.map((held) => held.reason)).toEqual(['no-evidence', 'no-evidence']);
  });

  it('takes no address the reporting document does not have (the sender’s origin decides)', () => {
    const forged = legacyFrame(SUMMARY, { origin: 'https://ads.example' });
    expect(mergeFrames(legacyTop(), [forged]).held[0]?.reason).toBe('no-evidence');
  });

  describe('nested frames', () => {
    const summary = legacyFrame(SUMMARY, { frameId: 3 });
    const parentOf = (snapshot: FrameSnapshot) => ({
      url: snapshot.url,
      loadedAt: snapshot.loadedAt,
    });
    const meds = legacyFrame(`${HOST}/ehr/meds.asp`, {
      frameId: 4,
      loadedAt: summary.loadedAt + 120,
      parent: parentOf(summary),
      reading: reading({}, { medications: ['Lithium carbonate 300 mg twice daily'] }),
    });

    it('joins a frame its admitted parent loaded after the change, and its own child in turn', () => {
      const doses = legacyFrame(`${HOST}/ehr/doses.asp`, {
        frameId: 5,
        loadedAt: meds.loadedAt + 80,
        parent: parentOf(meds),
        reading: reading({}, { medications: ['Trazodone 50 mg at bedtime'] }),
      });
      const merged = mergeFrames(legacyTop(), [doses, meds, summary]);
      expect(merged.joined.map((joined) => [joined.frameUrl, joined.evidence])).toEqual([
        [summary.url, 'address'],
        [meds.url, 'parent'],
        [doses.url, 'parent'],
      ]);
      expect(medicationsShown(merged)).toHaveLength(3);
    });

    it('holds it when the parent is held, absent, or of another origin', () => {
      const danielsSummary = legacyFrame(`${HOST}/ehr/summary.asp?mrn=00420561`, { frameId: 3 });
      const underDaniel = { ...meds, parent: parentOf(danielsSummary) };
      expect(
        mergeFrames(legacyTop(MAYA, { earlier: [DANIEL_BEFORE] }), [danielsSummary, underDaniel])
          .held,
      ).toHaveLength(2);
      expect(mergeFrames(legacyTop(), [meds]).held[0]?.reason).toBe('no-evidence');
      const otherOrigin = { ...meds, origin: 'http://127.0.0.1:4399' };
      expect(mergeFrames(legacyTop(), [summary, otherOrigin]).held[0]?.reason).toBe('no-evidence');
    });

    it('holds a child left from before the change, even under a parent of this patient', () => {
      const leftOver = { ...meds, loadedAt: CHANGED - 1_000 };
      const early = { ...summary, loadedAt: CHANGED - 2_000 };
      const merged = mergeFrames(legacyTop(), [early, { ...leftOver, parent: parentOf(early) }]);
      expect(merged.joined.map((joined) => joined.evidence)).toEqual(['address']);
      expect(merged.held.map((held) => held.reason)).toEqual(['chart-loading']);
    });

    it('admits nothing through a parent chain that loops', () => {
      const a = legacyFrame(`${HOST}/ehr/a.asp`, { frameId: 6 });
      const b = legacyFrame(`${HOST}/ehr/b.asp`, { frameId: 7, parent: parentOf(a) });
      const looped = { ...a, parent: parentOf(b) };
      expect(medicationsShown(mergeFrames(legacyTop(), [looped, b]))).toEqual([]);
    });
  });
});

describe('frame reports bound to the sending document', () => {
  const report = (documentId: string, loadedAt: number, line: string) =>
    frame({
      documentId,
      loadedAt,
      patientKey: '1001',
      reading: reading({}, { medications: [line] }),
    });
  const shown = (book: FrameBook) =>
    medicationsShown(mergeFrames(top(MAYA, '1001'), Object.values(book.frames)));

  it('drops a report from a document the frame has left, whatever it says about its load', () => {
    let book = putFrame(EMPTY_FRAME_BOOK, report('doc-1', CHANGED + 100, 'Lithium 300 mg'));
    book = putFrame(book, report('doc-2', CHANGED + 600, 'Sertraline 100 mg daily'));
    // The first document's late report, even one claiming a later load, is not taken.
    book = putFrame(book, report('doc-1', CHANGED + 9_000, 'Lithium 300 mg'));
    expect(shown(book)).toEqual(['Sertraline 100 mg daily']);
  });

  it('drops the reports of a document that said it was gone, and takes only its own data', () => {
    let book = putFrame(EMPTY_FRAME_BOOK, report('doc-2', CHANGED + 600, 'Sertraline 100 mg'));
    // An older document's goodbye does not take the current document's data.
    book = removeFrame(book, 7, { documentId: 'doc-1', loadedAt: CHANGED + 100 });
    expect(shown(book)).toEqual(['Sertraline 100 mg']);
    book = removeFrame(book, 7, { documentId: 'doc-2', loadedAt: CHANGED + 600 });
    expect(shown(book)).toEqual([]);
    book = putFrame(book, report('doc-2', CHANGED + 600, 'Sertraline 100 mg'));
    expect(shown(book)).toEqual([]);
    // The frame's next document is taken.
    book = putFrame(book, report('doc-3', CHANGED + 900, 'Bupropion XL 300 mg daily'));
    expect(shown(book)).toEqual(['Bupropion XL 300 mg daily']);
  });
});

describe('a legacy frameset’s patient changes in the background', () => {
  const HOST = 'http://127.0.0.1:4320';
  const topAt = (patient: string) => `${HOST}/ehr/main.asp?patient=${patient}`;
  const tabPatient = (identity: Partial<PatientIdentity>): TabPatient => {
    const page = reading(identity, { adapter: 'generic' });
    return {
      fingerprint: identityFingerprint(page),
      origin: HOST,
      reading: page,
      confirmedByUser: false,
    };
  };
  const chartFrame = (patient: string, documentId: string, loadedAt: number, line: string) =>
    frame({
      frameId: 3,
      url: `${HOST}/ehr/summary.asp?chart=${patient}`,
      origin: HOST,
      documentId,
      loadedAt,
      reading: reading({}, { medications: [line], adapter: 'generic' }),
    });
  const timing = (fingerprint: string, url: string, identityChangedAt: number) => ({
    fingerprint,
    url,
    patientKey: null,
    documentLoadedAt: PAGE_LOADED,
    identityChangedAt,
  });

  it('holds the old patient’s frames under the new banner and joins the reloaded ones', async () => {
    const service = createFrameService();
    const maya = tabPatient(MAYA);
    const daniel = tabPatient(DANIEL);
    await service.noteTop(1, timing(maya.fingerprint, topAt('7731'), CHANGED));
    await service.put(1, chartFrame('7731', 'doc-1', CHANGED + 400, 'Sertraline 100 mg daily'));
    const before = await service.merged(1, maya);
    expect(before?.context.medications.map((m) => m.text)).toEqual(['Sertraline 100 mg daily']);
    expect(before?.patientParam).toBe('patient');

    await service.noteTop(1, timing(daniel.fingerprint, topAt('7732'), CHANGED + 5_000));
    const changing = await service.merged(1, daniel);
    expect(changing?.context.medications).toEqual([]);
    expect(changing?.held.map((held) => held.reason)).toEqual(['chart-loading']);

    await service.put(1, chartFrame('7732', 'doc-2', CHANGED + 5_500, 'Bupropion XL 300 mg'));
    // The first document's report, arriving late, is dropped.
    await service.put(1, chartFrame('7731', 'doc-1', CHANGED + 400, 'Sertraline 100 mg daily'));
    const after = await service.merged(1, daniel);
    expect(after?.context.medications.map((m) => m.text)).toEqual(['Bupropion XL 300 mg']);
  });

  it('takes no evidence from a top address that lags behind the banner', async () => {
    const service = createFrameService();
    const maya = tabPatient(MAYA);
    const daniel = tabPatient(DANIEL);
    await service.noteTop(1, timing(maya.fingerprint, topAt('7731'), CHANGED));
    // The banner shows Daniel while the address still names Maya's chart.
    await service.noteTop(1, timing(daniel.fingerprint, topAt('7731'), CHANGED + 5_000));
    await service.put(1, chartFrame('7731', 'doc-1', CHANGED + 400, 'Sertraline 100 mg daily'));
    const merged = await service.merged(1, daniel);
    expect(merged?.context.medications).toEqual([]);
    expect(merged?.held.map((held) => held.reason)).toEqual(['chart-loading']);
  });

  it('keeps the address a visit’s identity was first read with, not one that moved on', async () => {
    const service = createFrameService();
    const maya = tabPatient(MAYA);
    await service.noteTop(1, timing(maya.fingerprint, topAt('7731'), CHANGED));
    // The same visit read again after the address already moved to the next patient.
    await service.noteTop(1, timing(maya.fingerprint, topAt('7732'), CHANGED));
    await service.put(1, chartFrame('7732', 'doc-1', CHANGED + 400, 'Bupropion XL 300 mg'));
    const merged = await service.merged(1, maya);
    expect(merged?.context.medications).toEqual([]);
    expect(merged?.held.map((held) => held.reason)).toEqual(['no-evidence']);
  });
});

describe('messages a replaced document sent, named after the document that replaced it', () => {
  // The browser names a message's document when the message arrives: the old document's goodbye
  // or last report, sent while the frame was already committing its next document, can carry
  // the next document's id (with the old document's own load time).
  const report = (documentId: string, loadedAt: number, line: string) =>
    frame({
      documentId,
      loadedAt,
      patientKey: '1001',
      reading: reading({}, { medications: [line] }),
    });
  const shown = (book: FrameBook) =>
    medicationsShown(mergeFrames(top(MAYA, '1001'), Object.values(book.frames)));

  it('a goodbye takes neither the next document’s data nor its later reports', () => {
    let book = putFrame(EMPTY_FRAME_BOOK, report('doc-2', CHANGED + 600, 'Sertraline 100 mg'));
    book = removeFrame(book, 7, { documentId: 'doc-2', loadedAt: CHANGED + 100 });
    expect(shown(book)).toEqual(['Sertraline 100 mg']);
    book = putFrame(book, report('doc-2', CHANGED + 600, 'Sertraline 150 mg'));
    expect(shown(book)).toEqual(['Sertraline 150 mg']);
  });

  it('a goodbye that comes first does not keep the next document out', () => {
    let book = removeFrame(EMPTY_FRAME_BOOK, 7, { documentId: 'doc-2', loadedAt: CHANGED + 100 });
    book = putFrame(book, report('doc-2', CHANGED + 600, 'Sertraline 100 mg'));
    expect(shown(book)).toEqual(['Sertraline 100 mg']);
  });

  it('a last report does not overwrite the next document’s data', () => {
    let book = putFrame(EMPTY_FRAME_BOOK, report('doc-2', CHANGED + 600, 'Sertraline 100 mg'));
    book = putFrame(book, report('doc-2', CHANGED + 100, 'Lithium 300 mg'));
    expect(shown(book)).toEqual(['Sertraline 100 mg']);
  });
});
