import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PdfTextWriter } from '../../src/audit/PdfTextWriter.js';
import { once } from './effects.js';
import type { JobRef } from './TaskHandler.js';
import type { WorkerContext } from './WorkerContext.js';

export interface DocumentSection {
  heading?: string;
  lines: string[];
}

export interface DocumentSpec {
  /** e.g. 'bando', 'atto-di-contestazione', 'graduatoria', 'piano-formativo', 'relazione-annuale' */
  kind: string;
  businessKey: string;
  title: string;
  subtitle?: string;
  sections: DocumentSection[];
  comune?: string;
}

/** What a produced document leaves in the process: where it is and the hash that proves its content. */
export interface ProducedDocument {
  tipo: string;
  nome: string;
  /** Relative to DATA_DIR. */
  percorso: string;
  sha256: string;
  byte: number;
}

const SAFE = /[^A-Za-z0-9._-]+/g;

/**
 * Writes a PDF under DATA_DIR/documents/<businessKey>/, returns its SHA-256 and records it in the audit
 * trail ('document.produce'), once per job: a redelivered job gets the same document back.
 */
/** `part` tells apart several documents produced by one job (e.g. one per course edition). */
export async function produceDocument(ctx: WorkerContext, job: JobRef, spec: DocumentSpec, part?: string): Promise<ProducedDocument> {
  return once(ctx.knex, `document:${job.key}${part ? `:${part}` : ''}`, { taskType: job.type, jobKey: String(job.key), at: ctx.now() }, async () => {
    const bytes = await renderPdf(spec, ctx.now());
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const folder = path.join('documents', spec.businessKey.replace(SAFE, '_'));
    const nome = `${spec.kind}-${String(job.key)}${part ? `-${part}` : ''}.pdf`;
    const percorso = path.join(folder, nome);
    // owner only, like everything in DATA_DIR (src/dataDirPermissions.ts): the acts name employees
    await mkdir(path.join(ctx.dataDir, folder), { recursive: true, mode: 0o700 });
    await writeFile(path.join(ctx.dataDir, percorso), bytes, { mode: 0o600 });
    await ctx.knex('documents').insert({
      sha256, path: percorso, kind: spec.kind, business_key: spec.businessKey,
      process_instance_key: String(job.processInstanceKey), created_at: ctx.now().toISOString(),
    });
    await ctx.audit.append({
      actor: { type: 'worker', id: job.type, jobKey: String(job.key) },
      action: 'document.produce',
      entity: { type: 'document', key: sha256, processInstanceKey: String(job.processInstanceKey), ...(spec.comune ? { comune: spec.comune } : {}) },
      data: { tipo: spec.kind, percorso, sha256, titolo: spec.title, byte: bytes.length },
    });
    return { tipo: spec.kind, nome, percorso, sha256, byte: bytes.length };
  });
}

export function documentPath(ctx: WorkerContext, doc: ProducedDocument): string {
  return path.join(ctx.dataDir, doc.percorso);
}

async function renderPdf(spec: DocumentSpec, at: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(spec.title);
  doc.setAuthor('Provincia – servizi associati del personale');
  doc.setCreator('province-comuni-hr workers');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const writer = new PdfTextWriter(doc);
  writer.write(spec.title, { font: bold, size: 16 });
  if (spec.subtitle) writer.write(spec.subtitle, { font: regular, size: 11, gap: 4 });
  for (const section of spec.sections) {
    if (section.heading) writer.write(section.heading, { font: bold, size: 12, gap: 10 });
    for (const line of section.lines) writer.write(line, { font: regular, size: 10, gap: 2 });
  }
  return doc.save({ useObjectStreams: false });
}
