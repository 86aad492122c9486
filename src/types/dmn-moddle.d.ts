declare module 'dmn-moddle' {
  /** The parsed DMN element tree: moddle objects with `$type` and the DMN 1.3 properties. */
  export interface DmnElement {
    $type: string;
    id?: string;
    name?: string;
    [property: string]: unknown;
  }

  export class DmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: DmnElement; warnings: { message: string }[] }>;
  }
}
