import type { NodeKind, ProcessSpec } from '../model/ProcessSpec.js';
import { stackHeight, stackLabels } from './boundaryLabels.js';
import { CELL_HEIGHT, CELL_WIDTH, type GridCell } from './gridFromAutoLayout.js';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Placement {
  participant: Bounds;
  lanes: Map<string, Bounds>;
  nodes: Map<string, Bounds>;
  /** Label bounds of named boundary events (other labels keep bpmn-js's default place). */
  labels: Map<string, Bounds>;
  /** Global grid cell (after lane banding) of every non-boundary node, for routing. */
  cells: Map<string, GridCell>;
  rowTop(row: number): number;
  /** a row is CELL_HEIGHT tall, or taller when the boundary labels of a host in it need the room */
  rowHeight(row: number): number;
  colLeft(col: number): number;
}

const ORIGIN_X = 100;
const ORIGIN_Y = 60;
const POOL_HEADER = 30;
const LANE_HEADER = 30;
const CONTENT_X = ORIGIN_X + POOL_HEADER + LANE_HEADER;
const BOUNDARY_PITCH = 40;
/** a host's boundary events end 128 px below its row's top (host 30 + 80, event 18 below the edge) */
const LABELS_TOP = 131;

export function sizeOf(kind: NodeKind): { width: number; height: number } {
  if (kind.endsWith('Event')) return { width: 36, height: 36 };
  if (kind.endsWith('Gateway')) return { width: 50, height: 50 };
  return { width: 100, height: 80 };
}

/**
 * Keeps bpmn-auto-layout's columns and moves its rows into one horizontal band per lane:
 * the rows a lane uses keep their order inside its band. Two nodes share a (column, row) cell only
 * if they did in the auto-layout, which never happens, so shapes cannot overlap, and every
 * shape lies inside its lane's band.
 */
