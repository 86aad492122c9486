import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type { ElementCounts } from '../status-overlay/StatusOverlay.js';
import { findDeadlineSites } from './findDeadlines.js';

type Translate = (template: string, replacements?: Record<string, string>) => string;

export interface OpenDeadline {
  variable: string;
  elementId: string;
  due: Date;
  /** the last useful day (YYYY-MM-DD) as the workers' `scadenze` entry states it, when there is one */
  lastDay?: string;
  /** whole days from today (Rome) to the due day; negative when overdue */
  daysLeft: number;
}

const OVERLAY_TYPE = 'hr-deadline';
const DAY_MS = 86_400_000;

/** A countdown badge on each element that waits for an open deadline (a `scadenza…` variable). */
export default class DeadlineBadge {
  static $inject = ['overlays', 'elementRegistry', 'translate'];

  constructor(
    private readonly overlays: Overlays,
    private readonly elementRegistry: ElementRegistry,
    private readonly translate: Translate,
  ) {}

  /** Draws the badges; returns the open deadlines, soonest first. */
  show(variables: Array<{ name: string; value: unknown }>, elements: ElementCounts[], now: Date = new Date()): OpenDeadline[] {
    this.overlays.remove({ type: OVERLAY_TYPE });
    const values = new Map(variables.map((v) => [v.name, v.value]));
    const active = new Set(elements.filter((e) => e.active > 0).map((e) => e.elementId));
    const businessObjects = this.elementRegistry.getAll().map((e) => (e as unknown as { businessObject: never }).businessObject).filter(Boolean);
    const lastDays = lastUsefulDays(values.get('scadenze'));
    const open: OpenDeadline[] = [];
    for (const site of findDeadlineSites(businessObjects)) {
      if (!active.has(site.waitingElementId) || !this.elementRegistry.get(site.badgeElementId)) continue;
      const raw = values.get(site.variable);
      const due = typeof raw === 'string' ? new Date(raw) : undefined;
      if (!due || Number.isNaN(due.getTime())) continue;
      // A term ending with 31/01 fires at 01/02 00:00: count to, and show, the day the scadenze name.
      const lastDay = lastDays.get(site.variable);
      const daysLeft = Math.floor((lastDay ? Date.parse(`${lastDay}T00:00:00Z`) / DAY_MS : romeDay(due)) - romeDay(now));
      open.push({ variable: site.variable, elementId: site.badgeElementId, due, lastDay, daysLeft });
      const badge = document.createElement('span');
      badge.className = `hr-deadline ${daysLeft < 0 ? 'hr-deadline--overdue' : daysLeft <= 5 ? 'hr-deadline--soon' : ''}`;
      badge.textContent =
        daysLeft < 0
          ? this.translate('overdue by {days} d', { days: String(-daysLeft) })
          : daysLeft === 0
            ? this.translate('due today')
            : this.translate('due in {days} d', { days: String(daysLeft) });
      const title = this.translate('Deadline {name}: {date}', { name: site.variable, date: lastDay ? lastDay.split('-').reverse().join('/') : formatRome(due) });
      badge.title = title;
      badge.setAttribute('role', 'img');
      badge.setAttribute('aria-label', `${title} (${badge.textContent})`);
      badge.dataset.variable = site.variable;
      this.overlays.add(site.badgeElementId, OVERLAY_TYPE, { position: { top: -26, left: 0 }, html: badge });
    }
    return open.sort((a, b) => a.due.getTime() - b.due.getTime());
  }
}

/** variable -> dataTermine of the workers' `scadenze` list (workers/shared/deadlines.ts), read defensively. */
function lastUsefulDays(scadenze: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(scadenze)) return out;
  for (const e of scadenze as Array<{ variabile?: unknown; dataTermine?: unknown }>) {
    if (e && typeof e.variabile === 'string' && typeof e.dataTermine === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(e.dataTermine)) out.set(e.variabile, e.dataTermine);
  }
  return out;
}

/** Days since the epoch of the calendar day in Rome: deadlines are counted in days, in Italy. */
function romeDay(d: Date): number {
  const [y, m, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(d)
    .split('-')
    .map(Number);
  return Date.UTC(y, m - 1, day) / DAY_MS;
}

function formatRome(d: Date): string {
  return new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}
