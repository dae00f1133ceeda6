/*
 * MeadowChart's browser client. It makes the demo EHR behave like a single-page EHR: opening a
 * chart from the patient list or the "Switch patient" control pushes a history entry and swaps
 * the chart in place; back/forward swaps it back. In the tabbed view the banner changes first and
 * the frames follow after the configured delay, as OpenEMR's tabs do.
 *
 * The server sends element trees (tag, attrs, children) and this file builds them with DOM APIs:
 * patient text only ever becomes text nodes, never parsed markup.
 */

/** Each navigation gets a number; a response that arrives after a newer navigation is dropped. */
let navigation = 0;

function build(node) {
  if (typeof node === 'string') return document.createTextNode(node);
  const element = document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs ?? {})) {
    // The server never sends handlers; refusing them keeps this builder safe by construction.
    if (name.toLowerCase().startsWith('on')) continue;
    element.setAttribute(name, value);
  }
  for (const child of node.children ?? []) element.append(build(child));
  return element;
}

async function fetchView(path) {
  const response = await fetch(`/ui/view?path=${encodeURIComponent(path)}`, {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok && response.status !== 404) throw new Error(`view request: ${response.status}`);
  return response.json();
}

function applyView(view) {
  document.title = view.title;
  document.body.dataset.page = view.page;
  for (const [id, children] of Object.entries(view.regions)) {
    document.getElementById(id)?.replaceChildren(...children.map(build));
  }
}

/** Loads a page's regions and swaps them in; a failed request falls back to a full page load. */
async function navigate(path, { push }) {
  const current = ++navigation;
  try {
    const view = await fetchView(path);
    if (current !== navigation) return null;
    if (push) history.pushState({ path }, '', path);
    applyView(view);
    return view;
  } catch {
    location.assign(path);
    return null;
  }
}

const IN_APP_PATH = /^\/(patients\/[^/]+)?$/;

function isPlainClick(event) {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey
  );
}

function startChartNavigation() {
  document.addEventListener('click', (event) => {
    if (!isPlainClick(event) || !(event.target instanceof Element)) return;
    const link = event.target.closest('a[href]');
    if (!link) return;
    const url = new URL(link.href);
    if (url.origin !== location.origin || !IN_APP_PATH.test(url.pathname)) return;
    event.preventDefault();
    navigate(url.pathname + url.search, { push: true });
    window.scrollTo(0, 0);
  });
  const openSelected = (form) => {
    const pid = form.elements.namedItem('pid')?.value;
    if (pid) navigate(`/patients/${encodeURIComponent(pid)}`, { push: true });
  };
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('switch-patient')) return;
    event.preventDefault();
    openSelected(form);
  });
  document.addEventListener('change', (event) => {
    const form =
      event.target instanceof Element ? event.target.closest('form.switch-patient') : null;
    if (form) openSelected(form);
  });
  window.addEventListener('popstate', () => {
    navigate(location.pathname + location.search, { push: false });
  });
}

function startFramedView() {
  // Read at every switch, so a test can vary the lag from one patient change to the next.
  const delay = () => Number(document.body.dataset.frameDelayMs ?? '0');
  const select = document.querySelector('form.switch-patient select');
  const frames = [...document.querySelectorAll('.tab-frames iframe')];
  let frameTimer = 0;

  const reloadFrames = (pid) => {
    for (const frame of frames) {
      const source = new URL(frame.src);
      source.searchParams.set('pid', pid);
      frame.src = source.href;
    }
  };

  const switchPatient = async (pid, push) => {
    const url = new URL(location.href);
    url.searchParams.set('pid', pid);
    const view = await navigate(url.pathname + url.search, { push });
    if (!view) return;
    if (select) select.value = pid;
    clearTimeout(frameTimer);
    frameTimer = setTimeout(() => reloadFrames(pid), delay());
  };

  document.querySelector('form.switch-patient')?.addEventListener('submit', (event) => {
    event.preventDefault();
    if (select?.value) switchPatient(select.value, true);
  });
  select?.addEventListener('change', () => {
    if (select.value) switchPatient(select.value, true);
  });
  window.addEventListener('popstate', () => {
    const pid = new URL(location.href).searchParams.get('pid');
    if (pid) switchPatient(pid, false);
  });

  for (const tab of document.querySelectorAll('.tabs [role="tab"]')) {
    tab.addEventListener('click', () => {
      const target = tab.getAttribute('aria-controls');
      for (const other of document.querySelectorAll('.tabs [role="tab"]')) {
        other.setAttribute('aria-selected', String(other === tab));
      }
      for (const frame of frames) frame.hidden = frame.id !== target;
    });
  }
}

if (document.body.dataset.page === 'framed') startFramedView();
else startChartNavigation();
