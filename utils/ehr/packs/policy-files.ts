/**
 * Selector packs as the policies that carry them (docs/deploy.md, section 5), for `npm run
 * pack-policy` and the pack builder in the extension alike: the managed schema
 * makes every pack JSON text inside `selectorPacks`, which nobody should escape by hand. From the
 * packs as plain objects this writes the Chrome/Edge policy for Linux (JSON), the Windows
 * registry file for Chrome and Edge, and Firefox's `policies.json`.
 */

/** Careside's Firefox add-on ID (`browser_specific_settings.gecko.id` in wxt.config.ts). */
export const CARESIDE_FIREFOX_ID = 'careside@careside.example';

export interface PackPolicyFiles {
  /** `/etc/opt/chrome/policies/managed/…`, `/etc/chromium/…`, `/etc/opt/edge/…` (Linux). */
  chromeJson: string;
  /** Chrome's and Edge's `3rdparty` keys (Windows), both in one file. */
  windowsReg: string;
  /** Firefox's `policies.json`, `3rdparty` part only (installation is in docs/deploy.md). */
  firefoxPolicies: string;
}

export interface PackPolicyTarget {
  /** The Chrome/Edge extension ID (derived from the clinic's signing key). */
  chromeId: string;
  /** The Firefox add-on ID (`browser_specific_settings.gecko.id`). */
  firefoxId: string;
}

/** Each pack as the one line of JSON text the managed schema wants. */
export function packsAsPolicyText(packs: readonly unknown[]): string[] {
  return packs.map((pack) => JSON.stringify(pack));
}

/** A registry string value: backslashes and quotes escaped, as `regedit` reads them. */
function regString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function packPolicyFiles(
  packs: readonly unknown[],
  target: PackPolicyTarget,
): PackPolicyFiles {
  const selectorPacks = packsAsPolicyText(packs);
  const chromeJson = `${JSON.stringify(
    { '3rdparty': { extensions: { [target.chromeId]: { selectorPacks } } } },
    null,
    2,
  )}\n`;
  // Lists are one REG_SZ holding their JSON (docs/deploy.md): the list of pack texts, as JSON.
  const value = regString(JSON.stringify(selectorPacks));
  const windowsReg = [
    'Windows Registry Editor Version 5.00',
    '',
    `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${target.chromeId}\\policy]`,
    `"selectorPacks"=${value}`,
    '',
    `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\${target.chromeId}\\policy]`,
    `"selectorPacks"=${value}`,
    '',
  ].join('\r\n');
  const firefoxPolicies = `${JSON.stringify(
    { policies: { '3rdparty': { Extensions: { [target.firefoxId]: { selectorPacks } } } } },
    null,
    2,
  )}\n`;
  return { chromeJson, windowsReg, firefoxPolicies };
}

/**
 * Where a policy's `selectorPacks` holds a pack as an object rather than JSON text: Chrome drops
 * such entries against the managed schema without a word, so they are named before a run.
 */
export function objectFormPacks(settings: Record<string, unknown> | null): number[] {
  const packs = settings?.selectorPacks;
  if (!Array.isArray(packs)) return [];
  return packs.flatMap((entry, index) =>
    typeof entry === 'object' && entry !== null ? [index] : [],
  );
}
