import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import deadlineBadgeModule from './deadline-badge/index.js';
import diagramWheelModule from './diagram-wheel/index.js';
import type DeadlineBadge from './deadline-badge/DeadlineBadge.js';
import translateModule from './i18n/index.js';
import pathHighlightModule from './path-highlight/index.js';
import type PathHighlight from './path-highlight/PathHighlight.js';
import statusOverlayModule from './status-overlay/index.js';
import type StatusOverlay from './status-overlay/StatusOverlay.js';

export interface StatusViewer {
  viewer: NavigatedViewer;
  statusOverlay: StatusOverlay;
  pathHighlight: PathHighlight;
  deadlineBadge: DeadlineBadge;
}

/** The read-only diagram for live status: bpmn-js's viewer plus our three status modules. */
export async function createStatusViewer(container: HTMLElement, xml: string): Promise<StatusViewer> {
  const viewer = new NavigatedViewer({
    container,
    additionalModules: [translateModule, statusOverlayModule, pathHighlightModule, deadlineBadgeModule, diagramWheelModule],
    moddleExtensions: { zeebe: zeebeModdle },
  });
  await viewer.importXML(xml);
  (viewer.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');
  return {
    viewer,
    statusOverlay: viewer.get('statusOverlay'),
    pathHighlight: viewer.get('pathHighlight'),
    deadlineBadge: viewer.get('deadlineBadge'),
  };
}
