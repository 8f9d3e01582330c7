/** The kiosk's SQLite store (`<dataDir>/kiosk.sqlite`): opening, migrations, errors. */
export { StoreError, type StoreErrorCode } from './errors.ts';
export { appliedVersions, loadMigrations, type Migration, migrate } from './migrations.ts';
export { type KioskStore, type OpenStoreOptions, openKioskStore, STORE_FILE, storeFile } from './store.ts';
