export * from './dto';
export * from './errors';
export type * from './events';
