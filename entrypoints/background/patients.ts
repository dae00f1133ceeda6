import { localToday } from '../../utils/calendar';
import {
  assessSafetyPlan,
  emptySafetyPlan,
  needsNaloxone,
  type SafetyPlan,
} from '../../utils/clinical/safety-plan';
import { scoreEntryDefinitions } from '../../utils/clinical/score-entry-definitions';
import { buildSidebarContent } from '../../utils/clinical/sidebar-content';
import type {
  IsoDate,
  PatientContext,
  PatientIdentity,
  ScoreEntry,
} from '../../utils/clinical/types';
import type { MergedChart } from '../../utils/ehr/frames/index';
import { t, uiLocale } from '../../utils/i18n/browser';
import type { MedicationMarker, PatientView } from '../../utils/patient-view';
import { promptsAddressedOn } from '../../utils/record/note';
import type {
  CaresideStorage,
  PromptDismissal,
  ScoreLoad,
  StoredSafetyPlan,
} from '../../utils/storage';
import type { CdsServiceClient } from './cds';
import { type TopTiming, waitingWords } from './frames';
import type { RecordService } from './record';
import { layoutOf, type SettingsService } from './settings';
import type { TabPatient } from './tabs';

/**
 * Chart markers: where each drug started, and where a later order of the same drug changed its
 * daily dose (EHRs record a dose change as a new order with its own start date).
 */
function medicationMarkers(context: PatientContext, locale: string): MedicationMarker[] {
  const orders = new Map<string, PatientContext['medications']>();
  for (const medication of context.medications) {
    if (medication.startDate === null) continue;
    const drug = medication.ingredient ?? medication.text;
    orders.set(drug, [...(orders.get(drug) ?? []), medication]);
  }
  const dose = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const markers: MedicationMarker[] = [];
  for (const [drug, list] of orders) {
    const sorted = [...list].sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? ''));
    sorted.forEach((order, index) => {
      const previous = sorted[index - 1];
      const date = order.startDate as IsoDate;
      if (!previous) {
        markers.push({ date, label: t('sidebarMarkerStarted', { medication: drug }) });
      } else if (order.dailyDoseMg !== null && order.dailyDoseMg !== previous.dailyDoseMg) {
        markers.push({
          date,
          label: t('sidebarMarkerDoseChanged', {
            medication: drug,
            dose: dose.format(order.dailyDoseMg),
          }),
        });
      }
    });
  }
  return markers.sort((a, b) => a.date.localeCompare(b.date));
}

/** What a patient's view loads from storage. */
interface StoredRecords {
  scores: ScoreLoad;
  plan: StoredSafetyPlan<SafetyPlan> | null;
  dismissals: PromptDismissal[];
}

/**
 * How long records read ahead for a banner wait for the chart's reading. A chart is read within a
 * second of its banner; past this the reading is not coming (the tab closed, the page moved on),
 * and the patient's records are not kept in memory for nothing.
 */
const READ_AHEAD_MS = 5_000;
/** Charts opening at the same time, one per tab at most; more is a runaway page. */
const READ_AHEAD_LIMIT = 8;

/**
 * Builds what the sidebar shows for the patient a tab is on. Stored data (entered scores, the
 * safety plan, dismissals) is loaded only for an identity that is confirmed — by the reader or by
 * the clinician — because an unconfirmed reading might be the wrong patient.
 */
