import { Router } from '@koa/router';
import type { AppDatabase } from '../../../src/db/index.js';
import type { AppContext, AppServices, AppState } from '../AppState.js';
import { CaseReadRecorder, PAGE_VIEW_ID } from '../audit/CaseReadRecorder.js';
import { currentUser } from '../auth/guards.js';
import { hasRole } from '../auth/roles.js';
import { CaseDataLabels } from '../cases/caseDataLabels.js';
import { CaseFileBuilder } from '../cases/CaseFileBuilder.js';
import { findNode, flatten, instanceTree, resolveCase, type InstanceNode } from '../cases/caseResolver.js';
import { CaseSearch, parseCaseQuery } from '../cases/CaseSearch.js';
import type { OpenWorkIndex } from '../openwork/OpenWorkIndex.js';
import type { DeadlineSiteCache } from '../deadlines/deadlineSites.js';
import type { ProcessInstanceSummary } from '../engine/EngineClient.js';
import { badRequest, forbidden, HttpProblem, notFound } from '../errors.js';
import type { TaskCase } from '../tasks/TaskCase.js';
import type { TaskClient } from '../tasks/TaskClient.js';

export interface CaseRouteParts {
  tasks: TaskClient;
  documents: TaskCase;
  sites: DeadlineSiteCache;
  /** the deployed forms, whose labels name the case data */
  formsDir: string;
  /** the Pratiche search reads its case index */
  openWork: OpenWorkIndex;
}

/** A case number as people write it (web/server/instances/startForms.ts CASE_ID), or a bare instance key. */
const CASE_REF = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,59}$/;

interface OpenedCase {
  roots: ProcessInstanceSummary[];
  root: ProcessInstanceSummary;
  tree: InstanceNode;
  node: InstanceNode;
  ref: string;
}

/**
 * /api/cases: the Pratiche. A case is named by its number (idProcedimento, idConcorso, idPiano), not by an
 * engine key: the search, the case file of a case or of one of its sub-cases (`?istanza=`), its documents.
 * Scoped as the instances are (InstanceScope): a Comune user finds only its Comune's cases, and a case of
 * another Comune answers 404 as an unknown number does.
 */
export function caseRoutes(services: AppServices, db: AppDatabase, parts: CaseRouteParts): Router<AppState> {
  const { engine, scope, audit } = services;
  const router = new Router<AppState>({ prefix: '/api/cases' });
  const search = new CaseSearch(engine, db.knex, parts.openWork);
  const builder = new CaseFileBuilder({ engine, tasks: parts.tasks, scope, db, labels: new CaseDataLabels(parts.formsDir), sites: parts.sites, documents: parts.documents });
  const caseReads = new CaseReadRecorder(audit, engine);

  const reader = (ctx: AppContext) => {
    const user = currentUser(ctx);
    if (!hasRole(user, 'admin', 'provincia', 'comune', 'auditor')) throw forbidden('Il tuo ruolo non consente di consultare le pratiche.');
    return user;
  };

  const open = async (ctx: AppContext): Promise<OpenedCase> => {
    const user = reader(ctx);
    const ref = ctx.params.ref;
    if (!CASE_REF.test(ref)) throw badRequest('INVALID_CASE_NUMBER', `Numero di pratica non valido: «${ref.slice(0, 80)}» (lettere, cifre, / _ . -).`, { field: 'caseNumber' });
    const wanted = ctx.query.istanza;
    if (wanted !== undefined && (typeof wanted !== 'string' || !/^\d{1,19}$/.test(wanted))) throw badRequest('INVALID_INSTANCE', 'istanza: la chiave di un’istanza della pratica (solo cifre).', { field: 'istanza' });
    const pageView = ctx.query.pageView;
    if (pageView !== undefined && (typeof pageView !== 'string' || !PAGE_VIEW_ID.test(pageView))) throw badRequest('INVALID_PAGE_VIEW', 'pageView: da 8 a 64 lettere, cifre o trattini.');
    const roots = await resolveCase(engine, scope, user, ref);
    if (roots.length === 0) throw notFound(`Pratica ${ref} non trovata tra quelle che puoi consultare.`);
    // Another root with the same number, or a sub-case of one of them.
    let root = roots[0];
    let tree = await instanceTree(engine, root);
    if (wanted && !findNode(tree, wanted)) {
      const other = roots.find((r) => r.processInstanceKey === wanted);
      if (!other) throw notFound(`La pratica ${ref} non ha un’istanza ${wanted}.`);
      root = other;
      tree = await instanceTree(engine, root);
    }
    const node = wanted ? findNode(tree, wanted)! : tree;
    // Who opened a disciplinary case is evidence: recorded before its data leaves the server.
    await caseReads.record(user, root, 'case-file', typeof pageView === 'string' ? pageView : undefined);
    return { roots, root, tree, node, ref };
  };

  router.get('/', async (ctx) => {
    const user = reader(ctx);
    ctx.body = await search.search(user, parseCaseQuery(ctx.query as Record<string, string | undefined>));
  });

  router.get('/:ref', async (ctx) => {
    const user = reader(ctx);
    const opened = await open(ctx);
    ctx.body = await builder.build(user, opened.node, opened.root, opened.roots, opened.ref);
  });

  /** One of the case's documents, checked against the SHA-256 recorded when it was produced. */
  router.get('/:ref/documents/:sha256', async (ctx) => {
    const user = reader(ctx);
    const { node, ref } = await open(ctx);
    const keys = flatten(node).map((i) => i.processInstanceKey);
    const root = !node.instance.parentProcessInstanceKey;
    const doc = await parts.documents.readDocument(keys, root ? ref : undefined, ctx.params.sha256);
    if (doc === 'altered') throw new HttpProblem(409, 'DOCUMENT_ALTERED', 'Il documento sul disco non corrisponde all’impronta SHA-256 registrata: non viene fornito.');
    if (!doc) throw notFound('Documento non trovato in questa pratica.');
    await audit.append({
      actor: { type: 'user', id: user.username, ...(user.roles[0] ? { role: user.roles[0] } : {}) },
      action: 'case.read',
      entity: { type: 'document', key: ctx.params.sha256, processInstanceKey: node.instance.processInstanceKey },
      data: { name: doc.name, view: 'document' },
    });
    ctx.type = doc.name.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream';
    ctx.attachment(doc.name);
    ctx.body = doc.bytes;
  });

  return router;
}
