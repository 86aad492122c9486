import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';

export interface StepDuration {
  elementId: string;
  p50Ms: number;
  p90Ms: number;
  count: number;
}

/** A step in progress now: how many wait on it and for how long the oldest has. */
export interface StepInProgress {
  elementId: string;
  count: number;
  oldestAgeMs: number;
}

type Translate = (template: string, replacements?: Record<string, string>) => string;

const OVERLAY_TYPE = 'hr-duration';
const AGEING_TYPE = 'hr-ageing';
const DAY = 86_400_000;
// Cool to hot: how each step's p90 compares with the slowest step's.
const SHADES = ['#dbeafe', '#fde68a', '#fdba74', '#f87171', '#b91c1c'];

const days = (ms: number) => (Math.round((ms / DAY) * 10) / 10).toLocaleString('it-IT');

/**
 * A heatmap of step durations on the diagram (Optimize's duration heatmap): a tinted badge per step with
 * the p90 of its completed runs (of ended and running cases) above it, and, below a step in progress, an
 * outlined badge with how many wait on it and the age of the oldest.
 */
export default class DurationHeatmap {
  static $inject = ['overlays', 'elementRegistry', 'translate'];

  constructor(
    private readonly overlays: Overlays,
    private readonly elementRegistry: ElementRegistry,
    private readonly translate: Translate,
  ) {}

  show(steps: StepDuration[], inProgress: StepInProgress[] = []): void {
    this.clear();
    for (const w of inProgress.filter((w) => w.elementId && this.elementRegistry.get(w.elementId))) {
      const element = this.elementRegistry.get(w.elementId) as { width?: number; height?: number } | undefined;
      const badge = document.createElement('span');
      badge.className = 'hr-ageing';
      badge.textContent = `${this.translate('in progress')} ${w.count} · ${days(w.oldestAgeMs)} gg`;
      const label = this.translate('In progress: {count}, the oldest waiting for {days} days', { count: String(w.count), days: days(w.oldestAgeMs) });
      badge.title = label;
      badge.setAttribute('role', 'img');
      badge.setAttribute('aria-label', label);
      badge.dataset.elementId = w.elementId;
      this.overlays.add(w.elementId, AGEING_TYPE, { position: { top: (element?.height ?? 80) + 4, left: Math.max(0, ((element?.width ?? 100) - 110) / 2) }, html: badge });
    }
    const drawn = steps.filter((s) => s.elementId && this.elementRegistry.get(s.elementId));
    const slowest = Math.max(1, ...drawn.map((s) => s.p90Ms));
    for (const s of drawn) {
      const element = this.elementRegistry.get(s.elementId) as { width?: number } | undefined;
      const shade = SHADES[Math.min(SHADES.length - 1, Math.floor((s.p90Ms / slowest) * (SHADES.length - 1) + 1e-9))];
      const badge = document.createElement('span');
      badge.className = 'hr-heat';
      badge.style.background = shade;
      badge.style.color = shade === SHADES[4] || shade === SHADES[3] ? '#fff' : '#111';
      badge.textContent = `p90 ${days(s.p90Ms)} gg`;
      const label = this.translate('Duration p50 {p50} days, p90 {p90} days ({count} completed)', { p50: days(s.p50Ms), p90: days(s.p90Ms), count: String(s.count) });
      badge.title = label;
      badge.setAttribute('role', 'img');
      badge.setAttribute('aria-label', label);
      badge.dataset.elementId = s.elementId;
      this.overlays.add(s.elementId, OVERLAY_TYPE, { position: { top: -26, left: Math.max(0, ((element?.width ?? 100) - 90) / 2) }, html: badge });
    }
  }

  clear(): void {
    this.overlays.remove({ type: OVERLAY_TYPE });
    this.overlays.remove({ type: AGEING_TYPE });
  }
}
