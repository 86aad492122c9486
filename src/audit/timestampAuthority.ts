import { createHash, randomBytes, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * RFC 3161 time-stamping: a third party (a qualified TSA under eIDAS art. 42 Reg. (UE) 910/2014, for
 * legal value in Italy) signs "this digest existed at this time". An anchor so stamped cannot be
 * back-dated or rewritten later even by someone holding the app's own signing key.
 */
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const TSTINFO_OID = '1.2.840.113549.1.9.16.1.4';

export class TimestampError extends Error {
  readonly code = 'TIMESTAMP_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'TimestampError';
  }
}

/**
 * pkijs ships its own copy of asn1js; values built with ours encode the same (pkijs only calls
 * toBER on them), but TypeScript sees two unrelated classes.
 */
type PkijsAsn1<T> = T extends 'octet' ? pkijs.MessageImprint['hashedMessage'] : NonNullable<pkijs.TimeStampReq['nonce']>;

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** DER of a TimeStampReq for SHA-256(text), with a nonce, asking for the TSA certificate in the reply. */
export function buildTimestampRequest(text: string, nonce: Buffer = randomBytes(8)): Uint8Array {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(sha256(text)) }) as unknown as PkijsAsn1<'octet'>,
    }),
    // a positive INTEGER: clear the sign bit
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(Buffer.from([0x01, ...nonce])) }) as unknown as PkijsAsn1<'integer'>,
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER(false));
}

/**
 * Asks the TSA at `url` to stamp `text`; returns the timestamp token (base64 DER) once it is checked:
 * status granted, same digest, a valid TSA signature.
 */
export async function requestTimestampToken(url: string, text: string, options: { timeoutMs?: number } = {}): Promise<string> {
  const body = buildTimestampRequest(text);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body: Buffer.from(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    throw new TimestampError(`timestamp authority ${url} did not answer: ${(error as Error).message}`);
  }
  if (!response.ok) throw new TimestampError(`timestamp authority ${url} answered HTTP ${response.status}`);
  const reply = new Uint8Array(await response.arrayBuffer());
  let parsed: pkijs.TimeStampResp;
  try {
    parsed = pkijs.TimeStampResp.fromBER(toArrayBuffer(reply));
  } catch (error) {
    throw new TimestampError(`timestamp authority ${url} sent no RFC 3161 reply: ${(error as Error).message}`);
  }
  // PKIStatus 0 granted, 1 grantedWithMods (RFC 3161 §2.4.2)
  if (parsed.status.status > 1 || !parsed.timeStampToken) {
    throw new TimestampError(`timestamp authority ${url} refused the request (status ${parsed.status.status})`);
  }
  const token = Buffer.from(parsed.timeStampToken.toSchema().toBER(false)).toString('base64');
  const check = await verifyTimestampToken(token, text);
  if (!check.ok) throw new TimestampError(`timestamp authority ${url} sent an invalid token: ${check.problem}`);
  return token;
}

export type TimestampCheck =
  | { ok: true; genTime: string; tsa: string; serialNumber: string }
  | { ok: false; problem: string };

/**
 * Checks a timestamp token for `text`: the digest it stamps, and the TSA's signature (with
 * `trustedCerts`, also that the TSA certificate chains to one of them).
 */
export async function verifyTimestampToken(tokenBase64: string, text: string, trustedCerts?: pkijs.Certificate[]): Promise<TimestampCheck> {
  let signedData: pkijs.SignedData;
  let tstInfo: pkijs.TSTInfo;
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(Buffer.from(tokenBase64, 'base64')));
    if (contentInfo.contentType !== pkijs.ContentInfo.SIGNED_DATA) return { ok: false, problem: 'not a CMS SignedData' };
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
    if (signedData.encapContentInfo.eContentType !== TSTINFO_OID || !signedData.encapContentInfo.eContent) return { ok: false, problem: 'no TSTInfo' };
    tstInfo = pkijs.TSTInfo.fromBER(signedData.encapContentInfo.eContent.getValue());
  } catch (error) {
    return { ok: false, problem: `unreadable token: ${(error as Error).message}` };
  }
  if (tstInfo.messageImprint.hashAlgorithm.algorithmId !== SHA256_OID) return { ok: false, problem: 'the token does not stamp a SHA-256 digest' };
  const stamped = Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (!stamped.equals(sha256(text))) return { ok: false, problem: 'the token stamps another text' };
  let verified = false;
  try {
    const result = await signedData.verify({
      signer: 0,
      // pkijs re-checks the TSTInfo's message imprint against the stamped data itself
      data: toArrayBuffer(Buffer.from(text, 'utf8')),
      trustedCerts: trustedCerts ?? [],
      checkChain: trustedCerts !== undefined,
      checkDate: tstInfo.genTime,
      extendedMode: true,
    });
    verified = result.signatureVerified === true && (trustedCerts === undefined || result.signerCertificateVerified === true);
  } catch (error) {
    const e = error as { message?: string; signatureVerified?: boolean | null };
    return { ok: false, problem: `TSA signature not valid: ${e.message ?? String(error)}` };
  }
  if (!verified) return { ok: false, problem: trustedCerts ? 'the TSA certificate is not issued by a trusted authority' : 'TSA signature not valid' };
  const signer = signedData.certificates?.find((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const tsa = signer ? signer.subject.typesAndValues.map((tv) => `${shortName(tv.type)}=${String(tv.value.valueBlock.value)}`).join(', ') : 'unknown';
  return { ok: true, genTime: tstInfo.genTime.toISOString(), tsa, serialNumber: Buffer.from(tstInfo.serialNumber.valueBlock.valueHexView).toString('hex') };
}

const NAMES: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C' };
function shortName(oid: string): string {
  return NAMES[oid] ?? oid;
}

/** PEM certificates (one file may hold several) an auditor trusts as TSA roots. */
export function parseCertificatesPem(pem: string): pkijs.Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => {
    const der = Buffer.from(block.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''), 'base64');
    return pkijs.Certificate.fromBER(toArrayBuffer(der));
  });
}
