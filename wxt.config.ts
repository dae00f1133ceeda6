import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { sectionReaderFile } from './utils/ehr/sections/registry';
import { SECTION_READER_IDS } from './utils/ehr/types';

// The development key gives every unpacked build the same extension ID
// (foiekfkefeihhfkdajhfiaiakjpgdnna), so managed policies and the e2e tests can name it.
// A clinic's own signing key never lives in the repository: `npm run package` reads it from
// CARESIDE_SIGNING_KEY (see docs/deploy.md).
const developmentPublicKey = readFileSync('keys/careside-dev-key.pub.b64', 'utf8').trim();

/**
 * Which build (utils/build-variant.ts): `release` by default — what `npm run package` ships —
 * `demo` for the benchmark, the demo and the hostile-page test, `inspectable` for the other e2e
 * tests and `npm run inspect`. Each goes to its own folder, so one never runs as another.
 */
const BUILD_VARIANTS = ['release', 'demo', 'inspectable'] as const;
const variant = (process.env.CARESIDE_BUILD ?? 'release') as (typeof BUILD_VARIANTS)[number];
if (!BUILD_VARIANTS.includes(variant)) {
  throw new Error(`CARESIDE_BUILD must be one of ${BUILD_VARIANTS.join(', ')}, not "${variant}"`);
}
/** The bundled demo EHR's address (entrypoints/*.content): kept out of what ships. */
const DEMO_MATCH = 'http://127.0.0.1/*';

/** One bundle per section reader (entrypoints/reader-<id>.ts, utils/ehr/sections/loader.ts). */
const SECTION_READER_FILES = SECTION_READER_IDS.map(sectionReaderFile);

export default defineConfig({
  outDir: variant === 'release' ? '.output' : `.output/${variant}`,
  hooks: {
    // A release registers content scripts only at runtime, for the clinic's EHR origins
    // (background/origins.ts); the demo EHR's match stays in demo and test builds.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (variant !== 'release') return;
      manifest.content_scripts = (manifest.content_scripts ?? [])
        .map((script) => ({
          ...script,
          matches: (script.matches ?? []).filter((match) => match !== DEMO_MATCH),
        }))
        .filter((script) => script.matches.length > 0);
      if (manifest.content_scripts.length === 0) delete manifest.content_scripts;
    },
    // The background and the extension pages get webextension-polyfill (one promise-based API on
    // every browser). The content scripts run on every chart and must stay small (issue 8): they
    // only send and answer messages and read storage.local, which Chromium's MV3 `chrome` and
    // Firefox's `browser` already return promises for, so they use `wxt/browser` as it is and
    // save the polyfill's ≈ 3 KB gzip on every page.
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      if (entrypoints.some((entrypoint) => entrypoint.type === 'content-script')) return;
      viteConfig.resolve ??= {};
      viteConfig.resolve.alias = {
        ...(viteConfig.resolve.alias as Record<string, string> | undefined),
        'wxt/browser': '@wxt-dev/webextension-polyfill/browser',
      };
    },
  },
  // Keys and built packages never go into the sources zip handed to a store.
  zip: { excludeSources: ['dist/**', 'keys/**', '**/*.pem', 'bench/results.json'] },
  vite: () => ({
    plugins: [preact()],
    define: { 'import.meta.env.CARESIDE_BUILD': JSON.stringify(variant) },
  }),
  manifest: ({ browser }) => {
    const isChromium = browser !== 'firefox';
    return {
      name: '__MSG_extensionName__',
      description: '__MSG_extensionDescription__',
      default_locale: 'en',
      permissions: ['storage', 'scripting', 'activeTab', 'alarms', 'identity'],
      // The section readers a chart page imports once its banner is up (utils/ehr/sections/loader.ts).
      // Pages get no fixed address for them: Chromium serves them under a per-session ID only
      // (`use_dynamic_url`), Firefox under a per-install one. They hold reading code, no data.
      web_accessible_resources: isChromium
        ? [{ resources: SECTION_READER_FILES, matches: ['<all_urls>'], use_dynamic_url: true }]
        : SECTION_READER_FILES,
      optional_host_permissions: ['https://*/*', 'http://*/*'],
      ...(isChromium
        ? { key: developmentPublicKey, storage: { managed_schema: 'managed_schema.json' } }
        : {
            // Manifest V2 has no optional_host_permissions: host patterns are optional permissions.
            optional_permissions: ['https://*/*', 'http://*/*'],
            browser_specific_settings: {
              gecko: { id: 'careside@careside.example', strict_min_version: '115.0' },
            },
          }),
    };
  },
});
