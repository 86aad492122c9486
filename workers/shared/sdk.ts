// The SDK's job types, in one place: workers import them from here, not from the SDK's dist paths.
export type {
  ICustomHeaders,
  IInputVariables,
  Job,
  JSONDoc,
  MustReturnJobActionAcknowledgement,
  ZeebeJob,
} from '@camunda8/sdk/dist/zeebe/lib/interfaces-1.0.js';
export type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe/index.js';
