import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { COMUNE_VARIABLE } from '../auth/InstanceScope.js';
import { readCaseDeadlines, type CaseDeadline } from '../deadlines/caseDeadlines.js';
import type { DeadlineSite, DeadlineSiteCache } from '../deadlines/deadlineSites.js';
import type { EngineClient, ProcessInstanceSummary } from '../engine/EngineClient.js';
import { BUSINESS_KEY_VARIABLES } from '../routes/instanceRoutes.js';
import type { UserTaskSummary } from './TaskClient.js';

/** A document a worker produced for the case (row of the app's `documents` table, see workers/shared/documents). */
export interface CaseDocument {
  sha256: string;
  name: string;
  kind: string;
  createdAt: string;
  processInstanceKey?: string;
}

/** What the task page shows beside the form. */
export interface TaskCaseContext {
  procedure: { processDefinitionId: string; processDefinitionKey: string; name: string };
  /** the root case when the task sits in a called phase */
  caseInstanceKey: string;
  instanceChain: string[];
  businessKey?: string;
  comune?: { codiceIstat: string; nome?: string };
  deadlines: CaseDeadline[];
  documents: CaseDocument[];
}

const MAX_CHAIN = 10;

export class TaskCase {
  constructor(
    private readonly engine: EngineClient,
    private readonly knex: Knex | undefined,
    private readonly sites: DeadlineSiteCache,
    private readonly dataDir: string | undefined,
  ) {}

  async contextOf(task: UserTaskSummary, variables: Record<string, unknown>, now: Date = new Date()): Promise<TaskCaseContext> {
    const chain = await this.instanceChain(task.processInstanceKey);
    const root = chain[chain.length - 1];
    const businessKey = BUSINESS_KEY_VARIABLES.map((n) => variables[n]).find((v): v is string => typeof v === 'string');
    const codiceIstat = typeof variables[COMUNE_VARIABLE] === 'string' ? (variables[COMUNE_VARIABLE] as string) : undefined;
    return {
      procedure: {
        processDefinitionId: task.processDefinitionId,
        processDefinitionKey: task.processDefinitionKey,
        name: root?.processDefinitionName ?? task.processName ?? task.processDefinitionId,
      },
      caseInstanceKey: root?.processInstanceKey ?? task.processInstanceKey,
      instanceChain: chain.map((i) => i.processInstanceKey),
      businessKey,
      comune: codiceIstat ? { codiceIstat, nome: await this.comuneName(codiceIstat) } : undefined,
      deadlines: readCaseDeadlines(variables, await this.sitesFor(task, chain), now),
      documents: await this.documents(chain.map((i) => i.processInstanceKey), businessKey),
    };
  }

  /**
   * The deadlines that bind this task: its own due date, timers on it, and in each calling process
   * the timers on the call activity that is waiting for this phase (e.g. the 30-day perentorio term
   * on "Contestazione d'addebito" while the UPD writes the contestazione).
   */
  private async sitesFor(task: UserTaskSummary, chain: ProcessInstanceSummary[]): Promise<DeadlineSite[]> {
    const own = (await this.sites.sitesOf(task.processDefinitionKey)).filter((s) => s.waitingElementId === task.elementId);
    const outer: DeadlineSite[] = [];
    for (const parent of chain.slice(1)) {
      const [sites, stats] = await Promise.all([this.sites.sitesOf(parent.processDefinitionKey), this.engine.getProcessInstanceStatistics(parent.processInstanceKey)]);
      const active = new Set(stats.filter((s) => s.active > 0).map((s) => s.elementId));
      outer.push(...sites.filter((s) => s.kind === 'timer' && active.has(s.waitingElementId)));
    }
    return [...own, ...outer];
  }

  /** The task's instance first, then each calling instance up to the root case. */
  private async instanceChain(key: string): Promise<ProcessInstanceSummary[]> {
    const chain: ProcessInstanceSummary[] = [];
    for (let next: string | undefined = key; next && chain.length < MAX_CHAIN; ) {
      const instance = await this.engine.getProcessInstance(next);
      if (!instance) break;
      chain.push(instance);
      next = instance.parentProcessInstanceKey;
    }
    return chain;
  }

  private async comuneName(codiceIstat: string): Promise<string | undefined> {
    if (!this.knex) return undefined;
    try {
      const row = (await this.knex('comuni').select('nome').where({ codice_istat: codiceIstat }).first()) as { nome?: string } | undefined;
      return row?.nome;
    } catch {
      return undefined; // no Comuni register in this database
    }
  }

  async documents(instanceKeys: string[], businessKey: string | undefined): Promise<CaseDocument[]> {
    if (!this.knex) return [];
    try {
      const rows = (await this.knex('documents')
        .where((q) => {
          q.whereIn('process_instance_key', instanceKeys);
          if (businessKey) q.orWhere('business_key', businessKey);
        })
        .orderBy('created_at', 'asc')) as Array<{ sha256: string; path: string; kind: string; created_at: string; process_instance_key?: string }>;
      return rows.map((r) => ({ sha256: r.sha256, name: path.basename(r.path), kind: r.kind, createdAt: r.created_at, processInstanceKey: r.process_instance_key ?? undefined }));
    } catch {
      return [];
    }
  }

  /**
   * The bytes of one of the case's documents, checked against the SHA-256 recorded when it was
   * produced: an altered file is refused rather than served as the act.
   */
  async readDocument(instanceKeys: string[], businessKey: string | undefined, sha256: string): Promise<{ name: string; bytes: Buffer } | 'altered' | undefined> {
    if (!this.knex || !this.dataDir || !/^[0-9a-f]{64}$/.test(sha256)) return undefined;
    const docs = await this.documents(instanceKeys, businessKey);
    if (!docs.some((d) => d.sha256 === sha256)) return undefined;
    const row = (await this.knex('documents').where({ sha256 }).first()) as { path: string } | undefined;
    if (!row) return undefined;
    const base = path.resolve(this.dataDir);
    const file = path.resolve(base, row.path);
    if (!file.startsWith(base + path.sep)) return undefined;
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      return undefined;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) return 'altered';
    return { name: path.basename(row.path), bytes };
  }
}
