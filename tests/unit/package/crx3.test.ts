import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CRX3_SIGNATURE_CONTEXT,
  crxIdBytes,
  extensionIdFromPublicKey,
} from '../../../scripts/lib/crx3';
import { packSelfHosted, readPackageVersion } from '../../../scripts/lib/self-hosting';
import { loadSigningKey, parseSigningKey } from '../../../scripts/lib/signing-key';
import { updateBaseUrl } from '../../../scripts/lib/update-manifest';

const root = process.cwd();
const developmentKeyPath = resolve(root, 'keys/careside-dev-key.pem');
const DEVELOPMENT_ID = 'foiekfkefeihhfkdajhfiaiakjpgdnna';

// --- A reader written from the format description, independent of the writer under test. ---

function readVarint(bytes: Buffer, start: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  let position = start;
  for (;;) {
    const byte = bytes[position];
    if (byte === undefined) throw new Error('varint runs past the end');
    value += (byte & 0x7f) * scale;
    position += 1;
    if (byte < 0x80) return { value, next: position };
    scale *= 0x80;
  }
}

/** Length-delimited protobuf fields, by field number, in order. */
function readFields(message: Buffer): Map<number, Buffer[]> {
  const fields = new Map<number, Buffer[]>();
  let position = 0;
  while (position < message.length) {
    const key = readVarint(message, position);
    const fieldNumber = Math.floor(key.value / 8);
    if (key.value % 8 !== 2) throw new Error(`field ${fieldNumber} is not length-delimited`);
    const length = readVarint(message, key.next);
    const value = message.subarray(length.next, length.next + length.value);
    if (value.length !== length.value) throw new Error(`field ${fieldNumber} is truncated`);
    fields.set(fieldNumber, [...(fields.get(fieldNumber) ?? []), value]);
    position = length.next + length.value;
  }
  return fields;
}

function parseCrx(crx: Buffer) {
  expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
  expect(crx.readUInt32LE(4)).toBe(3);
  const headerLength = crx.readUInt32LE(8);
  const header = readFields(crx.subarray(12, 12 + headerLength));
  const zip = crx.subarray(12 + headerLength);
  const proofs = (header.get(2) ?? []).map((proof) => {
    const fields = readFields(proof);
    return { publicKey: fields.get(1)?.[0], signature: fields.get(2)?.[0] };
  });
  const signedHeaderData = header.get(10000)?.[0];
  if (!signedHeaderData) throw new Error('no signed_header_data');
  const crxId = readFields(signedHeaderData).get(1)?.[0];
  return { proofs, signedHeaderData, crxId, zip };
}

function readZip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let central = zip.readUInt32LE(end + 16);
  for (let index = 0; index < count; index += 1) {
    expect(zip.readUInt32LE(central)).toBe(0x02014b50);
    const method = zip.readUInt16LE(central + 10);
    const compressedSize = zip.readUInt32LE(central + 20);
    const nameLength = zip.readUInt16LE(central + 28);
    const localOffset = zip.readUInt32LE(central + 42);
    const name = zip.subarray(central + 46, central + 46 + nameLength).toString('utf8');
    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    central += 46 + nameLength;
  }
  return files;
}

let workDirectory: string;
let builtDirectory: string;
let version: string;

beforeEach(async () => {
  version = await readPackageVersion(resolve(root, 'package.json'));
  workDirectory = await mkdtemp(join(tmpdir(), 'careside-package-'));
  builtDirectory = join(workDirectory, 'chrome-mv3');
  await mkdir(join(builtDirectory, 'chunks'), { recursive: true });
  await writeFile(
    join(builtDirectory, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'Careside', version, key: 'stale' }),
  );
  await writeFile(join(builtDirectory, 'background.js'), 'console.log("background");\n');
  await writeFile(
    join(builtDirectory, 'chunks', 'sidebar-ü.js'),
    'export const x = 1;\n'.repeat(50),
  );
});

afterEach(async () => {
  await rm(workDirectory, { recursive: true, force: true });
});

