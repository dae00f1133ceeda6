/**
 * The care team's record (issue #22): what clinicians enter goes to the clinic's FHIR server
 * through the durable outbox, and what the team wrote is read back when a chart opens.
 *
 * Nothing here runs without `endpoints.fhirBaseUrl`: no outbox entry, no request. With it, every
 * request goes to that one base (utils/record/client.ts). The local database stays a cache and an
 * outbox; the server is the record.
 */
import { browser } from 'wxt/browser';
import type { SafetyPlan } from '../../utils/clinical/safety-plan';
import type { PatientIdentity, ScoreEntry } from '../../utils/clinical/types';
import { t, uiLocale } from '../../utils/i18n/browser';
import type { TeamRecordView } from '../../utils/patient-view';
import { createFhirClient, type FhirClient, fhirBase } from '../../utils/record/client';
import {
  type RecordAuthor,
  safetyPlanLabelsFrom,
  type TeamSafetyPlan,
  type TeamScore,
} from '../../utils/record/mapping';
import type { PatientMatch } from '../../utils/record/patient-match';
import {
  findPatient,
  readTeamRecord,
  type SafetyPlanBase,
  writeSafetyPlan,
  writeScore,
} from '../../utils/record/team-record';
import type { CaresideStorage, OutboxItem } from '../../utils/storage';
import type { AuthService } from './auth';
import type { SettingsService } from './settings';

export type OutboxWrite =
  | {
      kind: 'score';
      origin: string;
      identity: PatientIdentity;
      entry: ScoreEntry;
      author: RecordAuthor | null;
    }
  | {
      kind: 'safety-plan';
      origin: string;
      identity: PatientIdentity;
      plan: SafetyPlan;
      author: RecordAuthor | null;
      base: SafetyPlanBase | null;
    };

/** Per patient, sealed in `recordSync`. */
export interface RecordSyncState {
  /** The server's version the local plan was last in step with (for `If-Match`). */
  base: SafetyPlanBase | null;
  conflict: { server: TeamSafetyPlan | null; mine: SafetyPlan; mineAuthor: string | null } | null;
  /** Why the last write could not be made, in the clinician's words; null after a success. */
  problem: string | null;
  lastSentAt: string | null;
}

const EMPTY_STATE: RecordSyncState = {
  base: null,
  conflict: null,
  problem: null,
  lastSentAt: null,
};
const ALARM = 'careside-outbox';
/** A team record read this recently is shown again without asking the server. */
const TEAM_READ_FRESH_MS = 10_000;

const MATCH_PROBLEM: Record<Exclude<PatientMatch['kind'], 'matched'>, string> = {
  'no-identifier-system': 'recordProblemNoIdentifierSystem',
  'no-record-number': 'recordProblemNoRecordNumber',
  'not-found': 'recordProblemNotFound',
  several: 'recordProblemSeveral',
  'name-differs': 'recordProblemNameDiffers',
  'birth-date-differs': 'recordProblemBirthDateDiffers',
};

interface TeamRead {
  at: number;
  scores: TeamScore[];
  plan: TeamSafetyPlan | null;
  problem: string | null;
}

function authorName(author: RecordAuthor | null | undefined): string | null {
  return author?.display ?? author?.reference ?? null;
}

function samePlan(a: SafetyPlan, b: SafetyPlan): boolean {
  return JSON.stringify([a.steps, a.lastReviewed]) === JSON.stringify([b.steps, b.lastReviewed]);
}

