/**
 * The sidebar's place in the page: a `<careside-sidebar>` element at the end of `<body>` with an
 * open shadow root holding the stylesheet and one container. The EHR's styles cannot reach in
 * (`:host { all: initial }` in sidebar.css resets what is inherited), and keys typed in the
 * sidebar (score-entry digits) stop at the host so they never trigger the EHR's own shortcuts.
 *
 * Written here rather than taken from WXT's `createShadowRootUi`, which brings ≈ 4 KB gzip of
 * helpers (element waiting, anchors, auto-mount) into a script loaded on every chart; this is all
 * the sidebar uses of it.
 */
export const SIDEBAR_TAG = 'careside-sidebar';

const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

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
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  shadow.append(style, container);
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
