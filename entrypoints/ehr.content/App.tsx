import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { noteWords } from '../../components/note-words';
import type { SaveStatus } from '../../components/SafetyPlanPanel';
import type { EnteredScore } from '../../components/ScoreEntry';
import { Sidebar, type SidebarState } from '../../components/Sidebar';
import { benchMark } from '../../utils/build-variant';
import type { OverrideReason } from '../../utils/clinical/override-reasons';
import type { SafetyPlan } from '../../utils/clinical/safety-plan';
import type { CatalogueLanguage } from '../../utils/i18n';
import { t, uiLocale } from '../../utils/i18n/browser';
import type { LayoutSettings } from '../../utils/policy/layout';
import type { CdsCardView } from '../../utils/record/cds';
import { noteText } from '../../utils/record/note';
import type { SidebarModel } from './model';

/**
 * Push mode narrows the EHR page by the sidebar's width so nothing of the chart sits under it.
 * Only the page's own `<html>` inline style is touched, and it is restored on unmount.
 *
 * The page is narrowed once the sidebar has shown what it came for — the patient's whole view, or
 * what went wrong — and stays narrowed from then on. Re-laying out a large chart at its new width is
 * the page's own work (130–190 ms on the benchmark's five-year chart, `npm run bench`), and done
 * when the banner appeared it held up reading the chart and showing the view by as much; until
 * the view is painted the sidebar overlays the page's edge, as in overlay mode.
 */
function usePagePush(width: number | null) {
  useEffect(() => {
    const html = document.documentElement;
    const previous = html.style.getPropertyValue('margin-right');
    const previousPriority = html.style.getPropertyPriority('margin-right');
    if (width !== null) {
      html.style.setProperty('margin-right', `${width}px`, 'important');
      // For `npm run bench` (a name only): when the page was asked to make room.
      benchMark('page-narrowed');
    }
    return () => html.style.setProperty('margin-right', previous, previousPriority);
  }, [width]);
}

/** Re-renders the component on every change of the model; reads the snapshot at render time. */
function useModel(model: SidebarModel) {
  const [, setVersion] = useState(0);
  // A layout effect subscribes within the same commit as the first render, so no change between
  // the two is missed.
  useLayoutEffect(() => model.subscribe(() => setVersion((version) => version + 1)), [model]);
  return model.state;
}

