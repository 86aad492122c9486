import type EventBus from 'diagram-js/lib/core/EventBus';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Canvas {
  getContainer(): HTMLElement;
  viewbox(box?: Box): Box & { scale: number; inner: Box; outer: { width: number; height: number } };
}

const MARGIN = 24;

/**
 * Opens a diagram whole and clear of the modeler's palette. `zoom('fit-viewport')` fits the diagram to the
 * whole canvas, and the palette (an HTML panel over the canvas's left edge) then covers its start event.
 * Here the diagram is fitted into the part of the canvas right of the palette, never enlarged past 100 %.
 */
export default class PaletteClearance {
  static $inject = ['eventBus', 'canvas'];

  constructor(
    eventBus: EventBus,
    private readonly canvas: Canvas,
  ) {
    eventBus.on('import.done', () => this.fit());
  }

  fit(): void {
    const container = this.canvas.getContainer();
    const palette = container.querySelector('.djs-palette');
    const { inner, outer } = this.canvas.viewbox();
    if (!outer.width || !outer.height || !inner.width) return;
    const left = (palette ? palette.getBoundingClientRect().right - container.getBoundingClientRect().left : 0) + MARGIN;
    const scale = Math.min(1, (outer.width - left - MARGIN) / inner.width, (outer.height - 2 * MARGIN) / inner.height);
    if (scale <= 0) return;
    this.canvas.viewbox({ x: inner.x - left / scale, y: inner.y - MARGIN / scale, width: outer.width / scale, height: outer.height / scale });
  }
}
