/**
 * `npm run evaluate -- FILE [--now YYYY-MM-DD]`
 *
 * Reads a FHIR R4 Bundle or resource (or a saved PatientContext JSON) and prints what the sidebar
 * would show, as JSON, so clinical governance can review every prompt with its evidence. Reading
 * problems go to stderr; a file that cannot be read at all exits with code 1 and one line saying why.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseIsoDate } from '../utils/clinical/dates';
import { buildSidebarContent } from '../utils/clinical/sidebar-content';
import type { PatientContext, SidebarContent } from '../utils/clinical/types';
import { FhirInputError, readFhirPatients } from '../utils/fhir/index';
import { createTranslator, type Messages, type Translate } from '../utils/i18n';

class UsageError extends Error {}

export function loadTranslator(): Translate {
  const catalogue = new URL('../public/_locales/en/messages.json', import.meta.url);
  return createTranslator(JSON.parse(readFileSync(catalogue, 'utf8')) as Messages);
}

function parseArguments(args: string[], t: Translate): { file: string; now: string } {
  let file: string | null = null;
  // The command line may read the clock; the clinical engine never does.
  let now = new Date().toISOString().slice(0, 10);
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--now' || arg.startsWith('--now=')) {
      const value = arg === '--now' ? args[++index] : arg.slice('--now='.length);
      const date = value ? parseIsoDate(value) : null;
      if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(value ?? '')) {
        throw new UsageError(t('evaluateBadNow', { value: value ?? '' }));
      }
      now = date;
    } else if (arg.startsWith('--')) {
      throw new UsageError(t('evaluateUnknownOption', { option: arg }));
    } else if (file === null) {
      file = arg;
    } else {
      throw new UsageError(t('evaluateUsage'));
    }
  }
  if (file === null) throw new UsageError(t('evaluateUsage'));
  return { file, now };
}

function isPatientContext(json: unknown): json is PatientContext {
  if (typeof json !== 'object' || json === null) return false;
  const candidate = json as Record<string, unknown>;
  return (
    typeof candidate.identity === 'object' &&
    candidate.identity !== null &&
    ['medications', 'conditions', 'scores', 'monitoring', 'therapies'].every((key) =>
      Array.isArray(candidate[key]),
    )
  );
}

function readPatient(file: string, t: Translate): { context: PatientContext; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(t('evaluateFileUnreadable', { file }));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(t('evaluateNotJson', { file }));
  }
  if (isPatientContext(json)) return { context: json, problems: [] };
  try {
    const { patients, problems } = readFhirPatients(json, t);
    const only = patients[0];
    if (patients.length > 1) {
      throw new UsageError(t('fhirSeveralPatients', { count: patients.length }));
    }
    if (!only) throw new UsageError(t('fhirNothingRead'));
    return { context: only.context, problems: [...problems, ...only.problems] };
  } catch (error) {
    if (error instanceof FhirInputError) {
      throw new UsageError(t('evaluateNotPatientData', { file }));
    }
    throw error;
  }
}

/**
 * What the command prints for a file, and the reading problems it reports: the vignette tests call
 * this, so they run the same path as `npm run evaluate`.
 */
export function evaluateFile(
  file: string,
  now: string,
  t: Translate = loadTranslator(),
): { content: SidebarContent; problems: string[] } {
  const { context, problems } = readPatient(file, t);
  return { content: buildSidebarContent(context, { now, t }), problems };
}

function main(): number {
  const t = loadTranslator();
  try {
    const { file, now } = parseArguments(process.argv.slice(2), t);
    const { content, problems } = evaluateFile(file, now, t);
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    process.stdout.write(`${JSON.stringify(content, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

// Run as a command, not when a test imports `evaluateFile`.
const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) process.exitCode = main();
