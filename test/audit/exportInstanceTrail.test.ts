import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { AuditTrail, exportInstanceTrailCsv, exportInstanceTrailPdf, type AuditEntry } from '../../src/audit/index.js';
import type { AppDatabase } from '../../src/db/index.js';
import { testDatabaseTargets, type TestDatabaseHandle } from '../db/testDatabases.js';
import { steppingClock, tamperAsDatabaseOwner } from './auditFixtures.js';
import { pdfTextRuns } from '../support/pdfText.js';

/** The text drawn in the PDF, one run a line. */
const pdfText = async (bytes: Uint8Array): Promise<string> => (await pdfTextRuns(bytes)).join('\n');

for (const target of testDatabaseTargets) {
  describe.skipIf(!target.available)(`instance trail export (${target.name})`, () => {
    let handle: TestDatabaseHandle;
    let db: AppDatabase;
    let entries: AuditEntry[];

    beforeEach(async () => {
      handle = await target.create();
      db = await handle.open();
      const trail = new AuditTrail(db, { clock: steppingClock('2025-03-03T08:00:00.000Z') });
      entries = [
        await trail.append({
          actor: { type: 'user', id: 'anna', role: 'upd' },
          action: 'instance.start',
          entity: { type: 'process-instance', key: '101', comune: '048017' },
          data: { dipendente: 'Rossi, Mario', nota: 'disse "basta"' },
          legalRule: 'art. 55-bis d.lgs. 165/2001',
        }),
        // another instance's entry, which must not be exported
        await trail.append({ actor: { type: 'user', id: 'anna' }, action: 'instance.start', entity: { type: 'process-instance', key: '202' } }),
        await trail.append({
          actor: { type: 'worker', id: 'documenti', jobKey: '9001' },
          action: 'document.produce',
          entity: { type: 'document', key: 'contestazione-101.pdf', processInstanceKey: '101', comune: '048017' },
          data: { titolo: 'Contestazione d\u2019addebito \u2013 perché' },
        }),
        await trail.append({ actor: { type: 'user', id: '=HYPERLINK("http://x")' }, action: 'case.read', entity: { type: 'process-instance', key: '101' } }),
      ];
    });
    afterEach(async () => {
      await handle.cleanup();
    });

    it('exports one instance as CSV for an Italian spreadsheet: BOM, semicolons, Italian headers, Rome time, canonical data and both hashes', async () => {
      // when
      const csv = await exportInstanceTrailCsv(db, '101');

      // then: the bytes start with the UTF-8 byte order mark
      expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [e1, , e3, e4] = entries;
      expect(csv.slice(1).split('\r\n')).toEqual([
        'N. voce;Data e ora (Europe/Rome);Istante UTC (ISO 8601);Tipo attore;Attore;Ruolo;Chiave job;Azione;Codice azione;Tipo oggetto;Chiave oggetto;Istanza di processo;Comune (ISTAT);Norma;Dati (JSON canonico);Hash precedente;Hash',
        // 08:00 UTC on 3 March is 09:00 in Rome (CET, UTC+1); a comma inside a cell needs no quotes with ';'
        `1;03/03/2025 09:00:00;2025-03-03T08:00:00.000Z;utente;anna;upd;;Istanza avviata;instance.start;process-instance;101;101;048017;art. 55-bis d.lgs. 165/2001;"{""dipendente"":""Rossi, Mario"",""nota"":""disse \\""basta\\""""}";${e1.prevHash};${e1.hash}`,
        `3;03/03/2025 09:00:02;2025-03-03T08:00:02.000Z;worker;documenti;;9001;Documento prodotto;document.produce;document;contestazione-101.pdf;101;048017;;"{""titolo"":""Contestazione d\u2019addebito \u2013 perché""}";${e3.prevHash};${e3.hash}`,
        // a formula-looking cell is neutralised for spreadsheets
        `4;03/03/2025 09:00:03;2025-03-03T08:00:03.000Z;utente;"'=HYPERLINK(""http://x"")";;;Fascicolo consultato;case.read;process-instance;101;101;;;{};${e4.prevHash};${e4.hash}`,
        '',
      ]);
    });

    it('gives Rome summer time (CEST, UTC+2) in the CSV, the day changing at midnight in Rome', async () => {
      // given: an entry at 22:30 UTC on 15 July
      const summer = new AuditTrail(db, { clock: () => new Date('2025-07-15T22:30:00.000Z') });
      await summer.append({ actor: { type: 'engine', id: 'engine' }, action: 'incident.create', entity: { type: 'incident', key: '77', processInstanceKey: '101' } });

      // when
      const lines = (await exportInstanceTrailCsv(db, '101')).split('\r\n');

      // then
      expect(lines[4].split(';').slice(0, 9)).toEqual(['5', '16/07/2025 00:30:00', '2025-07-15T22:30:00.000Z', 'motore', 'engine', '', '', 'Incidente aperto', 'incident.create']);
    });

    it('exports an unknown instance as a header-only CSV', async () => {
      expect(await exportInstanceTrailCsv(db, '999')).toBe(
        '\uFEFFN. voce;Data e ora (Europe/Rome);Istante UTC (ISO 8601);Tipo attore;Attore;Ruolo;Chiave job;Azione;Codice azione;Tipo oggetto;Chiave oggetto;Istanza di processo;Comune (ISTAT);Norma;Dati (JSON canonico);Hash precedente;Hash\r\n',
      );
    });

    it('exports one instance as a PDF report with the chain hashes and the chain state', async () => {
      // when
      const bytes = await exportInstanceTrailPdf(db, '101', { now: new Date('2025-03-05T10:00:00Z') });

      // then
      const doc = await PDFDocument.load(bytes);
      expect(doc.getTitle()).toBe('Registro di audit - istanza 101');
      const text = await pdfText(bytes);
      expect(text).toContain('Registro di audit - istanza di processo 101');
      expect(text).toContain('3 voci per questa istanza');
      // long lines wrap, so the statement is checked with line breaks turned back into spaces
      expect(text.replaceAll('\n', ' ')).toContain(`Catena di audit integra: 4 voci verificate, hash di testa ${entries[3].hash} (voce 4).`);
      for (const e of [entries[0], entries[2], entries[3]]) {
        expect(text).toContain(`hash     ${e.hash}`);
        expect(text).toContain(`prevHash ${e.prevHash}`);
      }
      expect(text).not.toContain(entries[1].hash.slice(0, 40) + '\n');
      expect(text).toContain('Norma: art. 55-bis d.lgs. 165/2001');
      expect(text).toContain('perché'); // Latin-1 accents survive the standard fonts
    });

    it('names each action in words with the Rome date and time in the PDF, the code and UTC instant beside them', async () => {
      // when: made at 10:00 UTC on 5 March (11:00 in Rome)
      const text = await pdfText(await exportInstanceTrailPdf(db, '101', { now: new Date('2025-03-05T10:00:00Z') }));

      // then
      expect(text).toContain('Generato il 05/03/2025 11:00:00 (ora di Roma)');
      expect(text).toContain('#1   03/03/2025 09:00:00   Istanza avviata');
      expect(text).toContain('Azione: instance.start - istante UTC 2025-03-03T08:00:00.000Z');
      expect(text).toContain('#3   03/03/2025 09:00:02   Documento prodotto');
      expect(text).toContain('#4   03/03/2025 09:00:03   Fascicolo consultato');
      expect(text).not.toMatch(/^#\d+ .*T\d{2}:\d{2}/m);
    });

    it('states in the PDF that the chain is broken when it is', async () => {
      await tamperAsDatabaseOwner(db, (k) => k('audit_entries').where({ seq: 2 }).delete());
      const text = await pdfText(await exportInstanceTrailPdf(db, '101'));
      expect(text.replaceAll('\n', ' ')).toContain('ATTENZIONE: catena di audit interrotta alla voce 2 (missing-entry)');
    });
  });
}