export function App({ model }: { model: SidebarModel }) {
  const [saveStatus, setSaveStatus] = useState<SaveStatus>('idle');
  const snapshot = useModel(model);
  const { layout, visible, message, pageToday } = snapshot;
  // Every render of patient data is guarded: the page must still show that patient now (its
  // identity is read again, cheaply). If it does not, this render shows "checking" instead, and
  // the controller reads the page again.
  const patientOnScreen =
    snapshot.phase === 'ready'
      ? (snapshot.view?.fingerprint ?? null)
      : snapshot.phase === 'loading'
        ? model.actions.currentFingerprint()
        : null;
  const stale = visible && patientOnScreen !== null && !model.actions.pageShows(patientOnScreen);
  const phase = stale ? 'changing' : snapshot.phase;
  const view = stale ? null : snapshot.view;
  const pagePatient = stale ? null : snapshot.pagePatient;

  // The page makes room once what the sidebar came to show is all on screen: the whole view
  // (`onViewComplete` below), what went wrong, or — collapsed before the view was complete — the
  // tab, which is all there is to show. An effect runs after the paint, so it is on screen before
  // the page re-lays itself out.
  const [makeRoom, setMakeRoom] = useState(false);
  useEffect(() => {
    if (phase === 'error' || (phase === 'ready' && layout.collapsed)) setMakeRoom(true);
  }, [phase, layout.collapsed]);
  const pushWidth = layout.collapsed ? 32 : layout.width;
  usePagePush(makeRoom && visible && layout.mode === 'push' ? pushWidth : null);

  // A new patient starts with a clean save state: nothing about the previous plan carries over.
  const fingerprintShown = view?.fingerprint ?? null;
  useEffect(() => {
    setSaveStatus('idle');
  }, [fingerprintShown]);

  // Marks on the page's performance timeline for `npm run bench` (names only, nothing of the
  // patient): the previous patient is gone once a blank or another patient's banner is committed
  // (layout effect, before the browser paints again); a patient counts as shown once painted
  // (Preact runs effects after the next frame) — the banner from the page first, then the view.
  const shownPatient = phase === 'ready' ? fingerprintShown : null;
  useLayoutEffect(() => {
    if (visible && (phase === 'changing' || phase === 'loading')) {
      benchMark('blanked');
    }
  }, [visible, phase, pagePatient]);
  useEffect(() => {
    if (visible && pagePatient !== null) benchMark('banner-painted');
  }, [visible, pagePatient]);
  useEffect(() => {
    if (visible && shownPatient !== null) benchMark('painted');
  }, [visible, shownPatient]);

  if (!visible) return null;

  const state: SidebarState =
    phase === 'ready' && view
      ? {
          kind: 'ready',
          content: view.content,
          identityConfirmed: view.identityConfirmed,
          problems: view.problems,
          waitingFor: view.waitingFor,
          notOnScreen: view.notOnScreen,
          adapterName: view.adapter,
          message: message ?? undefined,
        }
      : phase === 'loading' && pagePatient
        ? { kind: 'loading', patient: pagePatient, identityConfirmed: true, problems: [] }
        : phase === 'ready'
          ? // A view is the whole of `ready`: without one there is nothing to show but the error.
            { kind: 'error', identityConfirmed: false, problems: [] }
          : { kind: phase, identityConfirmed: false, problems: [], message: message ?? undefined };

  const fingerprint = () => model.actions.currentFingerprint() ?? '';

  /**
   * Runs one of the clinician's actions and says in the sidebar when it did not go through, as a
   * safety plan that could not be saved does: the background's refusal in its words, or, when no
   * answer came, that it did not happen. Said only while the same patient is on screen.
   */
  const act = async (action: () => Promise<string | null>) => {
    const shownFor = model.actions.currentFingerprint();
    let failure: string | null;
    try {
      failure = await action();
    } catch {
      failure = t('sidebarActionFailed');
    }
    if (failure !== null && model.actions.currentFingerprint() === shownFor) {
      model.showNotice(failure);
    }
  };

  const onSaveSafetyPlan = async (plan: SafetyPlan) => {
    const current = model.state.view;
    if (!current) return;
    setSaveStatus('saving');
    try {
      const result = await model.actions.send('safety-plan:save', {
        fingerprint: current.fingerprint,
        plan,
        expectedRevision: current.safetyPlan?.revision ?? 0,
      });
      if (model.state.view?.fingerprint !== current.fingerprint) return;
      if (result.ok) {
        model.replaceView({ ...current, safetyPlan: { ...plan, revision: result.revision } });
        setSaveStatus('saved');
      } else if (result.reason === 'conflict') {
        // Another tab saved first: show its version and say so; the clinician's text is not
        // silently thrown away because the notice tells them to re-enter what is missing.
        model.replaceView({ ...current, safetyPlan: result.current });
        model.showNotice(t('sidebarSafetyPlanConflict'));
        setSaveStatus('error');
      } else {
        model.showNotice(result.message);
        setSaveStatus('error');
      }
    } catch {
      setSaveStatus('error');
    }
  };

  const onDismissPrompt = (
    promptId: string,
    factsKey: string,
    reason: OverrideReason,
    snoozeDays?: number,
  ) =>
    act(async () => {
      const result = await model.actions.send('prompt:dismiss', {
        fingerprint: fingerprint(),
        promptId,
        factsKey,
        reason,
        snoozeDays,
      });
      if (!result.ok) return result.message;
      if (result.view.fingerprint === model.actions.currentFingerprint()) {
        model.showView(result.view);
      }
      return null;
    });

  const onEnterScore = (entry: EnteredScore) =>
    act(async () => {
      const items = Object.fromEntries(entry.items.map((value, index) => [index + 1, value]));
      const result = await model.actions.send('score:enter', {
        fingerprint: fingerprint(),
        entry: {
          instrument: entry.instrument,
          date: entry.date,
          total: null,
          items,
          provenance: { source: 'entered', via: 'sidebar score entry' },
        },
      });
      if (!result.ok) return result.message;
      if (result.view.fingerprint === model.actions.currentFingerprint()) {
        model.showView(result.view);
      }
      return null;
    });

  const onConfirmIdentity = () =>
    act(async () => {
      const next = await model.actions.send('patient:confirm', { fingerprint: fingerprint() });
      if (next.fingerprint === model.actions.currentFingerprint()) model.showView(next);
      return null;
    });

  const onPrintSafetyPlan = (_plan: unknown, language: CatalogueLanguage) =>
    act(async () => {
      const result = await model.actions.send('safety-plan:print', {
        fingerprint: fingerprint(),
        language,
      });
      return result.ok ? null : t('sidebarActionFailed');
    });

  const onCopyNote = () => {
    if (!view) return;
    const text = noteText(
      {
        content: view.content,
        safetyPlan: view.safetyPlan,
        addressed: view.addressedPrompts ?? [],
        today: view.today,
        clinician: view.clinicianName ?? '',
        template: view.noteTemplate ?? '',
      },
      noteWords(t, uiLocale()),
    );
    navigator.clipboard.writeText(text).then(
      () => model.showNotice(t('sidebarNoteCopied')),
      () => model.showNotice(t('sidebarNoteNotCopied')),
    );
  };

  const onKeepRecordVersion = async () => {
    const result = await model.actions.send('record:keep-theirs', { fingerprint: fingerprint() });
    if (result.ok && result.view.fingerprint === model.actions.currentFingerprint()) {
      model.showView(result.view);
    } else if (!result.ok) {
      model.showNotice(result.message);
    }
  };

  const onSignIn = () =>
    act(async () => {
      const result = await model.actions.send('record:sign-in', { fingerprint: fingerprint() });
      if (!result.ok) return result.message;
      if (result.view.fingerprint === model.actions.currentFingerprint()) {
        model.showView(result.view);
      }
      return null;
    });

  const onDismissCdsCard = (card: CdsCardView, reason: OverrideReason) =>
    act(async () => {
      if (!card.uuid) return null;
      const result = await model.actions.send('cds:dismiss', {
        fingerprint: fingerprint(),
        serviceId: card.serviceId,
        uuid: card.uuid,
        reason,
      });
      if (!result.ok) return result.message;
      if (result.view.fingerprint === model.actions.currentFingerprint()) {
        model.showView(result.view);
      }
      return null;
    });

  const onLayoutChange = (next: LayoutSettings) => {
    model.setLayout(next);
    void act(async () => {
      await model.actions.send('layout:save', next);
      return null;
    });
  };

  return (
    <Sidebar
      state={state}
      safetyPlan={phase === 'ready' ? (view?.safetyPlan ?? null) : null}
      safetyPlanSaveStatus={saveStatus}
      safetyPlanReviewDue={view?.safetyPlanReviewDue ?? null}
      naloxoneApplicable={view?.naloxoneApplicable ?? false}
      crisisContacts={view?.crisisContacts ?? []}
      medicationMarkers={phase === 'ready' ? (view?.medicationMarkers ?? []) : []}
      scoreEntry={phase === 'ready' ? (view?.scoreEntry ?? []) : []}
      today={view?.today ?? pageToday}
      t={t}
      locale={uiLocale()}
      layout={layout}
      onConfirmIdentity={onConfirmIdentity}
      onSaveSafetyPlan={onSaveSafetyPlan}
      onPrintSafetyPlan={onPrintSafetyPlan}
      onDismissPrompt={onDismissPrompt}
      onEnterScore={onEnterScore}
      onLayoutChange={onLayoutChange}
      teamRecord={phase === 'ready' ? (view?.teamRecord ?? null) : null}
      onKeepRecordVersion={onKeepRecordVersion}
      onSignIn={onSignIn}
      cds={phase === 'ready' ? (view?.cds ?? null) : null}
      onDismissCdsCard={onDismissCdsCard}
      onCopyNote={onCopyNote}
      onClose={() => model.toggleVisible()}
      onViewComplete={() => {
        // For `npm run bench` (a name only): the sections after the first screen are painted.
        benchMark('view-complete');
        setMakeRoom(true);
      }}
    />
  );
}
