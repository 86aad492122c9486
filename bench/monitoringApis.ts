/**
 * Monitoraggio API latency at volume (issue #19): the aggregate tables holding 100,000 cases (five
 * steps each, two legal deadlines, 3% with an incident, 12 months, 40 Comuni), then each monitoring
 * API called as a Provincia manager and as a Comune user. Target: p95 < 200 ms.
 *
 *   npm run bench -- --only=monitoring [--monitoring_cases=100000]
 */
import { openAppDatabase, UserStore } from '../src/db/index.js';
import { createApp } from '../web/server/createApp.js';
import { CamundaEngineClient } from '../web/server/engine/CamundaEngineClient.js';
import { bucketOf } from '../web/server/monitoring/durationBuckets.js';
import { serve, WebClient } from '../test/web/support/httpSession.js';
import { percentile } from './stats.js';

const RUNS = 20;
const DAY = 86_400_000;
const PROCESSES = ['procedimento-disciplinare', 'selezione-personale', 'formazione'];
const STEPS = ['Task_Segnalazione', 'Task_Contestazione', 'Task_Audizione', 'Task_Istruttoria', 'Task_Decisione'];

export interface MonitoringTiming { api: string; user: string; p50: number; p95: number; items: number }

/** A deterministic pseudo-random sequence, so every run loads the same rows. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

export async function runMonitoringApis(dataDir: string, cases: number): Promise<{ loadMs: number; timings: MonitoringTiming[] }> {
  const db = await openAppDatabase({ dataDir, log: () => undefined });
  const rnd = random(19);
  const comuni = Array.from({ length: 40 }, (_, i) => String(108001 + i));
  comuni[32] = '108033';
  const t0 = performance.now();
  const buckets = new Map<string, number>();
  const caseCounts = new Map<string, { opened: number; closed: number }>();
  const incidentCounts = new Map<string, number>();
  const deadlineCounts = new Map<string, { met: number; missed: number }>();
  const countCase = (p: string, c: string, m: string, k: 'opened' | 'closed') => {
    const key = `${p}|${c}|${m}`;
    const v = caseCounts.get(key) ?? { opened: 0, closed: 0 };
    v[k]++;
    caseCounts.set(key, v);
  };
  const bump = (p: string, e: string, c: string, m: string, ms: number) => {
    const key = `${p}|${e}|${c}|${m}|${bucketOf(ms)}`;
    buckets.set(key, (buckets.get(key) ?? 0) + 1);
  };
  let caseRows: object[] = [];
  let stepRows: object[] = [];
  let deadlineRows: object[] = [];
  let incidentRows: object[] = [];
  const flush = async (force: boolean) => {
    if (!force && caseRows.length < 500) return;
    await db.knex.transaction(async (trx) => {
      for (const [table, rows] of [['monitoring_cases', caseRows], ['monitoring_steps', stepRows], ['monitoring_deadlines', deadlineRows], ['monitoring_incidents', incidentRows]] as const) {
        for (let n = 0; n < rows.length; n += 100) await trx(table).insert(rows.slice(n, n + 100));
      }
    });
    caseRows = [];
    stepRows = [];
    deadlineRows = [];
    incidentRows = [];
  };
  for (let i = 0; i < cases; i++) {
    const pik = String(2251799813685248 + i * 10);
    const processId = PROCESSES[i % PROCESSES.length];
    const comune = comuni[Math.floor(rnd() * comuni.length)];
    const start = Date.parse('2026-01-01T08:00:00Z') + Math.floor(rnd() * 330) * DAY;
    const month = new Date(start).toISOString().slice(0, 7);
    const ended = rnd() < 0.8;
    let t = start;
    for (let s = 0; s < STEPS.length && (ended || s < 3); s++) {
      const ms = Math.floor((0.5 + rnd() * 20) * DAY);
      t += ms;
      const m = new Date(t).toISOString().slice(0, 7);
      stepRows.push({ element_instance_key: String(Number(pik) + s + 1), process_instance_key: pik, process_id: processId, element_id: STEPS[s], comune, month: m, duration_ms: ms });
      bump(processId, STEPS[s], comune, m, ms);
    }
    const closed = new Date(t).toISOString().slice(0, 7);
    caseRows.push({ process_instance_key: pik, process_id: processId, comune, case_number: i % 10 === 0 ? null : `UPD-2026-${i}`, started_at: new Date(start).toISOString(), opened_month: month, ended_at: ended ? new Date(t).toISOString() : null, closed_month: ended ? closed : null, end_state: ended ? 'COMPLETED' : null, duration_ms: ended ? t - start : null });
    if (ended) bump(processId, '', comune, closed, t - start);
    countCase(processId, comune, month, 'opened');
    if (ended) countCase(processId, comune, closed, 'closed');
    for (let d = 0; d < 2; d++) {
      const met = rnd() < 0.85;
      const nature = d === 0 ? 'perentorio' : 'ordinatorio';
      deadlineRows.push({ audit_seq: i * 2 + d + 1, process_instance_key: pik, process_id: processId, comune, element_id: STEPS[d + 1], variable: `scadenza${d}`, nature, met, due_at: new Date(start + 20 * DAY).toISOString(), month });
      const key = `${processId}|${comune}|${STEPS[d + 1]}|${nature}|${month}`;
      const v = deadlineCounts.get(key) ?? { met: 0, missed: 0 };
      v[met ? 'met' : 'missed']++;
      deadlineCounts.set(key, v);
    }
    if (rnd() < 0.03) {
      const key = `${processId}|${comune}|${month}`;
      incidentCounts.set(key, (incidentCounts.get(key) ?? 0) + 1);
      incidentRows.push({ incident_key: String(Number(pik) + 9), process_instance_key: pik, process_id: processId, comune, element_id: STEPS[2], error_type: 'JOB_NO_RETRIES', created_at: new Date(start + DAY).toISOString(), month });
    }
    await flush(false);
  }
  await flush(true);
  const bucketRows = [...buckets].map(([k, count]) => {
    const [process_id, element_id, comune, month, bucket] = k.split('|');
    return { process_id, element_id, comune, month, bucket: Number(bucket), count };
  });
  const countRows = [...caseCounts].map(([k, v]) => {
    const [process_id, comune, month] = k.split('|');
    return { process_id, comune, month, ...v };
  });
  const deadlineCountRows = [...deadlineCounts].map(([k, v]) => {
    const [process_id, comune, element_id, nature, month] = k.split('|');
    return { process_id, comune, element_id, nature, month, ...v };
  });
  await db.knex.transaction(async (trx) => {
    for (let n = 0; n < bucketRows.length; n += 100) await trx('monitoring_duration_buckets').insert(bucketRows.slice(n, n + 100));
    for (let n = 0; n < countRows.length; n += 100) await trx('monitoring_case_counts').insert(countRows.slice(n, n + 100));
    const incidentCountRows = [...incidentCounts].map(([k, n]) => {
      const [process_id, comune, month] = k.split('|');
      return { process_id, comune, month, incidents: n, cases_with_incident: n };
    });
    for (let n = 0; n < incidentCountRows.length; n += 100) await trx('monitoring_incident_counts').insert(incidentCountRows.slice(n, n + 100));
    for (let n = 0; n < deadlineCountRows.length; n += 100) await trx('monitoring_deadline_counts').insert(deadlineCountRows.slice(n, n + 100));
    const waiting = Array.from({ length: 5000 }, (_, i) => ({ user_task_key: String(9_000_000 + i), candidate_group: i % 3 === 0 ? 'provincia-upd' : `comune-${comuni[i % comuni.length]}`, process_instance_key: String(2251799813685248 + i * 10), process_id: PROCESSES[i % 3], element_id: STEPS[1], comune: comuni[i % comuni.length], created_at: new Date(Date.now() - (i % 60) * DAY).toISOString() }));
    for (let n = 0; n < waiting.length; n += 100) await trx('monitoring_waiting_tasks').insert(waiting.slice(n, n + 100));
    const training = Array.from({ length: 2000 }, (_, i) => ({ process_instance_key: '1', codice_fiscale: `CF${String(i).padStart(14, '0')}`, anno: 2026, comune: comuni[i % comuni.length], nominativo: `Dipendente ${i}`, ore: (i * 7) % 60, obiettivo: 40, raggiunto: (i * 7) % 60 >= 40, obbligatori_validi: i % 3, obbligatori_totali: 2 }));
    for (let n = 0; n < training.length; n += 100) await trx('monitoring_training').insert(training.slice(n, n + 100));
    await trx('monitoring_kpi_targets').insert({ name: 'Contestazione entro 20 giorni', process_id: PROCESSES[0], element_id: 'Task_Contestazione', max_days: 20, target_percent: 90, created_by: 'bench', created_at: new Date().toISOString() });
  });
  const loadMs = performance.now() - t0;

  const users = new UserStore(db.knex);
  await users.create({ username: 'bench-provincia', displayName: 'Provincia', password: 'bench-provincia-password', roles: ['provincia', 'provincia-upd'] });
  await users.create({ username: 'bench-monza', displayName: 'Comune di Monza', password: 'bench-monza-password', roles: ['comune'], comuniIstat: ['108033'] });
  // The monitoring APIs read only the app database: the engine client is never called.
  const engine = new CamundaEngineClient({ restAddress: 'http://127.0.0.1:9' });
  const app = createApp({ db, engine });
  const server = await serve(app);
  const timings: MonitoringTiming[] = [];
  const apis = [
    '/api/monitoring/volumes?from=2026-01&to=2026-12',
    '/api/monitoring/durations?processId=procedimento-disciplinare&from=2026-01&to=2026-12',
    '/api/monitoring/durations',
    '/api/monitoring/waiting',
    '/api/monitoring/in-progress',
    '/api/monitoring/incidents',
    '/api/monitoring/deadlines',
    '/api/monitoring/training?anno=2026',
    '/api/monitoring/cases?kind=deadline&nature=perentorio&met=false',
    '/api/monitoring/cases?kind=step&elementId=Task_Contestazione&page=40',
    '/api/monitoring/targets',
    '/api/monitoring/volumes?format=csv',
  ];
  try {
    for (const [username, label] of [['bench-provincia', 'Provincia'], ['bench-monza', 'Comune (Monza)']] as const) {
      const client = new WebClient(server.url);
      if ((await client.signIn(username, `${username}-password`)).status !== 200) throw new Error(`bench sign-in refused for ${username}`);
      for (const api of apis) {
        const times: number[] = [];
        let items = 0;
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          const res = await client.get(api);
          times.push(performance.now() - t);
          if (res.status !== 200) throw new Error(`${api}: HTTP ${res.status}`);
          items = Array.isArray(res.body?.items) ? res.body.items.length : String(res.body).split('\n').length - 2;
        }
        times.sort((a, b) => a - b);
        timings.push({ api, user: label, p50: percentile(times, 50), p95: percentile(times, 95), items });
      }
    }
  } finally {
    await server.close();
    await engine.close();
    await db.close();
  }
  return { loadMs, timings };
}
