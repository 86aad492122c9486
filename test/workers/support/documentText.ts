import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pdfTextRuns } from '../../support/pdfText.js';
import type { WorkerHarness } from './workerHarness.js';

/** The text drawn with pdf-lib's standard fonts, wrapped lines joined by one space. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfTextRuns(bytes)).join(' ').replace(/\s+/g, ' ');
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
