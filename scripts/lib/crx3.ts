/**
 * CRX3 packing, the format Chrome and Edge install self-hosted extensions from
 * (chromium components/crx_file/crx3.proto):
 *
 *   "Cr24" | uint32le 3 | uint32le header length | CrxFileHeader (protobuf) | ZIP archive
 *
 *   CrxFileHeader {
 *     repeated AsymmetricKeyProof sha256_with_rsa = 2;
 *     bytes signed_header_data = 10000;  // a serialized SignedData
 *   }
 *   AsymmetricKeyProof { bytes public_key = 1; bytes signature = 2 }
 *   SignedData { bytes crx_id = 1 }
 *
 * The signature is RSA PKCS#1 v1.5 with SHA-256 over
 *   "CRX3 SignedData\0" | uint32le(length of signed_header_data) | signed_header_data | ZIP
 * and crx_id is the first 16 bytes of SHA-256 of the public key (DER SubjectPublicKeyInfo).
 */
import { createHash, type KeyObject, sign } from 'node:crypto';

export const CRX3_MAGIC = 'Cr24';
export const CRX3_VERSION = 3;
export const CRX3_SIGNATURE_CONTEXT = Buffer.from('CRX3 SignedData\0', 'latin1');

export const HEADER_FIELD_SHA256_WITH_RSA = 2;
export const HEADER_FIELD_SIGNED_HEADER_DATA = 10000;
export const PROOF_FIELD_PUBLIC_KEY = 1;
export const PROOF_FIELD_SIGNATURE = 2;
export const SIGNED_DATA_FIELD_CRX_ID = 1;

const LENGTH_DELIMITED = 2;

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** One protobuf field of wire type 2 (bytes / embedded message). */
function bytesField(fieldNumber: number, value: Buffer): Buffer {
  return Buffer.concat([varint(fieldNumber * 8 + LENGTH_DELIMITED), varint(value.length), value]);
}

/** The 16-byte CRX id: the first half of SHA-256 over the public key's DER. */
export function crxIdBytes(publicKeyDer: Buffer): Buffer {
  return createHash('sha256').update(publicKeyDer).digest().subarray(0, 16);
}

/**
 * The extension ID Chrome shows: the CRX id in hex with the digits 0-f written a-p, so an ID
 * never starts like a number (an ID is also a host name).
 */
export function extensionIdFromPublicKey(publicKeyDer: Buffer): string {
  return [...crxIdBytes(publicKeyDer).toString('hex')]
    .map((digit) => String.fromCharCode('a'.charCodeAt(0) + Number.parseInt(digit, 16)))
    .join('');
}

export function signatureInput(signedHeaderData: Buffer, zip: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(signedHeaderData.length, 0);
  return Buffer.concat([CRX3_SIGNATURE_CONTEXT, length, signedHeaderData, zip]);
}

export interface Crx3Package {
  crx: Buffer;
  extensionId: string;
}

export function createCrx3(zip: Buffer, privateKey: KeyObject, publicKeyDer: Buffer): Crx3Package {
  const signedHeaderData = bytesField(SIGNED_DATA_FIELD_CRX_ID, crxIdBytes(publicKeyDer));
  const signature = sign('sha256', signatureInput(signedHeaderData, zip), privateKey);
  const header = Buffer.concat([
    bytesField(
      HEADER_FIELD_SHA256_WITH_RSA,
      Buffer.concat([
        bytesField(PROOF_FIELD_PUBLIC_KEY, publicKeyDer),
        bytesField(PROOF_FIELD_SIGNATURE, signature),
      ]),
    ),
    bytesField(HEADER_FIELD_SIGNED_HEADER_DATA, signedHeaderData),
  ]);
  const prelude = Buffer.alloc(12);
  prelude.write(CRX3_MAGIC, 0, 'latin1');
  prelude.writeUInt32LE(CRX3_VERSION, 4);
  prelude.writeUInt32LE(header.length, 8);
  return {
    crx: Buffer.concat([prelude, header, zip]),
    extensionId: extensionIdFromPublicKey(publicKeyDer),
  };
}
