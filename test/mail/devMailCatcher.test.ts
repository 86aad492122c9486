import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMailCatcher, subjectOf, type MailCatcher } from '../../src/mail/devMailCatcher.js';
import { Mailer } from '../../workers/shared/Mailer.js';

/** The development mail catcher of `npm start` (no SMTP_HOST, outside production), over real SMTP on loopback. */
describe('development mail catcher', () => {
  let dir: string;
  let catcher: MailCatcher;
  let lines: string[];

  beforeEach(async () => {
    dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'mail-catcher-')), 'mail');
    lines = [];
    catcher = await startMailCatcher({ dir, port: 0, log: (line) => lines.push(line) });
  });

  afterEach(async () => {
    await catcher?.close();
    await rm(path.dirname(dir), { recursive: true, force: true });
  });

  async function storedMessages(): Promise<string[]> {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort();
    return Promise.all(names.map((n) => readFile(path.join(dir, n), 'utf8')));
  }

  it('listens on loopback (port 0 here: an ephemeral one) and creates its folder', async () => {
    expect(catcher.host).toBe('127.0.0.1');
    expect(catcher.port).toBeGreaterThan(0);
    expect(catcher.dir).toBe(path.resolve(dir));
    expect(await readdir(dir)).toEqual([]);
  });

  it('stores a message sent with nodemailer as an .eml file with its recipients and subject, and logs one line', async () => {
    // given
    const transport = nodemailer.createTransport({ host: catcher.host, port: catcher.port, secure: false, ignoreTLS: true });

    // when
    const info = await transport.sendMail({
      from: 'protocollo@pec.provincia.mb.it',
      to: ['upd@provincia.mb.it', 'personale@comune.monza.mb.it'],
      subject: 'Contestazione d’addebito – UPD-2026-7 (è perentorio)',
      text: 'Si contesta...',
    });
    transport.close();

    // then
    expect(info.accepted).toEqual(['upd@provincia.mb.it', 'personale@comune.monza.mb.it']);
    const [eml, ...others] = await storedMessages();
    expect(others).toEqual([]);
    expect(eml).toMatch(/^Return-Path: <protocollo@pec\.provincia\.mb\.it>\r\n/);
    expect(eml).toMatch(/^X-Original-To: upd@provincia\.mb\.it, personale@comune\.monza\.mb\.it\r$/m);
    expect(eml).toMatch(/^To: upd@provincia\.mb\.it, personale@comune\.monza\.mb\.it\r$/m);
    expect(subjectOf(Buffer.from(eml, 'latin1'))).toBe('Contestazione d’addebito – UPD-2026-7 (è perentorio)');
    expect(eml).toContain('Si contesta...');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[mail\] protocollo@pec\.provincia\.mb\.it -> upd@provincia\.mb\.it, personale@comune\.monza\.mb\.it: Contestazione d’addebito – UPD-2026-7 \(è perentorio\) \(.*\.eml\)$/);
  });

  it('accepts what the workers send: the Mailer, credentials and attachments included, one file per message', async () => {
    // given: the workers' Mailer as npm start points it at the catcher (no credentials: with SMTP_USER the
    // Mailer requires TLS, which a loopback catcher does not offer; test/workers/shared/mailerTls.test.ts)
    const mailer = new Mailer({ host: catcher.host, port: catcher.port });

    // when
    for (const n of [1, 2]) {
      const report = await mailer.send({
        from: 'protocollo@pec.provincia.mb.it',
        to: ['lavoro@pec.regione.lombardia.it'],
        subject: `[PEC] Comunicazione art. 34-bis n. ${n}`,
        text: 'Comunicazione',
        attachments: [{ filename: 'bando.txt', path: path.join(import.meta.dirname, 'devMailCatcher.test.ts') }],
        messageId: `<job-${n}@province-comuni-hr>`,
      });
      expect(report.accepted).toEqual(['lavoro@pec.regione.lombardia.it']);
    }
    mailer.close();

    // then
    const stored = await storedMessages();
    expect(stored.map((eml) => subjectOf(Buffer.from(eml)))).toEqual(['[PEC] Comunicazione art. 34-bis n. 1', '[PEC] Comunicazione art. 34-bis n. 2']);
    expect(stored[0]).toContain('Message-ID: <job-1@province-comuni-hr>');
    expect(stored[0]).toMatch(/filename=bando\.txt/);
    expect(lines).toHaveLength(2);
  });
});
