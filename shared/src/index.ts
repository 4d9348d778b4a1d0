export * from './dto';
export * from './errors';
export type * from './events';
export * from './widget-api';
