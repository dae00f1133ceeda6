import { browser } from 'wxt/browser';
import { defineBackground } from '#imports';
import { saveContentConfig } from '../../utils/content-config';
import { enrichReading } from '../../utils/ehr/sections/index';
import { unpackReading } from '../../utils/ehr/wire';
import { t } from '../../utils/i18n/browser';
import {
  onMessages,
  type SafetyPlanPrint,
  type SettingsView,
  sendToTab,
  type TabStatus,
} from '../../utils/messaging';
import type { ResolvedSettings } from '../../utils/policy/resolve';
import { SETTING_KEYS } from '../../utils/policy/schema';
import { createStorage } from '../../utils/storage';
import { RULE_ID_PATTERN } from '../../utils/storage/dismissals';
import {
  decryptExport,
  ExportFileError,
  encryptExport,
  MIN_PASSPHRASE_LENGTH,
  summarize,
} from '../../utils/storage/export-file';
import { createAuthService } from './auth';
import { createBuilderService, type StartResult } from './builder';
import { createCdsService } from './cds';
import { createFrameDocuments } from './frame-documents';
import { createFrameService } from './frames';
import { enabledPatterns, setUserOrigin, syncContentScriptOrigins } from './origins';
import { createPatientService } from './patients';
import { createRecordService } from './record';
import { guardHandlers, type MessageSender, originOf } from './senders';
import { createSettingsService, layoutOf } from './settings';
import {
  forgetTab,
  rememberTab,
  samePatient,
  type TabPatient,
  tabGeneration,
  tabPatient,
  tabStillCurrent,
  tabsShowingAPatient,
} from './tabs';

function settingsView(resolved: ResolvedSettings): SettingsView {
  return {
    rows: SETTING_KEYS.map((key) => ({
      key,
      value: resolved.effective[key],
      source: resolved.sources[key],
      locked: resolved.locked[key],
    })),
    problems: resolved.problems,
  };
}

/** An error in the user's words: export-file errors carry a catalogue key. */
/** The popup's and the options page's answer to starting the builder or a pack check. */
function startedReply(started: StartResult): { ok: boolean; message?: string } {
  if (started.ok) return { ok: true };
  const messages = {
    'not-allowed': t('builderNotAllowed'),
    'no-site': t('builderNoSite'),
    'no-access': t('builderNoAccess'),
    failed: t('builderFailed', { reason: started.detail ?? '' }),
  };
  return { ok: false, message: messages[started.reason] };
}

function messageOf(error: unknown): string {
  if (error instanceof ExportFileError) {
    return t(error.message, { min: MIN_PASSPHRASE_LENGTH });
  }
  return error instanceof Error ? error.message : String(error);
}

function failInWords(error: unknown): never {
  throw new Error(messageOf(error));
}

