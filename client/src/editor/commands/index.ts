export { setActionKind, setCueExtension } from './attrs.js';
export { type BlockContext, selectionContext } from './context.js';
export { enterFlow, splitSameElement } from './enterFlow.js';
export { insertMarker } from './markers.js';
export { insertScene, moveScene, selectScene } from './scenes.js';
export { cycleElementCommand, setElement } from './setElement.js';
