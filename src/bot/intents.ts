/**
 * What a chat message asks the bot to do, when it is not (only) an organ question: the follow-ups of
 * a multi-turn conversation ("now the left one", "next slice", "outline only", "export") and the
 * quiz commands. Anything not recognised here is a question for the resolver.
 */
import { type AnswerLetter, isAnswerLetter, type OrganId } from '../pipeline/organs.js';

export type Intent =
  | { kind: 'help' }
  | { kind: 'forget' }
  | { kind: 'start-over' }
  | { kind: 'undo' }
  | { kind: 'quiz-start'; organs?: OrganId[]; difficulty?: 'easy' | 'hard' }
  | { kind: 'quiz-reveal' }
  | { kind: 'quiz-bank-add' }
  | { kind: 'leaderboard' }
  | { kind: 'letter'; letter: AnswerLetter }
  | { kind: 'slice-step'; step: number }
  | { kind: 'slice-goto'; number: number }
  | { kind: 'slice-largest'; organText: string }
  | { kind: 'style'; style: 'filled' | 'outline' }
  | { kind: 'boxes'; on: boolean }
  | { kind: 'zoom'; on: boolean }
  | { kind: 'size' }
  | { kind: 'export' }
  | { kind: 'show-all' }
  | { kind: 'hide'; organText: string }
  | { kind: 'side'; side: 'left' | 'right' | 'other' | 'both' }
  | { kind: 'question'; text: string };

const ORGAN_GROUPS: Record<string, OrganId[]> = {
  kidney: [2, 13],
  kidneys: [2, 13],
  adrenal: [7, 8],
  adrenals: [7, 8],
  vessels: [5, 6],
  liver: [1],
  spleen: [3],
  pancreas: [4],
  stomach: [11],
  gallbladder: [9],
  duodenum: [12],
  esophagus: [10],
  oesophagus: [10],
  aorta: [5],
  ivc: [6],
};

function clean(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[.!?,;:]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseIntent(raw: string): Intent {
  const text = clean(raw);
  const words = text.split(' ').filter(Boolean);
  if (/^(help|\?|what can you do|how does this work|how do i use (this|you))$/.test(text))
    return { kind: 'help' };
  if (/^(forget|forget (me|this|everything|this conversation)|delete (my|all) data)$/.test(text))
    return { kind: 'forget' };
  if (/^(start over|start again|reset|clear|new conversation)$/.test(text)) return { kind: 'start-over' };
  if (/^(undo|go back|back)$/.test(text)) return { kind: 'undo' };
  if (/^(reveal|show (the )?answer|end (the )?(quiz|round)|stop (the )?quiz)$/.test(text))
    return { kind: 'quiz-reveal' };
  if (/^(leaderboard|scores?|show (the )?(leaderboard|scores))$/.test(text)) return { kind: 'leaderboard' };
  if (/^add (this |it )?(slice |image |case )?to (the )?(quiz )?bank$/.test(text))
    return { kind: 'quiz-bank-add' };
  const quiz = /^(?:start (?:a )?)?quiz(?: me)?(?: (?:on|about))?(?: (.*))?$/.exec(text);
  if (quiz) {
    const rest = quiz[1] ?? '';
    const organs = [...new Set(rest.split(/[ ,]+|and/).flatMap((w) => ORGAN_GROUPS[w.trim()] ?? []))];
    const difficulty = /\bhard\b/.test(rest) ? 'hard' : /\beasy\b/.test(rest) ? 'easy' : undefined;
    return { kind: 'quiz-start', organs: organs.length > 0 ? organs : undefined, difficulty };
  }
  const letter = /^(?:answer |option |it'?s |i think )?\(?([a-n])\)?$/.exec(text);
  if (letter?.[1] && isAnswerLetter(letter[1].toUpperCase()))
    return { kind: 'letter', letter: letter[1].toUpperCase() as AnswerLetter };
  if (/^(next|next slice|down|slice down|go down)$/.test(text)) return { kind: 'slice-step', step: 1 };
  if (/^(previous|prev|previous slice|prev slice|up|slice up|go up)$/.test(text))
    return { kind: 'slice-step', step: -1 };
  const goto = /^(?:go to |show )?slice (\d{1,5})$/.exec(text);
  if (goto?.[1]) return { kind: 'slice-goto', number: Number.parseInt(goto[1], 10) };
  const largest =
    /slice (?:where|with) (?:the )?(.+?) (?:is|looks|appears) (?:the )?(?:largest|biggest)/.exec(text);
  if (largest?.[1]) return { kind: 'slice-largest', organText: largest[1] };
  if (/^(outline|outlines|outline only|only (the )?outlines?|no fill|contours?( only)?)$/.test(text))
    return { kind: 'style', style: 'outline' };
  if (/^(filled|fill|fill (it|them)( in)?|fill in|solid)$/.test(text))
    return { kind: 'style', style: 'filled' };
  if (/^(show |draw )?(the )?(bounding )?box(es)?$/.test(text)) return { kind: 'boxes', on: true };
  if (/^(hide|no) (the )?(bounding )?box(es)?$/.test(text)) return { kind: 'boxes', on: false };
  if (/^zoom out$|^(show )?(the )?whole (slice|image)$/.test(text)) return { kind: 'zoom', on: false };
  if (/^(zoom|zoom in|zoom in on (it|them|that)|closer|enlarge)$/.test(text))
    return { kind: 'zoom', on: true };
  if (
    /^(how (big|large) (is (it|that|this|the organ)|are (they|these|those|the organs|both))|how (big|large)|what size (is it|are they)|size|area|volume|measure (it|that|them|both))$/.test(
      text,
    )
  ) {
    return { kind: 'size' };
  }
  if (
    /^(export|download|save|export (the )?(mask|masks|segmentation|labels)|download (the )?(mask|masks|segmentation))$/.test(
      text,
    )
  ) {
    return { kind: 'export' };
  }
  if (/^(show )?(me )?(all|every|all the) (organs|of them)$|^show (all|everything)$/.test(text))
    return { kind: 'show-all' };
  const hide = /^(?:hide|remove|drop) (?:the )?(.+)$/.exec(text);
  if (hide?.[1]) return { kind: 'hide', organText: hide[1] };
  if (words.length <= 6) {
    // ("now just the left one pls", "only the right side")
    if (
      /^(and |now |ok |okay )?(what about |show (me )?)?(just |only )?(the )?other (one|side|kidney|adrenal( gland)?)( only| please| pls)?$/.test(
        text,
      )
    )
      return { kind: 'side', side: 'other' };
    if (
      /^(and |now |ok |okay )?(what about |show (me )?)?(just |only )?(the )?left( one| side)?( only| please| pls)?$/.test(
        text,
      )
    )
      return { kind: 'side', side: 'left' };
    if (
      /^(and |now |ok |okay )?(what about |show (me )?)?(just |only )?(the )?right( one| side)?( only| please| pls)?$/.test(
        text,
      )
    )
      return { kind: 'side', side: 'right' };
    if (/^(and |now |ok |okay )?(show )?(them )?both( of them| sides)?$/.test(text))
      return { kind: 'side', side: 'both' };
  }
  return { kind: 'question', text: raw };
}
