type Translate = (template: string, replacements?: Record<string, string | number>) => string;

interface PanelGroup {
  translate?: Translate;
  [key: string]: unknown;
}

interface PropertiesPanel {
  registerProvider(priority: number, provider: { getGroups(element: unknown): (groups: PanelGroup[]) => PanelGroup[] }): void;
}

/** after every other provider, so it sees the final list of groups */
const LOWEST_PRIORITY = 1;

/**
 * @bpmn-io/properties-panel's Group and ListGroup translate their own controls ("Create", "Toggle
 * section", "Delete item", "List contains 2 items") only with a `translate` prop, which
 * bpmn-js-properties-panel's providers do not pass: without this they stay English whatever the
 * `translate` service says. Giving each group the service closes that gap.
 */
export default class TranslatedGroupsProvider {
  static $inject = ['propertiesPanel', 'translate'];

  constructor(propertiesPanel: PropertiesPanel, private readonly translate: Translate) {
    propertiesPanel.registerProvider(LOWEST_PRIORITY, this);
  }

  getGroups(): (groups: PanelGroup[]) => PanelGroup[] {
    return (groups) => groups.map((group) => ({ translate: this.translate, ...group }));
  }
}
