// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../utils/ehr/generic/adapter';
import { observeElements } from '../../../utils/ehr/identity/observe';

const flush = () => new Promise((resolve) => setTimeout(resolve, 50));

afterEach(() => {
  document.body.replaceChildren();
});

describe('the generic reader watches where an unknown EHR prints the patient', () => {
  // The markup below is this test's own constant fixture, not page data.
  it('notices a single-page EHR swapping the patient in its banner without a URL change', async () => {
    document.body.innerHTML = `
      <div class="PatientBanner"><span>Name: Ada Lowe</span> <span>DOB: 1980-02-03</span></div>
      <main><table><tr><td>PHQ-9</td><td>12</td></tr></table></main>`;
    let changes = 0;
    const controller = new AbortController();
    observeElements(document, genericAdapter.identitySelectors, () => changes++, {
      signal: controller.signal,
    });
    const name = document.querySelector('.PatientBanner span');
    if (!name) throw new Error('fixture has no banner');
    name.textContent = 'Name: Ben Ortiz';
    await flush();
    expect(changes).toBeGreaterThan(0);
    controller.abort();
  });

  it('does not react to the chart body re-rendering', async () => {
    document.body.innerHTML = `
      <header><h1>Ada Lowe</h1></header>
      <main><table id="flowsheet"><tr><td>PHQ-9</td><td>12</td></tr></table></main>`;
    let changes = 0;
    const controller = new AbortController();
    observeElements(document, genericAdapter.identitySelectors, () => changes++, {
      signal: controller.signal,
    });
    const flowsheet = document.getElementById('flowsheet');
    for (let row = 0; row < 200; row += 1) {
      flowsheet?.insertAdjacentHTML('beforeend', `<tr><td>GAD-7</td><td>${row % 21}</td></tr>`);
    }
    await flush();
    expect(changes).toBe(0);
    controller.abort();
  });
});
