import type { Bounds } from './placeInLanes.js';

/**
 * Where the names of boundary events go. bpmn-js puts an event's label, when the DI gives none, 90 px wide
 * and centred under the event; boundary events sit 40 px apart on their host's lower edge, so their
 * default labels overlap each other and the task. Here each host's labels are stacked under the host,
 * one below the other, each starting just right of its own event's centre (where its flow leaves), and the
 * row grows to make room (placeInLanes.ts).
 */
export const LABEL_WIDTH = 130;
/** bpmn-js draws external labels in 11 px Arial: about 6.2 px per character, 14 px per line. */
const CHAR_WIDTH = 6.2;
const LINE_HEIGHT = 14;
const GAP = 3;

/** The lines bpmn-js's text layout makes of a name in a box `width` wide (words never split, as it does). */
export function labelSize(name: string, width = LABEL_WIDTH): { width: number; height: number } {
  const perLine = Math.floor(width / CHAR_WIDTH);
  let lines = 1;
  let used = 0;
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (need <= perLine || used === 0) used = need;
    else {
      lines += 1;
      used = word.length;
    }
  }
  return { width, height: lines * LINE_HEIGHT };
}

/** Height the stacked labels of one host take under its boundary events. */
export function stackHeight(names: string[]): number {
  return names.reduce((sum, n) => sum + labelSize(n).height + GAP, 0);
}

/** Label bounds for a host's boundary events (left to right), stacked from `top`. */
export function stackLabels(events: Array<{ id: string; name: string; bounds: Bounds }>, top: number): Map<string, Bounds> {
  const labels = new Map<string, Bounds>();
  let y = top;
  for (const e of events) {
    if (!e.name) continue;
    const size = labelSize(e.name);
    labels.set(e.id, { x: e.bounds.x + e.bounds.width / 2 + 4, y, ...size });
    y += size.height + GAP;
  }
  return labels;
}
