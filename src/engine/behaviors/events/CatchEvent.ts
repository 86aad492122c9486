import { completeElement } from '../../processor/lifecycle.js';
import type { ElementBehavior } from '../behavior.js';

/**
 * Intermediate catch events and receive tasks wait for their timer, message or signal (the
 * subscription is opened by the lifecycle). Reached through a triggered event-based gateway, the
 * event has already happened and the element passes on.
 */
export const catchEventBehavior: ElementBehavior = {
  async onActivated(ctx, instance) {
    if (instance.data.triggered) await completeElement(ctx, instance.key);
  },
};
