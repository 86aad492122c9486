import { api } from '../api.js';

export interface VolumeRow { month: string; processId: string; comune: string; opened: number; closed: number }
export interface DurationRow { processId: string; elementId: string; count: number; p50Ms: number; p90Ms: number }
export interface WaitingRow { candidateGroup: string; count: number; oldest: string; upTo1Day: number; upTo7Days: number; upTo30Days: number; over30Days: number }
export interface IncidentRow { month: string; processId: string; cases: number; casesWithIncident: number; incidents: number; incidentFreePercent: number }
export interface DeadlineRow { processId: string; comune: string; elementId: string; nature: string; met: number; missed: number }
export interface TrainingRow { comune: string; anno: number; dipendenti: number; obiettivoRaggiunto: number; oreMedie: number; obbligatoriValidi: number; obbligatoriTotali: number }
export interface InProgressRow { processId: string; elementId: string; count: number; oldest: string; oldestAgeMs: number; over30Days: number }
export interface CaseRow { processInstanceKey: string; caseNumber: string | null; processId: string; comune: string; detail: string; at: string }
export interface CasePage { items: CaseRow[]; total: number; page: number; pageSize: number }
export interface KpiRow { id: number; name: string; processId: string; elementId: string; maxDays: number; targetPercent: number; total: number; within: number; percent: number; met: boolean; trend: Array<{ month: string; total: number; within: number; percent: number; met: boolean }> }

export type MonitoringQuery = Record<string, string>;

export const monitoringUrl = (figure: string, query: MonitoringQuery, extra: Record<string, string> = {}): string => {
  const params = new URLSearchParams({ ...query, ...extra });
  const text = params.toString();
  return `/api/monitoring/${figure}${text ? `?${text}` : ''}`;
};

export async function items<T>(figure: string, query: MonitoringQuery, extra: Record<string, string> = {}): Promise<T[]> {
  return (await api.get<{ items: T[] }>(monitoringUrl(figure, query, extra))).items;
}
