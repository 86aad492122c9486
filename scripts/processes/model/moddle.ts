import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const zeebeSchema: object = require('zeebe-bpmn-moddle/resources/zeebe.json');

/** A moddle element as the generator and the tests handle it: typed by `$type`, open otherwise. */
export interface Element {
  $type: string;
  id?: string;
  name?: string;
  $parent?: Element;
  $attrs?: Record<string, string>;
  [property: string]: unknown;
}

export interface Moddle {
  create(type: string, attrs?: Record<string, unknown>): Element;
  fromXML(xml: string, type?: string): Promise<{ rootElement: Element; warnings: unknown[] }>;
  toXML(element: Element, options?: { format?: boolean }): Promise<{ xml: string }>;
}

/** bpmn-moddle with the Zeebe extension, as Camunda 8 modelers read and write diagrams. */
export function createModdle(): Moddle {
  return new BpmnModdle({ zeebe: zeebeSchema }) as unknown as Moddle;
}

export function elementsOf(parent: Element, property: string): Element[] {
  const value = parent[property];
  return Array.isArray(value) ? (value as Element[]) : [];
}

/** The Zeebe (or other) extension elements of one type on a BPMN element. */
export function extensionsOf(element: Element, type: string): Element[] {
  const ext = element['extensionElements'] as Element | undefined;
  return ext ? elementsOf(ext, 'values').filter((v) => v.$type === type) : [];
}
