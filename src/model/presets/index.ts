export * from './choice.ts';
export * from './gpus.ts';
export * from './gpuTypes.ts';
export * from './lookup.ts';
export * from './models.ts';
export * from './modelTypes.ts';
export * from './peak.ts';
export * from './source.ts';
