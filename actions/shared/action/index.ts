export { coreLogger, type ActionsCore, type AnnotationProperties } from './core';
export { readActionInputs, coreInputReader, type ActionInputs } from './inputs';
