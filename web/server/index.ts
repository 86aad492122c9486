export { createApp, type AppDeps, type WebApp } from './createApp.js';
export { startWebServer, WEB_DIST_DIR, type StartWebServerOptions, type WebServer } from './startWebServer.js';
export { CamundaEngineClient } from './engine/CamundaEngineClient.js';
export type { EngineClient } from './engine/EngineClient.js';
export { DEMO_USERS, removeDemoUsers, seedDemoUsers, type DemoSignIn } from './seed/seedDemoUsers.js';
