/**
 * Real Chromium enterprise policy on Linux: JSON files in Chromium's managed-policy folder, the
 * same mechanism a clinic uses (docs/deploy.md, section 4). `npm run inspect -- --policy` and the
 * e2e tests write one file for the length of a run and remove it afterwards.
 *
 * Every Chromium on the machine reads that folder — also ones already running, which reload
 * policy when a file in it changes — so a file is written under a name of its own and removed as
 * soon as the run ends, also when the run fails or is interrupted.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where Debian's Chromium reads mandatory policy from (Google Chrome: /etc/opt/chrome/…). */
export const CHROMIUM_MANAGED_POLICY_DIR = '/etc/chromium/policies/managed';

export class PolicyPermissionError extends Error {}

export type PolicyDocument = Record<string, unknown>;

/** The `3rdparty` policy that hands `settings` to one extension's managed storage. */
export function extensionPolicy(extensionId: string, settings: unknown): PolicyDocument {
  return { '3rdparty': { extensions: { [extensionId]: settings } } };
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

export interface InstalledPolicy {
  file: string;
  /** Replaces the file's content; a running Chromium picks it up on "Reload policies". */
  rewrite(document: PolicyDocument): void;
  remove(): void;
}

/**
 * Writes `document` as `<name>.json` in the managed-policy folder (made if missing). Needs root,
 * like any machine-wide policy; says so plainly otherwise.
 */
export function installChromiumPolicy(
  name: string,
  document: PolicyDocument,
  directory = CHROMIUM_MANAGED_POLICY_DIR,
): InstalledPolicy {
  if (!isRoot()) {
    throw new PolicyPermissionError(
      `Writing a managed policy needs root: Chromium reads it from ${directory}, which only root may change. Run the command as root (for example with sudo), or leave out the policy.`,
    );
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`Not a policy file name: "${name}".`);
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${name}.json`);
  const write = (next: PolicyDocument) => {
    // Readable by every user: Chromium may run as another user than the one who wrote it.
    writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o644 });
  };
  write(document);
  const remove = () => rmSync(file, { force: true });
  // An interrupted run must not leave a machine-wide policy behind.
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    file,
    rewrite: write,
    remove() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (existsSync(file)) remove();
    },
  };
}
