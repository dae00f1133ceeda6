/**
 * The key the CRX is signed with, which also fixes the extension ID that policies name.
 * A clinic's key comes from the environment (CARESIDE_SIGNING_KEY as PEM text, or
 * CARESIDE_SIGNING_KEY_FILE) and never lives in the repository. Without either, the committed
 * development key is used: fine for tests and demos, never for a clinic, because anyone with
 * this repository could sign an update that clinic browsers would accept.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export type SigningKeyOrigin = 'CARESIDE_SIGNING_KEY' | 'CARESIDE_SIGNING_KEY_FILE' | 'development';

export interface SigningKey {
  privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo: what the CRX header carries and the extension ID is hashed from. */
  publicKeyDer: Buffer;
  origin: SigningKeyOrigin;
}

/** Chrome accepts smaller RSA keys, but below this a signature is not worth trusting. */
const MINIMUM_RSA_BITS = 2048;

export async function loadSigningKey(
  env: Record<string, string | undefined>,
  developmentKeyPath: string,
): Promise<SigningKey> {
  const pemText = env.CARESIDE_SIGNING_KEY?.trim();
  const pemFile = env.CARESIDE_SIGNING_KEY_FILE?.trim();
  if (pemText && pemFile) {
    throw new Error(
      'Both CARESIDE_SIGNING_KEY and CARESIDE_SIGNING_KEY_FILE are set; set only one, so it is clear which key signs.',
    );
  }
  let origin: SigningKeyOrigin = 'development';
  let pem: string;
  if (pemText) {
    origin = 'CARESIDE_SIGNING_KEY';
    pem = pemText;
  } else if (pemFile) {
    origin = 'CARESIDE_SIGNING_KEY_FILE';
    pem = await readFile(pemFile, 'utf8').catch((error: unknown) => {
      throw new Error(
        `CARESIDE_SIGNING_KEY_FILE could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  } else {
    pem = await readFile(developmentKeyPath, 'utf8');
  }
  return parseSigningKey(pem, origin);
}

export function parseSigningKey(pem: string, origin: SigningKeyOrigin): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new Error(
      `The signing key from ${origin} is not a PEM private key (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (privateKey.asymmetricKeyType !== 'rsa' || bits < MINIMUM_RSA_BITS) {
    const found =
      privateKey.asymmetricKeyType === 'rsa'
        ? `${bits}-bit RSA`
        : `${privateKey.asymmetricKeyType}`;
    throw new Error(
      `The signing key from ${origin} must be RSA of at least ${MINIMUM_RSA_BITS} bits (it is ${found}).`,
    );
  }
  const publicKeyDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return { privateKey, publicKeyDer, origin };
}
