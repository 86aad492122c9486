import { beforeAll, describe, expect, it } from 'vitest';
import { type Element, elementsOf } from '../../scripts/processes/model/moddle.js';
import { type LoadedDiagram, flowElementsDeep, isFlowNode, loadDiagrams } from './support/loadDiagrams.js';

interface Box { x: number; y: number; width: number; height: number }

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

function shapesOf(d: LoadedDiagram): Map<string, { element: Element; bounds: Box }> {
  const plane = elementsOf(d.definitions, 'diagrams')[0]!['plane'] as Element;
  const shapes = new Map<string, { element: Element; bounds: Box }>();
  for (const di of elementsOf(plane, 'planeElement')) {
    if (di.$type !== 'bpmndi:BPMNShape') continue;
    const element = di['bpmnElement'] as Element;
    shapes.set(element.id!, { element, bounds: di['bounds'] as Box });
  }
  return shapes;
}

function edgesOf(d: LoadedDiagram): Map<string, Array<{ x: number; y: number }>> {
  const plane = elementsOf(d.definitions, 'diagrams')[0]!['plane'] as Element;
  return new Map(elementsOf(plane, 'planeElement')
    .filter((di) => di.$type === 'bpmndi:BPMNEdge')
    .map((di) => [(di['bpmnElement'] as Element).id!, di['waypoint'] as Array<{ x: number; y: number }>]));
}

