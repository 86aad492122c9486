declare module 'bpmnlint/lib/resolver/static-resolver' {
  const StaticResolver: new (cache: Record<string, unknown>) => object;
  export default StaticResolver;
}
declare module 'bpmnlint/rules/*' {
  const rule: unknown;
  export default rule;
}
declare module '@camunda/linting' {
  export interface LintReport {
    id?: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
    rule: string;
  }
  export class Linter {
    constructor(options?: { modeler?: 'web' | 'desktop'; type?: 'cloud' | 'platform'; plugins?: unknown[] });
    lint(contents: string | object): Promise<LintReport[]>;
  }
}
declare module '@camunda/linting/modeler' {
  const module: Record<string, unknown>;
  export default module;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const module: Record<string, unknown>;
  export default module;
}
declare module 'zeebe-bpmn-moddle/resources/zeebe.json' {
  const descriptor: object;
  export default descriptor;
}
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: Record<string, unknown>;
  export const BpmnPropertiesProviderModule: Record<string, unknown>;
  export const ZeebePropertiesProviderModule: Record<string, unknown>;
}
declare module 'dmn-js/lib/Modeler' {
  /** The part of dmn-js's Modeler the decision editor uses. */
  export default class DmnModeler {
    constructor(options: {
      container: HTMLElement;
      drd?: { additionalModules?: unknown[] };
      decisionTable?: { additionalModules?: unknown[] };
      literalExpression?: { additionalModules?: unknown[] };
    });
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    getDefinitions(): { id: string; drgElement?: Array<{ id: string; $type: string }> } | undefined;
    getViews(): Array<{ type: string; element: { id: string } }>;
    open(view: { type: string; element: { id: string } }): Promise<unknown>;
    destroy(): void;
  }
}
