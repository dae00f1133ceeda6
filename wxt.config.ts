import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// The development key gives every unpacked build the same extension ID
// (foiekfkefeihhfkdajhfiaiakjpgdnna), so managed policies and the e2e tests can name it.
// A clinic's own signing key never lives in the repository: `npm run package` reads it from
// CARESIDE_SIGNING_KEY (see docs/deploy.md).
const developmentPublicKey = readFileSync('keys/careside-dev-key.pub.b64', 'utf8').trim();

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
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
