import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type { ElementCounts } from '../status-overlay/StatusOverlay.js';

const MARKERS = ['hr-taken', 'hr-active', 'hr-incident'] as const;

/** Marks the path an instance took: flows and elements passed, where its tokens are, where it is stuck. */
export default class PathHighlight {
  static $inject = ['canvas', 'elementRegistry'];
  private marked = new Map<string, Set<string>>();

  constructor(
    private readonly canvas: Canvas,
    private readonly elementRegistry: ElementRegistry,
  ) {}

  show(path: { flows: string[]; elements: ElementCounts[] }): void {
    const wanted = new Map<string, Set<string>>();
    const mark = (id: string, marker: string) => {
      if (!this.elementRegistry.get(id)) return;
      (wanted.get(id) ?? wanted.set(id, new Set()).get(id)!).add(marker);
    };
    for (const flow of path.flows) mark(flow, 'hr-taken');
    for (const e of path.elements) {
      if (e.completed || e.canceled || e.active) mark(e.elementId, 'hr-taken');
      if (e.active) mark(e.elementId, 'hr-active');
      if (e.incidents) mark(e.elementId, 'hr-incident');
    }
    for (const [id, markers] of this.marked) {
      for (const m of markers) if (!wanted.get(id)?.has(m)) this.canvas.removeMarker(id, m);
    }
    for (const [id, markers] of wanted) {
      for (const m of markers) if (!this.marked.get(id)?.has(m)) this.canvas.addMarker(id, m);
    }
    this.marked = wanted;
  }

  clear(): void {
    for (const [id, markers] of this.marked) for (const m of markers) if (MARKERS.includes(m as never)) this.canvas.removeMarker(id, m);
    this.marked.clear();
  }
}
