/**
 * Builds, once per e2e run, the two extension builds the tests load (tests/e2e/browser.ts): so a
 * test never runs on a build left over from other sources, or on the wrong variant.
 */
import { buildExtension } from './browser';

export default function setup(): void {
  if (process.env.CARESIDE_E2E_SKIP_BUILD === '1') return;
  buildExtension('inspectable');
  buildExtension('demo');
}