export function createPatientService(
  storage: CaresideStorage,
  settings: SettingsService,
  record: RecordService | null = null,
  cds: CdsServiceClient | null = null,
) {
  async function patientKeyOf(tab: TabPatient): Promise<string | null> {
    const confirmed = tab.reading.identityConfirmed || tab.confirmedByUser;
    if (!confirmed) return null;
    return storage.patientKey(tab.origin, tab.reading.context.identity);
  }

  const loadRecords = async (key: string): Promise<StoredRecords> => {
    const [scores, plan, dismissals] = await Promise.all([
      storage.loadScores(key),
      storage.loadSafetyPlan<SafetyPlan>(key),
      storage.loadDismissals(key),
    ]);
    return { scores, plan, dismissals };
  };

  /**
   * Records read ahead, by patient key, with the storage's write count when the read began. They
   * are taken once, and only if no write began or ended since (`CaresideStorage.writeCount`), so
   * a view never shows records older than a write — a score entered, a plan saved in another tab.
   */
  const readAhead = new Map<
    string,
    { writeCount: number; at: number; records: Promise<StoredRecords> }
  >();

  /**
   * The records last read per patient, kept while no write began or ended since: a chart built
   * from frames asks for its patient's view once per frame report, and each of those must not
   * wait for the same decryption again. A handful of patients (the tabs open at once) at most.
   */
  const lastRead = new Map<string, { writeCount: number; records: Promise<StoredRecords> }>();
  const LAST_READ_KEPT = 8;

  function recordsOf(key: string): Promise<StoredRecords> {
    const writeCount = storage.writeCount();
    const ahead = readAhead.get(key);
    readAhead.delete(key);
    const last = lastRead.get(key);
    let records: Promise<StoredRecords>;
    if (ahead && ahead.writeCount === writeCount && Date.now() - ahead.at < READ_AHEAD_MS) {
      // A read that failed is tried again, not shown as the patient's failure.
      records = ahead.records.catch(() => loadRecords(key));
    } else if (last && last.writeCount === writeCount) {
      records = last.records;
    } else {
      records = loadRecords(key);
    }
    lastRead.delete(key);
    lastRead.set(key, { writeCount, records });
    // A failed read is not kept: the next view reads again.
    records.catch(() => {
      if (lastRead.get(key)?.records === records) lastRead.delete(key);
    });
    while (lastRead.size > LAST_READ_KEPT) {
      const oldest = lastRead.keys().next().value;
      if (oldest === undefined) break;
      lastRead.delete(oldest);
    }
    return records;
  }

  /**
   * The page put up the banner of a patient its reader is sure of: their stored records are read
   * while the page reads the chart, and a worker the browser had stopped starts now rather than
   * when the chart arrives. Nothing is shown from this alone; the chart's reading still decides
   * who the view is for (`view` takes these records only under the key it derives itself).
   */
  async function expect(origin: string, identity: PatientIdentity): Promise<void> {
    const now = Date.now();
    for (const [key, ahead] of readAhead) {
      if (now - ahead.at >= READ_AHEAD_MS) readAhead.delete(key);
    }
    const key = await storage.patientKey(origin, identity);
    if (!key || readAhead.size >= READ_AHEAD_LIMIT) return;
    const current = readAhead.get(key);
    if (current && current.writeCount === storage.writeCount()) return;
    const ahead = { writeCount: storage.writeCount(), at: now, records: loadRecords(key) };
    // Failures are the view's to report, when it loads again.
    ahead.records.catch(() => undefined);
    readAhead.set(key, ahead);
  }

  /**
   * `frames` is the tab's chart merged from its frames (background/frames.ts). Only the top
   * document's scores are kept for the trend: a frame's data shows while the frame shows it.
   */
  /**
   * Keeping the page's scores and the visit in storage is bookkeeping the clinician does not wait
   * for: it runs after the view is sent, one write after another, so a chart opens at the speed
   * of reading. Edits the clinician makes (scores, safety plans, dismissals) are still
   * acknowledged only after their write commits.
   */
  let bookkeeping: Promise<void> = Promise.resolve();
  function recordVisit(key: string, tab: TabPatient, stored: readonly ScoreEntry[]) {
    // Only what storage does not hold yet: a chart opened again writes (and re-encrypts) nothing.
    const known = new Set(stored.map(sameAdministration));
    const fromPage = tab.reading.context.scores.filter(
      (score) => score.date !== null && !known.has(sameAdministration(score)),
    );
    bookkeeping = bookkeeping
      // A timer, not just a promise: a promise's first step would run (encrypting, copying into
      // IndexedDB) before the view it follows is even handed to the message channel.
      .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
      .then(async () => {
        await storage.rememberPatient(key, tab.origin, tab.reading.context.identity);
        if (fromPage.length > 0) await storage.addScores(key, fromPage);
        await storage.audit({ type: 'shown', patientKey: key });
      })
      .catch((error: unknown) => {
        console.warn('Careside could not record the visit', error);
      });
  }

  async function view(
    tab: TabPatient,
    options: { record?: boolean; frames?: (MergedChart & { top: TopTiming }) | null } = {},
  ): Promise<PatientView> {
    const [{ effective }, key] = await Promise.all([settings.current(), patientKeyOf(tab)]);

    const today = localToday();
    const problems = [...tab.reading.problems];
    let context = options.frames?.context ?? tab.reading.context;
    let stored: { plan: SafetyPlan; revision: number } | null = null;
    let dismissed: PromptDismissal[] = [];

    if (key) {
      const { scores, plan, dismissals } = await recordsOf(key);
      if (scores.unreadable.length > 0) problems.push(t('sidebarStoredScoresUnreadable'));
      context = { ...context, scores: mergeScores(context.scores, scores.entries) };
      stored = plan;
      dismissed = dismissals;
      if (options.record) recordVisit(key, tab, scores.entries);
    }
    // The team's record on the clinic's FHIR server, as last read (background/record.ts).
    const team =
      key && record
        ? await record.view(key, tab.origin, tab.reading.context.identity, {
            chartOpened: options.record === true,
          })
        : null;
    if (team) context = { ...context, scores: mergeScores(context.scores, team.scores) };

    // A new plan starts with the clinic's crisis contacts (policy), not the engine's 988-only default.
    const safetyPlan = key ? (stored?.plan ?? emptySafetyPlan(effective.crisisContacts)) : null;
    const assessment = assessSafetyPlan(stored?.plan ?? null, context, today, {
      reviewIntervalDays: effective.safetyPlanReviewDays,
    });
    const content = buildSidebarContent(context, {
      now: today,
      t,
      ruleSettings: effective.rules,
      safetyPlan: stored?.plan ?? null,
    });
    // What the clinician dealt with today goes into "Copy for the note" before it leaves the cards.
    const addressedPrompts = promptsAddressedOn(today, content.prompts, dismissed, (at) =>
      localToday(new Date(at)),
    );
    content.prompts = content.prompts.filter(
      (prompt) => !dismissed.some((d) => d.ruleId === prompt.id && d.factsKey === prompt.factsKey),
    );

    // The clinic's CDS services see the chart as the sidebar does (page, frames and the team's
    // record merged), and only once the clinician confirmed who this is (a key exists).
    const cdsView =
      key && cds ? await cds.view(key, context, { chartOpened: options.record === true }) : null;

    // A section the reader did not find on the screen (its reading says so among its problems),
    // that no frame filled and no held frame will fill, is "not on this screen", never "none".
    const held = new Set(options.frames?.held.flatMap((frame) => frame.sections) ?? []);
    const notOnScreen = (tab.reading.notOnScreen ?? []).filter(
      (section) => context[section].length === 0 && !held.has(section),
    );

    return {
      fingerprint: tab.fingerprint,
      adapter: tab.reading.adapter,
      identityConfirmed: tab.reading.identityConfirmed || tab.confirmedByUser,
      problems,
      content,
      safetyPlan,
      safetyPlanStatus: assessment.status,
      safetyPlanReviewDue: assessment.reviewDue,
      naloxoneApplicable: needsNaloxone(context),
      medicationMarkers: medicationMarkers(context, uiLocale()),
      crisisContacts: effective.crisisContacts,
      layout: layoutOf({ effective }),
      today,
      waitingFor: options.frames ? waitingWords(options.frames.held) : [],
      notOnScreen,
      identityChangedAt: options.frames?.top.identityChangedAt ?? null,
      scoreEntry: scoreEntryDefinitions(),
      teamRecord: team?.teamRecord ?? null,
      noteTemplate: effective.noteTemplate,
      addressedPrompts,
      clinicianName: team?.signedInName ?? effective.clinicianName,
      cds: cdsView,
    };
  }

  return { view, patientKeyOf, expect };
}

/** One administration of an instrument, whether it came from the page or from storage. */
function sameAdministration(score: ScoreEntry): string {
  return `${score.instrument}|${score.date}|${score.total}`;
}

/** Page scores and stored scores together; the same administration from both counts once. */
function mergeScores(page: ScoreEntry[], stored: ScoreEntry[]): ScoreEntry[] {
  const seen = new Set(page.map(sameAdministration));
  return [...page, ...stored.filter((score) => !seen.has(sameAdministration(score)))];
}

export type PatientService = ReturnType<typeof createPatientService>;
