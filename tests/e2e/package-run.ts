/**
 * Running `npm run package` from a test, with the development key, and scratch folders removed
 * after: shared by the e2e test of the packages and the managed-policy test of a force-install.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const DIST = path.resolve('dist');
export const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string })
  .version;
const scratch: string[] = [];

export function scratchDirectory(prefix: string): string {
  const directory = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(directory);
  return directory;
}

export function removeScratch(): void {
  for (const directory of scratch.splice(0)) rmSync(directory, { recursive: true, force: true });
}

export interface PackageRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runPackage(): Promise<PackageRun> {
  // The development key signs when no clinic key is in the environment.
  const env = { ...process.env };
  delete env.CARESIDE_SIGNING_KEY;
  delete env.CARESIDE_SIGNING_KEY_FILE;
  delete env.CARESIDE_UPDATE_BASE_URL;
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'package'],
      { env, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