describe('signed CRX3 for self-hosting', () => {
  it('packs a CRX whose header parses, whose signature verifies and whose ID is the dev key ID', async () => {
    const signingKey = await loadSigningKey({}, developmentKeyPath);
    expect(signingKey.origin).toBe('development');
    const output = await packSelfHosted({
      builtDirectory,
      outDirectory: workDirectory,
      version,
      signingKey,
      baseUrl: 'https://careside.example/updates',
    });
    expect(output.extensionId).toBe(DEVELOPMENT_ID);
    expect(output.crxPath).toBe(join(workDirectory, `careside-${version}.crx`));

    const { proofs, signedHeaderData, crxId, zip } = parseCrx(await readFile(output.crxPath));
    expect(proofs).toHaveLength(1);
    const [proof] = proofs;
    if (!proof?.publicKey || !proof.signature) throw new Error('incomplete key proof');
    expect(proof.publicKey.toString('base64')).toBe(
      (await readFile(resolve(root, 'keys/careside-dev-key.pub.b64'), 'utf8')).trim(),
    );
    expect(crxId).toEqual(crxIdBytes(proof.publicKey));

    const length = Buffer.alloc(4);
    length.writeUInt32LE(signedHeaderData.length);
    const signed = Buffer.concat([
      Buffer.from('CRX3 SignedData\0', 'latin1'),
      length,
      signedHeaderData,
      zip,
    ]);
    const publicKey = createPublicKey({ key: proof.publicKey, format: 'der', type: 'spki' });
    expect(verify('sha256', signed, publicKey, proof.signature)).toBe(true);
    const tampered = Buffer.from(signed);
    tampered[tampered.length - 30] = (tampered[tampered.length - 30] ?? 0) ^ 1;
    expect(verify('sha256', tampered, publicKey, proof.signature)).toBe(false);
    expect(CRX3_SIGNATURE_CONTEXT.length).toBe(16);

    const files = readZip(zip);
    expect([...files.keys()]).toEqual(['background.js', 'chunks/sidebar-ü.js', 'manifest.json']);
    expect(files.get('chunks/sidebar-ü.js')?.toString()).toBe('export const x = 1;\n'.repeat(50));
    const manifest = JSON.parse(files.get('manifest.json')?.toString() ?? '{}');
    expect(manifest.key).toBe(proof.publicKey.toString('base64'));
    expect(manifest.version).toBe(version);
  });

  it('writes a well-formed updates.xml carrying the ID, the version from package.json and the CRX URL', async () => {
    const signingKey = await loadSigningKey({}, developmentKeyPath);
    const output = await packSelfHosted({
      builtDirectory,
      outDirectory: workDirectory,
      version,
      signingKey,
      baseUrl: updateBaseUrl('https://it.clinic.example/careside/?a=1&b=2/'),
    });
    const xml = await readFile(output.updateManifestPath, 'utf8');
    expect(xml.startsWith("<?xml version='1.0' encoding='UTF-8'?>")).toBe(true);
    // Well-formed: every tag closes in order and every attribute value is quoted and escaped.
    const stack: string[] = [];
    const body = xml.replace(/^<\?xml[^>]*\?>/, '');
    for (const tag of body.matchAll(
      /<(\/?)([A-Za-z]+)((?:\s+[\w:]+='[^'<&]*(?:&(?:amp|lt|gt|apos|quot);[^'<&]*)*')*)\s*(\/?)>/g,
    )) {
      const [, closing, name, , selfClosing] = tag;
      if (closing) expect(stack.pop()).toBe(name);
      else if (!selfClosing) stack.push(name ?? '');
    }
    expect(stack).toEqual([]);
    expect(body.replace(/<[^>]*>/g, '').trim()).toBe('');
    expect(xml).toContain(`<app appid='${DEVELOPMENT_ID}'>`);
    expect(xml).toContain(
      `codebase='https://it.clinic.example/careside/?a=1&amp;b=2/careside-${version}.crx' version='${version}'`,
    );
    expect(output.forcelistEntry).toBe(
      `${DEVELOPMENT_ID};https://it.clinic.example/careside/?a=1&b=2/updates.xml`,
    );
  });

  it('signs with a clinic key from the environment and puts that key in the manifest', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const signingKey = await loadSigningKey({ CARESIDE_SIGNING_KEY: pem }, developmentKeyPath);
    expect(signingKey.origin).toBe('CARESIDE_SIGNING_KEY');
    const output = await packSelfHosted({
      builtDirectory,
      outDirectory: workDirectory,
      version,
      signingKey,
      baseUrl: 'https://careside.example/updates',
    });
    expect(output.extensionId).not.toBe(DEVELOPMENT_ID);
    expect(output.extensionId).toBe(extensionIdFromPublicKey(signingKey.publicKeyDer));
    const { proofs, zip } = parseCrx(await readFile(output.crxPath));
    expect(proofs[0]?.publicKey).toEqual(signingKey.publicKeyDer);
    const manifest = JSON.parse(readZip(zip).get('manifest.json')?.toString() ?? '{}');
    expect(manifest.key).toBe(signingKey.publicKeyDer.toString('base64'));
  });

  it('reads the key file named by CARESIDE_SIGNING_KEY_FILE', async () => {
    const signingKey = await loadSigningKey(
      { CARESIDE_SIGNING_KEY_FILE: developmentKeyPath },
      join(workDirectory, 'missing.pem'),
    );
    expect(signingKey.origin).toBe('CARESIDE_SIGNING_KEY_FILE');
    expect(extensionIdFromPublicKey(signingKey.publicKeyDer)).toBe(DEVELOPMENT_ID);
  });

  it('refuses a build whose version differs from package.json', async () => {
    const signingKey = await loadSigningKey({}, developmentKeyPath);
    await expect(
      packSelfHosted({
        builtDirectory,
        outDirectory: workDirectory,
        version: '99.0.0',
        signingKey,
        baseUrl: 'https://careside.example/updates',
      }),
    ).rejects.toThrow(/package.json says 99.0.0/);
  });
});

describe('signing key and update URL checks', () => {
  it('refuses two key sources, a non-key, a small key and an http update URL', async () => {
    await expect(
      loadSigningKey(
        { CARESIDE_SIGNING_KEY: 'x', CARESIDE_SIGNING_KEY_FILE: 'y' },
        developmentKeyPath,
      ),
    ).rejects.toThrow(/only one/);
    expect(() => parseSigningKey('not a key', 'CARESIDE_SIGNING_KEY')).toThrow(
      /not a PEM private key/,
    );
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() =>
      parseSigningKey(
        small.export({ type: 'pkcs8', format: 'pem' }).toString(),
        'CARESIDE_SIGNING_KEY',
      ),
    ).toThrow(/RSA of at least 2048 bits \(it is 1024-bit RSA\)/);
    expect(() => updateBaseUrl('http://updates.clinic.example')).toThrow(/https/);
    expect(updateBaseUrl(undefined)).toBe('https://careside.example/updates');
  });
});
