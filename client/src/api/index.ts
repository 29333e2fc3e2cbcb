export * from './bible';
export * from './episodes';
export * from './http';
export * from './series';
