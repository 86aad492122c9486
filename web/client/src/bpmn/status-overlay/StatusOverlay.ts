import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';

export interface ElementCounts {
  elementId: string;
  active: number;
  completed: number;
  canceled: number;
  incidents: number;
}

type Translate = (template: string, replacements?: Record<string, string>) => string;

const OVERLAY_TYPE = 'hr-status';
const KINDS = [
  { key: 'active', label: 'Active', position: { bottom: 12, left: -12 } },
  { key: 'incidents', label: 'Incidents', position: { bottom: 12, right: 12 } },
  { key: 'completed', label: 'Completed', position: { top: -12, left: -12 } },
  { key: 'canceled', label: 'Canceled', position: { top: -12, right: 12 } },
] as const;

/** Per-element badges of active, completed, canceled and incident counts, as Operate draws them. */
export default class StatusOverlay {
  static $inject = ['overlays', 'elementRegistry', 'translate'];

  constructor(
    private readonly overlays: Overlays,
    private readonly elementRegistry: ElementRegistry,
    private readonly translate: Translate,
  ) {}

  show(statistics: ElementCounts[]): void {
    this.overlays.remove({ type: OVERLAY_TYPE });
    for (const stats of statistics) {
      if (!this.elementRegistry.get(stats.elementId)) continue;
      for (const kind of KINDS) {
        const count = stats[kind.key];
        if (!count) continue;
        const badge = document.createElement('span');
        badge.className = `hr-badge hr-badge--${kind.key}`;
        badge.textContent = String(count);
        const label = `${this.translate(kind.label)}: ${count}`;
        badge.title = label;
        badge.setAttribute('role', 'img');
        badge.setAttribute('aria-label', label);
        badge.dataset.elementId = stats.elementId;
        badge.dataset.kind = kind.key;
        this.overlays.add(stats.elementId, OVERLAY_TYPE, { position: kind.position, html: badge });
      }
    }
  }

  clear(): void {
    this.overlays.remove({ type: OVERLAY_TYPE });
  }
}
