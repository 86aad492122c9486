export { openAppDatabase, PendingMigrationsError, type AppDatabase, type OpenAppDatabaseOptions } from './openAppDatabase.js';
export { buildAppKnexConfig, APP_SQLITE_FILE, type AppDatabaseLocation } from './appDatabaseConfig.js';
export { dialectOf, toBoolean, toSafeInteger, isUniqueViolation, type AppDialect } from './dialect.js';
export { StaticMigrationSource } from './StaticMigrationSource.js';
export { appMigrations, type AppMigration } from './migrations/index.js';
export { hashPassword, needsRehash, OWASP_SCRYPT_COST, passwordHashCost, verifyPassword, type ScryptCost } from './passwordHash.js';
export { UserStore, DuplicateUsernameError, InvalidEmailError, EMAIL_ADDRESS, type AppUser, type NewAppUser } from './stores/UserStore.js';
export { SessionStore, type SessionData } from './stores/SessionStore.js';
export { DiagramDraftStore, type DiagramDraft, type DiagramDraftVersion, type DraftTable } from './stores/DiagramDraftStore.js';
