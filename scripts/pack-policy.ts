/**
 * `npm run pack-policy -- PACK.json [PACK.json …] [--out FOLDER] [--extension-id ID]`
 *
 * Turns selector-pack files (plain JSON, as docs/selector-packs.md writes them) into the policies
 * that carry them, so nobody escapes JSON by hand: `careside-packs-chrome.json` (Chrome, Chromium
 * and Edge on Linux: the managed-policy folder), `careside-packs.reg` (Chrome and Edge on
 * Windows) and `policies.json` (Firefox). Every pack is checked first with the same validation the
 * policy gets; a refused pack writes nothing and exits 1 with the reasons.
 *
 * The extension ID is the one the clinic's signing key gives (CARESIDE_SIGNING_KEY or
 * CARESIDE_SIGNING_KEY_FILE, as `npm run package` uses), or `--extension-id`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CARESIDE_FIREFOX_ID, packPolicyFiles } from '../utils/ehr/packs/policy-files';
import { validateSelectorPack } from '../utils/ehr/packs/validate';
import { createTranslator, type Messages, type Translate } from '../utils/i18n';
import { extensionIdFromPublicKey } from './lib/crx3';
import { loadSigningKey } from './lib/signing-key';

const root = fileURLToPath(new URL('..', import.meta.url));

class PackPolicyError extends Error {}

function loadTranslator(): Translate {
  const catalogue = path.join(root, 'public/_locales/en/messages.json');
  return createTranslator(JSON.parse(readFileSync(catalogue, 'utf8')) as Messages);
}

interface Options {
  files: string[];
  out: string | null;
  extensionId: string | null;
}

function parseOptions(argv: string[], t: Translate): Options | 'help' {
  const options: Options = { files: [], out: null, extensionId: null };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new PackPolicyError(t('packPolicyNeedsValue', { option: arg }));
      }
      index += 1;
      return next;
    };
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--out') options.out = value();
    else if (arg === '--extension-id') {
      const id = value();
      if (!/^[a-p]{32}$/.test(id)) throw new PackPolicyError(t('packPolicyBadId', { id }));
      options.extensionId = id;
    } else if (arg.startsWith('--')) {
      throw new PackPolicyError(t('packPolicyUnknownOption', { option: arg }));
    } else options.files.push(arg);
  }
  if (options.files.length === 0) throw new PackPolicyError(t('packPolicyUsage'));
  return options;
}

function readPack(file: string, index: number, t: Translate): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PackPolicyError(t('packPolicyUnreadable', { file }));
  }
  const checked = validateSelectorPack(text, `selectorPacks[${index}]`);
  if (!checked.ok) {
    throw new PackPolicyError([t('packPolicyRefused', { file }), ...checked.errors].join('\n'));
  }
  return checked.pack;
}

async function main(): Promise<number> {
  const t = loadTranslator();
  try {
    const options = parseOptions(process.argv.slice(2), t);
    if (options === 'help') {
      process.stdout.write(`${t('packPolicyHelp')}\n`);
      return 0;
    }
    const packs = options.files.map((file, index) => readPack(file, index, t));
    const extensionId =
      options.extensionId ??
      extensionIdFromPublicKey(
        (await loadSigningKey(process.env, path.join(root, 'keys/careside-dev-key.pem')))
          .publicKeyDer,
      );
    const files = packPolicyFiles(packs, { chromeId: extensionId, firefoxId: CARESIDE_FIREFOX_ID });
    const out = path.resolve(options.out ?? path.dirname(options.files[0] ?? '.'));
    mkdirSync(out, { recursive: true });
    const written = [
      ['careside-packs-chrome.json', files.chromeJson],
      ['careside-packs.reg', files.windowsReg],
      ['policies.json', files.firefoxPolicies],
    ].map(([name = '', content = '']) => {
      const file = path.join(out, name);
      writeFileSync(file, content);
      return file;
    });
    process.stdout.write(
      `${t('packPolicyWritten', { id: extensionId, files: written.join('\n  ') })}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof PackPolicyError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
