// Entry of the import's preparation worker when the server runs from its
// TypeScript sources (tsx): a worker thread does not inherit the parent's
// module hooks, so it registers tsx itself, then loads the worker module.
import { register } from 'tsx/esm/api';

register();
await import('./prepareWorker.ts');
