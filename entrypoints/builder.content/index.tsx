import { render } from 'preact';
import { defineContentScript } from '#imports';
import sidebarCss from '../../components/sidebar.css?inline';
import { OPEN_SHADOW_ROOT_FOR_TESTS } from '../../utils/build-variant';
import { BUILDER_PANEL_TAG } from '../../utils/ehr/own-elements';
import { findValuesLabelled } from '../../utils/ehr/page-text';
import { registerLabelFinder } from '../../utils/ehr/sections/registry';
import { installChosenCatalogue } from '../../utils/i18n/browser';
import { sendMessage } from '../../utils/messaging';
import { acceptOnlyTrustedEvents } from '../ehr.content/shadow-host';
import builderCss from './builder.css?inline';
import { BuilderPanel } from './Panel';
import { startPicker } from './picker';

/** Set in the content scripts' isolated world, which the page cannot reach. */
const RUNNING = Symbol.for('careside.packBuilder');

/**
 * "Teach Careside this page" (issue 21, item 1). Never in the manifest: the background injects it
 * into the tab the popup named and registers it, for that one site, while the builder runs
 * (background/builder.ts), so frames that load later get it too. Every frame picks and previews
 * (picker.ts); the top document also shows the panel (Panel.tsx), except for "Check a pack" from
 * the options page, which only reads.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  allFrames: true,
  runAt: 'document_end',
  cssInjectionMode: 'manual',
  async main(ctx) {
    const world = globalThis as { [RUNNING]?: boolean };
    // Started twice in one document (the popup's button pressed again): one builder is enough.
    if (world[RUNNING]) return;
    world[RUNNING] = true;
    const isTop = window.top === window;
    // A pack that names a field by its label reads it with the general rules' label finder.
    registerLabelFinder(findValuesLabelled);
    const first = await sendMessage('builder:join', {}).catch(() => null);
    let host: HTMLElement | null = null;
    const close = () => {
      world[RUNNING] = false;
      if (host) {
        render(null, host.shadowRoot ?? host);
        host.remove();
        host = null;
      }
    };
    if (isTop && !first?.check) {
      await installChosenCatalogue();
      host = document.createElement(BUILDER_PANEL_TAG);
      // Closed in what ships, like the sidebar: the page's script cannot read what the panel shows.
      const shadow = host.attachShadow({ mode: OPEN_SHADOW_ROOT_FOR_TESTS ? 'open' : 'closed' });
      const style = document.createElement('style');
      style.textContent = `${sidebarCss}\n${builderCss}`;
      const container = document.createElement('div');
      shadow.append(style, container);
      acceptOnlyTrustedEvents(shadow);
      for (const type of ['keydown', 'keyup', 'keypress'])
        host.addEventListener(type, (event) => event.stopPropagation());
      (document.body ?? document.documentElement).append(host);
      const origin = location.origin;
      const unmount = () => {
        render(null, container);
        host?.remove();
        host = null;
        world[RUNNING] = false;
      };
      render(<BuilderPanel origin={origin} onClose={unmount} />, container);
      ctx.onInvalidated(unmount);
    }
    startPicker(ctx, close);
  },
});
