export * from './contract/types';
export * from './errors';
export type * from './events';
export * from './widget-api';
