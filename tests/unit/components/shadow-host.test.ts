// @vitest-environment happy-dom
/**
 * The page cannot read or drive the sidebar (issue 18): its shadow root is closed, and events the
 * page's script makes never reach the sidebar's controls. The same in real Chromium:
 * tests/e2e/hostile-page.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  acceptOnlyTrustedEvents,
  createSidebarHost,
  SIDEBAR_TAG,
} from '../../../entrypoints/ehr.content/shadow-host';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the sidebar host', () => {
  it('has a closed shadow root in a release build', () => {
    let container: HTMLElement | null = null;
    createSidebarHost(
      '',
      (mounted) => {
        container = mounted;
        mounted.innerHTML = '<button>Save</button>';
      },
      () => undefined,
    ).mount();
    const host = document.querySelector(SIDEBAR_TAG);
    expect(host).not.toBeNull();
    expect(container).not.toBeNull();
    expect(host?.shadowRoot).toBeNull();
    expect(document.querySelectorAll('button')).toHaveLength(0);
  });

  it('stops a click the page made before the control sees it', () => {
    const root = document.createElement('div').attachShadow({ mode: 'open' });
    const button = document.createElement('button');
    const saved = vi.fn();
    button.addEventListener('click', saved);
    root.append(button);

    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(saved).toHaveBeenCalledTimes(1);

    acceptOnlyTrustedEvents(root);
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    button.dispatchEvent(new Event('submit', { bubbles: true }));
    expect(saved).toHaveBeenCalledTimes(1);
  });
});
