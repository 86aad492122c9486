import { layoutProcess } from 'bpmn-auto-layout';
import type { Element, Moddle } from '../model/moddle.js';
import { elementsOf } from '../model/moddle.js';

/** bpmn-auto-layout places every flow node in the middle of a 150 × 140 grid cell. */
export const CELL_WIDTH = 150;
export const CELL_HEIGHT = 140;

export interface GridCell {
  col: number;
  row: number;
}

/**
 * Asks bpmn-auto-layout (bpmn.io) for its left-to-right grid placement of one process and reads
 * back the grid cell of every flow node except boundary events (they follow their host).
 * bpmn-auto-layout ignores lanes and lays out only the first participant, so it gets the bare
 * process; placeInLanes.ts then moves whole grid rows into lane bands.
 */
export async function gridFromAutoLayout(m: Moddle, definitions: Element, process: Element): Promise<Map<string, GridCell>> {
  const laneSets = process['laneSets'];
  const roots = elementsOf(definitions, 'rootElements');
  try {
    process['laneSets'] = [];
    definitions['rootElements'] = roots.filter((r) => r.$type !== 'bpmn:Collaboration');
    const { xml } = await m.toXML(definitions);
    const laidOut = await layoutProcess(xml);
    const { rootElement } = await m.fromXML(laidOut);
    return readCells(rootElement);
  } finally {
    process['laneSets'] = laneSets;
    definitions['rootElements'] = roots;
  }
}

function readCells(definitions: Element): Map<string, GridCell> {
  const cells = new Map<string, GridCell>();
  const diagram = elementsOf(definitions, 'diagrams')[0];
  const plane = diagram?.['plane'] as Element | undefined;
  if (!plane) throw new Error('bpmn-auto-layout returned no diagram');
  for (const shape of elementsOf(plane, 'planeElement')) {
    const element = shape['bpmnElement'] as Element | undefined;
    if (shape.$type !== 'bpmndi:BPMNShape' || !element?.id || element.$type === 'bpmn:BoundaryEvent') continue;
    const b = shape['bounds'] as { x: number; y: number; width: number; height: number };
    const col = (b.x + b.width / 2 - CELL_WIDTH / 2) / CELL_WIDTH;
    const row = (b.y + b.height / 2 - CELL_HEIGHT / 2) / CELL_HEIGHT;
    cells.set(element.id, { col: Math.round(col), row: Math.round(row) });
  }
  return cells;
}
