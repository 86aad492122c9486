import type { Element, Moddle } from '../model/moddle.js';
import type { ProcessSpec } from '../model/ProcessSpec.js';
import { gridFromAutoLayout } from './gridFromAutoLayout.js';
import { placeInLanes } from './placeInLanes.js';
import { routeFlows } from './routeFlows.js';
import { writeDi } from './writeDi.js';

/** bpmn-auto-layout grid → lane bands → orthogonal routes → diagram interchange. */
export async function layoutDefinitions(m: Moddle, definitions: Element, process: Element, spec: ProcessSpec): Promise<void> {
  const cells = await gridFromAutoLayout(m, definitions, process);
  const placement = placeInLanes(spec, cells);
  writeDi(m, definitions, spec, placement, routeFlows(spec, placement));
}
