/**
 * Builds, once per e2e run, the two extension builds the tests load (tests/e2e/browser.ts): so a
 * test never runs on a build left over from other sources, or on the wrong variant.
 */
import { buildExtension } from './browser';

export default async function setup(): Promise<void> {
  if (process.env.CARESIDE_E2E_SKIP_BUILD === '1') return;
  // Each variant builds into its own folder (BUILD_DIRS), so the two can run side by side.
  await Promise.all([buildExtension('inspectable'), buildExtension('demo')]);
}
