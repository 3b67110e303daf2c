export * from './findings';
export * from './diff-lines';
export * from './pack';
export * from './summary';
export * from './verdict';
export * from './round';
export * from './text';
