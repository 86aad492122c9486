export { alignRestClientEnvironment, camundaSdkConfig } from './camundaSdkConfig.js';
export { collectProcessResources, deployProcessFolder, type DeploymentSummary, type DeployProcessFolderOptions, type ProcessResource, type ResourceDeployer } from './deployProcessFolder.js';
export { useExternalCluster, type ExternalCluster, type UseExternalClusterOptions } from './useExternalCluster.js';
