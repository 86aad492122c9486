import type EventBus from 'diagram-js/lib/core/EventBus';

interface ZoomScroll {
  toggle(enabled?: boolean): boolean;
}

interface Canvas {
  getContainer(): HTMLElement;
}

/**
 * The wheel over a diagram moves the diagram, never the page, as in Camunda Operate: a plain wheel pans,
 * Ctrl (or ⌘) + wheel zooms. diagram-js's ZoomScroll listens to the wheel only while the pointer is over the
 * SVG itself: it stops on every `canvas.mouseout`, which fires whenever the pointer crosses an HTML overlay
 * (our status and deadline badges) or enters the container before any SVG mouseover, and the wheel then
 * scrolled the page. Here the whole container decides: entering it turns ZoomScroll on, leaving it off.
 */
export default class DiagramWheel {
  static $inject = ['eventBus', 'zoomScroll', 'canvas'];

  constructor(eventBus: EventBus, zoomScroll: ZoomScroll, canvas: Canvas) {
    const container = canvas.getContainer();
    // above ZoomScroll's own listener (priority 1000): the SVG's mouseout no longer switches it off
    eventBus.on('canvas.mouseout', 1500, () => false);
    container.addEventListener('mouseenter', () => zoomScroll.toggle(true));
    container.addEventListener('mouseleave', () => zoomScroll.toggle(false));
    // a wheel that comes before any mouse move (the page scrolled the diagram under a still pointer): turned on
    // in the capture phase, ZoomScroll's own (bubbling) listener on the container still gets this event
    container.addEventListener('wheel', () => zoomScroll.toggle(true), { capture: true, passive: true });
  }
}
