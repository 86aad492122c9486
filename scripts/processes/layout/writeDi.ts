import type { Element, Moddle } from '../model/moddle.js';
import { elementsOf } from '../model/moddle.js';
import type { ProcessSpec } from '../model/ProcessSpec.js';
import type { Bounds, Placement } from './placeInLanes.js';
import type { Point } from './routeFlows.js';

/** Writes the BPMN diagram interchange (one plane on the collaboration) from computed geometry. */
export function writeDi(
  m: Moddle,
  definitions: Element,
  spec: ProcessSpec,
  placement: Placement,
  routes: Map<string, Point[]>,
): void {
  const roots = elementsOf(definitions, 'rootElements');
  const collaboration = roots.find((r) => r.$type === 'bpmn:Collaboration')!;
  const process = roots.find((r) => r.$type === 'bpmn:Process')!;
  const byId = new Map<string, Element>();
  for (const el of elementsOf(process, 'flowElements')) byId.set(el.id!, el);
  for (const set of elementsOf(process, 'laneSets')) {
    for (const lane of elementsOf(set, 'lanes')) byId.set(lane.id!, lane);
  }

  const bounds = (b: Bounds): Element => m.create('dc:Bounds', { ...b });
  const shape = (element: Element, b: Bounds, extra: Record<string, unknown> = {}): Element =>
    m.create('bpmndi:BPMNShape', { id: `${element.id}_di`, bpmnElement: element, bounds: bounds(b), ...extra });

  const planeElement: Element[] = [];
  const participant = elementsOf(collaboration, 'participants')[0]!;
  planeElement.push(shape(participant, placement.participant, { isHorizontal: true }));
  for (const lane of spec.lanes) {
    planeElement.push(shape(byId.get(`Lane_${lane.key}`)!, placement.lanes.get(lane.key)!, { isHorizontal: true }));
  }
  // Hosts before their boundary events, so the events are drawn on top.
  const ordered = [...spec.nodes].sort((a, b) => Number(a.kind === 'boundaryEvent') - Number(b.kind === 'boundaryEvent'));
  for (const n of ordered) {
    const extra: Record<string, unknown> = n.kind === 'exclusiveGateway' ? { isMarkerVisible: true } : {};
    const label = placement.labels.get(n.id);
    if (label) extra['label'] = m.create('bpmndi:BPMNLabel', { bounds: bounds(label) });
    planeElement.push(shape(byId.get(n.id)!, placement.nodes.get(n.id)!, extra));
  }
  for (const f of spec.flows) {
    planeElement.push(
      m.create('bpmndi:BPMNEdge', {
        id: `${f.id}_di`,
        bpmnElement: byId.get(f.id),
        waypoint: routes.get(f.id)!.map((p) => m.create('dc:Point', { x: p.x, y: p.y })),
      }),
    );
  }

  const plane = m.create('bpmndi:BPMNPlane', { id: `BPMNPlane_${spec.id}`, bpmnElement: collaboration, planeElement });
  definitions['diagrams'] = [m.create('bpmndi:BPMNDiagram', { id: `BPMNDiagram_${spec.id}`, plane })];
}
