import type { SidebarPhase } from '../../components/Sidebar';
import type { SidebarContent } from '../../utils/clinical/types';
import type { MessageType, RequestOf, ResponseOf } from '../../utils/messaging';
import type { PatientView } from '../../utils/patient-view';
import type { LayoutSettings } from '../../utils/policy/layout';

export interface SidebarActions {
  currentFingerprint(): string | null;
  /**
   * Whether the page shows, now, the patient with this fingerprint (read again from the page).
   * False also asks the controller to read the page again.
   */
  pageShows(fingerprint: string): boolean;
  send<K extends MessageType>(type: K, data: RequestOf<K>): Promise<ResponseOf<K>>;
}

export interface SidebarSnapshot {
  phase: SidebarPhase;
  /** One patient at most; null whenever the phase is not `ready`. */
  view: PatientView | null;
  /**
   * In `loading` only: who the page itself shows, confirmed by its reader, so the banner is up
   * while the background works out the rest. Null in every other phase.
   */
  pagePatient: SidebarContent['patient'] | null;
  /** The clinician's calendar date when `pagePatient` was read (for the age in the banner). */
  pageToday: string;
  message: string | null;
  visible: boolean;
  layout: LayoutSettings;
}

/**
 * The sidebar's state as one immutable snapshot with subscribers. A patient change replaces the
 * view with null in the same step that sets the phase to `changing`, so nothing of the previous
 * patient can be rendered afterwards. (A plain store rather than a signals library: the content
 * script is loaded on every chart and its size is budgeted, see issue 8.)
 */
export function createSidebarModel() {
  let state: SidebarSnapshot = {
    phase: 'no-patient',
    view: null,
    pagePatient: null,
    pageToday: '',
    message: null,
    visible: true,
    layout: { mode: 'push', width: 360, collapsed: false },
  };
  const listeners = new Set<() => void>();
  let actions: SidebarActions | null = null;
  // Once the clinician resizes or switches the mode on this page, their choice holds: a view that
  // was computed before it was saved (the banner is up, and usable, before the view arrives)
  // must not snap the sidebar back.
  let layoutChosenHere = false;

  const update = (next: Partial<SidebarSnapshot>) => {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  };

  return {
    get state(): SidebarSnapshot {
      return state;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setActions(next: SidebarActions) {
      actions = next;
    },
    get actions(): SidebarActions {
      if (!actions) throw new Error('Sidebar actions used before the controller started');
      return actions;
    },
    clear() {
      update({ view: null, pagePatient: null, message: null, phase: 'no-patient' });
    },
    showChanging() {
      update({ view: null, pagePatient: null, message: null, phase: 'changing' });
    },
    /** The page's patient, before the background's view arrives. */
    showLoading(patient: SidebarContent['patient'], today: string) {
      update({
        view: null,
        pagePatient: patient,
        pageToday: today,
        message: null,
        phase: 'loading',
      });
    },
    showView(next: PatientView) {
      update({
        view: next,
        pagePatient: null,
        layout: layoutChosenHere ? state.layout : next.layout,
        message: null,
        phase: 'ready',
      });
    },
    /** The same patient's view with a local change (a saved plan), keeping any notice shown. */
    replaceView(next: PatientView) {
      if (state.view?.fingerprint !== next.fingerprint) return;
      update({ view: next });
    },
    showNotice(text: string) {
      update({ message: text });
    },
    showError(text: string) {
      update({ view: null, pagePatient: null, message: text, phase: 'error' });
    },
    /** The saved layout, known before any patient's view: the sidebar opens at its own width. */
    startWithLayout(layout: LayoutSettings) {
      if (!layoutChosenHere) update({ layout });
    },
    setLayout(layout: LayoutSettings) {
      layoutChosenHere = true;
      update({ layout });
    },
    toggleVisible(): boolean {
      update({ visible: !state.visible });
      return state.visible;
    },
  };
}

export type SidebarModel = ReturnType<typeof createSidebarModel>;
