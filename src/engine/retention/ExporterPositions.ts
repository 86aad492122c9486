import type { Knex } from 'knex';

/** The exporter the app's audit follower acknowledges as (web/server/audit/follower/EngineExportAcknowledger.ts). */
export const AUDIT_TRAIL_EXPORTER = 'audit-trail';

export interface ExporterPosition {
  exporterId: string;
  /** engine time (ms epoch): every instance that ended before it has been exported */
  exportedUntil: number;
  updatedAt: number;
}

/**
 * Where each exporter has exported up to (table exporter_positions, migration 20261203_010). As in Zeebe, where the
 * log is compacted only behind the lowest exporter position, retention deletes only what its exporter has passed.
 * The position is stored as acknowledged, also backwards (a restored app database re-exports; nothing is lost by
 * waiting).
 */
export class ExporterPositions {
  constructor(private readonly knex: Knex) {}

  async get(exporterId: string): Promise<ExporterPosition | undefined> {
    const row = (await this.knex('exporter_positions').where('exporter_id', exporterId).first()) as { exporter_id: string; exported_until: number; updated_at: number } | undefined;
    return row && { exporterId: row.exporter_id, exportedUntil: Number(row.exported_until), updatedAt: Number(row.updated_at) };
  }

  async all(): Promise<ExporterPosition[]> {
    const rows = (await this.knex('exporter_positions').orderBy('exporter_id')) as { exporter_id: string; exported_until: number; updated_at: number }[];
    return rows.map((row) => ({ exporterId: row.exporter_id, exportedUntil: Number(row.exported_until), updatedAt: Number(row.updated_at) }));
  }

  async acknowledge(exporterId: string, exportedUntil: number, now: number): Promise<void> {
    await this.knex('exporter_positions')
      .insert({ exporter_id: exporterId, exported_until: exportedUntil, updated_at: now })
      .onConflict('exporter_id')
      .merge();
  }
}
