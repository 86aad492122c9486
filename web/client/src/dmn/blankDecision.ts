/** A new DMN 1.3 file with one empty decision table (as the Camunda Modeler creates it). */
export function blankDecision(id: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" id="Definitions_${id}" name="${id}" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="${id}" name="Nuova decisione">
    <decisionTable id="DecisionTable_${id}">
      <input id="Input_1"><inputExpression id="InputExpression_1" typeRef="string"><text></text></inputExpression></input>
      <output id="Output_1" name="esito" typeRef="string" />
    </decisionTable>
  </decision>
  <dmndi:DMNDI><dmndi:DMNDiagram id="DMNDiagram_${id}"><dmndi:DMNShape id="DMNShape_${id}" dmnElementRef="${id}"><dc:Bounds height="80" width="180" x="160" y="100" /></dmndi:DMNShape></dmndi:DMNDiagram></dmndi:DMNDI>
</definitions>`;
}
