export {
  DEMO_CONFIG_FILE,
  KioskConfigError,
  type LoadedKioskConfig,
  loadKioskConfig,
  parseKioskConfigText,
  resolveConfigPath,
} from './load.ts';
export {
  type KioskConfig,
  type KioskConfigInput,
  LANGUAGES,
  type Language,
  kioskConfigSchema,
} from './schema.ts';
export {
  type ConfigProblem,
  type ConfigValidation,
  formatConfigProblem,
  validateKioskConfig,
} from './validate.ts';
