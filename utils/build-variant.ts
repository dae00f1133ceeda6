/**
 * Which build this is, set by `CARESIDE_BUILD` when WXT builds (wxt.config.ts), fixed at build
 * time so a page can never switch it:
 *
 * - `release` (the default; `npm run package`): what ships. No content script for the bundled
 *   demo EHR (127.0.0.1), no `careside:*` performance marks in the EHR page, closed shadow root.
 * - `demo` (`npm run bench`, `npm run demo`, tests/e2e/hostile-page.test.ts): the release code
 *   plus the demo EHR's content-script match and the benchmark's performance marks.
 * - `inspectable` (the other e2e tests, `npm run inspect`): `demo` with the sidebar's shadow root
 *   **open**, so Playwright locators and `npm run inspect` can read the sidebar. Never shipped;
 *   docs/security.md says what it changes.
 */
export type BuildVariant = 'release' | 'demo' | 'inspectable';

declare global {
  interface ImportMetaEnv {
    readonly CARESIDE_BUILD?: BuildVariant;
  }
}

export const BUILD_VARIANT: BuildVariant = import.meta.env?.CARESIDE_BUILD ?? 'release';

/** The benchmark's `careside:*` marks: only in builds made for measuring. */
export const BENCH_MARKS = BUILD_VARIANT !== 'release';

/** The test-only switch: the sidebar's shadow root is open (locators pierce only open roots). */
export const OPEN_SHADOW_ROOT_FOR_TESTS = BUILD_VARIANT === 'inspectable';

/** `performance.mark('careside:<name>')` in demo and test builds; nothing in a release. */
export function benchMark(name: string): void {
  if (BENCH_MARKS) performance.mark(`careside:${name}`);
}
