// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { observeElements } from '../../../utils/ehr/identity/observe';

/** Mutation records arrive in a microtask; the callback waits for the next animation frame. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

function setUp(): { banner: HTMLElement; chart: HTMLElement } {
  document.body.textContent = '';
  const header = document.createElement('header');
  const banner = document.createElement('div');
  banner.id = 'banner';
  const name = document.createElement('span');
  name.className = 'pt-name';
  name.textContent = 'Jane Doe';
  banner.append(name);
  header.append(banner);
  const chart = document.createElement('main');
  chart.textContent = 'chart';
  document.body.append(header, chart);
  return { banner, chart };
}

const controllers: AbortController[] = [];
function watch(
  selectors: string[],
  onChange: () => void,
  burstThreshold?: number,
): AbortController {
  const controller = new AbortController();
  controllers.push(controller);
  observeElements(document.body, selectors, onChange, {
    signal: controller.signal,
    burstThreshold,
  });
  return controller;
}

afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
});

describe('observeElements', () => {
  it('calls back when the identity text changes', async () => {
    setUp();
    const onChange = vi.fn();
    watch(['.pt-name'], onChange);
    const name = document.querySelector('.pt-name');
    if (!name?.firstChild) throw new Error('no name');
    (name.firstChild as Text).data = 'John Roe';
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('ignores changes elsewhere on the page', async () => {
    const { chart } = setUp();
    const onChange = vi.fn();
    watch(['.pt-name'], onChange);
    for (let index = 0; index < 20; index += 1) chart.append(document.createElement('p'));
    chart.textContent = 'another view of the same chart';
    document.body.append(document.createElement('div'));
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('notices a replaced banner and keeps watching the new one', async () => {
    const { banner } = setUp();
    const onChange = vi.fn();
    watch(['.pt-name'], onChange);
    const replacement = banner.cloneNode(true) as HTMLElement;
    const name = replacement.querySelector('.pt-name');
    if (!name) throw new Error('no name');
    name.textContent = 'John Roe';
    banner.replaceWith(replacement);
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);

    name.textContent = 'Ann Poe';
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('notices a banner that appears after the page loaded', async () => {
    document.body.textContent = '';
    const onChange = vi.fn();
    watch(['.pt-name'], onChange);
    const wrapper = document.createElement('div');
    const name = document.createElement('span');
    name.className = 'pt-name';
    name.textContent = 'Jane Doe';
    wrapper.append(name);
    document.body.append(wrapper);
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    name.textContent = 'John Roe';
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('coalesces a burst of changes into one callback', async () => {
    setUp();
    const onChange = vi.fn();
    watch(['.pt-name'], onChange);
    const name = document.querySelector('.pt-name');
    if (!name) throw new Error('no name');
    for (let index = 0; index < 10; index += 1) name.textContent = `Patient ${index}`;
    await Promise.resolve();
    name.textContent = 'Final Patient';
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('with `immediate`, calls back in the task of the change, not a frame later', async () => {
    setUp();
    const late = vi.fn();
    const now = vi.fn();
    watch(['.pt-name'], late);
    const controller = new AbortController();
    controllers.push(controller);
    observeElements(document.body, ['.pt-name'], now, {
      signal: controller.signal,
      immediate: true,
    });
    const name = document.querySelector('.pt-name');
    if (!name) throw new Error('no name');
    name.textContent = 'John Roe';
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect([now.mock.calls.length, late.mock.calls.length]).toEqual([1, 0]);
    await settle();
    expect([now.mock.calls.length, late.mock.calls.length]).toEqual([1, 1]);
  });

  it('rescans once when a batch is larger than the threshold', async () => {
    const { banner } = setUp();
    const onChange = vi.fn();
    watch(['.pt-name'], onChange, 5);
    const name = banner.querySelector('.pt-name');
    if (!name) throw new Error('no name');
    for (let index = 0; index < 30; index += 1) name.append(document.createElement('i'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    // Still attached after the rescan.
    name.textContent = 'John Roe';
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('stops when aborted', async () => {
    setUp();
    const onChange = vi.fn();
    const controller = watch(['.pt-name'], onChange);
    controller.abort();
    const name = document.querySelector('.pt-name');
    if (!name) throw new Error('no name');
    name.textContent = 'John Roe';
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('drops a change that was scheduled before the abort', async () => {
    setUp();
    const onChange = vi.fn();
    const controller = watch(['.pt-name'], onChange);
    const name = document.querySelector('.pt-name');
    if (!name) throw new Error('no name');
    name.textContent = 'John Roe';
    await Promise.resolve();
    controller.abort();
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('never observes the whole body subtree once the identity elements exist', () => {
    setUp();
    const observe = vi.spyOn(window.MutationObserver.prototype, 'observe');
    watch(['.pt-name'], () => {});
    const wide = observe.mock.calls.filter(
      ([target, options]) =>
        options?.subtree === true &&
        (target === document.body || target === document.documentElement),
    );
    expect(wide).toEqual([]);
    expect(observe.mock.calls.some(([, options]) => options?.subtree === true)).toBe(true);
    observe.mockRestore();
  });

  it('watches the elements a function finds, as a reader that reads the page to know them', async () => {
    setUp();
    const onChange = vi.fn();
    const controller = new AbortController();
    controllers.push(controller);
    const found = vi.fn(() => [...document.querySelectorAll('.pt-name')]);
    observeElements(document.body, found, onChange, { signal: controller.signal });
    expect(found).toHaveBeenCalled();
    const name = document.querySelector('.pt-name');
    if (!name?.firstChild) throw new Error('no name');
    (name.firstChild as Text).data = 'John Roe';
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it("notices a header re-mounted inside a web component's shadow root", async () => {
    document.body.textContent = '';
    const host = document.createElement('patient-header');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const header = document.createElement('header');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = 'Jane Doe';
    header.append(name);
    shadow.append(header);
    const onChange = vi.fn();
    const controller = new AbortController();
    controllers.push(controller);
    observeElements(document, () => [...shadow.querySelectorAll('.name')], onChange, {
      signal: controller.signal,
    });
    // The component renders its next patient by replacing its whole header.
    const next = header.cloneNode(true) as HTMLElement;
    (next.querySelector('.name') as HTMLElement).textContent = 'John Roe';
    header.replaceWith(next);
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    // …and it keeps watching the new one.
    (next.querySelector('.name') as HTMLElement).textContent = 'Ann Poe';
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('notices a web component holding the identity replaced in the page', async () => {
    document.body.textContent = '';
    const mount = (patient: string) => {
      const host = document.createElement('patient-header');
      const shadow = host.attachShadow({ mode: 'open' });
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = patient;
      shadow.append(name);
      return host;
    };
    const app = document.createElement('div');
    app.append(mount('Jane Doe'));
    document.body.append(app);
    const onChange = vi.fn();
    const controller = new AbortController();
    controllers.push(controller);
    const names = () =>
      [...document.querySelectorAll('patient-header')].flatMap((host) => [
        ...(host.shadowRoot?.querySelectorAll('.name') ?? []),
      ]);
    observeElements(document, names, onChange, { signal: controller.signal });
    // The app re-mounts the component for the next patient (a React key change).
    app.replaceChildren(mount('John Roe'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});

describe('observeElements with nothing to watch yet', () => {
  it('reports any change of the page when asked to, for a caller that reads the page to know', async () => {
    document.body.textContent = '';
    const onChange = vi.fn();
    const controller = new AbortController();
    observeElements(document, () => [], onChange, {
      signal: controller.signal,
      anyChangeWhileWaiting: true,
    });
    const header = document.createElement('header');
    header.textContent = 'Jane Doe';
    document.body.append(header);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(onChange).toHaveBeenCalled();
    controller.abort();
  });

  it('stays quiet otherwise until an element to watch appears', async () => {
    document.body.textContent = '';
    const onChange = vi.fn();
    const controller = new AbortController();
    observeElements(document, () => [], onChange, { signal: controller.signal });
    document.body.append(document.createElement('header'));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(onChange).not.toHaveBeenCalled();
    controller.abort();
  });
});
