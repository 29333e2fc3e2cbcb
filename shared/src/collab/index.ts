export * from '../evidence/index.js';
export * from './closeCodes.js';
export * from './origins.js';
export * from './sceneIds.js';
