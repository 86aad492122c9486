import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from 'pdf-lib';
import type { WorkerHarness } from './workerHarness.js';

/** The text drawn with pdf-lib's standard fonts (hex strings shown with Tj, decoded as WinAnsi/Latin-1), wrapped lines joined by one space. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const parts: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const ops = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      for (const m of ops.matchAll(/<([0-9A-Fa-f]*)> Tj/g)) parts.push(Buffer.from(m[1], 'hex').toString('latin1'));
    }
  }
  return parts.join(' ').replace(/\s+/g, ' ');
}

export interface StoredDocument {
  kind: string;
  sha256: string;
  path: string;
  text: string;
}

/** The documents the workers produced for a case (documents table), each with the text of its PDF. */
export async function documentsOf(w: WorkerHarness, businessKey: string): Promise<StoredDocument[]> {
  const rows = (await w.db.knex('documents').where({ business_key: businessKey }).orderBy('created_at').orderBy('path')) as { kind: string; sha256: string; path: string }[];
  return Promise.all(rows.map(async (r) => ({ kind: r.kind, sha256: r.sha256, path: r.path, text: await pdfText(await readFile(path.join(w.h.dataDir, r.path))) })));
}
