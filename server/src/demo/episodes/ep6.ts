import {
  action,
  cliffhanger,
  closeUp,
  dual,
  episodeDoc,
  hook,
  say,
  scene,
  sound,
  transition,
} from '../build.js';
import type { DemoEpisode } from '../types.js';

/**
 * Episode 6, "Return to Sender": the English adaptation for overseas
 * platforms, in US screenplay style (INT./EXT. sluglines, uppercase cues,
 * V.O./O.S. from the cue extension, a dual dialogue block).
 */
export const EP6: DemoEpisode = {
  title: 'Return to Sender',
  language: 'en',
  status: 'draft',
  doc: episodeDoc(
    scene(
      'demo-e6-s1',
      "INT. EVELYN'S APARTMENT - NIGHT",
      action('A single lamp. EVELYN LIN (28), still in her courier jacket, kneels by the bed, phone to her ear.'),
      action('Behind her, MIA and RAY (5) sleep curled together.'),
      say('STRANGER', 'Three babies, Ms. Lin. Not two. One of them never left that hospital.', { ext: 'VO' }),
      hook('Cold open: a stranger says she gave birth to triplets.'),
      say('EVELYN', 'Who is this? How do you know that?', { paren: 'whispering' }),
      say('STRANGER', "St. Mary's. Records room. Tonight. Come alone.", { ext: 'VO' }),
      sound('Dial tone.'),
      action('Evelyn looks at the twins for a long beat. Then she grabs her helmet.'),
    ),
    scene(
      'demo-e6-s2',
      "EXT. ST. MARY'S HOSPITAL - NIGHT",
      action('Rain. Evelyn parks her delivery scooter under a flickering sign.'),
      action('Across the street, a black sedan idles with its lights off.'),
      closeUp('The sedan\'s license plate: GU 001.'),
      action('Evelyn pulls up her hood and slips in through the side entrance.'),
    ),
    scene(
      'demo-e6-s3',
      "INT. ST. MARY'S HOSPITAL - RECORDS ROOM - NIGHT",
      action('Rows of dusty filing cabinets. Evelyn eases the door open and freezes.'),
      action('ETHAN GU (32, immaculate suit) stands at an open drawer, a file in his hand.'),
      dual(say('EVELYN', 'What are you doing here?'), say('ETHAN', 'What are you doing here?')),
      say('ETHAN', 'Someone sent me a package. No sender.', { paren: 'holding up an envelope' }),
      say('EVELYN', 'Let me guess. "Records room. Come alone."'),
      action('A beat. Ethan hands her the file.'),
      closeUp('A birth record, six years old. MOTHER: LIN WAN. INFANTS DELIVERED: THREE.'),
    ),
    scene(
      'demo-e6-s4',
      "INT. EVELYN'S APARTMENT - KITCHEN - CONTINUOUS",
      action("Ray tiptoes in, his kid watch glowing. He taps it twice."),
      say('RAY', 'Mom left. And someone just opened the hospital archive.', { paren: 'into the watch' }),
      say('MIA', 'Ray? Who are you talking to?', { ext: 'OS' }),
      say('RAY', 'Nobody. Go back to sleep.'),
      closeUp('The watch screen: a school photo of a boy their age. He has their face.'),
    ),
    scene(
      'demo-e6-s5',
      "INT. ST. MARY'S HOSPITAL - RECORDS ROOM - NIGHT",
      action('Footsteps in the corridor. Ethan kills the lamp.'),
      say('ETHAN', 'Whatever happens, we find the third one together.', { paren: 'low' }),
      say('EVELYN', 'You don\'t get to say "we" after six years.'),
      action('He takes her hand anyway. She doesn\'t pull away.'),
      say('ETHAN', 'Then sign for it later.', { ext: "CONT'D" }),
      action('The door handle turns. A silhouette fills the frosted glass.'),
      say('SELINA', "I know you're in there, Ethan.", { ext: 'OS' }),
      cliffhanger('Cliffhanger: Selina has followed them to the archive.'),
      transition('SMASH CUT TO BLACK.'),
    ),
  ),
};
