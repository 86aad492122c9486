import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { Mailer } from '../../../workers/shared/Mailer.js';

/**
 * The notices' SMTP transport: STARTTLS whenever the relay offers it, and with credentials (SMTP_USER) never
 * without TLS. A real smtp-server on loopback, with its built-in self-signed certificate for STARTTLS.
 */
interface Received {
  secure: boolean;
  user?: string;
}

const servers: SMTPServer[] = [];
const mailers: Mailer[] = [];

async function relay(options: SMTPServerOptions): Promise<{ port: number; received: Received[]; authAttempts: Received[] }> {
  const received: Received[] = [];
  const authAttempts: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    ...options,
    onAuth(auth, session, callback) {
      authAttempts.push({ secure: session.secure, user: auth.username });
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received.push({ secure: session.secure, ...(session.user ? { user: String(session.user) } : {}) });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, received, authAttempts };
}

const notice = { from: 'protocollo@pec.provincia.mb.it', to: ['ufficio.personale@comune.monza.mb.it'], subject: 'Prova', text: 'Prova', messageId: '<tls-test@provincia.mb.it>' };

const mailer = (port: number, auth?: { user: string; pass: string }) => {
  // allowSelfSigned: the test relay's certificate is smtp-server's own self-signed one
  const m = new Mailer({ host: '127.0.0.1', port, allowSelfSigned: true, ...(auth ? { auth } : {}) });
  mailers.push(m);
  return m;
};

afterEach(async () => {
  for (const m of mailers.splice(0)) m.close();
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
});

describe('Mailer and TLS', () => {
  it('upgrades to TLS with STARTTLS when the relay offers it, even without credentials', async () => {
    // given
    const smtp = await relay({});

    // when
    await mailer(smtp.port).send(notice);

    // then
    expect(smtp.received).toEqual([{ secure: true }]);
  });

  it('with credentials and a relay that offers no STARTTLS: sends nothing and never sends the password', async () => {
    // given: a relay that would even accept a plain-text login
    const smtp = await relay({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true });

    // when
    const sending = mailer(smtp.port, { user: 'protocollo@pec.provincia.mb.it', pass: 's3greto' }).send(notice);

    // then
    await expect(sending).rejects.toThrow(/STARTTLS|TLS/i);
    expect(smtp.authAttempts).toEqual([]);
    expect(smtp.received).toEqual([]);
  });

  it('with credentials and STARTTLS: logs in over TLS and delivers', async () => {
    const smtp = await relay({});
    await mailer(smtp.port, { user: 'protocollo@pec.provincia.mb.it', pass: 's3greto' }).send(notice);
    expect(smtp.authAttempts).toEqual([{ secure: true, user: 'protocollo@pec.provincia.mb.it' }]);
    expect(smtp.received).toEqual([{ secure: true, user: 'protocollo@pec.provincia.mb.it' }]);
  });
});
