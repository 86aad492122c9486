import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';

/** Below this scale a diagram fitted whole is unreadable (labels under ~8 px): zoom to the elements instead. */
const READABLE_SCALE = 0.75;
const PADDING = 140;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Shows the diagram whole when that is readable, else the part around the given elements (the active
 * steps, or the end reached) at a readable scale: a 60-element process fitted into 1,440 px is a smudge.
 * Returns the scale it chose.
 */
export function focusOnElements(canvas: Canvas, registry: ElementRegistry, elementIds: string[]): number {
  canvas.zoom('fit-viewport');
  const fitted = canvas.viewbox() as Box & { scale: number; outer: { width: number; height: number } };
  const shapes = elementIds.map((id) => registry.get(id) as (Box & { waypoints?: unknown }) | undefined).filter((s): s is Box => !!s && typeof s.width === 'number');
  if (fitted.scale >= READABLE_SCALE || shapes.length === 0) return fitted.scale;
  const left = Math.min(...shapes.map((s) => s.x));
  const top = Math.min(...shapes.map((s) => s.y));
  const right = Math.max(...shapes.map((s) => s.x + s.width));
  const bottom = Math.max(...shapes.map((s) => s.y + s.height));
  const { width, height } = fitted.outer;
  const scale = Math.max(fitted.scale, Math.min(1, width / (right - left + 2 * PADDING), height / (bottom - top + 2 * PADDING)));
  const w = width / scale;
  const h = height / scale;
  canvas.viewbox({ x: (left + right) / 2 - w / 2, y: (top + bottom) / 2 - h / 2, width: w, height: h });
  return scale;
}