export function placeInLanes(spec: ProcessSpec, autoCells: Map<string, GridCell>): Placement {
  const laneOf = new Map(spec.nodes.map((n) => [n.id, n.lane]));
  const rowsByLane = new Map<string, number[]>(spec.lanes.map((l) => [l.key, []]));
  for (const [id, cell] of autoCells) {
    const rows = rowsByLane.get(laneOf.get(id)!)!;
    if (!rows.includes(cell.row)) rows.push(cell.row);
  }

  const bandStart = new Map<string, number>();
  let nextRow = 0;
  for (const lane of spec.lanes) {
    const rows = rowsByLane.get(lane.key)!.sort((a, b) => a - b);
    bandStart.set(lane.key, nextRow);
    nextRow += Math.max(rows.length, 1);
  }

  const cells = new Map<string, GridCell>();
  for (const [id, cell] of autoCells) {
    const lane = laneOf.get(id)!;
    const row = bandStart.get(lane)! + rowsByLane.get(lane)!.indexOf(cell.row);
    cells.set(id, { col: cell.col, row });
  }

  const boundaryCount = new Map<string, number>();
  for (const n of spec.nodes) {
    if (n.kind === 'boundaryEvent') boundaryCount.set(n.attachedTo, (boundaryCount.get(n.attachedTo) ?? 0) + 1);
  }
  // A host grows so that its boundary events sit side by side; its column grows with it.
  const sizes = new Map(spec.nodes.map((n) => {
    const size = sizeOf(n.kind);
    const needed = BOUNDARY_PITCH * (boundaryCount.get(n.id) ?? 0) + 12;
    return [n.id, { width: Math.max(size.width, needed), height: size.height }];
  }));
  const maxCol = Math.max(0, ...[...cells.values()].map((c) => c.col));
  const colWidths = Array.from({ length: maxCol + 1 }, () => CELL_WIDTH);
  for (const [id, cell] of cells) colWidths[cell.col] = Math.max(colWidths[cell.col]!, sizes.get(id)!.width + 50);
  const colLefts = colWidths.map((_, c) => CONTENT_X + colWidths.slice(0, c).reduce((a, b) => a + b, 0));
  // Shapes keep their place from the row's top; a row whose hosts carry named boundary events grows at the
  // bottom, so their stacked labels sit between the events and the channel where boundary flows turn.
  const rowHeights = Array.from({ length: nextRow }, () => CELL_HEIGHT);
  const namesByHost = new Map<string, string[]>();
  for (const n of spec.nodes) if (n.kind === 'boundaryEvent' && n.name) namesByHost.set(n.attachedTo, [...(namesByHost.get(n.attachedTo) ?? []), n.name]);
  for (const [host, names] of namesByHost) {
    const row = cells.get(host)?.row;
    if (row === undefined) continue;
    rowHeights[row] = Math.max(rowHeights[row]!, LABELS_TOP + stackHeight(names) + 20);
  }
  const rowTops = rowHeights.map((_, r) => ORIGIN_Y + rowHeights.slice(0, r).reduce((a, b) => a + b, 0));
  const rowTop = (row: number): number => rowTops[row] ?? ORIGIN_Y + rowHeights.reduce((a, b) => a + b, 0);
  const rowHeight = (row: number): number => rowHeights[row] ?? CELL_HEIGHT;
  const colLeft = (col: number): number => colLefts[col] ?? CONTENT_X + colWidths.reduce((a, b) => a + b, 0);

  const nodes = new Map<string, Bounds>();
  for (const n of spec.nodes) {
    if (n.kind === 'boundaryEvent') continue;
    const cell = cells.get(n.id);
    if (!cell) throw new Error(`${spec.id}: auto-layout placed no shape for ${n.id}`);
    const { width, height } = sizes.get(n.id)!;
    nodes.set(n.id, {
      x: colLeft(cell.col) + (colWidths[cell.col]! - width) / 2,
      y: rowTop(cell.row) + (CELL_HEIGHT - height) / 2,
      width,
      height,
    });
  }
  placeBoundaryEvents(spec, nodes);
  const labels = new Map<string, Bounds>();
  for (const host of namesByHost.keys()) {
    const row = cells.get(host)!.row;
    const events = spec.nodes.filter((n) => n.kind === 'boundaryEvent' && n.attachedTo === host).map((n) => ({ id: n.id, name: n.name, bounds: nodes.get(n.id)! }));
    for (const [id, b] of stackLabels(events, rowTop(row) + LABELS_TOP)) labels.set(id, b);
  }

  const width = POOL_HEADER + LANE_HEADER + colWidths.reduce((a, b) => a + b, 0);
  const lanes = new Map<string, Bounds>();
  for (const lane of spec.lanes) {
    const rows = Math.max(rowsByLane.get(lane.key)!.length, 1);
    const first = bandStart.get(lane.key)!;
    lanes.set(lane.key, {
      x: ORIGIN_X + POOL_HEADER,
      y: rowTop(first),
      width: width - POOL_HEADER,
      height: rowTop(first + rows) - rowTop(first),
    });
  }
  const participant = { x: ORIGIN_X, y: ORIGIN_Y, width, height: rowTop(nextRow) - ORIGIN_Y };
  return { participant, lanes, nodes, labels, cells, rowTop, rowHeight, colLeft };
}

/** Boundary events sit side by side, centred on the lower edge of their host. */
function placeBoundaryEvents(spec: ProcessSpec, nodes: Map<string, Bounds>): void {
  const byHost = new Map<string, string[]>();
  for (const n of spec.nodes) {
    if (n.kind !== 'boundaryEvent') continue;
    byHost.set(n.attachedTo, [...(byHost.get(n.attachedTo) ?? []), n.id]);
  }
  for (const [hostId, ids] of byHost) {
    const host = nodes.get(hostId)!;
    const first = host.x + (host.width - (BOUNDARY_PITCH * ids.length - 4)) / 2;
    ids.forEach((id, i) => {
      nodes.set(id, {
        x: first + BOUNDARY_PITCH * i,
        y: host.y + host.height - 18,
        width: 36,
        height: 36,
      });
    });
  }
}
