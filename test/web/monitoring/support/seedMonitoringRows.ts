import type { Knex } from 'knex';
import { bucketOf } from '../../../../web/server/monitoring/durationBuckets.js';

export const MONZA = '108033';
export const DESIO = '108023';
const DAY = 86_400_000;

/** Aggregate rows (for API and page tests; the aggregator itself is tested against the engine) as the follower writes them: three Monza cases ended (2, 5 and 30 days; numbers UPD-2026-001..003) and one open (UPD-2026-005, waiting on its contestazione), one Desio case (3 days, no number), two missed deadlines. */
export async function seedMonitoringRows(knex: Knex): Promise<void> {
  const c = (key: string, comune: string, ended: string | null, days: number) => ({
    process_instance_key: key, process_id: 'procedimento-disciplinare', comune, case_number: key === '4' ? null : `UPD-2026-00${key}`, started_at: '2026-03-02T08:00:00.000Z', opened_month: '2026-03',
    ended_at: ended, closed_month: ended ? ended.slice(0, 7) : null, end_state: ended ? 'COMPLETED' : null, duration_ms: ended ? days * DAY : null,
  });
  await knex('monitoring_cases').insert([c('1', MONZA, '2026-03-04T08:00:00.000Z', 2), c('2', MONZA, '2026-03-07T08:00:00.000Z', 5), c('3', MONZA, '2026-04-01T08:00:00.000Z', 30), c('4', DESIO, '2026-03-05T08:00:00.000Z', 3), c('5', MONZA, null, 0)]);
  const s = (key: string, pik: string, comune: string, month: string, days: number) => ({ element_instance_key: key, process_instance_key: pik, process_id: 'procedimento-disciplinare', element_id: 'Task_Contestazione', comune, month, duration_ms: days * DAY });
  await knex('monitoring_steps').insert([s('11', '1', MONZA, '2026-03', 2), s('12', '2', MONZA, '2026-03', 5), s('13', '3', MONZA, '2026-04', 30), s('14', '4', DESIO, '2026-03', 3)]);
  const d = (seq: number, pik: string, comune: string, nature: string, met: boolean) => ({ audit_seq: seq, process_instance_key: pik, process_id: 'procedimento-disciplinare', comune, element_id: 'Task_Contestazione', variable: 'scadenzaContestazione', nature, met, due_at: '2026-03-22T23:00:00.000Z', month: '2026-03' });
  await knex('monitoring_deadlines').insert([d(901, '3', MONZA, 'perentorio', false), d(902, '4', DESIO, 'ordinatorio', false), d(903, '1', MONZA, 'perentorio', true)]);
  // the counters the writer keeps beside those rows
  const n = (comune: string, month: string, opened: number, closed: number) => ({ process_id: 'procedimento-disciplinare', comune, month, opened, closed });
  await knex('monitoring_case_counts').insert([n(MONZA, '2026-03', 4, 2), n(MONZA, '2026-04', 0, 1), n(DESIO, '2026-03', 1, 1)]);
  const dc = (comune: string, nature: string, met: number, missed: number) => ({ process_id: 'procedimento-disciplinare', comune, element_id: 'Task_Contestazione', nature, month: '2026-03', met, missed });
  await knex('monitoring_deadline_counts').insert([dc(MONZA, 'perentorio', 1, 1), dc(DESIO, 'ordinatorio', 0, 1)]);
  await knex('monitoring_incidents').insert({ incident_key: '31', process_instance_key: '3', process_id: 'procedimento-disciplinare', comune: MONZA, element_id: 'Task_Protocolla', error_type: 'JOB_NO_RETRIES', created_at: '2026-03-20T08:00:00.000Z', month: '2026-03' });
  await knex('monitoring_incident_counts').insert({ process_id: 'procedimento-disciplinare', comune: MONZA, month: '2026-03', incidents: 1, cases_with_incident: 1 });
  // case 5 (Monza, open) waits on its contestazione since 10 March: the step in progress
  await knex('monitoring_waiting_tasks').insert({ user_task_key: '51', candidate_group: 'provincia-upd', process_instance_key: '5', process_id: 'procedimento-disciplinare', element_id: 'Task_Contestazione', comune: MONZA, created_at: '2026-03-10T08:00:00.000Z' });
  // the histogram of those durations, as the writer keeps it
  const buckets = new Map<string, { process_id: string; element_id: string; comune: string; month: string; bucket: number; count: number }>();
  for (const [elementId, comune, month, days] of [['Task_Contestazione', MONZA, '2026-03', 2], ['Task_Contestazione', MONZA, '2026-03', 5], ['Task_Contestazione', MONZA, '2026-04', 30], ['Task_Contestazione', DESIO, '2026-03', 3], ['', MONZA, '2026-03', 2], ['', MONZA, '2026-03', 5], ['', MONZA, '2026-04', 30], ['', DESIO, '2026-03', 3]] as const) {
    const bucket = bucketOf(days * DAY);
    const key = `${elementId}|${comune}|${month}|${bucket}`;
    const row = buckets.get(key) ?? { process_id: 'procedimento-disciplinare', element_id: elementId, comune, month, bucket, count: 0 };
    row.count++;
    buckets.set(key, row);
  }
  await knex('monitoring_duration_buckets').insert([...buckets.values()]);
}
