/**
 * Running `npm run inspect` from a test: a child process per page, its JSON read back. Shared by
 * the e2e tests and the managed-policy test of `--policy` (which writes real policy: root).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { CHROMIUM_MANAGED_POLICY_DIR } from '../../scripts/lib/chromium-policy';
import type { SidebarContent } from '../../utils/clinical/types';
import type { PageReading } from '../../utils/ehr/types';

export interface FromFrame<T> {
  value: T;
  frame: string;
}

export interface Inspected extends Omit<PageReading, 'identityConfirmed' | 'problems'> {
  url: string;
  fields: {
    name: FromFrame<string | null>;
    birthDate: FromFrame<string | null>;
    mrn: FromFrame<string | null>;
    medications: { text: string; status: string; frame: string }[];
    scores: Record<string, { date: string | null; score: number | string | null; frame: string }[]>;
  };
  frames: Record<string, string>;
  identityConfirmed: boolean;
  sidebar: SidebarContent;
  problems: string[];
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runInspect(...args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'inspect', '--', ...args],
      { timeout: 100_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export async function inspect(...args: string[]): Promise<Inspected> {
  const result = await runInspect(...args);
  if (result.code !== 0) throw new Error(`inspect exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Inspected;
}

export const managedPolicyFiles = () =>
  existsSync(CHROMIUM_MANAGED_POLICY_DIR) ? readdirSync(CHROMIUM_MANAGED_POLICY_DIR).sort() : [];

export const mrnOf = (sidebar: SidebarContent) =>
  sidebar.patient.identifiers.find((identifier) => identifier.type === 'MR')?.value ?? null;

export const seriesOf = (sidebar: SidebarContent, instrument: string) =>
  sidebar.measures.find((measure) => measure.instrument === instrument)?.series ?? [];