/** The background only wires handlers; the work lives in the services it creates. */
export default defineBackground(() => {
  const storage = createStorage();
  const settings = createSettingsService(storage);
  // Open sidebars show the team's record as it arrives, and writes as they are sent.
  const refreshAll = () => {
    for (const tabId of tabsShowingAPatient()) void refresh(tabId);
  };
  // Signing in or out changes every open sidebar's record line, and lets waiting writes go.
  const auth = createAuthService(settings, () => {
    refreshAll();
    void record.flush({ everything: true });
  });
  const record = createRecordService(storage, settings, refreshAll, auth);
  const cds = createCdsService(settings, auth, refreshAll);
  const patients = createPatientService(storage, settings, record, cds);
  const frames = createFrameService();
  /** A tab's view, with the data of the frames that show its patient (background/frames.ts). */
  const viewOf = async (tabId: number, tab: TabPatient, options: { record?: boolean } = {}) =>
    patients.view(tab, { ...options, frames: await frames.merged(tabId, tab) });

  // One recomputation per tab at a time; reports that arrive meanwhile make one more, not many.
  const refreshing = new Map<number, boolean>();
  const refresh = async (tabId: number): Promise<void> => {
    if (refreshing.has(tabId)) {
      refreshing.set(tabId, true);
      return;
    }
    refreshing.set(tabId, false);
    try {
      const tab = await tabPatient(tabId);
      if (tab) await sendToTab(tabId, 'patient:update', await viewOf(tabId, tab), 0);
    } catch {
      // The tab closed or its top frame navigated away: nothing to show the view to.
    } finally {
      const again = refreshing.get(tabId) === true;
      refreshing.delete(tabId);
      if (again) void refresh(tabId);
    }
  };

  const applySettings = async (resolved: ResolvedSettings) => {
    await saveContentConfig({
      packs: resolved.effective.selectorPacks,
      layout: layoutOf(resolved),
    }).catch(() => undefined);
    await syncContentScriptOrigins(resolved.effective.ehrOrigins).catch(() => undefined);
    await storage.purgeExpired(new Date(), resolved.effective.retentionDays).catch(() => undefined);
  };
  settings.onChange((resolved) => {
    void applySettings(resolved);
    // Open sidebars show the new settings now, not at their next patient: a changed policy, a
    // clinician's choice in the options page, or the policy the browser hands over after a start
    // (settings.ts), which may differ from the one that stood in for it.
    for (const tabId of tabsShowingAPatient()) void refresh(tabId);
  });
  // Resolved at every start of the worker (the listener above applies them): on a fresh install
  // nothing has changed yet, and without the packs mirrored in storage.local every chart's script
  // would wait for this worker to start.
  void settings.current();

  const frameDocuments = createFrameDocuments();
  const forgetEverything = (tabId: number, options: { closed?: boolean } = {}) => {
    addressShown.delete(tabId);
    void forgetTab(tabId, options);
    void frames.forget(tabId);
    frameDocuments.forgetTab(tabId);
  };
  browser.tabs.onRemoved.addListener((tabId) => forgetEverything(tabId, { closed: true }));
  const builder = createBuilderService();
  browser.tabs.onRemoved.addListener((tabId) => void builder.tabChanged(tabId, undefined));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url !== undefined) void builder.tabChanged(tabId, change.url);
  });
  // A tab that leaves the EHR origin forgets its reading at once, not when it closes. The
  // browser shows a tab's address only where Careside has host access: a hidden address, where
  // the EHR's own was visible, is another site. Where even the EHR's address was hidden (the
  // demo EHR, matched by the manifest alone) nothing can be told, and closing the tab forgets.
  /** Tabs whose EHR address the tabs API showed (asked the way `onUpdated` answers). */
  const addressShown = new Set<number>();
  const noteAddressShown = (tabId: number) => {
    void browser.tabs
      .get(tabId)
      .then((tab) => (tab.url ? addressShown.add(tabId) : addressShown.delete(tabId)))
      .catch(() => undefined);
  };
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url === undefined && change.status !== 'loading') return;
    void tabPatient(tabId).then((shown) => {
      if (!shown) return;
      let left: boolean;
      try {
        left = tab.url ? new URL(tab.url).origin !== shown.origin : addressShown.has(tabId);
      } catch {
        left = false;
      }
      if (left) forgetEverything(tabId);
    });
  });

  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');

  onMessages(
    guardHandlers(
      {
        'content:config': async () => {
          const resolved = await settings.current();
          return { packs: resolved.effective.selectorPacks, layout: layoutOf(resolved) };
        },

        // The origin in a patient key is the sender's, as the browser states it: a page cannot
        // name another EHR's origin to reach that EHR's records.
        'patient:expect': async ({ identity }, sender) => {
          await patients.expect(originOf(sender), identity);
          return { ok: true };
        },

        'patient:open': async (
          { reading, url, fingerprint, patientKey, documentLoadedAt, identityChangedAt },
          sender: MessageSender,
        ) => {
          const tabId = sender.tab?.id;
          if (tabId === undefined) throw new Error(t('backgroundNoTab'));
          const documentId = sender.documentId ?? null;
          const generation = tabGeneration(tabId);
          if (!tabStillCurrent(tabId, documentId, generation))
            throw new Error(t('backgroundNoTab'));
          // Before anything awaits, so that frame reports arriving after this one are judged
          // against this patient.
          void frames.noteTop(tabId, {
            fingerprint,
            patientKey,
            documentLoadedAt,
            identityChangedAt,
            // For address evidence (frames/address.ts): the top document's address now (a
            // single-page EHR's pushState changes it after the document loaded; the sender's origin
            // vouches for it), and the record numbers its banner shows.
            url: new URL(url).origin === sender.origin ? url : null,
            recordNumbers: reading.context.identity.identifiers.map(
              (identifier) => identifier.value,
            ),
          });
          const previous = await tabPatient(tabId);
          const tab = {
            fingerprint,
            origin: originOf(sender),
            documentId,
            // The page sends medication lines as shown; the parser runs here, not in the page.
            reading: enrichReading(unpackReading(reading)),
            // A confirmation holds only for the patient it was given for.
            confirmedByUser: previous?.fingerprint === fingerprint && previous.confirmedByUser,
          };
          // Remembered in the same task the view starts in; its session copy is written after the
          // view is computed, so copying a large chart does not delay the answer (tabs.ts).
          // A tab forgotten meanwhile (closed, or gone to another site) is not brought back.
          if (!tabStillCurrent(tabId, documentId, generation))
            throw new Error(t('backgroundNoTab'));
          const view = viewOf(tabId, tab, { record: true });
          rememberTab(tabId, tab, view, generation);
          noteAddressShown(tabId);
          return view;
        },

        'patient:confirm': async ({ fingerprint }, sender) => {
          const tab = await samePatient(sender.tab?.id, fingerprint);
          if (!tab || sender.tab?.id === undefined) throw new Error(t('backgroundPatientChanged'));
          const confirmed = { ...tab, confirmedByUser: true };
          const view = viewOf(sender.tab.id, confirmed, { record: true });
          rememberTab(sender.tab.id, confirmed, view);
          return view;
        },

        'score:enter': async ({ fingerprint, entry }, sender) => {
          const tab = await samePatient(sender.tab?.id, fingerprint);
          if (!tab) return { ok: false, message: t('backgroundPatientChanged') };
          const key = await patients.patientKeyOf(tab);
          if (!key) return { ok: false, message: t('backgroundNotConfirmed') };
          await storage.addScores(key, [entry]);
          await storage.audit({ type: 'score-entered', patientKey: key });
          await record.scoreEntered(key, tab.origin, tab.reading.context.identity, entry);
          return { ok: true, view: await viewOf(sender.tab?.id ?? -1, tab) };
        },

        'safety-plan:save': async ({ fingerprint, plan, expectedRevision }, sender) => {
          const tab = await samePatient(sender.tab?.id, fingerprint);
          if (!tab) {
            return { ok: false, reason: 'patient-changed', message: t('backgroundPatientChanged') };
          }
          const key = await patients.patientKeyOf(tab);
          if (!key)
            return { ok: false, reason: 'not-confirmed', message: t('backgroundNotConfirmed') };
          const saved = { ...plan, updatedAt: new Date().toISOString() };
          const outcome = await storage.saveSafetyPlan(key, saved, expectedRevision);
          if (outcome.ok) {
            await storage.audit({ type: 'safety-plan-edited', patientKey: key });
            await record.safetyPlanSaved(key, tab.origin, tab.reading.context.identity, saved);
            return { ok: true, revision: outcome.revision };
          }
          const current = outcome.conflict.current ?? {
            ...plan,
            revision: outcome.conflict.revision,
          };
          return { ok: false, reason: 'conflict', current, revision: outcome.conflict.revision };
        },

        'record:keep-theirs': async ({ fingerprint }, sender) => {
          const tab = await samePatient(sender.tab?.id, fingerprint);
          if (!tab) return { ok: false, message: t('backgroundPatientChanged') };
          const key = await patients.patientKeyOf(tab);
          if (!key) return { ok: false, message: t('backgroundNotConfirmed') };
          await record.keepRecordVersion(key);
          return { ok: true, view: await viewOf(sender.tab?.id ?? -1, tab) };
        },

        'record:sign-in': async ({ fingerprint }, sender) => {
          const tab = await samePatient(sender.tab?.id, fingerprint);
          if (!tab) return { ok: false, message: t('backgroundPatientChanged') };
          try {
            await auth.signIn();
          } catch (error) {
            return { ok: false, message: t('authSignInFailed', { reason: messageOf(error) }) };
          }
          return { ok: true, view: await viewOf(sender.tab?.id ?? -1, tab) };
        },

        'cds:dismiss': async ({ fingerprint, serviceId, uuid, reason }, sender) => {
          const tab = await samePatient(sender.tab?.id, fingerprint);
          if (!tab) return { ok: false, message: t('backgroundPatientChanged') };
          const key = await patients.patientKeyOf(tab);
          if (!key) return { ok: false, message: t('backgroundNotConfirmed') };
          const sent = await cds.dismiss(key, serviceId, uuid, reason);
          // The service id stands where a rule id would: it passes the rule-id check when it is
          // lower case, and the log keeps no free text otherwise.
          await storage.audit({
            type: 'cds-dismissed',
            patientKey: key,
            ruleId: RULE_ID_PATTERN.test(serviceId) ? serviceId : null,
            reason,
          });
          if (!sent) return { ok: false, message: t('cdsFeedbackNotSent') };
          return { ok: true, view: await viewOf(sender.tab?.id ?? -1, tab) };
        },

        'auth:status': () => auth.status(),
        'auth:sign-in': async () => {
          try {
            return { ok: true, status: await auth.signIn() };
          } catch (error) {
            return { ok: false, message: t('authSignInFailed', { reason: messageOf(error) }) };
          }
        },
        'auth:sign-out': () => auth.signOut(),

        'prompt:dismiss': async (
          { fingerprint, promptId, factsKey, reason, snoozeDays },
          sender,
        ) => {
          const tab = await samePatient(sender.tab?.id, fingerprint);
          if (!tab) return { ok: false, message: t('backgroundPatientChanged') };
          const key = await patients.patientKeyOf(tab);
          if (!key) return { ok: false, message: t('backgroundNotConfirmed') };
          const now = new Date();
          const until = snoozeDays ? new Date(now.getTime() + snoozeDays * 86_400_000) : null;
          await storage.dismissPrompt(key, {
            ruleId: promptId,
            factsKey,
            reason: snoozeDays ? 'snooze' : reason,
            until: until?.toISOString() ?? null,
            at: now.toISOString(),
          });
          await storage.audit({
            type: snoozeDays ? 'snoozed' : 'dismissed',
            patientKey: key,
            ruleId: promptId,
            reason: snoozeDays ? 'snooze' : reason,
          });
          return { ok: true, view: await viewOf(sender.tab?.id ?? -1, tab) };
        },

        'safety-plan:print': async ({ fingerprint, language }, sender) => {
          const tab = await samePatient(sender.tab?.id, fingerprint);
          if (!tab) return { ok: false };
          const view = await patients.view(tab);
          if (!view.safetyPlan || !view.identityConfirmed) return { ok: false };
          const token = crypto.randomUUID();
          await browser.storage.session.set({
            [`print:${token}`]: {
              plan: view.safetyPlan,
              patientName: view.content.patient.name,
              crisisContacts: view.crisisContacts,
              naloxoneApplicable: view.naloxoneApplicable,
              printedOn: view.today,
              language,
            } satisfies SafetyPlanPrint,
          });
          await browser.tabs.create({
            url: browser.runtime.getURL(`/safety-plan-print.html#${token}`),
          });
          return { ok: true };
        },

        'safety-plan:print-data': async ({ token }) => {
          const key = `print:${token}`;
          const stored = await browser.storage.session.get(key);
          await browser.storage.session.remove(key);
          return (stored[key] as SafetyPlanPrint | undefined) ?? null;
        },

        'frame:snapshot': async (report, sender: MessageSender) => {
          const tabId = sender.tab?.id;
          // Top documents report through 'patient:open'; only subframes report here.
          if (tabId === undefined || sender.frameId === undefined || sender.frameId === 0) {
            return { ok: true };
          }
          // Bound to the frame and document that sent it: a report from a document the frame has
          // since replaced, or from a tab forgotten meanwhile, is dropped.
          const documentId = sender.documentId ?? null;
          if (
            !tabStillCurrent(tabId, documentId, tabGeneration(tabId)) ||
            !frameDocuments.accept(tabId, sender.frameId, documentId)
          ) {
            return { ok: true };
          }
          await frames.put(tabId, {
            ...report,
            // The address the browser gives for the frame, not the one the report names: address
            // evidence (a patient key in the frame's URL) must be the frame's own.
            url: sender.url ?? report.url,
            reading: enrichReading(unpackReading(report.reading)),
            frameId: sender.frameId,
            documentId: sender.documentId,
            origin: sender.origin,
          });
          void refresh(tabId);
          return { ok: true };
        },

        'frame:gone': async ({ loadedAt }, sender) => {
          const tabId = sender.tab?.id;
          if (tabId === undefined || sender.frameId === undefined) return { ok: true };
          await frames.remove(tabId, sender.frameId, { documentId: sender.documentId, loadedAt });
          void refresh(tabId);
          return { ok: true };
        },

        'layout:save': async (layout) => {
          const resolved = await settings.current();
          if (!resolved.locked.layout) {
            const { collapsed: _collapsed, ...kept } = layout;
            await settings.setUserValue('layout', { ...resolved.effective.layout, ...kept });
          }
          return { ok: true };
        },

        'tab:status': async ({ tabId }): Promise<TabStatus> => {
          const resolved = await settings.current();
          const tab = await tabPatient(tabId);
          const browserTab = await browser.tabs.get(tabId).catch(() => null);
          let enabled = false;
          try {
            const origin = new URL(browserTab?.url ?? '').origin;
            enabled =
              tab !== null ||
              (await browser.permissions.contains({ origins: [`${origin}/*`] }).catch(() => false));
          } catch {
            enabled = false;
          }
          return {
            enabled,
            adapter: tab?.reading.adapter ?? null,
            confidence: tab?.reading.confidence ?? null,
            identityConfirmed: tab ? tab.reading.identityConfirmed || tab.confirmedByUser : false,
            problems: tab?.reading.problems ?? [],
            policyProblems: resolved.problems.map((problem) => problem.message),
            packAuthors: resolved.effective.packAuthors,
          };
        },

        'inspect:tab': async ({ tabId }) => {
          const tab = await tabPatient(tabId);
          const merged = tab ? await frames.merged(tabId, tab) : null;
          return {
            reading: tab?.reading ?? null,
            chart: merged?.context ?? tab?.reading.context ?? null,
            // Not recorded: inspecting a page is no clinical use of the chart, so no audit entry.
            view: tab ? await viewOf(tabId, tab) : null,
            policyProblems: (await settings.current()).problems,
          };
        },

        'site:enable': async ({ origin }) => {
          await setUserOrigin(origin, true);
          const sync = await syncContentScriptOrigins(
            (await settings.current()).effective.ehrOrigins,
          );
          const pattern = `${new URL(origin).origin}/*`;
          return sync.registered.includes(pattern)
            ? { ok: true }
            : { ok: false, message: t('backgroundNoHostAccess', { origin }) };
        },

        'site:disable': async ({ origin }) => {
          await setUserOrigin(origin, false);
          await syncContentScriptOrigins((await settings.current()).effective.ehrOrigins);
          return { ok: true };
        },

        'builder:start': async ({ tabId }) => {
          const allowed = (await settings.current()).effective.packAuthors;
          return startedReply(await builder.start(tabId, allowed));
        },
        // No `packAuthors`: the check stores nothing and leaves the page as it is; the site's
        // access was granted by the user's click on the options page.
        'builder:check': async ({ tabId, pack }) =>
          startedReply(await builder.start(tabId, true, pack)),
        'builder:check-stop': async ({ tabId }) => {
          await builder.stop(tabId);
          return { ok: true };
        },
        'builder:join': async (_request, sender) => builder.join(sender.tab?.id ?? -1),
        'builder:steer': async (steer, sender) => {
          await builder.steer(sender.tab?.id ?? -1, steer);
          return { ok: true };
        },
        'builder:pick': async (pick, sender) => {
          await builder.pick(sender.tab?.id ?? -1, pick);
          return { ok: true };
        },
        'builder:read': async (reading, sender) => {
          await builder.read(sender.tab?.id ?? -1, reading);
          return { ok: true };
        },
        'builder:stop': async (_request, sender) => {
          await builder.stop(sender.tab?.id ?? -1);
          return { ok: true };
        },

        'settings:get': async ({ policy }) => {
          if (policy !== 'as-known') return settingsView(await settings.current());
          const { resolved, pending } = await settings.asKnown();
          return { ...settingsView(resolved), policyPending: pending };
        },

        'settings:set': async ({ key, value }) => {
          const before = await settings.current();
          if (!(SETTING_KEYS as string[]).includes(key)) {
            return { ok: false, message: t('backgroundUnknownSetting', { key }) };
          }
          if (before.locked[key as keyof typeof before.locked]) {
            return { ok: false, message: t('backgroundSettingLocked', { key }) };
          }
          const after = await settings.setUserValue(key, value);
          const rejected = after.problems.find((problem) => problem.key === key);
          return rejected
            ? { ok: false, message: rejected.message }
            : { ok: true, view: settingsView(after) };
        },

        'audit:read': async ({ limit }) =>
          (await storage.readAudit({ limit })).map((entry) => ({
            at: entry.at,
            type: entry.type,
            patientKey: entry.patientKey,
            ruleId: entry.ruleId ?? undefined,
            reason: entry.reason ?? undefined,
          })),

        'data:export-preview': async () => summarize(await storage.exportAll({ audited: false })),

        // Encrypted under the user's passphrase before it leaves the background; each exported
        // patient is audit-logged (storage.exportAll).
        'data:export': async ({ passphrase }) => {
          const bundles = await storage.exportAll();
          return {
            fileName: `careside-export-${new Date().toISOString().slice(0, 10)}.careside`,
            text: await encryptExport(bundles, passphrase).catch(failInWords),
            summary: summarize(bundles),
          };
        },

        'data:import-preview': async ({ text, passphrase }) => {
          try {
            const bundles = await decryptExport(text, passphrase);
            return {
              ok: true,
              summary: { ...summarize(bundles), safetyPlansKept: 0, refused: [] },
            };
          } catch (error) {
            return { ok: false, message: messageOf(error) };
          }
        },

        // Each bundle is validated before anything of it is written; a stored safety plan newer
        // than the file's is kept, and the answer says how many were (storage/export.ts).
        'data:import': async ({ text, passphrase }) => {
          let bundles: unknown[];
          try {
            bundles = await decryptExport(text, passphrase);
          } catch (error) {
            return { ok: false, message: messageOf(error) };
          }
          const summary = { ...summarize(bundles), safetyPlansKept: 0, refused: [] as string[] };
          for (const bundle of bundles) {
            try {
              const report = await storage.importBundle(bundle);
              if (report.safetyPlan === 'kept-existing') summary.safetyPlansKept++;
            } catch (error) {
              summary.refused.push(messageOf(error));
            }
          }
          return { ok: true, summary };
        },

        'data:wipe': async () => {
          await storage.wipeAll();
          return { ok: true };
        },
      },
      {
        extensionId: browser.runtime.id,
        extensionOrigin,
        enabledPatterns,
        builderOrigin: (tabId) => builder.originOf(tabId),
        onRefused: (type, why) => console.warn(`Careside refused ${type}: ${why}`),
      },
    ),
  );
});
