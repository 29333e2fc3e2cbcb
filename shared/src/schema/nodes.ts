/**
 * Node names of the episode schema. One list, used by the schema, the editor,
 * the server's snapshot reader and the tests (issue #2 fixes these names).
 */
export const NodeName = {
  doc: 'doc',
  scene: 'scene',
  sceneHeading: 'sceneHeading',
  action: 'action',
  character: 'character',
  parenthetical: 'parenthetical',
  dialogue: 'dialogue',
  dualDialogue: 'dualDialogue',
  dialogueColumn: 'dialogueColumn',
  transition: 'transition',
  shot: 'shot',
  castLine: 'castLine',
  caption: 'caption',
  sound: 'sound',
  flashback: 'flashback',
  closeUp: 'closeUp',
  hook: 'hook',
  cliffhanger: 'cliffhanger',
  paywall: 'paywall',
  text: 'text',
} as const;

export type NodeName = (typeof NodeName)[keyof typeof NodeName];

/** Body blocks a writer types into; the Tab cycle and the element menu use this order. */
export const ELEMENT_CYCLE = [
  NodeName.action,
  NodeName.character,
  NodeName.parenthetical,
  NodeName.dialogue,
  NodeName.transition,
  NodeName.shot,
] as const;

/** Every single-paragraph (textblock) element a scene body may hold. */
export const BODY_TEXTBLOCKS = [
  NodeName.action,
  NodeName.character,
  NodeName.parenthetical,
  NodeName.dialogue,
  NodeName.transition,
  NodeName.shot,
  NodeName.castLine,
  NodeName.caption,
  NodeName.sound,
  NodeName.flashback,
  NodeName.closeUp,
  NodeName.hook,
  NodeName.cliffhanger,
  NodeName.paywall,
] as const;

export type BodyTextblockName = (typeof BODY_TEXTBLOCKS)[number];

/** Episode-level markers: where the opening hook lands, where the episode cuts, where viewers must pay. */
export const MARKERS = [NodeName.hook, NodeName.cliffhanger, NodeName.paywall] as const;
export type MarkerName = (typeof MARKERS)[number];

/** △ environment / empty shot, ▲ character action, or an unmarked action line. */
export const ACTION_KINDS = ['plain', 'environment', 'character'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Character cue extensions: off-screen, voice-over, continued. */
export const CUE_EXTENSIONS = ['', 'OS', 'VO', "CONT'D"] as const;
export type CueExtension = (typeof CUE_EXTENSIONS)[number];

/** Name of the Yjs XML fragment holding an episode's document. */
export const SCRIPT_FRAGMENT = 'script';
