/**
 * Reading what `npm run package` wrote, independently of the code that wrote it: a ZIP reader
 * (stored and deflated entries) and a CRX3 reader that checks the package's signature the way
 * Chrome does (chromium components/crx_file/crx_verifier.cc) before anything is unpacked.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

export interface UnzippedEntry {
  name: string;
  data: Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

export function readZip(zip: Buffer): UnzippedEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) {
    throw new Error('not a ZIP archive: no end of central directory');
  }
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: UnzippedEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(offset) !== CENTRAL_HEADER) throw new Error('broken central directory');
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new Error(`broken entry ${name}`);
    const dataStart =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    if (name.endsWith('/')) continue;
    if (method !== 0 && method !== 8) throw new Error(`${name}: compression method ${method}`);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
  }
  return entries;
}

export function unzipTo(zip: Buffer, directory: string): void {
  for (const entry of readZip(zip)) {
    const target = path.resolve(directory, entry.name);
    if (!target.startsWith(`${path.resolve(directory)}${path.sep}`)) {
      throw new Error(`refusing to unpack ${entry.name} outside ${directory}`);
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, entry.data);
  }
}

/** Protobuf fields of wire type 2 (bytes / messages); CRX3 headers use no other. */
function bytesFields(message: Buffer): { field: number; value: Buffer }[] {
  const fields: { field: number; value: Buffer }[] = [];
  let offset = 0;
  const varint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = message[offset];
      if (byte === undefined) throw new Error('truncated protobuf');
      offset += 1;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  };
  while (offset < message.length) {
    const key = varint();
    if (key % 8 !== 2) throw new Error(`unexpected protobuf wire type ${key % 8}`);
    const length = varint();
    fields.push({ field: Math.floor(key / 8), value: message.subarray(offset, offset + length) });
    offset += length;
  }
  return fields;
}

export interface VerifiedCrx {
  extensionId: string;
  publicKeyDer: Buffer;
  zip: Buffer;
}

/** The ID Chrome gives a public key: SHA-256, first 16 bytes, hex digits written a–p. */
export function extensionIdOf(publicKeyDer: Buffer): string {
  return [...createHash('sha256').update(publicKeyDer).digest().subarray(0, 16).toString('hex')]
    .map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16)))
    .join('');
}

/**
 * Checks a CRX3 file as Chrome does: the magic and version, a signed header naming the CRX id,
 * and a SHA-256 RSA proof by the key whose hash is that id, over
 * "CRX3 SignedData\0" | length | signed header | ZIP. Throws on any mismatch.
 */
export function verifyCrx3(crx: Buffer): VerifiedCrx {
  if (crx.toString('latin1', 0, 4) !== 'Cr24') throw new Error('not a CRX: no Cr24 magic');
  if (crx.readUInt32LE(4) !== 3) throw new Error(`CRX version ${crx.readUInt32LE(4)}, not 3`);
  const headerLength = crx.readUInt32LE(8);
  const header = bytesFields(crx.subarray(12, 12 + headerLength));
  const zip = crx.subarray(12 + headerLength);
  const signedHeaderData = header.find((entry) => entry.field === 10000)?.value;
  if (!signedHeaderData) throw new Error('CRX header has no signed header data');
  const crxId = bytesFields(signedHeaderData).find((entry) => entry.field === 1)?.value;
  if (!crxId || crxId.length !== 16) throw new Error('CRX signed header has no 16-byte id');

  const length = Buffer.alloc(4);
  length.writeUInt32LE(signedHeaderData.length, 0);
  const signed = Buffer.concat([
    Buffer.from('CRX3 SignedData\0', 'latin1'),
    length,
    signedHeaderData,
    zip,
  ]);
  for (const proof of header.filter((entry) => entry.field === 2)) {
    const parts = bytesFields(proof.value);
    const publicKeyDer = parts.find((entry) => entry.field === 1)?.value;
    const signature = parts.find((entry) => entry.field === 2)?.value;
    if (!publicKeyDer || !signature) continue;
    const keyId = createHash('sha256').update(publicKeyDer).digest().subarray(0, 16);
    if (!keyId.equals(crxId)) continue;
    const key = createPublicKey({ key: publicKeyDer, format: 'der', type: 'spki' });
    if (!verify('sha256', signed, key, signature)) throw new Error('CRX signature does not verify');
    return { extensionId: extensionIdOf(publicKeyDer), publicKeyDer, zip };
  }
  throw new Error('CRX has no RSA proof by the key its id names');
}
