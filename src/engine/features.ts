/** Engine features that register behaviours, commands and hooks when imported. */
import './features/events.js';
import './behaviors/containers/MultiInstanceBody.js';
import './behaviors/tasks/CallActivity.js';
import './behaviors/tasks/UserTask.js';
import './processor/commands/userTaskCommands.js';
import './processor/commands/operationCommands.js';
