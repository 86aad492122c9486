import { Temporal } from 'temporal-polyfill';
import { ErrorCode, TaskType } from '../../processes/generated/task-types.js';
import { noteJobDetails } from './auditedJob.js';
import { once } from './effects.js';
import { BusinessError, WorkerInputError } from './errors.js';
import { RecipientsRejectedError, type MailAttachment } from './Mailer.js';
import { handler, type HandlerMap } from './TaskHandler.js';
import { NOTICE_TEMPLATES, type NoticeVariables } from './noticeTemplates.js';

export interface NotificaHeaders {
  canale: 'pec' | 'email';
  modello: string;
}

export interface NotificaInviata {
  modello: string;
  canale: string;
  destinatari: string[];
  messageId: string;
  inviataIl: string;
}

/**
 * `notifica-invia`: one send task type for every notice; the `modello` header picks the template
 * and its recipients. Sent once per job key, so a redelivered job does not send a second notice.
 */
export const notificaInvia = handler<NoticeVariables, NotificaHeaders>(async (job, ctx) => {
  const { modello, canale } = job.customHeaders;
  const template = NOTICE_TEMPLATES[modello];
  if (!template) throw new WorkerInputError('modello', `nessun modello di notifica '${String(modello)}' (header del task ${job.elementId})`);
  const notice = await template(job.variables, ctx);
  if (notice.to.length === 0) {
    if (notice.onRejected === 'PEC_NON_CONSEGNATA') {
      throw new BusinessError(ErrorCode.PEC_NON_CONSEGNATA, `${notice.subject}: il destinatario non ha un domicilio digitale (PEC)`);
    }
    throw new WorkerInputError(notice.recipientVariable, `nessun destinatario per la notifica '${modello}'`);
  }
  const sent = await once(ctx.knex, `notify:${job.key}`, { taskType: job.type, jobKey: String(job.key), at: ctx.now() }, async () => {
    try {
      const report = await ctx.mailer.send({
        from: ctx.addresses.mittente,
        to: notice.to,
        subject: `[${canale === 'pec' ? 'PEC' : 'Email'}] ${notice.subject}`,
        text: notice.text,
        attachments: notice.attachments as MailAttachment[] | undefined,
        messageId: `<job-${String(job.key)}@province-comuni-hr>`,
      });
      if (report.rejected.length > 0 && canale === 'pec') throw new RecipientsRejectedError(report.rejected, report.response);
      const result: NotificaInviata = {
        modello, canale, destinatari: report.accepted, messageId: report.messageId,
        inviataIl: Temporal.Instant.fromEpochMilliseconds(ctx.now().getTime()).toString(),
      };
      return result;
    } catch (error) {
      if (error instanceof RecipientsRejectedError) {
        if (notice.onRejected === 'PEC_NON_CONSEGNATA') {
          throw new BusinessError(ErrorCode.PEC_NON_CONSEGNATA, `PEC non consegnata: ${error.message}`, { pecNonConsegnata: { destinatari: error.rejected } });
        }
        throw new WorkerInputError(notice.recipientVariable, error.message);
      }
      throw error;
    }
  });
  await noteJobDetails(ctx, job, {
    data: { notifica: { modello, canale, destinatari: sent.destinatari, oggetto: notice.subject, messageId: sent.messageId } },
    ...(notice.legalRule ? { legalRule: notice.legalRule } : {}),
  });
  return job.complete({ ultimaNotifica: sent, ...(notice.completeWith?.(sent) ?? {}) });
});

export const notifyHandlers: HandlerMap = {
  [TaskType.NOTIFICA_INVIA]: notificaInvia,
};