export function createRecordService(
  storage: CaresideStorage,
  settings: SettingsService,
  onChange: () => void,
  auth: AuthService | null = null,
) {
  const dateFormat = new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeZone: 'UTC' });
  const labels = safetyPlanLabelsFrom(t, (date) =>
    dateFormat.format(new Date(`${date}T00:00:00Z`)),
  );
  /** The last read of each patient's team record; a new read replaces it when it arrives. */
  const lastTeamRead = new Map<string, TeamRead>();
  const teamReadAt = new Map<string, number>();

  async function configured(): Promise<{
    client: FhirClient;
    systems: Record<string, string>;
    author: RecordAuthor | null;
  } | null> {
    const { effective } = await settings.current();
    const base = fhirBase(effective.endpoints.fhirBaseUrl);
    if (!base) return null;
    // The signed-in user's FHIR identity is the author; without SMART, the name set in options.
    const signedIn = auth ? await auth.author() : null;
    return {
      client: createFhirClient({
        baseUrl: base.href,
        accessToken: auth ? () => auth.accessToken() : undefined,
        tokenRefused: auth ? () => auth.tokenRefused() : undefined,
      }),
      systems: effective.endpoints.patientIdentifierSystems ?? {},
      author: signedIn ?? (effective.clinicianName ? { display: effective.clinicianName } : null),
    };
  }

  const stateOf = async (key: string): Promise<RecordSyncState> =>
    (await storage.loadRecordSync<RecordSyncState>(key).catch(() => null)) ?? { ...EMPTY_STATE };

  async function updateState(key: string, change: Partial<RecordSyncState>): Promise<void> {
    await storage.saveRecordSync(key, { ...(await stateOf(key)), ...change });
  }

  /** A score the clinician entered: queued for the clinic's record when there is one. */
  async function scoreEntered(
    key: string,
    origin: string,
    identity: PatientIdentity,
    entry: ScoreEntry,
  ): Promise<void> {
    const endpoint = await configured();
    if (!endpoint) return;
    const write: OutboxWrite = { kind: 'score', origin, identity, entry, author: endpoint.author };
    await storage.enqueue(key, crypto.randomUUID(), write);
    void flush();
  }

  /** A safety plan saved: replaces any earlier unsent plan of the patient (the newest is the plan). */
  async function safetyPlanSaved(
    key: string,
    origin: string,
    identity: PatientIdentity,
    plan: SafetyPlan,
  ): Promise<void> {
    const endpoint = await configured();
    if (!endpoint) return;
    const state = await stateOf(key);
    for (const item of await storage.loadOutbox<OutboxWrite>({ patientKey: key })) {
      if (item.write.kind === 'safety-plan') await storage.removeFromOutbox(item.id);
    }
    const write: OutboxWrite = {
      kind: 'safety-plan',
      origin,
      identity,
      plan,
      author: endpoint.author,
      // A plan saved while a conflict is shown is the clinician's reconciliation: it goes over
      // the server's version they were shown.
      base: state.conflict?.server
        ? {
            carePlanId: state.conflict.server.carePlanId,
            versionId: state.conflict.server.versionId,
          }
        : state.base,
    };
    if (state.conflict) await updateState(key, { conflict: null });
    await storage.enqueue(key, crypto.randomUUID(), write);
    void flush();
  }

  async function send(
    item: OutboxItem<OutboxWrite>,
    endpoint: NonNullable<Awaited<ReturnType<typeof configured>>>,
  ) {
    const { write } = item;
    const match = await findPatient(
      endpoint.client,
      write.identity,
      write.origin,
      endpoint.systems,
    );
    if (match.kind === 'retry') return 'retry';
    if (match.kind !== 'matched') {
      // Never written anywhere else: the entry stays in this computer's record and the sidebar
      // says why the clinic's record did not get it.
      const problem = match.kind === 'refused' ? match.message : t(MATCH_PROBLEM[match.kind]);
      await updateState(item.patientKey, { problem });
      return 'done';
    }
    const now = new Date();
    if (write.kind === 'score') {
      const result = await writeScore(
        endpoint.client,
        match.reference,
        write.entry,
        write.author,
        item.id,
        now,
      );
      if ('kind' in result) {
        if (result.kind === 'retry') return 'retry';
        await updateState(item.patientKey, { problem: result.message });
        return 'done';
      }
      await updateState(item.patientKey, { problem: null, lastSentAt: now.toISOString() });
      return 'done';
    }
    const result = await writeSafetyPlan(
      endpoint.client,
      match.reference,
      write.plan,
      write.author,
      write.base,
      labels,
      now,
    );
    if (result.ok) {
      await updateState(item.patientKey, {
        base: { carePlanId: result.carePlanId, versionId: result.versionId },
        problem: null,
        lastSentAt: now.toISOString(),
      });
      teamReadAt.delete(item.patientKey);
      return 'done';
    }
    if (result.kind === 'conflict') {
      await updateState(item.patientKey, {
        conflict: { server: result.server, mine: write.plan, mineAuthor: authorName(write.author) },
      });
      return 'done';
    }
    if (result.kind === 'retry') return 'retry';
    await updateState(item.patientKey, { problem: result.message });
    return 'done';
  }

  let flushing: Promise<void> | null = null;
  let again = false;
  let againEverything = false;

  /**
   * Sends every due write, oldest first; one run at a time, and one more if asked meanwhile.
   * `everything`: also the writes still in their back-off — after a sign-in, what waited for a
   * token can go at once.
   */
  function flush(options: { everything?: boolean } = {}): Promise<void> {
    if (flushing) {
      again = true;
      if (options.everything) againEverything = true;
      return flushing;
    }
    flushing = (async () => {
      try {
        const endpoint = await configured();
        if (!endpoint) return;
        const due = await storage.loadOutbox<OutboxWrite>(
          options.everything ? {} : { dueBy: Date.now() },
        );
        let changed = false;
        for (const item of due) {
          const outcome = await send(item, endpoint).catch(() => 'retry' as const);
          if (outcome === 'done') await storage.removeFromOutbox(item.id);
          else await storage.postpone(item.id);
          changed = true;
        }
        await scheduleNext();
        if (changed) onChange();
      } finally {
        flushing = null;
        if (again) {
          const everything = againEverything;
          again = false;
          againEverything = false;
          void flush({ everything });
        }
      }
    })();
    return flushing;
  }

  /** An alarm for the next attempt: it wakes a stopped worker, and survives a browser restart. */
  async function scheduleNext(): Promise<void> {
    const waiting = await storage.loadOutbox<OutboxWrite>();
    const next = Math.min(...waiting.map((item) => item.nextAttemptAt));
    if (!Number.isFinite(next)) {
      await browser.alarms?.clear(ALARM);
      return;
    }
    browser.alarms?.create(ALARM, { when: Math.max(next, Date.now() + 1_000) });
  }

  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void flush();
  });

  /** Reads what the team wrote for the patient, and brings this computer's plan in step. */
  async function readTeam(
    key: string,
    origin: string,
    identity: PatientIdentity,
  ): Promise<TeamRead> {
    const endpoint = await configured();
    const at = Date.now();
    if (!endpoint) return { at, scores: [], plan: null, problem: null };
    const match = await findPatient(endpoint.client, identity, origin, endpoint.systems);
    if (match.kind !== 'matched') {
      const problem =
        match.kind === 'retry' || match.kind === 'refused'
          ? t('recordProblemUnreachable')
          : t(MATCH_PROBLEM[match.kind]);
      return { at, scores: [], plan: null, problem };
    }
    const stored = await storage.loadSafetyPlan<SafetyPlan>(key);
    const record = await readTeamRecord(
      endpoint.client,
      match.reference,
      stored?.plan.crisisContacts ?? [],
    );
    if ('kind' in record)
      return { at, scores: [], plan: null, problem: t('recordProblemUnreachable') };
    const pending = (await storage.loadOutbox<OutboxWrite>({ patientKey: key })).some(
      (item) => item.write.kind === 'safety-plan',
    );
    const state = await stateOf(key);
    if (record.safetyPlan && !pending && !state.conflict) {
      const server = record.safetyPlan;
      const base = { carePlanId: server.carePlanId, versionId: server.versionId };
      if (!stored || !samePlan(stored.plan, server.plan)) {
        // The record holds a newer plan (a colleague's): this computer's copy follows it, so the
        // clinician edits from the version they see.
        await storage.saveSafetyPlan(
          key,
          {
            ...server.plan,
            crisisContacts: stored?.plan.crisisContacts ?? server.plan.crisisContacts,
          },
          stored?.revision ?? 0,
        );
      }
      if (JSON.stringify(state.base) !== JSON.stringify(base)) await updateState(key, { base });
    }
    return { at, scores: record.scores, plan: record.safetyPlan, problem: null };
  }

  /**
   * What the sidebar shows of the team's record now, from the last read; a read older than a few
   * seconds is started again and the open sidebars are refreshed when it arrives.
   */
  async function view(
    key: string,
    origin: string,
    identity: PatientIdentity,
    options: { chartOpened?: boolean } = {},
  ): Promise<{
    scores: ScoreEntry[];
    teamRecord: TeamRecordView;
    /** The signed-in user's name, when someone is signed in. */
    signedInName: string | null;
  } | null> {
    if (!(await configured())) return null;
    const session = auth ? await auth.status() : null;
    // Opening a chart always asks the server: a colleague may have written a minute ago.
    const stale = Date.now() - (teamReadAt.get(key) ?? 0) > TEAM_READ_FRESH_MS;
    if (options.chartOpened || stale) {
      teamReadAt.set(key, Date.now());
      readTeam(key, origin, identity).then(
        (read) => {
          lastTeamRead.set(key, read);
          onChange();
        },
        () => undefined,
      );
    }
    const team = lastTeamRead.get(key) ?? null;
    const [waiting, state] = await Promise.all([storage.outboxCount(key), stateOf(key)]);
    return {
      scores: (team?.scores ?? []).map((score) => score.entry),
      signedInName: session?.userName ?? null,
      teamRecord: {
        signIn: session?.available
          ? { signedIn: session.signedIn, userName: session.userName }
          : null,
        waiting,
        lastSentAt: state.lastSentAt,
        problem: state.problem ?? team?.problem ?? null,
        reading: team === null,
        scores: (team?.scores ?? []).map((score) => ({
          instrument: score.entry.instrument,
          date: score.entry.date,
          total:
            typeof score.entry.total === 'number' ? score.entry.total : Number(score.entry.total),
          author: authorName(score.author),
        })),
        safetyPlanAuthor: authorName(team?.plan?.author),
        safetyPlanRecordedAt: team?.plan?.recordedAt ?? null,
        conflict: state.conflict
          ? {
              mine: state.conflict.mine,
              mineAuthor: state.conflict.mineAuthor,
              theirs: state.conflict.server?.plan ?? null,
              theirsAuthor: authorName(state.conflict.server?.author),
            }
          : null,
      },
    };
  }

  /** The clinician keeps the record's version: it becomes this computer's plan. */
  async function keepRecordVersion(key: string): Promise<void> {
    const state = await stateOf(key);
    const server = state.conflict?.server;
    if (!server) {
      await updateState(key, { conflict: null });
      return;
    }
    const stored = await storage.loadSafetyPlan<SafetyPlan>(key);
    await storage.saveSafetyPlan(key, server.plan, stored?.revision ?? 0);
    await updateState(key, {
      conflict: null,
      base: { carePlanId: server.carePlanId, versionId: server.versionId },
    });
    onChange();
  }

  // A worker started by the browser (after a restart, or by the alarm) sends what waits.
  void flush();

  return { scoreEntered, safetyPlanSaved, flush, view, keepRecordVersion };
}

export type RecordService = ReturnType<typeof createRecordService>;
