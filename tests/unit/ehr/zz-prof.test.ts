// @vitest-environment happy-dom
import { it } from 'vitest';
import { findLabelledValues, labelSet } from '../../../utils/ehr/page-text';
import { parsePage } from './load';
it('prof', () => {
  let t = performance.now();
  const rows = Array.from({ length: 20_000 }, (_, i) => `<tr><td class="a">PHQ-9</td><td class="b">01/15/2023</td><td class="c">${i % 28}</td></tr>`).join('');
  const page = parsePage(`<table><tbody>${rows}</tbody></table>`);
  console.log('parse', performance.now() - t); t = performance.now();
  const trs = page.querySelectorAll('tbody tr');
  console.log('qsa', trs.length, performance.now() - t); t = performance.now();
  let n = 0;
  for (const tr of trs) { if (tr.querySelector('.c')) n++; }
  console.log('within', n, performance.now() - t); t = performance.now();
  for (const tr of trs) { n += (tr.querySelector('.c')?.textContent ?? '').length; }
  console.log('text', performance.now() - t); t = performance.now();
  findLabelledValues(page.body, labelSet(['Date of birth']));
  console.log('labels', performance.now() - t); t = performance.now();
}, 120000);
