import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { sectionReaderFile } from './utils/ehr/section-registry';
import { SECTION_READER_IDS } from './utils/ehr/types';

// The development key gives every unpacked build the same extension ID
// (foiekfkefeihhfkdajhfiaiakjpgdnna), so managed policies and the e2e tests can name it.
// A clinic's own signing key never lives in the repository: `npm run package` reads it from
// CARESIDE_SIGNING_KEY (see docs/deploy.md).
const developmentPublicKey = readFileSync('keys/careside-dev-key.pub.b64', 'utf8').trim();

/** One bundle per section reader (entrypoints/reader-<id>.ts, utils/ehr/section-loader.ts). */
const SECTION_READER_FILES = SECTION_READER_IDS.map(sectionReaderFile);

export default defineConfig({
  hooks: {
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
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => {
    const isChromium = browser !== 'firefox';
    return {
      name: '__MSG_extensionName__',
      description: '__MSG_extensionDescription__',
      default_locale: 'en',
      permissions: ['storage', 'scripting', 'activeTab'],
      // The section readers a chart page imports once its banner is up (utils/ehr/section-loader.ts).
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
