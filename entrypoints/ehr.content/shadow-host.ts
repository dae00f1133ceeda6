/**
 * The sidebar's place in the page: a `<careside-sidebar>` element at the end of `<body>` with a
 * **closed** shadow root holding the stylesheet and one container. Closed, because the EHR page may
 * carry hostile script (issue 18): `host.shadowRoot` is null for it, so it cannot query the
 * sidebar's nodes, read what they show or call `click()` on its buttons. Only the `inspectable`
 * test build opens it (utils/build-variant.ts), for Playwright's locators. The EHR's styles cannot reach in
 * (`:host { all: initial }` in sidebar.css resets what is inherited), and keys typed in the
 * sidebar (score-entry digits) stop at the host so they never trigger the EHR's own shortcuts.
 *
 * Written here rather than taken from WXT's `createShadowRootUi`, which brings ≈ 4 KB gzip of
 * helpers (element waiting, anchors, auto-mount) into a script loaded on every chart; this is all
 * the sidebar uses of it.
 */
import { OPEN_SHADOW_ROOT_FOR_TESTS } from '../../utils/build-variant';
import { SIDEBAR_TAG } from '../../utils/ehr/own-elements';

export { SIDEBAR_TAG };

const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

/**
 * Every event through which the sidebar acts: save, dismiss, snooze, enter a score, confirm the
 * identity, print. Each must come from the user (`isTrusted`); one the page's script made
 * (`dispatchEvent`, `click()`) is stopped at the shadow root, in the capture phase, before any
 * control sees it. Defence in depth behind the closed root (issue 18).
 */
export const USER_ACTION_EVENTS = [
  'click',
  'dblclick',
  'auxclick',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'touchstart',
  'touchend',
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'change',
  'submit',
  'reset',
] as const;

/** Stops untrusted user-action events at `root` before they reach the sidebar's controls. */
export function acceptOnlyTrustedEvents(root: ShadowRoot | HTMLElement): void {
  for (const type of USER_ACTION_EVENTS) {
    root.addEventListener(
      type,
      (event) => {
        if (event.isTrusted) return;
        event.stopImmediatePropagation();
        event.preventDefault();
      },
      { capture: true },
    );
  }
}

export interface SidebarHost {
  /** Adds the host to the page (once) and hands the container to `onMount`. */
  mount(): void;
  /** Calls `onRemove` and takes the host out of the page. */
  remove(): void;
}

export function createSidebarHost(
  css: string,
  onMount: (container: HTMLElement) => void,
  onRemove: (container: HTMLElement) => void,
): SidebarHost {
  const host = document.createElement(SIDEBAR_TAG);
  const shadow = host.attachShadow({ mode: OPEN_SHADOW_ROOT_FOR_TESTS ? 'open' : 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  shadow.append(style, container);
  acceptOnlyTrustedEvents(shadow);
  for (const type of ISOLATED_EVENTS) {
    host.addEventListener(type, (event) => event.stopPropagation());
  }
  let mounted = false;
  return {
    mount() {
      if (mounted) return;
      mounted = true;
      (document.body ?? document.documentElement).append(host);
      onMount(container);
    },
    remove() {
      if (!mounted) return;
      mounted = false;
      onRemove(container);
      host.remove();
    },
  };
}
