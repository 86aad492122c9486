import type { AuditActor, AuditDatabase, AuditEntry, AuditTrail } from '../../../../src/audit/index.js';
import { auditEntryFromRow, type AuditEntryRow } from '../../../../src/audit/auditEntryRow.js';
import type { CaseLookup } from './CaseLookup.js';
import type { EngineElementInstance, EngineEventSource } from './EngineEventSource.js';
import { DeadlineSiteCache, watchedDeadlineSites, type DeadlineSite } from '../../deadlines/deadlineSites.js';

const ENGINE: AuditActor = { type: 'engine', id: 'engine' };
const ENDED = new Set(['COMPLETED', 'TERMINATED', 'CANCELED']);

interface OpenDeadline {
  entry: AuditEntry;
  processInstanceKey: string;
  variable: string;
  dueAt: string;
}

/**
 * Turns each `deadline.set` entry (written by the worker that computed the term, with its legal
 * source) into `deadline.met` or `deadline.missed` once the engine's element history shows the
 * outcome: the waiting task completed by the due instant (met), or its timer fired / it completed
 * later (missed). The outcome entry repeats the legal rule and points back at the set entry.
 */
export class DeadlineWatcher {
  private readonly open = new Map<number, OpenDeadline>();
  private scannedUpTo = 0;
  private readonly sites: DeadlineSiteCache;

  constructor(
    private readonly trail: AuditTrail,
    private readonly lookup: CaseLookup,
    private readonly source: EngineEventSource,
    private readonly db: AuditDatabase,
  ) {
    this.sites = new DeadlineSiteCache((key) => this.source.processDefinitionXml(key));
  }

  /**
   * Nothing to watch: no deadline waits for its outcome and the trail holds no `deadline.set` the watcher has not
   * read. Workers write a term's `deadline.set` before they complete its job, so before its case can end.
   */
  async idle(): Promise<boolean> {
    if (this.open.size > 0) return false;
    const newer = await this.db.knex('audit_entries').where('action', 'deadline.set').andWhere('seq', '>', this.scannedUpTo).first('seq');
    return newer === undefined;
  }

  async poll(): Promise<number> {
    let recorded = 0;
    const byInstance = new Map<string, OpenDeadline[]>();
    for (const d of await this.openDeadlines()) byInstance.set(d.processInstanceKey, [...(byInstance.get(d.processInstanceKey) ?? []), d]);
    for (const [pik, deadlines] of byInstance) {
      const instance = await this.source.getProcessInstance(pik);
      if (!instance) continue;
      const sites = watchedDeadlineSites(await this.sites.sitesOf(instance.processDefinitionKey));
      const elements = await this.source.elementInstances(pik);
      for (const d of deadlines) {
        const outcome = outcomeOf(d, sites, elements);
        if (!outcome) {
          // A case that ended without reaching the watched step has nothing more to say about it.
          if (ENDED.has(instance.state)) this.open.delete(d.entry.seq);
          continue;
        }
        await this.record(d, outcome);
        this.open.delete(d.entry.seq);
        recorded++;
      }
    }
    return recorded;
  }

  /**
   * The deadlines still waiting for an outcome. The trail is read incrementally (entries after the
   * last one seen); a later deadline.set for the same variable of the same instance (a term moved)
   * replaces the earlier one.
   */
  private async openDeadlines(): Promise<OpenDeadline[]> {
    for (;;) {
      const rows = (await this.db
        .knex('audit_entries')
        .where('action', 'deadline.set')
        .andWhere('seq', '>', this.scannedUpTo)
        .orderBy('seq')
        .limit(500)) as AuditEntryRow[];
      for (const row of rows) {
        const entry = auditEntryFromRow(row);
        this.scannedUpTo = entry.seq;
        const variable = entry.data.variabile;
        const dueAt = entry.data.scadeIl;
        const pik = entry.entity.processInstanceKey;
        if (typeof variable !== 'string' || typeof dueAt !== 'string' || !pik) continue;
        for (const [seq, d] of this.open) if (d.processInstanceKey === pik && d.variable === variable) this.open.delete(seq);
        const key = deadlineKey(variable, dueAt);
        if ((await this.lookup.recorded('deadline.met', key, pik)) || (await this.lookup.recorded('deadline.missed', key, pik))) continue;
        this.open.set(entry.seq, { entry, processInstanceKey: pik, variable, dueAt });
      }
      if (rows.length < 500) return [...this.open.values()];
    }
  }

  private async record(d: OpenDeadline, outcome: Outcome): Promise<void> {
    const comune = d.entry.entity.comune ?? (await this.lookup.comuneOf(d.processInstanceKey));
    await this.trail.append({
      actor: ENGINE,
      action: outcome.met ? 'deadline.met' : 'deadline.missed',
      entity: { type: 'deadline', key: deadlineKey(d.variable, d.dueAt), processInstanceKey: d.processInstanceKey, ...(comune ? { comune } : {}) },
      data: {
        variabile: d.variable,
        scadeIl: d.dueAt,
        elementId: outcome.element.elementId,
        elementInstanceKey: outcome.element.elementInstanceKey,
        at: outcome.at,
        how: outcome.how,
        deadlineSetSeq: d.entry.seq,
      },
      ...(d.entry.legalRule ? { legalRule: d.entry.legalRule } : {}),
    });
  }
}

interface Outcome {
  met: boolean;
  how: 'completed-in-time' | 'completed-late' | 'timer-fired';
  at: string;
  element: EngineElementInstance;
}

export const deadlineKey = (variable: string, dueAt: string): string => `${variable}@${dueAt}`;

function outcomeOf(d: OpenDeadline, sites: DeadlineSite[], elements: EngineElementInstance[]): Outcome | undefined {
  const due = Date.parse(d.dueAt);
  for (const site of sites.filter((s) => s.variable === d.variable)) {
    const fired = site.timerElementId ? elements.find((e) => e.elementId === site.timerElementId && e.state === 'COMPLETED') : undefined;
    if (fired) return { met: false, how: 'timer-fired', at: fired.endDate ?? fired.startDate ?? '', element: fired };
    const done = elements.find((e) => e.elementId === site.waitingElementId && e.state === 'COMPLETED' && e.endDate);
    if (done) {
      const inTime = Date.parse(done.endDate!) <= due;
      return { met: inTime, how: inTime ? 'completed-in-time' : 'completed-late', at: done.endDate!, element: done };
    }
  }
  return undefined;
}
