export {
  DEFAULT_CONFIG_FILE,
  DEFAULT_PRICES,
  DEFAULT_PROTECTED_PATHS,
  DEFAULT_SCHEDULES,
  FactoryConfigSchema,
  type Budget,
  type FactoryConfig,
  type FactoryConfigInput,
  type ModelPrice,
} from './schema';
export { defaultConfig, dotted, parseConfig } from './parse';
export { diskReader, loadConfig, loadConfigFromRepo, type ConfigReader } from './load';
export { configJsonSchema } from './json-schema';
export { budgetFor, priceFor } from './helpers';
export { cronProblem } from './cron';
