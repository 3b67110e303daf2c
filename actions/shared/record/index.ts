export {
  RUN_RECORD_VERSION,
  buildRunRecord,
  recordOutputs,
  writeRunRecord,
  type Redactor,
  type RecordWriter,
  type RunOutcome,
  type RunRecord,
  type RunRecordInput,
  type Usage,
} from './run-record';
export { summaryMarkdown } from './summary';
