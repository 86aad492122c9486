import DiagramWheel from './DiagramWheel.js';

/** Wheel over the diagram: pan, Ctrl + wheel: zoom; the page does not scroll under it. */
export default {
  __init__: ['diagramWheel'],
  diagramWheel: ['type', DiagramWheel],
};
