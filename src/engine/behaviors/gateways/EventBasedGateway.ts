import type { ElementBehavior } from '../behavior.js';

/** Waits for the first of its branches' events; the trigger completes it (see eventTrigger.ts). */
export const eventBasedGatewayBehavior: ElementBehavior = {
  async onActivated() {
    // Subscriptions for every branch were opened on activation.
  },
  outgoing(instance) {
    return instance.data.flows ?? [];
  },
};
