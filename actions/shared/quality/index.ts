export * from './spec';
export * from './report';
export * from './evidence';
export * from './legend';
export * from './history';
export * from './grade';
export * from './render';
