import type { FlowSpec, ProcessSpec } from '../model/ProcessSpec.js';
import type { Bounds, Placement } from './placeInLanes.js';

export interface Point {
  x: number;
  y: number;
}

/** Channels run in the empty margins of grid cells, where no shape is ever drawn. */
const CHANNEL = 8;

/**
 * Orthogonal routes between grid-placed shapes: straight when source and target share a free row,
 * otherwise along the empty margin of a column or of a row, so that lines do not run through shapes
 * in the common cases. Loops go over the top, boundary flows leave from the bottom.
 */
export function routeFlows(spec: ProcessSpec, placement: Placement): Map<string, Point[]> {
  const hostOf = new Map(spec.nodes.flatMap((n) => (n.kind === 'boundaryEvent' ? [[n.id, n.attachedTo] as const] : [])));
  const occupied = new Set([...placement.cells.values()].map((c) => `${c.col}:${c.row}`));
  const free = (row: number, fromCol: number, toCol: number): boolean => {
    for (let c = fromCol + 1; c < toCol; c++) if (occupied.has(`${c}:${row}`)) return false;
    return true;
  };

  const routes = new Map<string, Point[]>();
  for (const flow of spec.flows) {
    routes.set(flow.id, route(flow));
  }
  return routes;

  function route(flow: FlowSpec): Point[] {
    const s = placement.nodes.get(flow.source)!;
    const t = placement.nodes.get(flow.target)!;
    const host = hostOf.get(flow.source);
    const sCell = placement.cells.get(host ?? flow.source)!;
    const tCell = placement.cells.get(flow.target)!;
    const sMid = mid(s);
    const tMid = mid(t);

    if (host) {
      const start = { x: sMid.x, y: s.y + s.height };
      if (tCell.col > sCell.col && free(tCell.row, sCell.col, tCell.col) || tCell.col === sCell.col + 1) {
        const x = placement.colLeft(tCell.col) + CHANNEL;
        return compact([start, { x: start.x, y: bandBelow(sCell.row) }, { x, y: bandBelow(sCell.row) }, { x, y: tMid.y }, { x: t.x, y: tMid.y }]);
      }
      const y = bandBelow(Math.max(sCell.row, tCell.row));
      return compact([start, { x: start.x, y }, { x: tMid.x, y }, { x: tMid.x, y: t.y + t.height }]);
    }

    if (tCell.col > sCell.col) {
      const out = { x: s.x + s.width, y: sMid.y };
      const into = { x: t.x, y: tMid.y };
      if (sCell.row === tCell.row && free(sCell.row, sCell.col, tCell.col)) return [out, into];
      const targetChannel = placement.colLeft(tCell.col) + CHANNEL;
      if (free(sCell.row, sCell.col, tCell.col)) {
        return compact([out, { x: targetChannel, y: out.y }, { x: targetChannel, y: into.y }, into]);
      }
      const sourceChannel = placement.colLeft(sCell.col + 1) - CHANNEL;
      if (free(tCell.row, sCell.col, tCell.col)) {
        return compact([out, { x: sourceChannel, y: out.y }, { x: sourceChannel, y: into.y }, into]);
      }
      const y = tCell.row > sCell.row ? placement.rowTop(tCell.row) + CHANNEL : bandBelow(tCell.row);
      return compact([out, { x: sourceChannel, y: out.y }, { x: sourceChannel, y }, { x: targetChannel, y }, { x: targetChannel, y: into.y }, into]);
    }

    // Backwards (a loop) or straight down the same column: over the top of both rows.
    const y = placement.rowTop(Math.min(sCell.row, tCell.row)) + CHANNEL;
    if (tCell.col === sCell.col) {
      const down = tCell.row > sCell.row;
      return [
        { x: sMid.x, y: down ? s.y + s.height : s.y },
        { x: tMid.x, y: down ? t.y : t.y + t.height },
      ];
    }
    return [{ x: sMid.x, y: s.y }, { x: sMid.x, y }, { x: tMid.x, y }, { x: tMid.x, y: t.y }];
  }

  function bandBelow(row: number): number {
    return placement.rowTop(row) + placement.rowHeight(row) - CHANNEL;
  }
}

function mid(b: Bounds): Point {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Drops repeated points and points in the middle of a straight segment. */
function compact(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const prev = out[out.length - 2];
    if (prev && last && ((prev.x === last.x && last.x === p.x) || (prev.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}

