// bpmn-auto-layout ships no type declarations; this is the one function the generator uses.
declare module 'bpmn-auto-layout' {
  export function layoutProcess(xml: string): Promise<string>;
}
