// The editor's public API: the workspace component, its i18n resources and
// the connection status type. Everything else is internal to client/src/editor.
export type { ConnectionStatus } from './collab/connectionModel.js';
export { EpisodeWorkspace } from './EpisodeWorkspace.js';
export { editorLocales } from './locales.js';
