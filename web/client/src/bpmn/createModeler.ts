import { Linter, type LintReport } from '@camunda/linting';
import lintingModule from '@camunda/linting/modeler';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import zeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { currentLang } from '../i18n/i18n.js';
import { localiseLibraryTexts } from '../i18n/libraryTextLocaliser.js';
import translateModule from './i18n/index.js';
import { ciRecommendedPlugin } from './lint/ciRules.js';
import { localizeReport } from './lint/lintMessages.js';
import paletteClearanceModule from './palette-clearance/index.js';
import propertiesPanelI18nModule from './properties-panel-i18n/index.js';

/** Fixed English titles of @bpmn-io/properties-panel (FEEL toggle, pop-up editor) and @camunda/linting's overlays. */
const UNTRANSLATABLE_TITLES: Record<string, string> = {
  'Open pop-up editor': 'Apri l’editor a comparsa',
  'Click to set a dynamic value with FEEL expression': 'Fai clic per dare un valore dinamico con un’espressione FEEL',
  'Click to remove dynamic value with FEEL expression': 'Fai clic per togliere il valore dinamico FEEL',
  'Click to show issue': 'Fai clic per vedere il problema',
};

export interface DiagramModeler {
  modeler: BpmnModeler;
  /** lints the current diagram with CI's rules and shows the problems on the shapes */
  lint(): Promise<LintReport[]>;
  showProblem(report: LintReport): void;
}

export function createModeler(canvas: HTMLElement, propertiesPanel: HTMLElement): DiagramModeler {
  const modeler = new BpmnModeler({
    container: canvas,
    propertiesPanel: { parent: propertiesPanel },
    additionalModules: [
      translateModule,
      BpmnPropertiesPanelModule,
      propertiesPanelI18nModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      zeebeBehaviorsModule,
      lintingModule,
      paletteClearanceModule,
    ],
    moddleExtensions: { zeebe: zeebeModdle },
  });
  // a few titles the properties panel and the linting overlays write without the translate service
  if (currentLang() === 'it') {
    const stop = localiseLibraryTexts(canvas.parentElement ?? canvas, [
      { selector: '#properties-panel, .modeler-properties', dictionary: UNTRANSLATABLE_TITLES, attributes: ['title', 'aria-label'] },
      { selector: '.djs-overlay-container, .djs-overlays', dictionary: UNTRANSLATABLE_TITLES, attributes: ['title'] },
    ]);
    modeler.on('diagram.destroy', stop);
  }
  const linter = new Linter({ modeler: 'web', type: 'cloud', plugins: [ciRecommendedPlugin] });
  const linting = modeler.get('linting') as { setErrors(r: LintReport[]): void; activate(): void; showError(r: LintReport): void };
  return {
    modeler,
    async lint() {
      const { xml } = await modeler.saveXML();
      const lang = currentLang();
      const reports = (await linter.lint(xml ?? '')).map((report) => localizeReport(report, lang));
      linting.setErrors(reports);
      linting.activate();
      return reports;
    },
    showProblem(report) {
      linting.showError(report);
    },
  };
}

/** A new diagram for Zeebe 8.9 (the platform the linter and CI check against). */
export function blankDiagram(processId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.9.0">
  <bpmn:process id="${processId}" name="Nuovo procedimento" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" name="Avvio" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
