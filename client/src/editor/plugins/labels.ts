import { NodeName } from '@loopline/shared';

/** Text for an element type in the UI language (e.g. "Character", "对白"). */
export type LabelFor = (element: string) => string;

/** Meta to set on a transaction when the UI language (and so the labels) changed. */
export const LABELS_CHANGED = 'loopline-labels-changed';

/** Elements drawn with a visible label (a band for markers, a tag for the others). */
export const LABELLED_ELEMENTS: ReadonlySet<string> = new Set([
  NodeName.hook,
  NodeName.cliffhanger,
  NodeName.paywall,
  NodeName.caption,
  NodeName.sound,
  NodeName.flashback,
  NodeName.closeUp,
  NodeName.shot,
]);