describe('diagram interchange', () => {
  let diagrams: LoadedDiagram[] = [];
  beforeAll(async () => {
    diagrams = await loadDiagrams();
  });

  it('gives every flow node a shape and every sequence flow an edge', () => {
    for (const d of diagrams) {
      const shapes = shapesOf(d);
      const edges = edgesOf(d);
      for (const p of d.processes) {
        for (const el of flowElementsDeep(p)) {
          if (isFlowNode(el)) expect(shapes.has(el.id!), `${d.file}: ${el.id} has no shape`).toBe(true);
          else expect(edges.get(el.id!)?.length ?? 0, `${d.file}: ${el.id} has no edge`).toBeGreaterThanOrEqual(2);
        }
      }
    }
  });

  it('never lets two flow-node shapes overlap (a boundary event may only overlap its host)', () => {
    for (const d of diagrams) {
      const nodes = [...shapesOf(d).values()].filter((s) => !['bpmn:Participant', 'bpmn:Lane'].includes(s.element.$type));
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const [a, b] = [nodes[i]!, nodes[j]!];
          if (a.element['attachedToRef'] === b.element || b.element['attachedToRef'] === a.element) continue;
          expect(overlap(a.bounds, b.bounds), `${d.file}: ${a.element.id} overlaps ${b.element.id}`).toBe(false);
        }
      }
    }
  });

  it('puts every flow node inside its lane, lanes inside the pool, lanes side by side', () => {
    for (const d of diagrams) {
      const shapes = shapesOf(d);
      const pool = [...shapes.values()].find((s) => s.element.$type === 'bpmn:Participant');
      expect(pool, `${d.file}: no participant`).toBeDefined();
      const lanes = d.processes.flatMap((p) => elementsOf(p, 'laneSets').flatMap((s) => elementsOf(s, 'lanes')));
      expect(lanes.length, `${d.file}: no lanes`).toBeGreaterThan(0);
      for (const lane of lanes) {
        const laneBox = shapes.get(lane.id!)!.bounds;
        expect(inside(laneBox, pool!.bounds), `${lane.id} outside the pool`).toBe(true);
        for (const node of elementsOf(lane, 'flowNodeRef')) {
          expect(inside(shapes.get(node.id!)!.bounds, laneBox), `${d.file}: ${node.id} outside lane ${lane.name}`).toBe(true);
        }
        for (const other of lanes) {
          if (other !== lane) expect(overlap(laneBox, shapes.get(other.id!)!.bounds), `${lane.id} overlaps ${other.id}`).toBe(false);
        }
      }
      const inLanes = new Set(lanes.flatMap((l) => elementsOf(l, 'flowNodeRef').map((n) => n.id)));
      for (const p of d.processes) {
        for (const el of elementsOf(p, 'flowElements').filter(isFlowNode)) {
          expect(inLanes.has(el.id), `${d.file}: ${el.id} is in no lane`).toBe(true);
        }
      }
    }
  });

  it('reads left to right: start events sit in the first column, end events right of their start', () => {
    for (const d of diagrams) {
      const shapes = shapesOf(d);
      for (const p of d.processes) {
        const nodes = elementsOf(p, 'flowElements').filter(isFlowNode);
        const minX = Math.min(...nodes.map((n) => shapes.get(n.id!)!.bounds.x));
        const starts = nodes.filter((n) => n.$type === 'bpmn:StartEvent');
        for (const s of starts) {
          expect(shapes.get(s.id!)!.bounds.x - minX, `${d.file}: ${s.id} is not leftmost`).toBeLessThan(150);
        }
        const startX = Math.min(...starts.map((s) => shapes.get(s.id!)!.bounds.x));
        for (const e of nodes.filter((n) => n.$type === 'bpmn:EndEvent')) {
          expect(shapes.get(e.id!)!.bounds.x, `${d.file}: ${e.id}`).toBeGreaterThan(startX);
        }
      }
    }
  });

  it('draws edges with orthogonal segments that start and end on their shapes', () => {
    for (const d of diagrams) {
      const shapes = shapesOf(d);
      const edges = edgesOf(d);
      for (const p of d.processes) {
        for (const flow of elementsOf(p, 'flowElements').filter((e) => e.$type === 'bpmn:SequenceFlow')) {
          const points = edges.get(flow.id!)!;
          for (let i = 1; i < points.length; i++) {
            const [a, b] = [points[i - 1]!, points[i]!];
            expect(a.x === b.x || a.y === b.y, `${d.file}: ${flow.id} has a diagonal segment`).toBe(true);
          }
          const near = (pt: { x: number; y: number }, box: Box): boolean =>
            pt.x >= box.x - 1 && pt.x <= box.x + box.width + 1 && pt.y >= box.y - 1 && pt.y <= box.y + box.height + 1;
          expect(near(points[0]!, shapes.get((flow['sourceRef'] as Element).id!)!.bounds), `${flow.id} start`).toBe(true);
          expect(near(points.at(-1)!, shapes.get((flow['targetRef'] as Element).id!)!.bounds), `${flow.id} end`).toBe(true);
        }
      }
    }
  });

  it('places the name of every named boundary event, clear of the other labels and of every shape', () => {
    // given
    let checked = 0;
    for (const d of diagrams) {
      const plane = elementsOf(d.definitions, 'diagrams')[0]!['plane'] as Element;
      const shapes = elementsOf(plane, 'planeElement').filter((di) => di.$type === 'bpmndi:BPMNShape');
      const labels: Array<{ id: string; box: Box }> = [];
      for (const di of shapes) {
        const element = di['bpmnElement'] as Element;
        if (element.$type !== 'bpmn:BoundaryEvent' || !element['name']) continue;
        const box = (di['label'] as Element | undefined)?.['bounds'] as Box | undefined;
        // then: a DI label, wide enough for a line of its name
        expect(box, `${d.file}: ${element.id} has no label bounds (bpmn-js would centre 90 px under the event)`).toBeDefined();
        expect(box!.width).toBeGreaterThanOrEqual(90);
        labels.push({ id: element.id!, box: box! });
      }
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          expect(overlap(labels[i]!.box, labels[j]!.box), `${d.file}: labels of ${labels[i]!.id} and ${labels[j]!.id} overlap`).toBe(false);
        }
        for (const di of shapes) {
          const element = di['bpmnElement'] as Element;
          if (['bpmn:Participant', 'bpmn:Lane'].includes(element.$type)) continue;
          expect(overlap(labels[i]!.box, di['bounds'] as Box), `${d.file}: label of ${labels[i]!.id} covers ${element.id}`).toBe(false);
        }
        checked += 1;
      }
    }
    // the disciplinary process alone has hosts with three and five named boundary events
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});
