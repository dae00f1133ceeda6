import { signal } from '@preact/signals';
import type {
  LayoutSettings,
  MessageType,
  PatientView,
  RequestOf,
  ResponseOf,
} from '../../utils/messaging';

export type SidebarPhase = 'no-patient' | 'changing' | 'ready' | 'error';

export interface SidebarActions {
  currentFingerprint(): string | null;
  send<K extends MessageType>(type: K, data: RequestOf<K>): Promise<ResponseOf<K>>;
}

/**
 * The sidebar's state as small signals. `view` holds one patient at most; a patient change
 * replaces it with null in the same step that sets the phase to `changing`, so nothing of the
 * previous patient can be rendered afterwards.
 */
export function createSidebarModel() {
  const phase = signal<SidebarPhase>('no-patient');
  const view = signal<PatientView | null>(null);
  const message = signal<string | null>(null);
  const visible = signal(true);
  const layout = signal<LayoutSettings>({ mode: 'push', width: 360, collapsed: false });
  let actions: SidebarActions | null = null;

  return {
    phase,
    view,
    message,
    visible,
    layout,
    setActions(next: SidebarActions) {
      actions = next;
    },
    get actions(): SidebarActions {
      if (!actions) throw new Error('Sidebar actions used before the controller started');
      return actions;
    },
    clear() {
      view.value = null;
      message.value = null;
      phase.value = 'no-patient';
    },
    showChanging() {
      view.value = null;
      message.value = null;
      phase.value = 'changing';
    },
    showView(next: PatientView) {
      view.value = next;
      layout.value = next.layout;
      message.value = null;
      phase.value = 'ready';
    },
    showError(text: string) {
      view.value = null;
      message.value = text;
      phase.value = 'error';
    },
    toggleVisible(): boolean {
      visible.value = !visible.value;
      return visible.value;
    },
  };
}

export type SidebarModel = ReturnType<typeof createSidebarModel>;
