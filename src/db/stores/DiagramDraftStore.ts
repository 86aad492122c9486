import type { Knex } from 'knex';
import { isUniqueViolation, toSafeInteger } from '../dialect.js';

export interface DiagramDraftVersion {
  diagramId: string;
  version: number;
  author: string;
  createdAt: string;
}

export interface DiagramDraft extends DiagramDraftVersion {
  xml: string;
}

interface DraftRow {
  diagram_id: string;
  version: number | string;
  xml?: string;
  author: string;
  created_at: string;
}

const MAX_SAVE_ATTEMPTS = 5;

function fromRow(row: DraftRow): DiagramDraftVersion {
  return { diagramId: row.diagram_id, version: toSafeInteger(row.version), author: row.author, createdAt: row.created_at };
}

/** Tables with the drafts' shape: diagrams, and Camunda forms (whose JSON sits in `xml`). */
export type DraftTable = 'diagram_drafts' | 'form_drafts';

/** Designers' saved diagrams (or forms). Every save is a new version (1, 2, ...); nothing is overwritten. */
export class DiagramDraftStore {
  constructor(
    private readonly knex: Knex,
    private readonly clock: () => Date = () => new Date(),
    private readonly table: DraftTable = 'diagram_drafts',
  ) {}

  async save(draft: { diagramId: string; xml: string; author: string }): Promise<DiagramDraftVersion> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.knex.transaction(async (trx) => {
          const latest = (await trx(this.table).where({ diagram_id: draft.diagramId }).max({ v: 'version' }).first()) as { v: number | string | null } | undefined;
          const row: DraftRow = {
            diagram_id: draft.diagramId,
            version: latest?.v == null ? 1 : toSafeInteger(latest.v) + 1,
            xml: draft.xml,
            author: draft.author,
            created_at: this.clock().toISOString(),
          };
          await trx(this.table).insert(row);
          return fromRow(row);
        });
      } catch (error) {
        // Two saves raced for the same version number: the primary key refused one; take the next.
        if (attempt >= MAX_SAVE_ATTEMPTS || !isUniqueViolation(error)) throw error;
      }
    }
  }

  /** The given version, or the latest when none is given. */
  async get(diagramId: string, version?: number): Promise<DiagramDraft | undefined> {
    const query = this.knex(this.table).where({ diagram_id: diagramId });
    const row = (await (version === undefined ? query.orderBy('version', 'desc') : query.andWhere({ version })).first()) as DraftRow | undefined;
    return row && { ...fromRow(row), xml: row.xml as string };
  }

  async listVersions(diagramId: string): Promise<DiagramDraftVersion[]> {
    const rows = (await this.knex(this.table)
      .select('diagram_id', 'version', 'author', 'created_at')
      .where({ diagram_id: diagramId })
      .orderBy('version')) as DraftRow[];
    return rows.map(fromRow);
  }

  /** The latest version of every diagram, by id. */
  async listLatest(): Promise<DiagramDraftVersion[]> {
    const latest = this.knex(this.table).select('diagram_id').max({ max_version: 'version' }).groupBy('diagram_id').as('latest');
    const rows = (await this.knex(`${this.table} as d`)
      .join(latest, function () {
        this.on('d.diagram_id', '=', 'latest.diagram_id').andOn('d.version', '=', 'latest.max_version');
      })
      .select('d.diagram_id', 'd.version', 'd.author', 'd.created_at')
      .orderBy('d.diagram_id')) as DraftRow[];
    return rows.map(fromRow);
  }
}
