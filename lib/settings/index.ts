export * from './types';
export * from './resolve';
export * from './migrations';
export * from './backup';
export * from './managed';
export * from './updates';
