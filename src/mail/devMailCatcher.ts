import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface MailCatcherOptions {
  /** where each message is stored as `<time>-<id>.eml` (created if missing) */
  dir: string;
  /** loopback by default: the catcher is for one developer's machine */
  host?: string;
  /**
   * MAIL_CATCHER_PORT (src/config.ts, default 1025, where SMTP_PORT points by default): a known port, so
   * what listens there is known too; 0 (tests) takes an ephemeral one
   */
  port: number;
  /** one line per message (default console.log) */
  log?: (line: string) => void;
}

export interface MailCatcher {
  host: string;
  port: number;
  dir: string;
  close(): Promise<void>;
}

/** Sixteen megabytes, announced in EHLO: well above what a notice with its PDFs weighs. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * A development mail catcher (`npm start` without SMTP_HOST, outside production): an SMTP server on
 * loopback that accepts every sender, recipient and credential and stores each message unchanged as an
 * .eml file, after the `Return-Path` and `X-Original-To` lines a delivering MTA adds. Nothing leaves the
 * machine, and the procedures' notices complete instead of ending in incidents for want of a relay.
 */
export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const dir = path.resolve(options.dir);
  const log = options.log ?? ((line: string) => console.log(line));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let count = 0;
  const server = new SMTPServer({
    name: 'mail-catcher.localhost',
    banner: 'development mail catcher: messages are stored, never delivered',
    size: MAX_MESSAGE_BYTES,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('message exceeds the size limit'), { responseCode: 552 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        const from = addressOf(session.envelope.mailFrom);
        const to = session.envelope.rcptTo.map((r) => r.address);
        const name = `${new Date().toISOString().replace(/[-:.]/g, '')}-${String(++count).padStart(4, '0')}-${randomBytes(3).toString('hex')}.eml`;
        const file = path.join(dir, name);
        const trace = `Return-Path: <${from}>\r\nX-Original-To: ${to.join(', ')}\r\n`;
        writeFile(file, Buffer.concat([Buffer.from(trace), raw]), { mode: 0o600 }).then(
          () => {
            log(`[mail] ${from || '<>'} -> ${to.join(', ')}: ${subjectOf(raw)} (${file})`);
            callback(null, `stored as ${name}`);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.on('error', (error) => log(`[mail] catcher: ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error & { code?: string }) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`mail catcher: port ${options.port} is in use; set MAIL_CATCHER_PORT to a free port, or SMTP_HOST to a relay`) : error);
    server.server.once('error', onError);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;
  return {
    host: options.host ?? '127.0.0.1',
    port: address.port,
    dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressOf(from: SMTPServerAddress | false): string {
  return from ? from.address : '';
}

/** The Subject header, unfolded, with RFC 2047 encoded words decoded (nodemailer encodes accented text). */
export function subjectOf(raw: Buffer): string {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const headers = (end >= 0 ? text.slice(0, end) : text).replace(/\r?\n[ \t]+/g, ' ');
  const match = /^subject:[ \t]*(.*)$/im.exec(headers);
  return match ? decodeWords(match[1].trim()) : '(no subject)';
}

function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bq]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?*]+)(?:\*[^?]*)?\?([bq])\?([^?]*)\?=/gi, (word, charset: string, encoding: string, data: string) => {
      try {
        const bytes = encoding.toLowerCase() === 'b'
          ? Buffer.from(data, 'base64')
          : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
        return new TextDecoder(charset).decode(bytes);
      } catch {
        return word;
      }
    });
}
