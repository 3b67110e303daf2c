export { groupRunFiles, parseRunRecord, parseTranscript, runRecordSchema, type RunFiles } from './parse';
export {
  readRunRecords,
  recordsFromArchive,
  recordsFromFiles,
  RUN_ARTIFACT,
  RUN_ARTIFACT_PREFIX,
  type LoadedRecord,
  type ReadRecordsOptions,
  type RecordsRead,
  type SkippedRecord,
} from './read';
export { unzip, ZipError } from './unzip';
