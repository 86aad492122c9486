/**
 * Test-only job worker in its own process: activates one job of JOB_TYPE with a lock of JOB_TIMEOUT ms,
 * prints `JOB <key>` and then never completes it (the test kills this process). It signs in with the SDK's
 * own variables (CAMUNDA_AUTH_STRATEGY=BASIC, CAMUNDA_BASIC_AUTH_USERNAME/PASSWORD) from its environment.
 */
import { Camunda8 } from '@camunda8/sdk';

const zeebe = new Camunda8({
  ZEEBE_GRPC_ADDRESS: `grpc://${process.env.ENGINE_ADDRESS}`,
  ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
  CAMUNDA_LOG_LEVEL: 'none',
} as never).getZeebeGrpcApiClient();

for (;;) {
  const jobs = await zeebe.activateJobs({
    type: String(process.env.JOB_TYPE),
    worker: 'doomed-worker',
    maxJobsToActivate: 1,
    timeout: Number(process.env.JOB_TIMEOUT),
    requestTimeout: 5_000,
  } as never);
  if (jobs.length > 0) {
    process.stdout.write(`JOB ${jobs[0].key}\n`);
    break;
  }
}
setInterval(() => undefined, 60_000);
