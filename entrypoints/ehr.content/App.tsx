import { useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect } from 'preact/hooks';
import type { SaveStatus } from '../../components/SafetyPlanPanel';
import type { EnteredScore } from '../../components/ScoreEntry';
import { Sidebar, type SidebarState } from '../../components/Sidebar';
import type { SafetyPlan } from '../../utils/clinical/safety-plan';
import { t, uiLocale } from '../../utils/i18n/browser';
import type { LayoutSettings, OverrideReason } from '../../utils/messaging';
import type { SidebarModel } from './model';

/**
 * Push mode narrows the EHR page by the sidebar's width so nothing of the chart sits under it.
 * Only the page's own `<html>` inline style is touched, and it is restored on unmount.
 */
function usePagePush(width: number | null) {
  useEffect(() => {
    const html = document.documentElement;
    const previous = html.style.getPropertyValue('margin-right');
    const previousPriority = html.style.getPropertyPriority('margin-right');
    if (width !== null) html.style.setProperty('margin-right', `${width}px`, 'important');
    return () => html.style.setProperty('margin-right', previous, previousPriority);
  }, [width]);
}

export function App({ model }: { model: SidebarModel }) {
  const saveStatus = useSignal<SaveStatus>('idle');
  const phase = model.phase.value;
  const view = model.view.value;
  const layout = model.layout.value;
  const visible = model.visible.value;

  usePagePush(visible && layout.mode === 'push' ? (layout.collapsed ? 32 : layout.width) : null);

  // A new patient starts with a clean save state: nothing about the previous plan carries over.
  const fingerprintShown = view?.fingerprint ?? null;
  useEffect(() => {
    saveStatus.value = 'idle';
  }, [fingerprintShown]);

  // Marks on the page's performance timeline for `npm run bench` (names only, nothing of the
  // patient): the blank is committed before the browser paints again (layout effect), and a
  // patient's view counts as shown once painted (Preact runs effects after the next frame).
  const shownPatient = phase === 'ready' ? fingerprintShown : null;
  useLayoutEffect(() => {
    if (visible && phase === 'changing') performance.mark('careside:blanked');
  }, [visible, phase]);
  useEffect(() => {
    if (visible && shownPatient !== null) performance.mark('careside:painted');
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
          adapterName: view.adapter,
          message: model.message.value ?? undefined,
        }
      : {
          kind: phase === 'changing' ? 'changing' : phase,
          identityConfirmed: false,
          problems: [],
          message: model.message.value ?? undefined,
        };

  const fingerprint = () => model.actions.currentFingerprint() ?? '';

  const onSaveSafetyPlan = async (plan: SafetyPlan) => {
    const current = model.view.value;
    if (!current) return;
    saveStatus.value = 'saving';
    try {
      const result = await model.actions.send('safety-plan:save', {
        fingerprint: current.fingerprint,
        plan,
        expectedRevision: current.safetyPlan?.revision ?? 0,
      });
      if (model.view.value?.fingerprint !== current.fingerprint) return;
      if (result.ok) {
        model.view.value = { ...current, safetyPlan: { ...plan, revision: result.revision } };
        saveStatus.value = 'saved';
      } else if (result.reason === 'conflict') {
        // Another tab saved first: show its version and say so; the clinician's text is not
        // silently thrown away because the notice tells them to re-enter what is missing.
        model.view.value = { ...current, safetyPlan: result.current };
        model.message.value = t('sidebarSafetyPlanConflict');
        saveStatus.value = 'error';
      } else {
        model.message.value = result.message;
        saveStatus.value = 'error';
      }
    } catch {
      saveStatus.value = 'error';
    }
  };

  const onDismissPrompt = async (
    promptId: string,
    factsKey: string,
    reason: OverrideReason,
    snoozeDays?: number,
  ) => {
    const result = await model.actions.send('prompt:dismiss', {
      fingerprint: fingerprint(),
      promptId,
      factsKey,
      reason,
      snoozeDays,
    });
    if (result.ok && result.view.fingerprint === model.actions.currentFingerprint()) {
      model.showView(result.view);
    }
  };

  const onEnterScore = async (entry: EnteredScore) => {
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
    if (result.ok && result.view.fingerprint === model.actions.currentFingerprint()) {
      model.showView(result.view);
    } else if (!result.ok) {
      model.message.value = result.message;
    }
  };

  const onConfirmIdentity = async () => {
    const next = await model.actions.send('patient:confirm', { fingerprint: fingerprint() });
    if (next.fingerprint === model.actions.currentFingerprint()) model.showView(next);
  };

  const onLayoutChange = (next: LayoutSettings) => {
    model.layout.value = next;
    void model.actions.send('layout:save', next);
  };

  return (
    <Sidebar
      state={state}
      safetyPlan={phase === 'ready' ? (view?.safetyPlan ?? null) : null}
      safetyPlanSaveStatus={saveStatus.value}
      safetyPlanReviewDue={view?.safetyPlanReviewDue ?? null}
      naloxoneApplicable={view?.naloxoneApplicable ?? false}
      crisisContacts={view?.crisisContacts ?? []}
      medicationMarkers={phase === 'ready' ? (view?.medicationMarkers ?? []) : []}
      scoreEntry={phase === 'ready' ? (view?.scoreEntry ?? []) : []}
      today={view?.today ?? ''}
      t={t}
      locale={uiLocale()}
      layout={layout}
      onConfirmIdentity={onConfirmIdentity}
      onSaveSafetyPlan={onSaveSafetyPlan}
      onPrintSafetyPlan={() =>
        void model.actions.send('safety-plan:print', { fingerprint: fingerprint() })
      }
      onDismissPrompt={onDismissPrompt}
      onEnterScore={onEnterScore}
      onLayoutChange={onLayoutChange}
      onClose={() => model.toggleVisible()}
    />
  );
}
