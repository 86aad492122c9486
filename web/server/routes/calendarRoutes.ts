import { Router } from '@koa/router';
import { DomainValidationError, formatOfficeCalendarConfig } from '../../../src/domain/index.js';
import { loadOfficeCalendarConfig, OFFICE_CALENDAR_FILE, saveOfficeCalendarConfig } from '../../../workers/shared/officeCalendars.js';
import type { AppServices, AppState } from '../AppState.js';
import { currentUser, requireRole } from '../auth/guards.js';
import { badRequest } from '../errors.js';

/**
 * /api/admin/calendario: the calendar of the convenzione the deadline workers read
 * (DATA_DIR/calendario-uffici.json): the Provincia's seat and the patron-saint day of each Comune
 * served. Administrators only; a bad document is refused whole with the field named, and every
 * change is in the audit trail with the new content.
 */
export function calendarRoutes(services: AppServices, dataDir: string): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/admin/calendario' });
  router.use(requireRole('admin'));

  router.get('/', async (ctx) => {
    ctx.body = formatOfficeCalendarConfig(await loadOfficeCalendarConfig(dataDir));
  });

  router.put('/', async (ctx) => {
    const admin = currentUser(ctx);
    let saved;
    try {
      saved = await saveOfficeCalendarConfig(dataDir, ctx.request.body);
    } catch (e) {
      if (e instanceof DomainValidationError) throw badRequest('INVALID_CALENDAR', `Calendario non valido: ${e.message}`, { field: e.field });
      throw e;
    }
    const body = formatOfficeCalendarConfig(saved);
    await services.audit.append({
      actor: { type: 'user', id: admin.username, role: 'admin' }, action: 'calendar.update',
      entity: { type: 'config', key: OFFICE_CALENDAR_FILE }, data: JSON.parse(JSON.stringify(body)),
    });
    ctx.body = body;
  });
  return router;
}
