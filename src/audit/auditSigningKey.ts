import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The private key: readable by the app's OS user only (0600), never stored in the database. */
export const AUDIT_SIGNING_KEY_FILE = 'audit-signing-key.pem';
/** Its public half, written beside it for auditors: verification needs nothing else. */
export const AUDIT_PUBLIC_KEY_FILE = 'audit-signing-key.pub.pem';

/** Signs entry hashes and anchors. keyId is the SHA-256 of the public key (SPKI DER), in hex. */
export interface AuditSigner {
  keyId: string;
  publicKey: KeyObject;
  sign(message: string): string;
}

/** Public keys an auditor trusts, by keyId; an entry signed by any other key is not accepted. */
export type AuditPublicKeys = ReadonlyMap<string, KeyObject>;

export class AuditSigningKeyError extends Error {
  readonly code = 'AUDIT_SIGNING_KEY';
  constructor(message: string) {
    super(message);
    this.name = 'AuditSigningKeyError';
  }
}

export function auditKeyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** The fingerprint in groups of four hex digits, as printed for people to compare by eye. */
export function formatAuditKeyFingerprint(keyId: string): string {
  return keyId.match(/.{1,4}/g)?.join(' ') ?? keyId;
}

function signerOf(privateKey: KeyObject, source: string): AuditSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new AuditSigningKeyError(`${source}: the audit signing key must be Ed25519, found ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  }
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: auditKeyFingerprint(publicKey),
    publicKey,
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
  };
}

function parsePrivateKey(pem: string, source: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (error) {
    throw new AuditSigningKeyError(`${source} is not a PEM private key: ${(error as Error).message}`);
  }
}

/** True when `signature` (base64) is `keys[keyId]`'s Ed25519 signature of `message`. */
export function verifyAuditSignature(keys: AuditPublicKeys, keyId: string | null | undefined, message: string, signature: string | null | undefined): boolean {
  const key = keyId ? keys.get(keyId) : undefined;
  if (!key || !signature) return false;
  try {
    return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

const signers = new Map<string, Promise<AuditSigner>>();

/**
 * The signer of this installation, loaded once per process: AUDIT_SIGNING_KEY (a PEM, or the path of
 * one) when set, else <dataDir>/audit-signing-key.pem, generated on first start. Every process that
 * appends (web app, workers) shares the file, so a chain written by several processes has one key.
 */
export function loadAuditSigner(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<AuditSigner> {
  const configured = env.AUDIT_SIGNING_KEY?.trim() || undefined;
  const id = configured ? `env:${configured}` : `file:${path.resolve(dataDir)}`;
  let signer = signers.get(id);
  if (!signer) {
    signer = configured ? signerFromSetting(configured) : signerFromDataDir(dataDir);
    signers.set(id, signer);
    // A failed load (bad permissions) is retried on the next call once fixed, not cached forever.
    signer.catch(() => signers.delete(id));
  }
  return signer;
}

async function signerFromSetting(value: string): Promise<AuditSigner> {
  if (value.includes('-----BEGIN')) return signerOf(parsePrivateKey(value, 'AUDIT_SIGNING_KEY'), 'AUDIT_SIGNING_KEY');
  return signerOf(parsePrivateKey(await readPrivateKeyFile(value), value), value);
}

async function readPrivateKeyFile(file: string): Promise<string> {
  const info = await stat(file);
  // Another OS user (the database server's, a shell account) must not be able to read it.
  if ((info.mode & 0o077) !== 0) {
    throw new AuditSigningKeyError(`${file} is readable by other users (mode ${(info.mode & 0o777).toString(8)}): run chmod 600 ${file}`);
  }
  return readFile(file, 'utf8');
}

async function signerFromDataDir(dataDir: string): Promise<AuditSigner> {
  const file = path.join(dataDir, AUDIT_SIGNING_KEY_FILE);
  let pem: string;
  try {
    pem = await readPrivateKeyFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    pem = await generateKeyFile(file);
  }
  const signer = signerOf(parsePrivateKey(pem, file), file);
  await writeFile(path.join(dataDir, AUDIT_PUBLIC_KEY_FILE), signer.publicKey.export({ type: 'spki', format: 'pem' }) as string, { flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return signer;
}

/**
 * Several processes may start at once on a fresh DATA_DIR: each writes its key to a file of its own
 * and link()s it into place, which only one of them can do; the others read the winner's key.
 */
async function generateKeyFile(file: string): Promise<string> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, pem, { mode: 0o600 });
  try {
    await link(temp, file);
    return pem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readPrivateKeyFile(file);
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * The public keys an auditor passes (PEM files of public keys; a private key file is accepted too and
 * only its public half is used). Without any, the installation's own key is trusted.
 */
export async function loadAuditPublicKeys(files: string[]): Promise<AuditPublicKeys> {
  const keys = new Map<string, KeyObject>();
  for (const file of files) {
    const pem = await readFile(file, 'utf8');
    let key: KeyObject;
    try {
      key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
    } catch (error) {
      throw new AuditSigningKeyError(`${file} is not a PEM public key: ${(error as Error).message}`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new AuditSigningKeyError(`${file}: not an Ed25519 key`);
    keys.set(auditKeyFingerprint(key), key);
  }
  return keys;
}

export function publicKeysOf(signer: AuditSigner): AuditPublicKeys {
  return new Map([[signer.keyId, signer.publicKey]]);
}
