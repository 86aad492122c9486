import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import durationHeatmapModule from '../bpmn/duration-heatmap/index.js';
import type DurationHeatmap from '../bpmn/duration-heatmap/DurationHeatmap.js';
import type { StepDuration, StepInProgress } from '../bpmn/duration-heatmap/DurationHeatmap.js';
import translateModule from '../bpmn/i18n/index.js';

/** The read-only diagram with the duration heatmap module. */
export async function showHeatmap(container: HTMLElement, xml: string, steps: StepDuration[], inProgress: StepInProgress[] = []): Promise<NavigatedViewer> {
  const viewer = new NavigatedViewer({ container, additionalModules: [translateModule, durationHeatmapModule], moddleExtensions: { zeebe: zeebeModdle } });
  await viewer.importXML(xml);
  (viewer.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');
  (viewer.get('durationHeatmap') as DurationHeatmap).show(steps, inProgress);
  return viewer;
}
