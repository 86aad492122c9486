import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from '@koa/router';
import { DiagramDraftStore, type AppDatabase } from '../../../src/db/index.js';
import type { AppServices, AppState } from '../AppState.js';
import { currentUser, requireRole } from '../auth/guards.js';
import { badRequest, notFound } from '../errors.js';
import { MAX_DIAGRAM_BYTES } from './draftRoutes.js';

/** The forms `npm start` deploys with the processes (processes/forms/*.form). */
export const PROCESS_FORMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../processes/forms');
const FORM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

interface FormSummary {
  formId: string;
  /** in processes/forms (deployed with the procedures) */
  inProcesses: boolean;
  draft?: { version: number; author: string; createdAt: string };
}

/**
 * /api/forms: Camunda forms for designers. The engine's REST API gives a form only per user task or
 * process definition, so the deployed set is read from processes/forms and edits are kept as versioned
 * drafts in the app database; deploying goes through /api/deployments like a diagram.
 */
export function formRoutes(services: AppServices, db: AppDatabase, formsDir: string = PROCESS_FORMS_DIR): Router<AppState> {
  const drafts = new DiagramDraftStore(db.knex, undefined, 'form_drafts');
  const router = new Router<AppState>({ prefix: '/api/forms' });
  router.use(requireRole('designer', 'admin'));

  const fileIds = async (): Promise<string[]> => {
    const names = await readdir(formsDir).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.form')).map((n) => n.slice(0, -'.form'.length)).filter((id) => FORM_ID.test(id));
  };
  const idOf = (raw: string): string => {
    if (!FORM_ID.test(raw)) throw notFound('Modulo non trovato.');
    return raw;
  };

  router.get('/', async (ctx) => {
    const byId = new Map<string, FormSummary>();
    for (const formId of await fileIds()) byId.set(formId, { formId, inProcesses: true });
    for (const d of await drafts.listLatest()) {
      byId.set(d.diagramId, { ...(byId.get(d.diagramId) ?? { formId: d.diagramId, inProcesses: false }), draft: { version: d.version, author: d.author, createdAt: d.createdAt } });
    }
    ctx.body = { items: [...byId.values()].sort((a, b) => a.formId.localeCompare(b.formId)) };
  });

  /** The latest draft, else the form as processes/forms holds it. */
  router.get('/:id', async (ctx) => {
    const formId = idOf(ctx.params.id);
    const draft = await drafts.get(formId);
    if (draft) {
      ctx.body = { formId, source: 'draft', version: draft.version, schema: JSON.parse(draft.xml) as unknown };
      return;
    }
    if (!(await fileIds()).includes(formId)) throw notFound('Modulo non trovato.');
    ctx.body = { formId, source: 'processes', schema: JSON.parse(await readFile(path.join(formsDir, `${formId}.form`), 'utf8')) as unknown };
  });

  router.post('/:id/drafts', async (ctx) => {
    const formId = ctx.params.id;
    if (!FORM_ID.test(formId)) throw badRequest('INVALID_FORM_ID', 'Identificativo del modulo non valido.');
    const { schema } = (ctx.request.body ?? {}) as { schema?: unknown };
    if (!schema || typeof schema !== 'object' || Array.isArray(schema) || !Array.isArray((schema as { components?: unknown }).components)) {
      throw badRequest('INVALID_FORM', 'Il contenuto non è un modulo Camunda (manca `components`).');
    }
    // The engine links a user task to a form by this id (zeebe:formDefinition formId).
    if ((schema as { id?: unknown }).id !== formId) throw badRequest('FORM_ID_MISMATCH', `L’id del modulo deve essere ${formId}.`, { field: 'id' });
    const text = JSON.stringify(schema, null, 2);
    if (Buffer.byteLength(text) > MAX_DIAGRAM_BYTES) throw badRequest('FORM_TOO_LARGE', 'Il modulo supera i 2 MB.');
    ctx.status = 201;
    ctx.body = await drafts.save({ diagramId: formId, xml: text, author: currentUser(ctx).username });
  });

  return router;
}
