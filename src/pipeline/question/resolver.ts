/**
 * The embedded question resolver: answers the paper's multiple-choice question (A–M organs, N none
 * of them) offline, in well under a millisecond, and explains itself.
 *
 * Decision rule, in order:
 * 1. Organs the question names directly ("segment the IVC", "left kidney", "liver and spleen") are
 *    the answer, after dropping names that are negated ("not the liver") or corrected away
 *    ("liver — sorry, I meant the spleen").
 *    A later command clause wins over organs named in earlier clauses ("kidneys look
 *    fine, just show the aorta"), and an organ named after a place word is a landmark ("the IVC
 *    next to the aorta"). Taking an organ back takes back every earlier mention of it ("… skip the
 *    spleen"); a correction or negation with only a side changes the side ("sorry, the left one",
 *    "kidneys except the right one"); a conjunct that describes an organ adds it ("the aorta and
 *    the organ that stores bile").
 * 2. In a "which organ …" question the asked-for organ is unnamed, so a name there is context
 *    ("bile produced by the liver", "sits on top of the kidney", "the bile the liver makes") and
 *    that organ is ruled out — unless it is the complement ("which organ is the spleen?"), an
 *    option offered at the start of a clause ("…, the liver or the gallbladder?"), or part of a
 *    condition ("kidney stones", "heart attack"), which the cache reads as a word. "Which kidney …"
 *    asks for one side of the pair. The head noun narrows the candidates ("which vein" → IVC).
 *    A name that opens the question ("the right adrenal sits on top of which organ?") and a name of
 *    another kind than the head noun ("… behind which vessel?") are context, and so is the other
 *    side of a paired organ named as context.
 * 3. Otherwise the described organ is found in the context cache (paper §III-C-2): similarity
 *    against every organ's knowledge sentences and the irrelevant entries C', plus the probability
 *    a learned classifier (`classifier.ts`) gives the entry's organ, which separates organs the
 *    cache's word overlap confuses ("stores bile" / "makes bile") and carries the organ glossary's
 *    9,000 terms; the best entry wins, and a C' match (or no match above `minSimilarity`, or words
 *    that point at no organ: `minOrganProbability`) answers N. A side stated in the question picks the
 *    side of a paired organ and discounts organs lying only on the other side and, a little,
 *    unpaired organs.
 *    Several described organs ("which organs make insulin and bile?", "which organ … and which
 *    …?") are found one conjunct at a time; a message with several requests of their own ("show
 *    the organ that stores bile and the organ it drains into") is answered one request at a time by
 *    this whole rule, "it" standing for what the request before found.
 *    An organ described by what it lies against ("the crescent-shaped gland between the aorta and
 *    the left kidney's upper pole") is matched against a table of each organ's neighbours
 *    (`neighbours.ts`); the organs named there are landmarks.
 * Outside organs named directly ("segment the lungs", "the renal artery") answer N with the topic,
 * and so do lab reference values ("a normal creatinine?"), a question asking for a kind of thing
 * none of the 13 is ("what enzyme …?", "which muscle …?", "which heart chamber …?") and the artery
 * or vein of an organ ("which artery supplies the spleen?"); "which organ does the splenic artery
 * supply?" is the organ the vessel's adjective names. Bones and muscles after a place word ("in
 * front of the spine") are landmarks.
 * Sides: "R"/"L" before a name; a side given by the viewer or the screen ("the viewer's right",
 * "the left of the image") is the patient's other side; a side after a list of paired organs is
 * each one's; "which organs …" answered by one kidney or adrenal is both. A closing question that
 * adds nothing but "which organ?" after a case ("a cyst in the left kidney: which organ?") asks for
 * the organ the case names first; "the gland on top of the left kidney" is the left adrenal.
 * A term, name or number asked for ("what is … called?", "how many …?", "normal spleen length?")
 * and a request whose own noun is of an outside kind ("show the ducts that carry bile") answer N,
 * and so does a request taken back whole ("spleen? nah, don't bother"). Several clauses that each
 * ask ("which organ makes bile, which one stores it, …") are answered one clause at a time; "which
 * two organs" takes the two best; "the esophagus and the organ it empties into" reads the pronoun.
 * A case's side goes to "the affected kidney" / "the kidney on that side" ("R flank pain …"); a
 * side letter corrects ("…sorry, I meant R"); "not on the patient's right" negates the side.
 * "The one next to the spleen" picks the spleen's side of the pair named before it (the other side
 * when it is taken back); "segment that one" points back at the organ named last; "the former" /
 * "the latter"; "option H"; "don't not show" cancels. "Which kidney …? Show the kidney." stays one
 * side, which a side-specific fact ("nutcracker", "shorter vein") may decide. A conjunct described
 * with a pronoun ("the gland on top of it") is found like a described organ, narrowed by its own head
 * noun. A named vessel whose trunk is asked for ("the left renal vein drains into what?") is the IVC
 * or the aorta; a named space or fold ("Morison's pouch lies between which two organs?") answers the
 * organs it lies between, less those named.
 */

import { ErrorCode, InputError } from '../../errors.js';
import { type AnswerLetter, type OrganId, type OrganLetter, organById, organByLetter } from '../organs.js';
import { type CacheTarget, ContextCache, type ContextCacheTuning } from './cache.js';
import { classOfOrgan, loadQuestionClassifier, NONE_CLASS, type QuestionClassifier } from './classifier.js';
import { ORGAN_KNOWLEDGE, OUTSIDE_KNOWLEDGE, organFunction } from './knowledge.js';
import {
  FUZZY_TARGET_WORDS,
  LEXICON,
  type LexiconEntry,
  type MentionTarget,
  NOT_TYPOS,
  SIDE_FACTS,
} from './lexicon.js';
import { pickFromMixedList } from './mixed-list.js';
import { organByNeighbours } from './neighbours.js';
import { pickByProperty, propertiesDisjoint } from './properties.js';
import { editDistance, STOPWORDS, type Token, textWords, tokenize } from './text.js';

export interface QuestionResolution {
  /** A–M for organs (several for a multi-organ question), or ['N']. Never empty. */
  letters: AnswerLetter[];
  organIds: OrganId[];
  noneOfThem: boolean;
  /** One or two short sentences: the organ's function, or why none of the options fits. */
  explanation: string;
  /** 0..1; named organs score high, close calls in the context cache low. */
  confidence: number;
  reason: 'named' | 'described' | 'outside' | 'off-topic' | 'unclear';
  /** For N answers about a real organ outside the 13, e.g. 'lungs'. */
  outsideTopic?: string;
}

export interface QuestionResolver {
  resolve(question: string): QuestionResolution;
}

export interface QuestionResolverOptions {
  /**
   * Characters of the question that are read; a longer paste is resolved on its start, so a
   * 100 KB message costs the same as a 4,000-character one. Default 4,000.
   */
  maxChars?: number;
  /**
   * Cosine similarity below which a question that names no organ is not about any entry of the
   * context cache (answer N). Default 0.1, chosen on the training split.
   */
  minSimilarity?: number;
  /** Feature weights of the context cache; the defaults were tuned on the training split. */
  cacheTuning?: Partial<ContextCacheTuning>;
  /**
   * The learned classifier that re-ranks the context cache's matches for described organs; `null`
   * leaves the cache alone (the paper's method). Default: the shipped `models/question-classifier.json.gz`.
   */
  classifier?: QuestionClassifier | null;
  /**
   * How much the classifier's probability adds to an entry's cache similarity (default 3, chosen
   * by 5-fold cross-validation on the train and dev splits, `scripts/cv-questions.ts`: with the
   * glossary-trained classifier the cache mostly breaks ties).
   */
  classifierWeight?: number;
  /**
   * Subtracted from the score of every irrelevant entry C' before ranking: how much more evidence
   * "none of them" needs than an organ (default 0.3, chosen by the same cross-validation).
   */
  outsidePenalty?: number;
  /**
   * A described organ needs the classifier to give some organ at least this probability, or the
   * cache some organ at least `minSimilarity`; otherwise the answer is N (default chosen by
   * cross-validation).
   */
  minOrganProbability?: number;
}

export const DEFAULT_MAX_QUESTION_CHARS = 4000;
const DEFAULT_MIN_SIMILARITY = 0.1;
const DEFAULT_CLASSIFIER_WEIGHT = 3;
const DEFAULT_OUTSIDE_PENALTY = 0.3;
const DEFAULT_MIN_ORGAN_PROBABILITY = 0.7;
const OPPOSITE_SIDE_DISCOUNT = 0.8;
/**
 * A side stated in a description ("on the left side of the back") mostly serves to pick one of a
 * pair (the options have two kidneys and two adrenals); an unpaired organ rarely needs one. Their
 * scores are discounted a little. 0.9 was a tie on the evidence (one more right on the spent 3rd
 * held-out set, one fewer in cross-validation on train and dev: "blood pumped from the left
 * ventricle" is a side word about the heart); kept for the pairs' sake.
 */
/** For an organ that lies only on the other side of a quadrant the question names ("the RUQ"). */
const OFF_QUADRANT_DISCOUNT = 0.5;
/** A side that places the thing asked for itself: "on the right", "to the left side of the screen". */
const VESSEL_PLACED =
  /\b(?:on|to|towards?|at) the (?:patient s |patients |viewer s |viewers )?(?:left|right)\b(?!(?: hand)?(?: side)? of (?:the )?(?:aorta|ivc|vena|cava|kidney|liver|spleen))(?! (?:renal|gonadal|adrenal|suprarenal|kidney|kidneys|adrenals|lobe|ventricle|atrium|crus|vein|artery))/;
/** A great vessel asked for on the wrong side of the midline ("which great vessel is on the right"). */
const VESSEL_SIDE_DISCOUNT = 0.2;
/** "right upper quadrant", "LUQ", "left hypochondrium" (the side word, or the abbreviation). */
const QUADRANT =
  /\b(right|left) (?:upper|lower) quadrant\b|\b(ruq|luq|rlq|llq)\b|\b(right|left) hypochondri(?:um|ac)\b/;
const UNPAIRED_WITH_SIDE_DISCOUNT = 0.9;
/** Typos are only looked for in this many words; a pasted essay stays fast. */
const MAX_TYPO_LOOKUPS = 64;
/**
 * Organ names by their consonants ("pncrs" → pancreas, "stmch" → stomach), for words typed without
 * vowels; only skeletons of four letters or more ("rt" is not the aorta).
 */
const SKELETON_TARGETS = new Map<string, string>(
  FUZZY_TARGET_WORDS.flatMap((word): Array<[string, string]> => {
    const skeleton = word.replace(/[aeiou]/g, '');
    const single = skeleton.replace(/(.)\1+/g, '$1');
    return skeleton.length >= 4
      ? [
          [skeleton, word],
          [single, word],
        ]
      : [];
  }),
);

/** A side-only correction: one side, the other side of each one named, or both sides. */
type SideCorrection = 'left' | 'right' | 'other' | 'both';

interface Mention {
  start: number;
  end: number;
  target: MentionTarget;
  adjective: boolean;
  role: 'direct' | 'context' | 'negated' | 'ignored';
  /** "show the right kidney… sorry, the left one": a correction that changes only the side. */
  sideCorrection?: SideCorrection;
  /** "the gland on top of the left kidney": a kidney name read as the adrenal it places. */
  placedGland?: boolean;
  /** "both adrenals… actually just the one nearest the liver": the side a neighbour gave. */
  sideByNeighbour?: boolean;
}

const ARTICLES = new Set([
  'the',
  'a',
  'an',
  'its',
  'his',
  'her',
  'their',
  'your',
  'my',
  'our',
  'this',
  'that',
  'these',
  'those',
  'both',
  'whole',
  'entire',
]);
// In a "which organ …" question the organ asked about is unnamed; a name counts as the answer
// only as the complement of "is/called" ("which organ is the spleen?") or as an option offered at
// the start of a clause ("…, the liver or the gallbladder?"). Everywhere else it is context.
const COMPLEMENT_WORDS = new Set([
  'is',
  'are',
  'was',
  'were',
  's',
  'called',
  'named',
  'termed',
  'as',
  'be',
  'being',
]);
// "kidney stones", "heart attack", "liver disease", "IVC filter": the name modifies a condition, a
// procedure or a device and says which organ the question is about; it is left to the context cache
// rather than taken as context.
const CONDITION_NOUNS = new Set(
  `attack attacks failure disease diseases cancer cancers tumor tumors stone stones transplant transplants infection
  infections injury damage function functions problem problems cyst cysts ulcer ulcers enzymes test tests hormone hormones
  filter filters stent stents graft grafts biopsy biopsies resection surgery removal scan scans lesion lesions mass
  masses nodule nodules rupture enlargement inflammation bleed bleeding`.split(/\s+/),
);
const COMMAND_VERBS = new Set([
  'segment',
  'show',
  'highlight',
  'outline',
  'mask',
  'find',
  'draw',
  'mark',
  'trace',
  'display',
  'isolate',
  'see',
  'circle',
  'locate',
  'identify',
  'shade',
  'colour',
  'color',
  'seg',
  'annotate',
  'indicate',
]);
const NEGATORS = new Set([
  'not',
  'no',
  'beyond',
  'except',
  'excluding',
  'exclude',
  'without',
  'nor',
  'neither',
  'never',
  'skip',
  'ignore',
  'omit',
  'minus',
  'drop',
  'nt',
  'nvm',
  'forget',
  'remove',
  'scratch',
  'scrap',
  'strike',
  // "…keep the IVC, lose the aorta", "ditch the spleen"
  'lose',
  'ditch',
  // "Show the spleen and the pancreas. Cancel the pancreas."
  'cancel',
  // "undo the stomach, just keep the esophagus", "deselect the liver"
  'undo',
  'deselect',
  'unselect',
  'unhighlight',
  'unmark',
  'erase',
  // "replace the esophagus with the IVC", "swap the liver for the spleen"
  'replace',
  'swap',
]);
const NEGATOR_PAIRS: ReadonlyArray<[string, string]> = [
  // "pancreas, gb, liver - take off the pancreas"
  ['take', 'off'],
  ['take', 'away'],
  // "both kidneys and both adrenals. hmm take out the right adrenal"
  ['take', 'out'],
  ['other', 'than'],
  ['instead', 'of'],
  ['rather', 'than'],
  ['apart', 'from'],
  ['leave', 'out'],
  // "Both kidneys, but hold off on the adrenals"
  ['hold', 'off'],
  ['don', 't'],
  ['dont', ''],
  ['isn', 't'],
  ['aren', 't'],
  ['wasn', 't'],
];
/** Request words a run-together message may be made of ("segmenttheleftkidney"), besides organ names. */
const SPLIT_WORDS = new Set([
  ...COMMAND_VERBS,
  ...[
    'the',
    'me',
    'my',
    'an',
    'left',
    'right',
    'both',
    'please',
    'pls',
    'and',
    'only',
    'just',
    'now',
    'where',
    'is',
    'all',
  ],
]);
/** Place words that make the organ after them a landmark ("next to the aorta"). */
const LANDMARK_WORDS = new Set([
  // "an organ 20 HU lower than the spleen": the organ compared with
  'than',
  // "the jejunum, further down past the duodenum"
  'past',
  'before',
  'after',
  'under',
  'below',
  'above',
  'beside',
  'behind',
  'near',
  'underneath',
  'beneath',
  'alongside',
  'adjacent',
  'around',
  'against',
  // "the C-loop wrapped round the pancreatic head"
  'round',
  // "the organ lying sideways across the spine"
  'across',
  // "Left adrenal mass abutting the aorta": what a finding touches is where it is
  'abutting',
  'abuts',
  'indenting',
  'displacing',
]);
const LANDMARK_PAIRS = new Set([
  // "the third part, where it crosses between the aorta and the SMA"
  'crosses between',
  'crossing between',
  'drains into',
  'drain into',
  'draining into',
  'left of',
  'right of',
  'down to',
  'next to',
  'close to',
  'in front',
  'front of',
  'adjacent to',
  'on top',
  'top of',
  // "lateral to the stomach", "anteromedial to the upper pole of the left kidney"
  'lateral to',
  'medial to',
  'anterior to',
  'posterior to',
  'superior to',
  'inferior to',
  'deep to',
  'anteromedial to',
  'posteromedial to',
  'anterolateral to',
  'posterolateral to',
  'superomedial to',
  // "the vessel on the patient's right side of the aorta", "under the left dome of the diaphragm"
  'side of',
  'dome of',
  'surface of',
  'edge of',
  'border of',
  // "the pear-shaped sac on the underside of the liver"
  'underside of',
  'undersurface of',
  // "the tail of the pancreas, up by the splenic hilum"
  'up by',
  'down by',
  'right by',
  'close by',
  'out by',
]);
/** Words between an outside structure and the organ it belongs to ("the ureter leaving the kidney"). */
const OUTSIDE_OF_WORDS = new Set([
  'leaving',
  'exiting',
  'draining',
  'supplying',
  'entering',
  'feeding',
  'from',
  'of',
]);
/** More place words before a bone or muscle used as a landmark ("under the ribs", "along the spine"). */
const OUTSIDE_PLACE_WORDS = new Set(['under', 'below', 'above', 'over', 'along', 'by', 'on']);
/** Words that make a clause a request for the organ after them ("but I want the IVC"). */
const CLAUSE_REQUESTS = new Set([
  'want',
  'need',
  'give',
  'do',
  'contour',
  'label',
  'delineate',
  'segmented',
  'outlined',
]);
/** Side words that, after a correction marker, change only the side ("sorry, the left one"). */
const SIDE_CORRECTIONS = new Map<string, SideCorrection>([
  ['other', 'other'],
  ['opposite', 'other'],
  // "highlight the right kidney. actually no, both"
  ['both', 'both'],
]);
/** Words for a side, abbreviations and clipped spellings included ("lt", "lft", "rgt"). */
const SIDE_WORDS = new Map<string, 'left' | 'right'>([
  // (and the sides in the languages the lexicon knows a few organ names of: "riñón izquierdo")
  ...[
    'left',
    'lt',
    'lft',
    // common typos
    'lfet',
    'letf',
    'sinistral',
    'sinister',
    'izquierdo',
    'izquierda',
    'gauche',
    'sinistro',
    'sinistra',
    'sinistrum',
    'linke',
    'linken',
    'linker',
  ].map((w): [string, 'left'] => [w, 'left']),
  ...[
    'right',
    'rt',
    'rgt',
    'rght',
    // common typos
    'rigth',
    'rite',
    'rihgt',
    'riht',
    'rigt',
    'dextral',
    'dexter',
    'dextra',
    'dextrum',
    'derecho',
    'derecha',
    'droit',
    'droite',
    'destro',
    'destra',
    'rechte',
    'rechten',
    'rechter',
  ].map((w): [string, 'right'] => [w, 'right']),
]);
for (const [word, side] of SIDE_WORDS) SIDE_CORRECTIONS.set(word, side);
/** "the R kidney", "adrenal (L)": single side letters, read only right before or after a name. */
const SIDE_LETTERS = new Map<string, 'left' | 'right'>([
  ['r', 'right'],
  ['l', 'left'],
]);
/**
 * Words that make a side the viewer's ("the viewer's right", "the left of the screen"): on an axial
 * slice the patient's right is on the viewer's left, so such a side names the patient's other side.
 */
/** Words that say the speaker means their own view of the image ("my left as I look at it"). */
const VIEWER_WORDS = new Set([
  'look',
  'looking',
  'view',
  'viewing',
  'monitor',
  'screen',
  'viewer',
  'displayed',
  'patient',
  'patients',
]);
/** Nouns between a side and "of the screen" ("the left edge of the image"). */
const SIDE_PARTS = new Set(['side', 'edge', 'half', 'border', 'margin', 'corner', 'part', 'portion']);
/** Nouns a small side letter may stand before ("l kid", "r sided"). */
const LETTER_SIDE_NOUNS = new Set([
  // "L partial nephrectomy", "R radical nephrectomy"
  'partial',
  'radical',
  'marker',
  'sided',
  'side',
  'kid',
  'kidney',
  'kidneys',
  'adrenal',
  'adr',
  'renal',
  'suprarenal',
  'flank',
  'loin',
  'hydronephrosis',
  'hydro',
  'pyelo',
  'pyelonephritis',
  'nephrectomy',
  'adrenalectomy',
]);
/** A side said to be the viewer's somewhere in the message (see viewerSides). */
const VIEWER_CLARIFIED =
  /\bfrom my (?:point of view|pov|perspective|side of the screen)\b|\bby (?:left|right) i mean\b.*\b(?:screen|monitor|image|appears to me|as i see it)\b|\b(?:screen|monitor|image) (?:left|right) i mean\b|\bfrom where i m sitting\b|\b(?:left|right) as i (?:look|view|see)\b|\b(?:my|viewer s|viewers|screen) (?:left|right) not the patient s\b|\b(?:left|right) (?:kidney|adrenal|adrenal gland|one)\b.* (?:i mean |i meant |meaning |i e |ie |that is )?the one on the (?:left|right)(?: hand)?(?: side)? of (?:the |my )?(?:screen|monitor|image|picture|display)\b/;
const VIEW_NOUNS = new Set([
  'viewer',
  'viewers',
  'screen',
  'image',
  'picture',
  'pic',
  'monitor',
  'display',
  'phone',
  'tablet',
  'ipad',
  'laptop',
]);
/** Words that place a kidney or adrenal by a neighbour ("on the spleen's side", "under the liver"). */
/** Words between "one" and the place word of its neighbour ("the one that is just behind the IVC"). */
const ONE_CLAUSE_WORDS = new Set([
  'to',
  'of',
  'same',
  'as',
  'on',
  'the',
  'that',
  'which',
  'is',
  's',
  't',
  'sits',
  'lies',
  'sitting',
  'lying',
  'just',
  'directly',
  'right',
  // "the one hiding behind the IVC", "the one tucked under the liver"
  'hiding',
  'hides',
  'tucked',
  'nestled',
  'squeezed',
  'perched',
  'resting',
  'rests',
]);
const NEIGHBOUR_WORDS = new Set([
  // "the one that touches the spleen"
  'touches',
  'side',
  'caps',
  'capping',
  'underneath',
  'against',
  'touching',
  'next',
  'near',
  'nearer',
  'nearest',
  'closer',
  'beside',
  'by',
  'under',
  'beneath',
  'below',
  'above',
  'top',
  'behind',
  'close',
  'closest',
  'adjacent',
  'between',
  'lateral',
  'medial',
]);
/** Words after which a no-word corrects rather than negates ("wait no the liver"). */
const CORRECTION_WORDS = new Set([
  'wait',
  'sorry',
  'actually',
  'oops',
  'whoops',
  'oh',
  'uh',
  'um',
  'hmm',
  'hang',
  'ugh',
  'argh',
  'ah',
  'err',
  'erm',
  'er',
  'umm',
  'uhm',
]);
/**
 * "left adrenal, err, no the right adrenal", "spleen, um, no the liver": a no-word after a
 * correction word, across the commas and dashes of speech, corrects rather than negates.
 */
function afterCorrectionWord(tokens: readonly Token[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && tokens[j]?.boundary && /^[,.—–-]$/.test(tokens[j]?.text ?? '')) j--;
  return CORRECTION_WORDS.has(tokens[j]?.text ?? '');
}
/** "does the pancreas actually …", "is the liver really …": an organ asked about right before `i`. */
function askedOfOrganBefore(tokens: readonly Token[], mentions: readonly Mention[], i: number): boolean {
  const m = mentions.find((x) => x.end === i);
  if (!m) return false;
  let j = m.start - 1;
  if (['the', 'my', 'a', 'an', 'her', 'his', 'this', 'that', 'their'].includes(tokens[j]?.text ?? '')) j--;
  return ['does', 'do', 'did', 'is', 'are', 'was', 'were'].includes(tokens[j]?.text ?? '');
}
/** Adverbs a question puts between an organ and its verb ("where does the pancreas actually sit"). */
const ADVERBS_OF_FACT = new Set([
  'actually',
  'really',
  'exactly',
  'usually',
  'normally',
  'typically',
  'even',
]);
/** No-words that, right after an organ name, take it back ("liver no ivc"). */
const CORRECTING_NO = new Set(['no', 'nah', 'nope']);
/** Words after "nvm" that start a new request rather than say what is taken back ("nvm make that the liver"). */
const NVM_THEN = new Set([
  'make',
  'do',
  'go',
  'just',
  'only',
  'show',
  'i',
  'want',
  'give',
  'outline',
  'highlight',
  'switch',
  'change',
]);
/** Words that make a later command add to, not replace, the organs named before it. */
const ADDITIVE_WORDS = new Set(['too', 'also', 'plus', 'additionally', 'both']);
/** "as well" adds; "well, only the right one" does not. */
const asWell = (tokens: readonly Token[], j: number) =>
  tokens[j]?.text === 'well' && tokens[j - 1]?.text === 'as';
const SCOPE_STOPPERS = new Set([
  'but',
  'meant',
  'mean',
  'actually',
  'instead',
  'rather',
  'sorry',
  'just',
  'only',
  'however',
  'want',
]);
const CORRECTION_MARKERS: ReadonlyArray<readonly string[]> = [
  // "the lecturer said pancreas but then corrected herself to duodenum"
  ['corrected', 'herself', 'to'],
  ['corrected', 'himself', 'to'],
  ['corrected', 'themselves', 'to'],
  ['corrected', 'it', 'to'],
  ['corrected', 'that', 'to'],
  // "the right adrenal, or rather the left"
  ['or', 'rather'],
  ['i', 'meant'],
  ['i', 'mean'],
  ['meant'],
  ['actually'],
  ['sorry'],
  ['correction'],
  ['scratch', 'that'],
  ['wait'],
  ['oops'],
  ['my', 'mistake'],
  ['my', 'bad'],
  ['by', 'mistake'],
  ['scrap', 'that'],
  ['wrong', 'one'],
  ['ugh'],
  ['nah'],
  ['nope'],
  ['should', 'be'],
  ['should', 'have', 'been'],
  ['should', 've', 'been'],
  ['make', 'that'],
  ['make', 'it'],
  // "outline the spleen... change that to the lungs", "switch it to the pancreas"
  ['change', 'that', 'to'],
  ['change', 'it', 'to'],
  ['change', 'this', 'to'],
  ['switch', 'that', 'to'],
  ['switch', 'it', 'to'],
  ['switch', 'this', 'to'],
  ['second', 'thought'],
  ['second', 'thoughts'],
  // "you showed the spleen but I asked for the liver"
  ['i', 'asked', 'for'],
  ['i', 'wanted'],
  // "right adrenal please - oh hang on, I need the left one", "left adrenal, err, no the right"
  ['hang', 'on'],
  // "right adrenal, hold on, the left one", "…On reflection, I want the organ it empties into."
  ['hold', 'on'],
  ['on', 'reflection'],
  ['err'],
  ['erm'],
  ['er'],
  // "highlight the gallbladder. jk, the liver"
  ['jk'],
  ['just', 'kidding'],
  ['kidding'],
];
const HEAD_NOUNS =
  'organ|organs|structure|structures|gland|glands|vessel|vessels|part|parts|one|ones|thing|things|tube|artery|vein|sac|bag|pouch|viscus|viscera|tissue|region|area|bit|option|loop|segment|portion|section|channel|duct|pipe|lobe|cavity|sphincter|pump|bowel|gut|intestine';
// The kind of thing asked for narrows the answer: "which vein" can only be the IVC. Entries for
// organs outside the 13 stay allowed (a vein or gland outside the options answers N).
const HEAD_TYPES: ReadonlyArray<[RegExp, readonly OrganId[]]> = [
  [/^veins?$/, [6]],
  [/^arter(y|ies)$/, [5]],
  [/^(blood )?vessels?$/, [5, 6]],
  [/^glands?$/, [1, 4, 7, 8]],
  [/^(sac|pouch)$/, [9]],
];
/** The organs the first typed head noun among `words` allows ("artery" → the aorta), if any. */
function firstHeadType(words: readonly string[]): readonly OrganId[] | undefined {
  for (const w of words) {
    const found = HEAD_TYPES.find(([re]) => re.test(w));
    if (found) return found[1];
  }
  return undefined;
}
// A question asking for a kind of thing none of the 13 is ("what enzyme does the stomach
// secrete?", "which muscle lies behind the kidney?", "which heart chamber does the IVC enter?") is
// answered N, whatever organs it names. Not before a participle or another head: "which
// hormone-producing gland" asks for a gland.
const OUTSIDE_HEADS = new Map<string, string>(
  Object.entries({
    hormone: 'a hormone',
    enzyme: 'an enzyme',
    metabolite: 'a metabolite, a substance',
    metabolites: 'a metabolite, a substance',
    transporter: 'a transporter, a protein in a cell membrane',
    transporters: 'a transporter, a protein in a cell membrane',
    muscle: 'a muscle',
    nerve: 'a nerve',
    plexus: 'a nerve plexus',
    chamber: 'a heart chamber',
    vertebra: 'a vertebra',
    vertebrae: 'a vertebra',
    rib: 'a rib',
    bone: 'a bone',
    ligament: 'a ligament',
    membrane: 'a membrane',
    fold: 'a fold of peritoneum',
    lymph: 'a group of lymph nodes',
    node: 'a lymph node',
    cell: 'a cell type',
    organelle: 'a part of a cell',
    valve: 'a valve',
    bacterium: 'a germ',
    bacteria: 'a germ',
    virus: 'a germ',
    vitamin: 'a vitamin',
    mineral: 'a mineral',
    protein: 'a protein',
    electrolyte: 'an electrolyte',
    receptor: 'a receptor',
    drug: 'a drug',
    medication: 'a drug',
    immunosuppressant: 'a drug',
    narrowing: 'a narrowing of a tube',
    antibiotic: 'a drug',
    antibody: 'an antibody',
    marker: 'a marker',
    duct: 'a duct',
    opening: 'an opening',
    hiatus: 'an opening',
    apron: 'a fold of peritoneum',
    syndrome: 'the name of a syndrome',
    sign: 'the name of a sign',
    triad: 'the name of a triad',
    term: 'a term',
    eponym: 'a name',
    pigment: 'a pigment',
    acid: 'an acid',
    score: 'a score',
    classification: 'a classification',
    gene: 'a gene',
    parasite: 'a germ',
    macrophage: 'a cell type',
    operation: 'the name of an operation',
    vaccine: 'a vaccine',
    vaccines: 'a vaccine',
    anastomosis: 'a surgical join',
    procedure: 'the name of a procedure',
    test: 'a test',
    percentage: 'a number',
    diameter: 'a number',
    length: 'a number',
    level: 'a number',
    value: 'a number',
    number: 'a number',
    catecholamine: 'a hormone',
    zone: 'a part of a gland',
    lobe: 'a lobe, a part of an organ',
    formula: 'a formula',
    equation: 'a formula',
    condition: 'the name of a condition',
    disease: 'the name of a disease',
    disorder: 'the name of a disorder',
    diagnosis: 'a diagnosis',
    epithelium: 'a tissue type',
    lining: 'a tissue type',
    landmark: 'a landmark',
    substance: 'a substance, which cannot be outlined',
    triangle: 'a region',
    pelvis: 'the urine-collecting system',
    calyx: 'the urine-collecting system',
    calyces: 'the urine-collecting system',
    branch: 'a branch of a vessel',
    tributary: 'a tributary of a vessel',
    layer: 'a layer of tissue',
    mesentery: 'a fold of peritoneum',
    stage: 'a stage',
    grade: 'a grade',
    category: 'a category',
    threshold: 'a number',
    cutoff: 'a number',
    space: 'a space between organs',
    recess: 'a space between organs',
    plane: 'a plane, a line drawn on the body',
    network: 'a network of nerves or vessels',
    airway: 'an airway',
    diverticulum: 'an outpouching of bowel',
    flexure: 'a bend of the colon',
    bend: 'a bend of the bowel',
    trunk: 'a trunk of nerves or vessels',
    ganglion: 'a nerve ganglion',
    crus: 'a muscular crus of the diaphragm',
    crura: 'a muscular crus of the diaphragm',
    band: 'a band of tissue',
    incision: 'an incision, part of a procedure',
    ganglia: 'a nerve ganglion',
    // "What polysaccharide do hepatocytes store?"
    polysaccharide: 'a substance, which cannot be outlined',
    carbohydrate: 'a substance, which cannot be outlined',
    molecule: 'a substance, which cannot be outlined',
    // "Which organism is the urea breath test looking for?"
    organism: 'a germ',
    // "Which encapsulated fluid collection appears four weeks after pancreatitis?"
    collection: 'a fluid collection',
    // "Which urease-positive, curved Gram-negative rod colonises the antrum?"
    rod: 'a germ',
    anaerobe: 'a germ',
    microbe: 'a germ',
    pathogen: 'a germ',
    germ: 'a germ',
    coccus: 'a germ',
    cocci: 'a germ',
    bacillus: 'a germ',
    bacilli: 'a germ',
    fungus: 'a germ',
    yeast: 'a germ',
  }).flatMap(([noun, what]): [string, string][] => [
    [noun, what],
    [noun.endsWith('s') || noun.endsWith('ae') || noun.endsWith('ia') ? noun : `${noun}s`, what],
  ]),
);
// ("Which gut hormone …?": a head noun of the 13's kinds used as an adjective of an outside one)
const OUTSIDE_HEAD = new RegExp(
  `\\b(?:which|what|whats)\\b(?: [a-z0-9]+){0,3}? (?:(?:${HEAD_NOUNS.split('|')
    .filter((n) => !OUTSIDE_HEADS.has(n))
    .join(
      '|',
    )})(?! (?:${[...OUTSIDE_HEADS.keys()].join('|')})\\b)|(${[...OUTSIDE_HEADS.keys()].join('|')})(?! (?:(?:[a-z]+ing|[a-z]+ed) )?(?:${HEAD_NOUNS})\\b))\\b`,
);
/** "Which urease-positive, curved Gram-negative rod …?": a germ after a longer run of adjectives. */
const GERM_ASKED =
  /\b(?:which|what)\b(?: (?!(?:organ|organs|gland|glands|vessel|vessels|one|ones|option|options|part|structure)\b)(?:[a-z0-9]+|,)){0,6}? (bugs?|rods?|anaerobes?|microbes?|pathogens?|germs?|cocci|coccus|bacilli|bacillus|bacteri(?:um|a)|organisms?|fungus|fungi|yeasts?)\b(?! (?:(?:[a-z]+ing|[a-z]+ed) )?(?:organ|organs|gland|glands|vessel|vessels)\b)/;
/** "commonest bug in ascending cholangitis?": a germ asked for without a question word. */
const COMMONEST_GERM =
  /^(?:(?:and|so|ok|okay|quick one|quick q) )*(?:the |whats the |what s the |what is the )?(?:commonest|most common|most likely|usual|typical|classic) (bugs?|organisms?|germs?|pathogens?|bacteri(?:um|a)|microbes?|causative organisms?) (?:in|for|of|behind|causing)\b/;
const SUBSTANCE_NAMES =
  'insulin|glucagon|cortisol|aldosterone|adrenaline|epinephrine|noradrenaline|norepinephrine|bile|gastrin|secretin|renin|erythropoietin|cholecystokinin|cck|somatostatin|acth|pepsin|lipase|amylase|trypsin|bilirubin';
/** The start of the question or of a later sentence ("Both adrenals failing: what is that called?"). */
const CLAUSE_START = '(?:^|[.:;?!—-] )';
// "What's inflammation of the gallbladder called?", "what is the name of …", "how many litres of
// bile …?", "normal spleen length in cm?": the answer is a term or a number, not an organ.
const TERM_ASKED = new RegExp(
  [
    `${CLAUSE_START}(?:what|whats) (?:is|s|are|do you|do we|would you)\\b(?:(?! (?:${HEAD_NOUNS})\\b) [a-z0-9]+){1,12} called\\b`,
    `${CLAUSE_START}(?:what|whats) (?:is |s |are )?the (?:name|term|medical term|word|eponym) (?:of|for)\\b`,
    `${CLAUSE_START}(?:(?:roughly|approximately|about|so|and|ok|okay|just) )?how (?:many|much|long|big|heavy|wide|large|thick|tall)\\b`,
    '\\b(?:normal|average|usual|upper limit of normal) (?:[a-z]+ ){0,2}(?:length|size|diameter|weight|width|volume|thickness|ph|range|pressure)\\b',
    `^name (?:the|a|an)\\b(?!(?: [a-z]+){0,2} (?:${HEAD_NOUNS})\\b)`,
    '\\bwhose (?:triad|sign|law|syndrome|disease|classification)\\b',
    '\\bmedical (?:word|term|name) for\\b',
    // "Who performed the first Whipple?", "named after which surgeon?", "whose name is given to …"
    `${CLAUSE_START}who (?:was|is|were|gave|performed|described|discovered|invented|first|named|did|coined|introduced|pioneered)\\b`,
    '\\bnamed after\\b',
    '\\bwhose name\\b',
    '\\b(?:which|what) (?:surgeon|surgeons|doctor|physician|anatomist|scientist|pathologist|radiologist|person|man|woman)\\b',
    `${CLAUSE_START}(?:the )?name of (?:the|a|an|this|that)\\b`,
    // "What does the liver turn toxic ammonia into?": a substance.
    `${CLAUSE_START}what (?:does|do|is|are) (?:the |a |an )?(?:[a-z]+ ){1,3}(?:turn|turned|convert|converted|change|changed|break|broken) (?:[a-z]+ ){0,3}into\\b`,
    // "Which fetal vessel becomes the ligamentum venosum?": an embryonic structure is none of the 13.
    '\\b(?:which|what) (?:fetal|foetal|embryonic|embryological) (?:vessels?|shunts?|structures?|ducts?|remnants?)\\b',
    '\\bupper limit of normal\\b',
    // "What's the best window level for viewing the liver on CT?": a display setting.
    `${CLAUSE_START}(?:what|which) (?:s |is |are |would be )?(?:the )?(?:[a-z]+ )?(?:ct )?window (?:level|width|settings?|centre|center|values?)\\b`,
    // "the normal upper limit for spleen length", "the normal AFP range", "what fraction of …"
    '\\b(?:upper|lower) limits? (?:of|for)\\b',
    '\\bnormal (?:[a-z0-9]+ ){0,2}(?:range|ranges|values?)\\b',
    `${CLAUSE_START}(?:(?:roughly|approximately|about|so|and|ok|okay|just) )?what (?:fraction|proportion|percentage|percent|share)\\b`,
    // "What does a normal adult spleen weigh in grams?": a number.
    `${CLAUSE_START}(?:what|how much) (?:does|do|would|should|might) (?:a |an |the |my |your )?(?:[a-z]+ ){0,3}weigh\\b`,
    // "what does my spleen measure in centimetres": a number.
    `${CLAUSE_START}(?:what|how much) (?:does|do|would|should|might|did) (?:a |an |the |my |your |his |her )?(?:[a-z]+ ){0,3}measure\\b`,
    // "what should my blood sugar number be": a value, not an organ.
    `${CLAUSE_START}what (?:should|would|must|ought) (?:my|the|his|her|your|their) (?:[a-z]+ ){0,3}(?:number|numbers|level|levels|reading|readings|count|value|values|result|results) be\\b`,
    // "HU of that adrenal nodule?": a density, a number.
    '\\b(?:hu|hounsfield units?) (?:of|for|in)\\b',
    // "Measure the AP diameter of the aorta for me": a number, not a mask.
    `${CLAUSE_START}(?:(?:please|pls|can you|could you|can u) )?(?:just |only )?(?:measure|give me|tell me|get me) (?:the |its |his |her )?(?:[a-z]+ ){0,2}(?:diameter|size|length|width|volume|thickness|calibre|caliber|area|span|dimensions?|cyst|cysts|lesion|lesions|tumou?r|tumou?rs|mass|masses|stone|stones|nodule|nodules)\\b`,
    // "Need the spleen length in cm, just give me a number": a measurement, not a mask.
    '\\b(?:give me|tell me|i want|i need|need|want|just) (?:a|the) (?:number|figure|measurement)\\b',
    `${CLAUSE_START}(?:(?:just|please|pls|i) )?(?:need|want|give me|tell me) (?:the |its |his |her )?(?:[a-z]+ ){0,2}(?:length|diameter|size|width|volume|thickness|span) in (?:cm|mm|ml|cc|centimetres|centimeters|millimetres|millimeters)\\b`,
    // "liver span in cm?", "aortic diameter in mm?": a measurement; "convert bilirubin 5 mg/dL to
    // umol/L"; "can u make the outline thicker": a display setting.
    '\\b(?:span|diameter|length|width|volume|size|thickness|calibre|caliber|height|weight) in (?:cm|mm|ml|cc|g|grams|centimetres|centimeters|millimetres|millimeters)\\b',
    `${CLAUSE_START}(?:(?:please|pls|can you|could you|can u) )?convert\\b`,
    '\\b(?:make|set|change|turn) (?:the |your |ur )?(?:outlines?|masks?|overlays?|contours?|lines?|borders?) (?:a bit |a little |much )?(?:thicker|thinner|bolder|brighter|darker|more transparent|less transparent|transparent|opaque)\\b',
    // "which way is anterior here?": the image's orientation, not an organ.
    '\\b(?:which|what) (?:way|direction|side|edge) (?:is|s) (?:anterior|posterior|superior|inferior|cranial|caudal|up|down|front|back|medial|lateral)\\b',
    // "Which fluid does the liver secrete to emulsify fat?": a substance.
    '\\b(?:which|what) (?:fluid|juice|secretion|liquid) (?:does|do|did|is|are|gets?)\\b',
    // "Calculate Child-Pugh: bili 3.2, …": a number is asked for.
    '^(?:please |pls |can you |could you )?(?:calculate|compute|work out|score)\\b',
    '\\bmost common cause of\\b',
    '\\bph of\\b',
    `${CLAUSE_START}what (?:do|would|should|did) (?:we|you|i|they|doctors) call\\b`,
    '\\bstands? for\\b',
    // "define 'retroperitoneum'", "definition of cholestasis": a term is explained, not outlined.
    `${CLAUSE_START}(?:(?:please|pls|can you|could you) )?define\\b`,
    '\\bdefinition of\\b',
    // "quick def of the Bosniak classification", "metformin dose if eGFR is 35?"
    '\\bdef (?:of|for)\\b',
    '\\b(?:dose|dosing|dosage) (?:if|for|of|in|when)\\b',
    // "The short artery at T12 whose branches go to the liver, spleen and stomach": the coeliac
    // trunk, a vessel none of the 13.
    '\\b(?:artery|trunk)\\b[^.?!]{0,40} branches (?:go to|supply|feed|reach|serve|run to) (?:the )?liver(?: ,)? (?:the )?spleen(?: ,)? and (?:the )?stomach\\b',
    // "first-line drug combo for H pylori?": a drug is asked for.
    '\\b(?:first line |second line |best |initial |usual )?(?:drug|drugs|antibiotic|antibiotics|medication|medications|meds|regimen)(?: combo| combination| regimen| therapy| treatment| choice)? (?:for|to treat)\\b(?![^.?!]*\\b(?:organ|organs|which|where|show|outline|highlight|segment|mark|draw)\\b)',
    // "What's bile actually made of?", "give me the eGFR formula"
    `${CLAUSE_START}(?:what|whats) (?:is|s|are)(?: [a-z]+){1,3} made (?:of|from|up of)\\b`,
    '\\b(?:formula|equation)\\b',
    // "What is aldosterone?", "what's an insulinoma", "What does Child-Pugh C mean?"
    `${CLAUSE_START}(?:what|whats)(?: actually| exactly| really)? (?:is|s|are) (?:a |an |the )?(?:${SUBSTANCE_NAMES})(?: ,)?(?: chemically| exactly| really| chemically speaking)?(?: [?.!])*$`,
    `${CLAUSE_START}(?:what|whats) (?:is|s|are) (?:a |an )?[a-z]+(?:oma|omas|itis|osis|aemia|emia)(?: [?.!])*$`,
    '\\bwhat (?:does|do) (?:[a-z0-9]+ ){1,4}mean\\b',
    '\\bexplain (?:the |a |an )?(?:[a-z0-9]+ ){0,3}(?:category|score|classification|criteria|sign|term|grade|stage|system)\\b',
    `^(?:${SUBSTANCE_NAMES})\\b.*\\bwhat (?:does|do) (?:it|they) (?:do|cause|mean)\\b`,
    '\\b(?:cutoff|cut off|threshold|reference range|normal range)\\b(?! (?:of|for) (?:which|what) organ)',
    // "what does bile actually contain", "What size is a standard PEG tube?", "What eGFR counts as …"
    `${CLAUSE_START}what (?:does|do) (?:the )?(?:${SUBSTANCE_NAMES})(?: actually| really)? (?:contain|consist of)\\b`,
    `${CLAUSE_START}what (?:size|length|diameter|calibre|caliber|gauge)\\b`,
    // "What's the maximum AP diameter of the aorta in mm?"
    `${CLAUSE_START}(?:what|whats) (?:is |s )?the (?:[a-z]+ ){1,3}(?:diameter|calibre|caliber|length|width|thickness|volume)\\b`,
    `${CLAUSE_START}what (?:egfr|gfr|creatinine|bilirubin|alt|ast|value|level)\\b`,
    // "what's my eGFR from this scan?"
    `${CLAUSE_START}(?:what|whats) (?:is |s )?(?:my|his|her|their|the|this|the patient s) (?:egfr|gfr|creatinine|bilirubin|alt|ast|inr|hba1c|lipase|amylase|ejection fraction)\\b`,
    // "What in bile actually emulsifies fat?": a component of a substance.
    `${CLAUSE_START}what in (?:the )?(?:${SUBSTANCE_NAMES})\\b`,
    // "What does aldosterone actually do?", "Is cortisol a steroid or a peptide hormone?"
    `${CLAUSE_START}what (?:does|do) (?:the )?(?:${SUBSTANCE_NAMES})(?: actually| really| hormone)? do\\b`,
    `${CLAUSE_START}(?:is|are) (?:the )?(?:${SUBSTANCE_NAMES}) (?:a|an)\\b`,
    // "what's the HU of the spleen", "how do I calculate a MELD score?", "what slice thickness …"
    `${CLAUSE_START}(?:what|whats) (?:is |s )?the (?:hu|hounsfield(?: units?| numbers?| values?)?|attenuation|density|signal intensity|adc)\\b`,
    // "what is the liver's attenuation in HU", "what's the spleen's size", "what HU is the liver"
    `${CLAUSE_START}(?:what|whats) (?:is |s |are )?(?:the |this |that )?[a-z]+ s (?:hu|hounsfield units?|attenuation|density|signal intensity|adc|size|length|diameter|volume|weight|span|width|thickness|dimensions?)\\b`,
    `${CLAUSE_START}what (?:hu|attenuation|density|size|volume) (?:is|are|does|do)\\b`,
    '\\bhow (?:do|would|should|can|to) (?:i |we |you )?(?:calculate|compute|work out|score|measure|grade|stage)\\b',
    '\\b(?:slice thickness|kvp|field of view|contrast dose|contrast timing)\\b',
    '\\bwhat does (?:the word )?[a-z]+ mean\\b',
    // ("what does the gallbladder store?" asks for bile; "what does the stomach do?" for the organ)
    // ("so what does the gal bladder actually store", "what does the gallbladder squirt out")
    '^(?:(?:so|and|ok|okay|um|uh|hmm|but) )*what (?:does|do) (?:the |a |an )?(?:[a-z]+ ){1,2}(?:(?:actually|really|even|normally|usually) )?(?:secrete|release|produce|excrete|store|concentrate|make|(?:squirt|squeeze|spit|pump) out)\\b',
    // "what's stored in the GB between meals?": the substance kept there.
    '^(?:(?:so|and|ok|okay|um|uh|hmm|but) )*what (?:is |s |gets |does )?(?:stored|kept|made|produced|secreted|concentrated) (?:in|by) (?:the |a |an |my |your )?[a-z]+(?: [a-z]+)?(?: as [a-z]+| between meals| normally| usually| again)?(?: ?[?.!])*$',
    // "What's the outer layer of the adrenal gland called?": a part of an organ named by a term.
    `${CLAUSE_START}(?:what|whats) (?:is |s |are )?the (?:[a-z]+ ){0,2}(?:layer|layers|lining|capsule|zone|zones|cells|part|parts|portion|region|surface|covering|space|fold|folds|ligament|ligaments) of\\b(?: [a-z0-9]+){1,6} called\\b`,
    // "What is the first unpaired ventral branch of the abdominal aorta?"
    `${CLAUSE_START}(?:what|whats|which) (?:is |s |are )?the (?:[a-z]+ ){0,4}(?:branch|branches|tributary|tributaries) of\\b`,
    // "what's the blood supply of the pancreatic head?", "Which vessels arise from the splenic
    // artery …?": the vessels are asked for.
    `${CLAUSE_START}(?:what|whats) (?:is |s )?the (?:blood|arterial|venous) (?:supply|drainage) (?:of|to)\\b`,
    `${CLAUSE_START}(?:which|what) (?:vessels|arteries|branches) (?:arise|come|branch|leave) (?:off |from )(?:the )?(?:splenic|hepatic|gastric|renal|coeliac|celiac|mesenteric|common hepatic|left gastric|gastroduodenal)\\b`,
    // "Which arteries supply the left adrenal gland?": its own arteries, not the aorta.
    `${CLAUSE_START}(?:which|what) arteries (?:supply|feed|perfuse|serve)\\b`,
    // "…portal blood leaves by which veins to reach the IVC?", "Which small arteries off the splenic
    // artery feed the fundus?": veins or arteries in the plural are none of the 13.
    '\\b(?:which|what) (?:small |little |short |tiny |paired )?(?:veins|arteries)\\b',
    // "Which branches of the splenic artery supply the fundus?": the branches are asked for.
    `${CLAUSE_START}(?:which|what) (?:branch|branches|tributary|tributaries) of\\b`,
    // "Bosniak - what category is …", "what T stage is that?", "the unenhanced HU cutoff for …"
    '\\b(?:what|which) (?:[tnm] )?(?:category|stage|grade|score|classification|cutoff|cut off|threshold|percentage|dose)\\b',
    `${CLAUSE_START}(?:what|whats) (?:is |s |are )?the (?:[a-z0-9]+ ){0,3}(?:cutoff|cut off|threshold|stage|grade|score|category|dose)\\b`,
    '\\b(?:technical|proper|scientific|formal|official|latin|greek|anatomical|eponymous|full) (?:name|term) (?:for|of)\\b',
    // "What's this patient's MELD score?", "… - what Child-Pugh class?", "the Ranson criteria"
    // ("…, for my anatomy class" is a lesson)
    '\\b(?:this|the|that|his|her|my) (?:patient s |patients )?(?:[a-z0-9]+ ){0,3}(?:score|(?<!\\b(?:anatomy|biology|bio|physiology|science|school|study|revision|teaching|art|chemistry|medical|med|nursing|aid|my|our|your|the|this|that|his|her) )class|criteria|grade)\\b(?! (?:of|for) (?:which|what)\\b)',
    '\\b(?:what|which) (?:[a-z0-9]+ ){0,2}(?:class|criteria)\\b',
    // "Child-Pugh score for bili 50, …?", "Bosniak category for a renal cyst …?"
    '^(?:[a-z0-9]+ ){0,3}(?:score|class|grade|category|criteria|stage) for\\b',
    `${CLAUSE_START}name (?:that|this|the) (?:mesentery|ligament|fold|layer|sign|operation|procedure|syndrome|hormone|enzyme|muscle|nerve|bone|space|duct)\\b`,
  ].join('|'),
);
// "Show the ducts that carry bile…", "the dome-shaped muscle the liver sits under", "the 12th rib
// behind the kidney": a request whose own noun phrase is of a kind none of the 13 is.
const OUTSIDE_REQUEST = new RegExp(
  `^(?:(?:please |pls |can you |could you |can u )?(?:show|highlight|outline|mark|find|segment|trace|label|circle|draw around|draw round|draw|contour|delineate|shade|point out|point to|locate|identify|name|indicate|where is|wheres|where s|where are)(?: me)? )?(?:(?:just|only|nothing but|nothing except) )?(?:the|a|an|that|this|those|these) (?:[a-z0-9]+ ){0,2}?(${[...OUTSIDE_HEADS.keys()].join('|')})(?= (?:that|which|who|the|in|of|from|to|between|behind|under|below|above|along|alongside|around|at|on|near|next|beside|over|running|only|alone|itself|themselves|[a-z]+ing|[a-z]+ed)\\b|$)(?! (?:[a-z]+ing |[a-z]+ed )?(?:${HEAD_NOUNS})\\b)(?! (?:on|in|among|from) (?:your|ur|the) (?:list|options|choices)\\b)`,
);
/** A request withdrawn later in the message ("outline the gallstone. oh wait, … the gallbladder then"). */
const NO_LATER_CORRECTION =
  '(?!.*\\b(?:wait|actually|sorry|instead|rather|nvm|never mind|scratch that|i meant|i mean|oops)\\b)(?!.*\\bno (?:[,;:—–-] )*the (?:whole|entire|actual|organ)\\b)';
/** Findings inside an organ, which none of the 13 masks outlines (see `FINDING_REQUEST`). */
const FINDINGS = new Map<string, string>(
  Object.entries({
    tumour: 'a tumour',
    artefact: 'an image artefact',
    artefacts: 'an image artefact',
    artifact: 'an image artefact',
    artifacts: 'an image artefact',
    aliasing: 'an image artefact',
    rugae: 'the folds of the stomach lining',
    effusion: 'an effusion, a collection of fluid',
    tumor: 'a tumour',
    lymphocele: 'a lymphocele, a collection of lymph',
    lymphocoele: 'a lymphocele, a collection of lymph',
    seroma: 'a seroma, a collection of fluid',
    mass: 'a mass',
    adenoma: 'an adenoma',
    carcinoma: 'a carcinoma',
    neoplasm: 'a neoplasm',
    thrombus: 'a thrombus',
    hydronephrosis: 'a dilated collecting system',
    hcc: 'a hepatocellular carcinoma',
    plaque: 'a plaque',
    papilla: 'the papilla, where the ducts open',
    stent: 'a stent, a device',
    pheo: 'a phaeochromocytoma',
    phaeo: 'a phaeochromocytoma',
    pheochromocytoma: 'a phaeochromocytoma',
    phaeochromocytoma: 'a phaeochromocytoma',
    insulinoma: 'an insulinoma',
    hepatoma: 'a hepatoma',
    hemangioma: 'a haemangioma',
    haemangioma: 'a haemangioma',
    lesion: 'a lesion',
    cyst: 'a cyst',
    pseudocyst: 'a pseudocyst',
    polyp: 'a polyp',
    nodule: 'a nodule',
    abscess: 'an abscess',
    haematoma: 'a haematoma',
    hematoma: 'a haematoma',
    metastasis: 'a metastasis',
    metastases: 'a metastasis',
    mets: 'a metastasis',
    deposit: 'a tumour deposit',
    deposits: 'a tumour deposit',
    clot: 'a clot, a thrombus',
    clots: 'a clot, a thrombus',
    gallstone: 'a gallstone',
    stone: 'a stone',
    calculus: 'a stone',
    ampulla: 'the ampulla, where the ducts open',
    aneurysm: 'an aneurysm',
    angiomyolipoma: 'an angiomyolipoma',
    myelolipoma: 'a myelolipoma',
    oncocytoma: 'an oncocytoma',
    nephroblastoma: 'a nephroblastoma',
    neuroblastoma: 'a neuroblastoma',
    hepatoblastoma: 'a hepatoblastoma',
    cholangiocarcinoma: 'a cholangiocarcinoma',
    lymphoma: 'a lymphoma',
    sarcoma: 'a sarcoma',
    liposarcoma: 'a liposarcoma',
    leiomyosarcoma: 'a leiomyosarcoma',
    gastrinoma: 'a gastrinoma',
    glucagonoma: 'a glucagonoma',
    lipoma: 'a lipoma',
    leiomyoma: 'a leiomyoma',
    schwannoma: 'a schwannoma',
    teratoma: 'a teratoma',
    'greenfield filter': 'an IVC filter, a device',
    cannula: 'a cannula, a device',
    cannulae: 'a cannula, a device',
    sludge: 'biliary sludge',
    collection: 'a fluid collection',
    catheter: 'a catheter, a device',
    'biliary drain': 'a drain, a device',
    'chest drain': 'a drain, a device',
    'pigtail drain': 'a drain, a device',
    'surgical drain': 'a drain, a device',
    'percutaneous drain': 'a drain, a device',
    pigtail: 'a drain, a device',
    drain: 'a drain, a device',
    nephrostomy: 'a nephrostomy tube, a device',
    'nephrostomy tube': 'a nephrostomy tube, a device',
    gastrostomy: 'a gastrostomy tube, a device',
    'gastrostomy tube': 'a gastrostomy tube, a device',
    'peg tube': 'a gastrostomy tube, a device',
    'ng tube': 'a nasogastric tube, a device',
    'nasogastric tube': 'a nasogastric tube, a device',
    'feeding tube': 'a feeding tube, a device',
    'chest tube': 'a chest tube, a device',
    'ivc filter': 'an IVC filter, a device',
    'caval filter': 'an IVC filter, a device',
    'z line': 'the Z-line, a junction',
    'free fluid': 'free fluid',
    'pelvicalyceal system': 'the pelvicalyceal (collecting) system',
    'pelvicaliceal system': 'the pelvicalyceal (collecting) system',
    'collecting system': 'the pelvicalyceal (collecting) system',
    flap: 'an intimal flap',
    varices: 'varices, dilated veins',
    varix: 'a varix, a dilated vein',
    urinoma: 'a urinoma, leaked urine',
    biloma: 'a biloma, leaked bile',
    'reboa balloon': 'a REBOA balloon, a device',
    'sengstaken balloon': 'a Sengstaken balloon, a device',
    'intragastric balloon': 'an intragastric balloon, a device',
    'button battery': 'a swallowed battery, a foreign body',
    battery: 'a swallowed battery, a foreign body',
    'bullet fragment': 'a bullet fragment, a foreign body',
    bullet: 'a bullet, a foreign body',
    fragment: 'a fragment, a foreign body',
    'foreign body': 'a foreign body',
    hilum: 'the hilum, where vessels and ducts enter',
    coil: 'an embolisation coil, a device',
    clip: 'a surgical clip, a device',
  }).flatMap(([noun, what]): [string, string][] => {
    const plural = noun.endsWith('is')
      ? `${noun.slice(0, -2)}es`
      : noun.endsWith('us')
        ? `${noun.slice(0, -2)}i`
        : noun.endsWith('s')
          ? `${noun}es`
          : `${noun}s`;
    const found = `${what}, a finding rather than a whole organ`;
    return [
      [noun, found],
      [plural, found],
    ];
  }),
);
/** A finding heading a noun phrase ("the cyst", "the left adrenal nodule"), for the patterns below. */
const FINDING_OBJECT = `(?:the|a|an|that|this) (?:(?:fat|fluid|air|gas|calcium|blood|lipid|mucin) containing )?(?:(?!(?:organ|organs|gland|glands|one|ones|with|containing|harbouring|harboring|having|has|that|which|whose|of|and|the|a|an|vein|veins|vessel|vessels|artery|duct|it|they|he|she|what)\\b)[a-z0-9]+ ){0,3}?(${[...FINDINGS.keys()].join('|')})(?! s\\b| is\\b| was\\b| are\\b)`;
/**
 * "Outline the tumour in the pancreatic head", "segment the cyst on the left kidney", "find the
 * ampulla of Vater": a request whose object is a finding, not the organ that holds it. A command is
 * needed ("A collision tumour in the left adrenal - highlight it" asks for the adrenal), and the
 * finding must head the object ("outline the organ with the tumour" asks for an organ) and stand
 * alone ("the ampulla and the organ it opens into" is a list).
 */
/** "the adrenal tucked behind the cava": "the cava" as the neighbour that places something (see its use). */
const CAVA_AS_PLACE =
  /(?<=\b(?:adrenals?|glands?|one)\b[^.?!]{0,40})\b(behind|beside|next to|posterior to|right behind|just behind|tucked behind|against|alongside|abutting|touching) the cava\b(?! (?:filter|clip)\b)/gi;
/** "cava" listed with the aorta or put in its place (see its use). */
const CAVA_BESIDE_AORTA =
  /(?<!\b(?:vena|inferior|superior|flat) )\bcava\b(?=,? (?:and|&|\+|plus) (?:the )?aorta\b)|(?<=\baorta(?:,|\.\.\.|\s*\+| and| &| plus)? (?:(?:and|&|plus|or|no|nope|wait|sorry|actually|oops|i mean)[,!]? ){0,3}(?:the )?)cava\b/gi;

/** "which of the options are veins", "which of your options is an artery" (see its use). */
const OPTIONS_OF_KIND =
  /\b(?:which|what) of (?:the|your|ur) (?:options|choices|letters) (is|are) (an? |the )?(?=(?:veins?|venous|arter(?:y|ies)|arterial)\b)/gi;
/** A line break after a line with no closing mark, before a line that opens with a word (see its use). */
const LINE_ENDS_SENTENCE = /([^.!?…,;:\s])[ \t]*\n\s*(?!(?:and|or|plus|then|\d)\b|[^a-z])/gi;
/** "the second of these three …: a, b, c" (see its use). */
const ORDINAL_BEFORE_LIST =
  /\bthe (first|second|third|fourth|last) (?:one |organ |item )?of (?:these|those|the following|this list)(?: (two|three|four|five))?\b[^:]{0,60}:\s*([^:]+)$/i;
/** The options' names as written when options are counted or ranged by name ("the option after the spleen"). */
const OPTION_NAMES =
  'liver|right kidney|spleen|pancreas|aorta|ivc|inferior vena cava|right adrenal(?: gland)?|left adrenal(?: gland)?|gallbladder|o?esophagus|stomach|duodenum|left kidney';
/** "from the liver down to the pancreas", "from A all the way to D" among the options (see its use). */
const OPTION_RANGE_BY_NAME = new RegExp(
  `\\bfrom (?:the )?(${OPTION_NAMES}) (?:down |up |all the way |right )?(?:through to|thru to|to|through|thru|till|until) (?:the )?(${OPTION_NAMES})\\b`,
  'i',
);
const OPTION_RANGE_BY_LETTER =
  /\b[Ff]rom ([A-M]) (?:down |up |all the way |right )(?:to|through|thru|till|until) ([A-M])\b|\blettered ([A-M]) (?:to|through|thru|till|until) ([A-M])\b/;
/** Words naming a course of radiotherapy after the organ it treats ("panc SBRT", "oesophagus RT"). */
const RADIOTHERAPY_WORDS = new Set([
  'sbrt',
  'sabr',
  'rt',
  'radiotherapy',
  'imrt',
  'vmat',
  'crt',
  'chemoradiotherapy',
  'chemoradiation',
  'radiation',
  'boost',
]);
/** A closing sentence "Swap to the aorta." or "Show the liver instead then." (see its use). */
const SWITCHED_AT_END =
  /(?<=[.!?]\s+)(?:(?:ok|okay|so|just|then|pls|please)[,]?\s+)*(?:swap|switch|change)(?: it| that| this)?(?: over| back)? to (?:the )?(?!(?:that|it|this|them|those|these|one)\b)([a-z][a-z ]{0,30}?)(?: instead| then| please| pls| thanks)*\s*[.!]*\s*$|(?<=[.!?]\s+)((?:(?:ok|okay|so|then|just|can you|could you|please|pls)\s+)*(?:show|outline|highlight|segment|mark|do)(?: me)? (?:the )?[a-z][a-z ]{0,30}?) instead(?: then| please| pls| thanks)*\s*[.!]*\s*$/i;
/** "option number 12", "the option whose letter is at position 8 (in the alphabet)" (see its use). */
const OPTION_NUMBERED =
  /\b(?:the )?(?:option|choice)(?: (?:number|no\.?|num|#)| whose letter is at position| at position)\s*(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen)\b(?! (?:squared|cubed|plus|minus|times|doubled|halved|over|divided)\b)(?: in the alphabet)?/gi;
/** A phrase whose last word is a finding ("an IVC filter", "the biliary stent"). */
const FINDING_HEAD = new RegExp(`\\b(?:${[...FINDINGS.keys()].join('|')})\\s*$`, 'i');
const FINDING_REQUEST = new RegExp(
  // ("Actually just outline the gallstone, not the organ": a correction word that opens the message)
  `^(?:(?:actually|ok|okay|so|oh|hmm|well|now) (?:, )?)?${NO_LATER_CORRECTION}(?:(?:(?:please |pls |can you |could you |can u |could u |would you )?(?:just |only )?(?:show|select|highlight|outline|mark|find|segment|trace|label|circle|draw around|draw round|draw|contour|delineate|shade|point out|point to|locate|identify|indicate)(?: me| us)? )(?:just |only )?|(?:just|only) |where s |where is |wheres )${FINDING_OBJECT}(?![^.?!;]* (?:(?:and|plus|with|as well as) (?:the|a|an|its|it s)\\b|:))(?= |$)`,
);
/**
 * "the papilla", "the fluid collection by the pancreas", "the liver cyst, not the liver": a finding
 * named alone, with no verb, and nothing else asked or listed.
 */
const BARE_FINDING = new RegExp(
  `^${NO_LATER_CORRECTION}${FINDING_OBJECT}(?= |$)(?!.*\\b(?:and|plus|also|as well|which|what|where|organ|organs|gland|show|outline|highlight|segment|mark|draw|trace|point|find|locate|it|its|them)\\b)`,
);
/**
 * "Show cortisol, the hormone the adrenal cortex makes", "show me the insulin molecule itself",
 * "show the bile itself, not the gallbladder": a substance cannot be outlined.
 */
const SUBSTANCE_REQUEST = new RegExp(
  `^${NO_LATER_CORRECTION}(?:(?:please |pls |can you |could you |can u |could u |would you )?(?:show|highlight|outline|segment|mark|draw|circle|paint|shade|colour|color)(?: in)?(?: me)? )(?:just |only )?(?:all (?:of )?(?:the )?|the )?(?:(?!(?:everything|all|whatever|whichever|what|which|organ|organs|gland|glands|one|ones|thing|things|structure|part|bit|cells?|with|in|of|and|on|from|near|around|inside|into|[a-z]+ing|[a-z]+es|makes|secretes) )[a-z]+ ){0,2}?(insulin|glucagon|cortisol|aldosterone|adrenaline|epinephrine|noradrenaline|norepinephrine|bile|urine|gastrin|secretin|renin|erythropoietin|hormone|hormones|enzyme|enzymes|stone|stones|calculus|calculi|gallstone|gallstones|juice|juices|ascites|pus|acid|fluid|bilirubin|chyme|chyle|stool|faeces|feces|contents|gas|air)(?= (?:itself|themselves|pls\\b|please\\b|plz\\b|molecules?|material|(?:that|which|it|they) |bubbles?\\b|pockets?\\b|levels?\\b|collections?\\b|locules?\\b|only|alone|impacted|stuck|lodged|sitting|floating|secreted|circulating|made|produced|released|pooled|pooling|collecting|collected|draining|filling|flowing|leaking|trapped|passing|moving|entering|leaving|carried|stored|held|churning|surrounding|around|coating|covering|in\\b|within|inside\\b|around\\b|(?:in|on) (?:this|the|my) (?:pic|image|scan|slice|picture|ct|mri)|inside (?:the |it|them)|[,.?!;:—-])|$)`,
);
/** "gas in the duodenum", "the stomach contents, not the wall": a substance named alone is asked for. */
const BARE_SUBSTANCE =
  /^(?:the )?(?:[a-z]+ )?(?:contents|gas|air|fluid|ascites|pus|bile|urine|chyme|stool)(?: (?:in|inside|within) (?:the )?[a-z]+)?(?: , not (?:the )?[a-z ]+)?(?: [.?!])*$/;
/** "…, no wait, the duct that …", "…; actually the ligament …": the clause a correction asks for. */
const CORRECTED_CLAUSE =
  /\b(?:no wait|wait no|no sorry|sorry|actually|i mean|i meant|scratch that|no no|no|on second thoughts?|second thoughts?|nope|oops)\b(?: ,)? (?:i want |show |show me |outline |make it )?(?:just |only )?((?:the|a|an|its|their) [^.?!]+?)(?: [.?!])*$/;
/** The start of a bare request up to its object: "can you show me only the …". */
const REQUEST_VERBS =
  'show|highlight|outline|mark|segment|trace|label|circle|draw|point out|point to|locate|find|isolate|shade|colour|color|display|mask|annotate|indicate|i (?:only |just )?want';
const requestStart = (verbs: string) =>
  `^(?:(?:ok|okay|now|so|and) )?(?:(?:please|pls|can you|could you|can u|could u|would you) )?(?:just |only )?(?:${verbs})(?: me| us)? (?:only |just )?(?:the |a )?`;
const REQUEST_START = requestStart(REQUEST_VERBS);
/** "The liver pushes one kidney down. Show me the other one.": a fact about one of a pair, then the other. */
const OTHER_OF_FACT =
  /\bone (kidney|adrenal)\b([^.?!;]*[.?!;]+)\s*(?:(?:ok|so|now|right|great)[,.!]?\s+)?(?:(?:please|pls|can you|could you)\s+)?(?:show|outline|highlight|segment|mark|find)(?: me| us)? the other(?: one| kidney| adrenal| gland)?\s*(?:please|pls)?\s*[.!?]*\s*$/i;
/** "the kidney on the left and the one on the right", "the adrenal on the screen's right and the other one on the screen's left" */
const PAIR_BOTH_SIDES =
  /\b(kidney|adrenal(?: gland)?) (?:on|to) the ((?:[a-z]+['’]s )?)(left|right)(?: side)?,? and the (?:other )?one (?:on|to) the \2(left|right)\b/i;
/** "displayed on the screen's right", "shown on the image's left": the participle goes. */
const SHOWN_ON_VIEW =
  /\b(?:displayed|shown|seen|appearing|visible) ((?:on|to) the (?:screen|image|monitor|viewer|display)['’]?s? )/gi;
/** "which options are both …", "every option that is … and …": options asked for by sets. */
const OPTIONS_IN_SETS =
  /\b(?:which|what|every|all|any)(?: of the)? (?:options|organs|ones|13|thirteen)\b|\b(?:the only|which) option\b/i;
/** Sets asked for together ("both paired and hollow", "lymphoid and hollow at once", "and also come in pairs"). */
const SETS_TOGETHER =
  /\b(?:both|at once|at the same time|simultaneously|and also)\b|\band (?:are|is|come|comes|make|makes|lie|lies)\b/i;
/** "the options after K and before N", "lettered after J (but before N)" (capital letters only). */
const LETTERS_BETWEEN =
  /\b(?:[Oo]ptions|[Ll]etters|[Oo]nes|labels)\b[^?]*?\b(?:after|following|past) (?:option |letter )?([A-M])\b,?\s*\(?(?:(?:but|and|yet)\s+)?before (?:option |letter )?([B-N])\b/;
/** "every option from A to M", "all the options A through M" (nothing left out after it) */
const EVERY_OPTION_A_TO_M =
  /\b(?:every|all(?: of)?(?: the)?|each) (?:options?|letters?) (?:from )?A ?(?:to|through|thru|-|–) ?M\b(?![^?]*\b(?:except|but|minus|other than|apart from|without|not|leave|skip|drop)\b)/;
/** Veins between two options: the organ each leaves and the one it ends in (standard anatomy). */
const VESSEL_ENDS: ReadonlyArray<readonly [RegExp, readonly OrganId[]]> = [
  [/\bleft renal vein\b/i, [13, 6]],
  [/\bright renal vein\b/i, [2, 6]],
  [/\bhepatic veins?\b/i, [1, 6]],
  [/\bcystic veins?\b/i, [9, 1]],
];
/** "connect which two options", "leaves one option and ends in another. Name both." */
const TWO_ENDS_ASKED =
  /\b(?:connects?|links?|joins?) which two (?:options|organs)\b|\bwhich two (?:options|organs) (?:do|does) (?:the )?[a-z ]+ (?:connect|link|join)\b|\b(?:leaves?|leave|begins? (?:in|at)|starts? (?:in|at)|comes? out of|exits?) one (?:option|organ)\b[^?]*\b(?:another|the other|a second)\b/i;
/** Drugs cleared almost wholly by the kidneys (doses cut in renal failure). */
const RENAL_DRUG =
  /\b(?:lithium|digoxin|metformin|gentamicin|amikacin|tobramycin|aminoglycosides?|vancomycin|gabapentin|pregabalin|enoxaparin|dabigatran|allopurinol)\b/i;
/** "which organs clear it", "cleared by which organs", "when which organs are failing" */
const KIDNEYS_CLEAR_ASKED =
  /\b(?:which|what) (?:organs?|options?)\b[^?]*\b(?:clear|clears|excrete|excretes|eliminate|eliminates|failing|fail|fails|impaired)\b|\b(?:cleared|excreted|eliminated|removed) (?:[a-z]+ ){0,3}by (?:which|what) (?:organs?|options?)\b/i;
/** "Of the thirteen options, which one is an artery?", "which option is the only vein?" */
const ONLY_VESSEL_OPTION =
  /(?:\b(?:of the (?:13|thirteen|options|list)|on (?:the|your) list)\b[^?]*\bwhich (?:one )?is (?:an? |the only )(?:artery|vein)|\bwhich (?:option|one of the (?:13|thirteen|options)) is (?:an? |the only )(?:artery|vein))\s*[?.!]*\s*$/i;
/** A tributary of the left renal vein, and the organ whose vein it joins asked for. */
const LEFT_RENAL_TRIBUTARY =
  /\bleft (?:adrenal|suprarenal|gonadal|testicular|ovarian) vein\b[^?]*\b(?:empties|drains|opens|joins|ends|enters|runs|flows)\b[^?]*\bthe vein (?:of|draining|from|that drains|which drains|coming from|leaving) (?:which|what) (?:option|organ|one)\b/i;
/** "which organ has Kupffer cells and hepatocytes?", "the organ made of liver cells". */
const LIVER_CELLS_ASKED =
  /\b(?:which|what) (?:organ|one|option)\b[^?.]*\b(?:has|have|contains?|is made of|made up of|is full of|houses?|is lined with)\b[^?.]*\b(?:hepatocytes?|liver cells)\b/i;
/** A gut traveller that never passes some of the listed organs. */
const NEVER_PASSED =
  /\b(?:food|barium|contrast|bolus|pill|tablet|capsule|meal|endoscope|gastroscope|scope)\b[^?]*\b(?:never|does not|doesn t|doesn't|do not|don't|won't|will not)\b (?:pass(?:es)? (?:through|into)|enters?|touch(?:es)?|go(?:es)? (?:through|into)|travels? through|reach(?:es)?)\b|\b(?:never|not) (?:passed|entered|touched|reached) by (?:swallowed )?(?:food|barium|contrast|a pill|the scope)\b/i;
/** A route into the arterial tree from below or from the heart (a catheter, contrast, blood). */
const ARTERIAL_ENTRY =
  /\b(?:femoral|iliac|umbilical|common iliac|internal iliac|external iliac) arter(?:y|ies)\b[^?]*\b(?:climbs?|climbing|enters?|entering|goes|passes|runs|threaded|advanced|reaches|next)\b|\b(?:leaves?|leaving|exits?|exiting|out of) the left ventricle\b/i;
/** "which organ of the list", "which of the 13", "which option": the route's organ is asked for. */
const ROUTE_ASKED =
  /\b(?:which|what) (?:organ|option|vessel|one)\b|\bwhich of (?:the )?(?:13|thirteen|options|list|these|A ?(?:to|-|–) ?M)\b|\borgan of the list\b/i;
/** "renal hilum pls", "ampulla of Vater on this?": such a place named alone, with no verb. */
const BARE_STRUCTURE =
  /^(?:the )?((?:left |right )?(?:renal|kidney) hil(?:um|us)|ampulla of vater|(?:major|minor) (?:duodenal )?papilla|porta hepati[sc]|renal pelvis)(?: (?:pls|please|plz|on this|on this one|on this slice|on this scan|on here|here|visible|anywhere))*\s*[?.!]*$/;
/** "where is the porta hepatis?", "renal pelvis - where?": a place with no outline of its own asked where. */
const STRUCTURE_WHERE =
  /(?:^|[.?!] )(?:(?:so|ok|okay|and|um|uh) )?(?:where is|where s|wheres|where are) (?:the )?((?:left |right )?(?:porta hepati[sc]|(?:splenic|renal|hepatic|kidney|spleen|liver) hil(?:um|us)|renal pelvis))\b(?! of (?:which|what)\b)|^(?:the )?(porta hepati[sc]|(?:splenic|renal|hepatic|kidney|spleen|liver) hil(?:um|us)|renal pelvis) [,.:—–-] (?:so )?where\b/;
/** A part of an organ that is the organ's own tissue ("pancreatic head", "right lobe", "renal cortex"). */
const TISSUE_PART =
  /\b(?:pancreatic|panc|pancreas) (?:head|tail|body|neck)\b|\bright lobe of (?:the )?liver\b|\b(?:right|left) renal cortex\b/;
/** Words that keep the rest of the organ out ("…, not the rest of it", "…, nothing else"). */
const REST_EXCLUDED =
  /\bnot the (?:rest|whole|entire|body|tail|head|neck)\b|\bnothing else\b|\bby itself\b|\bon its own\b|\balone\b|\bspecifically\b|\bjust that bit\b/;
/** The same, or a "where is …" (read only with a word that asks for the part alone). */
const PART_REQUEST_START = requestStart(
  `${REQUEST_VERBS}|where is|where s|wheres|i d like|i would like|give me`,
);
/**
 * "Outline Calot's triangle", "highlight the splenorenal ligament", "point to the zona glomerulosa":
 * a request for a structure that is no organ's mask (a region, fascia, ligament, hilum, or a layer
 * of a gland), whatever organ it lies on. (The ampulla and the papilla are in the duodenum's wall:
 * asked for alone they are a part, below.)
 */
const STRUCTURE_REQUEST = new RegExp(
  `${REQUEST_START}(?:left |right )?((?:calot s|calots|hepatocystic|cystohepatic) triangle|(?:(?:stabile s|passaro s) )?gastrinoma triangle|passaro s triangle|(?:gerota s|gerotas|renal|perirenal) fascia|porta hepati[sc]|(?:empty )?(?:gallbladder|gb) fossa|riedel s lobe|riedels lobe|segment [0-9ivx]+[ab]? of the liver|segment iv[ab]|(?:perirenal|perinephric|pararenal) fat|zona (?:glomerulosa|fasciculata|reticularis)|adrenal (?:medulla|cortex)|renal (?:medulla|pelvis|sinus|pyramids?)|glisson s capsule|glissons capsule|(?:[a-z]+ ){0,2}ligament|ligamentum [a-z]+|ligament of [a-z]+|(?:[a-z]+ )?hilum|islets(?: of langerhans)?|islet cells|loops? of henle|glomerul(?:us|i)|nephrons?|(?:proximal |distal )?(?:convoluted )?tubules?|collecting ducts?|juxtaglomerular (?:apparatus|cells)|macula densa|kupffer cells?|hepatocytes?|(?:hepatic )?sinusoids?|space of disse|acini|podocytes?|(?:lesser |greater )?omentum|(?:[a-z]+ )?sphincter(?: of oddi)?|mesentery|(?:transverse |sigmoid )?mesocolon|peritoneum)(?! of (?:which|what)\\b| and\\b)\\b`,
);
/**
 * "Show only the caudate lobe, not the rest of the liver", "gastric fundus only", "the uncinate
 * process on its own": a part of an organ asked for by itself. The model outlines whole organs.
 */
const PART_ALONE = new RegExp(
  `${PART_REQUEST_START}(?:(?!organ |one |whose |that |which )[a-z0-9]+ ){0,3}?((?:[a-z]+ )?(?:lobe|segment [0-9ivx]+[ab]?|segment|process|fundus|antrum|pylorus|cardia|body|head|tail|neck|bulb|cortex|medulla|pelvis|pole|capsule|dome|isthmus|ampulla|papilla|curvature|sphincter)(?: of (?:the )?[a-z]+)?)\\b(?! of (?:which|what)\\b)`,
);
/** "gastric fundus only", "liver segment 4 only pls", "the splenic hilum by itself pls": the part named alone, with no verb. */
const BARE_PART_ONLY =
  /^(?:just |only )?(?:the )?(?:[a-z0-9]+ ){0,2}((?:[a-z]+ )?(?:lobe|segment [0-9ivx]+[ab]?|process|fundus|antrum|pylorus|cardia|body|head|tail|neck|bulb|cortex|medulla|pelvis|pole|capsule|dome|isthmus|ampulla|papilla|hilum|hilus|sphincter)(?: of (?:the )?[a-z]+)?) (?:only|alone|by itself|on its own|specifically|itself|just that|only that|that only)(?: (?:pls|please|plz|thanks|thx))?$/;
const STRUCTURE_FIRST =
  /^(?:just |only )?(?:the )?((?:calot s|calots|hepatocystic|cystohepatic) triangle|(?:gerota s|gerotas) fascia|porta hepati[sc]|riedel s lobe|riedels lobe|renal pelvis|(?:perirenal|perinephric) fat|zona (?:glomerulosa|fasciculata|reticularis)|pyloric sphincter|sphincter of oddi)\b(?! (?:is|are|lies|contains|holds|of)\b)/;
/** "just the adrenal medulla", "Just the islets of Langerhans, nothing else": named with "just" or "only". */
const STRUCTURE_FIRST_ALONE =
  /^(?:(?:just|only) (?:the )?(adrenal (?:medulla|medullas|medullae|cortex|cortices)|(?:splenic|renal|hepatic) hil(?:um|us))|(?:just |only )?(?:the )?(islets(?: of langerhans)?))\b(?! (?:is|are|lies|contains|holds|of|makes|secretes|produces|releases)\b)/;
const PART_FIRST =
  /^(?:just |only )?(?:the )?(?:[a-z0-9]+ ){0,2}?((?:[a-z]+ )?(?:lobe|segment [0-9ivx]+[ab]?|process|fundus|antrum|pylorus|cardia|body|head|tail|neck|bulb|cortex|medulla|pelvis|pole|capsule|dome|isthmus|ampulla|papilla|hilum|hilus)(?: of (?:the )?[a-z]+)?)\b/;
/** A request for an organ that owns what was named before ("… outline the glands they belong to"). */
const OWNER_ASKED_AFTER =
  /\b(?:outline|show|highlight|segment|mark|contour|trace)(?: me| us)? (?:the|that|this|those|these|both|all)(?: [a-z]+)? (?:organ|organs|gland|glands|option|options|ones?)\b/;
const ALONE_MARKER =
  /\b(?:only|(?<!\b(?:on|over|upon|onto|in|into|around|back) )itself|on its own|by itself|alone|specifically|(?:just|only) that (?:bit|part|piece)|nothing else|not the (?:whole|rest|entire|organ|gland|cortex|medulla)|not the [a-z]+ (?:around|containing) it|just the (?:[a-z]+ )?(?:medulla|cortex|hilum|hilus))\b/;
/** The structure or part of an organ that a request asks for by itself (see above), if any. */
/** A part asked for, then the whole organ instead (see `partAsked`). */
const PART_TAKEN_BACK =
  /\b(?:eh|no|nah|actually|instead|wait|sorry|scratch that|hmm|on second thought)\b.*\b(?:just |only )?(?:do|show|outline|highlight|make it|want|give me)? ?(?:the|that) (?:whole|entire)\b/;
function partAsked(normalised: string): string | undefined {
  // ("the duodenal bulb specifically — eh, just do the whole duodenum": the part is taken back)
  if (PART_TAKEN_BACK.test(normalised)) return undefined;
  const structure = STRUCTURE_REQUEST.exec(normalised)?.[1];
  if (structure) return structure;
  // "where's the porta hepatis on here", "Porta hepatis, where exactly on this slice?" (not "…?
  // Outline its organ.")
  const where = STRUCTURE_WHERE.exec(normalised);
  if (
    where &&
    !OWNER_ASKED_AFTER.test(normalised) &&
    !/\b(?:its|their|whose) (?:organ|gland)\b|\bwhich organ\b/.test(normalised)
  )
    return where[1] ?? where[2];
  const bare = BARE_PART_ONLY.exec(normalised)?.[1];
  if (bare) return bare;
  // "calot's triangle for the lap chole teaching", "gallbladder neck only, not the whole thing"
  if (!normalised.split(' ').some((w) => ASK_WORDS.has(w) || w === 'whose')) {
    const alone = STRUCTURE_FIRST_ALONE.exec(normalised);
    const named = STRUCTURE_FIRST.exec(normalised)?.[1] ?? alone?.[1] ?? alone?.[2];
    // ("Zona glomerulosa, fasciculata, reticularis: outline the glands these layers belong to":
    // the structure sets the scene for a request for its organ)
    if (named && !OWNER_ASKED_AFTER.test(normalised)) return named;
    const first = PART_FIRST.exec(normalised)?.[1];
    if (first && ALONE_MARKER.test(normalised)) return first;
  }
  const part = PART_ALONE.exec(normalised);
  if (part && ALONE_MARKER.test(normalised)) return part[1];
  // "Baby with projectile vomiting, ?pyloric stenosis. Outline the pylorus on its own.": the last
  // sentence is the request.
  const last = /(?:^| )[.?!] (?=[a-z])((?:(?! [.?!] ).)+)$/.exec(normalised)?.[1];
  if (last) {
    const lastPart = PART_ALONE.exec(last);
    // ("…plus a C-shaped bowel segment. Show me only the bowel segment.": a segment of bowel is the duodenum.)
    if (lastPart && ALONE_MARKER.test(last) && !/\b(?:segment|body)$/.test(lastPart[1] ?? ''))
      return lastPart[1];
  }
  return undefined;
}
/** "Show the vein that drains the spleen": a request for a vessel, read like "which vein …". */
const VESSEL_REQUEST =
  /^(?:(?:please |can you |could you )?(?:show|highlight|outline|mark|find|segment|trace|label)(?: me)? )?(?:the|a|an) (?:[a-z0-9]+ ){0,2}?(artery|arteries|vein|veins|vessel|vessels)\b/;
/**
 * "the organ for option H", "choice (C)", "whats letter D again? outline it": an option of the
 * multiple-choice question by its letter ("answer A" and "reply with the letter B" are left alone:
 * that is how prompt injections read; so is a letter's shape, "like the letter J").
 */
const OPTION_LETTER =
  /\b(?:[Oo]ption|[Cc]hoice|OPTION|(?<!(?:like|shape of|shaped as|form of|as) (?:the |a |an )?|[a-z]+-|\b(?:[Rr]eply|[Rr]espond|[Oo]utput|[Aa]nswer|[Ss]ay|[Pp]rint|[Tt]ype|[Ww]rite|[Rr]eturn|[Ee]mit)(?: only)?(?: with)?(?: only)?(?: the| a| one)?(?: single| one| capital)? )[Ll]etter)\s*\(?([A-N]|[a-n](?=\)?\s*(?:[,.?!]|$|(?:pls|please|plz|thanks|thx)\b)))\)?(?![\w'’])/g;
/** A message of option letters and nothing else ("G", "E + F pls"). */
const BARE_LETTERS =
  /^\s*(?:(?:[Jj]ust|[Oo]nly|[Nn]ow|[Oo]k|[Oo]kay|[Pp]ls|[Pp]lease)\s+)?(?:(?:[Cc]an|[Cc]ould|[Ww]ould)\s+(?:you|u)\s+(?:please\s+|pls\s+)?)?(?:(?:[Ss]how|[Oo]utline|[Hh]ighlight|[Mm]ark)(?:\s+me)?\s+)?(?:(?:the )?[Ll]etter\s+)?[A-M](?:\s*(?:\+|,|&|and|(?:[,.?!—–-]|\.\.\.)?\s*(?:no wait|wait|sorry|actually|i mean|i meant|meant|no|nope)(?:\s*[,.]?\s*(?:wait|sorry|actually|i mean|i meant|meant))?\s*[,.]?)\s*[A-M])*\s*(?:(?:from|on|in|off) (?:your|the|ur) (?:list|options|choices)\s*)?(?:pls|please|plz|thanks|thx)?(?:[\s.!?]|\p{Extended_Pictographic}|\u{FE0F})*$/u;
/**
 * "c and m pls", "b, g", "E F and M", "highlight E, thx", "opt I", "show the H one": a message of
 * option letters (either case) and request words only, read as those options; undefined otherwise.
 * (A lone small "a" or "i" is a word, not an option.)
 */
function lettersOnly(question: string): AnswerLetter[] | undefined {
  // ("B - M" is a range, read with the others)
  if (/\b[A-Na-n]\s*[-–—]\s*[A-Na-n]\b/.test(question)) return undefined;
  const words = question
    .slice(0, 200)
    .replace(/[,.!?;:&+()—–]|\s-\s/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
  const letters: AnswerLetter[] = [];
  for (const [k, w] of words.entries()) {
    // ("i want to see b": a small "i" before a word is the speaker)
    if (
      (w === 'i' || w === 'I') &&
      /^(?:want|wanna|need|would|like|think|mean|meant|see|am|will|guess|get|have|had|got|could)$/.test(
        words[k + 1] ?? '',
      )
    )
      continue;
    if (/^[A-Na-n]$/.test(w)) letters.push(w.toUpperCase() as AnswerLetter);
    else if (!LETTER_MESSAGE_WORDS.has(w.toLowerCase())) return undefined;
  }
  if (letters.length === 0) return undefined;
  if (letters.length === 1 && words.length === 1 && /^[ai]$/.test(words[0] as string)) return undefined;
  return letters;
}
/** Words a message of option letters may hold besides the letters. */
const LETTER_MESSAGE_WORDS = new Set(
  "and plus also show outline highlight mark segment me the option options opt opts letter letters one ones pls please plz thx thanks ty just only both now ok okay can you u could do them those would i'd id i'll like want see for outlined highlighted shown marked segmented draw trace circle label give gimme gimmie lemme wanna need display together get pick choose go going with listed as it hey hi hello bot thank yo sup hiya heya oi um umm uh erm hmm lol then next asap quick quickly rn too in at once all two three four ta cheers ngl mate tho pic picture image".split(
    ' ',
  ),
);
/** "option B, sorry I meant option M": a later option corrects the one before. */
const CORRECTED_OPTION =
  /\b(?:sorry|i meant|i mean|meant|typo|actually|no wait|wait|scratch that|make (?:it|that)|oops)\b|(?:[,.]|\s[-–—])\s*(?:no|nope)\s*[,.]/i;
/** "Which of the 13 …?", "… which of the thirteen?": the answer is one of the options by the asker's word. */
const OPTIONS_ASKED =
  /\b(?:which|what) (?:one |ones )?of (?:the|these|those|your|the listed) (?:13|thirteen)\b/;
/** "Which of the 13 lie …?", "which ones of the thirteen are …?": several options asked for. */
const OPTIONS_PLURAL =
  /\b(?:13|thirteen) (?:are|lie|sit|pass|run|have|make|contain|live|belong|touch|drain|go|form)\b|\bwhich ones of\b/;
/** "which two options …": the number of options asked for. */
const COUNTED_OPTIONS = /\bwhich (two|three|four|2|3|4) options\b/;
/** "Show the options that are secondarily retroperitoneal", "which two options made blood in the fetus?" */
const OPTIONS_BY_PROPERTY =
  /\b(?:the|all(?: of)?(?: the)?|every|each) options? (?:that|which|(?=(?:a|an|the|food|blood|bile|urine|swallowed) ))\b|\bwhich (?:two|three|four|2|3|4) options\b|\bwhich of the options\b(?=.*\b(?:them|them all|all of them|those)\b)/;
/** "options J, K and L", "letters B and M" (capitals only: "a", "I" are words too). */
const LETTERS_ASKED =
  /\b(?:[Oo]ptions?|[Ll]etters?|[Cc]hoices?|[Ii]tems?)\s+([A-M](?:(?:\s*(?:,|and|&|\+|or|plus)\s*|\s+)(?!I\s+(?!(?:and|or|plus|please|pls|only|too|as|from|on|question)\b)[a-z])[A-M])+)\b(?![\w'’])/;
/** "whatever G is on ur list", "G on your list pls" */
/** "from your list: B and M" (not "everything on your list, I want …") */
const LETTERS_FROM_LIST =
  /\b(?:from|on|off) (?:your|ur|the) (?:list|options)\s*[:,-]?\s*(?!I\s+(?!(?:and|or|plus)\b)[a-z])([A-M](?:\s*(?:,|and|&|\+|plus)\s*[A-M])*)\b(?![\w'’])/;
/** "show me A and C from your list" */
const LETTERS_BEFORE_LIST =
  /\b(?:[Ss]how|[Hh]ighlight|[Oo]utline|[Mm]ark|[Ss]egment)(?: me)? ([A-M](?:\s*(?:,|and|&|\+|plus)\s*[A-M])*)\s+(?:from|on|off)\s+(?:your|ur|the)\s+(?:list|options)\b/;
const LETTER_ON_LIST = /\b([A-M])\b(?:\s+is)?\s+(?:on|in|from)\s+(?:your|ur|the|this)\s+(?:list|options)\b/;
const COUNT_WORDS = new Map<string, number>(
  [
    'one first',
    'two second',
    'three third',
    'four fourth',
    'five fifth',
    'six sixth',
    'seven seventh',
    'eight eighth',
    'nine ninth',
    'ten tenth',
    'eleven eleventh',
    'twelve twelfth',
    'thirteen thirteenth',
  ].flatMap((pair, k): [string, number][] => [
    ...pair.split(' ').map((w): [string, number] => [w, k + 1]),
    [String(k + 1), k + 1],
    [`${k + 1}${k === 0 ? 'st' : k === 1 ? 'nd' : k === 2 ? 'rd' : 'th'}`, k + 1],
  ]),
);
const LIST_NOUN =
  '(?:on|in|of|from) (?:your|ur|the|this)(?: a m| a to m| a n| a to n| 13| thirteen)? (?:list|options|choices|menu)';
/** "#5 on your list", "number 5 on the list", "item 3 of your options" */
const NUMBER_ON_LIST = new RegExp(
  `(?:#|\\bnumber |\\bno |\\bitem |\\boption )\\s*(\\d{1,2})(?: organ| one| item)? ${LIST_NOUN}\\b`,
);
/** "the first three on your list", "the last two options" */
const RUN_ON_LIST = new RegExp(
  `\\b(?:the )?(first|last) (two|three|four|five|six|2|3|4|5|6)(?: organs| ones| items| options| organ options| entries)?(?: ${LIST_NOUN}|(?<= options)(?= [.?!]| pls| please|$)|(?= (?:just |right )?before (?:the )?(?:none|none of them|option n|n)\\b))`,
);
const ORDINAL =
  '(?:last|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|[0-9]{1,2}(?:st|nd|rd|th))';
/** "the last organ in your A-M list", "the third one on your list", "1st and 3rd on the list" */
const PLACES_ON_LIST = new RegExp(
  `(?:^|\\bthe )(${ORDINAL}(?:(?: ,| and| &| plus)(?: the)? ${ORDINAL})*)(?:(?: organs?| ones?| items?| options?| organ options?| entr(?:y|ies))? ${LIST_NOUN}\\b| (?:organ )?(?:options?|choices?)(?= [.?!]| pls| please|$))`,
);
/** "the first vessel in your list", "the second kidney on the list": one of the two of a kind listed. */
const KIND_PLACE_ON_LIST =
  /\bthe (first|second|1st|2nd|last|former|latter) (vessel|kidney|adrenal(?: gland)?|gland) (?:in|on|of) (?:your|ur|the|this) (?:list|options|choices)\b/gi;
const KIND_ON_LIST: Record<string, readonly [string, string]> = {
  vessel: ['the aorta', 'the IVC'],
  kidney: ['the right kidney', 'the left kidney'],
  adrenal: ['the right adrenal', 'the left adrenal'],
  gland: ['the right adrenal', 'the left adrenal'],
};
/** "the one just before 'none' on the list" */
const BEFORE_NONE =
  /\b(?:just |right |immediately )?(?:before|above|preceding) (?:the )?(?:none|none of them|option n|n)\b(?: (?:on|in) (?:your|ur|the) (?:list|options))?/;
/** "highlight every organ on your list", "all of them on the list" (and nothing after it) */
const EVERY_ORGAN_ON_LIST = new RegExp(
  `\\b(?:(?:every organ|every one|everything|all(?: of)? the organs|all organs|all of them|all)(?: of)? ${LIST_NOUN}|all(?: of)? the (?:listed|13|thirteen) organs|all (?:13|thirteen) listed organs)(?: (?:that |which )?(?:you re|you are|u r|ur|you d be|you will be) able to (?:segment|outline|show|find|do|see|mark|detect)| (?:that |which )?(?:you|u) can (?:segment|outline|show|find|do|see|mark|detect))?(?: (?:pls|please|plz|thanks|thx|now|lol|haha|cheers|ty))*(?: [.?!])*$`,
);
/** …or followed by a clause that only says why ("…, I want to see the whole lot at once"). */
const EVERY_ORGAN_ON_LIST_THEN = new RegExp(
  `\\b(?:every organ|every one|everything|all(?: of)? the organs|all organs|all of them|all)(?: of)? ${LIST_NOUN}(?: (?:pls|please|plz|thanks|thx|lol|haha))? [,.;!—–-] (?!.*\\b(?:which|what|whats|where|how|except|but|not|only|just|without|apart|minus|exclude|excluding|leave|skip|drop|no)\\b)`,
);
/** "everything except the liver", "show me all organs but the kidneys" */
const EVERYTHING_BUT =
  /^(?:(?:please|pls|can you|could you) )?(?:(?:show|highlight|outline|mark|segment|label|circle|draw|colour|color)(?: me)? )?(?:everything|all organs|all the organs|all of the organs|all(?: of)? the listed organs|all listed organs|every organ|all 13|all thirteen|all 13 organs|all thirteen organs|all of them|all)(?: ,)? (?:except|exc|excl|apart from|but(?: (?:drop|leave out|remove|skip|lose|without|not))?|other than|minus|besides|excluding|bar|save)\b/;
const POLITE_TAIL =
  '(?: (?:you can (?:find|see|do|segment|get)|you (?:have|ve got|got|know|offer)|(?:available|listed)|on (?:this|the) (?:slice|image|scan)|pls|please|plz|thanks|thx|too|tbh|lol|haha|cheers|ty|honestly|mate|[,.] (?:all(?: of)?(?: the| your)? options|everything|all of them|all 13)))*(?: [.?!])*$';
const ASK_START =
  '^(?:(?:ok|okay|now|so|and|please|pls|can you|could you|can u|just|only) )*(?:(?:show|highlight|outline|mark|segment|draw|label|do|contour|trace|delineate|colour|color|circle)(?: me| us)? )?';
/** "outline everything", "all 13 pls", "segment every organ you can find" */
const EVERYTHING_ASKED = new RegExp(
  `${ASK_START}(?:everything|all 13|all thirteen|all the organs|all organs|all of the organs|every organ|all of them|the lot|all(?: of)?(?: the| your)? options|every option)${POLITE_TAIL}`,
);
/** "all 13 organs", "every option", "all of your choices" (see `NOT_ALL_THIRTEEN`) */
const ALL_THIRTEEN =
  /\b(?:all|every one of|each of)(?: of)?(?: the| your| ur| these| those)? (?:13|thirteen)\b|\b(?:all|each)(?: of)?(?: the| your| ur)? (?:options|choices)\b|\bevery (?:option|choice)\b/;
/** …unless the message asks which of them, or leaves some out. */
const NOT_ALL_THIRTEEN =
  /\b(?:which|what|whats|how|where|why|who|whose|that|except|but|other than|apart|minus|besides|excluding|without|not|none|don t|dont|bar|save|only|just|lettered|resected|removed|passes|pass|traverses|crosses|involved|affected|contains|containing|begins|starts|ends)\b/;
/** "nvm found it", "never mind, got it": the user found it themselves, so the request is withdrawn. */
const FOUND_IT = [
  ['found', 'it'],
  ['got', 'it'],
  ['i', 'found', 'it'],
  ['i', 'see', 'it'],
  ['see', 'it'],
];
const ALL_SHOWN =
  /\b(?:highlighted|outlined|shown|segmented|marked|labelled|labeled|coloured|colored|i d like|i want|give me)\b/;
/** "show the vessels", "all the great vessels you can do": the aorta and the IVC */
const VESSELS_ASKED = new RegExp(
  `${ASK_START}(?:all )?(?:of )?(?:the )?(?:(?:great|big|main|large|major|abdominal|two|2) )*(?:blood )?vessels(?: (?:among|in|on|from) (?:the |your |ur )?(?:answer )?(?:options|list|choices))?${POLITE_TAIL}`,
);
const VESSELS_NAMED = /^(?: the)?(?: two)?(?: great| big| main| large| major)?(?: blood)? vessels\b/;
/** "everything on your list except …", "all of your options apart from …" */
const EVERYTHING_EXCEPT = new RegExp(
  `\\b(?:everything|all|all of them|every organ|all organs|all the organs|all of the organs|the lot)(?: of)? ${LIST_NOUN} (?:except|apart from|but|other than|minus|besides|excluding|bar|save)\\b`,
);
/**
 * "Show all the organs on the list. Actually, leave out the two vessels", "A through M but leave out
 * the kidneys", "all thirteen organs on the list except the gallbladder": every option, then the
 * ones left out after it.
 */
const ALL_OPTIONS =
  /\b(?:a (?:through|thru|to) m|all (?:13|thirteen)(?: (?:organs|options|of them))?|every one of (?:the |your |ur )?(?:13|thirteen)(?: (?:organs|options|structures|items|things))?|all(?: of)?(?: the| your| ur)? (?:organs|options|listed organs|items|letters|entries)|every (?:organ|item|option|entry|letter|one)|everything)\b(?: (?:on|in|of|from) (?:your|ur|the|this) (?:list|options|choices))?/g;
/** "…, make that every organ on your list instead", "no, all of them": a correction to every option. */
const CORRECTED_TO_ALL =
  /\b(?:actually|make (?:that|it)|no|nope|wait|instead|i meant|i mean|scratch that|change (?:that|it) to|on second thoughts?)\b(?: [,.:;!—-])*(?: (?:hmm|um|ok|okay|so))?(?: (?:make (?:that|it)|just|give me|show me|show|do|outline|highlight|i want|i d like))*(?: all of them| all the organs| all organs| all of the organs| every (?:organ|option|one)| everything| all (?:13|thirteen)(?: organs| options)?| the whole list| all the options| all options)(?: (?:on|in) (?:your|ur|the) (?:list|options))?(?: instead)?(?: please| pls| thanks)?(?: [.!?])*$/;
const LEFT_OUT =
  /\b(?:except(?: for)?|apart from|other than|excluding|minus|without|but|leave out|leaving out|take out|taking out|skip|drop|remove|lose|bar)\b/;
const REST_OF_OPTIONS =
  /\b(?:give me|show me|show|do|outline|highlight|mark|segment)(?: me)? (?:the rest(?: of (?:the|your|ur) (?:options|list|organs|letters))?|everything else|all the others|all the rest|the remaining (?:options|organs|ones))\b/;
const LEFT_OUT_FIRST =
  /\b(?:no|not|without|minus|except|skip|drop|exclude|excluding|leave out|leaving out)\b/;
const EVERYTHING_BUT_N =
  /^(?:(?:please|pls|can you|could you|just) )?(?:(?:show|highlight|outline|mark|segment|do)(?: me)? )?(?:everything|all(?: of)? (?:the |your )?options|every option|all of them|all)(?: on (?:the|your) list)? (?:except|but|minus|apart from|other than) (?:option )?(?:n|none of them|none of the above)\b/;
/** ("…wait put the liver back": the verb, with "back" after the organ) */
const RE_INCLUDED =
  /\b(?:include|add|keep|put back|bring back|add back|(?:put|bring)(?= (?:the |that |this |those |these )?(?:[a-z]+ ){1,3}back\b))\b/;
const VESSELS_LEFT_OUT = /\b(?:two|both|the)(?: great| big| main| large| major)?(?: blood)? vessels\b/;
const RULED_OUT = /^(?:a red herring|the wrong answer|not the answer|a distractor|a decoy|a trap|wrong)\b/;
/** Words of a clause that asks again ("…but I meant to say liver AND gallbladder"). */
const WISH_WORDS = new Set(['meant', 'mean', 'want', 'wanted', 'need', 'needed', 'add', 'include', 'keep']);
/** A clause that says why an organ was taken back: it is already done, or plain to see. */
const REASON_WORDS =
  /\b(?:already|everyone|everybody|anyone|obvious|obviously|massive|huge|enormous|did|done|covered|labelled|labeled|said|mentioned|earlier|even though|always|mess|messy|annoying|useless|boring|i know where|irrelevant|not relevant|not needed|unneeded|doesn t matter|can wait|not important|unimportant|cancelled|canceled)\b/;
const MISTAKEN_FOR =
  /\b(?:keep|keeps|kept) (?:calling|labelling|labeling|mistaking) (?:it|them)(?: for)?\b|\b(?:mistake|mistakes|mistook|confuse|confuses|confused) (?:it|them) (?:for|with)\b|\b(?:call|calls|called) (?:it|them)\b/;
/**
 * Structures outside the 13 described by a fact that names one of them: the ovary of a Krukenberg
 * tumour, the jejunum past the ligament of Treitz, the SMA in front of the third part of the
 * duodenum, the terminal ileum that absorbs vitamin B12.
 */
const OUTSIDE_FACTS: ReadonlyArray<[RegExp, string]> = [
  [
    /\b(?:which|what) (?:[a-z0-9]+ ){0,2}veins? (?:[a-z]+ ){0,2}drains? (?:the )?liver\b/,
    'The liver drains through the hepatic veins into the IVC; the hepatic veins are not among the 13 options, so the answer is N (None of them).',
  ],
  [
    /\bkrukenberg\b.*\b(?:lands?|ends up|grows?|settles?) (?:in|on)\b|\bkrukenberg\b.*\b(?:sits|lies|is found|found|located|arises) in (?:which|what)\b/,
    'A Krukenberg tumour is a metastasis in the ovary, which is not one of the 13 abdominal organs, so the answer is N (None of them).',
  ],
  [
    /\bbillroth (?:ii|2|two)\b.*\b(?:joins?|joined|connects?|connected|anastomos\w*)\b.*\b(?:which|what) (?:bowel|loop|part|segment)\b/,
    'A Billroth II joins the gastric remnant to a loop of jejunum, which is not one of the 13 abdominal organs, so the answer is N (None of them).',
  ],
  [
    /(?<!\bnot )\bcushing s disease\b.*\b(?:where|(?:which|what) gland (?:harbours|harbors|contains|has|holds|hides))\b|\bwhere\b.*(?<!\bnot )\bcushing s disease\b|(?<!\bnot )\bcushing s disease\b(?!.*\b(?:adrenals?|suprarenals?|adrenalectomy|cortisol)\b).*\b(?:source|culprit|origin)\b/,
    "In Cushing's disease the adenoma is in the pituitary gland, which is not one of the 13 abdominal organs, so the answer is N (None of them).",
  ],
  [
    /\b(?:organ|one|part|bit|where)\b(?: [a-z]+){0,3} (?:that )?(?:actually )?absorbs? (?:vitamin )?b12\b/,
    'Vitamin B12 is absorbed in the terminal ileum, which is not one of the 13 abdominal organs, so the answer is N (None of them).',
  ],
  [
    /\b(?:dunbar|median arcuate ligament)\b.*\b(?:compress\w*|squeez\w*|pinch\w*)\b/,
    'In Dunbar (median arcuate ligament) syndrome the coeliac trunk is compressed; it is not one of the 13 options, so the answer is N (None of them).',
  ],
  [
    /\bhorseshoe kidney\b.*\b(?:caught|trapped|hooked|stuck|held|snagged)\b(?: [a-z]+){0,2} (?:under|by|beneath) (?:which|what|that|the) (?:vessel|artery)\b/,
    'The isthmus of a horseshoe kidney is caught under the inferior mesenteric artery, which is not one of the 13 options, so the answer is N (None of them).',
  ],
  [
    /\b(?:just |right |immediately )?(?:past|beyond|after|distal to) the ligament of treitz\b/,
    'Past the ligament of Treitz the bowel is the jejunum, which is not one of the 13 abdominal organs, so the answer is N (None of them).',
  ],
  [
    /\b(?:which|what) (?:artery|vessel)\b.*\b(?:crosses|passes|runs|lies) (?:in front of|anterior to|over) the (?:third|3rd) part of the duodenum\b/,
    'The superior mesenteric artery crosses in front of the third part of the duodenum; it is not one of the 13 options, so the answer is N (None of them).',
  ],
  [
    /^(?!.*\b(?:intrinsic factor|made|makes|produces|secretes)\b).*(?:\b(?:site|place|organ|where)\b.*\b(?:vitamin )?b12 (?:absorption|is absorbed|gets absorbed)\b|\babsorbs? (?:vitamin )?b12\b)/,
    'Vitamin B12 is absorbed in the terminal ileum, which is not one of the 13 abdominal organs, so the answer is N (None of them).',
  ],
];
const OFF_TOPIC_REQUEST = new RegExp(
  [
    '^(?:(?:please|pls|can you|could you|can u|just|now|ok|okay|instead) )*(?:write|compose|tell|give)(?: me| us)? (?:a |an )?(?:short |little |quick |funny )?(?:poem|song|story|joke|haiku|limerick|essay|rhyme)\\b',
    // "not asking to outline anything, just …"
    '\\bnot asking (?:you |u )?(?:to |for )?(?:outline|show|segment|draw|mark|highlight|contour|anything)\\b(?: anything)?',
    '^(?:(?:please|pls|can you|could you|can u|how do you|how do i) )?spell\\b',
    '\\bmake (?:this|the|my) (?:slice|image|scan|picture|pic)(?: look)? (?:prettier|nicer|brighter|darker|sharper|better|bigger|smaller)\\b',
    '\\b(?:don t|dont|do not) (?:need|want) (?:anything|any organ|any organs) (?:highlighted|outlined|shown|segmented|marked)\\b',
    '\\b(?:was|i was|i m|im) just testing\\b',
  ].join('|'),
);
/** Substances and the organs that make them. */
const SUBSTANCE_MAKERS: ReadonlyArray<[string, readonly OrganId[]]> = [
  ['bile|albumin|clotting factors|bile acids|bile salts', [1]],
  ['insulin|glucagon|somatostatin|pancreatic juices?|lipase|amylase|trypsin', [4]],
  ['cortisol|aldosterone|adrenaline|epinephrine|noradrenaline|norepinephrine|catecholamines', [7, 8]],
  ['renin|erythropoietin|epo|urine|calcitriol', [2, 13]],
  ['gastrin|pepsin|pepsinogen|intrinsic factor|stomach acid|gastric acid|hydrochloric acid|hcl', [11]],
  ['secretin|cholecystokinin|cck', [12]],
];
/** The organ(s) that make a substance named in SUBSTANCE_MAKERS. */
function makerOf(substance: string): readonly OrganId[] | undefined {
  return SUBSTANCE_MAKERS.find(([names]) => new RegExp(`^(?:${names})$`).test(substance))?.[1];
}
/** "where is bile made?", "the organ where insulin gets produced" (passive: made there). */
const SUBSTANCE_MADE = new RegExp(
  `(?<!\\bnot )\\b(?:where|which organ|what organ|which gland|what gland|the organ|the gland|the place)\\b(?: (?:is|s|are|does|do|the|all|most|of|our|your|my|body|in|within))* (${SUBSTANCE_MAKERS.map(([names]) => names).join('|')}) (?:is |are |gets |get |being |normally |actually |first )*(?:made|produced|synthesi[sz]ed|manufactured|secreted|formed|generated)\\b`,
);
/** "Renin is made by a paired organ in the list. Segment the pair." (made by the organ asked for) */
const SUBSTANCE_MADE_BY = new RegExp(
  `^(?:the )?(${SUBSTANCE_MAKERS.map(([names]) => names).join('|')}) (?:is|are) (?:mainly |mostly |normally |chiefly )?(?:made|produced|synthesi[sz]ed|manufactured|secreted|released) (?:by|in) (?:a|an|one|the) (?:[a-z]+ ){0,3}(?:organ|organs|gland|glands|pair)\\b`,
);
const LISTED = '(?:on|in|from) (?:your|the|ur) (?:list|options|choices)';
/** A property that picks the options: the words that name it in the first group that matched. */
const PROPERTY_OF_LISTED = new RegExp(
  `\\b(?:all|every|each)(?: of)?(?: the)? (?:items?|organs?|ones?|options?|entries|things?) ${LISTED} (?:that|which) ([a-z ]+)|\\b(?:all|every)(?: of)?(?: the)? ([a-z]+) (?:organs|ones|structures|items|options) ${LISTED}\\b|\\bwhich (?:items|organs|ones|options) ${LISTED} (?:are|is) ([a-z ]+)|\\bwhich (?:items|organs|ones|options) ((?:come|comes|are|is) [a-z ]+?) ${LISTED}\\b|\\bwhich (?:of (?:your|the|ur) )?(?:options|choices) ((?:come|comes|are|is|form|belong) [a-z ]+)|\\bthe ((?:[a-z]+ ){1,4})(?:ones|organs|parts|items|options|versions of the [a-z]+ organs) ${LISTED}\\b(?! (?:that|which|whose|who)\\b)`,
);
/** "show everything an OGD scope passes through", "all the organs inside Gerota's fascia" */
const EVERYTHING_THAT =
  /^(?:(?:please|pls|can you|could you) )?(?:show|highlight|outline|mark|segment)(?: me)? (?:everything|all the organs|all organs|every organ|all of the organs|all the structures|all the (?:paired|solid|hollow|retroperitoneal|intraperitoneal|endocrine) (?:organs|ones|structures)|every (?:(?:paired|solid|hollow|retroperitoneal|intraperitoneal|endocrine|unpaired|blood)(?: ,| and)? ){1,3}(?:organ|one|structure|vessel)|(?:all|every) (?:of )?(?:the )?(?:items?|options?|entries|entry|things?) (?:on|in) (?:your|the) (?:option )?(?:list|options)|every (?:organ|one) (?:on|in) (?:your|the) (?:option )?(?:list|options)|every one of (?:your|the) (?:13 |thirteen )?options|every (?:segment|part|portion) of the|the (?:right|left)(?: hand)? (?:member|one|half) of (?:every|each) pair)\b/;
/** "…upper limit of normal. Which organ is inflamed?": an organ is asked for all the same. */
const ORGAN_NAMED_AS_ANSWER =
  /\b(?:which|what)(?: (?:two|three|2|3|other|abdominal|retroperitoneal|solid|hollow|paired|main|large|great|big))? (?:organ|organs|gland|glands|structure|vessel|one|tube|pipe|bag|sac|part|bowel|artery|vein)\b/;
const HEAD_WORDS = new Set([
  ...HEAD_NOUNS.split('|'),
  ...['neighbour', 'neighbor', 'partner', 'counterpart', 'twin'],
]);
/** Pronouns that point back to an organ named before ("the vessel it drains into"). */
const BACK_REFERENCES = new Set(['it', 'its', 'they', 'them', 'their']);
// ("Outline the gland whose main duct ends at the ampulla": a request for a described kind too)
const TYPED_HEAD = new RegExp(
  `\\b(?:which|what|whats)\\b(?: [a-z0-9]+){0,3}? (${HEAD_NOUNS})\\b|\\b(?:outline|show|highlight|segment|mark)(?: me)? the (${HEAD_NOUNS})(?= (?:whose|that|which)\\b(?![^.?!]*\\b(?:and|plus|with) (?:the|its|that|this)\\b))`,
);

/** Words ending in -ing that are not participles ("the organ during …", "the thing"). */
const NOT_PARTICIPLE =
  '(?!(?:during|something|nothing|anything|everything|bring|thing|king|ring|string|morning|evening|spring)\\b)';
const DESCRIPTIVE_HEADS: readonly RegExp[] = [
  new RegExp(
    `\\b(which|what|whats)\\b(?: [a-z0-9]+){0,3}? (${HEAD_NOUNS}|kidney|kidneys|adrenal|adrenals)\\b`,
  ),
  new RegExp(
    `\\b(the|an|a|this|that) (?:[a-z0-9]+ )?(${HEAD_NOUNS}) (that|which|who|responsible|involved|where|whose|located|found|producing|making|storing|lying|sitting|used|in charge)\\b`,
  ),
  // "…, the one returning blood to the heart" (not "…, not the one hugging the aorta": a take-back).
  new RegExp(
    `(?<!\\b(?:not|except|but|without|skip|minus) )\\b(the) (one) (${NOT_PARTICIPLE}[a-z]{3,}ing)\\b`,
  ),
  // "the C-shaped loop of bowel hugging the head of the pancreas": any participle after a noun of kind.
  new RegExp(
    `\\b(the|an|a|this|that) (?:[a-z0-9]+ ){0,2}(${HEAD_NOUNS.split('|')
      .filter((n) => !['one', 'ones', 'pipe', 'tube', 'bag', 'pump', 'sac'].includes(n))
      .join(
        '|',
      )})(?: of (?:the )?(?:bowel|gut|intestine|small bowel|small intestine))? (${NOT_PARTICIPLE}[a-z]{3,}ing)\\b`,
  ),
  // "the J-shaped bag the oesophagus empties into": a relative clause without "that".
  new RegExp(
    `\\b(the|a) (?:[a-z0-9]+ ){0,2}(${HEAD_NOUNS}) (?:the|its) (?:[a-z]+ ){1,2}(empties|empty|drains|drain|opens|open|leads|lead|sits|sit|lies|lie|runs|run|passes|pass|joins|join|feeds|feed|touches|wraps|hugs|cradles|supplies|enters|enter|rests|rest)\\b`,
  ),
  // Not "…can u segment that one": a command's object.
  new RegExp(`\\b(${HEAD_NOUNS}) (that(?! (?:one|organ|gland|thing|bit)\\b)|which|responsible|involved)\\b`),
  /\bwhere (is|are|does|do|did|s|would|can|could|will)\b/,
  // "The renal arteries come off what?": the question word closes the clause as an object.
  /\b(off|from|to|into|with|behind|under|above|below|beside) (what|which)(?: [?.!]|$)/,
  /\b(what|which) (stores|makes|produces|filters|secretes|carries|pumps|breaks|digests|controls|regulates|connects|receives|releases|returns)\b/,
];

const PAIR_FUNCTION = new Map<string, string>(
  ORGAN_KNOWLEDGE.filter((k) => k.organIds.length === 2).map((k) => [
    [...k.organIds].sort().join(','),
    k.functionSentence,
  ]),
);
const OUTSIDE_EXPLANATION = new Map(OUTSIDE_KNOWLEDGE.map((k) => [k.topic, k.explanation]));

const LEXICON_BY_FIRST = new Map<string, LexiconEntry[]>();
for (const entry of LEXICON) {
  const first = entry.tokens[0];
  if (first === undefined) continue;
  const list = LEXICON_BY_FIRST.get(first) ?? [];
  list.push(entry);
  LEXICON_BY_FIRST.set(first, list);
}
for (const list of LEXICON_BY_FIRST.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
const LEXICON_WORDS = new Set(LEXICON.flatMap((e) => e.tokens));
/** One-word names of the 13 ("gb", "kidney", "panc"), to tell a named organ from other things. */
const ORGAN_NAME_WORDS = new Set(
  LEXICON.filter((e) => e.target.kind === 'organ' && e.tokens.length === 1).map((e) => e.tokens[0] as string),
);

export function createQuestionResolver(options: QuestionResolverOptions = {}): QuestionResolver {
  const maxChars = options.maxChars ?? DEFAULT_MAX_QUESTION_CHARS;
  const minSimilarity = options.minSimilarity ?? DEFAULT_MIN_SIMILARITY;
  const cache = new ContextCache(options.cacheTuning);
  const classifier = options.classifier === undefined ? shippedClassifier() : options.classifier;
  const classifierWeight = options.classifierWeight ?? DEFAULT_CLASSIFIER_WEIGHT;
  const outsidePenalty = options.outsidePenalty ?? DEFAULT_OUTSIDE_PENALTY;
  const minOrganProbability = options.minOrganProbability ?? DEFAULT_MIN_ORGAN_PROBABILITY;

  /**
   * "the viewer's right", "on the left of the screen": the patient's other side (on an axial slice
   * the patient's right is on the viewer's left), so the side word is read as that side.
   */
  function viewerSides(tokens: Token[]): Token[] {
    const text = (j: number) => tokens[j]?.text ?? '';
    const viewNounAt = (j: number) =>
      VIEW_NOUNS.has(text(j)) || (ARTICLES.has(text(j)) && VIEW_NOUNS.has(text(j + 1)));
    // "my left as I look at the monitor", "(my left, not the patient's)": the viewer speaks.
    // ("ok bot, I'm the patient. show my right kidney": the patient speaks of their own side)
    const joined = tokens.map((t) => t.text).join(' ');
    const viewerSpeaks =
      tokens.some((t) => VIEWER_WORDS.has(t.text)) && !/\bi (?:m|am) (?:the|a|your) patient\b/.test(joined);
    // "left kidney (screen left I mean)", "the right kidney from where I'm sitting looking at the
    // monitor": one side, said to be the viewer's anywhere in the message, turns round everywhere.
    const sides = new Set(tokens.flatMap((t) => (t.boundary ? [] : (SIDE_WORDS.get(t.text) ?? []))));
    const clarified =
      sides.size === 1 &&
      // ("…the patient's left": the patient's side is named too; "…whatever that is for the
      // patient" names none)
      !/\bpatients?(?: s)? (?:own )?(?:left|right)\b/.test(joined) &&
      VIEWER_CLARIFIED.test(joined);
    if (clarified)
      return tokens.map((t) => {
        const side = t.boundary ? undefined : SIDE_WORDS.get(t.text);
        return side ? { ...t, text: side === 'left' ? 'right' : 'left' } : t;
      });
    return tokens.map((t, j) => {
      // "the gland sitting right on top of the left kidney": "right" before a place word, not after
      // an article or a possessive, is "just", not a side.
      if (
        t.text === 'right' &&
        RIGHT_ADVERB_NEXT.has(text(j + 1)) &&
        !tokens[j + 1]?.boundary &&
        !RIGHT_SIDE_BEFORE.has(text(j - 1))
      )
        return { ...t, text: 'just' };
      // "R kidney", "L sided pyelo": a capital side letter, or a small one before a side's noun.
      const letter = SIDE_LETTERS.get(t.text);
      if (letter && !t.boundary && tokens[j + 1] && !tokens[j + 1]?.boundary) {
        const next = text(j + 1);
        const sideNoun =
          LETTER_SIDE_NOUNS.has(next) ||
          (t.raw === t.raw.toUpperCase() &&
            (LEXICON_WORDS.has(next) ||
              /tomy$/.test(next) ||
              // ("L percutaneous nephrostomy planned": a procedure's adjective between)
              (['percutaneous', 'laparoscopic', 'open', 'robotic', 'lap'].includes(next) &&
                /tomy$|^nephr|^adrenal/.test(text(j + 2)))));
        if (sideNoun) return { ...t, text: letter };
      }
      // "stranding on the L, CRP 230": a capital side letter after "on the" that ends its clause.
      if (
        letter &&
        t.raw === t.raw.toUpperCase() &&
        text(j - 1) === 'the' &&
        text(j - 2) === 'on' &&
        (tokens[j + 1]?.boundary ?? true)
      ) {
        return { ...t, text: letter };
      }
      // "kidny L", "adrenal R pls": a capital side letter right after a paired organ's name.
      if (
        letter &&
        !t.boundary &&
        t.raw === t.raw.toUpperCase() &&
        /^(?:kid|adr|suprarenal)/.test(text(j - 1)) &&
        ((tokens[j + 1]?.boundary ?? true) ||
          ['pls', 'please', 'plz', 'only', 'asap', 'then', 'with'].includes(text(j + 1)) ||
          // ("kidney L and the spleen", not "kidney L and R")
          (['and', 'plus'].includes(text(j + 1)) && !SIDE_LETTERS.has(text(j + 2))))
      ) {
        return { ...t, text: letter };
      }
      const side = SIDE_WORDS.get(t.text);
      if (!side || t.boundary) return t;
      const before =
        VIEW_NOUNS.has(text(j - 1)) ||
        (text(j - 1) === 's' && VIEW_NOUNS.has(text(j - 2))) ||
        (text(j - 1) === 'my' && viewerSpeaks);
      // "the right-hand side of the screen"
      const h = text(j + 1) === 'hand' ? j + 1 : j;
      // ("the kidney closest to the left edge of the image", "in the left half of the picture")
      const ofAt =
        text(h + 1) === 'of' ? h + 2 : SIDE_PARTS.has(text(h + 1)) && text(h + 2) === 'of' ? h + 3 : -1;
      // "the kidney on the right as I look at the screen", "adrenal on my left as I view it"
      // ("right kidney as I see it on my phone": the organ's name may stand between)
      const as =
        text(h + 1) === 'as'
          ? h + 1
          : ['kidney', 'adrenal', 'one'].includes(text(h + 1)) && text(h + 2) === 'as'
            ? h + 2
            : -1;
      const asISee =
        as > 0 &&
        ['i', 'we', 'you', 'u'].includes(text(as + 1)) &&
        ['look', 'view', 'see', 'am', 'm', 're', 'are', 'read', 'face'].includes(text(as + 2)) &&
        text(j - 1) !== 'patient' &&
        !(text(j - 1) === 's' && text(j - 2) === 'patient') &&
        text(j - 1) !== 'patients';
      const after =
        asISee ||
        (ofAt > 0 && viewNounAt(ofAt)) ||
        [1, 2, 3, 4].some(
          (k) => text(j + k) === 'displayed' || (text(j + k) === 'on' && text(j + k + 1) === 'screen'),
        );
      if (!before && !after) return t;
      return { ...t, text: side === 'left' ? 'right' : 'left' };
    });
  }

  /**
   * "segmenttheliver", "rightkidney": a long unknown word that splits wholly into known request
   * words, at least one of them an organ name, is read as those words.
   */
  function splitRunTogether(tokens: Token[]): Token[] {
    const known = (x: string) => SPLIT_WORDS.has(x) || LEXICON_WORDS.has(x);
    const out: Token[] = [];
    for (const token of tokens) {
      const w = token.text;
      if (token.boundary || w.length < 8 || known(w) || cache.vocabulary.has(w) || !/^[a-z]+$/.test(w)) {
        out.push(token);
        continue;
      }
      // best[i]: a split of w[0..i) into known words of 2+ letters, fewest pieces first
      const best: (string[] | undefined)[] = [[]];
      for (let i = 1; i <= w.length; i++) {
        for (let j = Math.max(0, i - 20); j <= i - 2; j++) {
          const head = best[j];
          const piece = w.slice(j, i);
          if (!head || !known(piece)) continue;
          if (!best[i] || head.length + 1 < (best[i] as string[]).length) best[i] = [...head, piece];
        }
      }
      const pieces = best[w.length];
      const organWord = (p: string | undefined) =>
        p !== undefined && LEXICON_WORDS.has(p) && !SPLIT_WORDS.has(p);
      // "gastrosplenic", "hepatorenal": two organ words run together are a medical compound, not a
      // run-together request.
      const compound = pieces?.some((p, k) => organWord(p) && organWord(pieces[k + 1]));
      if (pieces && pieces.length > 1 && !compound && pieces.some((p) => organWord(p))) {
        for (const p of pieces) out.push({ text: p, raw: p, boundary: false });
      } else {
        out.push(token);
      }
    }
    return out;
  }

  function correctTypos(tokens: Token[]): boolean {
    let corrected = false;
    let lookups = 0;
    const seen = new Map<string, string | undefined>();
    for (const token of tokens) {
      const w = token.text;
      if (token.boundary || /\d/.test(w)) continue;
      if (LEXICON_WORDS.has(w) || cache.vocabulary.has(w) || STOPWORDS.has(w) || NOT_TYPOS.has(w)) continue;
      // "pncrs", "stmch", "kdny": an organ name typed without its vowels.
      const unvowelled = SKELETON_TARGETS.get(w) ?? SKELETON_TARGETS.get(w.replace(/(.)\1+/g, '$1'));
      if (unvowelled) {
        token.text = unvowelled;
        corrected = true;
        continue;
      }
      if (w.length < 5) continue;
      if (seen.has(w)) {
        const again = seen.get(w);
        if (again) {
          token.text = again;
          corrected = true;
        }
        continue;
      }
      if (++lookups > MAX_TYPO_LOOKUPS) break;
      let best: string | undefined;
      let bestDistance = 3;
      let tie = false;
      for (const candidate of FUZZY_TARGET_WORDS) {
        // Two edits for long words ("gallbladdr"), and for mid-length ones that keep the first three
        // letters ("stomak"): typos rarely hit the start of a word, and "arsenal" stays "arsenal".
        const maxEdits =
          w.length >= 8 || (w.length >= 6 && candidate.length >= 7 && w.slice(0, 3) === candidate.slice(0, 3))
            ? 2
            : 1;
        const d = editDistance(w, candidate, maxEdits);
        if (d > maxEdits) continue;
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
          tie = false;
        } else if (d === bestDistance && candidate !== best) {
          tie = true;
        }
      }
      seen.set(w, best && !tie ? best : undefined);
      if (best && !tie) {
        token.text = best;
        corrected = true;
      }
    }
    return corrected;
  }

  function findMentions(tokens: Token[]): Mention[] {
    const mentions: Mention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.boundary) continue;
      const candidates = LEXICON_BY_FIRST.get(token.text);
      if (!candidates) continue;
      for (const entry of candidates) {
        const end = i + entry.tokens.length;
        if (end > tokens.length) continue;
        let ok = true;
        for (let k = 0; k < entry.tokens.length; k++) {
          const t = tokens[i + k] as Token;
          if (t.boundary || t.text !== entry.tokens[k]) ok = false;
          // Lower-case "rag"/"lag" count only right after a command: "segment rag".
          else if (entry.capitalsOnly && t.raw !== t.raw.toUpperCase() && !lowerCaseAbbreviationOk(tokens, i))
            ok = false;
          if (!ok) break;
        }
        if (!ok) continue;
        // "a tongue-like extension", "heart-shaped": an outside name that only gives a shape.
        if (
          entry.target.kind === 'outside' &&
          (['like', 'shaped'].includes(tokens[end]?.text ?? '') ||
            (tokens[end]?.text === 'of' && tokens[end + 1]?.text === 'tissue'))
        )
          continue;
        // "rihgt adrenal", "lfet kidney": a misspelt side word right before a paired organ.
        const before = tokens[i - 1];
        if (entry.target.kind === 'organ' && entry.target.family && before && !before.boundary) {
          for (const sideWord of ['left', 'right']) {
            if (
              before.text !== sideWord &&
              before.text.length >= 4 &&
              editDistance(before.text, sideWord, 1) <= 1
            ) {
              before.text = sideWord;
            }
          }
        }
        mentions.push({
          start: i,
          end,
          target: entry.target,
          adjective: entry.adjective === true,
          role: 'direct',
        });
        i = end - 1;
        break;
      }
    }
    // "RCC with thrombus up the IVC: outline the kidney and the vein": a bare "the vein" ("the
    // artery") after the IVC (the aorta) was named is that vessel again.
    for (let i = 1; i < tokens.length; i++) {
      const vessel = VESSEL_BACK.get((tokens[i] as Token).text);
      const pointer = tokens[i - 1]?.text ?? '';
      // ("Left adrenal nodule. Outline the contralateral gland.": the other side, applyRemainingOfPair.)
      if (!vessel || !(VESSEL_BACK_BEFORE.has(pointer) || (vessel === 'gland' && OTHER_BEFORE.has(pointer))))
        continue;
      // ("…between the aorta and which artery? Highlight that artery.": the one asked about.)
      const word = (tokens[i] as Token).text;
      if (tokens.some((t, k) => (t.text === 'which' || t.text === 'what') && tokens[k + 1]?.text === word))
        continue;
      if (mentions.some((m) => m.start <= i && i < m.end)) continue;
      const next = tokens[i + 1];
      if (next && !next.boundary && !VESSEL_BACK_NEXT.has(next.text) && !OTHER_BEFORE.has(pointer)) continue;
      const named = mentions.find(
        (m) =>
          m.end <= i &&
          m.target.kind === 'organ' &&
          (vessel === 'gland'
            ? m.target.ids.length === 1 &&
              ADRENAL_IDS.includes(m.target.ids[0] as OrganId) &&
              mentions.every(
                (x) =>
                  x.end > i ||
                  x.target.kind !== 'organ' ||
                  !x.target.ids.some((id) => GLAND_IDS.includes(id)) ||
                  (m.target.kind === 'organ' && x.target.ids.join() === m.target.ids.join()),
              )
            : m.target.ids.length === 1 && m.target.ids[0] === vessel),
      );
      // ("pancreas, duodenum and the SMV - actually leave the vein out": the vein named before is
      // outside the 13.)
      const outsideVessel =
        named || vessel === 'gland'
          ? undefined
          : mentions.findLast(
              (m) =>
                m.end <= i &&
                m.target.kind === 'outside' &&
                // (listed beside organs: "…, duodenum and the SMV")
                ['and', 'plus', ',', '+'].includes(
                  tokens[m.start - (tokens[m.start - 1]?.text === 'the' ? 2 : 1)]?.text ?? '',
                ) &&
                (vessel === 6
                  ? /^(?:vein|smv|imv|svc)$/.test(tokens[m.end - 1]?.text ?? '')
                  : /^(?:artery|sma|ima|gda)$/.test(tokens[m.end - 1]?.text ?? '')),
            );
      const pointed = named ?? outsideVessel;
      if (!pointed) continue;
      mentions.push({ start: i, end: i + 1, target: pointed.target, adjective: false, role: 'direct' });
    }
    // "the vessels plus the pancreas", "pancreas and the great vessels": the aorta and the IVC.
    for (let i = 1; i < tokens.length; i++) {
      if ((tokens[i] as Token).text !== 'vessels' || mentions.some((m) => m.start <= i && i < m.end))
        continue;
      let j = i - 1;
      while (j > 0 && VESSELS_ADJECTIVES.has((tokens[j] as Token).text)) j--;
      const next = tokens[i + 1];
      if (tokens[j]?.text !== 'the' || (next && !next.boundary && !VESSELS_NEXT.has(next.text))) continue;
      mentions.push({
        start: j + 1,
        end: i + 1,
        target: { kind: 'organ', ids: [5, 6] },
        adjective: false,
        role: 'direct',
      });
    }
    mentions.sort((a, b) => a.start - b.start);
    return mentions;
  }

  /** True when token i comes right after an organ name (clause punctuation between them allowed). */
  function followsMention(tokens: Token[], mentions: Mention[], i: number): boolean {
    let j = i - 1;
    while (j >= 0 && (tokens[j] as Token).boundary) j--;
    return j >= 0 && mentions.some((m) => m.end - 1 === j);
  }

  function previousWord(tokens: Token[], index: number): { word?: string; at: number } {
    for (let j = index - 1; j >= 0; j--) {
      const t = tokens[j] as Token;
      if (t.boundary) return { at: j };
      // "where's the R kidney": a side letter right before the name belongs to it.
      if (j === index - 1 && SIDE_LETTERS.has(t.text)) continue;
      // "where is the right kidny": a side word belongs to the name as well.
      if (
        j === index - 1 &&
        (t.text === 'left' || t.text === 'right') &&
        ARTICLES.has(tokens[j - 1]?.text ?? '')
      )
        continue;
      if (!ARTICLES.has(t.text)) return { word: t.text, at: j };
    }
    return { at: -1 };
  }

  function markNegations(tokens: Token[], mentions: Mention[]): void {
    // "Don't show me anything that isn't the spleen", "I don't want any organ except the gallbladder",
    // "show nothing but the liver": two negations that ask for the organ after them alone.
    const text = tokens.map((t) => t.text).join(' ');
    // "…, but leave the liver out", "keep the spleen out of it": the name between is taken back.
    for (const m of mentions) {
      const verb = tokens[beforeArticlesAndSides(tokens, m.start)]?.text ?? '';
      const particle = tokens[m.end]?.text ?? '';
      if (
        ['leave', 'leaving', 'keep', 'keeping', 'take', 'taking'].includes(verb) &&
        ['out', 'off', 'away'].includes(particle)
      )
        m.role = 'negated';
      // "The liver is a red herring: …", "The spleen is the wrong answer.": named to be ruled out.
      if (
        ['s', 'is'].includes(particle) &&
        RULED_OUT.test(
          tokens
            .slice(m.end + 1, m.end + 5)
            .map((t) => t.text)
            .join(' '),
        )
      )
        m.role = 'negated';
      // "…actually just the gallbladder, the liver's fine": an organ said to be fine after a
      // correction is not wanted.
      const fine = tokens[m.end + 1]?.text ?? '';
      if (
        ['s', 'is'].includes(particle) &&
        ['fine', 'ok', 'okay', 'alright'].includes(fine) &&
        (tokens[m.end + 2]?.boundary ?? true) &&
        // ("eh, just the pancreas is fine": that one is what is wanted)
        !['just', 'only'].includes(verb) &&
        tokens
          .slice(0, m.start)
          .some((t) => CORRECTION_WORDS.has(t.text) || t.text === 'just' || t.text === 'only')
      )
        m.role = 'negated';
    }
    const only = ONLY_BY_NEGATION.exec(text);
    // "anything but the liver… ok the gallbladder": "anything but" is "not".
    for (const m of mentions) {
      const j = beforeArticlesAndSides(tokens, m.start);
      if (tokens[j]?.text === 'but' && tokens[j - 1]?.text === 'anything' && !only) m.role = 'negated';
    }
    const onlyUntil = only ? text.slice(0, only.index + only[0].length).split(' ').length : 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.boundary || i < onlyUntil) continue;
      // "pancreas no duodenum", "liver? nah, the spleen": a no-word right after an organ name
      // corrects that name (applyCorrections), it does not negate the next one.
      if (CORRECTING_NO.has(t.text) && followsMention(tokens, mentions, i) && !deniesFor(tokens, mentions, i))
        continue;
      // "the lungs... wait no, the liver": a no-word after a correction word corrects, too.
      if (CORRECTING_NO.has(t.text) && afterCorrectionWord(tokens, i)) continue;
      const scopeStart = negationScope(tokens, i);
      if (scopeStart < 0 || doubleNegative(tokens, i)) continue;
      // "kidney + spleen pls so I don't clip the spleen": an organ named in the reason for asking is
      // context (the spleen asked for before stays asked for).
      if (purposeClause(tokens, i)) {
        let end = scopeStart;
        while (end < tokens.length && !(tokens[end] as Token).boundary) end++;
        for (const m of mentions)
          if (m.start >= scopeStart && m.start < end && m.role === 'direct') m.role = 'context';
        continue;
      }
      // The scope reaches the next organ name within four words, then runs on through a list
      // joined by "and/or/nor" ("not the liver or spleen"), and stops at a clause boundary: in
      // "not the stomach, the spleen" the comma starts the correction.
      let gap = 0;
      let inList = false;
      for (let j = scopeStart; j < tokens.length; j++) {
        const u = tokens[j] as Token;
        if (u.boundary) break;
        const mention = mentions.find((m) => m.start === j);
        if (mention) {
          mention.role = 'negated';
          inList = true;
          gap = 0;
          j = mention.end - 1;
          continue;
        }
        if (SCOPE_STOPPERS.has(u.text)) break;
        // "replace it with the spleen": what comes after "with" is wanted.
        if ((t.text === 'replace' || t.text === 'swap') && ['with', 'for', 'by'].includes(u.text)) break;
        // "every adrenal except the right + the aorta": a bare side is what is negated.
        const after = tokens[j + 1];
        if (
          !inList &&
          SIDE_WORDS.has(u.text) &&
          (!after || after.boundary || ['+', 'plus', 'and', 'one', 'ones', 'side'].includes(after.text))
        )
          break;
        if (inList && !['and', 'or', 'nor', ...ARTICLES].includes(u.text)) break;
        // ("the stomach no not the stomach the liver and the pancreas": a name after the negated
        // one with no "and" or "or" between starts what is wanted.)
        if (inList && ARTICLES.has(u.text) && !['and', 'or', 'nor'].includes(tokens[j - 1]?.text ?? ''))
          break;
        if (++gap > 4) break;
      }
    }
  }

  function applyTakeBacks(tokens: Token[], mentions: Mention[]): void {
    // "liver, gb and spleen — actually skip the spleen", "… everything except the liver": taking
    // an organ back also takes back where it was asked for before.
    for (const n of mentions) {
      // "A stone in the right ureter … Show the swollen organ, not the ureter.": an outside
      // structure taken back is no longer what is asked about.
      if (n.role === 'negated' && n.target.kind === 'outside') {
        const topic = n.target.topic;
        const head = tokens[n.end - 1]?.text;
        for (const m of mentions)
          if (
            m.start < n.start &&
            m.role === 'direct' &&
            m.target.kind === 'outside' &&
            m.target.topic === topic &&
            tokens[m.end - 1]?.text === head
          )
            m.role = 'negated';
      }
      if (n.role !== 'negated' || n.target.kind !== 'organ') continue;
      const taken = n.target.ids;
      for (const m of mentions) {
        if (
          m.start < n.start &&
          m.role === 'direct' &&
          m.target.kind === 'organ' &&
          m.target.ids.every((id) => taken.includes(id))
        )
          m.role = 'negated';
        // "Show both kidneys. Cancel the right kidney.": one side taken back from a pair.
        else if (
          m.start < n.start &&
          m.role === 'direct' &&
          m.target.kind === 'organ' &&
          m.target.ids.length === 2 &&
          taken.length === 1 &&
          m.target.ids.includes(taken[0] as OrganId)
        )
          m.target = { ...m.target, ids: m.target.ids.filter((id) => !taken.includes(id)) };
      }
    }
    // "not the pancreas tail, the organ it touches": a negated organ that a later pronoun points
    // back to still describes the answer; it is excluded, not hidden.
    for (const m of mentions) {
      if (m.role === 'negated' && tokens.slice(m.end).some((t) => BACK_REFERENCES.has(t.text)))
        m.role = 'context';
    }
  }

  /**
   * "…but leave out the kidneys, we've got a separate renal session": an organ's adjective after
   * the organ was taken back says why, it does not ask for the organ again.
   */
  function applyTakenBackAdjective(mentions: Mention[]): void {
    for (const m of mentions) {
      if (!m.adjective || m.role !== 'direct' || m.target.kind !== 'organ') continue;
      const ids = m.target.ids;
      const takenBack = mentions.some(
        (n) =>
          n.role === 'negated' &&
          n.end <= m.start &&
          n.target.kind === 'organ' &&
          ids.every((id) => (n.target.kind === 'organ' ? n.target.ids : []).includes(id)),
      );
      if (takenBack) m.role = 'context';
    }
  }

  /**
   * "…scrap the liver, everyone can see the liver", "drop D, Priya already did pancreas
   * yesterday", "make it F on its own, the aorta's already labelled": an organ taken back, named
   * again in a clause that says why, stays out.
   */
  function applyReasonAfterTakeBack(tokens: Token[], mentions: Mention[]): void {
    for (const m of mentions) {
      if (m.role !== 'direct' || m.target.kind !== 'organ') continue;
      const ids = m.target.ids;
      // (named before, one by one or together: "…except G and H (adrenals are always a mess)")
      const before = mentions.filter(
        (n) =>
          n.end <= m.start &&
          n.target.kind === 'organ' &&
          (n.target.ids as readonly OrganId[]).some((id) => ids.includes(id)),
      );
      const named = new Set(before.flatMap((n) => (n.target.kind === 'organ' ? n.target.ids : [])));
      if (!ids.every((id) => named.has(id)) || before.some((n) => n.role === 'direct')) continue;
      let from = m.start;
      while (from > 0 && !(tokens[from - 1] as Token).boundary) from--;
      let to = m.end;
      while (to < tokens.length && !(tokens[to] as Token).boundary) to++;
      const clause = tokens.slice(from, to).map((t) => t.text);
      if (clause.some((w) => (COMMAND_VERBS.has(w) && w !== 'see') || WISH_WORDS.has(w))) continue;
      // ("…already covered the liver, so drop that one": the take-back comes after it)
      const rest = tokens
        .slice(m.end)
        .map((t) => t.text)
        .join(' ');
      if (
        /\b(?:drop|remove|lose|scrap|skip|leave|ditch|cancel|forget|nix|exclude|erase)(?: out)? (?:that|this|it|them)\b/.test(
          rest,
        )
      )
        continue;
      if (REASON_WORDS.test(clause.join(' '))) m.role = 'context';
    }
  }

  /** "kidneys except the right one", "both adrenals but not the left": the other side is asked. */
  function applyNegatedSide(tokens: Token[], mentions: Mention[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const scopeStart = negationScope(tokens, i);
      if (scopeStart < 0 || doubleNegative(tokens, i)) continue;
      for (let j = scopeStart, read = 0; j < tokens.length && read < 3; j++) {
        const t = tokens[j] as Token;
        if (t.boundary || mentions.some((m) => m.start === j)) break;
        // "…the kidney that is not on the patient's right": place words do not count.
        // "…except the one on the patient's right": articles and "one" do not count either.
        if (!PLACE_FILLERS.has(t.text) && !ARTICLES.has(t.text) && t.text !== 'one' && t.text !== 'ones')
          read++;
        const side = SIDE_WORDS.get(t.text);
        if (!side) continue;
        const next = tokens[j + 1];
        // "…except the one on the right of the screen" (already read as the viewer's side), "… + the aorta"
        if (
          next &&
          !next.boundary &&
          !['one', 'ones', 'side', 'sided', 'of', 'hand', '+', 'plus', 'and'].includes(next.text)
        )
          break;
        for (const m of mentions) {
          if (m.start < i && m.role === 'direct' && m.target.kind === 'organ' && isPaired(m.target.ids))
            m.sideCorrection = side === 'left' ? 'right' : 'left';
        }
        break;
      }
    }
  }

  /**
   * "right kidney, and the other one too", "left kidney pls - both actually": the last clause adds
   * the other side of the one organ of a pair asked for.
   */
  function applyOtherOneToo(tokens: Token[], mentions: Mention[]): void {
    const paired = mentions.filter((m) => m.role === 'direct' && oneSideOfPair(m));
    if (paired.length !== 1) return;
    const m = paired[0] as Mention;
    if (mentions.some((x) => x.start >= m.end && x.target.kind === 'organ')) return;
    const words = tokens
      .slice(m.end)
      .filter((t) => !t.boundary && !POLITE_WORDS.has(t.text) && t.text !== 'the')
      .map((t) => t.text)
      .join(' ');
    if (
      /^(?:and|plus|also) other (?:one|side)(?: too| as well| also)?$|^other (?:one|side) (?:too|as well|also)$|^(?:actually )?both(?: actually| then| sides)?$|^(?:and |plus )?(?:left|right|other) one (?:too|as well|also)(?: actually)?$/.test(
        words,
      )
    )
      m.sideCorrection = 'both';
  }

  /**
   * "Insulin comes from the adrenal glands, doesn't it? If not, highlight the real source.", "The
   * gallbladder makes bile, right? Correct me and show the organ that actually produces it.": a
   * premise put as a tag question and then doubted; the organ it names is the one not asked for.
   */
  function applyDoubtedPremise(tokens: Token[], mentions: Mention[]): void {
    for (let i = 0; i < tokens.length; i++) {
      // ("The kidney makes insulin. Outline the organ that really does.": a statement followed by a
      // request for the organ that really does it doubts it too.)
      const tagged =
        (tokens[i] as Token).text === '?' && PREMISE_TAGS.some((tag) => endsWithWords(tokens, i, tag));
      const stated =
        ['.', '?', '!'].includes((tokens[i] as Token).text) &&
        COMMAND_VERBS.has(tokens[i + 1]?.text ?? '') &&
        laterOrganRequest(tokens) === i + 1 &&
        // ("Biopsy was planned for the left kidney but IR changed it to the right. Outline the one
        // they're actually doing.": a story that changes its mind is no false premise.)
        !tokens.slice(0, i).some((t) => ['but', 'changed', 'instead', 'switched'].includes(t.text));
      if (!tagged && !stated) continue;
      // ("… yes? Outline the one of those two that truly is intraperitoneal": one of them is meant.)
      if (tokens.slice(i + 1).some((t) => ['those', 'these', 'them', 'two', 'both'].includes(t.text))) return;
      const rest = tokens.slice(i + 1).map((t) => t.text);
      const doubted = DOUBT_WORDS.some((d) => rest.some((_, j) => d.every((w, n) => rest[j + n] === w)));
      if (!doubted) return;
      if (mentions.some((m) => m.start > i && m.target.kind === 'organ' && m.role === 'direct')) return;
      for (const m of mentions)
        if (m.end <= i && m.role === 'direct' && m.target.kind === 'organ') m.role = 'context';
      return;
    }
  }

  /**
   * "that was the left kidney, now the other one", "you showed me the right adrenal, now the other
   * one pls", "ok that was the IVC; now the artery beside it": what was shown before "now" is
   * context; "the other (one)" after it is the shown organ's partner.
   */
  function applyShownThenNow(tokens: Token[], mentions: Mention[]): void {
    const now = tokens.findIndex((t, k) => t.text === 'now' && k > 0);
    if (now < 0) return;
    const lead = tokens
      .slice(0, now)
      .filter(
        (t) =>
          !t.boundary &&
          !POLITE_WORDS.has(t.text) &&
          !['ok', 'okay', 'right', 'cool', 'thanks'].includes(t.text),
      )
      .map((t) => t.text)
      .join(' ');
    if (
      !/^(?:for|that was|that s|this was|it was|you (?:showed|marked|highlighted|outlined|did|gave|segmented|drew|traced|found|circled)(?: me| us)?) /.test(
        lead,
      )
    )
      return;
    const shown = mentions.filter((m) => m.end <= now && m.role === 'direct' && m.target.kind === 'organ');
    if (shown.length === 0) return;
    for (const m of shown) m.role = 'context';
    const rest = tokens.slice(now + 1);
    const other = rest.findIndex((t) => t.text === 'other' || t.text === 'opposite');
    const one = shown.length === 1 ? (shown[0] as Mention) : undefined;
    if (!one || !oneSideOfPair(one) || one.target.kind !== 'organ') return;
    const partner = organById(one.target.ids[0] as OrganId).pairedWith;
    if (!partner) return;
    // "…, now show both": the pair.
    if (other < 0 && rest.some((t) => t.text === 'both') && !mentions.some((m) => m.start > now)) {
      one.target = { kind: 'organ', ids: [...one.target.ids, partner] };
      one.role = 'direct';
      return;
    }
    // "thanks for the right adrenal, now do the left one": a side alone names the partner.
    const sideAfter = rest.find((t) => SIDE_WORDS.has(t.text));
    if (
      other < 0 &&
      sideAfter &&
      SIDE_WORDS.get(sideAfter.text) !== organById(one.target.ids[0] as OrganId).side &&
      !mentions.some((m) => m.start > now)
    ) {
      one.target = { kind: 'organ', ids: [partner] };
      one.role = 'direct';
      return;
    }
    if (other < 0) return;
    const later = mentions.find((m) => m.start === now + 1 + other + 1 && m.target.kind === 'organ');
    if (later) {
      later.target = { kind: 'organ', ids: [partner] };
      return;
    }
    if (mentions.some((m) => m.start > now && m.target.kind === 'organ')) return;
    one.target = { kind: 'organ', ids: [partner] };
    one.role = 'direct';
  }

  /**
   * The options picked by their letters or their place on the list: "options J, K and L", "letters
   * B and M", "whatever G is on your list", "#5 on your list", "the first three on your list", "the
   * last organ in your A-M list", "everything on your list except the liver and the spleen". Not
   * "answer A" (that is how prompt injections read), and not when an organ is named besides.
   */
  function listReference(question: string, normalised: string, mentions: Mention[]): OrganId[] | undefined {
    const organs = mentions.filter((m) => m.target.kind === 'organ');
    const byLetters =
      LETTERS_ASKED.exec(question)?.[1] ??
      LETTERS_FROM_LIST.exec(question)?.[1] ??
      LETTERS_BEFORE_LIST.exec(question)?.[1] ??
      LETTER_ON_LIST.exec(question)?.[1];
    // "the one just before 'none' on the list": the last organ, M ("the last three before N": below).
    if (BEFORE_NONE.test(normalised) && organs.length === 0 && !RUN_ON_LIST.test(normalised)) return [13];
    if (byLetters && organs.length === 0)
      return [...new Set(byLetters.match(/[A-M]/g) ?? [])].map((l) => organByLetter(l as OrganLetter).id);
    const lower = question.toLowerCase();
    const numbered = NUMBER_ON_LIST.exec(lower) ?? NUMBER_ON_LIST.exec(normalised);
    if (numbered && organs.length === 0) {
      const n = Number(numbered[1]);
      return n >= 1 && n <= 13 ? [n as OrganId] : undefined;
    }
    const run = RUN_ON_LIST.exec(normalised);
    if (run && organs.length === 0) {
      const count = COUNT_WORDS.get(run[2] as string) ?? 0;
      const ids = Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId);
      return count > 0 ? (run[1] === 'last' ? ids.slice(-count) : ids.slice(0, count)) : undefined;
    }
    // "the last organ in your A-M list", "1st and 3rd on the list"
    const places = PLACES_ON_LIST.exec(normalised)?.[1];
    if (places && organs.length === 0) {
      const at = places
        .split(/ (?:and|,|&|plus) (?:the )?|(?: ,)? /)
        .filter((w) => w === 'last' || COUNT_WORDS.has(w))
        .map((w) => (w === 'last' ? 13 : (COUNT_WORDS.get(w) as number)));
      return at.length > 0 && at.every((n) => n >= 1 && n <= 13) ? [...new Set(at as OrganId[])] : undefined;
    }
    // "highlight every organ on your list"
    if (
      (EVERY_ORGAN_ON_LIST.test(normalised) || EVERY_ORGAN_ON_LIST_THEN.test(normalised)) &&
      organs.length === 0
    )
      return Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId);
    const except = EVERYTHING_EXCEPT.exec(normalised) ?? EVERYTHING_BUT.exec(normalised);
    if (except) {
      const from = normalised.slice(0, except.index + except[0].length).split(' ').length;
      const dropped = new Set(
        organs.filter((m) => m.start >= from).flatMap((m) => (m.target.kind === 'organ' ? m.target.ids : [])),
      );
      // ("everything except the vessels": the two vessels among the 13)
      if (VESSELS_NAMED.test(normalised.slice(except.index + except[0].length)))
        for (const id of [5, 6]) dropped.add(id as OrganId);
      if (organs.some((m) => m.start < from)) return undefined;
      const all = Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId);
      // ("Everything except the kidneys... actually, just everything")
      const toAll = CORRECTED_TO_ALL.exec(normalised);
      if (toAll && organs.every((m) => m.start < normalised.slice(0, toAll.index).split(' ').length))
        return all;
      // ("all of them except the esophagus. actually nvm, include the esophagus too", "all the options
      // except the vessels — actually keep the aorta": named again after the list, to be put back)
      const exceptEnd = except.index + except[0].length;
      const back = RE_INCLUDED.exec(normalised.slice(exceptEnd));
      if (back) {
        const backEnd = exceptEnd + back.index + back[0].length;
        const backAt = normalised.slice(0, backEnd).split(' ').length;
        // ("…Wait, include the liver too, but leave out the gallbladder": left out once more)
        const again = LEFT_OUT.exec(normalised.slice(backEnd));
        const againAt = again ? normalised.slice(0, backEnd + again.index).split(' ').length : Infinity;
        for (const m of organs)
          if (m.start >= backAt && m.target.kind === 'organ')
            for (const id of m.target.ids) {
              if (m.start < againAt) dropped.delete(id);
              else dropped.add(id);
            }
      }
      if (dropped.size > 0) return all.filter((id) => !dropped.has(id));
      // (every one left out was put back)
      if (back && organs.some((m) => m.start >= from)) return all;
    }
    const lessSome = allLessSome(normalised, organs) ?? restOfOptions(normalised, organs);
    if (lessSome) return lessSome;
    // "Show me the pancreas. Hmm, make that every organ on your list instead.": a correction to all.
    const toAll = CORRECTED_TO_ALL.exec(normalised);
    // ("the liver and spleen, actually all of them" may mean both)
    if (
      toAll &&
      organs.every((m) => m.start < normalised.slice(0, toAll.index).split(' ').length) &&
      !(toAll[0].includes('all of them') && organs.length > 1)
    )
      return Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId);
    // "outline everything", "all 13 pls"; "show the vessels" is the aorta and the IVC.
    // ("just outline all of em, every single option, go wild", "Full segmentation for the tumour
    // board, every organ you've got")
    if (
      organs.length === 0 &&
      (EVERYTHING_ASKED.test(normalised) ||
        (EVERY_ONE_YOU_HAVE.test(normalised) && !LEAVES_SOME_OUT.test(normalised)))
    )
      return Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId);
    if (organs.length === 0 && VESSELS_ASKED.test(normalised)) return [5, 6];
    // "Show all thirteen options at once", "I'd like all 13 organs on your list highlighted for my
    // class": every option, when nothing else is named, asked or left out.
    if (
      organs.length === 0 &&
      ALL_THIRTEEN.test(normalised) &&
      !NOT_ALL_THIRTEEN.test(normalised) &&
      (normalised.split(' ').some((w) => COMMAND_VERBS.has(w)) ||
        ALL_SHOWN.test(normalised) ||
        // ("Every one of the thirteen structures on your list, please.")
        /\b(?:please|pls|plz)\b/.test(normalised))
    )
      return Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId);
    return undefined;
  }

  /**
   * "Show all the organs on the list. Actually, leave out the two vessels": every option (the last
   * "all" said), less the organs named after the first word that leaves some out; nothing is
   * named before that word, and no question is asked.
   */
  function allLessSome(normalised: string, organs: readonly Mention[]): OrganId[] | undefined {
    if (/\b(?:which|what|whats|how|why|who)\b/.test(normalised)) return undefined;
    // ("Everything except N.": none of them is no organ, so all 13)
    if (EVERYTHING_BUT_N.test(normalised) && organs.length === 0)
      return Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId);
    const all = [...normalised.matchAll(ALL_OPTIONS)].at(-1);
    if (!all) return undefined;
    const allEnd = all.index + all[0].length;
    // ("everything on the left except the stomach", "everything in the RUQ": a region, not the list)
    if (/^ (?:on|in|at|around|near|below|above|under|over|behind)\b/.test(normalised.slice(allEnd)))
      return undefined;
    const marker = LEFT_OUT.exec(normalised.slice(allEnd));
    if (!marker) return undefined;
    const markerEnd = allEnd + marker.index + marker[0].length;
    const from = normalised.slice(0, markerEnd).split(' ').length;
    if (organs.some((m) => m.start < from)) return undefined;
    // ("…Hmm, actually include the stomach too.": named again to be put back)
    const back = RE_INCLUDED.exec(normalised.slice(markerEnd));
    const backAt = back ? normalised.slice(0, markerEnd + back.index).split(' ').length : Infinity;
    const idsOf = (m: Mention) => (m.target.kind === 'organ' ? m.target.ids : []);
    const putBack = new Set(organs.filter((m) => m.start >= backAt).flatMap(idsOf));
    const dropped = new Set(
      organs
        .filter((m) => m.start < backAt)
        .flatMap(idsOf)
        .filter((id) => !putBack.has(id)),
    );
    const leftOut = normalised.slice(markerEnd, back ? markerEnd + back.index : undefined);
    if (VESSELS_LEFT_OUT.test(leftOut))
      for (const id of [5, 6] as OrganId[]) if (!putBack.has(id)) dropped.add(id);
    // ("everything on your list except the paired organs": a property names the ones left out)
    const all13 = Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId);
    if (dropped.size === 0 && !back)
      for (const id of pickByProperty(leftOut.split(' ').filter(Boolean), all13) ?? []) dropped.add(id);
    if (dropped.size === 0 && !back) return undefined;
    return Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId).filter((id) => !dropped.has(id));
  }

  /**
   * "the stomach. correction: the esophagus. correction to the correction: both of them": a bare
   * "both" after a correction asks for the organ corrected and its correction.
   */
  function bothAfterCorrection(tokens: Token[], mentions: Mention[], markers: readonly number[]): boolean {
    const organs = mentions.filter((m) => m.target.kind === 'organ' && m.role !== 'ignored');
    const last = organs.at(-1);
    if (!last || !markers.some((k) => k < last.start)) return false;
    const tail = tokens
      .slice(last.end)
      .filter(
        (t) =>
          !t.boundary &&
          !POLITE_WORDS.has(t.text) &&
          !CORRECTION_WORDS.has(t.text) &&
          !CLAUSE_FILLERS.has(t.text) &&
          ![
            'correction',
            'to',
            'the',
            'no',
            'do',
            'show',
            'give',
            'me',
            'just',
            'make',
            'it',
            'that',
            'on',
            'second',
            'thought',
            'thoughts',
          ].includes(t.text),
      )
      .map((t) => t.text)
      .join(' ');
    if (!/^both(?: of (?:them|those|em))?$/.test(tail)) return false;
    const key = (m: Mention) => (m.target.kind === 'organ' ? m.target.ids.join(',') : '');
    const previous = organs.findLast((m) => m.end <= last.start && key(m) !== key(last));
    if (
      !previous ||
      organs.some((m) => m.start > previous.end && m.end <= last.start && key(m) !== key(last))
    )
      return false;
    for (const m of mentions)
      if (m.target.kind === 'organ') m.role = m === last || m === previous ? 'direct' : 'negated';
    return true;
  }

  /**
   * "ok so, no kidneys, no adrenals, no vessels — give me the rest of the options": the organs left
   * out first, then the rest of the list.
   */
  function restOfOptions(normalised: string, organs: readonly Mention[]): OrganId[] | undefined {
    const rest = REST_OF_OPTIONS.exec(normalised);
    if (!rest) return undefined;
    const before = normalised.slice(0, rest.index);
    if (!LEFT_OUT_FIRST.test(before)) return undefined;
    const at = before.split(' ').length - 1;
    if (organs.some((m) => m.start >= at)) return undefined;
    const dropped = new Set(organs.flatMap((m) => (m.target.kind === 'organ' ? m.target.ids : [])));
    if (/\b(?:blood )?vessels\b/.test(before)) for (const id of [5, 6]) dropped.add(id as OrganId);
    if (dropped.size === 0 || dropped.size === 13) return undefined;
    return Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId).filter((id) => !dropped.has(id));
  }

  /** What follows "only"/"just" at `j`: an organ named within three words, or "the left one" after a pair. */
  function narrowsAt(tokens: Token[], mentions: Mention[], j: number): boolean {
    const articled = ARTICLES.has(tokens[j]?.text ?? '');
    if (!articled && !mentions.some((m) => m.start === j)) return false;
    if (mentions.some((m) => m.start >= j && m.start <= j + 2 && m.target.kind === 'organ')) return true;
    return (
      articled &&
      SIDE_WORDS.has(tokens[j + 1]?.text ?? '') &&
      tokens[j + 2]?.text === 'one' &&
      mentions.some(
        (m) => m.role === 'direct' && m.end <= j && m.target.kind === 'organ' && isPaired(m.target.ids),
      )
    );
  }

  /**
   * The first, middle or last `count` organs named in `text`, as names ("the spleen and the
   * pancreas"); the last only when they are its last items (nothing but joiners and polite words
   * after them or between them), the middle only of an odd number.
   */
  function namedItemsAt(text: string, count: number, at: 'first' | 'middle' | 'last'): string | undefined {
    const tokens = tokenize(text);
    const organs = findMentions(tokens).filter((m) => m.target.kind === 'organ');
    if (count < 1 || organs.length <= count) return undefined;
    // ("esophagus, stomach and duodenum — oh, remove the middle one of those three")
    if (at === 'middle') {
      const middle = organs.length % 2 === 1 && count === 1 ? organs[(organs.length - 1) / 2] : undefined;
      return middle?.target.kind === 'organ'
        ? middle.target.ids.map((id) => organPhrase(id)).join(' and ')
        : undefined;
    }
    // ("the esophagus and duodenum; strike the first one")
    if (at === 'first')
      return organs
        .slice(0, count)
        .flatMap((m) => (m.target.kind === 'organ' ? m.target.ids : []))
        .map((id) => organPhrase(id))
        .join(' and ');
    const items = organs.slice(-count);
    const filler = (t: Token) => t.boundary || ITEM_FILLERS.has(t.text) || POLITE_WORDS.has(t.text);
    let end = tokens.length;
    for (const m of [...items].reverse()) {
      if (!tokens.slice(m.end, end).every(filler)) return undefined;
      end = m.start;
    }
    const ids = items.flatMap((m) => (m.target.kind === 'organ' ? m.target.ids : []));
    return ids.map((id) => organPhrase(id)).join(' and ');
  }

  function applyCorrections(tokens: Token[], mentions: Mention[]): void {
    const markers: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      // ("where does the pancreas actually sit?": "actually" in a question about an organ is an adverb)
      if (
        CORRECTION_MARKERS.some((marker) => marker.every((w, k) => tokens[i + k]?.text === w)) &&
        !(tokens[i]?.text === 'actually' && askedOfOrganBefore(tokens, mentions, i))
      )
        markers.push(i);
      // "Liver. No, the spleen." — a bare "no" at the start of a clause corrects what came before.
      else if (
        (tokens[i]?.text === 'no' || tokens[i]?.text === 'whatever') &&
        tokens[i + 1]?.boundary &&
        i > 0
      )
        markers.push(i);
      // "Highlight the esophagus. Cancel. Highlight the stomach.", "…never mind, go with the pancreas"
      // ("highlight option B. undo. highlight option M")
      else if (
        (tokens[i]?.text === 'cancel' || tokens[i]?.text === 'undo') &&
        (tokens[i + 1]?.boundary ?? true) &&
        i > 0
      )
        markers.push(i);
      else if (
        (tokens[i]?.text === 'nevermind' ||
          tokens[i]?.text === 'nvm' ||
          (tokens[i]?.text === 'never' && tokens[i + 1]?.text === 'mind')) &&
        ((tokens[i + (tokens[i]?.text === 'never' ? 2 : 1)]?.boundary ?? true) ||
          (tokens[i]?.text !== 'never' && NVM_THEN.has(tokens[i + 1]?.text ?? '')) ||
          // "show me the gallbladder. nvm found it. can you just do the pancreas"
          FOUND_IT.some((words) =>
            words.every((w, k) => tokens[i + (tokens[i]?.text === 'never' ? 2 : 1) + k]?.text === w),
          ))
      )
        markers.push(i);
      else if (
        CORRECTING_NO.has(tokens[i]?.text ?? '') &&
        followsMention(tokens, mentions, i) &&
        !deniesFor(tokens, mentions, i)
      )
        markers.push(i);
      // "Esophagus and stomach please. Hmm, only the stomach.": a clause that opens with "only"
      // or "just" and names an organ narrows what was asked before it.
      // ("both adrenals. just show the left one": a command may come first, and a side with "one"
      // names one of a pair asked before.)
      else if (
        (tokens[i]?.text === 'only' || tokens[i]?.text === 'just') &&
        opensClause(tokens, i) &&
        mentions.some((m) => m.end <= i && m.role === 'direct' && m.target.kind === 'organ') &&
        narrowsAt(tokens, mentions, COMMAND_VERBS.has(tokens[i + 1]?.text ?? '') ? i + 2 : i + 1)
      )
        markers.push(i);
      else if (CORRECTING_NO.has(tokens[i]?.text ?? '') && afterCorrectionWord(tokens, i)) markers.push(i);
    }
    if (markers.length === 0) return;
    if (bothAfterCorrection(tokens, mentions, markers)) return;
    // "spleen — no, pancreas, sorry": the last marker an organ follows is the correction; a
    // trailing "sorry" or "actually" corrects nothing.
    const hasDirectAfter = (at: number) => mentions.some((m) => m.start > at && m.role === 'direct');
    // ("right adrenal — no, left. sorry, dyslexic moment": nor does a trailing apology after a side
    // corrected.)
    const sideAfter = (at: number) => tokens.slice(at + 1).some((t) => SIDE_CORRECTIONS.has(t.text));
    const apology = (at: number | undefined) =>
      ['sorry', 'soz', 'oops', 'whoops', 'apologies', 'my'].includes(tokens[at ?? -1]?.text ?? '');
    let lastMarker =
      markers.findLast(hasDirectAfter) ??
      (apology(markers.at(-1)) ? markers.findLast(sideAfter) : undefined) ??
      (markers.at(-1) as number);
    // "both adrenals. hmm only the left one actually": a marker that ends its sentence corrects with
    // the sentence it ends.
    const endsSentence = tokens
      .slice(lastMarker + 1)
      .every((t) => (t.boundary && t.text !== ',') || POLITE_WORDS.has(t.text));
    if (endsSentence && !hasDirectAfter(lastMarker)) {
      let b = lastMarker - 1;
      while (b > 0 && !((tokens[b] as Token).boundary && (tokens[b] as Token).text !== ',')) b--;
      const opener = tokens.slice(b + 1, lastMarker).filter((t) => !t.boundary);
      if (
        b > 0 &&
        opener.some((t) => SIDE_WORDS.has(t.text) || t.text === 'just' || t.text === 'only') &&
        mentions.some((m) => m.end <= b && m.role === 'direct')
      )
        lastMarker = b;
    }
    const rest = tokens.slice(lastMarker);
    // "left kidney pls - both actually": a marker that ends the message corrects what just came
    // before it, which applyOtherOneToo reads.
    if (
      rest.slice(1).every((t) => t.boundary || POLITE_WORDS.has(t.text)) &&
      tokens
        .slice(0, lastMarker)
        .filter((t) => !t.boundary)
        .at(-1)?.text === 'both'
    )
      return;
    // "…, actually add the left adrenal too" adds; "… oh actually not the aorta" only removes.
    // A bare "…actually no, both" corrects the side instead.
    // "…no wait, both kidneys" replaces: "both" that opens a name is part of it.
    const opensName = (k: number) => mentions.some((m) => m.start === lastMarker + k + 1);
    const additive = (t: Token, k: number) =>
      t.text === 'add' ||
      asWell(rest, k) ||
      (ADDITIVE_WORDS.has(t.text) && (t.text !== 'both' || (hasDirectAfter(lastMarker) && !opensName(k))));
    const bareBoth = (k: number) => {
      const next = rest[k + 1];
      // "…actually both of them"
      if (next?.text === 'of' && ['them', 'em', 'those'].includes(rest[k + 2]?.text ?? '')) return true;
      return !next || next.boundary || POLITE_WORDS.has(next.text) || next.text === 'sides';
    };
    // (only within the correction's sentence: "…no, right KIDNEY. typing too fast" adds nothing)
    const sentenceEnd = rest.findIndex(
      (t, k) =>
        k > 0 &&
        t.boundary &&
        ['.', '!', '?'].includes(t.text) &&
        mentions.some((m) => m.start > lastMarker && m.start < lastMarker + k),
    );
    const own = sentenceEnd > 0 ? rest.slice(0, sentenceEnd) : rest;
    // "…no, I mean the stomach, and add the duodenum too": an addition after the replacing name
    // adds to it; the replacement stands.
    const firstNamed = mentions.find((m) => m.start > lastMarker && m.role === 'direct');
    const replacing =
      firstNamed !== undefined &&
      rest
        .slice(0, firstNamed.start - lastMarker)
        .some((t) => ['mean', 'meant', 'no', 'nope', 'nah'].includes(t.text)) &&
      !rest.slice(0, firstNamed.start - lastMarker).some((t, k) => additive(t, k));
    // "Left adrenal. Correction: the left kidney, plus the spleen", "E and F — make that E only,
    // and add C": an addition in a later clause adds to the replacement; the replacement stands.
    const firstAdditive = own.findIndex((t, k) => additive(t, k));
    const addsLater =
      firstNamed !== undefined &&
      firstAdditive > firstNamed.end - lastMarker &&
      tokens.slice(firstNamed.end, lastMarker + firstAdditive).some((t) => t.boundary) &&
      // (not "…On reflection the spleen isn't needed, but add the liver": taken back, not replaced)
      !tokens
        .slice(firstNamed.end, lastMarker + firstAdditive)
        .some((t) => NEGATORS.has(t.text) || t.text === 't' || t.text === 'needed');
    // "both kidneys, no wait just the right one, and the ivc": the side corrected, the name after
    // it added.
    if (firstNamed) {
      const between = tokens.slice(lastMarker + 1, firstNamed.start);
      const oneAt = between.findIndex((t, k) => SIDE_WORDS.has(t.text) && between[k + 1]?.text === 'one');
      const side = SIDE_WORDS.get(between[oneAt]?.text ?? '');
      const pairs = mentions.filter(
        (m) =>
          m.start < lastMarker && m.role === 'direct' && m.target.kind === 'organ' && isPaired(m.target.ids),
      );
      // (not "drop the left one and add the left kidney": the side taken back)
      const takenBack = between.slice(0, oneAt).some((t) => SIDE_TAKEN_BACK.has(t.text));
      if (
        side &&
        !takenBack &&
        pairs.length > 0 &&
        between.slice(oneAt + 2).some((t) => ['and', 'plus', 'add'].includes(t.text))
      ) {
        for (const m of pairs) m.sideCorrection = side;
        return;
      }
    }
    // "gb pls. oh wait, and the duodenum next to it": "and" opening the correction adds.
    const opensWithAnd =
      rest.slice(1).find((t) => !t.boundary && !CORRECTION_WORDS.has(t.text))?.text === 'and';
    if (opensWithAnd) return;
    if (
      own.some(
        (t, k) =>
          ((!(replacing || addsLater) || t.text === 'both') && additive(t, k)) ||
          (t.text === 'both' && !bareBoth(k) && !opensName(k)),
      )
    )
      return;
    if (mentions.some((m) => m.start > lastMarker && m.role === 'negated')) return;
    // "the aorta and ivc, uh not the ivc actually, the right adrenal": the correction replaces
    // the organ just taken back, not the ones asked before it.
    const lastDirectBefore = mentions.findLast((m) => m.start < lastMarker && m.role === 'direct');
    if (
      lastDirectBefore &&
      mentions.some((m) => m.role === 'negated' && m.start > lastDirectBefore.start && m.start < lastMarker)
    )
      return;
    const after = hasDirectAfter(lastMarker);
    if (!after) {
      // No organ after the marker: a side word there corrects the side of the paired organs before it.
      // "…sorry, I meant R.": a capital side letter corrects too.
      const letterAt = tokens
        .slice(lastMarker)
        .find((t) => SIDE_LETTERS.has(t.text) && t.raw === t.raw.toUpperCase());
      // ("ugh not both, just the one on the left": a "both" denied is no correction.)
      const isSide = (t: Token, k: number) =>
        SIDE_CORRECTIONS.has(t.text) &&
        !(t.text === 'both' && ['not', 'no'].includes(tokens[lastMarker + k - 1]?.text ?? ''));
      // ("…actually she had the left one out, so just the right one then": the side after "just")
      const narrowed = tokens
        .slice(lastMarker)
        .findIndex(
          (t, k) =>
            isSide(t, k) &&
            ['just', 'only'].includes(
              tokens[lastMarker + k - (tokens[lastMarker + k - 1]?.text === 'the' ? 2 : 1)]?.text ?? '',
            ),
        );
      // ("…no sorry, it's the other side, the left one": the side named says which.)
      const named = tokens
        .slice(lastMarker)
        .findIndex(
          (t, k) => isSide(t, k) && t.text !== 'other' && t.text !== 'opposite' && t.text !== 'both',
        );
      const otherThenNamed =
        named >= 0 &&
        tokens.slice(lastMarker, lastMarker + named).some((t) => t.text === 'other' || t.text === 'opposite');
      const sideAt =
        narrowed >= 0 ? narrowed : otherThenNamed ? named : tokens.slice(lastMarker).findIndex(isSide);
      const sideWord = sideAt >= 0 ? tokens[lastMarker + sideAt]?.text : undefined;
      let correction = sideWord
        ? SIDE_CORRECTIONS.get(sideWord)
        : letterAt
          ? SIDE_LETTERS.get(letterAt.text)
          : undefined;
      // "both kidneys… actually not the left one", "…, but actually skip the left one": the side
      // taken back leaves the other.
      if (
        (correction === 'left' || correction === 'right') &&
        tokens.slice(lastMarker, lastMarker + sideAt).some(
          (t, k) =>
            SIDE_TAKEN_BACK.has(t.text) &&
            // ("never mind the right one" takes it back; "never mind, just the right one" does not)
            (t.text !== 'mind' || tokens[lastMarker + k + 1]?.text === 'the') &&
            !POINTER_WORDS.has(tokens[lastMarker + k + 1]?.text ?? '') &&
            tokens[lastMarker + k + 1]?.text !== 'both',
        )
      )
        correction = opposite(correction);
      // "the spleen… sorry, I meant the big organ on the patient's right": a side with no pair
      // before it belongs to the description.
      const pairBefore = mentions.some(
        (m) =>
          m.start < lastMarker && m.role === 'direct' && m.target.kind === 'organ' && isPaired(m.target.ids),
      );
      if (!correction || !pairBefore) {
        // "the gallbladder… actually no, the one that makes insulin": the description after the
        // marker is what is asked; the organs before it are where not to look, and their words
        // still describe ("the vessel it drains into").
        // "Show the stomach. Hmm, scrap that, show what it empties into." too.
        const rest = tokens.slice(lastMarker);
        // "both vessels – scratch that, only the artery": a kind that picks among the organs named.
        const only = rest.findIndex((t) => t.text === 'only' || t.text === 'just');
        const allowed =
          only >= 0 ? firstHeadType(rest.slice(only + 1, only + 4).map((t) => t.text)) : undefined;
        const named = mentions.filter(
          (m) => m.start < lastMarker && m.role === 'direct' && m.target.kind === 'organ',
        );
        const kept = allowed
          ? named.flatMap((m) =>
              m.target.kind === 'organ' ? m.target.ids.filter((id) => allowed.includes(id)) : [],
            )
          : [];
        if (kept.length > 0) {
          for (const m of named) {
            if (m.target.kind !== 'organ') continue;
            const ids = m.target.ids.filter((id) => kept.includes(id));
            if (ids.length === 0) m.role = 'context';
            else m.target = { kind: 'organ', ids };
          }
          return;
        }
        const pointsBack = rest.some(
          (t, k) => ASK_WORDS.has(t.text) && BACK_REFERENCES.has(rest[k + 1]?.text ?? ''),
        );
        if (pointsBack || rest.some((t) => HEAD_WORDS.has(t.text)))
          for (const m of mentions)
            if (m.start < lastMarker && m.role === 'direct' && !m.sideByNeighbour) m.role = 'context';
        return;
      }
      for (const m of mentions) {
        if (
          m.start < lastMarker &&
          m.role === 'direct' &&
          m.target.kind === 'organ' &&
          isPaired(m.target.ids)
        )
          m.sideCorrection = correction;
      }
      return;
    }
    // "spleen + RK, sorry i meant LK", "gallbladder, liver, left kidney. sorry, RIGHT kidney": a
    // one-sided name after the marker replaces only the other side of its pair in a longer list;
    // "Right kidney and aorta... scratch the aorta, make it the left kidney": only the organ taken
    // back by name is replaced.
    const before = mentions.filter(
      (m) => m.start < lastMarker && m.role === 'direct' && m.target.kind === 'organ',
    );
    const replacements = mentions.filter(
      (m) => m.start > lastMarker && m.role === 'direct' && m.target.kind === 'organ',
    );
    const idsOf = (m: Mention) => (m.target.kind === 'organ' ? m.target.ids.join(',') : '');
    const takenBackByName = before.filter((b) =>
      mentions.some((m) => m.start > lastMarker && m.role === 'negated' && idsOf(m) === idsOf(b)),
    );
    const partnerOf = (m: Mention) =>
      m.target.kind === 'organ' && m.target.ids.length === 1
        ? organById(m.target.ids[0] as OrganId).pairedWith
        : undefined;
    const otherSide =
      replacements.length === 1
        ? before.filter(
            (b) =>
              b.target.kind === 'organ' &&
              b.target.ids.length === 1 &&
              b.target.ids[0] === partnerOf(replacements[0] as Mention),
          )
        : [];
    const onlyThese = takenBackByName.length > 0 ? takenBackByName : otherSide.length === 1 ? otherSide : [];
    // (one correction only: "right adrenal, no, the left kidney, no, the left adrenal" replaces all)
    if (
      before.every((m) => m.start < (markers[0] as number)) &&
      before.length >= 2 &&
      onlyThese.length > 0 &&
      onlyThese.length < before.length
    ) {
      for (const m of onlyThese) m.role = 'negated';
      return;
    }
    for (const m of mentions) if (m.start < lastMarker && m.role === 'direct') m.role = 'negated';
    // "you marked the right kidney. no, the OTHER kidney": the other one of the pair taken back.
    for (const m of mentions) {
      if (m.start <= lastMarker || m.role !== 'direct' || m.target.kind !== 'organ' || !m.target.family)
        continue;
      if (!['other', 'opposite'].includes(tokens[m.start - 1]?.text ?? '')) continue;
      const family = m.target.ids;
      const taken = mentions.findLast(
        (x) =>
          x.start < lastMarker &&
          x.role === 'negated' &&
          x.target.kind === 'organ' &&
          x.target.ids.length === 1 &&
          family.includes(x.target.ids[0] as OrganId),
      );
      const partner =
        taken?.target.kind === 'organ' ? organById(taken.target.ids[0] as OrganId).pairedWith : undefined;
      if (partner) m.target = { kind: 'organ', ids: [partner] };
    }
  }

  /**
   * "kidneys look fine, just show the aorta", "I can't tell the liver from the spleen, show me the
   * liver": when a later clause commands an organ, organs named in earlier clauses with no command
   * of their own are context. "…, show the spleen too" adds instead.
   */
  function applyCommandClause(tokens: Token[], mentions: Mention[]): void {
    const clauseOf: number[] = [];
    let clause = 0;
    for (const t of tokens) {
      if (t.boundary) clause++;
      clauseOf.push(clause);
    }
    const commanded = (m: Mention) => {
      for (let j = m.start - 1; j >= 0 && clauseOf[j] === clauseOf[m.start]; j--) {
        const w = (tokens[j] as Token).text;
        if (COMMAND_VERBS.has(w) || CLAUSE_REQUESTS.has(w)) return true;
      }
      return false;
    };
    const commands = mentions.filter((m) => m.role === 'direct' && commanded(m));
    const last = commands.at(-1);
    if (!last) return;
    const lastClause = clauseOf[last.start] as number;
    if (
      tokens.some((t, j) => clauseOf[j] === lastClause && (ADDITIVE_WORDS.has(t.text) || asWell(tokens, j)))
    )
      return;
    for (const m of mentions) {
      if (m.role === 'direct' && (clauseOf[m.start] as number) < lastClause && !commands.includes(m))
        m.role = 'context';
    }
  }

  /**
   * "show me the IVC next to the aorta", "find the stomach next to the spleen": an organ named after
   * a place word, once another organ was asked for, says where to look; it is not asked for.
   */
  function applyLandmarks(tokens: Token[], mentions: Mention[]): void {
    const direct = mentions.filter((m) => m.role === 'direct' && m.target.kind === 'organ');
    for (let k = 0; k < direct.length; k++) {
      const m = direct[k] as Mention;
      if (m.placedGland) continue;
      let j = m.start - 1;
      while (j >= 0 && ARTICLES.has((tokens[j] as Token).text)) j--;
      const w = tokens[j]?.text ?? '';
      const w2 = `${tokens[j - 1]?.text ?? ''} ${w}`;
      if (!LANDMARK_WORDS.has(w) && !LANDMARK_PAIRS.has(w2)) continue;
      // ("Draw around the adrenal gland that is on the left": the command's own preposition)
      if ((w === 'around' || w === 'round') && ['draw', 'trace', 'line'].includes(tokens[j - 1]?.text ?? ''))
        continue;
      // The first name is a landmark only when something else is placed by it: "show the big vein
      // next to the aorta" (a head noun before the place word), not "next to the aorta, show …".
      // "the fist-sized organ way up on the left, behind the stomach": a comma does not end it.
      const placedThing = () => {
        for (let i = j - 1; i >= 0; i--) {
          const u = tokens[i] as Token;
          if (u.boundary && u.raw !== ',') return false;
          if (mentions.some((x) => x.start <= i && i < x.end)) return false;
          if (HEAD_WORDS.has(u.text)) return true;
        }
        return false;
      };
      // "lateral to the stomach, show the solid organ": a kind asked for after it.
      const kindAfter = () => {
        if (mentions.some((x) => x.start >= m.end && x.target.kind === 'organ')) return false;
        for (let i = m.end; i < tokens.length; i++) {
          const u = tokens[i] as Token;
          if (u.boundary && u.raw !== ',') return false;
          // "…, tucked behind the stomach against the diaphragm, sits the largest lymphoid organ"
          if (HEAD_WORDS.has(u.text) && u.text !== 'one' && u.text !== 'ones') return true;
          if (!COMMAND_VERBS.has(u.text)) continue;
          return tokens.slice(i + 1, i + 6).some((t) => HEAD_WORDS.has(t.text) && t.text !== 'one');
        }
        return false;
      };
      // "show the colon where it bends next to the spleen": an outside structure asked for first.
      const outsideAsked = mentions.some(
        (x) => x.target.kind === 'outside' && x.role === 'direct' && x.end <= j,
      );
      if (k > 0 || placedThing() || outsideAsked || kindAfter()) m.role = 'context';
    }
    // "Show me the ureter as it leaves the left kidney", "the renal artery going into the right
    // kidney, outline it", "Where is the common bile duct running behind the duodenum?": an outside
    // structure asked for first in a request; organs after it in its clause, with no "and" between,
    // say where it is. ("Show the bladder, which collects the urine from both kidneys": a relative
    // clause after a comma goes on describing it.)
    const relativeAt = (k: number) => tokens[k - 1]?.raw === ',' && tokens[k]?.text === 'which';
    if (!tokens.some((t, k) => (t.text === 'which' || t.text === 'what') && !relativeAt(k))) {
      const first = mentions[0];
      // …asked for: after a command or "where is" in its clause, or opening a message that commands.
      let c = (first?.start ?? 0) - 1;
      while (
        c >= 0 &&
        !(tokens[c] as Token).boundary &&
        !COMMAND_VERBS.has((tokens[c] as Token).text) &&
        (tokens[c] as Token).text !== 'where'
      )
        c--;
      const requested =
        first !== undefined &&
        ((c >= 0 && !(tokens[c] as Token).boundary) ||
          // "the celiac trunk coming off the aorta": a bare phrase naming it first.
          (first.start <= 1 &&
            !tokens.some((t) => COMMAND_VERBS.has(t.text) || t.text === 'where') &&
            !tokens.slice(0, -1).some((t) => t.boundary && ['.', '?', '!', ';'].includes(t.raw))) ||
          (first.start <= 1 &&
            tokens.some(
              (t, k) =>
                COMMAND_VERBS.has(t.text) &&
                ['it', 'them', 'that', 'those'].includes(tokens[k + 1]?.text ?? ''),
            )));
      if (requested && first?.target.kind === 'outside' && first.role === 'direct') {
        for (const m of mentions.slice(1)) {
          if (m.role !== 'direct' || m.target.kind !== 'organ') continue;
          const between = tokens.slice(first.end, m.start);
          // "Show me Morison's pouch, the space between the liver and …": an apposition goes on.
          const listBreak = (t: Token, k: number) => {
            // "…, the space between the liver and the right kidney": both are places.
            if (!t.boundary)
              return (
                (CONJUNCTIONS.has(t.text) && !between.some((u) => u.text === 'between')) ||
                t.text === 'also' ||
                t.text === 'too'
              );
            const at = first.end + k + 1;
            if (relativeAt(at)) return false;
            const named = mentions.find((x) => x.start === at + 1);
            return !(ARTICLES.has(tokens[at]?.text ?? '') && (!named || named.adjective));
          };
          if (between.some(listBreak)) break;
          m.role = 'context';
        }
      }
    }
    // "Show me the ureter leaving the right kidney": an outside structure asked for, then the organ
    // it leaves, drains or supplies.
    for (const m of mentions) {
      if (m.role !== 'direct' || m.target.kind !== 'organ') continue;
      const j = beforeArticlesAndSides(tokens, m.start);
      if (!OUTSIDE_OF_WORDS.has(tokens[j]?.text ?? '')) continue;
      if (
        mentions.some(
          (x) => x.target.kind === 'outside' && x.role === 'direct' && x.end <= j && x.end >= j - 1,
        )
      )
        m.role = 'context';
    }
    // "Outline the gallbladder on my mum's liver scan", "the oesophagus and stomach — liver list
    // patient", "show the stomach, kidney recipient": an organ naming a service, a scan or a stone
    // is context when another organ is asked for by name ("…liver transplant recipient – graft and
    // cava please": the graft is that organ, so it stays).
    const graftAsked = tokens.some((t) => /^(?:graft|grafts|allograft|replaced|transplanted)$/.test(t.text));
    const serviceNamed = (m: Mention) =>
      !graftAsked &&
      m.target.kind === 'organ' &&
      ORGAN_SERVICE_NOUNS.has(tokens[m.end]?.text ?? '') &&
      !tokens[m.end - 1]?.boundary;
    for (const m of mentions)
      if (
        m.role === 'direct' &&
        serviceNamed(m) &&
        mentions.some((x) => x !== m && x.role === 'direct' && x.target.kind === 'organ' && !serviceNamed(x))
      )
        m.role = 'context';
    // "the duodenum? no, the gland inside its C-loop": a name after "its" is a part of the organ
    // before it, a place.
    for (const m of mentions)
      if (m.role === 'direct' && tokens[m.start - 1]?.text === 'its' && mentions.some((x) => x.end < m.start))
        m.role = 'context';
    // "Outline the left adrenal, whose vein drains into the IVC", "show the spleen, which the
    // splenic artery feeds": a relative clause after a named organ goes on describing it; the
    // organs it names are places, up to the sentence's end, a new command or ", and".
    for (const m of mentions) {
      if (m.role !== 'direct' || m.target.kind !== 'organ') continue;
      const k = tokens[m.end]?.raw === ',' ? m.end + 1 : m.end;
      const word = tokens[k]?.text;
      // ("Of the liver, pancreas and gallbladder, which two lie in the stomach bed?" asks.)
      const asks = COUNT_WORDS.has(tokens[k + 1]?.text ?? '') || HEAD_WORDS.has(tokens[k + 1]?.text ?? '');
      if (!(word === 'whose' || (word === 'which' && tokens[k - 1]?.raw === ',' && !asks))) continue;
      for (let i = k + 1; i < tokens.length; i++) {
        const t = tokens[i] as Token;
        if (['.', '?', '!', ';'].includes(t.raw) || COMMAND_VERBS.has(t.text)) break;
        if (CONJUNCTIONS.has(t.text) && tokens[i - 1]?.boundary) break;
        const x = mentions.find((y) => y.start === i);
        if (x && x.role === 'direct' && x.target.kind === 'organ') x.role = 'context';
      }
    }
    // "the big artery in front of the spine", "the organ under the right ribs": an outside
    // structure after a place word is where to look, first mention or not.
    for (const m of mentions) {
      if (m.role !== 'direct' || m.target.kind !== 'outside') continue;
      const j = beforeArticlesAndSides(tokens, m.start);
      const w = tokens[j]?.text ?? '';
      const w2 = `${tokens[j - 1]?.text ?? ''} ${w}`;
      // "the main artery carrying blood from the heart", "… down through the belly"
      const passing = w === 'from' || w === 'through';
      // "SMA syndrome compresses the third part of this organ": a syndrome named after it.
      const syndrome = ['syndrome', 'syndromes'].includes(tokens[m.end]?.text ?? '');
      // "the big vein right of the aorta that both renal veins drain into": the subject of a
      // relative clause about the thing asked for.
      const k = tokens[j]?.text === 'both' || tokens[j]?.text === 'all' ? j - 1 : j;
      // ("the organ the common bile duct empties into": a head noun, then the clause without "that")
      const relative =
        (['that', 'which'].includes(tokens[k]?.text ?? '') || RELATIVE_HEADS.has(tokens[k]?.text ?? '')) &&
        RELATIVE_CLAUSE_VERBS.has(tokens[m.end]?.text ?? '');
      if (
        syndrome ||
        relative ||
        LANDMARK_WORDS.has(w) ||
        OUTSIDE_PLACE_WORDS.has(w) ||
        passing ||
        LANDMARK_PAIRS.has(w2) ||
        w2 === 'side of'
      )
        m.role = 'context';
    }
  }

  /**
   * "the gland on top of the left kidney", "the little hat capping the right kidney": the kidney
   * places the adrenal asked for, so the name is read as the adrenal on that side.
   */
  /**
   * "aorta and cava at the level of the renal hila", "the aorta at kidney level": an organ that
   * names the level another organ is shown at is not asked for.
   */
  function applyLevelLandmarks(tokens: Token[], mentions: Mention[]): void {
    const text = (j: number) => tokens[j]?.text ?? '';
    for (const m of mentions) {
      if (m.role !== 'direct' || m.target.kind !== 'organ') continue;
      if (!mentions.some((x) => x.end <= m.start && x.role === 'direct' && x.target.kind === 'organ'))
        continue;
      let j = m.start - 1;
      while (ARTICLES.has(text(j))) j--;
      const levelOf =
        text(j) === 'of' &&
        text(j - 1) === 'level' &&
        ['at', 'to', 'from'].includes(text(j - 2 - (ARTICLES.has(text(j - 2)) ? 1 : 0)));
      const levelAfter = text(m.end) === 'level' && ['at', 'to', 'from'].includes(text(j));
      if (levelOf || levelAfter) m.role = 'context';
    }
  }

  function applyGlandOnKidney(tokens: Token[], mentions: Mention[]): void {
    const kidney = (ids: readonly OrganId[]) => ids.every((id) => id === 2 || id === 13);
    const adrenal = (ids: readonly OrganId[]) => ids.every((id) => id === 7 || id === 8);
    if (mentions.some((m) => m.target.kind === 'organ' && adrenal(m.target.ids))) return;
    for (const m of mentions) {
      if (m.target.kind !== 'organ' || !kidney(m.target.ids) || m.role === 'negated') continue;
      let j = m.start - 1;
      // ("…of the patient's left kidney": the patient's side is the kidney's.)
      const skipped = (t: Token) =>
        ARTICLES.has(t.text) ||
        SIDE_WORDS.has(t.text) ||
        ['each', 'patient', 'patients', 's'].includes(t.text);
      while (j >= 0 && skipped(tokens[j] as Token)) j--;
      let w = tokens[j]?.text ?? '';
      // "the gland anteromedial to the upper pole of the left kidney"
      const upperPole =
        w === 'of' && tokens[j - 1]?.text === 'pole' && UPPER_WORDS.has(tokens[j - 2]?.text ?? '');
      if (upperPole) {
        j -= 2;
        w = tokens[j]?.text ?? '';
      }
      if (!upperPole && !GLAND_PLACES.has(w) && !LANDMARK_PAIRS.has(`${tokens[j - 1]?.text ?? ''} ${w}`))
        continue;
      const before = tokens.slice(Math.max(0, j - 6), j);
      // "what sits on top of the left kidney (like a hat)?": the thing asked sits on it.
      const whatSits =
        ['what', 'which', 'whats'].includes(before.find((t) => !t.boundary)?.text ?? '') &&
        before.some((t) => SITS_WORDS.has(t.text)) &&
        ((w === 'of' && tokens[j - 1]?.text === 'top') ||
          w === 'atop' ||
          w === 'capping' ||
          w === 'topping' ||
          tokens.slice(m.end, m.end + 4).some((t) => GLAND_WORDS.has(t.text)));
      if (before.some((t) => t.boundary) || (!whatSits && !before.some((t) => GLAND_WORDS.has(t.text))))
        continue;
      const ids = m.target.ids.map((id): OrganId => (id === 2 ? 7 : 8));
      m.target = { kind: 'organ', ids, ...(ids.length > 1 ? { family: 'adrenal' as const } : {}) };
      m.role = 'direct';
      m.placedGland = true;
    }
  }

  /**
   * "A cyst in the left suprarenal gland: which organ?", "…a mass in the left kidney, which organ
   * should I segment?": a closing question that adds nothing but "which organ" asks for the organ
   * the case names, so the names before it are the answer, not context.
   */
  function applyLesionSite(tokens: Token[], mentions: Mention[]): void {
    let last = tokens.length;
    while (last > 0 && (tokens[last - 1] as Token).boundary) last--;
    let start = last;
    while (start > 0 && !(tokens[start - 1] as Token).boundary) start--;
    if (start === 0) return;
    const clause = tokens.slice(start, last).map((t) => t.text);
    const asks =
      (clause[0] === 'which' || clause[0] === 'what') &&
      // "The kidney on the right-hand side of the screen — which one is that?"
      // ("…an adenoma in the right adrenal gland. Which option?": the option asked alone is the organ)
      ([
        'organ',
        'gland',
        'structure',
        'vessel',
        'artery',
        'vein',
        'part',
        'bowel',
        'option',
        'choice',
      ].includes(clause[1] ?? '') ||
        (clause[1] === 'one' &&
          clause[2] === 'is' &&
          ['that', 'it', 'this'].includes(clause[3] ?? '') &&
          !tokens.some((_, i) => negationScope(tokens, i) >= 0)));
    const where = clause[0] === 'where' && clause.slice(1).every((w) => SITE_WORDS.has(w));
    // "HIDA: no filling of the GB at 4 h. organ?": the head noun alone closes the case
    const bare = clause.length === 1 && ['organ', 'gland', 'option'].includes(clause[0] ?? '');
    if (!(asks && clause.slice(2).every((w) => SITE_WORDS.has(w))) && !where && !bare) return;
    // "…, which vessel?": only a vessel can be the site asked for.
    const vesselAsked = ['vessel', 'artery', 'vein'].includes(clause[1] ?? '');
    // ("…between the bare area of the liver and the right crus. Which gland holds it?": only a gland.)
    const glandAsked = clause[1] === 'gland';
    const named = mentions.filter(
      (m) =>
        m.start < start &&
        m.target.kind === 'organ' &&
        m.role !== 'negated' &&
        (!vesselAsked || m.target.ids.every((id) => id === 5 || id === 6)) &&
        (!glandAsked || m.target.ids.every((id) => id === 4 || id === 7 || id === 8)),
    );
    if (
      named.length === 0 ||
      mentions.some((m) => m.start < start && m.target.kind === 'outside' && m.role === 'direct')
    )
      return;
    // "…the gland above the right kidney. Which organ is that?": a name after a place word is where
    // the lesion is not; the case describes something else.
    const placed = (m: Mention) => {
      const j = beforeArticlesAndSides(tokens, m.start);
      const w = tokens[j]?.text ?? '';
      // "a cyst on the left renal pole": on the organ is in it ("on top of" is a place).
      if (w === 'on') return false;
      return SITE_PLACE_WORDS.has(w) || LANDMARK_PAIRS.has(`${tokens[j - 1]?.text ?? ''} ${w}`);
    };
    if (placed(named[0] as Mention)) return;
    // (a name the head noun left out places it, too: "Behind the stomach and the body of the
    // pancreas …: which gland is that?")
    const firstNamed = mentions.find(
      (m) => m.start < start && m.target.kind === 'organ' && m.role !== 'negated',
    );
    if (glandAsked && firstNamed && firstNamed !== named[0] && placed(firstNamed)) return;
    // ("…: which option?" closes riddles and descriptions too; there only a finding in the organ
    // named, "an adenoma in the right adrenal gland", makes it the site)
    // ("hepar. Which option is it?", "The Greeks called it 'hepar'. Which option?": a name given
    // alone, or as what something was called, is the organ asked for.)
    const onlyNamed =
      named.length === 1 &&
      tokens
        .slice(0, start)
        .every(
          (t, k) =>
            t.boundary ||
            (k >= (named[0] as Mention).start && k < (named[0] as Mention).end) ||
            NAMING_WORDS.has(t.text),
        );
    if (
      (clause[1] === 'option' || clause[1] === 'choice') &&
      !onlyNamed &&
      !tokens
        .slice(Math.max(0, (named[0] as Mention).start - 9), (named[0] as Mention).start)
        .some(
          (t, k, w) => LESION_WORDS.has(t.text) && w.slice(k + 1).some((x) => SITE_PREPOSITIONS.has(x.text)),
        )
    )
      return;
    // A singular question: the site the case names first ("…sent tumour thrombus into the IVC").
    for (const m of named) m.role = m === named[0] ? 'direct' : 'context';
  }

  /**
   * "the adrenal on the same side as the gallbladder", "the kidney under the spleen": a kidney or
   * adrenal named without a side takes the side of the one-sided organ it is placed by, which is
   * where to look, not asked for.
   */
  function applyNeighbourSides(tokens: Token[], mentions: Mention[]): void {
    for (const m of mentions) {
      // "Show the kidney next to the liver. Oops, wrong one; show the other one." flips the side
      // the neighbour gives.
      const flip = m.sideCorrection === 'other';
      // ("Outline the kidney under the liver. Actually, make it the other kidney.": one taken back
      // keeps the side its neighbour gave, for "the other" after it.)
      // ("CT shows a nodule in the adrenal beside the spleen. Outline that adrenal.": one named as
      // the lesion's site keeps its side too, for "that adrenal" after it.)
      const takenBack = m.role === 'negated' || m.role === 'context';
      if (
        (m.role !== 'direct' && !takenBack) ||
        m.target.kind !== 'organ' ||
        !m.target.family ||
        (m.sideCorrection && !flip)
      )
        continue;
      const local = sideOf(tokens, m, mentions);
      if (local.left || local.right) continue;
      // "IVC? no, the kidney next to it": the neighbour is the organ named before, pointed back to.
      const back = tokens
        .slice(m.end, m.end + 4)
        .findIndex(
          (t, k, w) => BACK_REFERENCES.has(t.text) && w.slice(0, k).some((x) => NEIGHBOUR_WORDS.has(x.text)),
        );
      if (back >= 0) {
        const before = mentions.findLast((x) => x.end <= m.start && x.target.kind === 'organ');
        const organ =
          before?.target.kind === 'organ' && before.target.ids.length === 1
            ? organById(before.target.ids[0] as OrganId)
            : undefined;
        // ("the left adrenal. Oops, I meant the kidney underneath it": a one-sided organ of the
        // other pair gives its side too)
        if (
          organ &&
          (!organ.pairedWith || !m.target.ids.includes(organ.id)) &&
          (organ.side === 'left' || organ.side === 'right')
        ) {
          m.sideCorrection = flip ? opposite(organ.side) : organ.side;
          continue;
        }
      }
      // "Both adrenals plus the kidney sitting under the right one": the other pair's side, by "one".
      const near = tokens.slice(m.end, m.end + 6).map((t) => t.text);
      const placedOne = near.findIndex(
        (w, k) =>
          NEIGHBOUR_WORDS.has(w) &&
          near[k + 1] === 'the' &&
          SIDE_WORDS.has(near[k + 2] ?? '') &&
          near[k + 3] === 'one',
      );
      if (placedOne >= 0 && !mentions.some((x) => x.start > m.end && x.start <= m.end + placedOne + 3)) {
        const side = SIDE_WORDS.get(near[placedOne + 2] as string);
        if (side === 'left' || side === 'right') {
          m.sideCorrection = flip ? opposite(side) : side;
          continue;
        }
      }
      const n = mentions.find((x) => x.start >= m.end && x.start - m.end <= 8);
      if (n?.target.kind !== 'organ' || n.target.ids.length !== 1) continue;
      const between = tokens.slice(m.end, n.start);
      // "on the spleen's side": the place word may follow the neighbour.
      const placed = [...between, ...tokens.slice(n.end, n.end + 2)].some((t) => NEIGHBOUR_WORDS.has(t.text));
      if (between.some((t) => t.boundary) || !placed) continue;
      const neighbour = organById(n.target.ids[0] as OrganId);
      // "the adrenal above the left kidney": a paired organ of the other family gives its side too.
      const otherFamily = neighbour.pairedWith !== undefined && !m.target.ids.includes(neighbour.id);
      if ((neighbour.pairedWith && !otherFamily) || (neighbour.side !== 'left' && neighbour.side !== 'right'))
        continue;
      // "the adrenal that is not next to the liver": the other side.
      // ("the kidney on the opposite side from the right adrenal": the other side as well.)
      const negated =
        between.some((_, k) => negationScope(between, k) >= 0) ||
        between.some(
          (t, k) =>
            t.text === 'opposite' ||
            t.text === 'contralateral' ||
            (t.text === 'other' && between[k + 1]?.text === 'side'),
        );
      m.sideCorrection = flip !== negated ? opposite(neighbour.side) : neighbour.side;
      if (!takenBack) n.role = 'context';
    }
  }

  /**
   * "CT shows a nodule in the adrenal beside the spleen. Outline that adrenal.": a kidney or adrenal
   * pointed back to ("that adrenal", "the same kidney") takes the side its earlier mention was given.
   */
  /**
   * "Pancreatic SBRT OARs on this slice: stomach, duodenum, both kidneys", "Gastric ca RT plan. OAR
   * list: liver, both kidneys": the organs at risk listed are asked for; the organ the treatment
   * aims at, named by its adjective, is the target, not one of them.
   */
  function applyOrgansAtRisk(tokens: Token[], mentions: Mention[]): void {
    const text = tokens.map((t) => t.text).join(' ');
    if (!/\b(?:oars?|organs at risk|organs of risk)\b/.test(text)) return;
    // "Panc SBRT: contour the OARs – stomach, duodenum…": the organ treated is the target, not an
    // organ at risk.
    for (const m of mentions)
      if (
        m.role === 'direct' &&
        m.target.kind === 'organ' &&
        (RADIOTHERAPY_WORDS.has(tokens[m.end]?.text ?? '') ||
          (['ca', 'cancer', 'tumour', 'tumor', 'primary'].includes(tokens[m.end]?.text ?? '') &&
            RADIOTHERAPY_WORDS.has(tokens[m.end + 1]?.text ?? '')))
      )
        m.role = 'context';
    const listed = mentions.filter((m) => m.role === 'direct' && m.target.kind === 'organ' && !m.adjective);
    if (listed.length === 0) return;
    for (const m of mentions)
      if (
        m.role === 'direct' &&
        m.target.kind === 'organ' &&
        m.adjective &&
        !listed.some(
          (x) =>
            x.target.kind === 'organ' &&
            x.target.ids.some((id) => (m.target.kind === 'organ' ? m.target.ids : []).includes(id)),
        )
      )
        m.role = 'context';
  }

  /**
   * "Liver normal, spleen normal, both kidneys unremarkable, panc fine. … the aorta - segment that",
   * "Check the spleen and pancreas; liver's already been reported as fine": organs said to be
   * normal are context when another organ is asked for.
   */
  function applyNormalOrgans(tokens: Token[], mentions: Mention[]): void {
    const saidNormal = (m: Mention) => {
      for (let j = m.end; j < Math.min(tokens.length, m.end + 14); j++) {
        const t = tokens[j] as Token;
        if (t.boundary && t.text !== ',') return false;
        // (not a later question, "also is it normal", nor "with a normal spleen")
        if (NORMAL_STOPS.has(t.text) || (t.text === 'is' && tokens[j + 1]?.text === 'it')) return false;
        if (NORMAL_WORDS.has(t.text))
          return !mentions.some(
            (x) => x.start === j + 1 || (x.start === j + 2 && ARTICLES.has(tokens[j + 1]?.text ?? '')),
          );
        if (mentions.some((x) => x !== m && x.start === j)) {
        }
      }
      return false;
    };
    // ("…were fine but my stomach's irritated, can u show those three": all of them after all)
    if (
      /\b(?:those|these|all) (?:two|three|four)\b|\ball of them\b|\bthem all\b/.test(
        tokens.map((t) => t.text).join(' '),
      )
    )
      return;
    const direct = mentions.filter((m) => m.role === 'direct' && m.target.kind === 'organ');
    const normal = direct.filter(saidNormal);
    if (normal.length === 0 || normal.length === direct.length) return;
    for (const m of normal) m.role = 'context';
  }

  function applyPointedPair(tokens: Token[], mentions: Mention[]): void {
    for (const m of mentions) {
      if (m.role !== 'direct' || m.target.kind !== 'organ' || !m.target.family || m.sideCorrection) continue;
      const before = tokens[m.start - 1]?.text ?? '';
      if (!['that', 'this', 'same'].includes(before)) continue;
      const local = sideOf(tokens, m, mentions);
      if (local.left || local.right) continue;
      const family = m.target.family;
      const earlier = mentions.findLast(
        (x) => x.end <= m.start && x.target.kind === 'organ' && x.target.family === family && x !== m,
      );
      if (earlier?.sideCorrection === 'left' || earlier?.sideCorrection === 'right')
        m.sideCorrection = earlier.sideCorrection;
    }
  }

  /**
   * "…outside US said small R kidney, "…my liver looked fatty. Can you
   * show that fatty organ?": a command whose object points back ("that one", "that organ") with no
   * name after it asks for the organ named last before it.
   */
  function applyPointBack(tokens: Token[], mentions: Mention[]): void {
    for (let c = 0; c < tokens.length; c++) {
      // "…, where's the gland (on this)?": asking where the organ just named is.
      const where =
        tokens[c]?.text === 'where' && ['s', 'is', 'are'].includes(tokens[c + 1]?.text ?? '') && c > 0;
      if (!where && !COMMAND_VERBS.has((tokens[c] as Token).text)) continue;
      let j = where ? c + 2 : c + 1;
      if (tokens[j]?.text === 'me' || tokens[j]?.text === 'us') j++;
      // "Mark the gland involved", "outline the kidney affected": a participle points back too.
      const involved =
        tokens[j]?.text === 'the' &&
        POINTED_NOUNS.has(tokens[j + 1]?.text ?? '') &&
        (INVOLVED_WORDS.has(tokens[j + 2]?.text ?? '') ||
          (tokens[j + 2]?.text === 'in' && tokens[j + 3]?.text === 'question'));
      if (
        tokens[j]?.text !== 'that' &&
        tokens[j]?.text !== 'this' &&
        !(where && tokens[j]?.text === 'the') &&
        !involved
      )
        continue;
      // "my doc says i have fatty liver, where's that?": the organ named before it.
      if (
        where &&
        endsAfterTrailers(tokens, j + 1) &&
        !mentions.some((m) => m.start > c) &&
        !tokens.slice(0, c).some((t) => ASK_WORDS.has(t.text) || HEAD_WORDS.has(t.text))
      ) {
        const named = mentions.findLast(
          (m) => m.end <= c && m.target.kind === 'organ' && m.role !== 'negated',
        );
        // ("a kidney stone in my left kidney, where's that": names of one organ, the most precise.)
        const organs = mentions.filter((m) => m.target.kind === 'organ');
        const namedIds = named?.target.kind === 'organ' ? named.target.ids : [];
        const oneOrgan = organs.every(
          (m) =>
            m.target.kind === 'organ' &&
            m.target.ids.some(
              (id) => namedIds.includes(id) || namedIds.includes(organById(id).pairedWith as OrganId),
            ),
        );
        if (named && oneOrgan) {
          // the most precise name ("my left kidney" rather than "kidney stone")
          const precise = organs.reduce((a, b) =>
            b.target.kind === 'organ' &&
            a.target.kind === 'organ' &&
            b.target.ids.length < a.target.ids.length
              ? b
              : a,
          );
          precise.role = 'direct';
          for (const m of organs) if (m !== precise) m.role = 'context';
          return;
        }
      }
      let k = j + 1;
      while (k < j + 3 && tokens[k] && !tokens[k]?.boundary && !POINTED_NOUNS.has(tokens[k]?.text ?? '')) k++;
      const noun = tokens[k]?.text ?? '';
      if (!POINTED_NOUNS.has(noun)) continue;
      const trailerAt =
        involved && INVOLVED_WORDS.has(tokens[k + 1]?.text ?? '')
          ? k + 2
          : involved && tokens[k + 1]?.text === 'in'
            ? k + 3
            : k + 1;
      if (!endsAfterTrailers(tokens, trailerAt)) continue;
      // "show me that kidney": the pointed noun may be an organ's name itself.
      const pointed = mentions.find((m) => m.start === k);
      if (mentions.some((m) => m.start > c && m.target.kind === 'organ' && m !== pointed)) return;
      // "which kidney sits lower…? show that one", "…the organ that makes the bile it stores:
      // outline that one": the pointer is to the organ described, not to a name.
      const inName = (i: number) => mentions.some((m) => m.start <= i && i < m.end);
      if (tokens.slice(0, c).some((t, i) => (ASK_WORDS.has(t.text) || HEAD_WORDS.has(t.text)) && !inName(i)))
        return;
      const family = noun === 'kidney' ? 'kidney' : noun === 'adrenal' ? 'adrenal' : undefined;
      // "…in the suprarenal gland on the same side as the liver. Show that gland.": of the kind named.
      // (the liver is a gland too, but "that gland" after an adrenal named means the adrenal)
      const ofKind = /^glands?$/.test(noun) ? [4, 7, 8] : firstHeadType([noun]);
      const target = mentions.findLast(
        (m) =>
          m.end <= c &&
          m.target.kind === 'organ' &&
          m.role !== 'negated' &&
          (!family || m.target.ids.every((id) => (family === 'kidney' ? [2, 13] : [7, 8]).includes(id))) &&
          (!ofKind || m.target.ids.every((id) => ofKind.includes(id))),
      );
      if (!target) return;
      // "renal biopsy on the rt side, where's the kidney": an adjective or a name no more precise
      // than the pointer's own says nothing more; the usual reading stands.
      // ("…the kidney on the viewer's left of this CT, outline that kidney": a side it has says more.)
      const targetSide = sideOf(tokens, target, mentions);
      if (
        pointed &&
        pointed.target.kind === 'organ' &&
        target.target.kind === 'organ' &&
        (target.adjective ||
          (pointed.target.ids.every(
            (id) => target.target.kind === 'organ' && target.target.ids.includes(id),
          ) &&
            targetSide.left === targetSide.right))
      )
        return;
      for (const m of mentions) if (m.end <= c) m.role = m === target ? 'direct' : 'context';
      if (pointed) pointed.role = 'ignored';
      return;
    }
  }

  /**
   * "Left nephrectomy in 2019 - outline the remaining kidney", "right adrenalectomy for Conn's: show
   * the adrenal that's left": the one of a pair still there is the side that was not removed, and
   * the organ named as removed is context.
   */
  function applyRemainingOfPair(tokens: Token[], mentions: Mention[]): void {
    const text = tokens.map((t) => t.text).join(' ');
    const familyOf = (ids: readonly OrganId[]) =>
      ids.every((id) => id === 2 || id === 13)
        ? 'kidney'
        : ids.every((id) => id === 7 || id === 8)
          ? 'adrenal'
          : undefined;
    for (const m of mentions) {
      if (m.role !== 'direct' || m.target.kind !== 'organ') continue;
      const family = familyOf(m.target.ids);
      if (!family) continue;
      const before = tokens[m.start - 1]?.text ?? '';
      const after = tokens
        .slice(m.end, m.end + 4)
        .map((t) => t.text)
        .join(' ');
      const remaining = REMAINING_BEFORE.has(before) || REMAINING_AFTER.test(after);
      const other = OTHER_BEFORE.has(before) || OTHER_AFTER.test(after);
      if (!remaining && !other) continue;
      const removed = new Set(
        [...text.matchAll(REMOVED_SIDE)].flatMap((x) => {
          const side = (x[1] ?? x[3] ?? x[4] ?? x[6]) as 'left' | 'right';
          const what = x[2] ?? x[5] ?? x[7] ?? '';
          return /adrenal|gland/.test(what) === (family === 'adrenal') ? [side] : [];
        }),
      );
      // "Left kidney stone. Show the other kidney.": the side of the one named before.
      const named = new Set(
        mentions.flatMap((x) => {
          if (x === m || x.end > m.start || x.target.kind !== 'organ' || familyOf(x.target.ids) !== family)
            return [];
          if (x.target.ids.length === 1) {
            const side = organById(x.target.ids[0] as OrganId).side;
            return side === 'left' || side === 'right' ? [side] : [];
          }
          // ("Outline the kidney under the liver. Actually, make it the other kidney.": the side
          // its neighbour gave.)
          if (x.sideCorrection === 'left' || x.sideCorrection === 'right') return [x.sideCorrection];
          const own = sideOf(tokens, x, mentions);
          return own.left !== own.right ? [own.left ? 'left' : 'right'] : [];
        }),
      );
      const sides = removed.size > 0 ? removed : other ? named : new Set<string>();
      if (sides.size !== 1) continue;
      m.sideCorrection = opposite([...sides][0] as 'left' | 'right');
      // "The left kidney was removed.": the organ taken out is where the story starts.
      for (const x of mentions)
        if (x !== m && x.role === 'direct' && x.target.kind === 'organ' && familyOf(x.target.ids) === family)
          x.role = 'context';
    }
    // "Her right kidney was removed. Show the other one.", "…show me the one she's got left": with
    // no name after, the one named and removed turns into its partner.
    const named = mentions.filter((m) => m.role === 'direct' && m.target.kind === 'organ');
    const only = named.length === 1 ? (named[0] as Mention) : undefined;
    if (!only || only.sideCorrection || only.target.kind !== 'organ' || only.target.ids.length !== 1) return;
    const organ = organById(only.target.ids[0] as OrganId);
    const family = familyOf(only.target.ids);
    if (!family || (organ.side !== 'left' && organ.side !== 'right')) return;
    const removed = [...text.matchAll(REMOVED_SIDE)].some((x) => {
      const what = x[2] ?? x[5] ?? x[7] ?? '';
      return (
        (x[1] ?? x[3] ?? x[4] ?? x[6]) === organ.side && /adrenal|gland/.test(what) === (family === 'adrenal')
      );
    });
    const after = tokens
      .slice(only.end)
      .map((t) => t.text)
      .join(' ');
    if (removed && PRONOUN_REMAINING.test(after)) only.sideCorrection = opposite(organ.side);
  }

  /**
   * "Highlight the kidney that sits a little lower because the liver pushes it down": a pair's name
   * heading a relative clause takes the side a side-specific fact there fixes, and the organs named
   * in the clause describe it.
   */
  function applyRelativeSide(tokens: Token[], mentions: Mention[]): void {
    // "left kidney and its adrenal", "the left kidney, its adrenal, …": the gland of the kidney just
    // named, asked for with it.
    for (const m of mentions) {
      if (m.target.kind !== 'organ' || m.target.family !== 'adrenal' || tokens[m.start - 1]?.text !== 'its')
        continue;
      const joined =
        ['and', 'plus', ','].includes(tokens[m.start - 2]?.raw ?? '') || tokens[m.start - 2]?.text === 'and';
      const owner = mentions.findLast((x) => x.end <= m.start && x.target.kind === 'organ');
      const id =
        owner?.target.kind === 'organ' && owner.target.ids.length === 1 ? owner.target.ids[0] : undefined;
      if (!joined || owner?.role !== 'direct' || (id !== 2 && id !== 13)) continue;
      m.role = 'direct';
      m.sideCorrection = id === 2 ? 'right' : 'left';
    }
    for (const m of mentions) {
      if (m.role !== 'direct' || m.target.kind !== 'organ' || !m.target.family || m.sideCorrection) continue;
      // "the adrenal (perched) on the left kidney": the gland on a kidney of one side is that side's,
      // and the kidney is where it sits.
      if (m.target.family === 'adrenal') {
        const kidney = mentions.find(
          (x) =>
            x.start > m.end &&
            x.start <= m.end + 5 &&
            x.target.kind === 'organ' &&
            x.target.ids.length === 1 &&
            (x.target.ids[0] === 2 || x.target.ids[0] === 13),
        );
        const between = kidney ? tokens.slice(m.end, kidney.start) : [];
        if (kidney && !between.some((t) => t.boundary) && between.some((t) => GLAND_PLACES.has(t.text))) {
          m.sideCorrection = kidney.target.kind === 'organ' && kidney.target.ids[0] === 2 ? 'right' : 'left';
          kidney.role = 'context';
          continue;
        }
      }
      const local = sideOf(tokens, m, mentions);
      if (local.left || local.right) continue;
      // "Left kidney stone. Show the kidney.", "renal cell carcinoma in the left kidney": a kidney
      // or adrenal of one side named before (or a family adjective beside it) is the one meant.
      const family = m.target.family;
      // (a family name with its own side word counts too: "the rt kidny")
      const sideOfOther = (x: Mention): ('left' | 'right')[] => {
        if (x.target.kind !== 'organ') return [];
        if (x.target.ids.length === 1) {
          const side = organById(x.target.ids[0] as OrganId).side;
          return side === 'left' || side === 'right' ? [side] : [];
        }
        const own = sideOf(tokens, x, mentions);
        return own.left !== own.right ? [own.left ? 'left' : 'right'] : [];
      };
      const sides = new Set(
        mentions.flatMap((x) =>
          x !== m &&
          x.target.kind === 'organ' &&
          x.target.ids.every((id) => (family === 'kidney' ? [2, 13] : [7, 8]).includes(id)) &&
          (m.adjective || x.end <= m.start)
            ? sideOfOther(x)
            : [],
        ),
      );
      const single =
        /^(?:kidney|adrenal|renal|suprarenal|gland)$/.test(tokens[m.end - 1]?.text ?? '') &&
        // "… show me the kidney that actually sits lower": the clause says which.
        !['that', 'which', 'whose', 'with', 'where'].includes(tokens[m.end]?.text ?? '');
      if (
        sides.size === 1 &&
        single &&
        !tokens.some((t) =>
          /^(?:both|each|two|other|opposite|remaining|contralateral|either|pair|bilateral|bilaterally)$/.test(
            t.text,
          ),
        )
      ) {
        m.sideCorrection = [...sides][0] as 'left' | 'right';
        continue;
      }
      // "Show me the crescent-shaped (semilunar) adrenal gland": a side fact in a request that names
      // one pair only.
      // ("…highlight the kidney only, leave the adrenal out of it": a pair taken back is no other pair)
      const pairs = mentions.filter(
        (x) => x.target.kind === 'organ' && x.target.family && x.role !== 'negated',
      );
      const next = tokens[m.end]?.text ?? '';
      const relative =
        ['that', 'which', 'whose'].includes(next) ||
        // "the kidney it rests against": a relative clause without "that"
        ((next === 'it' || next === 'they') && /^[a-z]+s$/.test(tokens[m.end + 1]?.text ?? '')) ||
        /^[a-z]{3,}(?:ing|ched|ped)$/.test(next) ||
        // "right kidney and the adrenal on top of it"
        (GLAND_PLACES.has(next) && tokens.slice(m.end, m.end + 5).some((t) => t.text === 'it'));
      // ("One kidney rides lower … Mark that kidney.": the same pair named twice is one pair.)
      const onePair = pairs.every(
        (x) => x.target.kind === 'organ' && x.target.family === family && x.target.ids.length === 2,
      );
      // ("My gran says she has a 'floating kidney'. Can you show me her kidneys?": a plural asks
      // for both.)
      // ("Of the two adrenal glands, segment the pyramid-shaped one": a pair to pick one from.)
      const plural =
        /^(?:kidneys|adrenals|adrenal glands|suprarenals|suprarenal glands)$/.test(
          tokens
            .slice(m.start, m.end)
            .map((t) => t.text)
            .join(' '),
        ) && !tokens.slice(m.end).some((t) => t.text === 'one' || t.text === 'which');
      if (onePair && !relative && !plural && !tokens.some((t) => ASK_WORDS.has(t.text))) {
        const fact = sideFact(tokens.map((t) => t.text).join(' '), m.target.ids);
        if (fact) {
          m.sideCorrection = fact;
          continue;
        }
      }
      // "the adrenal sitting on it": a participle heads the clause as well as "that".
      if (!relative) continue;
      let end = m.end;
      while (end < tokens.length && !(tokens[end] as Token).boundary) end++;
      const clause = tokens.slice(m.end, end);
      // "the IVC and the adrenal that sits right behind it": the pronoun is the organ named before.
      const before = mentions.findLast((x) => x.end <= m.start && x.target.kind === 'organ');
      const referentOrgan =
        before?.target.kind === 'organ' && before.target.ids.length === 1
          ? organById(before.target.ids[0] as OrganId)
          : undefined;
      const referent =
        referentOrgan && !referentOrgan.pairedWith ? referentOrgan.name.toLowerCase() : undefined;
      // ("…the adrenal gland that hugs its back": behind it.)
      const clauseText = clause
        .map((t) => t.text)
        .join(' ')
        .replace(/\b(?:its|the) (?:back|posterior (?:surface|aspect|wall|side))(?: of it)?\b/g, 'behind it')
        .replace(
          /\b(?:its|the) (?:front|anterior (?:surface|aspect|wall|side))(?: of it)?\b/g,
          'in front of it',
        )
        .replace(/\b(?:it|them)\b/g, (w) => (referent ? `the ${referent}` : w));
      const fact = sideFact(clauseText, m.target.ids) ?? placedOnIt(tokens, m, clause, mentions);
      if (!fact) continue;
      m.sideCorrection = fact;
      for (const x of mentions)
        if (x.start >= m.end && x.start < end && x.role === 'direct') x.role = 'context';
    }
  }

  /**
   * "Of the liver and the spleen, show me only the heavier one", "Kidneys, spleen and pancreas: just
   * the one that belongs to the lymphatic system", "liver, aorta, stomach - outline the first and
   * the last": one or more organs picked from a list named before, by position or by a description
   * (the organs of the list are the only candidates; the description's words choose).
   */
  function pickFromList(
    tokens: Token[],
    mentions: Mention[],
  ): { ids?: OrganId[]; words?: string[]; allowed?: OrganId[] } | undefined {
    // "…, the one on the same side as the liver": a neighbour that gives a side is not listed.
    const sideGiver = (m: Mention) =>
      /\bsame side as(?: the)?$/.test(
        tokens
          .slice(Math.max(0, m.start - 4), m.start)
          .map((t) => t.text)
          .join(' '),
      );
    // ("Of B and M, only the one the liver pushes down": an organ as the subject of the pick's own
    // clause is a clue.)
    const subjectOfPick = (m: Mention) =>
      /\bones? (?:(?:that|which) )?(?:the|its)$/.test(
        tokens
          .slice(Math.max(0, m.start - 4), m.start)
          .map((t) => t.text)
          .join(' '),
      );
    const listed = mentions.filter(
      (m) => m.target.kind === 'organ' && m.role !== 'negated' && !sideGiver(m) && !subjectOfPick(m),
    );
    // "Of the two kidneys, show the one on the viewer's left": one of a pair by its side.
    const pair = listed.length === 1 ? (listed[0] as Mention) : undefined;
    if (pair?.target.kind === 'organ' && pair.target.family && pair.target.ids.length === 2) {
      const text = tokens
        .slice(pair.end)
        .filter((t) => !t.boundary)
        .map((t) => t.text)
        .join(' ');
      const side = ONE_ON_SIDE.exec(text)?.[1];
      const plain =
        !/\b(?:except|but|not|without|minus|skip|apart|besides|other)\b/.test(text) &&
        !(text.includes('left') && text.includes('right')) &&
        (text.match(/\bone\b/g) ?? []).length === 1;
      if (side && plain) return { ids: pair.target.ids.filter((id) => organById(id).side === side) };
      // "Of the two kidneys, outline the one that is not the patient's left one."
      const notSide = ONE_NOT_ON_SIDE.exec(text)?.[1] as 'left' | 'right' | undefined;
      if (notSide) return { ids: pair.target.ids.filter((id) => organById(id).side === opposite(notSide)) };
      // "Of the two kidneys, which one usually sits lower?": a side fact picks one.
      const fact = /\b(?:which|the) one\b/.test(text) ? sideFact(text, pair.target.ids) : undefined;
      if (fact && plain) return { ids: pair.target.ids.filter((id) => organById(id).side === fact) };
    }
    // "Of the two great vessels, the one carrying blood toward the heart": a set named at once.
    const set = listed.length === 1 && listed[0]?.target.kind === 'organ' && !listed[0].target.family;
    if (
      listed.length < 2 &&
      !(set && (listed[0]?.target.kind === 'organ' ? listed[0].target.ids.length : 0) > 1)
    )
      return undefined;
    // A list: names joined by commas, "and", "or", "plus" (not "the adrenal that sits behind the IVC").
    // ("Among the IVC, the splenic vein and the aorta, which …": a structure outside the 13 may be
    // listed among them.)
    const outsideAt = (i: number) =>
      mentions.some((m) => m.target.kind === 'outside' && m.start <= i && i < m.end);
    const joined = listed.every(
      (m, k) =>
        k === 0 ||
        tokens.slice((listed[k - 1] as Mention).end, m.start).every(
          (t, i) =>
            t.boundary ||
            ARTICLES.has(t.text) ||
            LIST_JOINERS.has(t.text) ||
            // "…, the stomach and the two kidneys"
            t.text === 'two' ||
            t.text === 'both' ||
            outsideAt((listed[k - 1] as Mention).end + i),
        ),
    );
    if (!joined) return selectorBeforeList(tokens, mentions, listed);
    const end = (listed.at(-1) as Mention).end;
    const after = tokens.slice(end);
    // By position: "the first and the last", "the second and third".
    const positions: number[] = [];
    after.forEach((t, k) => {
      const at = ORDINALS.get(t.text);
      if (at === undefined) return;
      const prev = after[k - 1]?.text ?? '';
      const next = after[k + 1];
      const ends =
        !next || next.boundary || ['and', 'one', 'ones', 'two', 'only', ...POLITE_WORDS].includes(next.text);
      if ((prev === 'the' || prev === 'and' || prev === 'only' || prev === 'just') && ends)
        positions.push(at);
    });
    const organsOf = (m: Mention) => (m.target.kind === 'organ' ? [...m.target.ids] : []);
    if (positions.length > 0) {
      if (positions.some((p) => (p < 0 ? -p : p + 1) > listed.length)) return undefined;
      const ids = positions.flatMap((p) => organsOf(listed.at(p < 0 ? p : p) as Mention));
      return { ids: [...new Set(ids)] };
    }
    // By description: "which one …", "only the heavier one", "the one that …", "which of them …".
    const text = after
      .filter((t) => !t.boundary)
      .map((t) => t.text)
      .join(' ');
    // "Which of liver, spleen and stomach is hollow?": the selector just before the list.
    const first = (listed[0] as Mention).start;
    // ("Which of the great vessels does not lie …?": an article may stand between.)
    const ofAt = ARTICLES.has(tokens[first - 1]?.text ?? '') ? first - 2 : first - 1;
    const ofList =
      SELECTOR_BEFORE_OF.has(tokens[ofAt - 1]?.text ?? '') &&
      tokens[ofAt]?.text === 'of' &&
      !(tokens[ofAt] as Token).boundary;
    // "Of (among) the liver, gallbladder and spleen, which sits in the left upper quadrant?"
    const leads = (t?: Token) => t?.text === 'of' || t?.text === 'among' || t?.text === 'amongst';
    const ofThe =
      leads(tokens[first - 1]) || (leads(tokens[first - 2]) && ARTICLES.has(tokens[first - 1]?.text ?? ''));
    const whichNext = after.find((t) => !t.boundary)?.text;
    const selector =
      PICK_ONE.exec(text) ??
      (ofList || (ofThe && whichNext && SELECTOR_BEFORE_OF.has(whichNext)) ? [''] : null);
    if (!selector) return selectorBeforeList(tokens, mentions, listed);
    // "…, just the one next to the spleen" is a neighbour's side (applyOneByNeighbour); an organ named
    // after the selector is not a pick from the list.
    if (
      mentions.some((m) => m.start >= end && m.target.kind === 'organ' && !sideGiver(m) && !subjectOfPick(m))
    )
      return undefined;
    const allowed = [...new Set(listed.flatMap(organsOf))];
    // "kidneys and adrenals - only the ones on the right": every listed organ on that side.
    const bySide = ONES_ON_SIDE.exec(text)?.[1];
    if (bySide) {
      const ids = allowed.filter((id) => organById(id).side === bySide);
      if (ids.length > 0) return { ids };
    }
    // The list's names are candidates now, neither context nor asked for as a whole.
    for (const m of listed) m.role = 'ignored';
    const words = after.filter((t) => !t.boundary).map((t) => t.text);
    return { words, allowed };
  }

  /**
   * "Which lies further to the patient's right, the IVC or the aorta?", "show whichever is more
   * posterior: the pancreas or the aorta": a selector, its description, then the list that ends the
   * clause. The list is the trailing run of names joined by commas and "or"/"and".
   */
  function selectorBeforeList(
    tokens: Token[],
    mentions: Mention[],
    listed: Mention[],
  ): { words?: string[]; allowed?: OrganId[]; ids?: OrganId[] } | undefined {
    const outsideAt = (i: number) =>
      mentions.some((m) => m.target.kind === 'outside' && m.start <= i && i < m.end);
    let k = listed.length - 1;
    while (
      k > 0 &&
      tokens.slice((listed[k - 1] as Mention).end, (listed[k] as Mention).start).every(
        (t, i) =>
          (!t.boundary || t.text === ',') &&
          (ARTICLES.has(t.text) ||
            LIST_JOINERS.has(t.text) ||
            t.text === ',' ||
            LIST_PART_WORDS.has(t.text) ||
            // "IVC, portal vein, aorta": a structure outside the 13 listed among them
            outsideAt((listed[k - 1] as Mention).end + i)),
      )
    )
      k--;
    const run = listed.slice(k);
    if (run.length < 2) return undefined;
    const last = run.at(-1) as Mention;
    // (an outside structure may close the list too: "…: IVC, aorta, splenic vein?")
    let tail = last.end;
    while (
      (LIST_PART_WORDS.has(tokens[tail]?.text ?? '') ||
        LIST_JOINERS.has(tokens[tail]?.text ?? '') ||
        tokens[tail]?.text === ',' ||
        outsideAt(tail)) &&
      tokens[tail] !== undefined &&
      (!tokens[tail]?.boundary || tokens[tail]?.text === ',')
    )
      tail++;
    if (!endsAfterTrailers(tokens, tail)) return undefined;
    // The list stands apart ("…, the IVC or the aorta"), not as a preposition's object ("which gland
    // lies between the liver and the IVC" asks for a third organ).
    // ("…: third part of duodenum, stomach, …": a part of an organ is listed as the organ.)
    let open = (run[0] as Mention).start - 1;
    while (open >= 0 && ARTICLES.has((tokens[open] as Token).text)) open--;
    // "…: third part of duodenum, stomach, …": a part of an organ is listed as the organ.
    if (tokens[open]?.text === 'of' && LIST_PART_WORDS.has(tokens[open - 1]?.text ?? '')) {
      open -= 2;
      while (
        open >= 0 &&
        LIST_PART_WORDS.has((tokens[open] as Token).text) &&
        (tokens[open] as Token).text !== 'of'
      )
        open--;
    }
    const among =
      tokens[open]?.text === 'among' ||
      tokens[open]?.text === 'amongst' ||
      (tokens[open]?.text === 'of' && tokens[open - 1]?.text === 'out');
    if (!tokens[open]?.boundary && !among) return undefined;
    // Back from the list to the selector, within the sentence.
    const start = (run[0] as Mention).start;
    let s = start - 1;
    while (
      s >= 0 &&
      !(
        (tokens[s] as Token).boundary &&
        (tokens[s] as Token).text !== ',' &&
        (tokens[s] as Token).text !== ':'
      )
    )
      s--;
    let at = s + 1;
    while (at < start && !SELECTOR_BEFORE_OF.has((tokens[at] as Token).text)) at++;
    // "Of this list, show the retroperitoneal ones: spleen, left kidney, …": the clause before the
    // colon describes the pick.
    if (at >= start && tokens[start - 1]?.text === ':') {
      const clause: Token[] = [];
      for (let j = start - 2; j >= 0 && !(tokens[j] as Token).boundary; j--)
        clause.unshift(tokens[j] as Token);
      if (clause.some((t) => t.text === 'ones' || t.text === 'one' || t.text === 'those'))
        at = start - 2 - clause.length;
    }
    if (at >= start) return undefined;
    const organsOf = (m: Mention) => (m.target.kind === 'organ' ? [...m.target.ids] : []);
    const allowed = [...new Set(run.flatMap(organsOf))];
    // "Which two organs hug each other in the right upper quadrant, liver and gallbladder?": as many
    // names as the question counts are its answer, not candidates.
    const counted = ANSWER_COUNTS.get(tokens[at + 1]?.text ?? '');
    if (counted !== undefined && counted === allowed.length && counted === run.length) {
      for (const m of run) m.role = 'ignored';
      return { ids: allowed };
    }
    // Organs named between the selector and the list describe the pick; they are not candidates.
    // ("Which of these touch the front of the left kidney: spleen, …" and "EGD scope goes through
    // which of these: …" pick by a known property of the whole sentence.)
    const describing = mentions.filter(
      (m) => m.target.kind === 'organ' && m.start > at && m.start < start && !run.includes(m),
    );
    const wordsOf = (from: number) =>
      tokens
        .slice(from, start)
        .filter((t) => !t.boundary)
        .map((t) => t.text);
    const sentence = wordsOf(s + 1);
    const bySentence =
      !describing.some((m) => m.start === at + 1) &&
      pickByProperty(sentence, allowed) !== undefined &&
      (describing.length > 0 || pickByProperty(wordsOf(at + 1), allowed) === undefined);
    if (describing.length > 0 && !bySentence) return undefined;
    for (const m of describing) m.role = 'context';
    for (const m of run) m.role = 'ignored';
    return { words: bySentence ? sentence : wordsOf(at + 1), allowed };
  }

  /**
   * "duodenum wrapping around the pancreatic head — outline both": "both" alone as what is asked for
   * means the two organs just named, a landmark or an adjective ("pancreatic") included.
   */
  function applyShowBoth(tokens: Token[], mentions: Mention[]): void {
    for (let c = 0; c < tokens.length; c++) {
      if (!COMMAND_VERBS.has((tokens[c] as Token).text)) continue;
      let j = c + 1;
      if (tokens[j]?.text === 'me' || tokens[j]?.text === 'us') j++;
      if (tokens[j]?.text !== 'both') continue;
      let after = j + 1;
      if (tokens[after]?.text === 'of' && tokens[after + 1]?.text === 'them') after += 2;
      else if (tokens[after]?.text === 'them') after++;
      if (!endsAfterTrailers(tokens, after)) continue;
      const before = mentions.filter((m) => m.end <= c && m.target.kind === 'organ' && m.role !== 'negated');
      const groups = new Set(before.map((m) => (m.target.kind === 'organ' ? m.target.ids.join(',') : '')));
      if (groups.size !== 2) continue;
      for (const m of before) m.role = 'direct';
      return;
    }
  }

  /**
   * "the left kidney and the adrenal gland that sits on it": a gland placed on the kidney just named
   * takes that kidney's side.
   */
  function placedOnIt(
    tokens: Token[],
    m: Mention,
    clause: Token[],
    mentions: Mention[],
  ): 'left' | 'right' | undefined {
    if (m.target.kind !== 'organ' || m.target.family !== 'adrenal') return undefined;
    const words = clause.map((t) => t.text);
    if (!words.some((w) => GLAND_PLACES.has(w)) || !words.some((w) => w === 'it' || w === 'that'))
      return undefined;
    const kidney = mentions.findLast((x) => x.end <= m.start && x.target.kind === 'organ');
    if (kidney?.target.kind !== 'organ') return undefined;
    // "the kidney on the screen's right and the adrenal sitting on top of it": the kidney's own side.
    if (kidney.target.ids.length === 2 && kidney.target.ids.includes(2) && kidney.target.ids.includes(13)) {
      if (kidney.sideCorrection === 'left' || kidney.sideCorrection === 'right') return kidney.sideCorrection;
      const own = sideOf(tokens, kidney, mentions);
      return own.left !== own.right ? (own.left ? 'left' : 'right') : undefined;
    }
    if (kidney.target.ids.length !== 1) return undefined;
    const id = kidney.target.ids[0];
    return id === 2 ? 'right' : id === 13 ? 'left' : undefined;
  }

  /**
   * "Both adrenals… actually just the one nearest the liver", "both kidneys, but skip the one next
   * to the spleen": "the one" placed by a one-sided organ picks that side of the pair named before
   * (the other side when it is taken back); the neighbour is where to look.
   */
  function applyOneByNeighbour(tokens: Token[], mentions: Mention[]): void {
    for (const n of mentions) {
      if (n.target.kind !== 'organ' || n.target.ids.length !== 1) continue;
      const organ = organById(n.target.ids[0] as OrganId);
      if (organ.pairedWith || (organ.side !== 'left' && organ.side !== 'right')) continue;
      // Back from the neighbour over articles and place words to "one".
      // ("…only the one that is not behind the IVC", "…only the one by the IVC")
      let j = n.start - 1;
      let placed = false;
      let notHere = false;
      while (j >= 0 && j >= n.start - 8) {
        const w = (tokens[j] as Token).text;
        if (NEIGHBOUR_WORDS.has(w) || LANDMARK_WORDS.has(w) || w === 'by') placed = true;
        else if (w === 'not' || w === 'isn' || w === 'isnt') notHere = true;
        else if (!ARTICLES.has(w) && !ONE_CLAUSE_WORDS.has(w)) break;
        j--;
      }
      const one = tokens[j];
      if (!placed || !one || (one.text !== 'one' && one.text !== 'ones')) continue;
      const pair = mentions.findLast(
        (m) => m.end <= j && m.target.kind === 'organ' && m.target.family !== undefined && m !== n,
      );
      if (!pair) continue;
      const between = tokens.slice(pair.end, j);
      // ("both adrenals... no, only the one by the IVC": a "no" that corrects negates nothing)
      const negated = between.some(
        (t, k) => negationScope(between, k) >= 0 && !(CORRECTING_NO.has(t.text) && between[k + 1]?.boundary),
      );
      pair.sideCorrection = negated !== notHere ? opposite(organ.side) : organ.side;
      pair.sideByNeighbour = true;
      pair.role = 'direct';
      n.role = 'context';
    }
  }

  /**
   * "The aorta and the IVC run side by side. Outline the former.", "…; show me the latter": the
   * first or the last organ named before the word is asked for, the others are context.
   */
  function applyFormerLatter(tokens: Token[], mentions: Mention[]): void {
    const at = tokens.findIndex(
      (t, j) => (t.text === 'former' || t.text === 'latter') && tokens[j - 1]?.text === 'the',
    );
    if (at < 0) return;
    const before = mentions.filter((m) => m.end <= at && m.target.kind === 'organ' && m.role !== 'negated');
    if (before.length < 2) return;
    const chosen = (tokens[at] as Token).text === 'former' ? before[0] : before.at(-1);
    for (const m of before) m.role = m === chosen ? 'direct' : 'context';
  }

  function sideOf(tokens: Token[], mention: Mention, mentions: Mention[]): { left: boolean; right: boolean } {
    const side = { left: false, right: false };
    const note = (w: string) => {
      if (SIDE_WORDS.get(w) === 'left') side.left = true;
      if (SIDE_WORDS.get(w) === 'right') side.right = true;
      if (w === 'both' || w === 'bilateral' || w === 'each' || w === 'two' || w === 'pair') {
        side.left = true;
        side.right = true;
      }
    };
    // "the kidney on the image's right and the adrenal …": a conjunction after another organ's
    // phrase ends this one's ("left and right kidneys" keeps both sides).
    const joinsAnother = mentions.some((m) => m.end <= mention.start - 1 && m !== mention);
    for (let j = mention.start - 1; j >= Math.max(0, mention.start - 3); j--) {
      const t = tokens[j] as Token;
      if (t.boundary || mentions.some((m) => m !== mention && j >= m.start && j < m.end)) break;
      if (joinsAnother && CONJUNCTIONS.has(t.text)) break;
      note(t.text);
    }
    // "R adrenal", "adrenal (L)": a single side letter right before the name or in brackets after it.
    const letter = (w: string | undefined) => SIDE_LETTERS.get(w ?? '');
    const before = letter(tokens[mention.start - 1]?.text);
    if (before) note(before);
    if (tokens[mention.end]?.raw === '(') {
      const inside = tokens[mention.end + 1]?.text;
      note(letter(inside) ?? inside ?? '');
    }
    // "the kidney on the left (side)", "the bean shaped thing on the patient's right"
    let at = ['thing', 'organ', 'one', 'structure', 'bit'].includes(tokens[mention.end]?.text ?? '')
      ? mention.end + 1
      : mention.end;
    // ("the kidney and the adrenal that are on the right": a relative clause that only places them.)
    if (['that', 'which'].includes(tokens[at]?.text ?? '')) {
      const both = tokens[at + 1]?.text === 'both' ? 1 : 0;
      if (PLACED_VERBS.has(tokens[at + 1 + both]?.text ?? '')) at += 2 + both;
    }
    if (['on', 'in', 'at', 'to'].includes(tokens[at]?.text ?? '')) {
      // "…on the viewer's right": up to five words.
      for (let j = at + 1; j < Math.min(tokens.length, at + 6); j++) {
        const t = tokens[j] as Token;
        if (t.boundary || CONJUNCTIONS.has(t.text) || t.text === 'or') break;
        note(t.text);
      }
    }
    return side;
  }

  function pickSide(ids: readonly OrganId[], side: { left: boolean; right: boolean }): OrganId[] {
    if (ids.length !== 2 || side.left === side.right) return [...ids];
    // "the great vessel on the patient's right": the aorta lies left of the midline, the IVC right.
    if (ids.includes(5) && ids.includes(6)) return [side.left ? 5 : 6];
    const picked = ids.filter((id) => organById(id).side === (side.left ? 'left' : 'right'));
    // Two organs of which neither lies on that side (the aorta and the IVC) stay both.
    return picked.length > 0 ? picked : [...ids];
  }

  function questionSide(tokens: Token[]): { left: boolean; right: boolean } {
    const sides = new Set<string | undefined>();
    tokens.forEach((t, j) => {
      const side = SIDE_WORDS.get(t.text);
      if (!side) return;
      // "Which adrenal gland is not on the patient's right?": the side denied is the other one.
      const before = tokens
        .slice(Math.max(0, j - 6), j)
        .map((x) => x.text)
        .join(' ');
      sides.add(DENIED_SIDE.test(`${before} `) ? opposite(side) : side);
    });
    return { left: sides.has('left'), right: sides.has('right') };
  }

  function explainOrgans(ids: readonly OrganId[]): string {
    const sorted = [...ids].sort((a, b) => a - b);
    const sentences: string[] = [];
    const used = new Set<OrganId>();
    for (const key of PAIR_FUNCTION.keys()) {
      const pair = key.split(',').map(Number) as OrganId[];
      if (pair.every((id) => sorted.includes(id))) {
        sentences.push(PAIR_FUNCTION.get(key) as string);
        for (const id of pair) used.add(id);
      }
    }
    for (const id of sorted) if (!used.has(id)) sentences.push(organFunction(id));
    return sentences.join(' ');
  }

  function organAnswer(
    ids: readonly OrganId[],
    reason: 'named' | 'described',
    confidence: number,
    note?: string,
  ): QuestionResolution {
    const organIds = [...new Set(ids)].sort((a, b) => a - b);
    const explanation = [explainOrgans(organIds), note].filter(Boolean).join(' ');
    return {
      letters: organIds.map((id) => organById(id).letter),
      organIds,
      noneOfThem: false,
      explanation,
      confidence: round(confidence),
      reason,
    };
  }

  function noneAnswer(
    reason: 'outside' | 'off-topic' | 'unclear',
    confidence: number,
    topic?: string,
    because?: string,
  ): QuestionResolution {
    const explanation =
      because ??
      (reason === 'outside' && topic
        ? (OUTSIDE_EXPLANATION.get(topic) ?? `The ${topic} are not one of the 13 abdominal organs.`)
        : reason === 'off-topic'
          ? 'That does not look like a question about the 13 abdominal organs, so the answer is N (None of them).'
          : 'I could not tell which of the 13 abdominal organs is meant, so the answer is N (None of them). Try naming the organ or saying what it does.');
    return {
      letters: ['N'],
      organIds: [],
      noneOfThem: true,
      explanation,
      confidence: round(confidence),
      reason,
      ...(reason === 'outside' && topic ? { outsideTopic: topic } : {}),
    };
  }

  /** The listed organs a gut traveller never passes ("which does the barium never enter: …"), or undefined. */
  function offGutPath(question: string): OrganId[] | undefined {
    if (!NEVER_PASSED.test(question)) return undefined;
    const listed = findMentions(tokenize(question)).flatMap((m) =>
      m.target.kind === 'organ' ? [...m.target.ids] : [],
    );
    if (new Set(listed).size < 2) return undefined;
    return [...new Set(listed)].filter((id) => !GUT_PATH.includes(id)).sort((a, b) => a - b);
  }

  /** The organs a phrase names when it is one organ's name and nothing else ("the spleen", "your left kidney"). */
  function organNamed(phrase: string): readonly OrganId[] | undefined {
    const tokens = tokenize(phrase);
    const mentions = findMentions(tokens);
    const one = mentions[0];
    return mentions.length === 1 &&
      one?.target.kind === 'organ' &&
      one.end === tokens.length &&
      tokens.slice(0, one.start).every((t) => /^(?:the|a|an|your|our|my)$/.test(t.text))
      ? one.target.ids
      : undefined;
  }
  const namesOneOrgan = (phrase: string) => organNamed(phrase) !== undefined;

  /**
   * A matching exercise ("1) stores bile 2) secretes insulin …", "1 insulin, 2 gastrin, 3
   * cortisol", "1. pyramid 2. crescent 3. pear") with a request for the organ of one or more items
   * ("the organ matched to item 3", "items 2 and 3", "for number 4", "the organ that goes with 3"):
   * each item read as what an organ does, makes or is shaped like; undefined otherwise.
   */
  function matchedItems(question: string): QuestionResolution | undefined {
    if (!/\bmatch(?:ing|ed|es)?\b/i.test(question)) return undefined;
    const pick =
      /\b(?:items?|numbers?|no\.?|#)\s*(\d{1,2}(?:\s*(?:,|and|&)\s*\d{1,2})*)\b|\b(?:goes|go|matched|matches) (?:with|to) (?:item |number )?(\d{1,2})\b/i.exec(
        question,
      );
    // (the request is the sentence that picks: "Outline the organ matched to item 3.")
    if (!pick || !PART_REQUEST_VERB.test(question.slice(Math.max(0, question.lastIndexOf('. ', pick.index)))))
      return undefined;
    const items = new Map<string, string>();
    for (const m of question
      .slice(0, pick.index)
      .matchAll(/(?:^|[\s,;:])(\d{1,2})[.):]?\s+([a-z][a-z' -]*?)(?=\s*(?:[,;.]|\s\d{1,2}[.):]?\s|$))/gi))
      if (!items.has(m[1] as string)) items.set(m[1] as string, (m[2] as string).trim());
    if (items.size < 3) return undefined;
    const wanted = [...((pick[1] ?? pick[2]) as string).matchAll(/\d{1,2}/g)].map((m) => items.get(m[0]));
    if (wanted.some((w) => w === undefined)) return undefined;
    const ids: OrganId[] = [];
    for (const item of wanted as string[]) {
      // ("3. carries swallowed food to the stomach": what an organ does, the stomach a landmark)
      const does = /^[a-z]+s\b/i.test(item) && item.includes(' ');
      const named = does ? [] : organsIn(item.toLowerCase());
      const asked =
        named.length > 0
          ? item
          : does
            ? `which organ ${item}?`
            : SHAPE_WORDS.test(item)
              ? `which organ is ${item}-shaped?`
              : `which organ makes ${item}?`;
      const answer = named.length > 0 ? undefined : resolve(asked);
      if (answer?.noneOfThem) return undefined;
      ids.push(...(answer ? answer.organIds : named));
    }
    // ("…highlight the source organs on both sides": a paired organ's two sides)
    const both = /\bboth sides\b|\bboth of them\b|\bthe pair\b/i.test(question);
    const all = both
      ? ids.flatMap((id) => [id, ...(organById(id).pairedWith ? [organById(id).pairedWith as OrganId] : [])])
      : ids;
    return organAnswer([...new Set(all)], 'described', 0.75);
  }

  /**
   * A true/false statement, then a request ("T/F: the spleen produces bile. It's false — correct it
   * and outline the organ that actually makes bile."): the request read alone, "the crescent-shaped
   * one" or "whichever of the two" picked among the organs the statement names; undefined when
   * the message is no such item or the request alone finds no organ.
   */
  function requestAfterTrueFalse(question: string): QuestionResolution | undefined {
    const intro =
      /^\s*(?:[\p{L}\d ,]{0,30}?\b)?(?:t\s*\/\s*f|true or false|true\s*\/\s*false|true-false)\b[^:—–\-.]{0,12}[:—–-]\s*/iu.exec(
        question,
      );
    if (!intro) return undefined;
    const body = question.slice(intro[0].length);
    const statement = /^['"‘“]?([^.?!]{3,200}?)['"’”]?\s*[.?!]+['"’”]?(?:\s+|$)/.exec(body);
    if (!statement) return undefined;
    const rest = body
      .slice(statement[0].length)
      .replace(/^\((?:true|false)\.?\)\s*|^(?:true|false)\s*[.!]\s*/i, '')
      .replace(/^(?:it'?s|that'?s|it is|that is) (?:true|false)[^.—–-]*[.—–-]+\s*/i, '')
      .replace(
        /^(?:correct|fix|amend|rewrite)(?: it| that| this| the (?:sentence|statement))?\s*(?:,|\.|—|–|-|and|then|\s)*/i,
        '',
      )
      .replace(/^(?:then|now|and)\s+/i, '')
      .trim();
    if (!PART_REQUEST_VERB.test(rest)) return undefined;
    const told = [...new Set(organsIn((statement[1] as string).toLowerCase()))];
    // ("T/F: the left adrenal is pyramidal and the right is crescent-shaped. … the pyramid-shaped
    // one": one pair told, read as "of the two adrenal glands")
    const pairOf = told.every((id) => [2, 13].includes(id))
      ? 'kidneys'
      : told.every((id) => [7, 8].includes(id))
        ? 'adrenal glands'
        : undefined;
    const oneOf = /\bwhichever\b|\bthe [a-z-]+ one\b|\bof the two\b/i.test(rest);
    if (oneOf && told.length > 0 && pairOf) {
      const answer = resolve(`Of the two ${pairOf}, ${rest}`);
      if (!answer.noneOfThem) return answer;
    }
    const picks = oneOf && told.length >= 2;
    // ("…segment whichever of the two vessels is really on the patient's left": the one that is)
    const asked = picks
      ? `Of ${told.map((id) => organPhrase(id)).join(' and ')}, ${rest.replace(/\bwhichever(?: of the two(?: [a-z]+)?)?(?= (?:is|lies|sits)\b)/i, 'the one that')}`
      : rest;
    const answer = resolve(asked);
    return answer.noneOfThem ? undefined : answer;
  }

  /**
   * A sentence with one or two blanks ("___") and a request about them: each blank answered as
   * "which organ …?" (or "which hormone …?" after "the hormone"), then the request read with the
   * answers' names in place of "the blank", "the missing organ" or "it"; undefined without a blank
   * or when a blank has no organ answer and the request needs one.
   */
  function blanksFilled(question: string): QuestionResolution | undefined {
    const blank = /_{2,}/g;
    const count = (question.match(blank) ?? []).length;
    if (count === 0 || count > 2) return undefined;
    // The sentence with the blanks: a quoted one, else the sentence they stand in.
    const quoted = /(['"‘“])([^'"‘“’”]*_{2,}[^'"‘“’”]*)(['"’”])/.exec(question);
    let sentence: string;
    let rest: string;
    if (quoted) {
      sentence = quoted[2] as string;
      rest = `${question.slice(0, quoted.index)} ${question.slice(quoted.index + quoted[0].length)}`;
    } else {
      const at = question.search(/_{2,}/);
      const start = Math.max(0, ...['.', '?', '!', ':'].map((p) => question.lastIndexOf(p, at) + 1));
      const endAt = question.slice(at).search(/[.?!](?:\s|$)/);
      const end = endAt < 0 ? question.length : at + endAt + 1;
      sentence = question.slice(start, end);
      rest = `${question.slice(0, start)} ${question.slice(end)}`;
    }
    // ("'The spleen lies against the ___ kidney, and the liver against the ___ one.' Then outline
    // both of those kidneys": blanks for a side; the request names what it wants.)
    const sideBlanks = (
      sentence.match(/_{2,}\s+(?:kidneys?|adrenals?|adrenal glands?|one|ones|lobe|side|gland)\b/gi) ?? []
    ).length;
    // (the instruction to fill the blank is no request: "Fill in the blanks:", "Fill it in and …")
    const request = rest.replace(FILL_INSTRUCTION, '').replace(/\s+/g, ' ').trim();
    if (sideBlanks === count) {
      if (!PART_REQUEST_VERB.test(request)) return undefined;
      // ("Fill in: the ___ kidney usually sits a bit lower … Segment the answer.": which kidney)
      return /\b(?:the answer|the blank|the missing (?:one|organ|word)|it)\b/i.test(request)
        ? resolve(`${sentence.replace(/(?:\b(?:the|a)\s+)?_{2,}\s+/g, 'which ').replace(/[.!]\s*$/, '')}?`)
        : resolve(request);
    }
    // ("'The ___ enters the abdomen through its hiatus at T12.' It's a vessel, not the oesophagus."
    // asks "which vessel …?")
    const kindTold = /\bit(?:'s|’s| is) (?:a |an )?(vessel|artery|vein|gland|organ)\b/i.exec(rest)?.[1];
    // Each blank asked in its own clause ("'The ___ empties into the stomach, and the stomach
    // empties into the ___.'": two questions).
    const answers: QuestionResolution[] = [];
    const clauses = sentence.split(/,\s*(?:and|but)\s+/i);
    for (const clause of clauses.every((c) => c.split(/\s+/).length >= 4) ? clauses : [sentence]) {
      const inClause = (clause.match(blank) ?? []).length;
      for (let k = 0; k < inClause; k++) {
        let seen = -1;
        const asked = clause
          .replace(
            /(?:\b(?:the|a|an)\s+)?(?:\b(hormone|enzyme|vessel|vein|artery|duct|gland|organ)\s+)?_{2,}/gi,
            (_, noun: string | undefined) => {
              seen++;
              return seen === k ? `which ${noun ?? kindTold ?? 'organ'}` : 'something';
            },
          )
          .replace(/[.!]\s*$/, '');
        answers.push(resolve(`${asked}?`));
      }
    }
    const names = answers.flatMap((a) => (a.noneOfThem ? [] : a.organIds.map((id) => organPhrase(id))));
    const reference =
      /\b(?:the|both|that) (?:blanks?|gaps?|missing (?:organ|word|structure|vessel|one)s?|answers?|blank organ|organ)\b|\b(?:it|them)\b/i;
    const blankOrgans = [...new Set(answers.flatMap((a) => a.organIds))];
    if (!PART_REQUEST_VERB.test(request) && !/\b(?:which|what|name)\b/i.test(request)) {
      // "…the hormone ___.' Just the missing word please.": the blank's answer, or N.
      return answers.every((a) => !a.noneOfThem)
        ? organAnswer(blankOrgans, 'described', 0.75)
        : noneAnswer(
            'outside',
            0.7,
            undefined,
            'The blank is not one of the 13 organs, so the answer is N (None of them).',
          );
    }
    // (a blank with no organ answer leaves the message to be read as written)
    if (answers.some((a) => a.noneOfThem)) return undefined;
    // "Show it and the right kidney": the request with the answers in place of its pointers; the
    // blanks' organs alone when it adds none of its own ("Which organ? highlight").
    const read = resolve(request.replace(new RegExp(reference.source, 'gi'), names.join(' and ')));
    return !read.noneOfThem && blankOrgans.every((id) => read.organIds.includes(id))
      ? read
      : organAnswer(blankOrgans, 'described', 0.75);
  }
  /** Every organ a phrase names. */
  const organsIn = (phrase: string): OrganId[] =>
    findMentions(tokenize(phrase)).flatMap((m) => (m.target.kind === 'organ' ? m.target.ids : []));

  /**
   * The message read as written (`resolveMessage`); where that finds nothing, two rewordings are
   * tried: "Show the vessel that receives both renal veins, … and the hepatic veins" asked as
   * "Which vessel receives …?", and a pronoun in a request after a dash read as the heading before
   * it ("Short gastric arteries — outline the organ they supply"). N stands if neither finds an organ.
   */
  function resolve(message: string): QuestionResolution {
    const answer = resolveMessage(message);
    if (!answer.noneOfThem) return answer;
    // "Show the vessel that gives rise to the celiac trunk, the SMA and both renal arteries": the
    // list of outside things is what describes the vessel, asked as "which vessel …?".
    const described = REQUEST_FOR_DESCRIBED.exec(message);
    if (described) {
      const asked = resolveMessage(`Which ${described[1]} ${described[2]}?`);
      if (!asked.noneOfThem) return asked;
    }
    const headed = HEADING_THEN_PRONOUN.exec(message);
    if (!headed || HEADING_VERBS.test(headed[1] as string)) return answer;
    const heading = (headed[1] as string).trim();
    const spelt = resolveMessage(
      (headed[2] as string).replace(
        /\b(?:it|they|them)\b/i,
        /^(?:the|a|an)\b/i.test(heading) ? heading : `the ${heading}`,
      ),
    );
    return spelt.noneOfThem ? answer : spelt;
  }

  /**
   * "option X", X the letter `steps` after (negative: before) the one option that `request`
   * resolves to; undefined when it picks none, several, or a letter off the list A–M.
   */
  function optionMoved(request: string, steps: number): string | undefined {
    if (!Number.isFinite(steps) || steps === 0) return undefined;
    const anchor = resolve(request).letters;
    if (anchor.length !== 1 || anchor[0] === 'N') return undefined;
    const code = (anchor[0] as string).charCodeAt(0) + steps;
    return code >= 65 && code <= 77 ? `option ${String.fromCharCode(code)}` : undefined;
  }

  /**
   * "My notes say the uncinate process belongs to the duodenum. If that's wrong, segment the organ
   * it really belongs to.": the request alone, its "it" the claim's subject, its "does" what the
   * claim says (the organ the claim names wrongly is not asked for); undefined when the request
   * does not stand alone.
   */
  function requestAfterClaim(question: string): string | undefined {
    const claim = CLAIM_IF_WRONG.exec(question);
    if (!claim) return undefined;
    const told = claim[1] as string;
    let request = claim[2] as string;
    const subject = CLAIM_SUBJECT.exec(told)?.[1];
    // "…the spleen makes insulin. Ignore that and show me the organ that actually does.": "does" is
    // what the claim says its subject does.
    const claimed = subject ? told.slice(subject.length).trim() : '';
    const asked = request;
    if (
      /^(?:makes|produces|secretes|stores|removes|filters|carries|releases|absorbs|digests|concentrates)\b/i.test(
        claimed,
      )
    )
      request = request.replace(
        /\b(that|which) (really |actually |truly |in fact )?(?:does|do)(?: (?:it|that|so|this))?(?=\s*[.!?]*\s*$)/i,
        (_, that: string, really: string | undefined) => `${that} ${really ?? ''}${claimed}`,
      );
    // ("…show the option it really drains into" asks "which option does the vein drain into?")
    const where = subject ? CLAIM_TARGET_ASKED.exec(request) : null;
    if (where)
      request = `which ${where[1]} does ${subject} ${/^(?:empt|open|enter)/i.test(where[2] as string) ? 'drain' : (where[2] as string).replace(/s$/, '')} ${where[3]}?`;
    // ("…outline the vessel of the two that really lies on the patient's right")
    const two = /\bthe (?:vessel|organ|gland|one) of (?:the|these|those) two\b/i;
    const names = [...new Set(organsIn(told.toLowerCase()))].map(
      (id) =>
        `the ${organById(id)
          .name.toLowerCase()
          .replace(/ \(.*\)$/, '')}`,
    );
    if (two.test(request) && names.length === 2)
      request = `Of ${names.join(' and ')}, ${request.replace(two, 'the one')}`;
    // The request alone when it stands alone: "…show the kidney with the shorter renal vein",
    // "…highlight the cells that really make it" (not "…show the organ that really makes it",
    // whose "it" is the claim's).
    if (
      where ||
      request !== asked ||
      request.startsWith('Of ') ||
      /\bcells?\b/i.test(request) ||
      !/\b(?:it|its|them|they|does|do|did)\b|\bthe (?:organ|one|option|gland|vessel) (?:that|which|whose)\b/i.test(
        request,
      )
    )
      return request;
    return undefined;
  }

  /**
   * The message with its first organ described inside a relation ("the kidney next to the organ
   * that removes old red cells", "the tail of the insulin-making gland") named instead; undefined
   * when there is none, or the description is not one sure organ.
   */
  function innerDescriptionNamed(question: string): string | undefined {
    const found = [...question.matchAll(INNER_DESCRIPTION)];
    // (each description named is a reading of the whole message again: a paste with dozens of
    // them would cost their square; no question asks through more than a few)
    if (found.length > 4) return undefined;
    for (const m of found) {
      const span = m[2] as string;
      // ("…the tube above the organ that makes intrinsic factor; scrap that, show the organ that
      // makes intrinsic factor itself": a description said twice is the correction's to read)
      if (question.toLowerCase().split(span.toLowerCase()).length > 2) continue;
      const answer = resolveMessage(span);
      if (answer.noneOfThem || answer.organIds.length !== 1 || answer.confidence < 0.6) continue;
      const name = organById(answer.organIds[0] as OrganId)
        .name.toLowerCase()
        .replace(/ \(.*\)$/, '');
      const at = (m.index ?? 0) + (m[1] as string).length;
      return `${question.slice(0, at)}the ${name}${question.slice(at + span.length)}`;
    }
    return undefined;
  }

  function resolveMessage(message: string): QuestionResolution {
    if (typeof message !== 'string' || message.trim() === '') {
      throw new InputError(
        ErrorCode.QuestionEmpty,
        'Please ask a question about the organs, for example "Which organ stores bile?" or "Segment the liver".',
      );
    }
    const question = collapseRuns(message);
    // "montre-moi le rein gauche et la rate svp", "die Leber — nein, die Milz bitte", "bhai spleen
    // dikhao... nahi nahi, liver dikhao": a few words of French, German, Spanish and Hindi, read in
    // English.
    const translated = FOREIGN_MARKER.test(question) ? inEnglish(question) : question;
    if (translated !== question) return resolve(translated);
    // "Outline the kidney next to the organ that removes old red cells": an organ described after a
    // relation word is named first ("…next to the spleen"), then the message is read again.
    const named = innerDescriptionNamed(question);
    if (named !== undefined) return resolve(named);
    // "All the stomach bed organs from the options, but leave out the spleen": the bed's organs as a
    // list, which the list steps then narrow.
    if (STOMACH_BED_LISTED.test(question))
      return resolve(
        question
          .replace(STOMACH_BED_LISTED, 'the spleen, pancreas, left adrenal and left kidney')
          // ("Name everything in the stomach bed": "name" is "show" here, not a term asked for)
          .replace(/^(\s*)name\b/i, '$1Show'),
      );
    // "…, then she changed her mind: she wants only the left adrenal", "sorry, she corrects me: …":
    // a reported change of mind is a correction.
    const reportedChange = question.replace(CHANGED_MIND, ' no wait, ');
    if (reportedChange !== question) return resolve(reportedChange);
    // "Please show the C-shaped loop that wraps around the head of the pancreas. He means the
    // duodenum.": an interpreter's gloss names what the patient asked for.
    const gloss = GLOSS_MEANS.exec(question);
    if (gloss) {
      const meant = resolveMessage(`show ${gloss[1]}`);
      if (!meant.noneOfThem && meant.confidence >= 0.8) return meant;
    }
    // "the IVC – not that, the aorta": "not that" takes back what came before, like "no".
    // "the left kidney together with its own adrenal": "its own" is "its".
    // ("the spleen and the insulin-making gland": the second of a list is the pancreas by name)
    const spoken = question
      .replace(NOT_THAT, '$1no, ')
      .replace(/\band the insulin[- ](?:making|producing|secreting) (?:gland|organ)\b/gi, 'and the pancreas')
      .replace(/\bits own (?=(?:adrenal|suprarenal|kidney)\b)/gi, 'its ');
    if (spoken !== question) return resolve(spoken);
    // "Aorta and IVC please, eh, IVC only.": a closing "X only" keeps X alone.
    const onlyAtEnd = ONLY_AT_END.exec(question);
    if (onlyAtEnd && /\w/.test(question.slice(0, onlyAtEnd.index)))
      return resolve(`${question.slice(0, onlyAtEnd.index)}, actually just the ${onlyAtEnd[1]}.`);
    // "…outline the left kidney, spleen and stomach so we can stay clear of the last two": the
    // purpose at the end is no part of the request.
    const purpose = PURPOSE_TAIL.exec(question);
    if (purpose && REQUEST_VERB.test(question.slice(0, purpose.index)))
      return resolve(question.slice(0, purpose.index));
    // "…, then take the gallbladder off that list": "take off the gallbladder".
    const takenOff = TAKE_OFF_SPLIT.exec(question);
    if (takenOff)
      return resolve(
        `${question.slice(0, takenOff.index)}take off ${takenOff[1]} ${takenOff[2]}${question.slice(takenOff.index + takenOff[0].length)}`,
      );
    // "Which is not retroperitoneal: ascending colon, kidney, pancreas, transverse colon?": a pick by
    // a textbook property from a list that mixes the 13 with structures outside them.
    const mixedPick = pickFromMixedList(question.toLowerCase().replace(/['’]/g, ' '));
    if (mixedPick && 'ids' in mixedPick) return organAnswer(mixedPick.ids, 'described', 0.75);
    if (mixedPick)
      return noneAnswer(
        'outside',
        0.75,
        undefined,
        `The one picked, the ${mixedPick.outside}, is not one of the 13 abdominal organs, so the answer is N (None of them).`,
      );
    // "What does the duodenum do? The dietitian mentioned it when talking about my pancreas
    // enzymes.": a question about one organ, then only things told, is that question.
    const questionFirst = QUESTION_THEN_TOLD.exec(question);
    if (questionFirst) {
      const first = resolveMessage(questionFirst[1] as string);
      if (!first.noneOfThem && first.organIds.length === 1 && first.confidence >= 0.85) return first;
    }
    // "the very last option": the last of the fourteen is "None of them" (not "the last organ on
    // the list", not "the last option before none").
    if (LAST_OPTION_ONLY.test(question))
      return noneAnswer('off-topic', 0.8, undefined, 'The last option is N, "None of them".');
    // "renal hilum pls", "ampulla of Vater on this?": a place with no outline of its own, named
    // alone, is asked for like "show the splenic hilum".
    const bareStructure = BARE_STRUCTURE.exec(question.trim().toLowerCase());
    if (bareStructure) return resolve(`show the ${bareStructure[1]}`);
    // "A catheter threaded up from the femoral artery … enters which organ of the list next?",
    // "after it leaves the left ventricle, which of the 13 does it enter first?": the aorta.
    if (ARTERIAL_ENTRY.test(question) && ROUTE_ASKED.test(question)) {
      const named = findMentions(tokenize(question)).filter((m) => m.target.kind === 'organ');
      if (named.every((m) => m.target.kind === 'organ' && m.target.ids.every((id) => id === 5)))
        return organAnswer([5], 'described', 0.75);
    }
    // "which organ has Kupffer cells + hepatocytes?": the liver's own cells name the liver itself,
    // not an organ beside it.
    if (LIVER_CELLS_ASKED.test(question)) return organAnswer([1], 'described', 0.8);
    // "Which of these does swallowed food never pass through: the liver, the stomach, …?": the
    // listed organs off the gut's path.
    const offPath = offGutPath(question);
    if (offPath)
      return offPath.length > 0
        ? organAnswer(offPath, 'described', 0.75)
        : noneAnswer(
            'unclear',
            0.5,
            undefined,
            'Every organ listed lies on that path, so none of them is off it: the answer is N (None of them).',
          );
    // "the kidney on the screen's left and the one on the screen's right": both of the pair.
    const bothSides = PAIR_BOTH_SIDES.exec(question);
    if (bothSides && bothSides[3]?.toLowerCase() !== bothSides[4]?.toLowerCase())
      return resolve(
        `${question.slice(0, bothSides.index)}both ${/kidney/i.test(bothSides[1] as string) ? 'kidneys' : 'adrenals'}${question.slice(bothSides.index + bothSides[0].length)}`,
      );
    // "the adrenal displayed on the screen's right": where it is shown is the screen's side.
    const shownOn = question.replace(SHOWN_ON_VIEW, '$1');
    if (shownOn !== question) return resolve(shownOn);
    // "The liver pushes one kidney down. Show me the other one.": the side the fact gives, turned round.
    const otherOfFact = OTHER_OF_FACT.exec(question);
    if (otherOfFact) {
      const pair: OrganId[] = /kidney/i.test(otherOfFact[1] as string) ? [2, 13] : [7, 8];
      const told = sideFact(
        tokenize(
          question.slice(
            0,
            otherOfFact.index +
              otherOfFact[0].indexOf(otherOfFact[2] as string) +
              (otherOfFact[2] as string).length,
          ),
        )
          .map((t) => t.text)
          .join(' '),
        pair,
      );
      if (told)
        return organAnswer([told === 'left' ? (pair[0] as OrganId) : (pair[1] as OrganId)], 'described', 0.7);
    }
    // "The left testicular vein empties into the vein of which option?": the left renal vein's kidney.
    if (LEFT_RENAL_TRIBUTARY.test(question)) return organAnswer([13], 'described', 0.75);
    // "Lithium is cleared almost entirely by which organs?": drugs the kidneys clear.
    if (
      RENAL_DRUG.test(question) &&
      KIDNEYS_CLEAR_ASKED.test(question) &&
      !/\b(?:liver|hepatic)\b/i.test(question)
    )
      return organAnswer([2, 13], 'described', 0.75);
    // "Of the thirteen options, which one is an artery?"
    const onlyVessel = ONLY_VESSEL_OPTION.exec(question);
    if (onlyVessel) return organAnswer([/artery/i.test(onlyVessel[0]) ? 5 : 6], 'described', 0.8);
    // "The hepatic veins connect which two options?", "the left renal vein leaves one option and
    // ends in another": the organ a vein leaves and the one it ends in.
    const ends = VESSEL_ENDS.find(([re]) => re.test(question))?.[1];
    if (ends && TWO_ENDS_ASKED.test(question))
      return organAnswer(
        [...ends].sort((a, b) => a - b),
        'described',
        0.75,
      );
    // "Which options are at once lymphoid and hollow?": no option is in both sets.
    if (
      OPTIONS_IN_SETS.test(question) &&
      SETS_TOGETHER.test(question) &&
      propertiesDisjoint(
        tokenize(question)
          .filter((t) => !t.boundary)
          .map((t) => t.text),
      )
    )
      return noneAnswer(
        'unclear',
        0.7,
        undefined,
        'No option of the 13 has all the properties asked for together, so the answer is N (None of them).',
      );
    // "the options after K and before N", "every option from A to M": letters by their place.
    const between = LETTERS_BETWEEN.exec(question);
    if (between) {
      const from = (between[1] as string).charCodeAt(0);
      const to = (between[2] as string).charCodeAt(0);
      const ids = Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId).filter((id) => {
        const code = organById(id).letter.charCodeAt(0);
        return code > from && code < to;
      });
      if (ids.length > 0) return organAnswer(ids, 'named', 0.85);
    }
    if (EVERY_OPTION_A_TO_M.test(question))
      return organAnswer(
        Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId),
        'named',
        0.85,
      );
    // "Which options does the right hepatic artery supply?": asked like "which organs".
    if (
      /\bwhich (?:of (?:the|your) )?options (?:does|do|did) the [a-z ]*\b(?:artery|arteries|vein|veins|branch|branches)\b/i.test(
        question,
      )
    )
      return resolve(question.replace(/\bwhich (?:of (?:the|your) )?options\b/i, 'which organs'));
    // "Show the organ on your list that the short gastric arteries supply": asked the same way.
    const suppliedBy =
      /^(?:(?:please|pls|now|ok|okay|so) )?(?:show|outline|highlight|mark|segment)(?: me)? (the (?:organ|option|one)|the (?:organs|options|ones)|every (?:option|organ|one)|all (?:of )?(?:the |your )?(?:options|organs))(?: (?:on|in|from) (?:your|the) (?:list|options))? (?:that|which) (the [a-z ]*\b(?:artery|arteries|vein|veins|branch|branches)) (supply|supplies|drain|drains)\b[^.?!]*[.?!]?\s*$/i.exec(
        question,
      );
    if (suppliedBy) {
      const [, asked, vessel, verb] = suppliedBy as unknown as [string, string, string, string];
      const one = /^the (?:organ|option|one)$/i.test(asked);
      return resolve(
        `Which organ${one ? '' : 's'} ${one ? 'does' : 'do'} ${vessel} ${verb.replace(/(?:ie)?s$/i, (m) => (m.length === 3 ? 'y' : ''))}?`,
      );
    }
    // "now the liver and the gland behind the stomach that makes insulin": a leading filler word
    // before a list is no part of it.
    const afterFiller = /^(?:now|ok|okay|so|right|alright)\s*,?\s+(?=the\b)/i.exec(question);
    if (afterFiller) return resolve(question.slice(afterFiller[0].length));
    // "Outline the adrenal on the same side as the bile-storing organ": the side of that organ.
    const sameSideAs = SAME_SIDE_AS.exec(question);
    if (sameSideAs) {
      const other = resolve(sameSideAs[2] as string).organIds;
      const id = other.length === 1 ? (other[0] as OrganId) : undefined;
      const side =
        id && RIGHT_SIDE_ORGANS.has(id) ? 'right' : id && LEFT_SIDE_ORGANS.has(id) ? 'left' : undefined;
      if (side)
        return resolve(
          `${question.slice(0, sameSideAs.index)}${side} ${sameSideAs[1]}${question.slice(sameSideAs.index + sameSideAs[0].length)}`,
        );
    }
    // "Just H, the one I'm drawing today.": a letter, then what the user does with it.
    const letterThenUse = LETTER_THEN_USE.exec(question);
    if (letterThenUse) return resolve(letterThenUse[1] as string);
    // "Cheers for the help earlier with the kidney question.": thanks, and nothing asked.
    if (THANKS_ONLY.test(question)) return noneAnswer('off-topic', 0.8);
    // "the 2 big vessels running in front of the spine": the digit read as the word.
    const twoVessels = question.replace(
      /\b2 ((?:great|big|main|large|major) )?(?:blood )?vessels\b/gi,
      'two $1vessels',
    );
    if (twoVessels !== question) return resolve(twoVessels);
    // "Which two great vessels pass through the diaphragm, one at T8 and the other at T12?": both.
    if (/\bwhich (?:two|both) (?:great|big|main|large|major) (?:blood )?vessels\b/i.test(question))
      return organAnswer([5, 6], 'described', 0.8);
    // "duodenum please — no change that to the colon": "no" is a take-back, not "no change".
    const noChange = question.replace(
      /\b(no|nope|nah)\s+(change|make|switch|swap)\s+(that|it|this)\s+(to|into|for)\b/i,
      '$1, $2 $3 $4',
    );
    if (noChange !== question) return resolve(noChange);
    // "Show the accessory digestive organs among your options": the liver, gallbladder and pancreas.
    if (ACCESSORY_DIGESTIVE_ASKED.test(question)) return organAnswer([1, 4, 9], 'described', 0.8);
    // "Of the adrenals, which one lies partly behind the IVC?": which of the pair.
    const ofPair = OF_PAIR_WHICH_ONE.exec(question);
    if (ofPair)
      return resolve(
        `${question.slice(0, ofPair.index)}Which ${/^k/i.test(ofPair[1] as string) ? 'kidney' : 'adrenal'}${question.slice(ofPair.index + ofPair[0].length)}`,
      );
    // "Of the stomach, duodenum and esophagus, which one begins at the pylorus?": the duodenum.
    if (BEGINS_AT_PYLORUS.test(question)) return organAnswer([12], 'described', 0.8);
    const ranked = gutRank(question);
    if (ranked) return organAnswer(ranked, 'described', 0.8);
    // "胆囊 — my mother's report is in Chinese": an organ's Chinese or Japanese name, in English.
    const fromHan = question.replace(HAN_ORGAN, (name) => ` ${HAN_ORGANS.get(name)} `);
    if (fromHan !== question) return resolve(fromHan.replace(/ {2,}/g, ' ').trim());
    // "option bee and em", "ay through dee": letters said by name.
    const spokenAsLetters = spokenLetters(question);
    if (spokenAsLetters !== question) return resolve(spokenAsLetters);
    // "option G H and I question mark": punctuation said aloud at the end of a dictated message.
    const dictatedEnd = question.replace(DICTATED_END, '?');
    if (dictatedEnd !== question) return resolve(dictatedEnd);
    // "show me the two of them together": both of them.
    if (/\b(?:the two|the pair) of (?:them|those|these)\b/i.test(question))
      return resolve(question.replace(/\b(?:the two|the pair) of (them|those|these)\b/gi, 'both of $1'));
    // "my A L T and A S T came back high": an abbreviation dictated letter by letter.
    const spelledOut = question.replace(SPELLED_ABBREVIATION, (letters: string) => {
      const word = letters.replace(/ /g, '');
      return DICTATED_ABBREVIATIONS.has(word) ? word : letters;
    });
    if (spelledOut !== question) return resolve(spelledOut);
    // "EXCEPT (a) liver (b) spleen (c) porta hepatis (d) pancreas": a lettered list's small letters
    // number the items; they are no option letters.
    if (LETTERED_ITEMS.test(question)) return resolve(question.replace(/\(([a-e])\)\s+(?=\p{L})/giu, ', '));
    // "T/F: 'The left adrenal sits on top of the right kidney.' Fix the sentence, then show me the
    // gland that really sits on the right kidney.": the request after the statement, alone.
    const afterTrueFalse = requestAfterTrueFalse(question);
    if (afterTrueFalse !== undefined) return afterTrueFalse;
    // "Fill the gap: 'The ___ carries blood from the kidneys up to the right atrium.' Show it and
    // the right kidney.": each blank asked as "which organ …?", then the request with the answers.
    const filled = blanksFilled(question);
    if (filled !== undefined) return filled;
    // "(a) What's the normal fasting glucose range? (b) Which cells make insulin? (c) Outline the
    // organ that contains those cells.": the part that asks for an organ, read with the part it
    // points back to.
    const lastPart = partOfWorkbookItem(question, organsIn);
    if (lastPart !== undefined) return resolve(lastPart);
    // "…, I'll trace it myself.", "…, I'll do the rest myself": what the user will do is no request.
    const ownWork = USER_DOES_IT.exec(question);
    if (ownWork && ownWork.index > 0) return resolve(question.slice(0, ownWork.index));
    // "show me the thing they call the porta hepatis": the thing by its name.
    if (CALLED_THING.test(question)) return resolve(question.replace(CALLED_THING, 'the '));
    // "Put a box round the NG tube": a request to mark it.
    if (BOX_ROUND.test(question)) return resolve(question.replace(BOX_ROUND, 'highlight '));
    // "cava and aorta", "aorta + cava", "aorta... no, the cava": the cava beside the aorta is the IVC
    // (alone, "the flat cava sign", "drains into the cava", it is left to the context cache).
    if (CAVA_BESIDE_AORTA.test(question)) return resolve(question.replace(CAVA_BESIDE_AORTA, 'IVC'));
    // "outline the adrenal tucked behind the cava": "the cava" as a neighbour that places something
    if (CAVA_AS_PLACE.test(question)) return resolve(question.replace(CAVA_AS_PLACE, '$1 the IVC'));

    // "Which of your options are veins?": the options picked by a kind.
    if (OPTIONS_OF_KIND.test(question))
      return resolve(question.replace(OPTIONS_OF_KIND, 'which options $1 $2'));
    // "show the esophagus and stomach⏎wait also duodenum⏎ok done": a line break that opens a new
    // thought ends a sentence (one that goes on with "and …" or a list item does not).
    if (LINE_ENDS_SENTENCE.test(question)) return resolve(question.replace(LINE_ENDS_SENTENCE, '$1. '));
    // "Show me the second of these three, in the order I say them: oesophagus, duodenum, aorta.":
    // the item at that place in the list after the colon.
    const ordinalFirst = ORDINAL_BEFORE_LIST.exec(question);
    if (ordinalFirst) {
      const items = (ordinalFirst[3] as string)
        .replace(/[.!?]+\s*$/, '')
        .split(/\s*(?:,|;|\band\b|\bor\b|&|\+)\s*/i)
        .filter((item) => item.trim() !== '');
      const place = ORDINALS.get((ordinalFirst[1] as string).toLowerCase()) as number;
      const count = ordinalFirst[2] ? COUNT_WORDS.get(ordinalFirst[2].toLowerCase()) : undefined;
      const item = items.at(place);
      if (item && items.length >= 2 && (count === undefined || count === items.length))
        return resolve(`show the ${item.trim()}`);
    }
    // "All the options from the liver down to the pancreas on your list": the options between.
    if (/\b(?:options?|list|letters?|lettered|choices)\b/i.test(question)) {
      const range = OPTION_RANGE_BY_NAME.exec(question) ?? OPTION_RANGE_BY_LETTER.exec(question);
      const letterOf = (name: string) =>
        /^[A-M]$/.test(name) ? name : LETTER_OF_NAME[name.toLowerCase().replace(/\s+/g, ' ')];
      const from = range && letterOf((range[1] ?? range[3]) as string);
      const to = range && letterOf((range[2] ?? range[4]) as string);
      if (range && from && to && from < to)
        return resolve(
          `${question.slice(0, range.index)}options ${from} through ${to}${question.slice(range.index + range[0].length)}`,
        );
    }
    // "show me the IVC. Hang on, Dad says it's the aorta… Swap to the aorta.", "show me the
    // gallbladder. oh, Mum had it out. Show the liver instead then": a closing sentence that
    // switches the request is the request.
    const switchedTo = SWITCHED_AT_END.exec(question);
    if (switchedTo && switchedTo.index > 0)
      return resolve(switchedTo[1] ? `show the ${switchedTo[1]}` : (switchedTo[2] as string));
    // "option number twelve", "the option whose letter is at position 8": numbered options.
    if (OPTION_NUMBERED.test(question))
      return resolve(question.replace(OPTION_NUMBERED, (_, n: string) => `option ${n}`));
    // "show me both of them together": "together" adds nothing to "both".
    if (/\b(?:both of them|them both|both) together\b/i.test(question))
      return resolve(question.replace(/\b(both of them|them both|both) together\b/gi, '$1'));
    // "My notes say the uncinate process belongs to the duodenum. If that's wrong, segment the organ
    // it really belongs to.": the request alone, its "it" the claim's subject (the organ the claim
    // names wrongly is not asked for).
    const afterClaim = requestAfterClaim(question);
    if (afterClaim !== undefined) return resolve(afterClaim);
    // "If the spleen lies in the right upper quadrant, outline it; if not, outline the organ in the
    // right upper quadrant that makes bile.": the branch the anatomy picks.
    const branch = conditionalBranch(question);
    if (branch !== undefined) return resolve(branch);
    // "Which organ does the adrenal medulla belong to?" is read as "…is the adrenal medulla part of?"
    // (the owner of a part, not a described organ).
    const belongs = BELONGS_TO.exec(question);
    if (belongs) return resolve(question.replace(BELONGS_TO, '$1 $2 is $3 part of'));
    // "Among the options A to M, highlight every one lettered with a vowel": A to M is every option.
    if (AMONG_ALL_OPTIONS.test(question))
      return resolve(question.replace(AMONG_ALL_OPTIONS, (_, among: string) => `${among} the options, `));
    // "both kidneys but just the right one": the pair narrowed to one side.
    const narrowed = BOTH_BUT_ONE_SIDE.exec(question);
    if (narrowed)
      return resolve(
        question.replace(
          BOTH_BUT_ONE_SIDE,
          `the ${(narrowed[2] as string).toLowerCase()} ${/kidney/i.test(narrowed[1] as string) ? 'kidney' : 'adrenal'}`,
        ),
      );
    // "Outline both kidneys, then drop the one on the liver's side.": the side the organ is on.
    if (ON_ORGANS_SIDE.test(question))
      return resolve(
        question.replace(
          ON_ORGANS_SIDE,
          (_, noun: string, organ: string) =>
            `the ${/^(?:liver|gallbladder|duodenum|ivc|cava)$/i.test(organ) ? 'right' : 'left'} ${noun}`,
        ),
      );
    // "going w/ opt. c pls": "opt." is "option".
    if (OPT_ABBREVIATION.test(question)) return resolve(question.replace(OPT_ABBREVIATION, 'option '));
    // "Outline the organ in the third position of the option list.": that position's letter.
    const position = OPTION_POSITION.exec(question);
    const positionNumber = position && COUNT_WORDS.get((position[1] as string).toLowerCase());
    if (position && positionNumber && positionNumber <= 13)
      return resolve(question.replace(OPTION_POSITION, `option ${String.fromCharCode(64 + positionNumber)}`));
    // "the hilum of the spleen is part of which organ?": the organ the part's name holds.
    const partOf = PART_OF_WHICH.exec(question);
    if (partOf) {
      const phrase = (partOf[1] ?? partOf[2] ?? '').toLowerCase();
      const short = isPartName(phrase);
      const side = /\bleft\b/.test(phrase) ? 'left' : /\bright\b/.test(phrase) ? 'right' : undefined;
      const ids = [...new Set(organsIn(phrase))].filter(
        (id) => !side || !organById(id).pairedWith || organById(id).side === side,
      );
      if (short && ids.length > 0 && new Set(ids.map((id) => classOfOrgan(id))).size === 1)
        return organAnswer(ids, 'described', 0.85);
      // ("which organ is the caudate lobe part of?": the organ the part, shown, is)
      if (short && ids.length === 0) {
        const shown = resolveMessage(`show ${phrase}`);
        if (!shown.noneOfThem && new Set(shown.organIds.map((id) => classOfOrgan(id))).size === 1)
          return organAnswer(shown.organIds, 'described', 0.8);
      }
    }
    const belongsAfter = BELONGS_TO_AFTER.exec(question);
    if (belongsAfter && isPartName(belongsAfter[1] as string))
      return resolve(question.replace(BELONGS_TO_AFTER, '$2 $3 is $1 part of'));
    // "the left renal pelvis — which organ is it part of?": the pronoun stands for the heading.
    const headingPart = HEADING_PART_OF.exec(question);
    if (headingPart)
      return resolve(
        `${headingPart[2]} ${headingPart[3]} is ${/^(?:the|a|an)\b/i.test(headingPart[1] as string) ? '' : 'the '}${headingPart[1]} part of${question.slice(headingPart[0].length)}`,
      );
    // "Outline both adrenals. Actually, just the one whose vein drains into the IVC.": "the one" is
    // one of the pair named, whatever else the description could fit (both renal veins drain there).
    const pairOne = ONE_OF_NAMED_PAIR.exec(question);
    // (not "…only the one that is not behind the IVC": the negation is read where it is)
    if (pairOne && !PAIR_PICK_STOPS.test(question.slice(pairOne.index + pairOne[0].length))) {
      const noun = /kidney/i.test(pairOne[1] as string) ? 'kidney' : 'adrenal';
      const at = pairOne.index + pairOne[0].length;
      return resolve(`${question.slice(0, at - 'one'.length)}${noun}${question.slice(at)}`);
    }
    // "Show me the option right after Hotel", "options Charlie through Echo": the spelling alphabet's
    // words for the option letters.
    if (OPTION_WORD.test(question) && NATO_WORD.test(question))
      return resolve(
        question.replace(
          new RegExp(NATO_WORD.source, 'gi'),
          (word: string) => NATO_LETTERS[word.toLowerCase()] ?? word,
        ),
      );
    // "1. liver 2. spleen 3. pancreas — strike #2": the item of that number taken back.
    const numbered = NUMBERED_DROP.exec(question);
    if (numbered) {
      const before = question.slice(0, numbered.index);
      const item = numberedItems(before).get(numbered[2] as string);
      if (item)
        return resolve(
          `${before.replace(/(?:^|\s)\d{1,2}[.)]\s*/g, ' ').trim()}, ${numbered[1]} the ${item}`,
        );
    }
    // "Outline the pancreas. Oh, never mind, I'll just wait and ask the consultant tomorrow": a
    // take-back followed by chat that asks for nothing else takes everything back.
    const chatAfterTakeBack = TAKE_BACK_THEN_CHAT.exec(question);
    if (
      chatAfterTakeBack &&
      !ORGAN_WORD.test(chatAfterTakeBack[2] as string) &&
      /\b(?:i ?['’]?ll|i will|let ?['’]?s|we ?['’]?ll|i ?['’]?m going to|ask|wait|tomorrow|later|phone|call|talk|chat|bye|thanks|thank you|cheers|no need|not needed|doesn ?['’]?t matter)\b/i.test(
        chatAfterTakeBack[2] as string,
      ) &&
      !/(?<![\w'’-])[A-M](?![\w'’-])/.test(chatAfterTakeBack[2] as string) &&
      !/\b(?:show|outline|highlight|segment|mark|circle|colou?r|contour|instead|rather|option|letter|both|left|right|other|one|ones|it|them|that|this)\b/i.test(
        chatAfterTakeBack[2] as string,
      )
    )
      return resolve(`${chatAfterTakeBack[1]}.`);
    // "Matching exercise. 1) stores bile 2) secretes insulin 3) removes worn-out red cells … Outline
    // the organ matched to item 3.": the organ each picked item describes.
    const matched = matchedItems(question);
    if (matched) return matched;
    // "1) liver 2) spleen 3) stomach — show 2 and 3": the items picked by their numbers.
    const picks = NUMBERED_PICK.exec(question);
    if (picks) {
      const before = question.slice(0, picks.index);
      const items = numberedItems(before);
      const wanted = [...(picks[2] as string).matchAll(/\d{1,2}/g)].map((m) => items.get(m[0]));
      if (items.size >= 2 && wanted.every((w) => w !== undefined))
        return resolve(`${picks[1]} the ${wanted.join(' and the ')}`);
    }
    // Chat that asks for nothing, and a device, finding, measurement or substance asked for.
    const nothingShown = nothingToOutline(question);
    if (nothingShown) return noneAnswer(nothingShown, 0.7);
    // "what does the right kidney do?": the function of the organ named (read through the context
    // cache, the side's organ lost to its neighbour).
    const sidedDoes = SIDED_ORGAN_DOES.exec(question);
    if (sidedDoes) return resolve(`what is the function of the ${sidedDoes[1]}?`);
    // "Adrenal venous sampling: the right adrenal vein drains into …": the procedure names no gland.
    if (ADRENAL_VENOUS_SAMPLING.test(question) && VEIN_TRUNK_ASKED.test(question))
      return resolve(question.replace(ADRENAL_VENOUS_SAMPLING, 'venous sampling'));
    // "Both adrenals and the IVC, minus the adrenal on the left": the side said after the noun.
    if (SIDE_AFTER_NOUN.test(question))
      return resolve(
        question.replace(
          SIDE_AFTER_NOUN,
          (_, noun: string, side: string) => `the ${side.toLowerCase()} ${noun}`,
        ),
      );
    // "…? The stomach is not what I'm asking for.": a landmark ruled out.
    if (NOT_WHAT_ASKED.test(question)) return resolve(question.replace(NOT_WHAT_ASKED, 'not $1'));
    // "Of the liver, spleen and pancreas, show all but the spleen": the list less what is left out.
    const allButOf = ALL_BUT_OF_LIST.exec(question);
    if (allButOf) return resolve(`show ${allButOf[1]} but not ${allButOf[2]}`);
    // "of the kidneys and adrenals, just the two on the patient's right": the ones on that side.
    if (TWO_ON_SIDE.test(question)) return resolve(question.replace(TWO_ON_SIDE, 'just the $1 ones'));
    // "Liver, gallbladder and pancreas. Take the gallbladder out — actually, put it back.": the
    // take-back taken back.
    const putBack = PUT_BACK.exec(question);
    if (putBack)
      return resolve(
        `${question.slice(0, putBack.index)}${question.slice(putBack.index + putBack[0].length)}`,
      );
    const said = SAY_LETTER.exec(question);
    if (said) return resolve(`option ${(said[1] as string).toUpperCase()}`);
    // "what does the oesophagus actually do apart from being a tube?": what it is not asked about.

    if (APART_FROM_BEING.test(question)) return resolve(question.replace(APART_FROM_BEING, ''));
    // "Option B. No, option M. No wait, both.": the two named before, both kept.
    const bothAfterAll = BOTH_AFTER_ALL.exec(question);
    if (bothAfterAll) {
      const before = question.slice(0, bothAfterAll.index);
      const letters = [...before.matchAll(/\b(?:option|letter) ([A-Ma-m])\b/gi)].map((m) =>
        (m[1] as string).toUpperCase(),
      );
      const ids = [
        ...new Set([
          ...letters.map((l) => organByLetter(l as OrganLetter).id),
          ...organsIn(before.toLowerCase()),
        ]),
      ];
      if (ids.length === 2) return organAnswer(ids, 'named', 0.85);
    }
    // "show liver pls, then erase it and do the gallbladder instead": what was just named, taken back.
    const itDropped = IT_DROPPED.exec(question);
    // ("Outline the spleen. Hmm, scrap it, I need nothing after all.": the whole request goes, below)
    if (
      itDropped &&
      /\w/.test(question.slice(0, itDropped.index)) &&
      !/\b(?:nothing|none|anything|neither)\b/i.test(question.slice(itDropped.index))
    ) {
      const rest = question.slice(itDropped.index + itDropped[0].length);
      return resolve(
        `${question.slice(0, itDropped.index)}${/\w/.test(rest) ? ', actually no, ' : ', never mind'}${rest}`,
      );
    }
    // "Show the IVC - actually no, I don't need anything, thanks": the whole request taken back.
    if (NOTHING_NEEDED.test(question)) return resolve(question.replace(NOTHING_NEEDED, 'never mind'));
    // "kidneys pls, hmm no, leave it, not needed": the same, said shorter.
    if (LEAVE_IT.test(question)) return resolve(question.replace(LEAVE_IT, 'never mind'));
    // "IVC filter in situ — outline the filter, not the vein it's in": the filter is the device.
    if (FILTER_TOLD.test(question) && BARE_FILTER.test(question))
      return resolve(question.replace(BARE_FILTER, 'the IVC filter'));
    // "This image was flipped horizontally, so the patient's left appears on the screen's left.
    // Segment the kidney on the screen's right.": the screen's sides of the usual view, swapped.
    const flipped = FLIP_DECLARED.exec(question);
    if (flipped && !FLIP_REQUEST_VERB.test(flipped[0])) {
      const rest =
        `${question.slice(0, flipped.index)} ${question.slice(flipped.index + flipped[0].length)}`.trim();
      if (SCREEN_SIDE.test(rest))
        return resolve(
          rest.replace(SCREEN_SIDE, (side: string) => (/^left$/i.test(side) ? 'right' : 'left')),
        );
    }
    // "outline both the kidney and the adrenal on the left": "both" joins the two, the side is for each.
    if (BOTH_THE_AND.test(question)) return resolve(question.replace(BOTH_THE_AND, ''));
    // "liver and spleen, but switch the spleen to the pancreas": a swap said with change or switch.
    const changed = CHANGE_ORGAN_TO.exec(question);
    if (changed && namesOneOrgan(changed[1] as string))
      return resolve(question.replace(CHANGE_ORGAN_TO, 'swap $1 for $2'));
    // "the kidney on the opposite side from the one lettered M": the option's organ, then its partner.
    const lettered = OPTION_LETTERED.exec(question);
    if (lettered) {
      const organ = organByLetter((lettered[1] as string).toUpperCase() as OrganLetter);
      return resolve(question.replace(OPTION_LETTERED, organPhrase(organ.id)));
    }
    // "the mirror image of the left adrenal", "Mirror the left adrenal across the midline": the other one.
    const mirrored = MIRROR_OF_SIDE.exec(question);
    if (mirrored) {
      const [side, noun] = [
        mirrored[1] ?? mirrored[3] ?? mirrored[5],
        mirrored[2] ?? mirrored[4] ?? mirrored[6],
      ];
      return resolve(
        question.replace(
          MIRROR_OF_SIDE,
          `the ${opposite((side as string).toLowerCase() as 'left' | 'right')} ${/kidney/i.test(noun as string) ? 'kidney' : 'adrenal'}`,
        ),
      );
    }
    const acrossFrom = ACROSS_FROM_SIDE.exec(question);
    if (acrossFrom)
      return resolve(
        question.replace(
          ACROSS_FROM_SIDE,
          `the ${opposite((acrossFrom[2] as string).toLowerCase() as 'left' | 'right')} ${/kidney/i.test(acrossFrom[1] as string) ? 'kidney' : 'adrenal'}`,
        ),
      );
    // "What happens to the kidneys in diabetes?", "what do the adrenals do": a question about a pair
    // named without a side is about both (the neighbour a relation would point to is not asked).
    // "Tell me what the left adrenal does.": about that organ.
    const whatItDoes = WHAT_IT_DOES.exec(question);
    if (whatItDoes)
      return resolve(
        `${question.slice(0, whatItDoes.index)}tell me about the ${whatItDoes[1]}${question.slice(whatItDoes.index + whatItDoes[0].length)}`,
      );
    const aboutPair = ABOUT_PAIR.exec(question);
    if (aboutPair) {
      const name = aboutPair[1] ?? aboutPair[2] ?? aboutPair[3] ?? '';
      return resolve(question.replace(ABOUT_PAIR, `tell me about the ${name}`));
    }
    // "show the pan creas", "point to the a orta": a name split in two by dictation.
    const joined = question.replace(SPLIT_NAME, (whole, a: string, b: string) =>
      SPLIT_NAMES.has(`${a}${b}`.toLowerCase()) ? a : whole,
    );
    if (joined !== question) return resolve(joined);
    // "DMSA split function: 12% right, 88% left. Outline the poorly functioning kidney.": the side
    // the numbers and the wish pick.
    const split = SPLIT_FUNCTION.exec(question);
    const wish =
      split && /\bkidney\b/i.test(question.slice(split.index + split[0].length))
        ? KIDNEY_WISH.exec(question)
        : null;
    if (split && wish) {
      const sides: [number, string][] = split[1]
        ? [
            [Number(split[1]), String(split[2])],
            [Number(split[3]), String(split[4])],
          ]
        : [
            [Number(split[6]), String(split[5])],
            [Number(split[8]), String(split[7])],
          ];
      sides.sort((x, y) => x[0] - y[0]);
      const [low, high] = [sides[0]?.[1].toLowerCase(), sides[1]?.[1].toLowerCase()];
      if (low !== high) return organAnswer([(wish[1] ? low : high) === 'left' ? 13 : 2], 'described', 0.8);
    }
    // "Spell it backwards: N-E-E-L-P-S. Show that organ.": letters spelt out one by one.
    const spelt = SPELT_OUT.exec(question);
    const speltName = spelt && ANAGRAM_NAMES.get(sortedLetters((spelt[1] as string).replace(/[^a-z]/gi, '')));
    if (
      spelt &&
      speltName &&
      /\b(?:spell|spelt|spelled|backwards?|reversed?|letters|unscramble|anagram)\b/i.test(question)
    )
      // (a lead that only says how it is spelt goes: "Spell it backwards: …")
      return resolve(
        `${SPELLING_LEAD.test(question.slice(0, spelt.index)) ? '' : question.slice(0, spelt.index)}the ${speltName}${question.slice(spelt.index + spelt[0].length)}`,
      );
    // "Unscramble CREAPANS and show the organ": the organ the letters spell.
    // ("Anagram round: NEELPS — unscramble and segment": the capitals after the word "anagram")
    const scrambled = [UNSCRAMBLE.exec(question), SCRAMBLED_CAPITALS.exec(question)].find(
      (m) => m && ANAGRAM_NAMES.has(sortedLetters(m[1] as string)),
    );
    const unscrambled = scrambled && ANAGRAM_NAMES.get(sortedLetters(scrambled[1] as string));
    if (scrambled && unscrambled)
      return resolve(
        `${question.slice(0, scrambled.index)}the ${unscrambled}${question.slice(scrambled.index + scrambled[0].length)}`,
      );
    // "the IVC, which carries oxygenated blood from the heart, pls outline it": an aside about a
    // name, however wrong, does not change which organ "it" is.
    const nameAside = NAME_WHICH_THEN_IT.exec(question);
    if (nameAside && namesOneOrgan(nameAside[1] as string))
      return resolve(`${(nameAside[3] as string).replace(/\bit\b/i, (nameAside[1] as string).trim())}`);
    // "After a left nephrectomy, segment what kidney is left": "left" is what remains.
    const leftOver = KIDNEY_LEFT_OVER.exec(question);
    if (
      leftOver &&
      /\b(?:nephrectomy|removed|donated|took out|taken out|lost)\b/i.test(question.slice(0, leftOver.index))
    )
      return resolve(question.replace(KIDNEY_LEFT_OVER, 'the remaining kidney'));
    const adrenalLeftOver = ADRENAL_LEFT_OVER.exec(question);
    if (
      adrenalLeftOver &&
      /\b(?:adrenalectomy|removed|took out|taken out|lost)\b/i.test(question.slice(0, adrenalLeftOver.index))
    )
      return resolve(question.replace(ADRENAL_LEFT_OVER, 'the remaining adrenal'));
    // "right kidney first, then same for the other side": the other one added.
    const otherAdded = OTHER_SIDE_ADDED.exec(question);
    if (otherAdded && !/\b(?:no|not|actually|wait|instead|meant|rather|sorry)\b/i.test(question)) {
      const noun = /kidney/i.test(otherAdded[2] as string) ? 'kidney' : 'adrenal';
      const side = opposite((otherAdded[1] as string).toLowerCase() as 'left' | 'right');
      return resolve(question.replace(otherAdded[4] as string, `the ${side} ${noun} too`));
    }
    // "All of A through M, leaving out the gallbladder": "leaving out" takes one out like "except".
    if (LEAVING_OUT.test(question)) return resolve(question.replace(LEAVING_OUT, ' except '));
    // "Can a person live normally without a gallbladder?": a question about the organ named, not
    // one that excludes it.
    if (LIVE_WITHOUT.test(question))
      return resolve(question.replace(LIVE_WITHOUT, '$1$2 after removal of the '));
    // "The spleen secretes insulin, right? Show it.": a premise checked with "right?" whose function
    // belongs to another organ; the function decides ("Which organ secretes insulin? Show it.").
    const premise = PREMISE_CHECKED.exec(question) ?? PREMISE_STATED.exec(question);
    if (premise) {
      const whole = namesOneOrgan(premise[1] as string);
      // ("…, right? Outline it regardless.": the named organ is wanted whatever its function)
      if (
        whole &&
        !/\b(?:it|that|them|that one|the [a-z]+) (?:regardless|anyway|anyways|all the same|either way|as named)\b|\b(?:regardless|anyway|anyways)\s*[.!]*\s*$/i.test(
          premise[3] ?? '',
        )
      ) {
        // ("…, yes? Which vessel actually does?", "Outline the gland that really does.": the kind asked)
        const kind =
          /\b(vessel|vein|artery|gland)s?\b/i.exec(premise[3] ?? '')?.[1]?.toLowerCase() ?? 'organ';
        const head = kind === 'vein' || kind === 'artery' ? 'vessel' : kind;
        const asked = resolve(`Which ${head} ${premise[2]}?`);
        if (!asked.noneOfThem && asked.reason !== 'unclear') return asked;
      }
    }
    // "Insulin comes from the adrenals, doesn't it? …", "the organ that makes albumin, the spleen
    // right? show it": a premise checked the other way round; the function decides.
    const fromChecked = SUBSTANCE_FROM_CHECKED.exec(question);
    // (a premise the function confirms is left to the rest: "epo comes from the kidneys right? ok
    // but just show the left one")
    const checkedName = fromChecked && organNamed(fromChecked[2] as string);
    if (fromChecked && checkedName) {
      const maker = resolve(`Which organ makes ${fromChecked[1]}?`);
      if (
        !maker.noneOfThem &&
        maker.reason !== 'unclear' &&
        !maker.organIds.some((id) => checkedName.includes(id))
      )
        return maker;
    }
    const nameChecked = DESCRIPTION_THEN_NAME_CHECKED.exec(question);
    const doubtedName = nameChecked && organNamed(nameChecked[2] as string);
    if (nameChecked && doubtedName) {
      const described = resolve(`Show ${nameChecked[1]}.`);
      // (a pair's confidence is shared between its sides, so it may stand a little lower)
      if (
        !described.noneOfThem &&
        described.confidence >= (isPaired(described.organIds) ? 0.5 : 0.6) &&
        !described.organIds.some((id) => doubtedName.includes(id))
      )
        return described;
    }
    // "Highlight the organ that produces bile. That's the gallbladder, isn't it?", "Find the organ
    // that secretes insulin, which I believe is the spleen", "the body's largest vein, the aorta if
    // I remember right": a request that names nothing, then a name offered with a hedge; what the
    // request describes decides where it alone finds an organ the hedged name is not.
    // (split at the first boundary, or else at the last: "…, the one next to the stomach — i think
    // it's the spleen?")
    for (const split of [HEDGED_NAME_AFTER, HEDGED_NAME_LAST]) {
      const hedged = split.exec(question);
      // (the hedge offers a name and little else: "…, the one next to the stomach — i think it's
      // the spleen?" goes on describing, so the first split is not the request)
      if (!hedged || HEDGE_STOPS.test(hedged[2] as string) || textWords(hedged[2] as string).length > 9)
        continue;
      const request = hedged[1] as string;
      const offered = organsIn(hedged[2] as string);
      if (offered.length === 0 || organsIn(request).length > 0 || !REQUEST_OR_ASK.test(request)) continue;
      const described = resolve(request);
      // (a pair's confidence is shared between its sides)
      if (
        !described.noneOfThem &&
        described.confidence >= (isPaired(described.organIds) ? 0.4 : 0.5) &&
        !described.organIds.some((id) => offered.includes(id))
      )
        return described;
      break;
    }
    // "Show me the stomach, I believe: the tube behind the trachea that carries swallowed food…",
    // "Highlight the left adrenal, I think? The triangular one on the right kidney": a name offered
    // with a hedge, then what is meant described; the description decides where it finds an organ.
    const nameHedged = NAME_HEDGED_THEN_DESCRIBED.exec(question);
    const hedgedName = nameHedged && organNamed(nameHedged[2] as string);
    if (nameHedged && hedgedName) {
      const noun = /kidney/i.test(nameHedged[2] as string)
        ? 'kidney'
        : /adrenal|suprarenal/i.test(nameHedged[2] as string)
          ? 'adrenal'
          : 'organ';
      const description = (nameHedged[3] as string).replace(
        /^((?:the|a|an)(?: [a-z-]+){0,3}?) ones?\b/i,
        `$1 ${noun}`,
      );
      const described = resolve(`${nameHedged[1]} ${description}`);
      if (!described.noneOfThem && described.confidence >= (isPaired(described.organIds) ? 0.4 : 0.5))
        return described;
      // ("Mark the liver, I suppose — the organ in the right iliac fossa …": something outside the 13)
      if (described.noneOfThem && described.reason === 'outside' && described.confidence >= 0.35)
        return described;
    }
    // "RCC in the LK with tumour thrombus into the IVC - outline the kidney and the vessel": the
    // vessel is the one great vessel the case names.
    const vessel = VESSEL_IN_LIST.exec(question);
    if (vessel) {
      const before = question.slice(0, vessel.index);
      const cava = /\b(?:ivc|inferior vena cava|vena cava|cava|caval)\b/i.test(before);
      const aorta = /\baort(?:a|ic)\b/i.test(before);
      const kind = (vessel[2] as string).toLowerCase();
      if (cava !== aorta && !(cava && kind === 'artery') && !(aorta && kind === 'vein'))
        return resolve(
          `${before}${vessel[1]}${cava ? 'the IVC' : 'the aorta'}${question.slice(vessel.index + vessel[0].length)}`,
        );
    }
    // "Show me the gallbladder, you know, the gland that makes insulin", "The pancreas is the gland
    // perched on the left kidney making aldosterone. Outline it.": a name and a description that
    // does not fit it; the description decides when it alone finds an organ with confidence.
    const statedAs = NAME_IS_DESCRIPTION.exec(question);
    const apposed = NAME_THEN_DESCRIPTION.exec(question) ?? statedAs;
    if (apposed) {
      const whole = namesOneOrgan(apposed[1] as string);
      if (whole) {
        // (without "you know" or "i mean", only a long description: "Outline the gallbladder, the
        // organ that produces bile" keeps the name)
        const description = apposed[3] ?? (apposed[2] as string);
        const marked = apposed === statedAs || (apposed[3] !== undefined && apposed[2] !== undefined);
        const described = resolve(`Show ${description}.`);
        if (
          !described.noneOfThem &&
          described.confidence >= 0.6 &&
          (marked || description.split(/\s+/).length >= 9)
        )
          return described;
      }
    }
    // "…, the organ that actually makes the bile": the adverb adds nothing to the description.
    const unadorned = question.replace(
      /\b(that|which) actually (?=(?:makes|produces|secretes|stores|filters|concentrates|holds|absorbs|digests)\b)/gi,
      '$1 ',
    );
    if (unadorned !== question) return resolve(unadorned);
    // "Urine is made in which organs?": the passive turned round ("which organs make urine?").
    const passive = PASSIVE_WHICH.exec(question);
    if (passive) {
      const [, thing, verb, which, noun] = passive as unknown as [string, string, string, string, string];
      const active = ACTIVE_OF.get(verb.toLowerCase()) as string;
      const plural = /s$/i.test(noun);
      return resolve(`${which} ${noun} ${plural ? active.replace(/s$/, '') : active} ${thing}?`);
    }
    // "no wait, no wait, …", "hmm ok sorry": filler and take-back words only ask for nothing.
    const words = textWords(question.slice(0, maxChars));
    if (words.length > 0 && words.every((w) => FILLER_WORDS.has(w))) return noneAnswer('off-topic', 0.8);
    // "Splenic length in cm — just the number, no outline": the answer does not hang on the drawing.
    const noOutline = NO_OUTLINE_TAIL.exec(question);
    if (noOutline && noOutline.index > 0)
      return resolve(withoutTrailingMarks(question.slice(0, noOutline.index)));
    // "How do you say 'gallbladder' in Spanish?", "Who wrote the novel 'I Want to Eat Your
    // Pancreas'?": an organ's name quoted in a question about words, books or idioms is no request.
    // (not when an option is asked for: "'Renal' comes from the Latin ren. Which options does the
    // word refer to?")
    if (QUOTED_TALK.test(question) && !OPTION_ASKED.test(question) && !QUOTE_LOCATED.test(question)) {
      // ("translate the word spleen into French": the word named, unquoted)
      const outsideQuotes = question
        .replace(QUOTED, ' ')
        .replace(WORD_NAMED, ' ')
        .replace(WORD_IN_LANGUAGE, ' ');
      if (outsideQuotes !== question && !ORGAN_WORD.test(outsideQuotes) && ORGAN_WORD.test(question))
        return noneAnswer('off-topic', 0.8);
    }
    // "all the left-sided ones: spleen, left kidney, left adrenal": a heading that asks nothing, then
    // a list of names only; the list is the request.
    const headed = LEAD_THEN_LIST.exec(question.slice(0, maxChars));
    if (headed) {
      const lead = textWords(headed[1] as string);
      const rest = headed[2] as string;
      const restTokens = tokenize(rest);
      const restMentions = findMentions(restTokens);
      const inName = (k: number) => restMentions.some((m) => k >= m.start && k < m.end);
      if (
        lead.length <= 8 &&
        lead.every((w) => LIST_LEAD_WORDS.has(w)) &&
        restMentions.filter((m) => m.target.kind === 'organ').length >= 2 &&
        restMentions.every((m) => m.target.kind === 'organ' && !m.adjective) &&
        restTokens.every(
          (t, k) =>
            t.boundary ||
            inName(k) ||
            CONJUNCTIONS.has(t.text) ||
            ARTICLES.has(t.text) ||
            POLITE_WORDS.has(t.text),
        )
      ) {
        // ("All three right-sided ones: kidney, adrenal, and the liver": the heading's side is
        // the pairs'.)
        const answer = resolve(rest);
        const left = lead.includes('left');
        if (left === lead.includes('right') || answer.noneOfThem) return answer;
        const kept = answer.organIds.filter((id) => {
          const pair = organById(id).pairedWith;
          return !pair || organById(id).side === (left ? 'left' : 'right');
        });
        return kept.length === answer.organIds.length
          ? answer
          : organAnswer(kept, 'named', answer.confidence);
      }
    }
    // "lipase and ALT both up — which organs?": each raised test's organ, when several are asked
    // for and none is named.
    const labText = words.join(' ');
    if (SEVERAL_ASKED.test(labText) || GROUP_ASKED.test(labText)) {
      const labs = [...labText.matchAll(LAB_MARKER)].map((m) => m[0]);
      const labOrgans = [
        ...new Set(labs.flatMap((lab) => LAB_ORGANS.find(([re]) => re.test(lab))?.[1] ?? [])),
      ];
      if (
        labs.length >= 2 &&
        labOrgans.length >= 2 &&
        LAB_RAISED.test(labText) &&
        !findMentions(tokenize(question.slice(0, maxChars))).some((m) => m.target.kind === 'organ')
      )
        return organAnswer(labOrgans, 'described', 0.7);
    }
    // Rewordings read as plainer requests, in one pass: "the gland on the liver side" (a side told
    // by an organ that lies on it), "light up every organ you know", "All the options, no
    // exceptions.", "aorta → IVC instead pls" (the arrow corrects), "I didn't say which one",
    // "whatever's on E", "M for Mike please", "I'll take door number C" (a letter spelled out).
    // ("esophagus → stomach → duodenum, trace the whole route": two arrows or more chain a route)
    const arrowsRoute = (question.match(ARROW)?.length ?? 0) >= 2 && ROUTE_WORD.test(question);
    const organAskedFor = ORGAN_ASKED_FOR.test(question);
    const plainer = question
      // "where's the upper pole of the right kidney": the part asked for, not what sits on it
      .replace(WHERE_POLE, 'show the $1 pole of ')
      // "not the left kidney — I want its partner across the midline": the other one of the pair
      .replace(PARTNER_ACROSS, 'the other one')
      // "I don't want the right adrenal; I want the other one"
      .replace(DONT_WANT_OTHER, 'not $1, the other one')
      // "Only the left kidney, plus the adrenal sitting on it": "plus" adds to the "only"
      .replace(ONLY_PLUS, '$1 and ')
      // "Not just the left kidney — its adrenal too": the adrenal of that side, added
      .replace(ITS_ADRENAL_TOO, '$1 and the $2 adrenal')
      .replace(SIDE_BY_ORGAN, (_, a?: string, b?: string) =>
        RIGHT_SIDED_ORGAN.test(a ?? b ?? '') ? "on the patient's right" : "on the patient's left",
      )
      .replace(LIGHT_UP, '$1highlight')
      .replace(NO_EXCEPTIONS, '')
      // "Right gonadal vein drains into?": the question word left out
      .replace(INTO_WHAT, (whole, verb: string, _at: number, all: string) =>
        /\b(?:where|which|what|whom?|organ|it)\b/i.test(all)
          ? whole
          : `${verb.replace(/\s+/g, ' ')} which vessel?`,
      )
      // "show every vessel in the option list": the list of options
      .replace(IN_OPTION_LIST, 'on the list')
      // "the fourth-to-last option, not counting None": N is never counted among the organs
      .replace(NOT_COUNTING_NONE, '')
      .replace(AFTERTHOUGHT, '$1 ')
      .replace(NOT_THE_ONE, '')
      .replace(SUBSTANCE_THEN_IT, '$1$2$1')
      .replace(DATA_SIZE, '$1 gigabytes')
      .replace(CALLED_THEN_OUTLINED, '')
      // "just the liver n gb": chat's "n" between two names is "and"
      .replace(CHAT_AND, (whole, word: string) =>
        BEFORE_OPTION_N.has(word.toLowerCase()) ? whole : `${word} and `,
      )
      // "kidney stones 😩 show me the stones themselves": an emoji ends a clause like a comma
      .replace(EMOJI_BEFORE_REQUEST, ', ')
      // "every organ on the list pls 😅 going for completeness": chatter after a closing emoji
      // (not when the emoji opens the message: "😴😴 night shift pain" is all there is)
      .replace(EMOJI_THEN_CHATTER, (whole, tail: string, at: number, all: string) =>
        ORGAN_WORD.test(tail) || CHATTER_KEEPS.test(tail) || !/\w/.test(all.slice(0, at)) ? whole : '',
      )
      // "literally every option except N"
      .replace(LITERALLY_ALL, '')
      // "evry organ except liver and spleen", "everythin but the kidneys": the quantifier mistyped
      .replace(EVERY_TYPO, 'every')
      .replace(EVERYTHING_TYPO, 'everything')
      // "label all of em except the liver", "whole lot except liver"
      .replace(/\ball of (?:em|'em|’em|dem)\b/gi, 'all of them')
      .replace(
        /(?<!\ba )\b(?:the )?whole lot\b(?! (?:of|more|better|worse|bigger|smaller)\b)/gi,
        'everything',
      )
      // "color in all the organs", "fill in the ascites": colouring in is highlighting
      .replace(COLOUR_IN, 'highlight ')
      // "everything except the kidneys... actually keep the left one": the one of the pair put back
      .replace(
        PAIR_ONE_PUT_BACK,
        (_, pair: string, between: string, side: string) =>
          `${pair}${between}${side} ${/^kidney/i.test(pair) ? 'kidney' : 'adrenal'}`,
      )
      // "everything on the list pls i'm making a teaching slide": a polite word ends the request
      .replace(POLITE_THEN_CLAUSE, '$1, ')
      // "Whcih gland …": the question word mistyped
      .replace(WHICH_TYPO, 'which')
      // "everything. wait, not the vessels": an exception after the whole list
      .replace(ALL_THEN_NOT, '$1 except ')
      // "all organs, drop aorta and cava": "cava" alone is the IVC in a list or a take-back
      .replace(CAVA_IN_LIST, 'ivc')
      // "abdo aorta, suprarenal segment": a level of the aorta, not the gland
      .replace(SUPRARENAL_LEVEL, 'upper $1')
      // "the left one. kidney i mean. sorry typing w one hand": an apology for the typing closing it
      .replace(TYPING_APOLOGY, (whole) => (ORGAN_WORD.test(whole) ? whole : ''))
      // "PEG tube, which organ? highlight the organ not the tube", "TIPS — not the shunt itself,
      // the organ it tunnels through": the thing set aside, when an organ is what is asked for
      .replace(NOT_THE_THING, (whole) => (organAskedFor ? ' ' : whole))
      // "…the left ADRENAL, been staring at this too long": why the slip happened, closing it
      .replace(TIRED_ASIDE, (whole) => (ORGAN_WORD.test(whole) ? whole : ''))
      .replace(DUMPS_INTO, 'drain$1 into')
      // "the oesophagus continues into which organ?", "…joins which organ?": where a tube empties
      .replace(CONTINUES_INTO, 'empties into')
      // "both big pipes in front of the spine": the great vessels
      .replace(BIG_PIPES, '$1 vessel$2')
      // "Aorta. Also add the big vein running alongside it": one more, described, joins the list
      .replace(ALSO_ADD, ' and ')
      // "the great vessel on your list that is not an artery": the vein
      .replace(
        VESSEL_NOT_KIND,
        (_, head: string, list = '', kind: string) =>
          `${head}${/^arter/i.test(kind) ? 'vein' : 'artery'}${list}`,
      )
      // "which organ cranks out bile?": slang for making
      .replace(CRANKS_OUT, (_, _verb: string, form = '') =>
        form === 's' ? 'makes' : form === 'ed' ? 'made' : form === 'ing' ? 'making' : 'make',
      )
      .replace(MAKER_NAMED_ACID, '$1 gastric acid')
      // "Whatever the stomach empties into: highlight it": the organ that the clause describes
      .replace(
        WHATEVER_LETTER_DOES,
        (_, l: string) => `whatever ${organPhrase(organByLetter(l as OrganLetter).id)} `,
      )
      .replace(WHATEVER_CLAUSE, 'the organ ')
      // "the second-to-last organ on the list", "last but one": counted from the end of the 13
      .replace(FROM_LAST, (whole: string, nth?: string) =>
        nth ? (FROM_LAST_ORDINAL[nth.toLowerCase()] ?? whole) : 'twelfth',
      )
      // "how long have u been running today? also liver pls": an added ask after a question is a request
      .replace(ALSO_AFTER_QUESTION, '$1 $2 show ')
      // "What lies just below the right adrenal?": "what" asking for a thing placed is "which organ"
      .replace(WHAT_PLACED, '$1which organ ')
      .replace(INVESTS, (whole, form: string | undefined, _at: number, all: string) =>
        SHEATH_WORD.test(all) ? `cover${form ?? ''}` : whole,
      )
      .replace(OTHER_SIDE_ELIDED, '$1 $2 $3 the $4 $2')
      // ("high aldosterone, L adrenal adenoma → outline the gland it's in": an arrow before a
      // request leads to it, changing nothing.)
      .replace(ARROW_TO_REQUEST, '. ')
      .replace(ARROW, arrowsRoute ? ' and ' : ', no, ')
      .replace(ANY_SIDE, '')
      // "Of the two adrenal glands, segment the pyramid-shaped one": the pair to pick from, not both.
      .replace(OF_THE_TWO_PAIR, '$1 the $2')
      // "the three options just above 'None of them'": the last three organ options.
      .replace(ABOVE_NONE, (_, count?: string) => (count ? `the last ${count} options` : 'option M'))
      // "Option D and the option lettered right after it": the option after it.
      .replace(
        /\bthe (option|letter|one) lettered ((?:just |right |immediately )?(?:after|before) it)\b/gi,
        'the $1 $2',
      )
      // "'I 8 10 eggs at 12' — the one at 10, show it": the mnemonic of the diaphragm's openings
      // (the IVC at T8, the oesophagus at T10, the aorta at T12), its numbers the levels.
      .replace(
        LEVELS_MNEMONIC,
        (_, before: string, after: string) =>
          `${before}the diaphragm levels mnemonic${after.replace(/\b(?:(?:goes|passes|go|pass|going|passing) )?(?:through )?at (8|10|12)\b/gi, 'passing through the diaphragm at T$1')}`,
      )
      // "…then drop every one of them except the liver": keep only the liver.
      .replace(DROP_ALL_BUT, 'keep only ')
      // "Segment the right member of each paired organ in the list": both pairs, that side.
      .replace(
        SIDE_OF_EACH_PAIR,
        (_, side: string) => `the ${side.toLowerCase()} kidney and the ${side.toLowerCase()} adrenal`,
      )
      .replace(WHATEVER_LETTER, (_, a?: string, b?: string) => `option ${a ?? b}`)
      .replace(NATO_LETTER, (whole, l: string, word: string) =>
        word[0]?.toUpperCase() === l ? `option ${l}` : whole,
      )
      .replace(DOOR_NUMBER, 'option $1')
      // "show the one lettered K"
      .replace(LETTERED, 'option $1')
      // "epo comes from the kidneys right? ok but just show the left one": a tag question, no side
      .replace(RIGHT_TAG, ', yes?')
      // "the stomach, no no duodenum was right": a doubled "no" is one correction, not a denial
      .replace(DOUBLED_NO, '$1,')
      // "where's the oesophagous here (sorry, typing one handed)": an apology aside says nothing
      // (not one that corrects: "(sorry, typo, meant the pancreas)")
      .replace(APOLOGY_ASIDE, (aside) =>
        ORGAN_WORD.test(aside) || /\b(?:mean|meant|right|left|dx|sx)\b|=/i.test(aside) ? aside : '',
      );
    // "Show me the largest gland in the body; no, change that to the organ that stores its bile.",
    // "Outline the crescent-shaped adrenal gland. Actually, switch to the pyramid-shaped one.": a
    // description swapped in for one that named nothing is asked alone ("one" the kind before).
    const describedSwap = DESCRIBED_SWAP.exec(plainer);
    const swappedKind = describedSwap
      ? /\b(adrenal glands?|adrenals?|kidneys?|glands?|vessels?)\b/i.exec(describedSwap[1] as string)?.[1]
      : undefined;
    if (
      describedSwap &&
      (!ORGAN_WORD.test(describedSwap[1] as string) ||
        (swappedKind &&
          /^the (?!(?:other|opposite|same|remaining|contralateral|left|right)\b)[a-z-]+(?: [a-z-]+)? one\b/i.test(
            describedSwap[2] as string,
          )))
    ) {
      const asked = (describedSwap[2] as string).replace(
        /^the ([a-z-]+(?: [a-z-]+)?) one\b/i,
        (whole, what: string) => (swappedKind ? `the ${what} ${swappedKind}` : whole),
      );
      return resolve(`show ${asked}`);
    }
    // ("Outline C. Sorry, I meant the letter just before it.": "it" is the letter named first)
    const relative = letterBeforeIt(plainer);
    if (relative !== undefined) return resolve(relative);
    const bySpelling = optionsBySpelling(plainer);
    if (bySpelling)
      return bySpelling.length > 0 ? organAnswer(bySpelling, 'described', 0.8) : noneAnswer('outside', 0.7);
    // "Highlight the option lettered two places after the gallbladder": the organ's letter, moved.
    // "Find the gallbladder's letter, add two, and show me that option", "Take the letter of the
    // organ that arises in the dorsal mesogastrium and move two letters further on": the option
    // so many letters after (or before) the one the description picks.
    const moved = LETTER_MOVED.exec(plainer) ?? LETTER_MOVED_AFTER.exec(plainer);
    if (moved) {
      const groups = moved.groups ?? {};
      const count = groups.count ?? groups.count2 ?? 'one';
      const steps = COUNT_WORDS.get(count.toLowerCase()) ?? Number(count);
      const back = /^(?:subtract|minus|back|go back|before|preceding)/i.test(groups.way ?? groups.way2 ?? '');
      const option = optionMoved(`show ${groups.what ?? groups.what2 ?? ''}`, back ? -steps : steps);
      if (option) return resolve(option);
    }
    // "Of the two adrenal options, choose the one with the earlier letter": the set, then its end.
    const extreme = LETTER_EXTREME.exec(plainer);
    if (extreme) {
      const set = resolve(plainer.replace(LETTER_EXTREME, '').trim() || 'nothing').letters;
      if (set.length >= 2 && !set.includes('N')) {
        const sorted = [...set].sort();
        const first = /^(?:earlier|earliest|lower|lowest|first|smaller|smallest)$/i.test(
          extreme[1] as string,
        );
        return resolve(`option ${first ? sorted[0] : sorted[sorted.length - 1]}`);
      }
    }
    const beside = OPTION_BESIDE_ORGAN.exec(plainer);
    if (beside) {
      const [, count, direction, named] = beside;
      const steps = count === undefined ? 1 : (COUNT_WORDS.get(count.toLowerCase()) ?? 0);
      const option = optionMoved(
        `show the ${named}`,
        /^(?:after|following)$/i.test(direction ?? '') ? steps : -steps,
      );
      if (option) return resolve(option);
    }
    if (plainer !== question) return resolve(plainer);
    // "…for the M&M slides": the morbidity and mortality meeting, no option letters.
    if (/\bM ?& ?M\b/.test(question))
      return resolve(question.replace(/\bM ?& ?M\b/g, 'morbidity and mortality'));
    // "H. pylori", "E. coli": a genus abbreviated to a capital is no option letter.
    if (GENUS_INITIAL.test(question))
      return resolve(question.replace(new RegExp(GENUS_INITIAL.source, 'g'), genusInFull));
    // "liver, spleen, pancreas. undo the last one", "strike the first one": organs named, taken back by
    // name.
    const undone = UNDO_BY_POSITION.exec(question);
    if (undone) {
      const named = namedItemsAt(
        question.slice(0, undone.index),
        COUNT_WORDS.get((undone[3] as string).toLowerCase()) ?? 1,
        (undone[2] as string).toLowerCase() as 'first' | 'middle' | 'last',
      );
      if (named)
        return resolve(
          `${question.slice(0, undone.index)}${undone[1]} ${named}${question.slice(undone.index + undone[0].length)}`,
        );
    }
    // "aorta... nvm the ivc": "nvm" before organs not named before it corrects (read as "nvm, the
    // ivc"); before one named already it takes that one back ("liver, spleen, nvm the liver").
    // (a chat message's length: each "nvm" read this way resolves what comes before it again)
    const nvmThen = question.length <= 400 ? NVM_THEN_ORGAN.exec(question) : null;
    if (nvmThen && /\w/.test(question.slice(0, nvmThen.index))) {
      const before = question.slice(0, nvmThen.index);
      const earlier = resolve(before);
      const named = resolve(`show ${nvmThen[2]}`);
      if (
        !earlier.noneOfThem &&
        !named.noneOfThem &&
        !named.organIds.some((id) => earlier.organIds.includes(id))
      )
        return resolve(`${before}${nvmThen[1]}, ${question.slice(nvmThen.index + nvmThen[0].length)}`);
    }
    // "liver... actually everything except the liver": a later "everything except …" is the
    // whole request; what came before it is replaced.
    const everythingAfter = EVERYTHING_CORRECTED.exec(question);
    if (everythingAfter && /\w/.test(question.slice(0, everythingAfter.index)))
      return resolve(everythingAfter[1] as string);
    // "After a right radical nephrectomy, … hypertrophy in which remaining organ?": the partner of
    // the one removed.
    const remaining = REMOVED_THEN_REMAINING.exec(question);
    if (remaining) {
      const left = (remaining[1] as string).toLowerCase() === 'left';
      const kidney = /^nephr/i.test(remaining[2] as string);
      return organAnswer([kidney ? (left ? 2 : 13) : left ? 7 : 8], 'described', 0.8);
    }
    // "e f and both kidneys", "a b c... actually make that a and c": a message that opens with a run
    // of small option letters; its later runs, and "the letter after k", are letters too.
    const sites = SITES_ASKED.exec(question);
    if (sites) {
      const all = resolve(`${question.slice(0, sites.index)} Outline them all.`);
      if (all.organIds.length >= 2) return all;
    }
    // "…i pointed at the aorta 💀 pls just outline the ivc so i never do that again": a story, then
    // one plain request closing it; the story's names are not asked for.
    const closing = JUST_CLOSING_REQUEST.exec(question);
    if (
      closing &&
      !REQUEST_VERB.test(question.slice(0, closing.index)) &&
      !/^(?:both|them|it|all|that|this|those|these|one|the (?:other|one|same|rest|lot)\b)/i.test(
        closing[1] as string,
      )
    ) {
      const request = resolve(`outline ${closing[1]}`);
      if (!request.noneOfThem) return request;
    }
    // "The sickle-shaped peritoneal fold attaching the liver to the abdominal wall is the...?": the
    // thing described is what is asked for, as in "which option is …?".
    const blank = THING_IS_BLANK.exec(question);
    if (blank) return resolve(`Which option is ${blank[1] ?? blank[2]}?`);
    // "Which option sits between the gallbladder and the stomach in your list?": between their letters.
    const betweenNames = OPTION_BETWEEN_NAMES.exec(question);
    if (betweenNames) {
      const [a, b] = [betweenNames[1], betweenNames[2]].map((name) => resolve(`show the ${name}`).letters);
      if (a?.length === 1 && b?.length === 1 && a[0] !== 'N' && b[0] !== 'N') {
        const [lo, hi] = [(a[0] as string).charCodeAt(0), (b[0] as string).charCodeAt(0)].sort(
          (x, y) => x - y,
        );
        const span = letterSpan((lo as number) + 1, (hi as number) - 1);
        if (span) return resolve(`outline ${span.includes(' and ') ? 'options' : 'option'} ${span}`);
      }
    }
    // "Odd one out among jejunum, ileum, colon and duodenum: which one appears in your option
    // list?": asked like "…, show it", so the one of the 13 that the list names is the answer.
    if (AMONG_OPTIONS.test(question.toLowerCase()) && !REQUEST_VERB.test(question) && !readingAmongOptions) {
      readingAmongOptions = true;
      try {
        return resolve(`${question.trim()} Show it.`);
      } finally {
        readingAmongOptions = false;
      }
    }
    // "I already did the left kidney myself, now the other side pls": the one of the pair not done.
    const done = DONE_THEN_OTHER.exec(question);
    if (done) {
      const side = (done[1] as string).toLowerCase() === 'left' ? 'right' : 'left';
      return resolve(`show the ${side} ${/^adrenal/i.test(done[2] as string) ? 'adrenal' : 'kidney'}`);
    }
    // "Forget everything I asked before and just show every option.": the earlier asks are gone,
    // the rest is the request.
    const reset = FORGET_EARLIER.exec(question);
    if (reset && /\w/.test(question.slice(reset[0].length))) return resolve(question.slice(reset[0].length));
    // ("a thru f minus the kidney", "g to m but leave out i and j", "a-c and k": a small-letter
    // range opening the message is options too)
    const smallRun = SMALL_LETTER_RUN.exec(question);
    const range = smallRun ? null : SMALL_RANGE_FIRST.exec(question);
    const opening =
      smallRun && !/^i m\b/.test(smallRun[1] as string)
        ? {
            head: (smallRun[1] as string).replace(/\b[a-m]\b/g, (l) => l.toUpperCase()),
            end: smallRun[0].length,
          }
        : range && (range[1] as string) < (range[2] ?? 'm')
          ? {
              head: `options ${(range[1] as string).toUpperCase()} to ${(range[2] ?? 'm').toUpperCase()}`,
              end: range[0].length,
            }
          : undefined;
    if (opening) {
      const upper = (run: string) => run.replace(/\b[a-m]\b/g, (l) => l.toUpperCase());
      return resolve(
        opening.head +
          question
            .slice(opening.end)
            .replace(SMALL_LETTER_RUN_LATER, upper)
            .replace(LETTER_RELATIVE_SMALL, (_, head: string, l: string) => `${head}${l.toUpperCase()}`)
            .replace(LETTER_AFTER_VERB_SMALL, (_, head: string, l: string) => `${head}${l.toUpperCase()}`)
            // "b and m, wait change m to g"
            .replace(
              SMALL_LETTER_SWAPPED,
              (_, verb: string, a: string, by: string, b: string) =>
                `${verb} ${a.toUpperCase()} ${by} ${b.toUpperCase()}`,
            ),
      );
    }
    // "the letter before b and the one after l", "the letter after k. wait no, the letter before k":
    // a small letter placed against another is an option letter.
    const relativeSmall = question.replace(
      LETTER_RELATIVE_SMALL_ANY,
      (_, head: string, l: string) => `${head}${l.toUpperCase()}`,
    );
    if (relativeSmall !== question) return resolve(relativeSmall);
    // "option k... typo, meant l": the letter meant is an option letter too.
    const meantSmall = question.replace(
      OPTION_SMALL_MEANT,
      (_, lead: string, a: string, mid: string, b: string) =>
        `${lead}${a.toUpperCase()}${mid}${b.toUpperCase()}`,
    );
    if (meantSmall !== question) return resolve(meantSmall);
    // "every option lol, go wild", "all 13 for my anatomy flashcards 📚": every organ, then chatter
    // that names no organ and leaves none out.
    const allThenChatter = ALL_THEN_CHATTER.exec(question);
    if (
      allThenChatter &&
      !ORGAN_WORD.test(allThenChatter[2] as string) &&
      !CHATTER_EXCEPTS.test(allThenChatter[2] as string)
    )
      return resolve(allThenChatter[1] as string);
    // "kupffer cells, can u show them lol", "which cells make insulin — outline those cells
    // specifically": cells are no organ's mask (their organ, asked for, is: "…outline their organ").
    if (CELLS_ASKED.test(question)) return noneAnswer('outside', 0.7);
    // "Highlight the liver, then replace it with the portal vein", "pancreas and stomach, … so swap
    // it for the duodenum": the thing named last is taken back and the new one added.
    const replaceIt = REPLACE_IT.exec(question);
    if (replaceIt) {
      const before = question.slice(0, replaceIt.index);
      const tokens = tokenize(before);
      const last = findMentions(tokens).at(-1);
      if (last) {
        const named = tokens
          .slice(last.start, last.end)
          .map((t) => t.text)
          .join(' ');
        return resolve(
          `${before}. drop the ${named} and add ${question.slice(replaceIt.index + replaceIt[0].length)}`,
        );
      }
    }
    // "kidneys + adrenals, but only keep the left side ones": a side that picks one of each pair
    // named before it (only when every organ before it is one of a pair).
    const sideFirst = SIDE_ONES_FIRST.exec(question);
    if (sideFirst) return resolve(`${sideFirst[2]}, ${sideFirst[1]} side only`);
    const pairsSide = SIDE_OF_PAIRS.exec(question);
    if (pairsSide && /\w/.test(pairsSide[1] as string)) {
      const side = (pairsSide[2] ?? pairsSide[3] ?? pairsSide[4] ?? pairsSide[5] ?? '').toLowerCase();
      const earlier = resolve(pairsSide[1] as string);
      const pairs = earlier.organIds.map((id) => organById(id));
      if (!earlier.noneOfThem && pairs.length >= 2 && pairs.every((o) => o.pairedWith !== undefined)) {
        const kept = pairs.filter((o) => o.side === side).map((o) => o.id);
        if (kept.length > 0) return organAnswer(kept, 'named', 0.8);
      }
    }
    // "a thru d": a range of options in small letters, the whole message.
    const smallRange = SMALL_LETTER_RANGE.exec(question);
    if (smallRange && (smallRange[1] as string) < (smallRange[2] as string))
      return resolve(
        question.replace(
          SMALL_LETTER_RANGE,
          (_, a: string, b: string) => `options ${a.toUpperCase()} to ${b.toUpperCase()}`,
        ),
      );
    // "c and m pls", "E F and M", "highlight E, thx": option letters and request words only.
    const onlyLetters = lettersOnly(question)?.filter((l) => l !== 'N') as OrganLetter[] | undefined;
    if (onlyLetters?.length)
      return organAnswer([...new Set(onlyLetters.map((l) => organByLetter(l).id))], 'named', 0.95);
    // "outline B and M plus the aorta", "Outline B, C and D. Oops, drop C.": a run of option letters
    // read as the organs' names, so the rest of the message adds to it or takes back from it.
    const spelled = spellOptionLetters(question);
    if (spelled !== question) return resolve(spelled);
    // "the organ that is not not the spleen", "I don't want you not to show the pancreas": two
    // negations in a row cancel.
    // ("Show none of the organs other than the stomach": only the stomach.)
    const affirmed = question
      .replace(DOUBLE_NEGATION, (_, wish?: string) => (wish ? `${wish} you to ` : ''))
      .replace(NONE_BUT, '$1 only')
      // ("show the gland between the aorta and the left kidney": placed, as "the gland lying between")
      .replace(HEAD_PLACED, '$1 lying $2');
    if (affirmed !== question) return resolve(affirmed);
    // "Which option is erythropoietin?", "Which of the listed options is the enzyme …?": the thing
    // named is what to find among the options, as a request for it.
    // (only when that request is for something outside the 13; an organ is found as asked)
    // (not a placeholder: "Serum lipase is three times normal. Which option is the source?")
    const optionIs =
      WHICH_OPTION_IS.exec(question) ??
      THING_WHICH_OPTION.exec(question) ??
      THING_IS_WHICH_OPTION.exec(question);
    // (nor a finding placed in a named organ: "A solid mass in the left kidney — which option?" asks
    // for the organ that holds it, read below like "…, which option?")
    const asRequest =
      optionIs && !PLACEHOLDER_TARGET.test(optionIs[1] as string) && !findingInOrgan(optionIs[1] as string)
        ? resolve(`Outline ${optionIs[1]}`)
        : undefined;
    if (asRequest && outsideThing(asRequest)) return asRequest;
    // "Using the left kidney as a guide, outline the tube leaving its hilum": the organ used as a
    // guide is where to look, not what is asked for (unless the request points back to it); read
    // without it, a request for something outside the 13 is N.
    const guided = GUIDE_CLAUSE.exec(question);
    if (guided) {
      const plainRest = question.slice(guided[0].length);
      const alone = textWords(plainRest).length >= 2 ? resolve(plainRest) : undefined;
      if (alone && outsideThing(alone)) return alone;
      // ("…, outline the pear-shaped sac in the fossa on its visceral surface": "it" is the guide)
      const rest = pointItAt(plainRest, `the ${guided[1]}`);
      const unguided =
        !/\b(?:that side|same side|them|they)\b/i.test(rest) && textWords(rest).length >= 2
          ? resolve(rest)
          : undefined;
      // (an answer that is the guide itself was not read right without it)
      const guide = unguided && !unguided.noneOfThem ? resolve(`show the ${guided[1]}`).organIds : [];
      if (
        unguided &&
        (unguided.noneOfThem ? outsideThing(unguided) : !unguided.organIds.some((id) => guide.includes(id)))
      )
        return unguided;
    }
    // "Of the two suprarenal glands, outline only the one on the other side from the liver": which
    // of the pair is the one described.
    const oneOfPair = ONE_OF_THE_PAIR.exec(question);
    // (not for "the one that is not …", "minus the one …", "the one you listed second")
    if (oneOfPair && !readingOneOfPair && !PAIR_PICK_STOPS.test(oneOfPair[0])) {
      readingOneOfPair = true;
      try {
        const family = /kidney/i.test(oneOfPair[1] as string) ? 'kidney' : 'adrenal';
        const answer = resolve(`Which ${family} is the one${oneOfPair[2]}`);
        if (answer.organIds.length === 1) return answer;
      } finally {
        readingOneOfPair = false;
      }
    }
    // "Outline the transverse colon draped below the stomach; the stomach is only a landmark.": a
    // clause that says a named organ is only where to look is dropped.
    // ("The gallbladder is only my landmark. Outline the organ whose fossa it rests in.": "it" after
    // the clause is the landmark.)
    const landmarks = [...question.matchAll(LANDMARK_ONLY)];
    let landmarkOnly = question.replace(LANDMARK_ONLY, ' ').trim();
    const landmark = landmarks.length === 1 ? landmarks[0]?.[1] : undefined;
    if (
      landmark &&
      (landmarks[0]?.index ?? 1) === 0 &&
      /\b(?:it|its)\b/i.test(landmarkOnly) &&
      /\b(?:organ|gland|one|whatever|whichever)\b/i.test(landmarkOnly)
    )
      landmarkOnly = pointItAt(landmarkOnly, `the ${landmark.replace(/^(?:the|a|an) /i, '')}`);
    if (landmarkOnly !== question.trim() && textWords(landmarkOnly).length >= 2) return resolve(landmarkOnly);
    // "Distal oesophageal cancer growing into the gastric cardia. Outline both organs involved.": the
    // organs the story names.
    const involved = organsOfStory(question);
    if (involved) return organAnswer(involved, 'named', 0.8);
    // "which organ makes insulin? and also outline the spleen": two asks, each answered alone.
    const both = twoAsks(question);
    if (both) return both;
    // "Which organ makes insulin? No - forget that question, nothing needed.": a whole take-back
    // that ends the message leaves nothing asked.
    const plain = tokenize(question.slice(0, maxChars));
    const droppedAt = wholeTakeBack(plain);
    if (
      droppedAt > 0 &&
      plain.slice(0, droppedAt).some((t) => ASK_WORDS.has(t.text) || COMMAND_VERBS.has(t.text)) &&
      plain.slice(droppedAt).every((t) => t.boundary || POLITE_WORDS.has(t.text))
    )
      return noneAnswer('off-topic', 0.8);
    // "show the liver, actually never mind, just tell me a joke": what follows a whole take-back is
    // the request, even when it names no organ.
    const takenBack = TAKEN_BACK_THEN.exec(question);
    if (takenBack) {
      const rest = question.slice(takenBack.index + takenBack[0].length);
      if (textWords(rest).length >= 2 && !findMentions(tokenize(rest)).some((m) => m.target.kind === 'organ'))
        return resolve(rest);
    }
    // "Pear-shaped, I sit in a fossa under the liver… Outline me.": a riddle is read as "which organ
    // is this?", the organs it names being where the speaker sits.
    // ("Who am I? I squirt epinephrine in a fright…": the question first.)
    const riddle = readingRiddle ? undefined : riddleAsked(question);
    if (riddle !== undefined) {
      readingRiddle = true;
      try {
        const answer = resolve(riddle);
        // ("Bean-shaped, I sit under the spleen…": a pair found, the message read as it stands may
        // place one side by its neighbour.)
        if (answer.organIds.length === 2 && isPaired(answer.organIds)) {
          const plain = resolve(question);
          if (plain.organIds.length === 1 && answer.organIds.includes(plain.organIds[0] as OrganId))
            return plain;
        }
        return answer;
      } finally {
        readingRiddle = false;
      }
    }
    // "Outline the pancreatic tumour. Actually, just outline the whole organ it is in.": the organ
    // the finding was named in.
    const holder = findingHolder(question);
    if (holder !== undefined) return resolve(`outline the ${holder}`);
    // "Show me the organ with Brunner's glands - no wait, I meant the one with Kupffer cells.": the
    // corrected description is read alone, "the one" standing for the first one's head noun.
    const redescribed = correctedDescription(question);
    if (redescribed !== undefined) return resolve(redescribed);
    // "Segment the superior mesenteric artery right where it comes off.": where along the thing
    // asked for, with no trunk named, is no question about its trunk.
    const placedTail = ORIGIN_TAIL.exec(question);
    if (placedTail) return resolve(question.slice(0, placedTail.index));
    // "Can you outline the pancreatic tail where it reaches the splenic hilum?": an organ (or its
    // part) asked for, and where along it; what it reaches is a landmark.
    const reachTail = REACH_TAIL.exec(question);
    if (reachTail && ORGAN_WORD.test(question.slice(0, reachTail.index)) && COMMAND_START.test(question))
      return resolve(question.slice(0, reachTail.index));
    // "ampulla of Vater - outline just that": the thing named before the request is its object.
    const pointed = NAMED_THEN_POINTED.exec(question);
    // (no organ named there: "A collision tumour in the left adrenal - highlight it" asks for the adrenal)
    if (pointed && textWords(pointed[1] as string).length <= 8 && !ORGAN_WORD.test(pointed[1] as string))
      return resolve(`${pointed[2]} the ${(pointed[1] as string).replace(/^(?:the|a|an) /i, '')}`);
    // "…right adrenal; actually no, the left one; hmm, no, go back to the first one I said": the
    // request before the first correction.
    if (BACK_TO_FIRST.test(question)) {
      const first = FIRST_CORRECTION.exec(question);
      if (first && first.index > 0) return resolve(withoutTrailingMarks(question.slice(0, first.index)));
    }
    // "AML in the rt kidney. outline the kidney that has it": the kidney the story placed it in.
    if (HOLDER_OF_IT.test(question)) return resolve(question.replace(HOLDER_OF_IT, 'that $1'));
    // "outline the IVC's hepatic segment": the segment of the organ whose name owns it.
    if (OWNED_SEGMENT.test(question))
      return resolve(
        question.replace(
          OWNED_SEGMENT,
          (_, organ: string, adj: string | undefined, part: string) =>
            `the ${adj ?? ''}${part} of the ${organ}`,
        ),
      );
    // "urine in the renal pelvis, just the urine", "wirsung duct, the main panc duct, only the
    // duct": a closing "only the …" that names a thing outside the 13 is what is asked for.
    const onlyTail = ONLY_THING_TAIL.exec(question);
    if (
      onlyTail &&
      onlyTail.index > 0 &&
      !ORGAN_WORD.test(onlyTail[1] as string) &&
      !/\b(?:left|right|one|ones|other|both|first|second|last|side|organs?|glands?|former|latter|lot|same|rest|artery|arteries|veins?|vessels?|tubes?)\b/i.test(
        onlyTail[1] as string,
      )
    ) {
      const alone = resolve(`show the ${onlyTail[1]}`);
      if (alone.noneOfThem && alone.reason === 'outside') return alone;
    }
    // "Outline the pancreas - actually forget the outlining, just tell me a joke.": everything
    // before is withdrawn; only what follows is asked.
    const withdrawn = OUTLINING_WITHDRAWN.exec(question);
    // ("…, just tell me what it does": "it" is still the organ asked for)
    if (withdrawn && !textWords(withdrawn[1] as string).some((w) => BACK_REFERENCES.has(w)))
      return resolve(withdrawn[1] as string);
    // "My notes say the pancreas stores bile. Whichever organ really stores it, outline that one.":
    // a claim doubted, then the organ that truly does it asked for; the claim's organ is no answer.
    const whichever = WHICHEVER_REALLY.exec(question) ?? WHICHEVER_ASKED.exec(question);
    if (whichever) {
      const claim = CLAIMED.exec(question.slice(0, whichever.index));
      const own = (whichever[2] as string).trim();
      const predicate =
        /^(?:does|do|did|is|are|has|have)(?: (?:it|that|so|this))?$/i.test(own) ||
        /\b(?:it|them|that|so)\b/i.test(own)
          ? claim?.[2]
          : own;
      if (predicate) return resolve(`which ${whichever[1]} ${predicate}? outline it`);
    }
    // "where's the NG tube sitting": where a finding or device lies is that thing shown.
    const whereThing = WHERE_FINDING.exec(question.toLowerCase().replace(/['’]/g, ' '));
    if (whereThing) return resolve(`show ${whereThing[1]}`);
    // "is there an IVC filter in? circle the device if so": the device named before.
    const device = DEVICE_POINTED.exec(question);
    if (device) {
      const named = DEVICE_NAMES.find(([, pattern]) => pattern.test(question));
      if (named && named[0] !== device[1]?.toLowerCase())
        return resolve(
          question.replace(DEVICE_POINTED, `${device[0].slice(0, -device[1]?.length)}${named[0]}`),
        );
    }
    // "Outline the appendix - oh, it isn't on your list; the C-shaped organ then.": the final wish,
    // a described organ, is read alone.
    const then = DESCRIBED_THEN.exec(question);
    if (then && !/\b(?:one|ones|other|it|them)\b/i.test(then[1] as string)) return resolve(`show ${then[1]}`);
    const askedAfter = ASKED_THEN_POINTED.exec(question)?.groups;
    const thingAsked = askedAfter?.thing ?? '';
    if (
      askedAfter &&
      !/\b(?:which|what|where|whose|how|who|organs?|glands?|vessels?|ones?)\b/i.test(thingAsked) &&
      // ("bilateral hydronephrosis, outline them": with no article before a comma, "them" may be
      // the organs the finding is in)
      (/[?!]/.test(askedAfter.sep ?? '') ||
        askedAfter.det !== undefined ||
        /\b(?:filter|stent|drain|catheter|tube|coil|clip|balloon)s?$/i.test(thingAsked)) &&
      // (an organ's name only as the finding's own word: "is there an IVC filter? circle it if so")
      (FINDING_HEAD.test(thingAsked) ||
        (!ORGAN_WORD.test(thingAsked) && !textWords(thingAsked).some((w) => ORGAN_NAME_WORDS.has(w))))
    )
      return resolve(`${askedAfter.verb} the ${thingAsked}`);
    // "Show me the gland on top of the left kidney — sorry, the right one.": one side in the
    // request, corrected by the other side alone; the request is read with its side swapped.
    // "…Actually, swap the left kidney for the right one.": that organ's side is turned.
    const swapped =
      sideSwapped(question) ?? organSwapped(question) ?? replacedInstead(question) ?? sidesFlipped(question);
    if (swapped !== undefined) return resolve(swapped);
    // "Found the IVC. Now outline the little gland tucked right behind it.": a story, then a request
    // that describes its organ; the request is read alone, "it" standing for the organ the story named.
    const told = describedAfterStory(question);
    if (told !== undefined) return resolve(told);
    // "what about the right adrenal?", "how about the spleen": a follow-up that names what to show,
    // not a question about what lies near it.
    const followUp = FOLLOW_UP.exec(question);
    if (followUp) return resolve(`show ${question.slice(followUp[0].length)}`);
    // "please where is located the spleen in this image?": the verb before its subject, as in
    // many languages; read as "where is the spleen".
    if (WHERE_IS_LOCATED.test(question)) return resolve(question.replace(WHERE_IS_LOCATED, '$1 '));
    // "show me the left kidney. and the right one too actually": a side added in a clause of its
    // own is added to the request, as if joined by "and".
    const addedOne = ADDED_ONE.exec(question);
    if (addedOne && (addedOne[1] || addedOne[3])) {
      const before = question.slice(0, addedOne.index);
      return resolve(`${before} and ${addedOne[2]}${question.slice(addedOne.index + addedOne[0].length)}`);
    }
    // "Outline option A - sorry, I meant the first vessel in your list.": the aorta (E before F).
    if (question.search(KIND_PLACE_ON_LIST) >= 0)
      return resolve(
        question.replace(KIND_PLACE_ON_LIST, (_, place: string, kind: string) => {
          const pair = KIND_ON_LIST[kind.toLowerCase().split(' ')[0] as string] as readonly [string, string];
          return /^(?:first|1st|former)$/i.test(place) ? pair[0] : pair[1];
        }),
      );
    // "the right kidney together with the adrenal on it", "…along with…", "…as well as…": "and".
    if (ALONG_WITH.test(question)) return resolve(question.split(ALONG_WITH).join(' and '));
    // "Raised metanephrines and a mass above the left kidney - outline the gland": the gland on
    // top of a kidney is that side's adrenal, when nothing else is named.
    // "In a Whipple we take the head of one gland with the C-loop. Outline just that gland": the
    // pancreas, whose head goes with the duodenum.
    if (WHIPPLE_HEAD.test(question)) return organAnswer([4], 'described', 0.75);
    // "Radical nephrectomy with ipsilateral adrenalectomy on the left — outline both.": the
    // kidney and the adrenal of the one side named.
    const bothRemoved = /\bnephrectomy\b/i.test(question) && /\badrenalectomy\b/i.test(question);
    const removedSides = new Set((question.match(/\b(?:left|right)\b/gi) ?? []).map((w) => w.toLowerCase()));
    if (bothRemoved && removedSides.size === 1 && BOTH_OUTLINED.test(question))
      return organAnswer(removedSides.has('left') ? [13, 8] : [2, 7], 'described', 0.8);
    // "Adrenal vein sampling next week, outline both glands": the adrenals the message is about.
    if (
      BOTH_GLANDS.test(question) &&
      /\badrenal|\bsuprarenal/i.test(question) &&
      !NON_ADRENAL_WORDS.test(question)
    )
      return organAnswer([7, 8], 'described', 0.8);
    // "Conn's syndrome, adrenal vein sampling lateralised to the right. Show the culprit gland.":
    // the adrenal of the one side named.
    const culprit =
      CULPRIT_GLAND.test(question) && /\badrenal|\bsuprarenal|\bconn|\bcushing|\bpheo/i.test(question);
    const culpritSides = question.match(/\b(?:left|right)\b/gi) ?? [];
    if (
      culprit &&
      new Set(culpritSides.map((w) => w.toLowerCase())).size === 1 &&
      !NON_ADRENAL_WORDS.test(question)
    )
      return organAnswer([(culpritSides[0] as string).toLowerCase() === 'left' ? 8 : 7], 'described', 0.8);
    // "cortisol is sky high, show the glands on both kidneys": the two adrenals.
    // (no side, one or other organ asked for: "…; outline the one on the patient's left")
    if (
      GLANDS_ON_KIDNEYS.test(question) &&
      !OTHER_ORGAN_WORDS.test(question) &&
      !/\b(?:left|right|one|organ|organs)\b/i.test(question)
    )
      return organAnswer([7, 8], 'described', 0.8);
    const glandAbove = GLAND_ABOVE_KIDNEY.exec(question);
    if (
      glandAbove &&
      GLAND_ASKED.test(question) &&
      !OTHER_ORGAN_WORDS.test(question) &&
      (question.match(/\bkidneys?\b/gi) ?? []).length === 1 &&
      !/\b(?:sorry|meant|mean|actually|wait|both|and the|artery|vein|vessel)\b/i.test(question)
    )
      return organAnswer([(glandAbove[1] as string).toLowerCase() === 'left' ? 8 : 7], 'described', 0.8);
    // "Outline both kidneys, then drop the one tucked under the liver.": the pair less the one
    // described.
    const dropDescribed = PAIR_LESS_DESCRIBED.exec(question);
    if (dropDescribed) {
      const noun = (dropDescribed[1] as string).toLowerCase().startsWith('kidney')
        ? 'kidney'
        : 'adrenal gland';
      const first = resolve(`show the ${noun} ${dropDescribed[2]}`);
      const partner =
        first.organIds.length === 1 ? organById(first.organIds[0] as OrganId).pairedWith : undefined;
      if (partner && first.reason === 'described')
        return organAnswer([partner], 'described', first.confidence * 0.9);
    }
    // "Not the kidney under the spleen, the other one please.": the other of the pair described.
    const other = OTHER_OF_PAIR.exec(question);
    if (other) {
      const first = resolve(`show ${other[1]}`);
      const partner =
        first.organIds.length === 1 ? organById(first.organIds[0] as OrganId).pairedWith : undefined;
      if (partner) return organAnswer([partner], 'described', first.confidence * 0.9);
    }
    // "Pancreas please - hang on, make that the duodenum, the pancreas looks fine": an organ said to
    // look fine at the end is no request.
    // (Only the tail is searched: the pattern ends the message, and a lookahead at every stop of a
    // long paste would cost quadratic time.)
    const tail = question.slice(-200);
    const fine = FINE_TAIL.exec(tail);
    const fineAt = fine ? question.length - tail.length + fine.index : -1;
    if (fineAt > 0) return resolve(question.slice(0, fineAt));
    // "right kidney pls... and add the adrenal on that side too": the side said before.
    const sameSide = SAME_SIDE_PAIR.exec(question);
    // (a side word, or an organ's side: "calcification only on the spleen side")
    const sideBefore =
      sameSide &&
      [
        ...question
          .slice(0, sameSide.index)
          .matchAll(/\b(left|right)\b|\b(spleen|liver|stomach|gallbladder)(?:'s)? side\b/gi),
      ]
        .map((m) => m[1] ?? (/^(?:spleen|stomach)$/i.test(m[2] as string) ? 'left' : 'right'))
        .at(-1);
    // "Nutcracker squeezes one renal vein… I want the kidney on the opposite side.": a side fact told
    // before (of either pair) gives the side when no side word does.
    const toldBefore = sameSide && !sideBefore ? toldSide(question.slice(0, sameSide.index)) : undefined;
    const across = /opposite|other/i.test(sameSide?.[3] ?? '');
    const stated = (sideBefore?.toLowerCase() as 'left' | 'right' | undefined) ?? toldBefore;
    const sideNamed = stated && (across ? opposite(stated) : stated);
    // "One adrenal sends its short vein straight into the IVC. Show that gland.": "that gland" is
    // the one of the pair a side fact before it fixes.
    // ("Right-sided RCC with tumour thrombus - highlight the kidney and the vein": a case, then one
    // of the pair asked for in the singular)
    const thatOne = THAT_ONE_OF_PAIR.exec(question) ?? THE_ONE_OF_PAIR_AFTER_CASE.exec(question);
    if (thatOne) {
      const before = question.slice(0, thatOne.index);
      const kind = /kidney/i.test(thatOne[2] as string) ? 'kidney' : 'adrenal';
      // "kidney stones on the left, show that kidney": the one side a case about the pair names
      // (not the viewer's or the screen's, which rule 4 reads elsewhere).
      const sidesSaid = new Set([...before.matchAll(/\b(left|right)\b/gi)].map((m) => m[1]?.toLowerCase()));
      const side = /\bone (?:of the )?(?:adrenals?|kidneys?|glands?|side)\b/i.test(before)
        ? toldSide(before)
        : sidesSaid.size === 1 &&
            (kind === 'kidney'
              ? /\b(?:kidneys?|renal|rcc|nephr\w*|pyelo\w*|hydronephrosis)\b/i
              : /\b(?:adrenals?|suprarenal|adrenalectomy|pheo\w*|aldosteronoma|adenoma)\b/i
            ).test(before) &&
            !/\b(?:viewer|screen|image|picture|monitor)\b/i.test(before) &&
            // ("…donated his left kidney. Outline the kidney that stayed behind": the rest decides)
            !/\b(?:left|right|other|opposite|remain\w*|stayed|actually|true|really|wrong)\b/i.test(
              question.slice(thatOne.index + thatOne[0].length),
            )
          ? ([...sidesSaid][0] as 'left' | 'right')
          : undefined;
      if (side)
        return resolve(
          `${before}${thatOne[1]} the ${side} ${kind}${question.slice(thatOne.index + thatOne[0].length)}`,
        );
    }
    if (sameSide && sideNamed)
      return resolve(
        `${question.slice(0, sameSide.index)}${sideNamed} ${/^gland$/i.test(sameSide[1] as string) ? 'adrenal' : sameSide[1]}${sameSide[2] ?? ''}${question.slice(sameSide.index + sameSide[0].length)}`,
      );
    // "Which organ does the oesophagus empty into? Highlight that, not the oesophagus.": the
    // question answers; the organ taken back was only where it started.
    const pointer = POINTER_TAIL.exec(question);
    if (pointer && tokenize(pointer[1] as string).some((t) => ASK_WORDS.has(t.text))) {
      const answer = resolve(pointer[1] as string);
      const notIds = pointer[2] ? resolve(`show ${pointer[2]}`).organIds : [];
      // ("what does IVC stand for? segment it": the thing named, not the answer, is pointed to.)
      if (!answer.noneOfThem && !answer.organIds.some((id) => notIds.includes(id))) return answer;
    }
    // "Where does the main pancreatic duct open into? show that and the pancreas as well": the
    // organ described, and the one named after it.
    const added = ADDED_NAME.exec(question);
    if (added) {
      const [, rest = '', name = ''] = added;
      const restWords = tokenize(rest).map((t) => t.text);
      const describes = restWords.some(
        (w) =>
          ASK_WORDS.has(w) || CONJUNCT_HEADS.has(w) || w === 'whatever' || w === 'adrenal' || w === 'kidney',
      );
      const extra = describes ? resolve(`show ${name}`) : undefined;
      const first = extra?.reason === 'named' && !extra.noneOfThem ? resolve(rest) : undefined;
      if (extra && first && !first.noneOfThem && !extra.organIds.every((id) => first.organIds.includes(id)))
        return organAnswer(
          [...new Set([...first.organIds, ...extra.organIds])],
          'described',
          first.confidence,
        );
    }
    const tokens = viewerSides(splitRunTogether(tokenize(question.slice(0, maxChars))));
    // "Just highlight the organ for option H": the paper's options by letter.
    // ("option D, option L, option K" is all three; a message of one capital letter is that option)
    const options = [...question.slice(0, maxChars).matchAll(OPTION_LETTER)].map(
      (m) => (m[1] as string).toUpperCase() as AnswerLetter,
    );
    const bare = BARE_LETTERS.test(question) ? (question.match(/\b[A-M]\b/g) as AnswerLetter[]) : [];
    if (options.length === 0) options.push(...bare);
    // ("option B, sorry I meant option M": the last one)
    if (options.length > 1 && CORRECTED_OPTION.test(question)) options.splice(0, options.length - 1);
    const option = options[0];
    if (option && !findMentions(tokens.map((t) => ({ ...t }))).some((m) => m.target.kind === 'organ')) {
      const letters = [...new Set(options.filter((l) => l !== 'N'))] as OrganLetter[];
      if (letters.length > 1)
        return organAnswer(
          letters.map((l) => organByLetter(l).id),
          'named',
          0.95,
        );
      // "everything except option N obvs": every organ, none of them left out
      if (option === 'N' && EVERYTHING_BUT_N.test(question.toLowerCase()))
        return organAnswer(
          Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId),
          'named',
          0.9,
        );
      if (option === 'N')
        return noneAnswer(
          'off-topic',
          0.9,
          undefined,
          'Option N is "None of them", so no organ is outlined.',
        );
      return organAnswer([organByLetter(option as OrganLetter).id], 'named', 0.95);
    }
    const corrected = correctTypos(tokens);
    const mentions = findMentions(tokens);
    const normalised = tokens.map((t) => t.text).join(' ');
    // "All of the following are retroperitoneal EXCEPT: pancreas, aorta, stomach, IVC. Outline the
    // exception.": the one listed thing without the property (N when it is none of the 13).
    const exception = exceptionOfList(normalised, mentions);
    if (exception === 'outside')
      return noneAnswer(
        'outside',
        0.7,
        undefined,
        'The exception in that list is not one of the 13 organs, so the answer is N (None of them).',
      );
    if (exception) return organAnswer(exception, 'described', 0.75);
    // "Of stomach, spleen and left kidney, segment the retroperitoneal one", "The more posterior of
    // the pancreatic body and the aorta", "Most medial of spleen, left kidney and aorta?": the
    // listed organs with the property, or the one at the end of an ordering.
    const compared = comparedPick(normalised, tokens, mentions);
    if (compared) return organAnswer(compared, 'described', 0.75);
    // "options J, K and L", "#5 on your list", "everything on your list except the liver"
    const fromList = listReference(question.slice(0, maxChars), normalised, mentions);
    if (fromList) return organAnswer(fromList, 'named', 0.9 * (corrected ? 0.9 : 1));
    // "Which two organs meet at the Z-line?", "glandular fever - highlight the two organs that get
    // enlarged": a fact that ties two (three) organs together, asked for as a group.
    // ("Which organs …?", "every option that …" only when no organ is named at all: "OGD showed a
    // gastric and a duodenal ulcer, outline both organs" names them.)
    // "Segment the options that cross the diaphragm at T8 and at T12", "…the caval opening and the
    // oesophageal opening": the diaphragm's openings, by name or level, several at once.
    const openings = diaphragmOpenings(normalised);
    if (openings) return organAnswer(openings, 'described', 0.8);
    // "Counting only the organs in the options, show the second one a swallowed pill meets": the
    // oesophagus, the stomach and the duodenum in the order food passes them.
    const target = hormoneTarget(normalised);
    if (target) return organAnswer(target, 'described', 0.8);
    const alongGut = gutPath(normalised);
    if (alongGut === 'beyond') return noneAnswer('outside', 0.8, 'small bowel');
    if (alongGut === 'colon') return noneAnswer('outside', 0.8, 'colon');
    if (alongGut) return organAnswer(alongGut, 'described', 0.8);
    const several = SEVERAL_ASKED.test(normalised);
    if (
      (several || GROUP_ASKED.test(normalised)) &&
      // (the stomach of "the stomach bed" is where the bed is)
      !mentions.some(
        (m) => m.target.kind === 'organ' && (several ? !m.adjective : true) && tokens[m.end]?.text !== 'bed',
      )
    ) {
      // ("A Whipple removes parts of which two organs?": a fact of another size is not the one meant.)
      const counted = ANSWER_COUNTS.get(
        /\b(?:which|what|the|those|these|all) (two|three|four|both|2|3|4)\b/.exec(normalised)?.[1] ?? '',
      );
      const facts = GROUP_FACTS.filter(
        ([re, ids]) => re.test(normalised) && (counted === undefined || ids.length === counted),
      );
      if (facts.length === 1)
        return organAnswer([...(facts[0] as (typeof facts)[number])[1]], 'described', 0.75);
    }
    // "Hereditary haemochromatosis: outline the organs in which iron causes cirrhosis and bronze
    // diabetes", "Ivor Lewis: the organ resected and the organ made into the conduit": a syndrome or
    // an operation whose description names (some of) its own organs.
    if (several || GROUP_ASKED.test(normalised)) {
      const named = new Set(
        mentions.flatMap((m) => (m.target.kind === 'organ' && m.role === 'direct' ? m.target.ids : [])),
      );
      const counted = ANSWER_COUNTS.get(
        /\b(?:which|what|the|those|these|all) (two|three|four|both|2|3|4)\b/.exec(normalised)?.[1] ?? '',
      );
      // (not "…, not the stomach and not the left kidney", nor "…wait, I meant transfusional siderosis")
      const fact =
        !mentions.some((m) => m.target.kind === 'organ' && m.role === 'negated') &&
        !/\b(?:i meant|i mean|wait|sorry|not counting|except|apart from)\b/.test(normalised)
          ? NAMING_GROUP_FACTS.find(
              ([re, ids]) =>
                re.test(normalised) &&
                [...named].every((id) => ids.includes(id)) &&
                (counted === undefined || ids.length === counted),
            )
          : undefined;
      if (fact) return organAnswer([...fact[1]], 'described', 0.75);
    }
    // "…the liver makes angiotensinogen, the lungs ACE, the adrenals aldosterone. Highlight the ones
    // on your list.": every one of the 13 the message names.
    // "Of trachea, bronchus, larynx and oesophagus, which one is among your 13 options?": the one of
    // the 13 the list names ("…which is NOT one of your options?" asks for one outside them: N).
    const amongOptions = AMONG_OPTIONS.exec(normalised);
    if (amongOptions && mentions.some((m) => m.target.kind === 'outside')) {
      const named = [
        ...new Set(mentions.flatMap((m) => (m.target.kind === 'organ' && !m.adjective ? m.target.ids : []))),
      ];
      if (amongOptions[1]) return noneAnswer('outside', 0.7);
      if (named.length > 0) return organAnswer(named, 'named', 0.8 * (corrected ? 0.9 : 1));
    }
    if (NAMED_ON_LIST.test(normalised)) {
      const named = [
        ...new Set(mentions.flatMap((m) => (m.target.kind === 'organ' && !m.adjective ? m.target.ids : []))),
      ];
      if (named.length > 1 && mentions.some((m) => m.target.kind === 'outside'))
        return organAnswer(named, 'named', 0.8 * (corrected ? 0.9 : 1));
    }
    // "Outline the organ with the mass and the spleen", "the duct that runs the length of the
    // pancreas and the pancreas itself": a list of named, described and outside things.
    const mixed = namedBesideDescribed(tokens, mentions);
    if (mixed) return mixed;
    const descriptive = DESCRIPTIVE_HEADS.some((re) => re.test(normalised));
    const outsideHead = outsideKindAsked(tokens, normalised);
    if (outsideHead) {
      const what = (OUTSIDE_HEADS.get(outsideHead) ?? FINDINGS.get(outsideHead)) as string;
      return noneAnswer(
        'outside',
        0.8 * (corrected ? 0.9 : 1),
        undefined,
        `That asks for ${what}, which is not one of the 13 abdominal organs, so the answer is N (None of them).`,
      );
    }
    // "Show me the organ that makes bile - no wait, the duct that carries bile out of the liver":
    // the correction's own noun phrase is of a kind none of the 13 is.
    // ("Show me the pancreas. Wait, I meant only its main duct.": "its" duct is "the" duct)
    const correctedClause = CORRECTED_CLAUSE.exec(normalised);
    const correction = correctedClause && [
      correctedClause[0],
      (correctedClause[1] as string).replace(/^(?:its|their) /, 'the '),
    ];
    const correctedTo =
      correction &&
      (OUTSIDE_REQUEST.exec(correction[1] as string)?.[1] ??
        FINDING_REQUEST.exec(`show ${correction[1]}`)?.[1]);
    if (correctedTo && !(correction[1] as string).split(' ').some((w) => ASK_WORDS.has(w)))
      return noneAnswer(
        'outside',
        0.75,
        undefined,
        `The correction asks for ${OUTSIDE_HEADS.get(correctedTo) ?? FINDINGS.get(correctedTo)}, which is not one of the 13 abdominal organs, so the answer is N (None of them).`,
      );
    // "The oesophagus connects straight to the duodenum, right? Anyway, point out the oesophagus.":
    // what comes before "anyway" was an aside.
    // ("…is the left adrenal usually above the kidney? either way outline the adrenal, left one")
    const anyway = tokens.findIndex(
      (t, k) =>
        (t.text === 'anyway' ||
          t.text === 'anyhow' ||
          t.text === 'regardless' ||
          (t.text === 'way' && tokens[k - 1]?.text === 'either') ||
          (t.text === 'case' && tokens[k - 1]?.text === 'any' && tokens[k - 2]?.text === 'in')) &&
        k > 0 &&
        tokens.slice(k + 1).some((u) => COMMAND_VERBS.has(u.text) || u.text === 'point'),
    );
    if (anyway > 0 && mentions.some((m) => m.start > anyway && m.target.kind === 'organ'))
      return resolve(
        tokens
          .slice(anyway + 1)
          .map((t) => t.raw)
          .join(' '),
      );
    const outsideFact = OUTSIDE_FACTS.find(([re]) => re.test(normalised))?.[1];
    if (outsideFact) return noneAnswer('outside', 0.75, undefined, outsideFact);
    // (a part that is its organ's own tissue, "the pancreatic head only", is that organ: rule 4)
    const part = partAsked(normalised);
    if (part && !(TISSUE_PART.test(part) && !REST_EXCLUDED.test(normalised)))
      return noneAnswer(
        'outside',
        0.75 * (corrected ? 0.9 : 1),
        undefined,
        `That asks for the ${part} by itself, which is not one of the 13 organs' outlines (the model outlines whole organs), so the answer is N (None of them).`,
      );
    const typedHead = TYPED_HEAD.exec(normalised);
    const headNoun = typedHead?.[1] ?? '';
    // (a request's kind only narrows the answer; the readings of "which vessel …" stay its own)
    const allowedByHead = firstHeadType([headNoun || (typedHead?.[2] ?? '')]);
    // "The splenic vein joins the SMV behind the pancreatic neck to form which vessel?": the portal vein.
    // "Which vessel is the one that gets compressed in nutcracker syndrome?": the left renal vein.
    if (
      /\bnutcracker\b/.test(normalised) &&
      (NUTCRACKER_VESSEL.test(normalised) ||
        (NUTCRACKER_SHOWN.test(normalised) && !tokens.some((t) => ASK_WORDS.has(t.text))))
    )
      return noneAnswer(
        'outside',
        0.75,
        'other vessels',
        'In nutcracker syndrome the left renal vein is squeezed between the aorta and the superior mesenteric artery; the vein is not one of the 13 options, so the answer is N (None of them).',
      );
    // "Formed at L5 by the union of the common iliac veins - outline it.": the IVC (not "which veins
    // form the IVC?", whose answer is those veins).
    if (
      IVC_FORMED.test(normalised) &&
      !/\b(?:which|what) (?:veins?|vessels)\b|\b(?:ivc|cava)\b|\b(?:outline|show|highlight|mark|trace) (?:them|those|these|both)\b/.test(
        normalised,
      )
    )
      return organAnswer([6], 'described', 0.8);
    if (PORTAL_FORMED.test(normalised) && !/\b(?:neck of|behind) (?:which|what)\b/.test(normalised))
      return noneAnswer(
        'outside',
        0.75,
        'other vessels',
        'The splenic and superior mesenteric veins join to form the portal vein, which is not one of the 13 options, so the answer is N (None of them).',
      );

    // "Which adrenal sits behind the IVC, and which kidney lies under the spleen?": questions that
    // stand on their own, each answered alone.
    const standalone = standaloneQuestions(tokens, normalised);
    if (standalone?.length === 1) return resolve(standalone[0] as string);
    const eachAnswer = standalone?.map((q) => resolve(q));
    const asked = eachAnswer && (organsOfAll(eachAnswer) ?? sameOrgans(eachAnswer));
    if (asked) return asked;
    // "Tuberculosis can destroy which glands, causing primary adrenal insufficiency?", "kidney beans
    // are named after the shape of which organs?": a plural ask about the pair named as context.
    const pluralPair = pairOfPluralAsk(tokens, mentions, normalised);
    if (pluralPair) return organAnswer([...pluralPair], 'described', 0.7 * (corrected ? 0.9 : 1));
    const coordinated = coordinatedAsks(tokens, mentions);
    const answeredEach = coordinated && organsInTurn(coordinated);
    if (answeredEach) return answeredEach;

    // "Where are insulin and cortisol made?": one question per substance, the organs of both.
    const pair = mentions.length === 0 ? substancePair(normalised) : undefined;
    const made = pair && organsOfEach(pair);
    if (made) return made;

    const glandVein = GLAND_VEIN_INTO.find(([re]) => re.test(normalised))?.[1];
    if (glandVein) return organAnswer([glandVein], 'described', 0.8 * (corrected ? 0.9 : 1));
    // "Which organ does the splenic artery supply?": the vessel's adjective names the organ.
    const fed = vesselOrgan(tokens, mentions, headNoun);
    if (fed) return organAnswer(fed, 'described', 0.8 * (corrected ? 0.9 : 1));
    // "The left renal vein drains into what?", "the artery the coeliac trunk comes off".
    const trunk = trunkOfVessel(tokens, mentions, normalised, headNoun);
    if (trunk === 'left renal vein')
      return noneAnswer(
        'outside',
        0.75,
        'other vessels',
        'The left gonadal and left adrenal veins drain into the left renal vein, which is not one of the 13 options, so the answer is N (None of them).',
      );
    if (trunk === 'branch')
      return noneAnswer(
        'outside',
        0.7,
        'other vessels',
        'That vessel comes off a branch of the aorta (the coeliac trunk, hepatic or splenic arteries), not off the aorta itself; none of the 13 options, so the answer is N (None of them).',
      );
    if (trunk) return organAnswer([trunk], 'described', 0.75 * (corrected ? 0.9 : 1));
    // "Adrenal vein sampling lateralised the aldosterone to the right. Mark the gland.": the organ
    // whose own vessel was named, asked for after it.
    const owner = ownerOfVessel(tokens, mentions, normalised);
    if (owner) {
      const side = questionSide(tokens);
      return organAnswer(
        owner.length === 2 && side.left !== side.right ? pickSide(owner, side) : [...owner],
        'described',
        0.7 * (corrected ? 0.9 : 1),
      );
    }
    // "The left renal vein crosses in front of which of the 13?": a known relation.
    const fact = relationFact(normalised, tokens);
    if (fact && !requestedOutside(tokens, mentions, fact))
      return organAnswer([fact.id], 'described', 0.75 * (corrected ? 0.9 : 1));
    // "The crescent-shaped gland between the aorta and the upper pole of the left kidney": the organ
    // whose neighbours are the landmarks named.
    // (asked, requested, or a bare description: "The adrenal lying between the right crus and the liver.")
    const byNeighbours =
      (tokens.some(
        (t) => ASK_WORDS.has(t.text) || COMMAND_VERBS.has(t.text) || DESCRIPTION_ASKS.has(t.text),
      ) ||
        ARTICLES.has(tokens[0]?.text ?? '')) &&
      organByNeighbours(
        tokens,
        mentions.flatMap((m) =>
          m.target.kind === 'organ' && m.role !== 'negated' ? [{ ids: m.target.ids, start: m.start }] : [],
        ),
      );
    if (byNeighbours && !requestedOutside(tokens, mentions, byNeighbours))
      return organAnswer([byNeighbours.id], 'described', 0.7 * (corrected ? 0.9 : 1));
    // "Where does the CBD empty into?", "the pancreatic duct opens into which organ?"
    if (ductOutlet(tokens, mentions, normalised, headNoun))
      return organAnswer([12], 'described', 0.75 * (corrected ? 0.9 : 1));
    // "where does the pancreas drain its juice into?": the juices and bile reach the duodenum.
    if (
      (JUICE_INTO.test(normalised) ||
        JUICES_POUR_IN.test(normalised) ||
        JUICES_ENTER_GUT.test(normalised) ||
        GALLBLADDER_INTO.test(normalised)) &&
      // not one of several organs asked for ("the organ that makes bile and the organ where …")
      !/\b(?:and|plus) the (?:[a-z]+ )?(?:organ|organs|one|gland)\b/.test(normalised) &&
      tokens.some((t) => ASK_WORDS.has(t.text) || HEAD_WORDS.has(t.text)) &&
      (!headNoun || /^(organs?|part|one|structure|bowel|gut)$/.test(headNoun))
    )
      return organAnswer([12], 'described', 0.75 * (corrected ? 0.9 : 1));
    // "Write me a short poem about the spleen", "spell oesophagus for me", "make this slice look
    // prettier", "…I don't need anything highlighted, was just testing": not a question about an organ.
    if (OFF_TOPIC_REQUEST.test(normalised))
      return noneAnswer(
        'off-topic',
        0.8,
        undefined,
        'That is not a request to find one of the 13 abdominal organs, so the answer is N (None of them); ask about an organ by name or by what it does to see it outlined.',
      );
    // "highlight the spleen for the F1s, they keep calling it the kidney": the name the organ is
    // mistaken for is not asked for.
    const mistaken = MISTAKEN_FOR.exec(normalised);
    if (mistaken) {
      const from = normalised.slice(0, mistaken.index + mistaken[0].length).split(' ').length;
      const before = mentions.filter((m) => m.end <= from && m.target.kind === 'organ');
      const after = mentions.filter((m) => m.start >= from && m.target.kind === 'organ');
      if (before.length > 0 && after.length > 0)
        return resolve(
          tokens
            .slice(0, from)
            .map((t) => t.raw)
            .join(' '),
        );
    }
    // "What do you see here?", "what's in this image?": an overview of the slice, not one organ.
    if (OVERVIEW_ASKED.test(normalised) && !mentions.some((m) => m.target.kind === 'organ')) {
      return noneAnswer(
        'off-topic',
        0.8,
        undefined,
        'That asks what the slice shows rather than about one of the 13 organs, so the answer is N (None of them); ask about an organ by name or by what it does to see it outlined.',
      );
    }
    // "spleen? nah don't bother, can you make the image brighter", "liver... forget it": the whole
    // request is taken back and nothing else is asked about an organ.
    const dropped = wholeTakeBack(tokens);
    // ("…take it back, no K, nothing": a name denied after the take-back asks for nothing)
    const askedAgain = (m: Mention) =>
      m.start >= dropped &&
      !['no', 'not', 'nor', 'without'].includes(tokens[beforeArticlesAndSides(tokens, m.start)]?.text ?? '');
    // "…forget it, I'll do it myself": "it" keeps the request only as a command's object ("outline it").
    const keeps = (t: Token, k: number, after: Token[]) =>
      KEEP_WORDS.has(t.text) &&
      (!(t.text === 'it' || t.text === 'them') || COMMAND_VERBS.has(after[k - 1]?.text ?? ''));
    if (
      dropped >= 0 &&
      mentions.some((m) => m.start < dropped) &&
      !mentions.some(askedAgain) &&
      !tokens
        .slice(dropped)
        .some((t, k, after) => HEAD_WORDS.has(t.text) || ASK_WORDS.has(t.text) || keeps(t, k, after))
    )
      return noneAnswer('off-topic', 0.8);
    // "Which gland sits on the kidney... actually forget that, what's 12 times 7?": a new question
    // after the take-back is answered on its own.
    if (
      dropped >= 0 &&
      mentions.some((m) => m.start < dropped) &&
      !mentions.some((m) => m.start >= dropped) &&
      !tokens.slice(dropped).some((t) => KEEP_WORDS.has(t.text)) &&
      tokens.slice(dropped).some((t) => ASK_WORDS.has(t.text) || HEAD_WORDS.has(t.text))
    )
      return resolve(
        tokens
          .slice(dropped)
          .map((t) => t.raw)
          .join(' '),
      );
    // "right kidney and right adrenal... hmm, take both back, I only wanted the ureter": only
    // things outside the 13 are named after the take-back.
    const after = mentions.filter((m) => m.start >= dropped);
    if (
      dropped >= 0 &&
      mentions.some((m) => m.start < dropped) &&
      after.length > 0 &&
      after.every((m) => m.target.kind === 'outside') &&
      // (not the take-back's own object, "never mind the hepatic veins", nor a described organ)
      tokens.slice(dropped, (after[0] as Mention).start).some((t) => t.boundary) &&
      !tokens.some(
        (t, k) => k >= dropped && HEAD_WORDS.has(t.text) && !after.some((m) => m.start <= k && k < m.end),
      )
    )
      return noneAnswer('outside', 0.75);
    // "Highlight aorta and IVC... actually drop both and show pancreas": what follows a take-back of
    // everything before is the whole request.
    // ("Segment the IVC; cancel that, I want the aorta": a new request that does not point back.)
    const pointsBack = tokens
      .slice(dropped)
      .some(
        (t, k, after) =>
          ['its', 'it', 'other', 'opposite', 'them', 'those', 'same'].includes(t.text) ||
          (t.text === 'one' && after[k - 1]?.text === 'the'),
      );
    if (
      dropped >= 0 &&
      (['both', 'everything', 'all', 'them'].includes(tokens[dropped - 1]?.text ?? '') ||
        (['that', 'this', 'it'].includes(tokens[dropped - 1]?.text ?? '') && !pointsBack)) &&
      mentions.some((m) => m.start < dropped) &&
      mentions.some((m) => m.start >= dropped && m.target.kind === 'organ')
    )
      return resolve(
        tokens
          .slice(dropped)
          .map((t) => t.raw)
          .join(' '),
      );
    const supplied = suppliedOrgan(
      tokens,
      mentions,
      headNoun || (VESSEL_REQUEST.exec(normalised)?.[1] ?? ''),
    );
    if (supplied) {
      const organ = organById(supplied);
      return noneAnswer(
        'outside',
        0.75 * (corrected ? 0.9 : 1),
        'other vessels',
        `That asks for the ${headNoun.startsWith('vein') ? 'vein draining' : 'artery supplying'} the ${organ.name.toLowerCase()}, a branch or tributary rather than the aorta or the IVC themselves, so the answer is N (None of them).`,
      );
    }
    markNegations(tokens, mentions);
    applyNegatedSide(tokens, mentions);
    // "In polycystic kidney disease, which other organ most often has cysts?": every organ named is
    // excluded from the answer.
    if (OTHER_ASKED.test(normalised))
      for (const m of mentions) if (m.target.kind === 'organ' && m.role !== 'negated') m.role = 'context';
    applyTakeBacks(tokens, mentions);
    applyTakenBackAdjective(mentions);
    // "Which kidney …?" / "which adrenal …?": one of a pair is asked for, the description says which.
    let pairAsked: Mention | undefined;
    if (descriptive) {
      for (let k = 0; k < mentions.length; k++) {
        const m = mentions[k] as Mention;
        if (m.role !== 'direct') continue;
        const prev = previousWord(tokens, m.start);
        if (m.target.kind === 'organ' && m.target.family && (prev.word === 'which' || prev.word === 'what')) {
          pairAsked = m;
          m.role = 'ignored';
          continue;
        }
        // "Which part of the gut forms a C-loop?": a shape that names the organ is what is asked for.
        if (
          m.target.kind === 'organ' &&
          ['forms', 'form', 'forming', 'makes', 'make', 'creates', 'is', 's', 'like'].includes(
            prev.word ?? '',
          ) &&
          tokens.slice(m.start, m.end).some((t) => SHAPE_NAMES.has(t.text))
        )
          continue;
        // "where does the IVC run on this slice?": where the organ itself is.
        if (
          (prev.word === 'does' || prev.word === 'do') &&
          tokens[prev.at - 1]?.text === 'where' &&
          // ("where does the pancreas actually sit?")
          (POSITION_VERBS.has(tokens[m.end]?.text ?? '') ||
            (ADVERBS_OF_FACT.has(tokens[m.end]?.text ?? '') &&
              POSITION_VERBS.has(tokens[m.end + 1]?.text ?? '')) ||
            !tokens[m.end] ||
            tokens[m.end]?.boundary)
        ) {
          m.role = 'direct';
          continue;
        }
        // "Which two great vessels run in front of the spine?": the name is the head asked for.
        if (
          m.target.kind === 'organ' &&
          !m.target.family &&
          m.target.ids.length > 1 &&
          (prev.word === 'which' || prev.word === 'what')
        )
          continue;
        if (m.adjective || CONDITION_NOUNS.has(tokens[m.end]?.text ?? '')) {
          // "The pancreatic tail reaches toward the hilum of which organ?": a part of a named organ
          // is where to look, so that organ is not the answer.
          m.role =
            m.adjective &&
            PART_NOUNS.has(tokens[m.end]?.text ?? '') &&
            !tokens.some((t) => t.text === 'where')
              ? 'context'
              : 'ignored';
          continue;
        }
        // "Which gland lies between the liver, the right crus and the IVC?": an outside structure
        // after the question word is where to look.
        if (
          m.target.kind === 'outside' &&
          headNoun !== '' &&
          tokens.slice(0, m.start).some((t) => t.text === 'which' || t.text === 'what')
        ) {
          m.role = 'context';
          continue;
        }
        const before = k > 0 ? (mentions[k - 1] as Mention) : undefined;
        const listed = before && (prev.word === 'and' || prev.word === 'or') && prev.at === before.end;
        if (listed && before) m.role = before.role === 'negated' ? 'context' : before.role;
        else if (prev.word === undefined && asksAfter(tokens, m)) m.role = 'context';
        else if (
          prev.word === undefined ||
          // "which organ is the spleen?" names the answer; "which organ is the falciform ligament
          // attached to?" does not.
          (COMPLEMENT_WORDS.has(prev.word) &&
            !(
              m.target.kind === 'outside' &&
              /^[a-z]{3,}(ed|ing)$/.test(tokens[m.end]?.text ?? '') &&
              // "Where is the common bile duct running behind the duodenum?" asks for the duct.
              tokens[prev.at - 1]?.text !== 'where'
            )) ||
          commandedBefore(tokens, prev.at) ||
          // "Where is the aorta? I meant the IVC.": a correction names what is asked.
          (CORRECTED_BEFORE.has(prev.word) &&
            !['t', 'not', 'never'].includes(tokens[prev.at - 1]?.text ?? ''))
        )
          m.role = 'direct';
        else m.role = 'context';
        // "The right adrenal sits behind which vessel?": an organ of another kind than the one
        // asked for is where to look, not the answer.
        if (
          m.role === 'direct' &&
          allowedByHead &&
          m.target.kind === 'organ' &&
          !m.target.ids.some((id) => allowedByHead.includes(id))
        )
          m.role = 'context';
      }
    }
    applyOneByNeighbour(tokens, mentions);
    // "Of the two big vessels in front of the spine, show the one on the left": a set to pick from.
    for (const m of mentions) {
      if (m.target.kind !== 'organ' || m.target.family || m.target.ids.length < 2) continue;
      if (!tokens.slice(m.end).some((t) => t.text === 'one')) continue;
      m.role = 'ignored';
      // …the aorta lies left of the midline, the IVC right of it.
      const stated = questionSide(tokens);
      if (stated.left !== stated.right && m.target.ids.includes(5) && m.target.ids.includes(6)) {
        m.target = { kind: 'organ', ids: [stated.left ? 5 : 6] };
        m.role = 'direct';
      }
    }
    // "Which kidney does the nutcracker compress? Show the kidney.": naming the pair again asks for
    // the same one, which the description decides.
    if (pairAsked?.target.kind === 'organ') {
      const pair = pairAsked.target.ids;
      for (const m of mentions) {
        if (m.start <= pairAsked.start || m.role !== 'direct' || m.target.kind !== 'organ') continue;
        const same = m.target.ids.length === pair.length && m.target.ids.every((id) => pair.includes(id));
        const local = sideOf(tokens, m, mentions);
        if (same && !local.left && !local.right) m.role = 'ignored';
      }
    }
    applyShownThenNow(tokens, mentions);
    applyCorrections(tokens, mentions);
    applyOtherOneToo(tokens, mentions);
    applyReasonAfterTakeBack(tokens, mentions);
    applyDoubtedPremise(tokens, mentions);
    if (!descriptive) applyGlandOnKidney(tokens, mentions);
    applyLesionSite(tokens, mentions);
    applyCommandClause(tokens, mentions);
    applyLandmarks(tokens, mentions);
    applyLevelLandmarks(tokens, mentions);
    applyNeighbourSides(tokens, mentions);
    applyPointedPair(tokens, mentions);
    applyFormerLatter(tokens, mentions);
    applyPointBack(tokens, mentions);
    applyShowBoth(tokens, mentions);
    applyRelativeSide(tokens, mentions);
    applyRemainingOfPair(tokens, mentions);
    applyOrgansAtRisk(tokens, mentions);
    applyNormalOrgans(tokens, mentions);

    const picked = pickFromList(tokens, mentions);
    const direct = mentions.filter((m) => m.role === 'direct');
    const directOrgans = direct.filter((m) => m.target.kind === 'organ');
    const confidenceScale = corrected ? 0.9 : 1;
    const side = questionSide(tokens);

    // Entries the cache may not answer: organs and outside topics named as context or negated.
    const excludedOrgans = new Set<OrganId>();
    const excludedTopics = new Set<string>();
    for (const m of mentions) {
      if (m.role !== 'context' && m.role !== 'negated') continue;
      if (m.target.kind === 'organ') {
        for (const id of m.target.ids) {
          excludedOrgans.add(id);
          // "The right adrenal sits on top of which organ?": not the left adrenal either.
          const partner = organById(id).pairedWith;
          if (m.role === 'context' && partner) excludedOrgans.add(partner);
        }
      } else excludedTopics.add(m.target.topic);
    }
    // With a side stated ("under the left ribs"), an organ that lies only on the other side is an
    // unlikely answer: its score is discounted, not removed (the side may belong to a neighbour).
    const wrongSide = side.left !== side.right ? (side.left ? 'right' : 'left') : undefined;
    // "the organ in the patient's right upper quadrant", "LUQ": a quadrant places the organ itself,
    // so an organ of the other side is a much weaker answer.
    const quadrant = QUADRANT.exec(normalised);
    const quadrantSide =
      quadrant && (/^(?:right|r)/.test(quadrant[1] ?? quadrant[2] ?? quadrant[3] ?? '') ? 'right' : 'left');
    const offQuadrant =
      quadrantSide && (!wrongSide || wrongSide !== quadrantSide) ? opposite(quadrantSide) : undefined;
    // "Which great vessel runs to the right of the spine?": asked for a vessel, the aorta lies left of
    // the midline and the IVC right of it.
    const vesselAsked =
      (allowedByHead?.includes(5) && allowedByHead.includes(6)) ||
      // "Show the great vessel on the left side of the screen."
      (/\b(?:great|big|main|large) vessels?\b/.test(normalised) &&
        directOrgans.every(
          (m) => m.target.kind === 'organ' && m.target.ids.every((id) => id === 5 || id === 6),
        ));
    // ("…lies on the right", not "…receives the left renal vein": the side places the vessel itself)
    const vesselPlaced = vesselAsked && VESSEL_PLACED.test(normalised);
    const sideOfOrgan = (id: OrganId) =>
      vesselAsked && (id === 5 || id === 6) ? (id === 5 ? 'left' : 'right') : organById(id).side;
    // "The left renal vein crosses in front of which of the 13?": the asker says the answer is one of
    // the options, so the irrelevant entries C' are not candidates (the outside structures named are
    // landmarks).
    const optionsAsked = OPTIONS_ASKED.test(normalised);
    const rankedMatches = (words = queryWords(tokens, mentions)) => {
      const probabilities = classifier?.predict(words);
      const raw = cache.match(cache.encode(words));
      // How much the words themselves point at any organ: the cache's best organ similarity and
      // the classifier's largest organ probability (none of them if it knows none of the words).
      const evidence = {
        cache: Math.max(0, ...raw.filter((c) => c.target.kind === 'organ').map((c) => c.score)),
        classifier: !probabilities
          ? 1
          : classifier?.knownWords(words)
            ? Math.max(...Array.from(probabilities).slice(0, NONE_CLASS))
            : 0,
      };
      const matches = raw
        .map((c) =>
          probabilities
            ? {
                ...c,
                score:
                  c.score +
                  classifierWeight *
                    (probabilities[
                      c.target.kind === 'organ' ? classOfOrgan(c.target.ids[0] as OrganId) : NONE_CLASS
                    ] as number),
              }
            : c,
        )
        .map((c) => (c.target.kind === 'outside' ? { ...c, score: c.score - outsidePenalty } : c))
        .filter((c) =>
          c.target.kind === 'organ'
            ? // A pair entry (both kidneys) that holds a context organ goes too: "the right adrenal
              // sits on which organ?" is not answered by the adrenals.
              !(c.target.ids.length > 1
                ? c.target.ids.some((id) => excludedOrgans.has(id))
                : excludedOrgans.has(c.target.ids[0] as OrganId)) &&
              (!allowedByHead ||
                pairAsked !== undefined ||
                c.target.ids.some((id) => allowedByHead.includes(id)))
            : !optionsAsked && !excludedTopics.has(c.target.topic),
        )
        .map((c) =>
          c.target.kind === 'organ' && wrongSide && c.target.ids.every((id) => sideOfOrgan(id) === wrongSide)
            ? // (a great vessel asked for by its side: the aorta is always left of the IVC)
              { ...c, score: c.score * (vesselPlaced ? VESSEL_SIDE_DISCOUNT : OPPOSITE_SIDE_DISCOUNT) }
            : c,
        )
        .map((c) =>
          c.target.kind === 'organ' &&
          wrongSide &&
          c.target.ids.every((id) => organById(id).pairedWith === undefined)
            ? { ...c, score: c.score * UNPAIRED_WITH_SIDE_DISCOUNT }
            : c,
        )
        .map((c) =>
          c.target.kind === 'organ' &&
          offQuadrant &&
          c.target.ids.every((id) => organById(id).side === offQuadrant)
            ? { ...c, score: c.score * OFF_QUADRANT_DISCOUNT }
            : c,
        )
        .sort((a, b) => b.score - a.score);
      return { matches, evidence };
    };
    /** The organ(s) a conjunct describes, when the cache's best entry is an organ with evidence. */
    const describedOrgans = (
      words: string[],
      exclude: readonly OrganId[] = [],
      allowed?: readonly OrganId[],
    ): readonly OrganId[] | undefined => {
      const { matches, evidence } = rankedMatches(words);
      const top = matches.find(
        (c) =>
          c.target.kind !== 'organ' ||
          (!c.target.ids.some((id) => exclude.includes(id)) &&
            (!allowed || c.target.ids.some((id) => allowed.includes(id)))),
      );
      if (top?.target.kind !== 'organ') return undefined;
      if (evidence.cache < minSimilarity && evidence.classifier < minOrganProbability) return undefined;
      return top.target.ids;
    };

    if (picked?.ids) return organAnswer(picked.ids, 'named', 0.85 * confidenceScale);
    if (picked?.words) {
      const allowed = picked.allowed ?? [];
      // Between the aorta and the IVC, the direction of the blood decides.
      const flow = VESSEL_FLOW.find(([re]) => re.test(picked.words?.join(' ') ?? ''))?.[1];
      if (flow !== undefined && allowed.includes(5) && allowed.includes(6))
        return organAnswer([flow], 'described', 0.7 * confidenceScale);
      // "the hollow one", "more posterior", "not part of the digestive tube": a known property.
      const byProperty = pickByProperty(picked.words, allowed);
      if (byProperty) return organAnswer(byProperty, 'described', 0.75 * confidenceScale);
      // ("…the one that stores bile but does not make it": what it does not do is no description.)
      const described =
        picked.words.join(' ').split(/ (?:but|and) (?:does not|doesn t|doesnt|do not|not|never) /)[0] ?? '';
      const best = rankedMatches(described.split(' ')).matches.find(
        (c) => c.target.kind === 'organ' && c.target.ids.every((id) => allowed.includes(id)),
      );
      if (best?.target.kind === 'organ') {
        // ("Of B and M, only the one the liver pushes down": a side fact picks one of the pair.)
        const fact =
          side.left === side.right && best.target.ids.length === 2
            ? sideFact(picked.words.join(' '), best.target.ids)
            : undefined;
        return organAnswer(
          pickSide(best.target.ids, fact ? { left: fact === 'left', right: fact === 'right' } : side),
          'described',
          0.7 * confidenceScale,
        );
      }
    }

    // "all the paired organs on your list", "every item on the list that is NOT one of a pair",
    // "Which items on the list are paired organs?": the options with a known property.
    const listed = PROPERTY_OF_LISTED.exec(normalised);
    const propertyWords = listed?.slice(1).find((g) => g !== undefined);
    if (propertyWords && !picked && directOrgans.every((m) => m.adjective)) {
      const all = Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId);
      const byProperty = pickByProperty(propertyWords.split(' '), all);
      if (byProperty) return organAnswer(byProperty, 'described', 0.7 * confidenceScale);
    }
    // "Which of the 13 lie inside Gerota's fascia?": every option with a known property.
    if (
      ((optionsAsked && OPTIONS_PLURAL.test(normalised)) ||
        // "Which hollow organ on the list is neither part of the gut tube nor a blood vessel?"
        NEITHER_NOR_OPTION.test(normalised) ||
        OPTIONS_BY_PROPERTY.test(normalised) ||
        EVERYTHING_THAT.test(normalised) ||
        // "OGD scope goes through which of these? show them": "these" with nothing listed are the options.
        (/\bwhich (?:ones? )?of these\b/.test(normalised) &&
          /\b(?:show|highlight|outline|mark)(?: me)? (?:them|those|all of them)\b/.test(normalised) &&
          !mentions.some((m) => m.target.kind === 'organ'))) &&
      !picked &&
      directOrgans.every((m) => m.adjective)
    ) {
      const all = Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId);
      const byProperty = pickByProperty(
        tokens.filter((t) => !t.boundary).map((t) => t.text),
        all,
      );
      // ("…window images which two options?": as many as the number asked, or the property is not it)
      const count = COUNTED_OPTIONS.exec(normalised)?.[1];
      if (byProperty && (!count || byProperty.length === ANSWER_COUNTS.get(count)))
        return organAnswer(byProperty, 'described', 0.7 * confidenceScale);
    }

    if (pairAsked && pairAsked.target.kind === 'organ' && directOrgans.length === 0) {
      const pair = pairAsked.target.ids;
      // "Which bean shaped organs sit either side of the spine?": the pair itself.
      if (
        ['organs', 'glands', 'ones'].includes(tokens[pairAsked.end]?.text ?? '') &&
        side.left === side.right
      )
        return organAnswer(pair, 'described', 0.75 * confidenceScale);
      if (side.left !== side.right)
        return organAnswer(pickSide(pair, side), 'described', 0.8 * confidenceScale);
      const fact = sideFact(normalised, pair);
      if (fact)
        return organAnswer(
          pickSide(pair, { left: fact === 'left', right: fact === 'right' }),
          'described',
          0.75 * confidenceScale,
        );
      const best = rankedMatches().matches.find(
        (c) =>
          c.target.kind === 'organ' && c.target.ids.length === 1 && pair.includes(c.target.ids[0] as OrganId),
      );
      if (best && best.target.kind === 'organ')
        return organAnswer(best.target.ids, 'described', 0.6 * confidenceScale);
    }

    // "Distal pancreatectomy with splenectomy — show both organs removed": compound words name the
    // organs, one of them also a name the lexicon knows.
    if (directOrgans.length === 1 && /\bboth\b|\btwo organs\b/.test(normalised)) {
      const compound = compoundOrgansEach(tokens);
      const named = directOrgans[0]?.target.kind === 'organ' ? directOrgans[0].target.ids : [];
      if (compound.length > 1 && named.every((id) => compound.includes(id)))
        return organAnswer(compound, 'described', 0.7 * confidenceScale);
    }

    if (directOrgans.length > 0) {
      // "Which organ stores bile, the liver or the gallbladder?" — a choice between named organs.
      const isChoice =
        descriptive &&
        directOrgans.length > 1 &&
        directOrgans.some(
          (m, k) =>
            k > 0 && tokens.slice((directOrgans[k - 1] as Mention).end, m.start).some((t) => t.text === 'or'),
        );
      if (isChoice) {
        const allowed = new Set(directOrgans.flatMap((m) => (m.target.kind === 'organ' ? m.target.ids : [])));
        const best = cache
          .match(cache.encode(queryWords(tokens, mentions)))
          .find((c) => c.target.kind === 'organ' && c.target.ids.every((id) => allowed.has(id)));
        if (best && best.target.kind === 'organ') {
          return organAnswer(pickSide(best.target.ids, side), 'described', 0.7 * confidenceScale);
        }
      }
      const ids: OrganId[] = [];
      for (const m of directOrgans) {
        if (m.target.kind !== 'organ') continue;
        if (m.sideCorrection) {
          ids.push(...correctSide(m.target.ids, m.sideCorrection));
          continue;
        }
        if (m.target.family) {
          // Side words next to the name decide; with one organ named, a side anywhere does
          // ("an adrenal adenoma on the right").
          let local = sideOf(tokens, m, mentions);
          // "the kidney and the adrenal on the left side / on the liver's side": a side that
          // follows a list of paired organs is every one's.
          const next = directOrgans[directOrgans.indexOf(m) + 1];
          const joined =
            next?.target.kind === 'organ' &&
            next.target.family &&
            tokens.slice(m.end, next.start).every((t) => CONJUNCTIONS.has(t.text) || ARTICLES.has(t.text));
          if (joined && next && !local.left && !local.right) {
            if (next.sideCorrection && next.sideCorrection !== 'other') {
              ids.push(...correctSide(m.target.ids, next.sideCorrection));
              continue;
            }
            local = sideOf(tokens, next, mentions);
          }
          // "…a stone in the renal pelvis on his right. Outline the affected kidney": names of the
          // same pair ("renal") do not make the case's side someone else's.
          const otherOrgans = mentions.filter(
            (x) =>
              x !== m &&
              x.target.kind === 'organ' &&
              !(
                x.adjective &&
                x.target.ids.every((id) => m.target.kind === 'organ' && m.target.ids.includes(id))
              ),
          ).length;
          ids.push(...pickSide(m.target.ids, local.left || local.right || otherOrgans > 0 ? local : side));
          continue;
        }
        ids.push(...m.target.ids);
        // "left and right kidney": the phrase matched "right kidney"; the dangling side adds its pair.
        const paired =
          m.target.ids.length === 1 ? organById(m.target.ids[0] as OrganId).pairedWith : undefined;
        const joiner = tokens[m.start - 1]?.text ?? '';
        const otherSide = tokens[m.start - 2]?.text ?? '';
        if (
          paired &&
          (joiner === 'and' || joiner === 'or') &&
          (otherSide === 'left' || otherSide === 'right')
        )
          ids.push(paired);
      }
      // "show the aorta and the organ that stores bile": a conjunct that describes an organ
      // instead of naming one adds the organ the cache finds for it.
      for (const part of conjunctQueries(tokens, mentions)) {
        if (part.named || !DESCRIBED_CONJUNCT.test(part.own.join(' '))) continue;
        // "the esophagus and the organ it empties into": the pronoun is the organ named, which
        // the description starts from and does not mean.
        const backRef = part.own.some((w) => BACK_REFERENCES.has(w));
        const named = backRef
          ? directOrgans.flatMap((m) => (m.target.kind === 'organ' ? m.target.ids : []))
          : [];
        const words = backRef
          ? [...part.words, ...directOrgans.flatMap((m) => tokens.slice(m.start, m.end).map((t) => t.text))]
          : part.words;
        // "…and the big artery between them": the conjunct's own head noun narrows it, too.
        const allowed = firstHeadType(part.own);
        const organs = describedOrgans(words, named, allowed);
        // "the IVC and the gland tucked behind it": a pair placed by a one-sided organ takes its side.
        const placer = named.length === 1 ? organById(named[0] as OrganId) : undefined;
        const placerSide =
          placer && !placer.pairedWith && (placer.side === 'left' || placer.side === 'right')
            ? { left: placer.side === 'left', right: placer.side === 'right' }
            : undefined;
        if (organs) ids.push(...pickSide(organs, side.left !== side.right ? side : (placerSide ?? side)));
      }
      // "renal tumour with IVC thrombus. outline the vessel": a request for a kind of vessel after a
      // scene keeps the organs of that kind.
      const kindAsked = VESSEL_KIND_REQUEST.exec(normalised)?.[1];
      const ofKindAsked = kindAsked ? firstHeadType([kindAsked]) : undefined;
      const keptOfKind = ofKindAsked ? ids.filter((id) => ofKindAsked.includes(id)) : [];
      if (keptOfKind.length > 0 && keptOfKind.length < ids.length) ids.splice(0, ids.length, ...keptOfKind);
      const outsideNamed = direct.find((m) => m.target.kind === 'outside');
      const note =
        outsideNamed && outsideNamed.target.kind === 'outside'
          ? `The ${outsideNamed.target.topic} are not among the 13 organs, so they are left out.`
          : undefined;
      return organAnswer(ids, 'named', 0.95 * confidenceScale, note);
    }

    // "not the left adrenal, the right one": the other side of a negated paired organ.
    const negatedPaired = mentions.find((m) => m.role === 'negated' && oneSideOfPair(m));
    if (negatedPaired && negatedPaired.target.kind === 'organ' && direct.length === 0) {
      const organ = organById(negatedPaired.target.ids[0] as OrganId);
      const otherSide = organ.side === 'left' ? 'right' : 'left';
      // "not the left kidney - the other one", "…i wanted the other one"
      const named = tokens.some(
        (t, j) =>
          (t.text === otherSide || t.text === 'other' || t.text === 'opposite') &&
          (j < negatedPaired.start || j >= negatedPaired.end),
      );
      if (named && organ.pairedWith) return organAnswer([organ.pairedWith], 'named', 0.85 * confidenceScale);
    }

    // "show me everything in your list that's a blood vessel": every option of that kind.
    const kind = EVERY_OF_KIND.exec(normalised)?.[1] ?? KIND_ASKED.exec(normalised)?.[1];
    const onList =
      EVERY_ON_LIST.exec(normalised)?.[1] ??
      ON_LIST_ALL.exec(normalised)?.[1] ??
      KIND_OPTIONS.exec(normalised)?.[1];
    const ofKind = kind
      ? firstHeadType([kind])
      : onList
        ? (ON_LIST_KINDS.find(([re]) => re.test(onList))?.[1] ?? undefined)
        : undefined;
    if (ofKind && directOrgans.length === 0)
      return organAnswer([...ofKind], 'described', 0.7 * confidenceScale);

    // "Morison's pouch lies between which two organs?", "the lesser omentum connects the liver to
    // which organs?": a named space or fold and the organs it lies between, less those named.
    const related = relatedOrgans(normalised, excludedOrgans, allowedByHead);
    if (related) return organAnswer(related, 'described', 0.7 * confidenceScale);

    const directOutside = direct.find((m) => m.target.kind === 'outside');
    // "Which of the 13 has skeletal muscle in its upper third?": the outside names are what the
    // option is described by ("which of the 13 is the lung?" still asks for it).
    const describedOption = optionsAsked && !/\b(?:13|thirteen) (?:is|are)\b/.test(normalised);
    // "The splenic artery runs along one organ's upper border. Outline the organ, not the
    // artery.": an outside name told in a statement before a request for an organ is a clue.
    const organRequest = laterOrganRequest(tokens);
    const clue =
      directOutside !== undefined && organRequest !== undefined && directOutside.end <= organRequest;
    if (directOutside && directOutside.target.kind === 'outside' && !describedOption && !clue) {
      return noneAnswer('outside', 0.9 * confidenceScale, directOutside.target.topic);
    }

    // "Which two organs does the gastrosplenic ligament connect?", "hepatosplenomegaly means which
    // two organs are enlarged?": a compound word names the organs asked for.
    if (PLURAL_ASK.test(normalised)) {
      const compound = compoundOrgans(tokens);
      if (compound.length > 1) return organAnswer(compound, 'described', 0.7 * confidenceScale);
      // "Distal pancreatectomy with splenectomy — show both organs removed": one organ a word.
      const each = compoundOrgansEach(tokens);
      if (each.length === 2 && /\bboth\b|\btwo organs\b/.test(normalised) && !isPaired(each))
        return organAnswer(each, 'described', 0.65 * confidenceScale);
    }

    // "Which organs make insulin and bile?", "the organ that makes bile and the one that stores
    // it": several organs described in one question.
    const conjuncts = conjunctQueries(tokens, mentions);
    const described = conjuncts.filter((c) => DESCRIBED_CONJUNCT.test(c.own.join(' '))).length;
    const secondQuestion = conjuncts.slice(1).some((c) => c.own.some((w) => ASK_WORDS.has(w)));
    if (PLURAL_ASK.test(normalised) || described > 1 || secondQuestion) {
      const found = new Map<string, readonly OrganId[]>();
      conjuncts.forEach(({ words, own }, k) => {
        // "…after which organ is removed? Point to where it sits.": where the same organ is, not another.
        if (
          k > 0 &&
          own.includes('where') &&
          own.some((w) => BACK_REFERENCES.has(w)) &&
          own.some((w) => COMMAND_VERBS.has(w) || w === 'point')
        )
          return;
        // "the organ that makes bile and the organ that stores it": "it" is what the conjunct before
        // was about, and the organ found there is not this one.
        const previous = conjuncts[k - 1];
        // Only a conjunct that asks for another organ ("the one that stores it"), not "show me where
        // it is" about the same one.
        const backRef =
          k > 0 &&
          previous &&
          own.some((w) => BACK_REFERENCES.has(w)) &&
          DESCRIBED_CONJUNCT.test(own.join(' ')) &&
          !own.includes('where') &&
          // "Which organ makes bile? No wait, which organ stores it?" asks again instead.
          !ASK_CORRECTED.test(normalised) &&
          (DESCRIBED_CONJUNCT.test(previous.own.join(' ')) || previous.own.some((w) => ASK_WORDS.has(w)));
        const organs = backRef
          ? describedOrgans([...words, ...previous.own], [...found.values()].flat())
          : describedOrgans(words);
        if (organs) found.set(organs.join(','), organs);
      });
      if (found.size > 1) {
        const ids = [...found.values()].flat();
        return organAnswer(
          side.left !== side.right ? pickSide(ids, side) : ids,
          'described',
          0.6 * confidenceScale,
        );
      }
    }

    // "What is a normal creatinine?", "normal range for lipase": a reference value, not an organ.
    if (REFERENCE_VALUE.test(normalised) && !ORGAN_ASKED.test(normalised))
      return noneAnswer('off-topic', 0.7);

    // "show where bile gets made", "where is insulin produced?": the organ that makes a substance
    // (bag-of-words matching mixes the organ that makes bile with the one that stores it).
    const substance = SUBSTANCE_MADE.exec(normalised)?.[1] ?? SUBSTANCE_MADE_BY.exec(normalised)?.[1];
    if (substance && directOrgans.length === 0 && !/\b(?:and|or|plus)\b/.test(normalised)) {
      const maker = makerOf(substance);
      if (maker)
        return organAnswer(
          side.left !== side.right ? pickSide(maker, side) : [...maker],
          'described',
          0.75 * confidenceScale,
        );
    }

    // Described, not named: the context cache decides (paper §III-C-2).
    const { matches, evidence } = rankedMatches();
    const [best, second] = matches;
    if (!best || best.score < minSimilarity) {
      return noneAnswer(descriptive ? 'unclear' : 'off-topic', 0.5);
    }
    // "who won the election?": words that point at no organ in particular are not a question
    // about one, however the scores happen to rank.
    if (
      best.target.kind === 'organ' &&
      evidence.cache < minSimilarity &&
      evidence.classifier < minOrganProbability
    ) {
      return noneAnswer(descriptive ? 'unclear' : 'off-topic', 0.5);
    }
    const margin = best.score - (second?.score ?? 0);
    const confidence = Math.min(0.95, 0.35 + (0.6 * margin) / best.score);
    // "Gaucher disease enlarges which two organs?": as many organs as asked for, best first (a
    // pair entry such as the kidneys counts as two).
    const count = COUNT_ASK.exec(normalised)?.[1];
    if (count && best.target.kind === 'organ') {
      const wanted = count === 'three' || count === '3' ? 3 : 2;
      const ids: OrganId[] = [];
      for (const c of matches) {
        if (ids.length >= wanted) break;
        if (c.target.kind !== 'organ' || c.target.ids.some((id) => ids.includes(id))) continue;
        if (ids.length + c.target.ids.length > wanted) continue;
        ids.push(...c.target.ids);
      }
      if (ids.length === wanted) return organAnswer(ids, 'described', 0.5 * confidence);
    }
    return answerFromCache(best.target, side, confidence, normalised);
  }

  /**
   * Several questions answered one by one, the organs of all of them together; none when one of
   * them has no organ or they add nothing to each other.
   */
  function organsOfEach(questions: readonly string[]): QuestionResolution | undefined {
    return organsOfAll(questions.map((q) => resolve(q)));
  }

  /** The organs of several answers together; none when one has no organ or they add nothing. */
  function organsOfAll(answers: readonly QuestionResolution[]): QuestionResolution | undefined {
    const ids = new Set(answers.flatMap((a) => a.organIds));
    if (answers.some((a) => a.noneOfThem) || ids.size <= Math.max(...answers.map((a) => a.organIds.length)))
      return undefined;
    return unionOf(answers);
  }

  /**
   * "what does the spleen do and where is it on this slice": questions that each stand alone and
   * are all about the same organs are one answer about them.
   */
  function sameOrgans(answers: readonly QuestionResolution[]): QuestionResolution | undefined {
    const key = (a: QuestionResolution) => [...a.organIds].sort().join(',');
    const first = answers[0];
    if (!first || first.noneOfThem || answers.some((a) => key(a) !== key(first))) return undefined;
    return unionOf(answers);
  }

  /**
   * "outline the organ that was biopsied and the gallbladder", "the aorta, the thing that stores
   * bile and both kidneys": a list of the request's objects, some named and some described by a
   * head noun ("the organ with the mass"); the named ones, and each described one read alone with
   * the message's setting before the request. Undefined unless every item is one or the other.
   */
  function namedBesideDescribed(
    tokens: Token[],
    mentions: readonly Mention[],
  ): QuestionResolution | undefined {
    const words = tokens.map((t) => t.text);
    const verb = words.findLastIndex((w) => COMMAND_VERBS.has(w) || w === 'like' || w === 'want');
    let from = verb + 1;
    while (REQUEST_OPENERS.has(words[from] ?? '') || words[from] === 'only' || words[from] === 'just') from++;
    let to = words.findIndex((w, k) => k >= from && ['.', '?', '!', ';'].includes(w));
    if (to < 0) to = words.length;
    if (verb < 0 && !ARTICLES.has(words[0] ?? '')) return undefined;
    // the items, split at "and", "plus" and commas ("between the X and the Y" is one place)
    const items: [number, number][] = [];
    let start = from;
    let between = false;
    for (let k = from; k <= to; k++) {
      const w = words[k] ?? '.';
      if (w === 'between' || w === 'both') between = true;
      const cut = k === to || w === ',' || w === 'plus' || (w === 'and' && !between);
      if (w === 'and' && between) between = false;
      if (!cut) continue;
      if (k > start) items.push([start, k]);
      start = k + 1;
      while (['and', 'also', 'plus', ','].includes(words[start] ?? '')) start++;
      k = start - 1;
    }
    // ("the LUQ organ behind the stomach, the spleen": a comma alone sets a name beside a description)
    if (items.length < 2 || !words.slice(from, to).some((w) => w === 'and' || w === 'plus')) return undefined;
    const organAt = (k: number) =>
      mentions.find((m) => m.start === k && m.target.kind === 'organ' && !m.adjective && m.role === 'direct');
    // (a correction, a back-reference or a list to pick from is read by the passes made for it)
    // ("that gland", "this organ" point back; "the duct that runs …" describes)
    const pointsBack = (k: number) =>
      ['that', 'this', 'which'].includes(words[k] as string) &&
      (CONJUNCT_HEADS.has(words[k + 1] ?? '') || mentions.some((m) => m.start === k + 1));
    if (
      words.some(
        (w, k) => k >= from && (NAMED_BESIDE_STOPS.has(w) || CORRECTING_NO.has(w) || pointsBack(k)),
      ) ||
      words.slice(0, from).some((w) => CORRECTING_NO.has(w) || CORRECTION_WORDS.has(w))
    )
      return undefined;
    const kinds = items.map(([a, b]) => {
      let k = a;
      while (ARTICLES.has(words[k] ?? '') || words[k] === 'both') k++;
      const heads = words.slice(a, b).some((w) => CONJUNCT_HEADS.has(w));
      const named = organAt(k) ?? (words[k - 1] === 'both' ? organAt(k - 1) : undefined);
      // a name and nothing after it but "too", "itself", "please"
      // ("…and the kidney" after a side was told: which kidney is not said)
      const sideless =
        named?.target.kind === 'organ' && named.target.ids.length === 2 && words[k - 1] !== 'both';
      if (named && !heads && !sideless && words.slice(named.end, b).every((w) => NAME_TRAILERS.has(w)))
        return 'named';
      const head = words.slice(k, Math.min(b, k + 3)).findIndex((w) => CONJUNCT_HEADS.has(w));
      const organBefore = mentions.some(
        (m) => m.start >= a && m.start < k + head && m.target.kind === 'organ',
      );
      // ("the organ that touches the left kidney, the stomach and …": a description that ends on a
      // name before a comma may go on listing its own objects)
      const listGoesOn = words[b] === ',' && mentions.some((m) => m.end === b && m.target.kind === 'organ');
      if (
        head >= 0 &&
        !organBefore &&
        !listGoesOn &&
        b - (k + head) > 2 &&
        !['one', 'ones'].includes(words[k + head] as string)
      )
        return 'described';
      // ("…and the uncinate process", "…and the caudate lobe": a part named for its organ)
      // (not in an apposition: "the caudate lobe, the bit between the IVC and …")
      if (ORGAN_PART_ITEM.test(words.slice(a, b).join(' ')) && !words.slice(from, to).includes(','))
        return 'part';
      // "the renal pelvis of the left kidney", "the duct that runs the length of the pancreas"
      return asksOutside(['show', ...words.slice(a, b)]) ? 'outside' : 'other';
    });
    if (
      kinds.includes('other') ||
      !kinds.some((k) => k === 'named' || k === 'part') ||
      kinds.every((k) => k === 'named') ||
      // (parts alone stand for organs only in a plain request for them)
      (!kinds.includes('named') && (kinds.includes('outside') || words.some((w) => ASK_WORDS.has(w))))
    )
      return undefined;
    const setting = verb >= 0 ? words.slice(0, verb + 1) : ['show'];
    const answers = items.flatMap(([a, b], k) =>
      kinds[k] === 'outside'
        ? []
        : [
            resolve(
              kinds[k] === 'named' || kinds[k] === 'part'
                ? `show ${words.slice(a, b).join(' ')}`
                : [...setting, ...words.slice(a, b)].join(' '),
            ),
          ],
    );
    // (a description of something outside the 13 is left out like a name of one: "the organ that
    // pumps blood into the aorta and the aorta itself")
    if (answers.some((a) => a.noneOfThem && !outsideThing(a))) return undefined;
    const organs = answers.filter((a) => !a.noneOfThem);
    return organs.length > 0 ? unionOf(organs) : undefined;
  }

  /**
   * A request whose object is named as something outside the 13 ("the renal pelvis of the left
   * kidney", "the duct that runs the length of the pancreas"), not described as an organ.
   */
  function asksOutside(words: readonly string[]): boolean {
    // (after the request's own verb: a shared lead-in such as "In SMA syndrome," is context)
    let at = Math.max(
      0,
      words.findLastIndex((w) => COMMAND_VERBS.has(w) || w === ':' || w === '.'),
    );
    while (
      at < words.length &&
      (REQUEST_OPENERS.has(words[at] as string) ||
        COMMAND_VERBS.has(words[at] as string) ||
        words[at] === ':' ||
        words[at] === '.')
    )
      at++;
    // ("show in SMA syndrome, the large artery …": a setting before a comma is no object)
    const comma = words.indexOf(',', at);
    if (comma > at && SETTING_PREPOSITIONS.has(words[at] as string)) at = comma + 1;
    const object = words.slice(at).join(' ');
    if (OUTSIDE_REQUEST.test(object)) return true;
    const first = findMentions(tokenize(object))[0];
    return first?.target.kind === 'outside' && first.start <= 2;
  }

  /** N because what is asked for is a real thing outside the 13, not because nothing was understood. */
  function outsideThing(answer: QuestionResolution): boolean {
    return answer.noneOfThem && answer.reason === 'outside';
  }

  /** One answer with the organs of several, as sure as the least sure of them. */
  function unionOf(answers: readonly QuestionResolution[]): QuestionResolution {
    const ids = [...new Set(answers.flatMap((a) => a.organIds))];
    return organAnswer(ids, 'described', Math.min(...answers.map((a) => a.confidence)));
  }

  /**
   * A story, then a request for "both (organs involved)", "all affected organs" or "all three": the
   * organs the story names (by name or adjective), when as many as a count word says.
   */
  function organsOfStory(question: string): OrganId[] | undefined {
    let sentences = question
      .slice(0, maxChars)
      .split(/(?<=[.!?:;])\s+/)
      .filter((x) => x.trim() !== '');
    // ("…signal drop in the liver and pancreas, outline both": the request after a comma)
    const clauses = (sentences.at(-1) as string).split(/,\s+/);
    const lead = clauses.slice(0, -1).join(', ');
    if (
      clauses.length > 1 &&
      // (not "Leaving out the liver, outline both", nor "R kidney mass with IVC thrombus, show both",
      // where the story's kidney has a side this reading does not keep)
      !TAKE_BACK_WORDS.test(lead.replace(/\b(?:signal|pressure|blood pressure) drops?\b/gi, '')) &&
      !/\b(?:leaving|excluding|apart|other than|besides|kidneys?|adrenals?|suprarenals?)\b/i.test(lead) &&
      !STORY_ORGANS_ASKED.test(textWords(sentences.at(-1) as string).join(' ')) &&
      STORY_ORGANS_ASKED.test(textWords(clauses.at(-1) as string).join(' '))
    )
      sentences = [...sentences.slice(0, -1), lead, clauses.at(-1) as string];
    if (sentences.length < 2) return undefined;
    const request = STORY_ORGANS_ASKED.exec(textWords(sentences.at(-1) as string).join(' '));
    if (!request) return undefined;
    const story = tokenize(sentences.slice(0, -1).join(' '));
    if (story.some((t) => ASK_WORDS.has(t.text) || t.text === 'not' || t.text === 'no')) return undefined;
    const groups = [
      ...new Set(
        findMentions(story).flatMap((m) => (m.target.kind === 'organ' ? [m.target.ids.join(',')] : [])),
      ),
    ];
    const count = ANSWER_COUNTS.get(request[1] ?? '');
    if (groups.length < 2 || (count !== undefined && count !== groups.length)) return undefined;
    return [...new Set(groups.flatMap((g) => g.split(',').map(Number) as OrganId[]))];
  }

  /** Set while "of the two kidneys, … the one …" is read as "which kidney is the one …". */
  let readingOneOfPair = false;
  let readingAmongOptions = false;

  /** Set while a riddle's rewording is resolved, so the message as it stands can be read too. */
  let readingRiddle = false;

  /**
   * A riddle ("Pear-shaped, I sit in a fossa under the liver… Outline me.", "Who am I? I …")
   * reworded as "Which organ is this: …" (the organs it names being where the speaker sits), or
   * undefined.
   */
  function riddleAsked(question: string): string | undefined {
    // ("Who am I? I'm the widest part of the gut, under …": the speaker says which organ it is.)
    const self = /\bI(?: am|'m|’m| m) (the [a-z ]+?)\s*(?=[,.;:!?—–]|$)/i.exec(question);
    if (self && organNamed(self[1] as string)) return `Show ${self[1]}`;
    const lead = /^\s*(?:riddle[:.]?\s*)?(who|what) (am I|are we)\s*[?:.!]+\s*/i.exec(question);
    if (lead && FIRST_PERSON.test(question.slice(lead[0].length)))
      return `${/we/i.test(lead[2] as string) ? 'Which organs are these' : 'Which organ is this'}: ${question.slice(lead[0].length)}`;
    // "Third-person riddle: she lies behind the spleen … Show her.": the same, told of "she" or "he".
    const third = THIRD_PERSON_CLOSE.exec(question);
    if (third && THIRD_PERSON.test(question.slice(0, third.index)))
      return `Which organ is this: ${question
        .slice(0, third.index)
        .replace(/\b(?:she|he)(?:'s|’s| s)\b/gi, 'it is')
        .replace(/\b(?:she|he)\b/gi, 'it')
        .replace(/\b(?:her|his)\b/gi, 'its')
        .replace(/\bhim\b/gi, 'it')
        .trim()}`;
    const close = RIDDLE_CLOSE.exec(question);
    if (!close || !FIRST_PERSON.test(question.slice(0, close.index))) return undefined;
    const plural = /\b(?:us|we)\b/i.test(close[0]);
    // ("I am the largest vein in the body… Find me.": the kind the speaker names is the one asked)
    const head = RIDDLE_HEAD.exec(question.slice(0, close.index))?.[1]?.toLowerCase();
    if (head && !plural)
      return `Which ${head} is this: ${question
        .slice(0, close.index)
        .trim()
        .replace(/\bI(?: am|'m|’m| m)\b/i, 'it is')
        .replace(/\bmy\b/gi, 'its')}`;
    return `${plural ? 'Which organs are these' : 'Which organ is this'}: ${question.slice(0, close.index).trim()}`;
  }

  /**
   * A question or request, then a second one joined by "also", "plus", "+", "then" or "and tell
   * me" ("which organ makes insulin? and also outline the spleen", "outline the right kidney and
   * tell me which organ secretes glucagon"): each is answered alone, "it" in the second standing
   * for the one organ the first found. The organs of both; an ask answered N adds nothing (N when
   * both are).
   */
  function twoAsks(question: string): QuestionResolution | undefined {
    const text = question.slice(0, maxChars);
    // "The hepatic veins drain which organ, and into which vessel do they empty?": two asks about one
    // subject; "they" (or "it") in the second is that subject, not the first answer.
    const about = SUBJECT_FIRST_ASKS.exec(text);
    if (about) {
      const rest = text.slice(about[0].length);
      if (/\b(?:which|what)\b/i.test(rest) && /\b(?:they|it)\b/i.test(rest)) {
        const answers = [
          resolve(about[0].replace(/,\s*and\s+$/i, '?')),
          resolve(rest.replace(/\b(?:they|it)\b/i, `the ${about[1]}`)),
        ].filter((x) => !x.noneOfThem);
        if (answers.length > 0) return unionOf(answers);
      }
    }
    const cue = SECOND_ASK.exec(text);
    if (!cue || cue.index === 0) return undefined;
    const first = text.slice(0, cue.index).trim();
    let second = text.slice(cue.index + cue[0].length).trim();
    const firstWords = textWords(first);
    const secondWords = textWords(second);
    if (firstWords.length < 2 || secondWords.length < 1) return undefined;
    // ("…, then drop the right one", "Plus the aorta. No, not the kidneys after all.": a take-back
    // reaches across both, so the whole message is read as one.)
    if (TAKE_BACK_WORDS.test(second)) return undefined;
    const asks = (words: readonly string[]) =>
      words.some((w) => ASK_WORDS.has(w) || COMMAND_VERBS.has(w)) ||
      words[0] === 'name' ||
      words[0] === 'tell';
    if (!asks(firstWords) && !first.includes('?')) return undefined;
    const a = resolve(first);
    // ("What does the spleen do, and which vaccines are needed after it is removed?": a plain ", and
    // which …" after a question about an organ; when the first ask is about no organ, the second is
    // read with it: "Which hormone comes from the medulla, and which from the glomerulosa?")
    if (a.noneOfThem && /^,\s*and\s*$/i.test(cue[0])) return undefined;
    if (!asks(secondWords)) second = `show ${second}`;
    if (a.organIds.length === 1 && /\b(?:it|its)\b/i.test(second)) {
      second = pointItAt(second, organPhrase(a.organIds[0] as OrganId));
    }
    const b = resolve(second);
    const answers = [a, b].filter((x) => !x.noneOfThem);
    return answers.length === 0 ? a : unionOf(answers);
  }

  /**
   * The last sentence of a message whose sentences before it only tell (no question, no request),
   * when it is a request that places its organ by "it" ("Outline the kidney closest to it", "the
   * little gland tucked right behind it"); "it" and "its" become the one organ the story named.
   */
  function describedAfterStory(question: string): string | undefined {
    const sentences = question
      .slice(0, maxChars)
      .split(/(?<=[.!])\s+/)
      .filter((x) => x.trim() !== '');
    if (sentences.length < 2) return undefined;
    const last = sentences.at(-1) as string;
    const story = sentences.slice(0, -1).join(' ');
    const lastWords = textWords(last);
    let at = 0;
    while (STORY_REQUEST_LEADS.has(lastWords[at] ?? '')) at++;
    if (
      !COMMAND_VERBS.has(lastWords[at] ?? '') &&
      !(lastWords[at] === 'point' && lastWords[at + 1] === 'out')
    )
      return undefined;
    const lastText = lastWords.join(' ');
    if (!STORY_REQUEST_DESCRIBES.test(lastText) || STORY_REQUEST_POINTS.test(lastText)) return undefined;
    const storyTokens = tokenize(story);
    const storyWords = storyTokens.filter((t) => !t.boundary).map((t) => t.text);
    if (
      story.includes('?') ||
      storyWords.some((w) => ASK_WORDS.has(w)) ||
      textWords(story).some((w, k, all) => COMMAND_VERBS.has(w) && (k === 0 || all[k - 1] === 'pls'))
    )
      return undefined;
    // The request names none of the 13 itself (a described organ, or one of a pair, only).
    if (
      findMentions(tokenize(last)).some(
        (m) => m.target.kind === 'organ' && !m.adjective && !(m.target.family && m.target.ids.length === 2),
      )
    )
      return undefined;
    const named = [
      ...new Set(
        findMentions(storyTokens).flatMap((m) => (m.target.kind === 'organ' ? [m.target.ids.join(',')] : [])),
      ),
    ];
    if (!/\b(?:it|its)\b/i.test(last) || named.length !== 1) return undefined;
    const ids = (named[0] as string).split(',').map(Number) as OrganId[];
    if (ids.length !== 1) return undefined;
    return pointItAt(last, organPhrase(ids[0] as OrganId));
  }

  /**
   * Each request answered alone, in order, "it" standing for the organ the one before found ("…and
   * the organ it drains into"); a request without a verb borrows the first one's ("show"). The
   * organs of all, when each finds organs and together more than any one does.
   */
  function organsInTurn(parts: readonly string[][]): QuestionResolution | undefined {
    const verb = parts[0]?.find((w) => COMMAND_VERBS.has(w));
    const answers: QuestionResolution[] = [];
    for (const [k, part] of parts.entries()) {
      const before = answers.at(-1);
      // "it" is what the request before named ("the ampulla of Vater and the organ it opens
      // into"), or the organ it found by a description.
      const previous = parts[k - 1] ?? [];
      const verbAt = previous.findIndex((w) => COMMAND_VERBS.has(w));
      const phrase = previous.slice(verbAt + (['me', 'us'].includes(previous[verbAt + 1] ?? '') ? 2 : 1));
      const organName =
        before && before.organIds.length === 1 ? organPhrase(before.organIds[0] as OrganId) : undefined;
      const named =
        before?.reason !== 'named' &&
        verbAt >= 0 &&
        phrase.length > 0 &&
        phrase.length <= 5 &&
        !phrase.some((w) => CONJUNCT_HEADS.has(w))
          ? phrase.join(' ')
          : organName;
      // "…the one that stores it": after a verb, "it" is what the request before was about (its
      // last word: the bile, the albumin), not the organ it found.
      const about = previous.findLast(
        (w) => /^[a-z]+$/.test(w) && !STOPWORDS.has(w) && !CONJUNCT_HEADS.has(w),
      );
      let words = part.flatMap((w, j) =>
        w === 'it' &&
        named &&
        (BEFORE_IT_THE_ORGAN.has(part[j - 1] ?? '') || PLACING_VERBS.has(part[j - 1] ?? ''))
          ? named.split(' ')
          : w === 'it' &&
              about &&
              /^[a-z]+$/.test(part[j - 1] ?? '') &&
              (!/^[a-z]+$/.test(part[j + 1] ?? '') || OBJECT_IT_NEXT.has(part[j + 1] ?? ''))
            ? [about]
            : w === 'it' && named
              ? named.split(' ')
              : w === 'its' && named
                ? [...named.split(' '), 's']
                : [w],
      );
      if (k > 0 && verb && !words.some((w) => ASK_WORDS.has(w) || COMMAND_VERBS.has(w)))
        words = [verb, ...words];
      const answer = resolve(words.join(' '));
      answers.push(answer);
    }
    // "Outline the duct that runs the length of the pancreas and the pancreas itself": a part
    // outside the 13 is left out; the organs asked for beside it are the answer.
    const organs = answers.filter((a) => !a.noneOfThem);
    if (organs.length === 0) return undefined;
    if (organs.length < answers.length)
      return answers.every((a, k) => !a.noneOfThem || asksOutside(parts[k] as string[]))
        ? unionOf(organs)
        : undefined;
    // ("…and where is it on this slice": a later ask with no head noun of its own asks again about
    // the organ before it.)
    // (only about an organ named: "which organ makes bile, and where is it stored?" asks on about the bile)
    const askedAgain =
      answers[0]?.reason === 'named' && parts.slice(1).every((p) => !p.some((w) => CONJUNCT_HEADS.has(w)));
    return organsOfAll(answers) ?? (askedAgain ? sameOrgans(answers) : undefined);
  }

  function answerFromCache(
    target: CacheTarget,
    side: { left: boolean; right: boolean },
    confidence: number,
    normalised: string,
  ): QuestionResolution {
    if (target.kind === 'outside') {
      return target.topic === 'off-topic'
        ? noneAnswer('off-topic', confidence)
        : noneAnswer('outside', confidence, target.topic);
    }
    const plural = PLURAL_HEAD.test(normalised);
    let ids = pickSide(target.ids, side);
    // "The renal impression on the spleen is made by which organ?": a pair, and a fact of one side.
    if (
      ids.length === 2 &&
      side.left === side.right &&
      !plural &&
      organById(ids[0] as OrganId).pairedWith === ids[1]
    ) {
      const fact = sideFact(normalised, ids);
      if (fact) ids = pickSide(ids, { left: fact === 'left', right: fact === 'right' });
    }
    // "Aldosterone acts on which organs?": a side-specific passage won, but both of the pair are asked.
    if (ids.length === 1 && side.left === side.right && plural) {
      const partner = organById(ids[0] as OrganId).pairedWith;
      if (partner) ids = [...ids, partner];
    }
    // A side-specific passage won ("the left adrenal is crescent shaped …") but the question names
    // the other side: the side the user typed wins.
    if (ids.length === 1 && side.left !== side.right) {
      const organ = organById(ids[0] as OrganId);
      const wanted = side.left ? 'left' : 'right';
      if (organ.pairedWith && organ.side !== wanted) ids = [organ.pairedWith];
    }
    return organAnswer(ids, 'described', confidence);
  }

  // Only the start of a long paste is read (`maxChars`): some rewordings cost the square of the
  // length, and 100 KB of "oh no, " took 15 s. It is cut once, here, not in each rereading: a
  // rewording that lengthens the text at the cut ("…which organ whic" → "which") was cut back and
  // reread until the stack overflowed.
  return {
    resolve: (message: string) =>
      resolve(typeof message === 'string' ? collapseRuns(message).slice(0, maxChars) : message),
  };
}

/**
 * The kind of thing outside the 13 a question asks for by its form alone, before any organ is looked
 * for: "what enzyme …?" (a head noun of an outside kind), "what is … called?" / "how much …?" (a
 * term or a number), "show the ducts that …" (a bare request for one); undefined when none.
 */
/** Outside heads that can be outlined on a slice ("show them" after "which ducts …?" asks for them). */
/** Words before which a command verb is a noun ("its colour", "a find", "the display"). */
const NOUN_DETERMINERS = new Set([
  'its',
  'their',
  'his',
  'her',
  'a',
  'an',
  'the',
  'that',
  'this',
  'your',
  'my',
  'our',
]);
const PHYSICAL_HEADS = new Set(
  'duct ligament muscle nerve plexu vertebra vertebrae rib bone membrane fold node lymph valve opening hiatu apron chamber'.split(
    ' ',
  ),
);

const ORGAN_REQUEST_HEADS = new Set([
  'organ',
  'organs',
  'gland',
  'glands',
  'vessel',
  'vessels',
  'one',
  'ones',
]);
const REQUEST_DETERMINERS = new Set([
  'the',
  'this',
  'that',
  'these',
  'those',
  'both',
  'two',
  'three',
  'all',
  'me',
  'us',
]);
/**
 * Where the last sentence starts when it is a bare request for an organ ("… . Outline the organ
 * it supplies", "… . Show both organs, not the vein"); undefined otherwise.
 */
function laterOrganRequest(tokens: Token[]): number | undefined {
  // "splenic artery embolization for grade IV lac — organ", "…: target organ?": a bare ask for the
  // organ closing the message, after a dash or colon.
  let end = tokens.length;
  while (end > 0 && ['?', '.', '!'].includes(tokens[end - 1]?.text ?? '')) end--;
  if (tokens[end - 1]?.text === 'organ') {
    let k = end - 2;
    while (k > 0 && BARE_ORGAN_ASK_LEADS.has(tokens[k]?.text ?? '')) k--;
    if (k > 0 && k >= end - 4 && ['—', '–', '-', ':'].includes(tokens[k]?.raw ?? '')) return k + 1;
  }
  for (let i = tokens.length - 1; i > 0; i--) {
    if (!['.', '?', '!'].includes(tokens[i - 1]?.text ?? '') || !COMMAND_VERBS.has(tokens[i]?.text ?? ''))
      continue;
    if (tokens.slice(i).some((t) => ['.', '?', '!'].includes(t.text) && t !== tokens[tokens.length - 1]))
      return undefined;
    let j = i + 1;
    while (REQUEST_DETERMINERS.has(tokens[j]?.text ?? '')) j++;
    // ("… Segment the ruptured organ.": a word or two may describe the head)
    const head = [0, 1, 2].find(
      (d) =>
        ORGAN_REQUEST_HEADS.has(tokens[j + d]?.text ?? '') &&
        tokens
          .slice(j, j + d)
          .every((t) => !t.boundary && /^[a-z]+$/.test(t.text) && !STOP_BEFORE_HEAD.has(t.text)),
    );
    return head !== undefined ? i : undefined;
  }
  return undefined;
}
/**
 * The words from the last command that opens a sentence (after "." "?" "!": "… . Outline the node.")
 * or, with `CLAUSE_STOPS`, a clause (after a comma, dash, colon or semicolon: "kidney stone, highlight
 * the stone itself"), closing stops left off; undefined when no command opens one.
 */
const STOP_BEFORE_HEAD = new Set([
  'of',
  'in',
  'on',
  'with',
  'and',
  'or',
  'that',
  'which',
  'not',
  'no',
  'from',
  'to',
]);
/** Words between a closing dash and a bare "organ" ("— target organ?", ": which organ"). */
const BARE_ORGAN_ASK_LEADS = new Set(['target', 'which', 'what', 'the', 'affected', 'involved', 'main']);
/** Words that may open a request before its verb ("can you show …", "please outline …"). */
const REQUEST_LEADS = new Set(['can', 'could', 'would', 'you', 'u', 'please', 'pls', 'plz', 'just']);
function lastRequestAfter(tokens: Token[], stops: readonly string[]): string | undefined {
  for (let i = tokens.length - 1; i > 0; i--) {
    if (!stops.includes(tokens[i - 1]?.raw ?? '')) continue;
    // ("…, can you show me the lesion": a polite lead before the verb)
    let verb = i;
    while (verb < i + 3 && REQUEST_LEADS.has(tokens[verb]?.text ?? '')) verb++;
    if (COMMAND_VERBS.has(tokens[verb]?.text ?? ''))
      return tokens
        .slice(i)
        .filter((t, k, rest) => !(t.boundary && rest.slice(k).every((u) => u.boundary)))
        .map((t) => t.text)
        .join(' ');
  }
  return undefined;
}
const SENTENCE_STOPS = ['.', '?', '!'];
const CLAUSE_STOPS = [',', '-', '—', '–', ':', ';'];
/** Prepositions before a relative "which" ("the muscle on which the kidneys rest"). */
const RELATIVE_PREPOSITIONS = new Set(
  'on in into onto to from behind under beneath below above over through with by of along against around across'.split(
    ' ',
  ),
);
/** A "which" or "where" that opens a relative clause rather than asks ("…, where the tumour lands"). */
function relativeWord(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]?.text;
  const before = tokens[i - 1];
  const next = tokens[i + 1]?.text ?? '';
  // ("… of which organ?", "in which kidney …": a noun after it asks)
  const clauseOpens = RELATIVE_SUBJECTS.has(next);
  if (t === 'which')
    return (RELATIVE_PREPOSITIONS.has(before?.text ?? '') || before?.raw === ',') && clauseOpens;
  if (t === 'where') return before?.raw === ',' && clauseOpens;
  return false;
}
/** Words that open the clause after a relative "which" or "where" ("on which the kidneys rest"). */
const RELATIVE_SUBJECTS = new Set(
  'the a an it they we you i he she its their his her this these those our my'.split(' '),
);
const MAIN_TRUNK = /\b(?:main|great|big|largest|arterial|venous|aortic|caval)(?: arterial| venous)? trunk\b/;

function outsideKindAsked(tokens: Token[], normalised: string): string | undefined {
  // A bare request ("show the ducts that …"), not a question whose subject it is ("the duct of
  // Wirsung drains which organ?").
  // ("The hepatic flexure of the colon touches one kidney. Show me that kidney.": a phrase that
  // opens a statement, with the request in a later sentence, is no request.)
  const laterRequest =
    !COMMAND_VERBS.has(tokens[0]?.text ?? '') &&
    tokens.some(
      (t, i) =>
        i > 0 &&
        COMMAND_VERBS.has(t.text) &&
        tokens.slice(0, i).some((u) => ['.', '?', '!'].includes(u.text)),
    );
  // ("Virchow's node signals gastric cancer. Outline the node.": the later request itself asks for
  // a thing outside the 13.)
  const later = laterRequest ? lastRequestAfter(tokens, SENTENCE_STOPS) : undefined;
  // ("kidney stone, highlight the stone itself": a request after a comma that sets the scene)
  const afterComma = later ?? lastRequestAfter(tokens, CLAUSE_STOPS);
  const asked = (text: string) =>
    OUTSIDE_REQUEST.exec(text)?.[1] ?? FINDING_REQUEST.exec(text)?.[1] ?? BARE_FINDING.exec(text)?.[1];
  const requested = later
    ? (asked(later) ?? (SUBSTANCE_REQUEST.test(later) ? 'substance' : undefined))
    : tokens.some((t, i) => ASK_WORDS.has(t.text) && !relativeWord(tokens, i)) || laterRequest
      ? undefined
      : // ("Outline the right subphrenic space.": the closing stop is not part of the request.)
        (asked(normalised.replace(/(?: [.?!])+$/, '')) ??
        (afterComma !== undefined ? asked(afterComma) : undefined) ??
        (SUBSTANCE_REQUEST.test(normalised) ||
        BARE_SUBSTANCE.test(normalised) ||
        (afterComma !== undefined && SUBSTANCE_REQUEST.test(afterComma))
          ? 'substance'
          : undefined));
  const termAsked = TERM_ASKED.test(normalised) && !ORGAN_NAMED_AS_ANSWER.test(normalised);
  // ("can u trace the caudate lobe", "outline the lobe between the gallbladder fossa and …": a lobe
  // asked to be shown is its organ; which lobe is asked for is a name, N)
  const lobeShown = /^lobes?$/.test(requested ?? '');
  // ("show the main arterial trunk that gives off the gonadal arteries": the aorta itself)
  const mainTrunk = /^trunks?$/.test(requested ?? '') && MAIN_TRUNK.test(normalised);
  const outsideHead =
    OUTSIDE_HEAD.exec(normalised)?.[1] ??
    GERM_ASKED.exec(normalised)?.[1] ??
    COMMONEST_GERM.exec(normalised)?.[1] ??
    (termAsked ? 'term' : undefined) ??
    (lobeShown || mainTrunk ? undefined : requested);
  // "Which ducts drain urine …? show them": a command that only points back asks for the same thing.
  const commandsMore = tokens.some((t, i) => {
    if (!COMMAND_VERBS.has(t.text)) return false;
    let j = i + 1;
    if (tokens[j]?.text === 'me' || tokens[j]?.text === 'us') j++;
    if (!['it', 'them', 'those', 'these', 'that', 'this'].includes(tokens[j]?.text ?? '')) return true;
    // ("Which cells secrete renin? Outline those cells.": the head noun again points back)
    if (outsideHead && tokens[j + 1]?.text === outsideHead) return !endsAfterTrailers(tokens, j + 2);
    return !endsAfterTrailers(tokens, j + 1);
  });
  const physical = outsideHead !== undefined && PHYSICAL_HEADS.has(outsideHead.replace(/s$/, ''));
  // "What pigment gives bile its colour?": after a determiner the word is a noun, not a command.
  const commanded = tokens.some(
    (t, i) => COMMAND_VERBS.has(t.text) && !NOUN_DETERMINERS.has(tokens[i - 1]?.text ?? ''),
  );
  if (outsideHead && (requested || !(physical ? commandsMore : commanded))) return outsideHead;
  return undefined;
}

/**
 * True when the resolver answers N from the question's form alone (`outsideKindAsked`). The question
 * classifier is not trained on such questions: it never sees them at run time, and their words
 * ("which cells secrete acid?") would only teach it that organ facts mean N.
 */
export function answeredNoneByForm(question: string): boolean {
  const tokens = tokenize(question);
  return outsideKindAsked(tokens, tokens.map((t) => t.text).join(' ')) !== undefined;
}

/** Verbs of a vessel feeding or draining an organ ("which organ does the splenic artery supply?"). */
const SUPPLY_VERBS = new Set(
  'supply supplies supplying supplied feed feeds feeding fed drain drains draining drained perfuse perfuses perfused nourish nourishes nourished bring brings carry carries deliver delivers delivering serves served goes going'.split(
    ' ',
  ),
);
/** Words that may stand between a supply verb and the organ supplied ("brings oxygen-rich blood to the liver"). */
const SUPPLY_FILLERS = new Set(
  'the a its each both blood oxygenated deoxygenated oxygen rich nutrient venous arterial to my your his her their left right out of from away'.split(
    ' ',
  ),
);

/**
 * "Which artery supplies the spleen?", "which vein drains the left kidney?": the vessel asked for is
 * the organ's own branch or tributary (splenic artery, left renal vein), not the aorta or the IVC.
 * The organ supplied, when the question is of that shape.
 */
function suppliedOrgan(tokens: Token[], mentions: readonly Mention[], headNoun: string): OrganId | undefined {
  if (!/^(arter(y|ies)|veins?|vessels?)$/.test(headNoun)) return undefined;
  // "which vein from the left kidney …": "from" right after the vessel noun reads like "draining".
  const verb = tokens.findIndex(
    (t, j) =>
      SUPPLY_VERBS.has(t.text) ||
      (t.text === 'from' && /^(arter(y|ies)|veins?|vessels?)$/.test(tokens[j - 1]?.text ?? '')),
  );
  if (verb < 0) return undefined;
  const object = mentions.find((m) => m.start > verb);
  if (object?.target.kind !== 'organ' || object.adjective) return undefined;
  // ("the artery going into my left kidney": into after going; "carries blood into the liver" is
  // the portal vein's course, not a question of that shape)
  const going = tokens[verb]?.text === 'goes' || tokens[verb]?.text === 'going';
  if (
    tokens
      .slice(verb + 1, object.start)
      .some((t) => t.boundary || !(SUPPLY_FILLERS.has(t.text) || (going && t.text === 'into')))
  )
    return undefined;
  // "…the gut, the kidneys and the legs": several things fed is the aorta's job.
  const next = tokens[object.end];
  const listed = next?.raw === ',' && mentions.some((m) => m.start > object.end && m.start <= object.end + 3);
  if (next && (next.text === 'and' || listed)) return undefined;
  const ids = object.target.ids.filter((id) => id !== 5 && id !== 6);
  return ids.length === object.target.ids.length ? ids[0] : undefined;
}

/** Adjectives of an organ's own vessels ("splenic artery"): the lexicon's, plus a few vessel-only ones. */
const VESSEL_ADJECTIVES = new Map<string, readonly OrganId[]>([
  ...LEXICON.flatMap((e): [string, readonly OrganId[]][] =>
    e.adjective && e.target.kind === 'organ' && e.tokens.length === 1
      ? [[e.tokens[0] as string, e.target.ids]]
      : [],
  ),
  ['cystic', [9]],
  // The portal vein is named for the liver's portal (porta hepatis) it enters.
  ['portal', [1]],
  ['adrenal', [7, 8]],
  ['suprarenal', [7, 8]],
]);

/** A vein's end asked for: "drains straight into which option?", "into which option does it drain?" */
const DRAINS_INTO_ASKED =
  /\b(?:drain|drains|drained|draining|empty|empties|emptying|open|opens)(?: straight| directly| finally| right)? into\b|\binto (?:which|what)\b/;
/** Branches named for no organ, or for more than one: the organs they feed (standard textbook anatomy). */
const VESSELS_NAMED_FOR_MORE: ReadonlyArray<readonly [RegExp, readonly OrganId[]]> = [
  [/\bgastroduodenal\b/, [4, 11, 12]],
  [/\bpancreaticoduodenal\b/, [4, 12]],
  [/\binferior thyroid\b/, [10]],
  [/\b(?:short gastric|gastroepiploic|gastro epiploic)\b/, [11]],
];

/**
 * "Which organ does the splenic artery supply?", "the left renal vein drains which organ?": an
 * organ asked for through its own artery or vein, whose adjective names it.
 */
function vesselOrgan(tokens: Token[], mentions: readonly Mention[], headNoun: string): OrganId[] | undefined {
  // "the cystic artery, usually off the right hepatic — what does it supply?"
  const itSupplies =
    /\bwhat (?:does|do) (?:it|they|this|that) (?:supply|supplies|feed|feeds|drain|drains|serve)\b/.test(
      tokens.map((t) => t.text).join(' '),
    );
  if (
    !/^(organ|organs|gland|glands|structure|one|option|options)$/.test(headNoun) &&
    !(headNoun === '' && itSupplies)
  )
    return undefined;
  if (!tokens.some((t) => SUPPLY_VERBS.has(t.text))) return undefined;
  // ("the right adrenal vein drains straight into which option?" asks where it ends, not its organ)
  if (DRAINS_INTO_ASKED.test(tokens.map((t) => t.text).join(' '))) return undefined;
  const vessels = mentions.filter((m) => m.target.kind === 'outside' && m.target.topic === 'other vessels');
  if (vessels.length !== 1) return undefined;
  const first = vessels[0] as Mention;
  // Organs named after the vessel by an adjective only say where it comes from ("off the right hepatic").
  if (mentions.some((m) => m.target.kind === 'organ' && !(m.adjective && m.start >= first.end)))
    return undefined;
  const ids = organsOfVessel(tokens, first);
  return ids ? [...ids] : undefined;
}

/**
 * The organ(s) an outside vessel's name is of ("splenic artery" → the spleen, "right adrenal vein"
 * → the right adrenal, "adrenal vein" → both adrenals), if its name carries an organ's adjective.
 */
function organsOfVessel(tokens: Token[], vessel: Mention): readonly OrganId[] | undefined {
  const words = tokens.slice(vessel.start, vessel.end).map((t) => t.text);
  // (branches whose names carry no organ's adjective, or more than one organ)
  const named = VESSELS_NAMED_FOR_MORE.find(([re]) => re.test(words.join(' ')))?.[1];
  if (named) return named;
  const ids = words.map((w) => VESSEL_ADJECTIVES.get(w)).find((x) => x !== undefined);
  if (ids?.length === 2 && (words.includes('left') || words.includes('right'))) {
    const side = words.includes('left') ? 'left' : 'right';
    return ids.filter((id) => organById(id).side === side);
  }
  return ids;
}

/**
 * "Adrenal vein sampling both sides - highlight the glands": a request for "the gland(s)" or "the
 * kidney(s)" after a vessel named for them, with no organ named: the organ(s) the vessel is of.
 */
function ownerOfVessel(
  tokens: Token[],
  mentions: readonly Mention[],
  normalised: string,
): readonly OrganId[] | undefined {
  if (mentions.some((m) => m.target.kind === 'organ')) return undefined;
  const vessels = mentions.filter((m) => m.target.kind === 'outside' && m.target.topic === 'other vessels');
  const first = vessels[0];
  if (vessels.length !== 1 || !first) return undefined;
  const request = OWNER_REQUEST.exec(normalised);
  if (!request || normalised.slice(0, request.index).split(' ').length - 1 < first.end) return undefined;
  const ids = organsOfVessel(tokens, first);
  // (a pair's vessel only: the kidneys' or the adrenals', as the request asks)
  if (
    !ids?.length ||
    !ids.every((id) => organById(id).pairedWith !== undefined) ||
    (request[1] === 'kidney') !== ids.some((id) => id === 2 || id === 13)
  )
    return undefined;
  return ids;
}
const OWNER_REQUEST =
  /\b(?:show|highlight|outline|mark|segment|find|point to|point out)(?: me)? (?:the|that|this|those) (gland|kidney)s?\b(?! (?:that|which|whose|on|in|with|behind|near|next)\b)/;
const DRAINS_INTO =
  /\b(?:drains?|draining|empties|empty|emptying|returns?)(?: (?:straight|directly))? (?:in ?to|to)\b|^where (?:does|do) .* drain\b|\b(?:enters?|entering) (?:which|what|the)\b/;
const BRANCHES_OFF =
  /\b(?:comes? off|coming off|arises? from|arising from|branch(?:es)? (?:off|from)|originates? from|springs? from|gives? off|giving off|branch(?:es)? of (?:which|what|a|an|the)(?: [a-z]+)? (?:vessel|artery)|parent (?:vessel|artery|trunk))\b/;

/**
 * "The left renal vein drains into what?", "where does the right gonadal vein drain?", "which vessel
 * gives off the coeliac trunk?": an outside vessel whose trunk is asked for is the IVC (what veins
 * drain into) or the aorta (what arteries branch off); the left gonadal and left adrenal veins drain
 * into the left renal vein (N). Not a request for the vessel itself ("show the hepatic veins
 * draining into the IVC").
 */
function trunkOfVessel(
  tokens: Token[],
  mentions: readonly Mention[],
  normalised: string,
  headNoun: string,
): OrganId | 'left renal vein' | 'branch' | undefined {
  const vessels = mentions.filter((m) => m.target.kind === 'outside' && m.target.topic === 'other vessels');
  const first = vessels[0];
  if (!first) return undefined;
  // Asked with a question word, or described by a vessel noun before it ("the artery the coeliac
  // trunk comes off").
  const described =
    tokens.slice(0, first.start).some((t) => /^(vessels?|arter(y|ies)|veins?)$/.test(t.text)) ||
    // "…the hepatic veins are blocked. Show the large vessel those veins normally empty into."
    /\b(?:show|highlight|outline|mark|segment|find)(?: me)? the (?:[a-z]+ ){0,2}(?:vessel|vein|artery)\b/.test(
      normalised.slice(normalised.split(' ').slice(0, first.end).join(' ').length),
    );
  if (!described && !tokens.some((t) => ASK_WORDS.has(t.text))) return undefined;
  if (headNoun && !/^(vessels?|arter(y|ies)|veins?|one|structure)$/.test(headNoun)) return undefined;
  if (mentions.some((m) => m.target.kind === 'organ' && !m.adjective)) return undefined;
  // The left gonadal and left adrenal veins drain into the left renal vein, not the IVC.
  const words = tokens.slice(first.start, first.end).map((t) => t.text);
  if (words.includes('left') && words.some((w) => ['gonadal', 'adrenal', 'suprarenal'].includes(w)))
    return DRAINS_INTO.test(normalised) ? 'left renal vein' : undefined;
  // The cystic, gastric, gastroduodenal and the like are branches of the aorta's branches: what
  // gives them off is none of the 13.
  if (
    BRANCHES_OFF.test(normalised) &&
    words.some((w) => /^(?:cystic|gastric|gastroduodenal|pancreaticoduodenal|gastroepiploic|short)$/.test(w))
  )
    return 'branch';
  if (BRANCHES_OFF.test(normalised)) return 5;
  // The splenic and mesenteric veins drain into the portal vein, not the IVC.
  if (words.some((w) => /^(?:splenic|mesenteric|smv|imv|portal|gastric|gastroepiploic|umbilical)$/.test(w)))
    return undefined;
  if (
    DRAINS_INTO.test(normalised) &&
    vessels.some((m) => tokens.slice(m.start, m.end).some((t) => /^veins?$/.test(t.text)))
  )
    return 6;
  return undefined;
}

/** "In nutcracker syndrome a vein gets pinched … Highlight that vein." (asked with no question word) */
const NUTCRACKER_SHOWN =
  /\b(?:show|highlight|outline|mark|segment)(?: me)? (?:that|this|the) (?:vein|vessel)\b/;
const NUTCRACKER_VESSEL =
  /\b(?:which|what) (?:vessel|vein)\b(?: is)?(?: the one)?(?: that)? (?:gets |is |becomes )?(?:compressed|squeezed|pinched|trapped|caught|nutcracked)\b/;
const IVC_FORMED =
  /\b(?:formed|made|created|begins|starts|arises|born)\b(?: [a-z0-9]+){0,8} (?:the )?(?:two |left and right |right and left )?common iliac veins\b|\bcommon iliac veins (?:join|joining|unite|uniting|meet|meeting|merge|merging|converge|converging)\b/;
const PORTAL_FORMED =
  /\bformed\b.*\b(?:splenic|superior mesenteric|smv)\b.*\b(?:splenic|superior mesenteric|smv)\b.*\bveins? (?:join|joins|unite|unites|meet|meets|merge|merge)\b|\b(?:formed|made) (?:[a-z]+ ){0,6}by (?:the )?(?:superior mesenteric|splenic|smv)(?: vein)? and (?:the )?(?:superior mesenteric|splenic|smv)(?: veins?)?\b|\b(?:splenic vein|superior mesenteric vein|smv)\b.*\b(?:splenic vein|superior mesenteric vein|smv)\b.*\b(?:form|forms|forming|formed|make|makes|create|creates|become|becomes)\b|\b(?:splenic vein|superior mesenteric vein|smv)\b.*\b(?:join|joins|unite|unites|meet|meets|merge|merges)\b.*\b(?:form|forms|make|makes|become|becomes)\b/;
const JUICE_INTO =
  /\b(?:pancreas|gallbladder|liver)\b(?: [a-z]+){0,2} (?:drain|drains|empty|empties|release|releases|pour|pours|deliver|delivers|send|sends|secrete|secretes) (?:its |their )?(?:juice|juices|enzymes|bile|secretions)\b(?: [a-z]+){0,2} (?:in ?to|in)\b/;
/** "…where bile and pancreatic juice pour in" */
/** "the organ the gallbladder empties its bile into": through the cystic and common bile ducts, the duodenum. */
const GALLBLADDER_INTO =
  /\b(?:gallbladder|gb)\b(?: (?:eventually|then|finally|ultimately|actually))? (?:drain|drains|empty|empties|release|releases|squeeze|squeezes|squirt|squirts|send|sends|deliver|delivers|pour|pours)(?: (?:its|the|that) bile| bile)?(?: [a-z]+){0,2}? (?:in ?to|in)\b|\bwhere does the (?:gallbladder|gb) (?:drain|empty|release|send|squeeze|squirt|deliver)\b|\b(?:empties|drains|releases|sends|squeezes) (?:that|its|the) bile (?:in ?to|in)\b|\b(?:in ?to )?(?:which|what) (?:organ|bowel|part of the gut) (?:does|do) (?:the )?bile (?:finally |eventually |ultimately |then )?(?:drain|flow|empty|go|end up|pass)\b/;
const JUICES_ENTER_GUT =
  /\b(?:bile|pancreatic juices?|pancreatic enzymes)(?: and (?:bile|pancreatic juices?|pancreatic enzymes))? (?:enter|enters|reach|reaches) the (?:gut|bowel|intestine|small bowel|small intestine)\b|\b(?:bile|pancreatic juices?|pancreatic enzymes) and (?:bile|pancreatic juices?|pancreatic enzymes) (?:first )?(?:meet|meets|mix with|mixes with|join|joins|hit|hits) (?:the )?(?:chyme|food|stomach contents)\b/;
const JUICES_POUR_IN =
  /\b(?:bile|pancreatic juices?|pancreatic enzymes|digestive juices)(?: and (?:bile|pancreatic juices?|pancreatic enzymes))? (?:first )?(?:pour|pours|drain|drains|empty|empties|enter|enters|flow|flows|arrive|arrives|come|comes|get|gets) in(?:to)?(?: [?.!,]|$)/;
const OUTLET_DUCT =
  /\b(?:common bile duct|cbd|bile duct|main pancreatic duct|pancreatic duct|duct of wirsung|ampulla of vater|ampulla)\b/;
const DUCT_INTO =
  /\b(?:drains?|draining|empties|empty|emptying|opens?|opening|enters?|entering|discharges?|discharging|ends?|terminates?)(?: (?:straight|directly))? (?:in ?to|in|to)\b/;

/**
 * The common bile duct and the pancreatic duct open into the duodenum (at the ampulla of Vater):
 * "where does the CBD empty into?", "the pancreatic duct drains into which organ?". Not the cystic
 * or hepatic ducts (they join other ducts), and not a question for the duct itself.
 */
function ductOutlet(
  tokens: Token[],
  mentions: readonly Mention[],
  normalised: string,
  headNoun: string,
): boolean {
  if (!tokens.some((t) => ASK_WORDS.has(t.text))) return false;
  if (headNoun && !/^(organs?|part|one|structure|bowel|gut)$/.test(headNoun)) return false;
  const duct = OUTLET_DUCT.exec(normalised);
  if (!duct || /\b(?:cystic|hepatic|accessory|santorini)\b/.test(normalised)) return false;
  const rest = normalised.slice(duct.index);
  if (!DUCT_INTO.test(rest.split(/ [?.!] /)[0] ?? '')) return false;
  return !mentions.some(
    (m) => m.target.kind === 'organ' && !m.adjective && !m.target.ids.every((id) => id === 12),
  );
}

/**
 * "Which gland's vein drains into the left renal vein?": the left adrenal vein joins the left renal
 * vein, the right one enters the IVC directly (read before a vessel's own organ: the gland's vein,
 * not the renal vein, is the subject).
 */
const GLAND_VEIN_INTO: ReadonlyArray<[RegExp, OrganId]> = [
  [
    /\b(?:which|what|outline|show|highlight|mark|segment|find|circle)(?: me)? (?:the |a )?(?:[a-z]+ ){0,2}?gland(?: s| whose) (?:own )?veins? (?:[a-z]+ ){0,2}?(?:drains?|empties|empty|opens?) (?:straight |directly )?(?:in ?to|to) the (?:left renal vein|lrv)\b/,
    8,
  ],
  [
    /\b(?:which|what|outline|show|highlight|mark|segment|find|circle)(?: me)? (?:the |a )?(?:[a-z]+ ){0,2}?gland(?: s| whose) (?:own )?veins? (?:[a-z]+ ){0,2}?(?:drains?|empties|empty|opens?) (?:straight |directly )?(?:in ?to|to) the (?:ivc|inferior vena cava|vena cava|cava)\b/,
    7,
  ],
];

const Q = '(?:which|what)';
const LEFT_RENAL_VEIN = '(?:left renal vein|lrv)';
/**
 * Relations between a named structure and one of the 13, read when the question asks for the
 * organ on the other side of the relation ("the left renal vein crosses in front of which of the
 * 13?" is the aorta, "into which organ does the right adrenal vein drain?" the IVC). Bag-of-words
 * matching cannot tell these from questions about the structure's own organ, so they are exact.
 */
const RELATION_FACTS: ReadonlyArray<[RegExp, OrganId]> = [
  // The lesser omentum runs from the lesser curvature (and the first part of the duodenum) to the liver.
  [
    /^(?!.*\b(?:liver|hepatic|livers)\b).*\blesser omentum\b.*\b(?:connects?|connecting|attaches?|attaching|joins?|joining|links?|linking|runs?|running|passes?|passing|extends?|extending|stretches|stretching|goes|going)\b.*\bto (?:which|what)(?: organ| one| solid organ)?(?! organs| two| ones)\b/,
    1,
  ],
  // A Kasai portoenterostomy joins a Roux limb to the porta hepatis; after a Billroth II the
  // duodenum is the blind afferent loop.
  [/\bkasai\b.*\b(?:which|what) organ\b/, 1],
  [/\bafferent loop\b.*\b(?:which|what) organ\b|\b(?:which|what) organ\b.*\bafferent loop\b/, 12],
  // A distal pancreatectomy usually takes the spleen with the pancreatic tail.
  [
    /\bdistal pancreatectomy\b.*\b(?:which|what) (?:other |neighbouring |neighboring |adjacent |additional |nearby |second )(?:organ|one)\b/,
    3,
  ],
  // "highlight the organ the gb is stuck to": the gallbladder hangs in a fossa under the liver.
  [
    /\b(?:gallbladder|gb) (?:is |s )?(?:stuck|attached|fixed|adherent|glued|hanging|tucked|nestled|stuck on) (?:on|onto|to|from|under|beneath|against|in)\b|\b(?:organ|one) (?:that )?the (?:gallbladder|gb) (?:hangs|sits|lies|rests|is stuck) (?:from|on|under|beneath|against|in|to)\b|\bwhose (?:fossa|bed|under ?side|under ?surface|groove) (?:the )?(?:gallbladder|gb|it)\b|\b(?:holds|cradles|houses) the (?:gallbladder|gb)\b/,
    1,
  ],
  [
    new RegExp(
      `\\b(?:in ?to|to) ${Q}\\b.*\\bright (?:adrenal|suprarenal|gonadal|testicular|ovarian) veins? drains?\\b|\\b(?:right |on the right (?:, )?(?:the )?)(?:adrenal|suprarenal|gonadal|testicular|ovarian) veins? (?:[a-z]+ ){0,5}?(?:drains?|empties|empty|opens?|ends?|terminates?) (?:directly |straight )?(?:in ?to|to|in) ${Q}\\b|^where (?:does|do) the right (?:adrenal|suprarenal|gonadal) veins? drain\\b|\\b${Q} (?:option|vessel|one|structure)? ?(?:receives|collects|takes) (?:the )?(?:short |tiny |little )?right (?:adrenal|suprarenal|gonadal|testicular|ovarian) veins?\\b`,
    ),
    6,
  ],
  [
    new RegExp(
      `\\bright renal arter(?:y|ies) (?:[a-z]+ ){0,2}?(?:passes|runs|goes|travels|courses|pass|run|go|lies|lie) (?:behind|posterior to|dorsal to) ${Q}\\b|\\b(?:behind|posterior to) ${Q}\\b.*\\bright renal arter(?:y|ies)\\b|\\b${Q}\\b.*\\bdoes the right renal artery (?:pass|run|go|travel|course|lie) behind\\b`,
    ),
    6,
  ],
  [
    new RegExp(
      `\\b${LEFT_RENAL_VEIN} (?:[a-z]+ ){0,2}?(?:crosses|passes|runs|lies|goes|travels|cross|pass|run|lie|go) (?:in front of|anterior to|over|across|ventral to) ${Q}\\b|\\b(?:in front of|anterior to) ${Q}\\b.*\\b${LEFT_RENAL_VEIN}\\b|\\b${Q}\\b.*\\bdoes the ${LEFT_RENAL_VEIN} cross\\b|\\bnutcracker\\b.*\\b(?:posterior|back|lower|deep) jaw\\b|\\bnutcracker\\b.*\\b${Q} (?:vessel|artery|one)\\b.*\\bfrom behind\\b`,
    ),
    5,
  ],
  [
    /\b(?:posterior|back) (?:wall|boundary|border)\b.*\b(?:epiploic|omental) foramen\b|\b(?:posterior|back) (?:wall|boundary|border)\b.*\bforamen of winslow\b/,
    6,
  ],
  [
    /\b(?:inferior|lower) (?:wall|boundary|border)\b.*\b(?:epiploic|omental) foramen\b|\b(?:inferior|lower) (?:wall|boundary|border)\b.*\bforamen of winslow\b/,
    12,
  ],
  [
    /\b(?:superior|upper) (?:wall|boundary|border)\b.*\b(?:epiploic|omental) foramen\b|\b(?:superior|upper) (?:wall|boundary|border)\b.*\bforamen of winslow\b/,
    1,
  ],
  [
    new RegExp(
      `\\b(?:behind|posterior to) the neck of ${Q}\\b|\\bportal vein\\b.*\\b(?:forms?|formed|begins?|arises?|is made)\\b.*\\bbehind ${Q}\\b|\\bsplenic vein (?:[a-z]+ ){0,2}?(?:runs|lies|passes|courses|travels|run|lie|pass) (?:behind|along the back of|posterior to) ${Q}\\b`,
    ),
    4,
  ],
  [new RegExp(`\\bannular pancreas\\b.*\\b${Q}(?: [a-z]+)? (?:forms|makes|is) the ring\\b`), 4],
  // A renal cell carcinoma's tumour thrombus grows along the renal vein into the IVC.
  [
    /\b(?:(?:right|left) )?(?:renal cell|rcc|renal)\b.*\btumou?r thrombus\b.*\b(?:show|highlight|outline|mark|which|what)(?: me)? (?:the |that )?(?:[a-z]+ )?(?:vessel|vein)\b/,
    6,
  ],
  // The diaphragm's openings, one at a time ("the muscular tube passing through at T10").
  [
    /\b(?:tube|structure|organ|one|which|what)\b(?: [a-z]+){0,4} (?:passing|passes|going|goes|runs|running) through the diaphragm at t10\b/,
    10,
  ],
  [
    /\b(?:vessel|vein|structure|one|which|what)\b(?: [a-z]+){0,4} (?:passing|passes|going|goes|runs|running) through the diaphragm at t8\b/,
    6,
  ],
  [
    /\b(?:vessel|artery|structure|one|which|what)\b(?: [a-z]+){0,4} (?:passing|passes|going|goes|runs|running) (?:through|behind) the diaphragm at t12\b/,
    5,
  ],
  // Virchow's node: the classic spread of a gastric cancer.
  [/\bvirchow s node\b.*\b(?:organ|primary)\b/, 11],
  // "Annular pancreas: … show me the organ it constricts", "whatever's wrapped round the head of
  // the pancreas"
  [
    /\bannular pancreas\b.*\b(?:constricts?|encircles?|obstructs?|surrounds?|narrows?|strangles?|strangled)\b/,
    12,
  ],
  [
    /\b(?:wrapped|wraps|curves|curved|curls|loops|cupping|cups) (?:round|around) the (?:head of the pancreas|pancreatic head)\b/,
    12,
  ],
  // "the organ whose head sits in the C-loop of the duodenum", "which organ nestles inside the C-loop"
  [
    /\b(?:head (?:sits|lies|is|nestles|rests)|nestles?|nestled|sits|sitting|lies|lying|is tucked|tucked|cradled) (?:in|inside|within|into) the (?:duodenum s |duodenal )?(?:c loop|c shaped loop|curve|concavity|c)(?: of the duodenum)?\b(?! of (?:which|what)\b)|\b(?:gland|organ|one) (?:that |which )?the (?:c loop|c shaped loop|duodenal loop|duodenum) (?:cradles|cups|hugs|encircles|wraps around|wraps round|curves around|curves round)\b/,
    4,
  ],
  // Brunner's glands are in the duodenum's submucosa; a Billroth operation removes part of the
  // stomach; the portal vein enters the liver.
  [/\bbrunner s glands?\b/, 12],
  // A posterior ulcer that erodes the gastroduodenal artery is in the duodenal bulb.
  [
    /^(?=.*\b(?:(?:outline|show|highlight|segment|mark) (?:me )?(?:the |that )?|which |what )(?:organ|bowel|part)\b)(?:.*\bgastroduodenal artery\b[^.?!]*\bulcer\b|.*\bulcer\b[^.?!]*\bgastroduodenal artery\b)/,
    12,
  ],
  [/\bbillroth (?:i|ii|1|2|one|two)\b.*\b(?:removal|resection|excision) of (?:which|what)\b/, 11],
  [
    /\bportal vein (?:[a-z]+ ){0,2}?(?:goes|enters|drains|runs|empties|flows|(?:carries|takes|brings|delivers) (?:its |all its |all of its |the )?(?:blood|nutrients)) (?:in ?to|to)\b(?! the liver\b)/,
    1,
  ],
  // "The common bile duct passes behind the first part of which organ?": the duodenum has parts.
  [new RegExp(`\\b(?:first|second|third|fourth|1st|2nd|3rd|4th|d1|d2|d3|d4) part of ${Q}\\b`), 12],
  // "Where's the vein that the caudate lobe wraps around?"
  [
    /\b(?:vein|vessel)s? (?:that )?the caudate (?:lobe )?(?:wraps|curls|lies|sits) (?:around|round|against|on)\b/,
    6,
  ],
  // "What's lying in the fossa on the undersurface of the liver between segments IV and V?"
  [
    /\b(?:in|occupies|occupying|fills|filling) the (?:gallbladder fossa|fossa (?:on|in) the (?:undersurface|underside|under surface|visceral surface|inferior surface) of the liver)\b/,
    9,
  ],
  [
    /\bgreater omentum\b(?: [a-z]+){0,6} (?:from|off) (?:which|what)\b|\b(?:which|what) organ does the greater omentum (?:hang|drape|come|dangle)(?: down)? (?:from|off)\b|\bwhose (?:greater|lesser) curv(?:ature|e)\b|\b(?:greater|lesser) curv(?:ature|e) of (?:which|what)\b|\brotation\b.*\bvag(?:us|al)\b|\bvag(?:us|al)\b.*\brotation\b/,
    11,
  ],
  [
    /\b(?:crosses|passes|runs|cross|pass|run) (?:in front of|anterior to|over|across) (?:both )?the (?:ivc|inferior vena cava|aorta) and (?:the )?(?:ivc|inferior vena cava|aorta)\b|\bc shaped (?:[a-z]+ ){0,3}?(?:loop|bowel|part|segment|tube)\b(?:.*\b(?:head of the pancreas|pancreatic head)\b)?|\bloop of (?:bowel|gut|intestine)\b.*\b(?:head of the pancreas|pancreatic head)\b/,
    12,
  ],
];

/**
 * The organ a relation fact gives when the question asks for it (see RELATION_FACTS), with the
 * tokens the fact spans (organs named inside it are its landmarks).
 */
function relationFact(
  normalised: string,
  tokens: Token[],
): { id: OrganId; start: number; end: number } | undefined {
  if (
    !tokens.some(
      (t) =>
        ASK_WORDS.has(t.text) || t.text === 'whose' || t.text === 'whatever' || COMMAND_VERBS.has(t.text),
    ) &&
    !/^(?:organ|the organ|bowel|loop|c shaped)\b/.test(normalised)
  )
    return undefined;
  // ("…, and which organ does its tail touch?": a second question is not the fact's.)
  if (/\b(?:and|,) (?:which|what)\b/.test(normalised)) return undefined;
  const found = RELATION_FACTS.map(([re, id]) => ({ id, match: re.exec(normalised) })).filter((f) => f.match);
  const first = found[0];
  if (!first?.match || !found.every((f) => f.id === first.id)) return undefined;
  const tokenAt = (offset: number) => (normalised.slice(0, offset).match(/ /g) ?? []).length;
  return {
    id: first.id,
    start: tokenAt(first.match.index),
    end: tokenAt(first.match.index + first.match[0].length) + 1,
  };
}

/**
 * Whether an organ is asked for by name outside the span of a fact or description, so that the
 * message asks for more than what the span describes ("…, not the pancreas" asks for nothing).
 */
function requestedOutside(
  tokens: Token[],
  mentions: readonly Mention[],
  span: { start: number; end: number },
): boolean {
  return mentions.some(
    (m) =>
      m.target.kind === 'organ' &&
      !m.adjective &&
      m.role === 'direct' &&
      (m.start < span.start || m.end > span.end) &&
      !['not', 'except', 'without'].includes(tokens[beforeArticlesAndSides(tokens, m.start)]?.text ?? ''),
  );
}

/** Spaces, folds and junctions named by the organs they lie between. */
const RELATIONS: ReadonlyArray<[RegExp, readonly OrganId[]]> = [
  [
    /\b(?:morison s pouch|morisons pouch|hepatorenal (?:pouch|recess|space)|right upper quadrant view|ruq view)\b/,
    [1, 2],
  ],
  [/\blesser omentum\b/, [1, 11, 12]],
  [/\bgastrosplenic ligament\b|\bgastrolienal ligament\b/, [11, 3]],
  [/\bhepatoduodenal ligament\b/, [1, 12]],
  [/\bhepatogastric ligament\b/, [1, 11]],
  [/\b(?:splenorenal|lienorenal) ligament\b/, [3, 13]],
  [/\b(?:pylorus|pyloric (?:sphincter|canal|valve)|prepyloric vein|vein of mayo)\b/, [11, 12]],
  [
    /\b(?:gastro ?o?esophageal junction|ge junction|gastric cardia|the cardia|lower o?esophageal sphincter|angle of his|his angle|cardiac notch)\b/,
    [10, 11],
  ],
  [/\b(?:fetus|fetal|foetal|foetus)\b.*\b(?:blood|haematopoiesis|hematopoiesis)\b/, [1, 3]],
  // duodenal atresia: the stomach and the duodenum proximal to the atresia fill with air
  [/\bdouble bubble\b/, [11, 12]],
  // The liver's own capsule ("which organ does Glisson's capsule invest?").
  [/\bglisson s capsule\b|\bglissons capsule\b/, [1]],
  // A fold or cord of the liver alone ("which organ is the falciform ligament attached to?").
  [
    /\bfalciform ligament\b|\bcoronary ligaments?\b|\bligamentum (?:teres|venosum)\b|\bround ligament of the liver\b/,
    [1],
  ],
];

/**
 * The organs a named space or fold lies between, less the organs named as context, when the question
 * asks for as many as are left: several ("which two organs", "what and what") or one ("between the
 * liver and which organ?").
 */
function relatedOrgans(
  normalised: string,
  named: ReadonlySet<OrganId>,
  allowed?: readonly OrganId[],
): OrganId[] | undefined {
  // "Show the gastro-oesophageal junction — both organs on either side of it" asks as well.
  if (
    !/\b(?:which|what)\b|\b(?:both|two|2) organs\b|\bboth of them\b|\b(?:either|each) side\b|\b(?:another|other) organ\b/.test(
      normalised,
    )
  )
    return undefined;
  // "The tail of which organ lies in the splenorenal ligament?" asks for a part's organ.
  if (new RegExp(`\\b(?:${[...PART_NOUNS].join('|')}) of (?:which|what)\\b`).test(normalised))
    return undefined;
  const found = RELATIONS.find(([re]) => re.test(normalised));
  if (!found) return undefined;
  // "…caused by a ring of which gland wrapped around the duodenum?": the kind asked for must fit.
  if (allowed && !found[1].some((id) => allowed.includes(id))) return undefined;
  const left = found[1].filter((id) => !named.has(id));
  const plural = PLURAL_ASK.test(normalised);
  // (a relation of one organ answers only "which organ …?": "what cord lies in the falciform
  // ligament?" asks for the cord)
  if (found[1].length === 1)
    return /\b(?:which|what) organ\b/.test(normalised) && left.length === 1 ? left : undefined;
  if (plural ? left.length >= 2 : left.length === 1 && left.length < found[1].length) return left;
  return undefined;
}

/** Words after "scratch that" that keep part of the request ("…, just the left", "…, outline it"). */
const KEEP_WORDS = new Set([
  ...SIDE_WORDS.keys(),
  'one',
  'ones',
  'just',
  'only',
  'both',
  'it',
  'them',
  'other',
]);
const OVERVIEW_ASKED =
  /\b(?:what|which(?: organs?)?) (?:do|can|could) (?:you|u) see\b|\bwhat (?:is|s) (?:in|on) (?:this|the|my) (?:image|slice|scan|picture|pic)\b|\bwhat (?:organs|structures) (?:are|r) (?:visible|shown|there|here|in)\b/;
const WHOLE_TAKE_BACKS: readonly (readonly string[])[] = [
  ['forget', 'it'],
  ['forget', 'that'],
  ['forget', 'about', 'it'],
  ['never', 'mind'],
  ['nvm'],
  ['scratch', 'that'],
  ['cancel', 'that'],
  ['don', 't', 'bother'],
  ['dont', 'bother'],
  ['ignore', 'that'],
  ['disregard', 'that'],
  ['scrap', 'that'],
  // "Segment the left kidney. Wait, scrap it, I don't need anything after all."
  ['scrap', 'it'],
  // "Segment the stomach. Eh, scratch it, a colleague already did it.", "…, scrap the lot"
  ['scratch', 'it'],
  ['scrap', 'the', 'lot'],
  ['scratch', 'the', 'lot'],
  ['scrap', 'all', 'of', 'it'],
  ['need', 'anything', 'after', 'all'],
  ['cancel', 'it'],
  ['cancel', 'that'],
  ['cancel', 'the', 'whole', 'thing'],
  ['cancel', 'everything'],
  // "Highlight aorta and IVC... actually drop both and show pancreas", "undo that, the spleen"
  ...[
    'drop',
    'remove',
    'forget',
    'scrap',
    'cancel',
    'undo',
    'clear',
    'ditch',
    'lose',
    'delete',
    'scratch',
    'nix',
    'skip',
  ].flatMap((verb) => [
    [verb, 'both'],
    [verb, 'those'],
    [verb, 'them'],
    [verb, 'them', 'all'],
    [verb, 'all', 'of', 'them'],
    [verb, 'everything'],
  ]),
  ['undo', 'that'],
  ['undo', 'it'],
  // "show K. actually take it back, no K, nothing", "On second thought, leave everything alone.",
  // "Actually, forget all of that."
  ['take', 'it', 'back'],
  ['take', 'that', 'back'],
  ['take', 'both', 'back'],
  ['take', 'them', 'back'],
  ['take', 'them', 'all', 'back'],
  ['leave', 'everything', 'alone'],
  ['leave', 'it', 'all'],
  ...['forget', 'scrap', 'cancel', 'ignore', 'drop'].flatMap((verb) => [
    [verb, 'all', 'of', 'that'],
    [verb, 'all', 'that'],
    [verb, 'all', 'of', 'it'],
  ]),
  // "the aorta please - cancel, figured it out myself 👍": found by the user, so withdrawn
  ['figured', 'it', 'out'],
  ['worked', 'it', 'out'],
  ['sorted', 'it', 'out'],
  // "outline the kidneys, actually no, skip it"
  ['skip', 'it'],
  ['skip', 'that'],
  // "i was going to ask for the liver but changed my mind … nothing for now"
  ['nothing', 'for', 'now'],
  // "Which organ makes insulin? No - forget that question, nothing needed."
  ['forget', 'that', 'question'],
  ['forget', 'the', 'question'],
  ['nothing', 'needed'],
  // "the gallbladder and spleen... jk, neither", "…; on second thought none of them"
  ...['jk', 'kidding', 'actually', 'thought', 'wait', 'nah', 'nope', 'hmm', 'cancel', 'nvm', 'mind'].flatMap(
    (cue) =>
      [[], [',']].flatMap((comma) => [
        [cue, ...comma, 'neither'],
        [cue, ...comma, 'none', 'of', 'them'],
        [cue, ...comma, 'none', 'of', 'those'],
        [cue, ...comma, 'nothing'],
      ]),
  ),
  ['undo', 'this'],
  // "Show the gallbladder. Hmm, on second thought, don't highlight anything at all."
  ...[['don', 't'], ['dont'], ['do', 'not']].flatMap((not) =>
    ['show', 'highlight', 'outline', 'mark', 'segment', 'draw'].map((verb) => [...not, verb, 'anything']),
  ),
  // "Outline the pancreas. Actually, forget the scan: what's the weather in Lisbon tomorrow?"
  ['forget', 'the', 'scan'],
  ['forget', 'the', 'image'],
  ['forget', 'the', 'scans'],
  // "show the stomach.. oops sorry, didn't mean to send that", "adrenals? ...ignore me, wrong patient"
  ['mean', 'to', 'send'],
  ['ignore', 'me'],
  ['wrong', 'patient'],
  ['actually', 'cancel'],
  // "stomach pls — nah, cancel that, I'll just look myself"
  ['look', 'myself'],
  ['check', 'myself'],
  ['find', 'it', 'myself'],
];

/** Words after "don't show anything" that keep something ("anything else", "anything but …"). */
const ANYTHING_BUT = new Set([
  'else',
  'but',
  'except',
  'other',
  'besides',
  'apart',
  'that',
  'which',
  'more',
  'beyond',
  'outside',
  'further',
]);

/** Index just after the last phrase that takes back the whole request ("forget it"), or -1. */
/** `WHOLE_TAKE_BACKS` by their first word, in their order, so each word looks up only its own. */
const TAKE_BACKS_BY_FIRST = new Map<string, Array<readonly string[]>>();
for (const phrase of WHOLE_TAKE_BACKS) {
  const first = phrase[0] as string;
  TAKE_BACKS_BY_FIRST.set(first, [...(TAKE_BACKS_BY_FIRST.get(first) ?? []), phrase]);
}
function wholeTakeBack(tokens: Token[]): number {
  let at = -1;
  for (let i = 0; i < tokens.length; i++) {
    for (const phrase of TAKE_BACKS_BY_FIRST.get((tokens[i] as Token).text) ?? []) {
      if (!phrase.every((w, k) => tokens[i + k]?.text === w)) continue;
      // "…, don't bother with the vessels" takes back only what follows.
      const next = tokens[i + phrase.length]?.text;
      if (next === 'with' || next === 'about' || next === 'showing' || next === 'marking') continue;
      // ("…don't highlight anything else / anything but the liver" keeps what is asked)
      if (phrase.at(-1) === 'anything' && ANYTHING_BUT.has(next ?? '')) continue;
      // ("…now remove both vessels", "drop both kidneys": "both" opens a name, only it is taken back)
      if (
        phrase.at(-1) === 'both' &&
        next !== undefined &&
        !tokens[i + phrase.length]?.boundary &&
        !['and', 'of', 'then', 'now', 'too', 'actually', 'please', 'pls', 'plz', 'thanks'].includes(next)
      )
        continue;
      at = i + phrase.length;
    }
  }
  return at;
}

function negatedTokens(mentions: readonly Mention[]): Set<number> {
  const hidden = new Set<number>();
  for (const m of mentions) if (m.role === 'negated') for (let j = m.start; j < m.end; j++) hidden.add(j);
  return hidden;
}

/** Words the cache sees: everything but negated names (context names stay: they describe neighbours). */
function queryWords(tokens: Token[], mentions: Mention[]): string[] {
  const hidden = negatedTokens(mentions);
  const words: string[] = [];
  tokens.forEach((t, j) => {
    if (!t.boundary && !hidden.has(j)) words.push(t.text);
  });
  return words;
}

let shipped: QuestionClassifier | undefined;
/** The shipped model, read once per process (every resolver shares it; it is read-only). */
function shippedClassifier(): QuestionClassifier {
  shipped ??= loadQuestionClassifier();
  return shipped;
}

/** A question about a lab reference value. */
const REFERENCE_VALUE =
  /\b(normal|reference|healthy|usual) (range|ranges|value|values|level|levels|limit|limits)\b|\bwhat (is|s|counts as|are) (a |an |the )?normal\b/;
/** …unless it asks for an organ all the same ("which organ makes the enzyme with a normal range …"). */
const ORGAN_ASKED = /\b(which|what) (organ|organs|gland|glands|part|structure|vessel|one)\b|\bwhere\b/;
/** Words that say more than one organ is asked for ("which organs", "show both"). */
const COUNT_ASK =
  /\b(?:which|what)(?: [a-z]+){0,2}? (two|three|2|3)(?: [a-z]+)? (?:organs|structures|vessels|glands|things|parts)\b/;
/** "which organs …", "show the organs responsible", "point out the glands responsible": both of a pair. */
const PLURAL_HEAD =
  /\b(which|what)(?: [a-z0-9]+){0,2}? (organs|glands)\b|\b(?:show|outline|highlight|segment|mark|contour|point out|find)(?: me)? (?:the|all|those|these|both) (organs|glands)(?: (?:responsible|involved|affected|implicated|to blame|at fault|that|which)\b| ?(?:[.!?]|$))/;
const PLURAL_ASK =
  /\b(organs|glands|structures|vessels|ones|both|two|three)\b|\b(what|which) and (what|which)\b|\b(?:which|what) (?:options|choices|letters)\b/;
const CONJUNCTIONS = new Set(['and', 'plus', '&']);
/** "where's the upper pole of the right kidney" (see plainer). */
const WHERE_POLE =
  /\bwhere(?: is|['’]s| s|s)? (?:the )?(upper|lower|superior|inferior) pole of (?=(?:the |my |his |her |this )?(?:left |right )?kidney\b)/gi;
/** "its partner across the midline", "its twin on the opposite side" (see plainer). */
const PARTNER_ACROSS =
  /\b(?:its|the) (?:partner|twin|counterpart|mate|pair|fellow) (?:across the midline|on the (?:other|opposite) side(?: of the (?:body|midline))?)\b|\bthe one across the midline\b/gi;
/** "I don't want the right adrenal; I want the other one" (see plainer). */
const DONT_WANT_OTHER =
  /\bi (?:don['’]?t|do not) want (the (?:left|right) [a-z]+(?: gland)?)\s*[;,.:—–-]+\s*(?:i (?:want|need|meant|mean)|give me|show me) the other one\b/gi;
/** "Not just the left kidney — its adrenal too" (see plainer). */
const ITS_ADRENAL_TOO =
  /^\s*not just (the (left|right) kidney)\s*[,;:—–-]+\s*(?:but )?(?:also )?its (?:adrenal|suprarenal)(?: gland)?(?: too| as well)?\s*[.!]?\s*$/i;
/** "Only the left kidney, plus …" (see plainer). */
const ONLY_PLUS = /^\s*(?:only|just) (the [^,;]+?),? plus /i;
/** "…vein drains into?": a question that stops at its preposition (with no question word). */
const INTO_WHAT =
  /\b(drains?\s+into|empties\s+into|empty\s+into|opens?\s+into|flows?\s+into|arises?\s+from|comes?\s+off|branch(?:es)?\s+off|originates?\s+from)\s*\?\s*$/i;
/** "in the option list", "from your options list": the list of options. */
const IN_OPTION_LIST = /\b(?:in|on|from) (?:the|your|ur) options? list\b/gi;
/** ", not counting None", "(ignoring option N)": the organs are counted without N anyway. */
const NOT_COUNTING_NONE =
  /,?\s*\(?(?:not counting|excluding|ignoring|leaving out|without counting|skipping)\s+(?:option\s+)?(?:N|[Nn]one(?: of them)?)\b\)?/gi;
/** Words that ask for nothing on their own ("no wait", "hmm, ok, sorry", "hold on"). */
const FILLER_WORDS = new Set(
  'no nope nah wait hold on hmm hm um umm uh uhh erm ok okay sorry actually oh oops whoops well so yes yeah yep lol haha'.split(
    ' ',
  ),
);
/** "The kidney makes pepsin, yeah? Outline whichever organ actually does." (see resolve). */
const PREMISE_CHECKED =
  /^\s*(?:[A-Za-z' ]{1,40}\s*[-—–:,]\s*)?((?:the |a |an |your |our |my )?[A-Za-z' -]{2,30}?) ((?:is where|are where|is the (?:organ|one|gland) (?:that|which)|stores?|makes?|secretes?|produces?|concentrates?|filters?|digests?|absorbs?|releases?|synthesi[sz]es|synthesi[sz]e|manufactures?|holds?|pumps?|carries|carry|drains?|returns?)\b[^?.!]{3,120}?)\s*,?\s*(?:right|correct|yeah|yes|isn'?t it|doesn'?t it|don'?t they|aren'?t they|true|no|i think|i believe|i reckon|i guess)\s*\?+\s*(.*)$/i;
/** "…, outline the kidney and the vessel": a vessel closing a request's list (see resolve). */
const VESSEL_IN_LIST =
  /(?<=\b(?:outline|show|highlight|segment|mark|contour|trace)\b[^.?!]*?)(\s(?:and|plus|&)\s)the (vessel|vein|artery)(?=\s*(?:[.!?]|$|,?\s*(?:too|as well|please|pls)\b))/i;
/** "Outline the liver, the fist-sized organ under the left ribs that removes old red cells" (see resolve). */
const NAME_THEN_DESCRIPTION =
  /^\s*(?:(?:please|pls|can you|could you)\s+)?(?:outline|show|highlight|segment|mark|contour)(?: me| us)? ((?:the )?[a-z' -]{2,30}?),\s*(you know,?\s*|i mean,?\s*|i\.?e\.?,?\s*)?(the (?:(?!and |plus |or )[a-z0-9-]+ ){0,4}(?:organ|gland|one) (?:that|which|whose|making|producing|secreting|storing|responsible|behind|under|below|above|beside|perched|sitting|lying|tucked|squeezed|hugging)\b(?:(?!,| and | plus |&)[^.?!;]){6,}?)\s*[.?!]*\s*$/i;
/** "The pancreas is the gland perched on the left kidney making aldosterone. Outline it." */
const NAME_IS_DESCRIPTION =
  /^\s*((?:the )?[a-z' -]{2,30}?) is (the (?:(?!and |plus |or )[a-z0-9-]+ ){0,4}(?:organ|gland|one) (?:that|which|whose|making|producing|secreting|storing|responsible|behind|under|below|above|beside|perched|sitting|lying|tucked|squeezed|hugging)\b(?:(?!,| and | plus |&)[^.?!;]){6,}?)\s*[.!,]\s*(?:(?:so|and|then|please|pls|now|go ahead and|just) )*(?:outline|show|highlight|segment|mark|contour)(?: me)? (?:it|that|that one|this)\b[\s.!]*$/i;
/** "Show the vessel that receives both renal veins, … and the hepatic veins" (see resolve). */
const REQUEST_FOR_DESCRIBED =
  /^\s*(?:(?:please|pls|can you|could you)\s+)?(?:show|outline|highlight|segment|mark|contour)(?: me)? the (organ|vessel|gland|structure) (?:that|which) ([^.?!]{8,}?)[\s.?!]*$/i;
/** A heading, a dash or colon, then a request whose pronoun stands for it (see resolve). */
const HEADING_THEN_PRONOUN =
  /^\s*([^—–:?.!,]{3,60}?)\s+(?:—|–|-|:)\s+((?:please |pls |now |so )?(?:outline|show|highlight|segment|mark|contour)(?: me)? the (?:organ|organs|vessel|gland|one|structure)\b[^?.!]*?\b(?:it|they|them)\b[^?.!]*)[?.!]*\s*$/i;
const HEADING_VERBS =
  /\b(?:is|are|was|were|has|have|had|does|do|did|drains?|runs?|lies|lie|sits?|enters?|joins?|supplies|supply|comes?|goes|go|passes|pass|shows?|makes?|found|seen|noted)\b/i;
/** "Insulin comes from the adrenals doesn't it?? whatever actually makes it, outline that organ" (see resolve). */
const SUBSTANCE_FROM_CHECKED =
  /^\s*([a-z0-9' -]{3,30}?) (?:comes?|is made|is produced|is secreted|is released|gets made) (?:from|by|in) ((?:the )?[a-z' ]{3,30}?),?\s*(?:right|correct|isn'?t it|doesn'?t it|don'?t they|yeah|yes|no|i think|i believe)\s*\?+/i;
/** "the organ that makes albumin and clotting factors, the spleen right? show it", "outline the gland that makes insulin, it's the spleen I think" */
const DESCRIPTION_THEN_NAME_CHECKED =
  /^\s*(?:(?:please |pls )?(?:outline|show|highlight|segment|mark)(?: me)? )?((?:the (?:organ|gland|one) (?:that|which|whose)|whichever (?:organ|gland|one))\b[^,?.!—–(]{5,}?)\s*(?:,|—|–|\(|\s-)\s*(?:it'?s |that'?s |is it |i\.?e\.? )?((?:the )?[a-z' ]{2,30}?)(?:,?\s*(?:right|correct|i think|i believe|isn'?t it|yeah|yes|no)\s*[?.!)]*|\s*[.!)]*\s*$)/i;
/** "The esophagus makes cortisol, so outline the cortisol-making organ", "The aorta returns blood from the legs; outline that vessel" (see resolve). */
const PREMISE_STATED =
  /^\s*(?:since |as |because )?((?:the |a |an )?[A-Za-z' -]{2,30}?) ((?:stores?|makes?|secretes?|produces?|concentrates?|filters?|digests?|absorbs?|releases?|synthesi[sz]es|manufactures?|holds?|pumps?|carries|carry|returns?|drains?)\b[^?.!;,]{3,120}?)\s*(?:[,;]\s*(?:so\s+|and\s+)?|\.\s+(?:so\s+)?)(?:(?:please|pls|go ahead and|just|now)\s+)*(?:outline|show|highlight|segment|mark)(?: me)? ((?:that|this|the) (?:[a-z-]+ ){0,3}(?:organ|vessel|gland|one)\b.*)$/i;
/** "which organ does the X belong to" (see resolve). */
const PAIR_NAMES =
  '(?:adrenals|adrenal glands|suprarenals|suprarenal glands|kidneys|kidney|adrenal|adrenal gland)';
const ABOUT_PAIR = new RegExp(
  `\\bwhat (?:happens|happened|is happening) to (?:the |both |my |your |his |her |their )?(${PAIR_NAMES})\\b|\\bwhat (?:do|does|did) (?:the |both |my |your |his |her |their )?(${PAIR_NAMES}) (?:actually |really |even |normally )?do\\b|\\bwhat (?:the |both )?(${PAIR_NAMES}) (?:are|is) (?:actually |really )?for\\b`,
  'i',
);
/** "tell me what the left adrenal does", "explain what my spleen is for" (a closing clause). */
const WHAT_IT_DOES =
  /\b(?:tell me |explain |say |remind me )what (?:the |my |his |her |their |your )((?:left |right )?[a-z]+(?: gland)?) (?:actually |really |even |normally |usually )?(?:does|do|is for|are for)(?=\s*[.?!]*\s*$)/i;
const UNSCRAMBLE =
  /\b(?:unscramble|unjumble|decode the anagram|solve the anagram|rearrange the letters(?: of)?|anagram of)\s+['"‘“]?([A-Za-z]{3,20})['"’”]?(?![\w'’-])/i;
const SCRAMBLED_CAPITALS =
  /(?<=\b(?:[Aa]nagrams?|[Uu]nscramble|[Jj]umbled|[Ss]crambled)\b[^.?!]{0,40}?)(?<![\w'’-])([A-Z]{4,20})(?![\w'’-])/;
/** Organs' one-word names spelt in full, for names split in two (SPLIT_NAME) and anagrams (UNSCRAMBLE). */
const FULL_NAMES = [
  'liver',
  'kidney',
  'kidneys',
  'spleen',
  'pancreas',
  'aorta',
  'ivc',
  'adrenal',
  'adrenals',
  'gallbladder',
  'esophagus',
  'oesophagus',
  'stomach',
  'duodenum',
];
const SPLIT_NAME = /\b([A-Za-z]{1,6}) (?=([A-Za-z]{2,8})\b)/g;
const SPLIT_NAMES = new Set(FULL_NAMES);
const SPLIT_FUNCTION =
  /(\d{1,3})\s*%\s*(?:on the |in the |from the )?(left|right)\b[^.?!]{0,24}?(\d{1,3})\s*%\s*(?:on the |in the |from the )?(left|right)\b|\b(left|right)(?: kidney)?\s*:?\s*(\d{1,3})\s*%[^.?!]{0,24}?\b(left|right)(?: kidney)?\s*:?\s*(\d{1,3})\s*%/i;
const KIDNEY_WISH =
  /\b(poor(?:ly)?|barely|worse|weaker|reduced|failing|non[- ]?functioning|damaged|underperforming|scarred|smaller share|less)\b|\b(better|healthy|stronger|normal|good|well|dominant|larger share|more)\b/i;
const SPELLING_LEAD = /\b(?:spell|spelt|spelled|backwards?|reversed?|letters)\b/i;
const SPELT_OUT = /(?<![\w'’-])([A-Za-z](?:[-. ][A-Za-z]){2,11})(?![\w'’-])/;
const sortedLetters = (word: string) => [...word.toLowerCase()].sort().join('');
/** Organ names by their sorted letters (see UNSCRAMBLE). */
const ANAGRAM_NAMES = new Map(FULL_NAMES.map((name) => [sortedLetters(name), name]));
/** A request, then a name offered with a hedge (see resolveMessage). */
// (split at the first boundary, or at the last)
const HEDGED_TAIL = String.raw`(?:[.?!;]+\s+|\s+[—–-]\s+|,\s+(?=(?:which|that|the|it'?s|that'?s|i think|i believe|pretty sure|if i)\b))(.*\b(?:i think|i believe|i reckon|i guess|pretty sure|fairly sure|if i remember|if i recall|isn'?t it|aren'?t they|i suppose|maybe|probably)\b.*|.*\b(?:right|correct|yeah|yes)\s*\?+\s*)$`;
const HEDGED_NAME_AFTER = new RegExp(`^(.{8,}?)${HEDGED_TAIL}`, 'i');
const HEDGED_NAME_LAST = new RegExp(`^(.{8,})${HEDGED_TAIL}`, 'i');
/** "Find the liver, maybe? The fist-sized organ in the left upper quadrant that …" (see resolveMessage) */
const NAME_HEDGED_THEN_DESCRIBED =
  /^\s*((?:(?:please|pls|can you|could you)\s+)?(?:show|outline|highlight|segment|mark|find|select|trace|label|point to|draw around)(?: me| us)?)\s+((?:the |a |an )?[a-z' -]{2,30}?)\s*,?\s*(?:(?:(?:i think|i believe|i'?m told)(?: it'?s| that'?s)?(?: called| the name)?|i guess|i reckon|i suppose|maybe|perhaps|probably|if i remember(?: it)? (?:right|rightly|correctly)|if i recall(?: it)? (?:right|rightly|correctly)|i'?m guessing|not sure|or whatever(?: it'?s called)?|or so i (?:thought|was told|hear|heard)|so i (?:thought|was told))\s*[?:.!,;—–-]+|or whatever (?:you|they|people|we) (?:call|name)(?: it| them)?)\s*(?:(?:you know|i mean)\s*,?\s*)?((?:the|a|an)\b.{5,})$/i;
const HEDGE_STOPS = /\b(?:show|outline|highlight|segment|mark|also|plus|and the|not)\b/i;
const REQUEST_OR_ASK = /\b(?:show|outline|highlight|segment|mark|find|which|what|where|point)\b/i;
const NAME_WHICH_THEN_IT =
  /^\s*((?:the |a |an )?[A-Za-z' ]{2,30}?)\s*,\s*(which|that|who)\b[^,]{3,120},\s*((?:(?:pls|please|plz|now|so|and|can you|could you)\s+)*(?:outline|show|highlight|segment|mark)(?: me)? it\b[^.?!]*[.?!]*)\s*$/i;
const KIDNEY_LEFT_OVER =
  /\b(?:what|which|the) kidney (?:is|was|s|’s|'s) (?:still )?left\b(?! (?:one|side|kidney)\b)|\bthe kidney (?:that|which|thats|that s|that’s|that's)? ?(?:is still there|still there|is still present|remains|is left|is still left|stayed)\b|\b(?:the|whichever) kidney (?:he|she|they|the patient|[a-z]+) still (?:has|have)\b/i;
/** "After a right adrenalectomy, show whichever adrenal the patient still has" */
const ADRENAL_LEFT_OVER =
  /\b(?:the|whichever|which|what) adrenal(?: gland)? (?:(?:he|she|they|the patient) still (?:has|have)|(?:that|which) (?:remains|is still there|is left)|is (?:still )?left)\b/i;
const OTHER_SIDE_ADDED =
  /\b(left|right) (kidney|adrenal(?: gland)?)\b([^.?!]*?)((?:and|then|also|plus)\s+(?:the\s+)?(?:same (?:for|on|with) the other (?:side|one)|other (?:one|side)(?: too| as well| also)?))(?=[\s.!?]*$)/i;
const LEAVING_OUT = /\s*,?\s*\b(?:leaving|leave) out\s+(?=(?:the |option |letter )?[a-z])/i;
const LIVE_WITHOUT =
  /\b(live|survive|get by|cope|manage)( normally| fine| happily| ok| okay| a normal life)? without (?:a|an|the|your|my|his|her|their|one's) (?=[a-z])/i;
/** "the left renal pelvis — which organ is it part of?" (see resolveMessage) */
const HEADING_PART_OF =
  /^\s*([^—–:?.!,]{3,60}?)\s*(?:—|–|-|:|,)\s*(which|what) (organ|gland|option|one) (?:(?:is|s) (?:it|this|that) (?:a )?part of|(?:does|do) (?:it|this|that) belong to)\b/i;
/** "both adrenals … just the one whose …" (see resolveMessage) */
const ONE_OF_NAMED_PAIR =
  /\b(?:both|the two) (adrenals|adrenal glands|suprarenals|kidneys)\b[\s\S]*?\b(?:just|only) the one(?= (?:whose|that|which)\b)/i;
/** "actually no, I don't need anything": a take-back of everything asked before. */
/** A message that makes "the filter" a device: an IVC filter named, or the vein it sits in turned down. */
const FILTER_TOLD =
  /\b(?:ivc|caval|vena cava|greenfield|retrievable) filters?\b|\bfilter\b[\s\S]*\bnot the (?:vein|vessel|ivc|vena cava)\b/i;
const BARE_FILTER =
  /(?<!\b(?:not|no|than) )\bthe filter\b(?! (?:the|blood|urine|out|will|is|goes|sits|s)\b)(?!['’]s\b)/i;
/** A sentence that says the image is shown mirrored ("This image was flipped horizontally, so …"). */
const FLIP_DECLARED =
  /(?:^|(?<=[.!?;:]\s))[^.!?;:]*\b(?:mirrored|flipped|mirror-imaged|reversed left to right|left-right reversed)\b[^.!?;:]*(?:[.!?;:]|$)/i;
/** A side of the screen ("the screen's right", "the left of the image", "the right-hand side of the monitor"). */
const SCREEN_SIDE =
  /\b(?:left|right)\b(?=(?:[- ]hand)?(?: side| edge| half)? of (?:the|my|your|this) (?:screen|image|monitor|display|picture|slice)\b)|(?<=\b(?:screen|image|monitor|display|picture)(?:['’]s)? )(?:left|right)\b/gi;
const FLIP_REQUEST_VERB =
  /\b(?:show|outline|highlight|segment|mark|find|select|trace|draw|point|circle|label)\b/i;
/**
 * Words that mark a message written (partly) in French, German, Spanish or Hindi in Latin script;
 * their organ names are in the lexicon, their small words in `FOREIGN_WORDS`.
 */
const FOREIGN_MARKER =
  /(?:^|[^\p{L}])(?:montre|montrez|affiche|svp|s'il vous pla[iî]t|pardon|merci|zeig|zeige|zeigen|bitte|danke|nein|muestra|mu[ée]strame|mu[ée]stralo|ense[ñn]a|ense[ñn]ame|por favor|dikhao|dikha|dikhado|dikhaiye|nahi|nahin|kripya|surr[ée]nales?|v[ée]sicule|la rate|le foie|les? reins?|leber|milz|nieren?|nebennieren?|gallenblase|magen|h[íi]gado|bazo|ri[ñn][óo]n(?:es)?|suprarrenal(?:es)?|ves[íi]cula|est[óo]mago|jigar|kaleja|gurda|gurde|tilli|qu[ée] [óo]rgano)(?=$|[^\p{L}])/iu;
/** Small words of those languages (accents dropped), and organ words too common in English to list. */
const FOREIGN_WORDS = new Map<string, string>(
  Object.entries({
    // French
    montre: 'show',
    montrez: 'show',
    affiche: 'show',
    moi: 'me',
    svp: 'please',
    pardon: 'sorry',
    merci: 'thanks',
    non: 'no',
    et: 'and',
    le: 'the',
    les: 'the',
    la: 'the',
    foie: 'liver',
    rate: 'spleen',
    rein: 'kidney',
    reins: 'kidneys',
    surrenale: 'adrenal',
    surrenales: 'adrenals',
    vesicule: 'gallbladder',
    biliaire: '',
    estomac: 'stomach',
    aorte: 'aorta',
    oesophage: 'esophagus',
    gauche: 'left',
    droit: 'right',
    droite: 'right',
    deux: 'two',
    aussi: 'also',
    puis: 'then',
    plutot: 'instead',
    seulement: 'only',
    juste: 'just',
    // German
    zeig: 'show',
    zeige: 'show',
    zeigen: 'show',
    bitte: 'please',
    danke: 'thanks',
    nein: 'no',
    und: 'and',
    die: 'the',
    der: 'the',
    das: 'the',
    den: 'the',
    links: 'left',
    rechts: 'right',
    linke: 'left',
    linken: 'left',
    linker: 'left',
    rechte: 'right',
    rechten: 'right',
    rechter: 'right',
    niere: 'kidney',
    nieren: 'kidneys',
    nebenniere: 'adrenal',
    nebennieren: 'adrenals',
    gallenblase: 'gallbladder',
    beide: 'both',
    beiden: 'both',
    nicht: 'not',
    oder: 'or',
    nur: 'only',
    // Spanish
    muestra: 'show',
    muestrame: 'show me',
    muestralo: 'show it',
    ensena: 'show',
    ensename: 'show me',
    gracias: 'thanks',
    y: 'and',
    el: 'the',
    los: 'the',
    las: 'the',
    rinon: 'kidney',
    rinones: 'kidneys',
    suprarrenal: 'adrenal',
    suprarrenales: 'adrenals',
    vesicula: 'gallbladder',
    biliar: '',
    izquierdo: 'left',
    izquierda: 'left',
    derecho: 'right',
    derecha: 'right',
    ambos: 'both',
    que: 'which',
    organo: 'organ',
    esta: 'lies',
    detras: 'behind',
    delante: 'in front',
    del: 'of the',
    de: 'of',
    tiene: 'has',
    cabeza: 'head',
    cuerpo: 'body',
    cola: 'tail',
    mejor: 'instead',
    solo: 'only',
    // Hindi in Latin script
    dikhao: 'show',
    dikha: 'show',
    dikhado: 'show',
    dikhaiye: 'show',
    nahi: 'no',
    nahin: 'no',
    kripya: 'please',
    bhai: '',
    jigar: 'liver',
    kaleja: 'liver',
    gurda: 'kidney',
    gurde: 'kidneys',
    tilli: 'spleen',
    aur: 'and',
    baaya: 'left',
    bayan: 'left',
    baayan: 'left',
    daaya: 'right',
    dayan: 'right',
    daayan: 'right',
  }),
);
/** "the very last option", "pick the last choice pls" (see resolveMessage). */
const LAST_OPTION_ONLY =
  /^\s*(?:(?:just|only|pls|please|show|give me|pick|choose|select|take|i ll take|i'll take|i want|me)\s+)*the (?:very |final |last )?(?:last|final) (?:option|choice|answer)(?: (?:please|pls|on (?:the|your) list|in (?:the|your) list|of (?:the|your) list|thanks))?\s*[.!?]*\s*$/i;
/** The 13 by their Chinese (simplified) and Japanese names; the longer names first. */
const HAN_ORGANS = new Map<string, string>([
  ['十二指肠', 'duodenum'],
  ['十二指腸', 'duodenum'],
  ['下腔静脉', 'IVC'],
  ['下大静脈', 'IVC'],
  ['主动脉', 'aorta'],
  ['大動脈', 'aorta'],
  ['肾上腺', 'adrenal glands'],
  ['副腎', 'adrenal glands'],
  ['胆囊', 'gallbladder'],
  ['胆嚢', 'gallbladder'],
  ['胰腺', 'pancreas'],
  ['膵臓', 'pancreas'],
  ['食管', 'esophagus'],
  ['食道', 'esophagus'],
  ['肝脏', 'liver'],
  ['肝臓', 'liver'],
  ['肾脏', 'kidneys'],
  ['腎臓', 'kidneys'],
  ['脾脏', 'spleen'],
  ['脾臓', 'spleen'],
  ['肝', 'liver'],
  ['肾', 'kidneys'],
  ['脾', 'spleen'],
  ['胃', 'stomach'],
]);
const HAN_ORGAN = new RegExp([...HAN_ORGANS.keys()].join('|'), 'g');
/** The message with those words in English ("rein gauche" → "left kidney"); the rest kept. */
function inEnglish(question: string): string {
  const words = question
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\b(?:s il vous plait|s'il vous plait|por favor)\b/gi, 'please')
    .replace(/\bizquierda\b/gi, 'left')
    .replace(/[¿¡]/g, '')
    .replace(/(\p{L}+)/gu, (word: string) => {
      const english = FOREIGN_WORDS.get(word.toLowerCase());
      return english === undefined ? word : english;
    })
    .replace(/\bthe two\b(?= (?:kidneys|adrenals)\b)/gi, 'both')
    .replace(/\b(kidneys?|adrenals?)\s+(left|right)\b/gi, '$2 $1')
    .replace(/\bl'(?=\w)/gi, 'the ')
    .replace(/ {2,}/g, ' ');
  return words;
}
/** Capital letters said one by one ("A L T", "I V C"). */
const SPELLED_ABBREVIATION = /\b[A-Z](?: [A-Z]){1,4}\b/g;
/** The abbreviations a spelled-out run of capitals is joined into. */
const DICTATED_ABBREVIATIONS = new Set(
  'ALT AST ALP GGT LFT LFTS IVC CBD ERCP MRCP RUQ LUQ RLQ LLQ GFR EGFR BUN CT MRI AAA GB OGD NG AVS RCC HCC PD'.split(
    ' ',
  ),
);
/** The start of a part of a workbook item: "(a)", "b)", "Part ii:". */
const ITEM_PART =
  /(?:^|(?<=[\s.?!:;]))(?:\(([a-h]|i{1,3}|iv|vi?)\)|([a-h])\)|[Pp]art ([a-h]|i{1,3}|iv|vi?|[1-6])\s*[:.)–—-])\s+/g;
const PART_REQUEST_VERB =
  /\b(?:outline|show|shade|highlight|segment|mark|label|colou?r|draw|trace|contour|point to|circle)\b/i;
/** A part that points back at another: "those cells", "the organ whose span you gave in (a)". */
const PART_POINTS_BACK =
  /\b(?:those|these|it|its|they|them)\b|\bthat (?:organ|one|gland|vessel|cells?|enzyme|hormone|vitamin|substance|juice|fluid|structure|duct|protein)\b|\((?:[a-h]|i{1,3}|iv|vi?)\)|\bin [a-h]\b/i;
/** A part taken back by a later one: "skip (a)", "ignore (a)". */
const PART_TAKEN_BACK_BY = (label: string) =>
  new RegExp(
    `\\b(?:skip|ignore|scrap|scratch|forget|drop|cancel|never mind)\\s+(?:part\\s+)?\\(?${label}\\)?(?![a-z])`,
    'i',
  );

/**
 * The part of a workbook item with several parts that asks for organs, with the part it points
 * back to after it ("Outline the organ that contains those cells. Which cells make insulin?");
 * a part taken back by a later one gives way to that later part; undefined for other messages.
 */
function partOfWorkbookItem(question: string, organsIn: (text: string) => OrganId[]): string | undefined {
  const marks = [...question.matchAll(ITEM_PART)];
  if (marks.length < 2) return undefined;
  const parts = marks.map((m, k) => ({
    label: ((m[1] ?? m[2] ?? m[3]) as string).toLowerCase(),
    text: question.slice((m.index as number) + m[0].length, marks[k + 1]?.index ?? question.length).trim(),
  }));
  let at = parts.findLastIndex((p) => PART_REQUEST_VERB.test(p.text));
  if (at < 0) return undefined;
  // "(a) Outline the stomach. (b) Actually skip (a) — just give me normal gastric pH."
  const label = (parts[at] as { label: string }).label;
  if (parts.slice(at + 1).some((p) => PART_TAKEN_BACK_BY(label).test(p.text))) at = parts.length - 1;
  const asked = parts[at] as { label: string; text: string };
  // ("Case Q: 55M, RUQ pain, positive Murphy's sign. a) … c) outline the inflamed organ": the stem
  // before the parts is the case they all ask about)
  const stem = question.slice(0, marks[0]?.index ?? 0).trim();
  const withStem = (text: string) => (stem.split(/\s+/).length > 3 ? `${stem} ${text}` : text);
  if (!PART_POINTS_BACK.test(asked.text)) return withStem(asked.text);
  // ("…segment the organ that enzyme is made in": the part that names the enzyme)
  const noun = /\b(?:that|those|these) ([a-z]+?)s?\b/i.exec(asked.text)?.[1]?.toLowerCase();
  const naming = noun
    ? parts
        .slice(0, at)
        .reverse()
        .find((p) => new RegExp(`\\b${noun}s?\\b`, 'i').test(p.text))
    : undefined;
  const named = /\((?:([a-h]|i{1,3}|iv|vi?))\)|\bin ([a-h])\b/i.exec(asked.text);
  const pointed = named
    ? parts.find((p) => p.label === ((named[1] ?? named[2]) as string).toLowerCase())
    : naming
      ? naming
      : // ("…the organ on the left that enlarges with it": "it" is the item's topic, told first;
        // "those cells" the part just before)
        /\b(?:it|its)\b/i.test(asked.text) && !/\b(?:those|these|they|them)\b/i.test(asked.text)
        ? parts[0]
        : parts
            .slice(0, at)
            .reverse()
            .find((p) => !/^(?:skip|ignore|leave)\b/i.test(p.text));
  if (!pointed || pointed === asked) return withStem(asked.text);
  // ("…the organ whose span you gave in (a)", (a) "normal liver span in cm?": the organ it named)
  const organs = organsIn(pointed.text.toLowerCase());
  return organs.length > 0
    ? withStem(
        `${asked.text} (${[...new Set(organs)].map((id) => organById(id as OrganId).name.toLowerCase()).join(' and ')})`,
      )
    : withStem(`${asked.text} ${pointed.text}`);
}
/** The instruction to fill a blank, which asks for nothing itself ("Fill in the blanks:", "Fill it in and …"). */
const FILL_INSTRUCTION =
  /\b(?:fill in|fill|complete)(?: in)? (?:the )?(?:blanks?|gaps?|sentence)\b\s*[:,.]?|\bfill (?:it|them) in\b/gi;
/** Shapes a matching exercise pairs with organs ("1. pyramid 2. crescent 3. pear 4. bean"). */
const SHAPE_WORDS =
  /^(?:pyramid|pyramidal|crescent|pear|bean|comma|tadpole|c|j|fist|banana|hook|wedge|tube|sac|bag|triangle|triangular)$/i;
/** Three or more items numbered "(a) … (b) … (c) …" in a row. */
const LETTERED_ITEMS = /\(a\)\s+\p{L}[^()?.!]{0,30}\(b\)\s+\p{L}[^()?.!]{0,30}\(c\)\s+\p{L}/iu;
/** "the thing they call the porta hepatis", "the bit doctors call the fundus" */
const CALLED_THING =
  /\bthe (?:thing|bit|part|structure|area|spot|place) (?:that )?(?:they|you|doctors|people|we|radiologists|surgeons) (?:call|calls|called)\s+(?:the\s+)?/i;
/** "put a box round", "draw a circle around": marking something. */
const BOX_ROUND =
  /\b(?:put|draw|stick|place) (?:a )?(?:box|circle|ring|square|outline|line) (?:a?round|over|on) /i;
/** A closing clause in which the user says they will do some of the work themselves. */
const USER_DOES_IT =
  /[,.;:—–-]\s*(?:and |but )?i(?:'ll|’ll| ll| will| can| am going to|'m going to|’m going to| m going to) (?:trace|do|outline|draw|contour|segment|handle|add|mark|shade|sort)(?: (?:it|that|them|those|this|the rest|that one|the vein|the vessel|the duct|the others))? (?:myself|later|by hand|manually|on my own)\b[^.?!]*[.!]?\s*$/i;
/** "…, then she changed her mind:", "sorry, she corrects me:": a change of mind reported by an interpreter. */
const CHANGED_MIND =
  /[,.;:]?\s*(?:then |but )?(?:he|she|they|the patient|my (?:mother|father|mum|dad)) (?:changed (?:her|his|their) mind|changed it|corrects me|corrected me|has changed (?:her|his|their) mind)\s*[:,.;—–-]\s*/i;
/** "He means the duodenum.", "(She is talking about the kidney that sits under the liver.)" */
const GLOSS_MEANS =
  /(?:^|[.(!?]\s*)(?:[Hh]e|[Ss]he|[Tt]hey|[Tt]he patient|[Mm]y (?:mother|father|mum|dad)) (?:means|meant|is talking about|was talking about|is referring to|refers to) ([^.?!()]+)[.?!)]*\s*(?:[A-Z][^?]*[.!?]?\s*)?$/;
/** "the IVC – not that, the aorta", "Start at the oesophagus. Not that, the great vein …". */
const NOT_THAT = /(\s[-–—,]\s*|[.;!]\s+)not that\s*[,.]\s*/gi;
/** "…, eh, IVC only." closing a list: one organ named alone with "only". */
const ONLY_AT_END =
  /,\s*(?:(?:eh|um|umm|er|erm|hmm|uh|ah)\s*,?\s*)?(liver|spleen|pancreas|aorta|ivc|stomach|duodenum|gallbladder|o?esophagus|(?:left|right) (?:kidney|adrenal))\s+only\s*[.!]*\s*$/i;
/** "… so we can stay clear of the last two": a closing purpose clause that asks for nothing. */
const PURPOSE_TAIL =
  /,?\s+so (?:that )?(?:we|i|you|they|the team) (?:can|could|don't|don’t|do not|won't|won’t|will not) (?:stay clear of|avoid|steer clear of|keep away from|keep clear of|miss|spare)\b[^.?!]*[.?!]*\s*$/i;
/** "take the gallbladder off (that list)": a take-back with its object inside the verb. */
const TAKE_OFF_SPLIT =
  /\btake (the|that|this|my) ((?:[a-z]+ ){0,2}?[a-z]+) off(?: (?:of )?(?:that|the|this|my|your) list)?\b/i;
/** Every organ of the stomach bed asked for: "everything in the stomach bed", "the stomach bed organs". */
const STOMACH_BED_LISTED =
  /\b(?:(?:everything|all(?: of)?(?: the)?(?: organs?)?|the organs|organs|every organ|each organ)\s+(?:in|of|forming|that form|making up) the (?:stomach|gastric) bed|(?:all (?:of )?)?(?:the )?(?:stomach|gastric) bed organs)\b/i;
/**
 * A question ("What does the IVC do, exactly?", "Which organ makes albumin?"), then sentences that
 * only tell things: no question, request, correction or addition among them.
 */
const QUESTION_THEN_TOLD =
  /^\s*((?:what|which|where)\b[^?.!]*\?)\s+(?!.*(?:\?|\b(?:show|outline|segment|highlight|find|mark|point|draw|trace|label|identify|circle|shade|colou?r|contour|give|can you|could you|please|pls|plz|mean|meant|actually|sorry|no|not|nope|instead|rather|wait|scratch|change|switch|swap|drop|also|too|both|and|or|but|plus|add|remove|except|only|just|option|letter|which|what|where|never|mind|nvm|forget|ignore|cancel)\b))([A-Z][^?]*[.!]?)\s*$/is;
/**
 * An organ described, not named, right after a relation word: "…next to the organ that removes old
 * red cells", "…the tail of the insulin-making gland", "…under the organ which makes bile".
 */
const INNER_DESCRIPTION =
  /(\b(?:under|below|beneath|above|over|behind|in front of|next to|close to|adjacent to|posterior to|anterior to|medial to|lateral to|attached to|joined to|beside|near|touch(?:es|ing)?|reach(?:es|ing)?|into|onto|on top of|(?:hilum|hila|tail|pole|bed|surface|border) of|against|around|between|than|along|across|towards?|supplying|draining|joining|receiving|entering)\s+)(the\s+(?:(?:[a-z]+-(?:making|storing|producing|secreting|filtering))\s+(?:organ|gland|sac|bag|tube|vessel|vein|artery|pipe)\b|(?:organ|gland|sac|bag|tube|vessel|vein|artery|pipe)\s+(?:that|which|whose)\s+[^,.;:?!—–()]+?(?=\s*(?:[,.;:?!—–()]|\band\b|\bor\b|\bbut\b|$))))/gi;
/** "the kidney on the same side as the great vein from the legs": one of a pair, placed by another organ. */
const SAME_SIDE_AS =
  /\b(kidney|adrenal(?: gland)?|suprarenal(?: gland)?|urine[- ]making organ|bean[- ]shaped organ)\s+(?:that (?:is|s|sits|lies) )?on the same side (?:of the (?:body|patient|screen|image) )?as ([^.?!;—]+)/i;
/** Organs of one side of the body (the liver's and the IVC's side; the spleen's and the aorta's). */
const RIGHT_SIDE_ORGANS = new Set<OrganId>([1, 2, 6, 7, 9]);
const LEFT_SIDE_ORGANS = new Set<OrganId>([3, 5, 8, 11, 13]);
/** "Just H, the one I'm drawing today", "G and H — the ones we need": option letters, then an aside. */
const LETTER_THEN_USE =
  /^((?:(?:[Jj]ust|[Oo]nly|[Pp]lease|[Pp]ls|[Oo]k|[Oo]kay)\s+)*(?:(?:[Oo]ptions?|[Ll]etters?)\s+)?[A-M](?:\s*(?:,|and|&|\+)\s*[A-M])*)\s*[,;—–-]\s*[Tt]he ones? (?:[Ii]|[Ww]e|[Yy]ou|[Mm]y|[Oo]ur)\b[^?]*$/;
/** Nouns after an organ's name that make it a service, a scan or a stone ("liver list", "kidney recipient"). */
const ORGAN_SERVICE_NOUNS = new Set(
  'list lists listing recipient recipients transplant transplants donor donors scan scans clinic clinics team teams unit units ward wards programme program surgeon surgeons mdt meeting stone stones'.split(
    ' ',
  ),
);
/** "Cheers for the help earlier with the kidney question.": thanks for help already given, no ask. */
const THANKS_ONLY =
  /^(?:(?:ok|okay|great|brilliant|perfect|lovely|super)[,!.]?\s+)?(?:cheers|thanks|thank you|thx|ta|many thanks)(?: (?:so much|a lot|again|mate|bot))?,?\s+for\s+(?:the|your|all the|all your)\s+help\b(?![^?]*\b(?:show|outline|highlight|mark|segment|which|what|where|can you|could you|now)\b)[^?]*$/i;
/** "show the accessory digestive organs (among your options)", "outline the digestive glands" */
const ACCESSORY_DIGESTIVE_ASKED =
  /^(?:(?:please|pls|now|ok|okay|so|can you|could you) )*(?:show|highlight|outline|mark|segment)(?: me)? (?:all )?(?:of )?the (?:accessory (?:digestive |gi |gut )?(?:organs|glands)(?: of (?:digestion|the (?:digestive|gi) (?:system|tract)))?|digestive glands)(?: (?:among|on|in|from) (?:your|the) (?:options|list|choices))?(?: please| pls)?\s*[.!?]*\s*$/i;
/** "Of the adrenals, which one …", "of the two kidneys, which one …": one of the pair is asked for. */
const OF_PAIR_WHICH_ONE =
  /^of the (?:two |2 )?(kidneys|adrenals|adrenal glands|suprarenals)\s*[,:;]?\s*which one\b/i;
/** "which one begins at the pylorus?": the duodenum (the stomach ends there). */
const BEGINS_AT_PYLORUS =
  /\b(?:which|what)(?: one| organ| option| part| segment| bit)?(?: of (?:the|these|those|your|them)(?: [a-z]+)?)? (?:begins|starts|commences|arises) (?:at|from) the (?:pylorus|pyloric (?:sphincter|canal|valve))\b/i;
/**
 * A question mark said aloud at the end of a dictated message (not "is there a question mark"). ("…
 * full stop" is left as it is: the words do no harm to a request and may be all it has of its end.)
 */
const DICTATED_END = /(?<![\s,](?:a|the|any|big|no))\s+question mark\s*[.!?]*\s*$/i;
/** The names of the option letters as they are said ("option bee", "letter em") and dictated. */
const SPOKEN_LETTERS = new Map(
  Object.entries({
    ay: 'A',
    bee: 'B',
    see: 'C',
    cee: 'C',
    dee: 'D',
    ee: 'E',
    eff: 'F',
    ef: 'F',
    gee: 'G',
    aitch: 'H',
    haitch: 'H',
    eye: 'I',
    jay: 'J',
    kay: 'K',
    el: 'L',
    ell: 'L',
    em: 'M',
  }),
);
const SPOKEN_NAME = `(${[...SPOKEN_LETTERS.keys()].join('|')})`;
/** What may follow a spoken letter: the end, a pause, a list word or a polite word. */
const AFTER_SPOKEN =
  '(?=\\s*(?:$|[,.;:!?)—–-]|\\b(?:and|or|through|thru|to|please|pls|plz|for|then|i|option|options|only|too|as well|inclusive|the letter)\\b))';
/** "option bee", "the letter em", "lettered kay", "answer: dee". */
const SPOKEN_AFTER_OPTION = new RegExp(
  `\\b((?:options?|letters?|lettered|answer(?: is|'s|’s)?|choice)\\s*:?\\s+(?:the\\s+)?(?:letter\\s+)?)${SPOKEN_NAME}${AFTER_SPOKEN}`,
  'gi',
);
/** "…B and em", "…C through ee": the next spoken letter of a list that began with an option. */
const SPOKEN_IN_LIST = new RegExp(
  `\\b([A-M]\\s*(?:,|and|or|through|thru|to|-)\\s*(?:option\\s+)?)${SPOKEN_NAME}${AFTER_SPOKEN}`,
  'g',
);
/** "ay through dee": a range said in letter names. */
const SPOKEN_RANGE = new RegExp(
  `\\b${SPOKEN_NAME}(\\s+(?:through|thru|to)\\s+)${SPOKEN_NAME}${AFTER_SPOKEN}`,
  'gi',
);
/** "I'll take eff", "going with aitch": a letter picked by a verb (not "see", "eye" or "em"). */
const SPOKEN_PICKED = new RegExp(
  `\\b((?:take|taking|go with|going with|goes with|pick|picking|choose|choosing|select)\\s+(?:the\\s+)?)(ay|bee|cee|dee|ee|eff|gee|aitch|haitch|jay|kay|ell)${AFTER_SPOKEN}`,
  'gi',
);
/** "aitch, the letter": a letter name said to be the letter. */
const SPOKEN_SAID_LETTER = new RegExp(`\\b${SPOKEN_NAME}(?=\\s*,?\\s+the letter\\b)`, 'gi');

/**
 * "option bee and em", "gee, the letter gee", "ay through dee", "I'll take eff": option letters
 * dictated as their names, written as the letters; the message unchanged when none is.
 */
function spokenLetters(question: string): string {
  const letter = (name: string) => SPOKEN_LETTERS.get(name.toLowerCase()) ?? name;
  let text = question
    // ("the answer's el": "answer L" alone reads like an instruction, so it is said as an option)
    .replace(SPOKEN_AFTER_OPTION, (_, lead: string, name: string) =>
      /^answer/i.test(lead) ? `${lead}option ${letter(name)}` : `${lead}${letter(name)}`,
    )
    .replace(SPOKEN_RANGE, (whole: string, from: string, joiner: string, to: string) =>
      from.toLowerCase() === to.toLowerCase() ? whole : `${letter(from)}${joiner}${letter(to)}`,
    )
    .replace(SPOKEN_PICKED, (_, lead: string, name: string) => `${lead}option ${letter(name)}`)
    .replace(SPOKEN_SAID_LETTER, (name: string) => `option ${letter(name)}`);
  if (text === question) return question;
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(SPOKEN_IN_LIST, (_, lead: string, name: string) => `${lead}${letter(name)}`);
  }
  return text;
}
/** "My notes say …. If that's wrong, show …": a claim to check, then the request (see resolveMessage). */
const CLAIM_IF_WRONG =
  /^(?:[^.?!]{0,80}?\b)?(?:my notes|(?:a|my|the|one|our) (?:colleague|student|trainee|friend|textbook|resident|registrar|classmate|intern|book|source|website|notes|lecturer|tutor|handout)|someone|somebody)(?: [a-z]+)? (?:says?|said|insists?|claims?|states?|told me|thinks?|believes?|wrote|writes|reckons?)(?: that)? ([^?!]{3,160}?)[.;!]\s*(?:if (?:that|this|it|so)?(?:'s|’s| is| s)?\s*(?:wrong|not (?:right|true|correct)|incorrect|false|a mistake|mistaken|untrue)|ignore (?:that|this|it)(?: nonsense| rubbish)?(?: and)?)\s*[,:-]?\s*(.+)$/i;
/** "show the option it really drains into": what the claim's subject does, asked of an option. */
const CLAIM_TARGET_ASKED =
  /^(?:please )?(?:show|highlight|outline|segment|mark|point to|find)(?: me)? the (option|organ|vessel|one|gland|structure) (?:that )?it (?:really |actually |truly |in fact )?(drains|empties|opens|runs|belongs|joins|enters|drain|empty|open|run|belong|join|enter) (into|to|in)\b/i;
/** The claim's subject: the words before its verb ("the right adrenal vein" drains …). */
const CLAIM_SUBJECT =
  /^((?:the |a |an )?[a-z' -]{2,60}?) (?:is|are|belongs?|drains?|empties|empty|lies|lie|runs?|produces?|makes?|secretes?|sits?|comes?|arises?|passes|pass|joins?|enters?|opens?|forms?|stores?)\b/i;
const ADRENAL_VENOUS_SAMPLING = /\badrenal (?:venous|vein) sampling\b/gi;
/** "…which vessel does the left adrenal vein drain into?", "…drains straight into which option?" */
const VEIN_TRUNK_ASKED =
  /\b(?:which|what) (?:vessel|vein|option)\b[^.?!]*\bdrain|\bdrains? (?:straight |directly )?into (?:which|what)\b/i;
const SIDE_AFTER_NOUN =
  /(?<=\b(?:minus|without|except|drop|remove|skip|lose|not) )the (adrenal(?: gland)?|kidney) on the (?:patient['’]?s )?(left|right)(?: side)?(?=\s*[.!]*\s*$)/i;

const NOT_WHAT_ASKED =
  /\b((?:the|a|an) [a-z ]{2,30}?) (?:is|are) (?:not|n['’]?t) what i(?:['’]?m| am) (?:asking (?:for|about)|after|looking for)\b/i;
const ALL_BUT_OF_LIST =
  /^\s*of (the [a-z ,]+?(?:,? and|,? or) (?:the )?[a-z ]+?),\s*(?:(?:please|pls|just|now)\s+)?(?:show|outline|highlight|segment|mark)(?: me)? (?:all|every one|each one|everything|all of them) (?:but|except|apart from|other than|save) ((?:the )?[a-z ]+?)\s*[.!]*\s*$/i;
const TWO_ON_SIDE =
  /\b(?:just |only )?the (?:two|2) on the (?:patient['’]?s )?(left|right)(?: side)?(?=\s*[.!]*\s*$)/i;
const PUT_BACK =
  /[.,;]?\s*(?:take|drop|remove|lose|leave)(?: out)? the ([a-z ]{3,30}?)(?: out| off)?\s*(?:[—–-]+|[,.;])?\s*(?:(?:actually|wait|no|hmm|oh)[,.!]?\s*)*(?:put|add|bring) (?:it|that|them|the \1) back(?: in)?(?: again)?\b/i;
const THING_ASKED =
  /^\s*(?:what s|whats|what is|what's|what’s) the (?:most common|commonest) (?:benign |malignant |primary |solid |cystic )?(?:tumou?r|mass|lesion|cancer|neoplasm|cyst|cause)\b[^.]*\?\s*$|^\s*(?:which|what) (?:needle|catheter|stent|drain|scope|drug|antibiotic|dose|size|gauge)\b[^.]*\?\s*$|[.!?'’"]\s*how (?:big|large|long|wide|thick) (?:is|was) (?:the|that|this) (?:lesion|mass|tumou?r|cyst|stone|nodule|collection|aneurysm)\s*\?\s*$/i;
const OPTION_WORD = /\b(?:options?|letters?|choices?)\b/i;
const NATO_WORD =
  /(?<![\w-])(?:alpha|alfa|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliet|juliett|kilo|lima|mike|november)(?![\w-])/i;
const NATO_LETTERS: Record<string, string> = {
  alpha: 'A',
  alfa: 'A',
  bravo: 'B',
  charlie: 'C',
  delta: 'D',
  echo: 'E',
  foxtrot: 'F',
  golf: 'G',
  hotel: 'H',
  india: 'I',
  juliet: 'J',
  juliett: 'J',
  kilo: 'K',
  lima: 'L',
  mike: 'M',
  november: 'N',
};
/** "…never mind, I'll just wait and ask tomorrow", "…no, forget it, let's talk by phone" */
const TAKE_BACK_THEN_CHAT =
  /^(.*\b(?:never ?mind|nvm|forget it|forget that|forget about it|scratch that|cancel that|don ?t bother|do not bother))\s*[,;:—–.-]+\s*([^.?!]+[.?!]*\s*)$/i;
/** The items of a numbered list ("1. liver 2) spleen, 3. pancreas") by their numbers (the first of a number kept). */
function numberedItems(text: string): Map<string, string> {
  const items = new Map<string, string>();
  for (const m of text.matchAll(
    /(?:^|[\s,;])(\d{1,2})[.)]\s*([a-z][a-z' -]*?)(?=\s*(?:[,;]|\s\d{1,2}[.)]|\s*[—–-]|$))/gi,
  ))
    if (!items.has(m[1] as string)) items.set(m[1] as string, m[2] as string);
  return items;
}
/** "…— show 2 and 3", "outline #1 only": numbered items of a list before, picked. */
const NUMBERED_PICK =
  /\s*[—–-]*\s*\b(show|outline|highlight|mark|segment|circle|contour|do)\s+((?:#|number |no\.? ?|item |point )?\d{1,2}(?:\s*(?:,|and|&|\+)\s*(?:#|number |no\.? ?|item |point )?\d{1,2})*)(?:\s+(?:only|pls|please|plz|too))?\s*[.!]*\s*$/i;
const NUMBERED_DROP =
  /\s*[—–-]*\s*\b(strike|drop|remove|delete|skip|lose|cross out|scratch|take out|undo)\s+(?:#|number |no\.? ?|item |point )(\d{1,2})\b\s*[.!]*\s*$/i;
/**
 * "My kidney stone finally passed, feeling great today!", "Anyway, gotta run, bye!": chat that asks
 * for nothing ('off-topic'); "NG tube placement — highlight the tube", "which needle is used for a
 * liver biopsy?", "How big is the lesion?", "What does the gallbladder actually store? Highlight
 * that.": a device, finding, measurement or substance asked for ('outside'). Undefined otherwise.
 */
function nothingToOutline(question: string): 'off-topic' | 'outside' | undefined {
  if (
    (SIGN_OFF.test(question) && !REQUEST_WORDS.test(question)) ||
    (SOCIAL_NEWS.test(question) && !ASKING_AT_ALL.test(question))
  )
    return 'off-topic';
  if (DEVICE_ASKED.test(question) || THING_ASKED.test(question) || STORED_THING_SHOWN.test(question))
    return 'outside';
  return undefined;
}
const SIGN_OFF =
  /\b(?:gotta (?:run|go)|got to (?:run|go)|have a (?:good|nice|great|lovely) (?:day|one|evening|night|weekend)|bye(?: for now| bye)?|see (?:you|ya)(?: later)?|ttyl|good ?night|cheerio)\s*[.!]*\s*$/i;
const REQUEST_WORDS =
  /\b(?:show|outline|highlight|segment|mark|find|point|circle|trace|which|where|pls|please|can you|could you)\b/i;
const DEVICE_ASKED =
  /\b(?:ng|nasogastric|orogastric|feeding|chest|nephrostomy|gastrostomy|peg) tubes?\b.*\b(?:highlight|show|outline|mark|segment|circle|find)(?: me)? (?:the|that|this) (?:tube|line|device)\b|\bwhere(?:'s|’s| is| s) the (?:(?:ivc|caval|greenfield|biliary|surgical|metal|pigtail|ureteric|jj|double j|chest|ng|nasogastric|feeding|nephrostomy|peg|gastrostomy) )?(?:drain|stent|catheter|filter|clip|clips|coil|coils|tube|port|line)\b(?! (?:going|gonna|meant|supposed|planned)\b)/i;
const SIDED_ORGAN_DOES =
  /^\s*(?:so |and |ok |okay )?(?:what|wat|wht) (?:does|do|dose) (?:the |a |your )?((?:right|left|rt|lt|r|l) (?:kidney|adrenal(?: gland)?|suprarenal(?: gland)?))(?: actually| really| even)? (?:do|does)\b(?: (?:for (?:us|you|the body)|in the body|exactly))?\s*\?*\s*$/i;
/** "… on the list …, neither … nor …": an option chosen by what it is and is not. */
const NEITHER_NOR_OPTION =
  /\b(?:on (?:the|your|ur) list|among the options|of the options|options?)\b.*\bneither\b.*\bnor\b|\bneither\b.*\bnor\b.*\b(?:on (?:the|your|ur) list|among the options|of the options)\b/;
/** "gonna say d)": an option letter chosen aloud. */

const SAY_LETTER =
  /\b(?:gonna|going to|i['’ ]?d|i would|i['’ ]?ll|i will|let['’ ]?s) say ([a-mA-M])\)?\s*[.!]*\s*$/;
const APART_FROM_BEING =
  /\s*,?\s*\b(?:apart from|other than|besides|aside from) (?:just )?being (?:a |an )?[a-z ]{1,30}?(?=\s*[?.!]|$)/gi;
const SOCIAL_NEWS =
  /\b(?:just saying hi|saying hi|just wanted to say hi|feeling (?:great|good|better|fine|so much better) (?:today|now)|finally passed)\b/i;
const ASKING_AT_ALL =
  /\?|\b(?:show|outline|highlight|segment|mark|find|point|which|what|where|pls|please|can you|could you)\b/i;
const STORED_THING_SHOWN =
  /^\s*what does the [a-z ]{3,30}? (?:actually |really )?(?:store|make|produce|secrete|release|concentrate|filter|absorb)\s*\?+\s*(?:(?:ok|now|so|pls|please)\s+)*(?:highlight|show|outline|segment|mark|circle)(?: me)? (?:that|it|them)(?: (?:pls|please|for me))?\s*[.!]*\s*$/i;
const BOTH_AFTER_ALL =
  /[,.;]?\s*(?:no|nah|hmm|actually|wait|no wait|on second thoughts?)[,.]?\s+(?:(?:no|wait|actually)[,.]?\s+)*both(?: of them| please| pls| then)?\s*[.!]*\s*$/i;
/** "…, then erase it and …", "liver. remove it": the organ just asked for, taken back (see resolveMessage). */
const IT_DROPPED =
  /(?:\s*[,.;]\s*|\s+)(?:(?:and|then|so|now|pls|please)\s+)*(?:drop|remove|erase|delete|lose|ditch|scrap|get rid of|take out|take off|undo)\s+(?:it|that one)(?:\s+again)?(?=\s*(?:[,.;!]|and\b|then\b|$))(?:\s*[,.;!]?\s*(?:(?:and|then)\s+)*)/i;
/** "both the kidney and the adrenal": "both" only joins (not "both kidneys"). */
const BOTH_THE_AND =
  /\bboth (?=(?:the|a|an) (?![a-z' -]{0,40}?\bboth\b)[a-z' -]{2,40}? and (?:the|a|an) [a-z' -]{2,40}? (?:on|to|at) the (?:patient['’]?s |screen['’]?s )?(?:left|right)\b)/i;
/** "switch the spleen to the pancreas", "change the left kidney for the right one" */
const CHANGE_ORGAN_TO =
  /\b(?:change|switch) ((?:the|that|your) [a-z' ]{2,40}?) (?:to|for|into) ((?:the|an?) )/i;
const NOTHING_NEEDED =
  /\bi (?:don'?t|don’t|do not) (?:need|want) (?:anything|any of (?:it|that|this|them)|it|that|them)(?: after all| anymore| any more)?(?=\s*(?:[,.!;]|thanks|thank you|$))/i;
const LEAVE_IT =
  /\b(?:no|nah|nope|actually)\b[,\s]+(?:leave it|forget it|skip it|not needed|no need)\b(?:[\s,.;!]+(?:not needed|no need|thanks|thx|cheers))*[\s.!]*$/i;
/** "the one lettered M", "the option labelled B": that option's organ. */
const OPTION_LETTERED =
  /\b(?:[Tt]he )?(?:one|organ|option|choice|answer) (?:lettered|labelled|labeled|marked|with the letter) ([A-M]|[a-m](?=\s*(?:[,.!?]|$|pls\b|please\b|thanks\b)))\b/;
const MIRROR_OF_SIDE =
  /\b(?:the )?(?:mirror(?:[- ]image)?|contralateral (?:partner|twin|counterpart)|twin|counterpart|opposite number) of the (left|right) (kidney|adrenal(?: gland)?)\b|\bthe (left|right) (kidney|adrenal(?: gland)?)(?:'s|’s) (?:mirror(?:[- ]image)?|twin|counterpart)(?: across the midline)?|\b(?:mirror|reflect|flip)(?:s|ed|ing)? the (left|right) (kidney|adrenal(?: gland)?) (?:across|over|through) the (?:midline|spine)\b/i;
/** "the kidney on the opposite side from the left kidney": the other of the pair. */
const ACROSS_FROM_SIDE =
  /\bthe (kidney|adrenal(?: gland)?|gland) on the (?:opposite|other) side (?:from|to|of) (?:the )?(left|right) (?:one|kidney|adrenal(?: gland)?|gland)\b/i;
const BELONGS_TO =
  /\b(which|what) (organ|gland|option|one) (?:does|do) ((?:the|this|that) (?!organ\b|one\b|gland\b)[a-z' -]{3,60}?) belongs? to\b/i;
/** "which organ is the splenic hilum part of?", "the gastric antrum is part of which organ?" */
const PART_OF_WHICH =
  /\b(?:which|what) (?:organ|gland|option|one) (?:is|s) ((?:the|a|an) [a-z' -]{3,60}?) (?:a )?part of(?=\s*(?:[?.!,;:]|$))|\b((?:the|a|an) [a-z' -]{3,60}?) (?:is|s) (?:a )?part of (?:which|what) (?:organ|gland|option|one)\b/i;
/** Words that make a phrase more than the name of a part ("the vein entering the IVC"). */
const NOT_A_PART = /\b(?:veins?|arter(?:y|ies)|vessels?|ducts?|[a-z]{3,}ing)\b/i;
/** A part is a short name: "the very short vein entering the back of the IVC" is none. */
const isPartName = (phrase: string) => phrase.split(' ').length <= 5 && !NOT_A_PART.test(phrase);
/** "the cardia belongs to which organ?" (see resolveMessage) */
const BELONGS_TO_AFTER =
  /\b((?:the|this|that) (?!organ\b|one\b|gland\b)[a-z' -]{3,60}?) belongs? to (which|what) (organ|gland|option|one)\b/i;
/** A heading, a colon, then the rest of the message (see the list step in resolve). */
const LEAD_THEN_LIST = /^([^:?]{1,80}):\s*([^:?]+?)\s*[.!]?$/;
/** The words a heading before a list may hold ("all the left-sided ones: …", "show these three: …"). */
const LIST_LEAD_WORDS = new Set(
  'all the these those ones organs structures options both two three four five left right sided side show outline highlight mark segment me pls please just only of'.split(
    ' ',
  ),
);
const ASK_WORDS = new Set(['which', 'what', 'where']);
/** A conjunct that describes an organ rather than naming it ("the one that stores bile"). */
const DESCRIBED_CONJUNCT = new RegExp(
  [
    `\\b(${HEAD_NOUNS}) (that|which|who|where|whose|responsible|making|producing|storing|it|its|they|them)\\b`,
    // "the two kidneys and whichever organ makes bile"
    `\\bwhichever (?:${HEAD_NOUNS})\\b`,
    // "the gland on top of it", "the big artery between them"
    `\\b(${HEAD_NOUNS})(?: [a-z]+){1,4} (it|them)$`,
    // "the bile-storing sac", "the insulin making gland"
    `\\b(storing|making|producing|secreting|filtering|draining|holding|swallowing) (${HEAD_NOUNS})\\b`,
    // "the tube above the stomach, and the stomach itself": a kind placed by a neighbour
    `\\b(?:the|a) (?:[a-z]+ )?(?:${HEAD_NOUNS}) (?:above|below|behind|under|beneath|underneath|beside|around|between|in front of|next to|on top of)\\b`,
    // "the insulin organ and the spleen": a substance's organ
    '^(?:the |a |an |that |this )?(?!left |right |other |same |whole |big |main |first |second |last )[a-z]+ (?:organ|gland)$',
    // "the liver and the largest lymphoid organ": an organ ranked by a superlative
    `\\b(?:largest|biggest|heaviest|smallest|tiniest|longest|shortest|widest) (?:[a-z]+ ){0,2}(?:organ|gland|vessel)\\b`,
    // "the food pipe and the big artery": the largest artery or vein is one of the 13
    '\\b(?:big|biggest|large|largest|great|main|major) (?:artery|vein)\\b',
    // "the organ of Barrett's oesophagus and the organ of H. pylori gastritis"
    '^(?:the |a |an )?(?:organ|gland) (?:of|affected by|hit by|involved in|behind)\\b',
    // "the caudate lobe and the IVC next to it": a named lobe of the liver
    '\\b(?:caudate|quadrate) lobe$',
  ].join('|'),
);

/**
 * "Which organ makes bile, which one stores it, and which one receives it?", "The pancreas lies
 * behind which organ, and its head sits in the curve of which organ?": two or more clauses that
 * each ask, one query per asking clause (clauses that do not ask go with every query). None when
 * fewer than two clauses ask.
 */
function askClauses(tokens: Token[], mentions: Mention[], hidden: Set<number>): Conjunct[] {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (let j = 0; j <= tokens.length; j++) {
    if (j === tokens.length || (tokens[j] as Token).boundary) {
      if (j > start) spans.push([start, j]);
      start = j + 1;
    }
  }
  const words = (from: number, to: number) =>
    tokens.slice(from, to).flatMap((t, k) => (hidden.has(from + k) ? [] : [t.text]));
  const own = spans.map(([a, b]) => {
    const w = words(a, b);
    return CONJUNCTIONS.has(w[0] ?? '') ? w.slice(1) : w;
  });
  const asking = spans.map((_, k) => (own[k] as string[]).some((w) => ASK_WORDS.has(w)));
  if (asking.filter(Boolean).length < 2) return [];
  const rest = own.filter((_, k) => !asking[k]).flat();
  // "…, which one stores it": the pronoun is what the clause before asked about (its last word).
  const referent = (k: number) => {
    if (!(own[k] as string[]).some((w) => BACK_REFERENCES.has(w))) return [];
    const before = own.slice(0, k).findLast((_, i) => asking[i]) ?? [];
    const last = before.findLast((w) => !STOPWORDS.has(w));
    return last ? [last] : [];
  };
  return spans.flatMap(([a, b], k) =>
    asking[k]
      ? [
          {
            words: [...(own[k] as string[]), ...referent(k), ...rest],
            own: own[k] as string[],
            named: mentions.some((m) => m.role === 'direct' && m.start >= a && m.start < b),
          },
        ]
      : [],
  );
}

interface Conjunct {
  /** The query for this conjunct: its own words with the words the conjuncts share. */
  words: string[];
  /** Its own words only. */
  own: string[];
  /** It names an organ itself. */
  named: boolean;
}

/**
 * "which organs make insulin and bile": one query per conjunct, each keeping the words the
 * conjuncts share. Conjunct i > 0 takes the first clause's opening words, as many as are left once
 * its own words replace the first conjunct's tail ("which organs make" + "bile"); words outside
 * the clause ("show both") go with every query. Fewer than two conjuncts: none.
 */
function conjunctQueries(tokens: Token[], mentions: Mention[]): Conjunct[] {
  const hidden = negatedTokens(mentions);
  const clauses = askClauses(tokens, mentions, hidden);
  if (clauses.length > 0) return clauses;
  // The clause holding the first conjunction, skipping clauses that ask nothing ("ALP and GGT up.
  // Show me the organ that makes bile and the one that stores it.").
  const clauseOf = (j: number): [number, number] => {
    let from = j;
    while (from > 0 && !(tokens[from - 1] as Token).boundary) from--;
    let to = j;
    while (to < tokens.length && !(tokens[to] as Token).boundary) to++;
    return [from, to];
  };
  const conjunctions = tokens.flatMap((t, j) => (CONJUNCTIONS.has(t.text) && !hidden.has(j) ? [j] : []));
  const asking = (j: number) => {
    const [from, to] = clauseOf(j);
    return tokens.slice(from, to).some((t) => ASK_WORDS.has(t.text) || COMMAND_VERBS.has(t.text));
  };
  const at = conjunctions.find((j) => asking(j)) ?? conjunctions[0];
  if (at === undefined) return [];
  let [start, end] = clauseOf(at);
  const words = (from: number, to: number) =>
    tokens.slice(from, to).flatMap((t, k) => (t.boundary || hidden.has(from + k) ? [] : [t.text]));
  // "Which organ secretes acid, and which gland sends bicarbonate?": the conjunction opens a
  // clause of its own, so the clause before the comma is the first conjunct.
  if (
    start === at &&
    at > 1 &&
    (tokens[at - 1] as Token).boundary &&
    ASK_WORDS.has(tokens[at + 1]?.text ?? '')
  ) {
    let before = at - 1;
    while (before > 0 && !(tokens[before - 1] as Token).boundary) before--;
    const first = words(before, at - 1);
    const second = words(at + 1, end);
    if (first.length === 0 || second.length === 0) return [];
    const rest = [...words(0, before), ...words(end, tokens.length)];
    const named = (from: number, to: number) =>
      mentions.some((m) => m.role === 'direct' && m.start >= from && m.start < to);
    return [
      { words: [...first, ...rest], own: first, named: named(before, at - 1) },
      { words: [...second, ...rest], own: second, named: named(at + 1, end) },
    ];
  }
  // "The esophagus, and then the organ it empties into": a comma before the conjunction joins the
  // clause before it.
  if (start === at && at > 1 && tokens[at - 1]?.raw === ',') {
    start = at - 1;
    while (start > 0 && !(tokens[start - 1] as Token).boundary) start--;
  }
  const rest = [...words(0, start), ...words(end, tokens.length)];
  const parts: Array<{ words: string[]; named: boolean }> = [{ words: [], named: false }];
  for (let j = start; j < end; j++) {
    const t = tokens[j] as Token;
    const part = parts.at(-1) as { words: string[]; named: boolean };
    if (CONJUNCTIONS.has(t.text)) parts.push({ words: [], named: false });
    else if (!hidden.has(j) && !t.boundary) {
      part.words.push(t.text);
      if (mentions.some((m) => m.role === 'direct' && m.start === j)) part.named = true;
    }
  }
  const [first, ...others] = parts.filter((p) => p.words.length > 0);
  if (!first || others.length === 0) return [];
  return [
    { words: [...first.words, ...rest], own: first.words, named: first.named },
    ...others.map((p) => ({
      words: [...first.words.slice(0, Math.max(2, first.words.length - p.words.length)), ...p.words, ...rest],
      own: p.words,
      named: p.named,
    })),
  ];
}

/**
 * "The right adrenal sits on top of which organ?", "The liver makes bile — which organ stores
 * it?": a name that opens a clause, with the question word after it, is the subject the question
 * starts from, not the answer ("The spleen is which organ?" keeps it: a copula follows the name).
 */
function asksAfter(tokens: Token[], m: Mention): boolean {
  if (COMPLEMENT_WORDS.has(tokens[m.end]?.text ?? '')) return false;
  // "the adrenal that sits behind the IVC – which one?": a pair's name heads a description of the
  // side asked for.
  if (
    m.target.kind === 'organ' &&
    m.target.family &&
    ['that', 'which', 'whose'].includes(tokens[m.end]?.text ?? '')
  )
    return false;
  return tokens.slice(m.end).some((t) => t.text === 'which' || t.text === 'what');
}

/**
 * Lower-case "gb", "rag": an organ abbreviation only right after a command ("segment gb", "show
 * the gb") or in a list of organs ("liver, gb and spleen"); elsewhere it is an ordinary word.
 */
/** Words around a name given alone before "which option?" ("The Greeks called it 'hepar'."). */
const NAMING_WORDS = new Set(
  'the a an it its they we greeks greek romans roman latin ancient old anatomists called call calls named name word for in is was means meaning from'.split(
    ' ',
  ),
);
/** Words a closing "which organ …?" may hold and still ask only for the organ the case names. */
const SITE_WORDS = new Set(
  'is it in that this involved affected being sampled biopsied the primary should i we you segment show outline highlight mark located lesion tumor mass origin site of does do lie lies sit sits here on image slice scan picture pic arise arises arising come comes from tumour tumours tumors growth cancer cyst stone has have had met mets metastasis metastases nodule deposit infected inflamed diseased injured damaged bleeding obstructed perforated ruptured enlarged swollen abnormal torn lacerated infarcted infarct infarction ischaemic ischemic necrotic thrombosed calcified atrophic scarred hydronephrotic laceration lacerations haematoma hematoma contused transected ruptured fractured shattered avulsed likely source wilms nephroblastoma adenoma carcinoma aldosterone cortisol catecholamines hormone option letter pls please holds hold holding contains contain containing harbours harbors swelling dilated obstructed'.split(
    ' ',
  ),
);
const UPPER_WORDS = new Set(['upper', 'superior', 'top']);
const GLAND_WORDS = new Set(['gland', 'glands', 'hat', 'hats', 'cap', 'caps']);
/** Verbs of a thing sitting on another ("what sits on top of the kidney"). */
const SITS_WORDS = new Set([
  'sits',
  'sitting',
  'sit',
  'perches',
  'perched',
  'rests',
  'resting',
  'lies',
  'lying',
]);
const GLAND_PLACES = new Set(['on', 'above', 'over', 'atop', 'capping', 'top', 'upon', 'topping']);
/** Place words before a name that make it a landmark of the lesion, not its site. */
const SITE_PLACE_WORDS = new Set([
  ...LANDMARK_WORDS,
  ...OUTSIDE_PLACE_WORDS,
  ...NEIGHBOUR_WORDS,
  ...['after', 'before', 'past', 'beyond', 'into', 'toward', 'towards', 'between', 'crossing', 'atop'],
]);
const PLACE_FILLERS = new Set(['on', 'at', 'patient', 'patients', 's', 'hand', 'his', 'her', 'their']);
/** Nouns a pointing "that …" may end on ("segment that one", "show that fatty organ"). */
const POINTED_NOUNS = new Set(['one', 'organ', 'gland', 'structure', 'thing', 'bit', 'kidney', 'adrenal']);
/** Words that may follow a pointer's noun: "show me that kidney please", "where's the gland on this image". */
/** Verbs of where an organ is ("where does the IVC run?"), not of where it leads ("…drain?"). */
const POSITION_VERBS = new Set(
  'sit lie run live hide appear show sits lies runs lives hides appears shows begin start lay be'.split(' '),
);
/** Which way the blood flows in a vessel: to the heart is the IVC, from it the aorta. */
const VESSEL_FLOW: ReadonlyArray<[RegExp, OrganId]> = [
  [
    /\b(?:towards?|back to|into|returning to|returns to|to) the heart\b|\bdeoxygenated\b|\bvenous\b|\bthin(?:ner)? wall/,
    6,
  ],
  [/\b(?:away from|out of|from) the heart\b|\boxygenated\b|\barterial\b|\bpulsat|\bthick(?:er)? wall/, 5],
];
/** A sentence or clause that only adds a side: ". and the right one too", "; oh and the right one too" (see ADDED_ONE's use). */
const ADDED_ONE =
  /(?:[.!?…]+|\s*[,;—–]|\s+-)\s+(?:(?:oh|um|uh|ah|and oh),?\s+)?(and |also |plus )?(the (?:left|right|other) one)( too| also| as well)?(?: actually| pls| please)?\s*[.!]?\s*$/i;
const ALONG_WITH = /\s+(?:together with|along with|as well as)\s+/i;
/** "…and the adrenal on that side" (not "…on the same side as the spleen") */
const SAME_SIDE_PAIR =
  /\b(adrenal|kidney|gland)(\s+gland)?\s+on\s+(that|the\s+same|this|the\s+opposite|the\s+other)\s+side\b(?:\s+of\s+the\s+body)?(?!\s+(?:as|of|from|to)\b)/i;
/** "… - highlight the kidney and the vein": the singular after a case (see THAT_ONE_OF_PAIR's use). */
const THE_ONE_OF_PAIR_AFTER_CASE =
  /(?<=[-—–:.;]\s+|,\s+(?:so\s+|now\s+|please\s+|pls\s+)?)((?:show|outline|mark|highlight|segment|find)(?: me)?) the (adrenal(?! glands)|kidney)\b(?!s)/i;
/** "Show that gland", "mark the same kidney" (see the side told before it). */
const THAT_ONE_OF_PAIR =
  /\b((?:show|outline|mark|highlight|segment|find)(?: me)?) (?:that|this|the same) (gland|adrenal|kidney)\b/i;
/** "…, the pancreas looks fine" closing a message */
const FINE_TAIL =
  /[,;.–—-]\s*(?!.*\b(?:just|only)\b)(?:but\s+|and\s+)?(?:the\s+)?[a-z' ]{3,30}?\s+(?:looks?|is|seems?|was)\s+(?:fine|normal|ok|okay|unremarkable|clear|healthy)\s*[.!]*\s*$/i;
/** "Don't show the crescent-shaped adrenal, show the other one." */
const WHIPPLE_HEAD =
  /\bwhipple\b.*\bhead of (?:one|which|an|another|a certain) (?:organ|gland)\b.*\b(?:that|this|the) (?:organ|gland)\b(?!.*\band\b)/i;
const CULPRIT_GLAND =
  /\b(?:show|outline|highlight|segment|mark)(?: me)? the (?:culprit|affected|responsible|abnormal|diseased|guilty|offending|hyperfunctioning|overactive) gland\b/i;
/** "outline both", "show both of them" at the end of a message. */
const BOTH_OUTLINED =
  /\b(?:outline|show|highlight|segment|mark|contour)(?: me)? (?:both|the two|both of them|them both)(?: organs)?(?: please| pls)?\s*[.!]*\s*$/i;
const BOTH_GLANDS =
  /\b(?:outline|show|highlight|segment|mark|contour)(?: me)? (?:both|the two|both the|both of the) (?:glands|targets|sides)\b|\bboth glands (?:outlined|shown|highlighted|segmented|marked)\b/i;
const NON_ADRENAL_WORDS =
  /\b(?:liver|hepatic|spleen|splenic|pancrea\w*|aort\w*|ivc|vena cava|gall ?bladder|o?esophag\w*|stomach|gastric|duoden\w*|kidneys?|renal|thyroid|pituitary|parathyroid\w*|salivary|prostate)\b/i;
const GLANDS_ON_KIDNEYS =
  /\bglands (?:on|above|on top of|atop|over|capping|sitting on|perched on|that sit on) (?:both|each|the two|the|my|her|his) kidneys?\b/i;
const GLAND_ABOVE_KIDNEY =
  /\b(?:above|on top of|atop|over|superior to|capping|on the upper pole of|at the upper pole of)\s+(?:the\s+)?(left|right)\s+kidney\b/i;
const GLAND_ASKED =
  /\b(?:outline|show|highlight|mark|segment|find|circle|label)\s+(?:me\s+)?(?:the|that|this)\s+gland\b/i;
const OTHER_ORGAN_WORDS =
  /\b(?:liver|hepatic|spleen|splenic|pancrea\w*|aort\w*|ivc|vena cava|adrenals?|suprarenal|gall ?bladder|o?esophag\w*|stomach|gastric|duoden\w*|thyroid|pituitary|prostate|ovar\w*|testi\w*)\b/i;
/** Questions about words, books, songs and idioms (see `QUOTED`). */
const OPTION_ASKED =
  /\b(?:which|what) (?:options?|letters?|choices?)\b|\bwhich of (?:the|your|these) (?:options|choices)\b|\b(?:show|outline|highlight|segment|mark|find|point to)(?: me| us)? (?:it|them|that one|this one|the (?:organ|vessel|gland|one)s? (?:that|it|they|the word|the name)|its (?:human )?(?:counterpart|version|equivalent)|the human (?:one|version|counterpart|equivalent))\b/i;
const QUOTED_TALK =
  /\b(?:say|translate|translation|spell|spelling|pronounce|pronunciation|spanish|french|german|italian|latin|greek|portuguese|chinese|japanese|novel|book|film|movie|song|album|band|poem|title|idiom|idiomatic|expression|saying|proverb|phrase)\b/i;
/** "my Italian report: 'vena cava inferiore dilatata'. which one is it on the picture?": the quoted
 * name is to be found on the image, not talked about. */
const QUOTE_LOCATED =
  /\b(?:which one is (?:it|that|this)|where is (?:it|that|this)|where (?:is|are) (?:it|they|that|this) (?:on|in) (?:the|my|her|his|their|this) (?:picture|image|scan|slice|ct|mri))\b/i;
/** "Urine is made in which organs?", "bile is stored by which organ?" (see resolveMessage). */
const PASSIVE_WHICH =
  /^\s*((?:the )?[a-z]+(?: [a-z]+)?) (?:is|are|gets|get) (made|produced|stored|filtered|concentrated|secreted|digested|absorbed|broken down) (?:in|by) (which|what) (organs?)\s*\??\s*$/i;
const ACTIVE_OF = new Map<string, string>([
  ['made', 'makes'],
  ['produced', 'produces'],
  ['stored', 'stores'],
  ['filtered', 'filters'],
  ['concentrated', 'concentrates'],
  ['secreted', 'secretes'],
  ['digested', 'digests'],
  ['absorbed', 'absorbs'],
  ['broken down', 'breaks down'],
]);
/** "how do you say kidney in French", "spell liver in German": an organ's name asked in another language. */
const WORD_IN_LANGUAGE =
  /\b(?:say|spell|pronounce|translate|write)\b[^.?!]{0,20}?\b(?:(?:left |right )?(?:liver|kidneys?|spleen|pancreas|aorta|adrenals?|gall ?bladder|o?esophagus|stomach|duodenum)) (?:in|into) (?:french|spanish|german|italian|latin|greek|portuguese|chinese|japanese|arabic|hindi|russian|dutch|korean|polish|swedish|turkish)\b/gi;
/** "the word spleen", "the term gallbladder": an organ's name spoken of as a word. */
const WORD_NAMED = new RegExp(
  `\\b(?:the )?(?:word|term|name) ${'(?:'}(?:left |right )?(?:liver|kidneys?|spleen|pancreas|aorta|ivc|vena cava|adrenals?|gall ?bladder|o?esophagus|stomach|duodenum))\\b`,
  'gi',
);
/** A quoted span: 'gallbladder', "…", ‘…’, “…”. */
const QUOTED =
  /(?<![A-Za-z])'(?:[^']|(?<=[A-Za-z])'(?=[A-Za-z]))+'(?![A-Za-z])|"[^"]{2,80}"|(?<![A-Za-z])‘(?:[^’]|(?<=[A-Za-z])’(?=[A-Za-z]))+’(?![A-Za-z])|“[^”]{2,80}”/g;
const ORGAN_WORD =
  /\b(?:liver|kidneys?|spleen|pancreas|aorta|ivc|vena cava|adrenals?|gall ?bladder|o?esophagus|stomach|duodenum|hepatic|renal|splenic|pancreatic|gastric)\b/i;
/** Germs named by their genus's initial ("H. pylori"), which would read as option letters. */
const GENUS_INITIAL = /\b([HEC])\.? ?(pylori|coli|difficile|diff)\b/;
function genusInFull(_: string, initial: string, species: string): string {
  const genus = initial === 'H' ? 'Helicobacter' : initial === 'E' ? 'Escherichia' : 'Clostridioides';
  return `${genus} ${species}`;
}
/** A list item that is a part named only for its organ ("…and the uncinate process"). */
const ORGAN_PART_ITEM =
  /^(?:the |a )?(?:uncinate process|pylorus|pyloric antrum|antrum|caudate lobe|quadrate lobe|(?:gastric|pancreatic|duodenal) (?:antrum|fundus|body|cardia|head|neck|tail|bulb|cap)|(?:head|neck|body|tail) of the pancreas)(?: (?:too|itself|please|pls))?$/;
/** "Outline both kidneys, then drop the one tucked under the liver" (the pair is all that is named). */
const PAIR_LESS_DESCRIBED =
  /^\s*(?:(?:please|pls|can you|could you)\s+)?(?:show|outline|highlight|mark|segment)(?:\s+me)?\s+(?:both|the(?:\s+two)?)\s+(kidneys|adrenals|adrenal glands)\s*[,;.—-]*\s*(?:(?:then|but|and|now|ok)\s+)*(?:drop|remove|skip|lose|exclude|hide|take away|take out|leave out)\s+the\s+one\s+((?:that\s+|which\s+)?(?:is\s+|s\s+|sits\s+|lies\s+)?(?:tucked\s+|sitting\s+|lying\s+)?(?:under|below|beneath|behind|next to|beside|near|against|closer to|nearer)\s+[^,;.!?]+?)\s*[.!]*\s*$/i;
const OTHER_OF_PAIR =
  /^\s*(?:no,?\s+)?(?:don'?t\s+show|do\s+not\s+show|not)\s+(the\s+[^,;.!?—]+?)\s*[,;.—-]+\s*(?:(?:just|please|pls)\s+)?(?:(?:show|outline|mark|highlight|give)(?:\s+me)?\s+|i\s+want\s+)?the\s+other(?:\s+one)?(?:\s+(?:please|pls))?\s*[.!]*\s*$/i;
/** "…? Highlight that, not the oesophagus.": a pointer to the answer of the question before. */
const POINTER_TAIL =
  /^(.*[?])\s*(?:please\s+|pls\s+|now\s+|just\s+)?(?:show|highlight|outline|mark|circle|segment)(?: me)?\s+(?:that|it|this|that one|this one)(?:\s+(?:organ|one))?(?:\s*(?:please|pls))?\s*(?:[,;:-]|—)?\s*(?:(?:and\s+|but\s+)?not\s+(?:the\s+)?([a-z' -]+?))?\s*[.!]*\s*$/i;
/** "…, and the pancreas as well", "…plus the esophagus itself": a name added at the end. */
const ADDED_NAME =
  /^(.*?\S)\s*,?\s+(?:and|plus|&)\s+(?:also\s+)?((?:the\s+)?[a-z' -]{2,40}?)\s+(?:too|as well|itself|also|themselves)\s*[.!?]*\s*$/i;
const WHERE_IS_LOCATED =
  /\b(where (?:is|are|s))\s+(?:located|situated|placed|found|positioned)\s+(?=(?:the|a|an|my|this|his|her)\s)/i;
const FOLLOW_UP = /^\s*(?:(?:and|ok|okay|now|so|then)[,\s]+)?(?:what|how) about\s+(?=\S)/i;
/** Tags that put a statement as a question: "…, right?", "…, doesn't it?". */
const PREMISE_TAGS: readonly (readonly string[])[] = [
  ['right'],
  ['correct'],
  ['true'],
  ['yes'],
  ['no'],
  ['isn', 't', 'it'],
  ['doesn', 't', 'it'],
  ['don', 't', 'they'],
  ['aren', 't', 'they'],
  ['isn', 't', 'that', 'right'],
  ['am', 'i', 'right'],
  ['is', 'that', 'right'],
  ['is', 'that', 'correct'],
];
/** …followed by doubt: "if not, highlight the real source", "correct me and show…". */
const DOUBT_WORDS: readonly (readonly string[])[] = [
  ['correct', 'me'],
  ['if', 'not'],
  ['real'],
  ['actual'],
  ['actually'],
  ['really'],
  ['truly'],
  ['in', 'fact'],
  ['true', 'source'],
  ['wrong'],
];
/**
 * "Where are insulin and cortisol made?", "which organs produce bile and urine": two substances
 * joined by "and" in a question about where things are made, as two questions ("where is insulin
 * made", "where is cortisol made").
 */
const SUBSTANCES_PASSIVE =
  /^(?:(?:show|tell) me |(?:can|could) (?:you|u) show (?:me )?)?(?:where|which organs?|what organs?) (?:are|is|do|does|get) ([a-z]+(?: [a-z]+)?) and ([a-z]+(?: [a-z]+)?) (made|produced|secreted|stored|formed|released|filtered)\b/;
const SUBSTANCES_EMBEDDED =
  /^(?:(?:show|tell) me |(?:can|could) (?:you|u) show (?:me )?)where ([a-z]+(?: [a-z]+)?) and ([a-z]+(?: [a-z]+)?) (?:are|is|get) (made|produced|secreted|stored|formed|released|filtered)\b/;
const VERBS_OF_SUBSTANCE =
  /\b(?:(?:organs|ones|glands|two|both) (?:that|which)|(?:which|what) (?:two )?(?:organs|glands)) (make|produce|secrete|store|filter|release|concentrate) and (make|produce|secrete|store|filter|release|concentrate) ([a-z]+(?: [a-z]+)?)(?: [?.!])?$/;
const SUBSTANCES_ACTIVE =
  /^(?:(?:show|tell) me )?(?:which|what) (?:organs?|glands?) (make|makes|produce|produces|secrete|secretes|store|stores|release|releases) ([a-z]+(?: [a-z]+)?) and ([a-z]+(?: [a-z]+)?)(?: [?.!])?$/;
/**
 * Two or more clauses that each ask on their own ("which adrenal …, and which kidney …?"): none
 * points back to another ("…, and which organ does it drain into?"), none takes back or corrects.
 */
function standaloneQuestions(tokens: Token[], normalised: string): string[] | undefined {
  const spans: string[][] = [[]];
  for (const t of tokens) {
    if (t.boundary) spans.push([]);
    else (spans.at(-1) as string[]).push(t.text);
  }
  const clauses = spans
    .map((w) => (CONJUNCTIONS.has(w[0] ?? '') ? w.slice(1) : w))
    .filter((w) => w.length > 0);
  if (clauses.length < 2) return undefined;
  const asks = (w: string[]) =>
    (w[0] === 'which' || w[0] === 'what') &&
    w.length >= 4 &&
    !w.some((x) => BACK_REFERENCES.has(x) || x === 'one' || x === 'other' || x === 'that' || x === 'this');
  // "Which organ makes insulin - sorry, I meant which organ stores bile?": only the last question.
  if (ASK_CORRECTED.test(normalised)) {
    const last = clauses.at(-1) as string[];
    const at = last.findIndex((w) => w === 'which' || w === 'what');
    const question = at >= 0 ? last.slice(at) : [];
    return question.length > 0 && asks(question) ? [question.join(' ')] : undefined;
  }
  // "…? And show the aorta too.": a command that adds to the question before it.
  const adds = (w: string[]) =>
    COMMAND_VERBS.has(w[0] ?? '') &&
    w.some((x) => x === 'too' || x === 'also') &&
    !w.some((x) => BACK_REFERENCES.has(x) || x === 'one' || x === 'other');
  if (!asks(clauses[0] as string[]) || !clauses.slice(1).every((w) => asks(w) || adds(w))) return undefined;
  return clauses.map((w) => w.join(' '));
}

/** Words that place the thing asked for by a named organ ("which glands sit on top of the kidneys?"). */
const PLACE_BEFORE_NAME = new Set([
  'on',
  'of',
  'above',
  'below',
  'behind',
  'under',
  'beneath',
  'beside',
  'between',
  'near',
  'to',
  'into',
  'from',
  'around',
  'against',
  'with',
  'atop',
  'than',
]);

/**
 * The pair (both kidneys or both adrenals) a plural "which organs/glands" asks about when the pair's
 * family is the only organ named, as context rather than as a place ("…on top of the kidneys").
 */
function pairOfPluralAsk(
  tokens: Token[],
  mentions: readonly Mention[],
  normalised: string,
): readonly OrganId[] | undefined {
  const head = PLURAL_HEAD.exec(normalised)?.[2];
  if (!head) return undefined;
  const organs = mentions.filter((m) => m.target.kind === 'organ' && m.role !== 'negated');
  const first = organs[0];
  if (first?.target.kind !== 'organ' || first.target.ids.length !== 2 || !first.target.family)
    return undefined;
  const family = first.target.family;
  if (
    !organs.every((m) => m.target.kind === 'organ' && m.target.family === family && m.target.ids.length === 2)
  )
    return undefined;
  if (head === 'glands' && family !== 'adrenal') return undefined;
  if (organs.some((m) => PLACE_BEFORE_NAME.has(tokens[beforeArticlesAndSides(tokens, m.start)]?.text ?? '')))
    return undefined;
  return first.target.ids;
}

/** Verbs besides the commands that ask for what a description describes. */
const DESCRIPTION_ASKS = new Set(['point', 'identify', 'locate', 'name', 'find', 'whats']);
/** Kinds a described conjunct may name ("…and the organ it drains into"). */
const CONJUNCT_HEADS = new Set([
  'organ',
  'organs',
  'one',
  'ones',
  'gland',
  'glands',
  'vessel',
  'artery',
  'vein',
  'tube',
  'bowel',
  'sac',
  'structure',
  'bit',
  'part',
  // "…and the C-shaped loop of bowel that hugs the pancreatic head", "the reservoir that stores them"
  'loop',
  'segment',
  'stretch',
  'reservoir',
  'bag',
  'pouch',
  'thing',
]);
/** Words after an "it" that is a verb's object ("stores it in …", "leak it —"), not a subject. */
const OBJECT_IT_NEXT = new Set([
  'in',
  'with',
  'into',
  'to',
  'from',
  'for',
  'at',
  'on',
  'by',
  'up',
  'out',
  'down',
  'and',
]);
/** Words that place one of a pair named after "and the" ("the adrenal on the spleen's side"). */
const PAIR_PLACED = new Set([
  'on',
  'that',
  'which',
  'next',
  'nearest',
  'closest',
  'nearer',
  'closer',
  'under',
  'above',
  'behind',
  'beside',
  'below',
  'near',
  'sitting',
  'lying',
  'tucked',
  'capping',
  'touching',
]);
/** Words after which "it" is the organ named before ("the organ it drains into", "on top of it"). */
const BEFORE_IT_THE_ORGAN = new Set([
  ...CONJUNCT_HEADS,
  'of',
  'behind',
  'around',
  'on',
  'under',
  'below',
  'beneath',
  'above',
  'beside',
  'into',
  'to',
  'against',
  'from',
  'near',
]);
/**
 * Verbs whose object is the organ a thing is placed by ("the gland that caps it"), so "it" there is
 * the organ named before, not the thing the request before was about.
 */
const PLACING_VERBS = new Set([
  'caps',
  'cap',
  'capping',
  'crowns',
  'crowning',
  'tops',
  'topping',
  'hugs',
  'hugging',
  'cradles',
  'cradling',
  'overlies',
  'overlying',
  'straddles',
  'indents',
]);
/** Words that open a description after its head noun: "the loop of bowel that …". */
const RELATIVE_WORDS = new Set(['that', 'which', 'where', 'whose', 'who', 'wrapping', 'hugging']);
/** Words after which a list of named and described organs is left to other passes. */
const NAMED_BESIDE_STOPS = new Set([
  'it',
  'its',
  'them',
  'they',
  'their',
  'these',
  'those',
  'actually',
  'instead',
  'not',
  'drop',
  'remove',
  'except',
  ':',
  'list',
  'sorry',
  'mean',
  'meant',
]);
/** Words that may follow an organ's name in a list: "and the spleen too". */
const NAME_TRAILERS = new Set([
  'too',
  'also',
  'itself',
  'please',
  'pls',
  'as',
  'well',
  'both',
  '—',
  '-',
  'thanks',
  'thx',
]);
/** Words before a request's object: "and also show me both …". */
const REQUEST_OPENERS = new Set([
  'and',
  'also',
  'me',
  'us',
  'then',
  'plus',
  'please',
  'pls',
  ',',
  'i',
  'want',
  'd',
  'like',
]);
/** Words that open a request's setting before a comma: "show in SMA syndrome, the …". */
const SETTING_PREPOSITIONS = new Set(['in', 'for', 'after', 'during', 'with', 'on']);
// ("the second part of the duodenum" is a name; "…and the organ itself" no description)
const AFTER_HEAD_ENDS = new Set(['and', 'or', 'too', 'also', 'as', 'itself', 'themselves', 'both', 'of']);

/**
 * "Which organ forms the stones and which organ becomes inflamed?", "show the organ that stores bile
 * and the organ it drains into": a request joined by "and" to a second question or description
 * of its own, as word lists, each to be answered alone (words before the first question, such as
 * a case's setting, go with each). A conjunct that names an organ is no question ("the liver and
 * the kidney under it" stays one), nor is the second landmark of "between X and Y". None when fewer
 * than two are found.
 */
function coordinatedAsks(tokens: Token[], mentions: readonly Mention[]): string[][] | undefined {
  const words = tokens.map((t) => t.text);
  // Only within one sentence; a closing "Show both." or "Highlight them." is dropped.
  const ends = words.flatMap((w, i) => (['.', '?', '!'].includes(w) ? [i] : []));
  const sentenceEnd = (i: number) => ends.find((e) => e > i) ?? words.length;
  const splits: number[] = [];
  for (let i = 1; i < words.length - 2; i++) {
    // "Which organ makes bile, which one stores it, and …": a comma before a new question.
    const commaAsk =
      words[i] === ',' &&
      ASK_WORDS.has(words[i + 1] as string) &&
      CONJUNCT_HEADS.has(words[i + 2] as string) &&
      words.slice(splits.at(-1) ?? 0, i).some((w) => ASK_WORDS.has(w) || COMMAND_VERBS.has(w));
    if (!CONJUNCTIONS.has(words[i] as string) && !commaAsk) continue;
    const next = words[i + 1] as string;
    const rest = words.slice(i + 1, sentenceEnd(i)).filter((w) => !tokens[words.indexOf(w)]?.boundary);
    let asks = false;
    // ("…crosses in front of the IVC and which other great vessel?" continues the first question.)
    if (['which', 'what', 'where', 'whatever', 'whichever'].includes(next))
      asks = rest.length >= 3 && words[i + 2] !== 'other';
    else if (next === 'the' || next === 'a' || next === 'an') {
      const head = words.slice(i + 2, i + 6).findIndex((w) => CONJUNCT_HEADS.has(w));
      const after = words[i + 2 + head + 1] ?? '';
      // ("…and the C-shaped loop of bowel that hugs the pancreatic head": "of" and a noun, then
      // its description.)
      const nounAt = i + 2 + head + (ARTICLES.has(words[i + 2 + head + 2] ?? '') ? 3 : 2);
      const ofDescribed =
        after === 'of' && RELATIVE_WORDS.has(words[nounAt + 1] ?? '') && /^[a-z]+$/.test(words[nounAt] ?? '');
      asks =
        head >= 0 &&
        /^[a-z]+$/.test(after) &&
        (!AFTER_HEAD_ENDS.has(after) || ofDescribed) &&
        // ("…and the adrenal gland on the left side": a name, not a description)
        !mentions.some((m) => m.target.kind === 'organ' && m.start > i && m.start <= i + 2 + head);
      // "…and the adrenal on the same side as the spleen": one of a pair, placed by a description.
      const pair = mentions.find(
        (m) => m.target.kind === 'organ' && m.target.family && m.target.ids.length === 2 && m.start === i + 2,
      );
      // (only after a description: "the kidney and the adrenal on the left side" share the side)
      // (or after a pair placed by its own description: "the kidney under the spleen and the adrenal …")
      const before = splits.at(-1) ?? 0;
      const placedBefore = mentions.some(
        (m) =>
          m.target.kind === 'organ' &&
          m.target.family &&
          m.start >= before &&
          m.end < i &&
          PAIR_PLACED.has(words[m.end] ?? ''),
      );
      const described =
        placedBefore || words.slice(before, i).some((w) => CONJUNCT_HEADS.has(w) || ASK_WORDS.has(w));
      if (
        !asks &&
        pair &&
        described &&
        PAIR_PLACED.has(words[pair.end] ?? '') &&
        !words.slice(0, i).includes('between')
      )
        asks = true;
    }
    if (!asks) continue;
    const start = splits.at(-1) ?? 0;
    // ("…between the stomach and the left kidney, and the organ the stomach empties into": the
    // "and" of "between" came before.)
    const between = words.lastIndexOf('between', i);
    if (between >= start && !words.slice(between, i).includes('and')) continue;
    if (ends.some((e) => e > start && e < i)) continue;
    splits.push(i);
  }
  if (splits.length === 0) return undefined;
  // "…, and what sits on top of the left one?": the second leans on the first's words.
  if (splits.some((i) => /^(?:left|right|other|same)$/.test(words[words.indexOf('one', i) - 1] ?? '')))
    return undefined;
  const first = splits[0] as number;
  let from = first;
  while (from > 0 && !['.', '?', '!'].includes(words[from - 1] as string)) from--;
  const opening = words.slice(from, first);
  // The first request starts at its question word or verb; what comes before it is shared.
  const askAt = opening.findIndex((w) => ASK_WORDS.has(w) || COMMAND_VERBS.has(w) || w === 'whatever');
  // ("the right kidney and the gland on its upper pole": a name alone is a request too, when
  // nothing follows that sentence.)
  const nameAlone =
    sentenceEnd(splits.at(-1) as number) >= words.length - 1 &&
    mentions.some(
      (m) =>
        m.target.kind === 'organ' &&
        m.end === first &&
        (m.start === from || (m.start === from + 1 && ARTICLES.has(words[from] as string))),
    );
  if (askAt < 0 && !nameAlone && !opening.some((w) => CONJUNCT_HEADS.has(w))) return undefined;
  const preamble = askAt > 0 ? opening.slice(0, askAt) : [];
  const last = sentenceEnd(splits.at(-1) as number);
  const bounds = [from, ...splits, last];
  const clean = (w: string[]) => w.filter((x, k) => !(k === 0 && CONJUNCTIONS.has(x)) && x !== ',');
  // Each part is read again from the start, so a side the viewer gave goes back as typed ("the
  // screen's right" would otherwise be turned round twice).
  const typed = tokens.map((t) =>
    t.raw.length > 1 && SIDE_WORDS.has(t.raw.toLowerCase()) ? t.raw.toLowerCase() : t.text,
  );
  const parts = bounds.slice(0, -1).map((b, k) => clean(typed.slice(b, bounds[k + 1])));
  return parts.map((p, k) => (k === 0 ? p : [...preamble, ...p]));
}

const PASSIVE_TO_ACTIVE: Record<string, string> = {
  made: 'makes',
  produced: 'produces',
  secreted: 'secretes',
  stored: 'stores',
  formed: 'forms',
  released: 'releases',
  filtered: 'filters',
};
function substancePair(normalised: string): [string, string] | undefined {
  const passive = SUBSTANCES_PASSIVE.exec(normalised);
  if (passive) {
    const verb = PASSIVE_TO_ACTIVE[passive[3] as string] as string;
    return [`which organ ${verb} ${passive[1]}`, `which organ ${verb} ${passive[2]}`];
  }
  // "show me where cortisol and urine are made"
  const embedded = SUBSTANCES_EMBEDDED.exec(normalised);
  if (embedded) {
    const verb = PASSIVE_TO_ACTIVE[embedded[3] as string] as string;
    return [`which organ ${verb} ${embedded[1]}`, `which organ ${verb} ${embedded[2]}`];
  }
  // "the two organs that make and store bile"
  const verbs = VERBS_OF_SUBSTANCE.exec(normalised);
  if (verbs) {
    const third = (v: string) => (v.endsWith('s') ? v : `${v}s`);
    return [
      `which organ ${third(verbs[1] as string)} ${verbs[3]}`,
      `which organ ${third(verbs[2] as string)} ${verbs[3]}`,
    ];
  }
  const active = SUBSTANCES_ACTIVE.exec(normalised);
  if (active) return [`which organ ${active[1]} ${active[2]}`, `which organ ${active[1]} ${active[3]}`];
  return undefined;
}

/** The words before a side that deny it: "…is not on the patient's right", "…isn't on the left". */
const DENIED_SIDE =
  /\b(?:not|isn t|isnt|aren t|arent|never)(?: (?:located|lying|sitting|found|situated|placed))? (?:on|to) (?:the )?(?:patient s |patients |patient )?$/;
/** "scratch that, the left": a take-back word that points at what came before takes no side back. */
const POINTER_WORDS = new Set(['that', 'this', 'it', 'everything']);
/** Words before a side that take it back ("…actually not the left one", "…skip the left one"). */
const SIDE_TAKEN_BACK = new Set([
  // "undo the stomach, just keep the esophagus", "deselect the liver"
  'undo',
  'deselect',
  'unselect',
  'unhighlight',
  'unmark',
  'erase',
  'not',
  // "…hang on, the one that isn't the right"
  'isn',
  'isnt',
  'except',
  'without',
  'skip',
  'drop',
  'remove',
  'omit',
  'exclude',
  'excluding',
  'minus',
  'lose',
  'forget',
  'scratch',
  'scrap',
  // "…keep the IVC, lose the aorta", "ditch the spleen"
  'lose',
  'ditch',
  'cancel',
  'ditch',
  'ignore',
  // "both kidneys. Actually, never mind the right one."
  'mind',
]);
/** Words just before a name that correct what was asked ("…? I meant the IVC", "…, sorry, the IVC"). */
const CORRECTED_BEFORE = new Set(['meant', 'mean', 'sorry', 'actually', 'instead', 'nvm', 'oops', 'wait']);
const ONE_NOT_ON_SIDE =
  /\bthe one (?:that is|that s|which is|thats) not (?:on )?the (?:patient s |patients )?(left|right)(?: one| side| hand one)?\b/;
const ONE_ON_SIDE =
  /\bthe one (?:on|at|to) the (?:patient s |patients |viewer s |viewers |screen s |image s )?(left|right)(?: side| hand side)?$/;
/** "the remaining kidney", "the other adrenal" after a removal (see applyRemainingOfPair). */
const REMAINING_BEFORE = new Set(['remaining', 'surviving', 'solitary', 'sole', 'residual']);
const REMAINING_AFTER =
  /^(?:that s left|that is left|thats left|that remains|left behind|still there|which remains|that s still|he has left|she has left|they have left|i have left|i ve left|you have left|we have left|(?:that|which) (?:s |is |will be |ll be )?(?:staying|stays|will stay|ll stay|remaining|kept|being kept|we keep|we re keeping|is kept|survives|is spared|s spared|stays in)|we (?:keep|re keeping|are keeping|ll keep|will keep)|(?:does|do) (?:she|he|they|i|you|we|the patient) still have|(?:that|which) (?:s |is |are )?(?:still )?(?:doing|carrying|working|works)\b)\b/;
/** "the other kidney", "the contralateral gland", "the adrenal on the other side" after one side was named. */
const OTHER_BEFORE = new Set(['other', 'contralateral', 'opposite']);
const OTHER_AFTER = /^(?:on|of|from) the (?:other|opposite) side\b/;
/** Two or more option letters joined ("B and M", "A, C & K"); see spellOptionLetters. */
const LETTER_RUN =
  /(?<![\w'’-])[A-M](?:\s*(?:,|&|\+|\band\b|\bor\b)\s*(?:and\s+|or\s+)?(?!I\s+(?!(?:and|or|plus|please|pls|only|too)\b)[a-z])[A-M](?![\w'’-]))+/g;
/** "Outline C and the aorta": one option letter after a request verb, before a list's "and". */
const LETTER_AFTER_VERB =
  /(?<=\b(?:[Ss]how|[Oo]utline|[Hh]ighlight|[Mm]ark|[Ss]egment|[Cc]ontour|[Gg]ive)(?: me)? )([B-HJ-M])(?=\s*(?:,|&|\+|\band\b|\bplus\b)\s*(?:the|a|an|both)\b|\s+but not\s+(?:[A-M](?![\w'’-])|the\b))/g;
/** "…the aorta and C.": one option letter closing a list. */
const LETTER_ENDS_LIST =
  /(?:&|\+|\band\b|\bplus\b)\s*([B-HJ-M])(?=\s*(?:[!?]|\.(?!\s*[a-z])|$|\bpls\b|\bplease\b|\btoo\b))/g;
/** "vitamins A and K", "hepatitis B and C", "segments B and C": letters that are not options. */
const LETTER_RUN_NOT_AFTER =
  /\b(?:vitamins?|hepatitis|hep|types?|grades?|class(?:es)?|stages?|segments|(?:liver|hepatic|couinaud) segment|zones?|groups?|blood|child pugh|child-pugh|bosniak|lobes?|factors?)\s*$/i;
/** Options picked by a side word in their names (see relativeOptions). */
const SIDE_IN_NAME =
  /\b(?:(?:every|all(?: of)?(?: the)?|only(?: the)?|the|whichever|whatever) )?(?:options?|organs?|ones?|items?|choices?)(?: on (?:your|the) list)?(?: (?:whose|with) names? (?:that )?(?:contain|contains|include|includes|has|have)(?: the word)? ['"‘’“”]?(left|right)['"‘’“”]?| (?:that |which )?(?:has|have|contain|contains|include|includes|with) (?:the word )?['"‘’“”]?(left|right)['"‘’“”]? (?:(?:written |spelled |spelt )?in (?:its|their|the) names?|(?:written |spelled |spelt )in (?:them|it)\b)| called ['"‘’“”]?(left|right)['"‘’“”]? something)/gi;
/** Options placed against a letter (see relativeOptions); capitals only. */
const OPTIONS_BEFORE_AFTER =
  /\b(?:everything|all(?: of)?(?: the)?(?: organ)?(?: options)?|every (?:organ )?option) (before|after) ([A-N])(?![\w'’-])/g;
const OPTIONS_NEXT_TO =
  /\b(?:the )?(?:(two|three) )?(?:organ )?(?:options?|letters?|one|ones)(?: (?:that|which) (?:comes?|is|sits|stands))? (?:right |just |immediately |directly |straight )?(before|after) ([A-N])(?![\w'’-])/g;
/** "the organ whose letter comes right after the IVC's letter": the organ's own letter first. */
const LETTER_OF_ORGAN = new RegExp(
  String.raw`\b(?:the |a |an )?(?:organ|one|option) whose (?:option )?letter (?:comes|is|sits|stands) (?:right |just |immediately |directly )?(?:(two|three|four) (?:letters? |places? |spots? )?)?(before|after) (?:the |that of the )?(${OPTION_NAMES})(?:'s|’s| s)? letter\b`,
  'gi',
);
const LETTER_OF_ALPHABET =
  /\b(?:the |a |an )?(?:organ|one|option) whose (?:option )?letter is the ([a-z0-9]+) letter of the (?:alphabet|english alphabet)\b/gi;
const LETTER_OF_NAME: Record<string, string> = {
  liver: 'A',
  'right kidney': 'B',
  spleen: 'C',
  pancreas: 'D',
  aorta: 'E',
  ivc: 'F',
  'inferior vena cava': 'F',
  'right adrenal': 'G',
  'right adrenal gland': 'G',
  'left adrenal': 'H',
  'left adrenal gland': 'H',
  gallbladder: 'I',
  esophagus: 'J',
  oesophagus: 'J',
  stomach: 'K',
  duodenum: 'L',
  'left kidney': 'M',
};
/** "the organ two letters before the esophagus", "the option right after the left kidney in the list" */
const OPTION_FROM_ORGAN = new RegExp(
  String.raw`\b(?:the )?(option|letter|organ|one)(?: (?:that|which) (?:comes|is|sits))?(?: (?:listed|lettered|placed))? (?:(one|two|three|four|five|six|1|2|3|4|5|6) (?:letters?|places?|spots?|positions?) )?(?:right |just |immediately |directly |straight )?(before|after) (?:the (?:one|option|letter) (?:for|of) )?the (${OPTION_NAMES})\b(?!(?:'s|’s| s) letter)( (?:in|on) (?:the|your|ur) (?:list|options))?`,
  'gi',
);
/** "Go two letters back from the esophagus's letter" */
const BACK_FROM_ORGAN_LETTER = new RegExp(
  String.raw`\b(?:go|move|step|count|jump) (one|two|three|four|five|six|1|2|3|4|5|6) (?:letters?|places?|steps?|spots?) (back|backwards|forwards?|on|ahead) from the (${OPTION_NAMES})(?:'s|’s| s)? letter\b`,
  'gi',
);
/** "whatever comes after C in the list" */
const WHATEVER_NEXT_TO =
  /\b(?:whatever|whichever(?: option| letter| one)?) (?:comes|is|sits) (?:(one|two|three|four|five|six|1|2|3|4|5|6) (?:letters?|places?|spots?) )?(?:right |just |immediately |directly |straight )?(before|after) ([A-M])(?![\w'’-])/gi;
const OPTION_BETWEEN =
  /\b(?:(?:[Tt]he|[Ee]very|[Aa]ll(?: the)?) (?:one|option|organ|ones|options|organs|letter|letters)(?: (?:that |which )?(?:sits?|sitting|lies|lying|falls?|falling|comes?|coming|is|are))?|[Ee]verything|[Aa]nything)(?: (?:strictly|directly|right|just))? between ([A-M]) and ([A-M])(?![\w'’-])/g;
const OPTIONS_EITHER_SIDE =
  /\bthe (?:two )?options? (?:on (?:either|each|both) sides? of|(?:just |right |immediately |directly )?before and (?:just |right |immediately |directly )?after) ([A-M])(?![\w'’-])/g;
const NUMBER_WORDS = 'one two three four five six seven eight nine ten eleven twelve thirteen'.split(' ');
const NUMBER_WORD = new RegExp(`\\b(?:${NUMBER_WORDS.join('|')})\\b`, 'gi');
/** "options one, three and five", "option number two": numbered options written out. */
const OPTION_NUMBER_WORDS = new RegExp(
  `\\b([Oo]ptions?\\s+(?:(?:no\\.?|numbers?|#)\\s*)?)((?:${NUMBER_WORDS.join('|')})(?:\\s*(?:,|and|&|\\+|or|to|through|thru)\\s*(?:${NUMBER_WORDS.join('|')}))*)\\b(?!\\s+(?:after|before|letters?|places?|steps?|down|up|back|on|further|later|earlier|over)\\b)`,
  'gi',
);
/** "options 7 and 8", "options 1 through 4", "option 9" (see spellOptionLetters). */
const NUMBERED_OPTIONS =
  /\b([Oo]ptions?\s+|[Cc]hoices?\s+|[Oo]ption\s+(?:no\.?|numbers?|#)\s*)(\d{1,2}(?:\s*(?:,|and|&|\+|or|to|through|thru|-|–)\s*\d{1,2})*)\b(?![.,]\d)/g;
/** Three or more capitals A–M apart by spaces only, the whole message ("J K L"). */
const SPACED_LETTERS_BEFORE_NAME =
  /^\s*[B-HJ-M](?:\s+[A-M])+(?=\s*(?:,|&|\+|\band\b|\bplus\b)\s*(?:the|both|a|an)\b)/;
const SPACED_LETTERS = /^\s*[A-M](?:\s+[A-M]){2,}(?=\s*(?:pls|please|plz|thanks|thx)?\s*(?:[.!?…,;]|$))/;
/** "options A through D", "E thru H", "…: C all the way to E" (at the start, after "option(s)" or a colon). */
const LETTER_RANGE =
  /(^\s*|[,:]\s*|\b[Oo]ptions?\s+(?:(?:lettered|labelled|labeled|marked|from)\s+)?|\b[Cc]hoices?\s+|\b[Ll]etters?\s+|\b[Oo]rgans?\s+|\b[Ee]verything\s+|\b[Ll]ist\s+|\b[Ff]rom\s+[Oo]ption\s+|\b(?:[Oo]utline|[Ss]how|[Hh]ighlight|[Mm]ark|[Ss]egment|[Dd]o|[Gg]ive me|[Ll]ight up|[Dd]raw|[Tt]race|[Cc]ontour)(?: me)?\s+)([A-M])\s*(?:through|thru|to|all the way (?:to|through|thru)|-|–|\.\.\.?|…)\s*(?:[Oo]ption\s+)?([A-M])(?![\w'’])/g;
/** Words that take back or swap something named before (see twoAsks). */
const TAKE_BACK_WORDS =
  /\b(?:drop|never ?mind|nvm|take (?:back|away|out|off)|skip|leave out|leave off|remove|without|except|instead|actually|not|no|scrap|forget|minus|lose|ditch|swap|replace|change|switch|rather|only|just)\b/i;
/** Where a second ask starts (see twoAsks): a boundary and an additive cue, or "and tell me". */
const SECOND_ASK =
  /(?:\?\s*(?:and\s+)?(?:also|plus|\+|then|and|separately)\b[,]?|[.!;,]\s*(?:and\s+)?(?:also|plus|then|separately)\b[,]?|\s\+\s*(?=(?:outline|show|highlight|mark|circle|segment|which|what|where)\b)|,?\s+and\s+(?:then\s+)?(?:also\s+)?(?:tell me|name)(?=\s+(?:which|what|where|the)\b)|,\s*and separately\b|,\s*and\s+(?=(?:what|which)\s+(?:(?:kind|type|sort) of\s+)?(?!(?:is|are|was|were|does|do|did|makes?|stores?|produces?|secretes?)\b)[a-z]+\b)(?![^?]*\b(?:one|ones|other|organ|organs|gland|glands|option|options|kidney|kidneys|adrenal|adrenals)\b))\s*(?:(?:can|could|would) you\s+|pls\s+|please\s+)?/i;
/** "The hepatic veins drain which organ, and …": an ask whose subject comes first, then a second ask. */
const SUBJECT_FIRST_ASKS =
  /^(?:the )?([a-z][a-z -]{2,40}?)\s+(?:drain|supply|leave|enter|run|pass|come|arise|begin|end|join|cross|empty)s?\s+(?:(?:from|into|to|behind|through|past) )?(?:which|what)\s+(?:organ|vessel|one|gland|option|structure)\b[^,?]*,\s*and\s+/i;
/** "Outline both organs involved.", "show all the affected organs", "all three" (see organsOfStory). */
const STORY_ORGANS_ASKED =
  /^(?:please |pls |now |so |then )?(?:outline|show|highlight|mark|segment|label)(?: me)? (?:(?:them )?(?:both|all(?: of them)?|all (?:the )?)(?: (two|three|four))?|the (two|three|four)|(both))(?: (?:of the |the )?(?:affected|involved|diseased|named|mentioned) (?:organs|ones|structures)| (?:organs|ones|structures)(?: (?:involved|affected|mentioned|named))?)?(?: (?:please|pls|thanks))?$/;
/** "the stomach is only a landmark", "The IVC is only context." (see resolve). */
/** "Of the two suprarenal glands, outline only the one …": the pair, and what places the one. */
const ONE_OF_THE_PAIR =
  /\b(?:of|from|among) (?:the |these |those |both |our |your )?(?:two |pair of |paired )?(kidneys|adrenals|adrenal glands|suprarenal glands|suprarenals)\b[^.?!]*?\b(?:only |just )?the one\b([^.?!]*)/i;
const PAIR_PICK_STOPS = /\b(?:not|minus|except|without|but|listed|first|second|other than)\b|n['’]t\b/i;
/** "Which option is …?", "Which of the listed options is …", "which letter is …": the thing asked. */
const WHICH_OPTION_IS =
  /(?:^|[.:;?!,]\s+)which (?:one|(?:one |)(?:option|letter|choice)|of (?:the|your|these|our) (?:13 |thirteen )?(?:listed |)(?:options|choices|letters)) (?:is|are|would be|corresponds to|matches|stands for) (?!(?:it|that|this|they|them|those|these)(?:\s+(?:on|in|here|there|pls|please|then|again|exactly)\b|\s*[^\w\s]|\s*$))((?:the |an? )?[^?]+?)\s*\??\s*$/i;
/** "Virchow's node, the warning sign of stomach cancer, is which option?": the thing, then the ask. */
const THING_IS_WHICH_OPTION =
  /^\s*(?!which\b|what\b)([^?]+?)\s*,?\s+(?:is|are)\s+which (?:option|letter|choice)s?\s*\??\s*$/i;
/** "the source", "the likely culprit", "responsible": the asker's placeholder for the answer, no thing. */
const PLACEHOLDER_TARGET =
  /^(?:the |an? )?(?:(?:most |more |)(?:likely|probable|obvious) )?(?:source|culprit|origin|cause|answer|one responsible|organ responsible|responsible(?: one| organ)?|one (?:to blame|at fault)|likely one)(?: here| then| now)?$/i;
/** "The glucocorticoid made by the zona fasciculata: which letter?": the thing, then the ask. */
const THING_WHICH_OPTION =
  /^\s*(?!which\b)([^:?]+?)\s*[:—–-]\s*which (?:letter|option|choice)(?: is (?:it|that|this))?\s*\??\s*$/i;
/** "Using the left kidney as a guide, ", "Taking the IVC as my reference, ": a landmark clause. */
const GUIDE_CLAUSE =
  /^\s*(?:using|use|taking|take|with) (?:the |a )?([a-z' -]{2,40}?) (?:purely |only |just |merely |simply )?as (?:a |my |the |our |your )?(?:landmark|guide|reference(?: point)?|starting point)\s*[,:;.—-]*\s*(?:and |then |please |pls )*/i;
/** "not not", "don't want you not to": negations that cancel (the wish kept, for the second). */
const DOUBLE_NEGATION = /\bnot,? not\s+|\b(?:don'?t|don’t|do not) (want|need) (?:you |u )?not to\s+/gi;
/** "…, actually never mind, " before a new request. */
const TAKEN_BACK_THEN =
  /\b(?:never ?mind|nvm|forget (?:it|that)|scratch that)\b[\s,.;:!—–-]+(?=(?:just |instead |rather |please |pls )*(?:tell|give|write|say|explain|what|how|why|can|could)\b)/i;
/** A described organ's head noun and the place word right after it: "the gland between". */
const HEAD_PLACED =
  /\b(the (?:[a-z]+ )?(?:organ|gland|vessel|tube|sac|structure|artery|vein))(?= (between|behind|in front of) (?:the|a|an) )/gi;
/** Head nouns a relative clause without "that" may follow ("the organ the duct empties into"). */
const RELATIVE_HEADS = new Set(['organ', 'gland', 'vessel', 'one', 'structure', 'bowel']);
/** Verbs after "that <outside structure>" that make it the subject of a relative clause. */
const RELATIVE_CLAUSE_VERBS = new Set(
  'drain drains empty empties join joins enter enters open opens run runs pass passes feed feeds supply supplies cross crosses hook hooks loop loops wrap wraps comes come arises arise leaves leave end ends terminates'.split(
    ' ',
  ),
);
/** "…, outline the vessel", "I want the vessel outlined, not the thrombus": a kind of vessel asked for by itself. */
const VESSEL_KIND_REQUEST =
  /\b(?:outline|show|highlight|segment|mark|want|need|trace)(?: me)? (?:just |only )?the (vessel|vein|artery)(?: itself| outlined| highlighted| only)?(?= [,.;!?:—–-]|$)/;
/** "all except J", "everything but option K", "show all options except letter B" */
const EXCEPT_LETTER =
  /\b((?:[Aa]ll|[Ee]verything|[Ee]very (?:organ|option)|[Oo]ptions?)(?: [a-z]+){0,2} (?:except|but|apart from|other than|besides|minus|excluding|save)(?: for)?(?: (?:option|letter))? )([A-M])(?![\w'’-])(?!\s*(?:,|&|\+|\band\b|\bor\b|through|thru|to|[-–—])\s*[A-N](?![\w'’-]))/g;
/** "(sorry, typing one handed)", "(on my phone, excuse typos)": an aside about the typing. */
const APOLOGY_ASIDE =
  / ?\((?:sorry|soz|apologies|excuse|pardon|typing|on (?:my )?(?:phone|mobile))\b[^()]{0,80}\)/gi;
/** "the big pipes": the great vessels. */
const BIG_PIPES = /\b(big|great|main|large|huge|major|fat) (?:pipe|tube(?=s)|hose(?=s))(s)?\b/gi;
/** "Aorta. Also add the big vein beside it.": a sentence that adds one more by description. */
const ALSO_ADD =
  /\s*[.!;,]\s*(?:(?:on second thoughts?|actually|wait|hmm)[,]?\s+(?=(?:and\s+)?also\b))?(?:(?:and|also|plus|oh|ok|okay)[,]?\s+)*(?:also\s+)?(?:please\s+|pls\s+)?(?:add|include|throw in)\s+(?=(?:the|a|an)\s+(?:[a-z]+\s+){0,2}(?:vein|artery|vessel|organ|gland|one|tube|sac)\b)/gi;
/** "the (great) vessel (on your list) that is not an artery / isn't a vein" */
const VESSEL_NOT_KIND =
  /\b((?:the |a )?(?:great |big |large |main |major )?)vessel( on (?:your|the) (?:list|options))? (?:that|which) (?:is not|isn['’]?t|s not) an? (artery|vein)\b/gi;
/** "cranks out", "churning out": making. */
const CRANKS_OUT = /\b(crank|churn)(s|ed|ing)? out\b/gi;
/** "no no", "no, no, no": one "no" said twice or more (the whole run at once). */
const DOUBLED_NO = /\b(no|nope|nah)(?:,? (?:no|nope|nah)\b)+/gi;
/** "… the kidneys right? ok but just the left one": "right?" closing a claim asks for a yes ("s" covers "it's" and "the patient's"). */
const RIGHT_TAG =
  /(?<!\b(?:the|on|to|at|her|his|their|s|my|your|its|upper|lower|far|top|bottom|or|and|left|which|is it)),? right\?(?=\s+(?:ok|okay|so|but|and|just|only|now|then|anyway|well|cool|fine|show|outline|highlight|mark|segment|can|could|pls|please)\b)/gi;
/** "show none of the organs other than", "outline no organ except", "outline none of them except": "show only". */
const NONE_BUT =
  /\b((?:show|highlight|outline|mark|segment|display|contour)(?: me| us)?) (?:nothing|none(?: of (?:the (?:organs|structures|options)|them|these|those))?|no (?:other )?(?:organs?|structures?)),? (?:other than|except|but|besides|apart from|save)\b/gi;
const LANDMARK_ONLY =
  /(?:^|(?<=[.;:,!?—–-]\s*))((?:the |a |an )?[a-z][a-z' -]{1,40}?) (?:is|are|s) (?:only|just|merely|simply|purely) (?:a |the |my |our |there (?:as |for )?(?:a )?)?(?:landmarks?|context|reference|orientation|signpost|guide)(?: here| for orientation| point)?\s*[.;,:!—–-]*/gi;
/** Outside heads that a riddling organ may call itself ("a small triangle", "the main venous trunk"). */
const RIDDLE_SHAPES = /^(?:trunks?|triangles?|lobes?|zones?)$/;
/** The kind of thing a riddle's speaker says it is ("I am the largest vein in the body", "I'm a spiral bacterium"). */
const RIDDLE_HEAD = new RegExp(
  `\\bI(?: am|'m|’m| m) (?:the |a |an )?(?:(?!(?:with|without|of|in|on|that|which|who|whose|for|from|to)\\b)[a-z-]+,? ){0,3}?(vein|artery|vessel|gland|${[...OUTSIDE_HEADS.keys()].filter((head) => !RIDDLE_SHAPES.test(head)).join('|')})\\b`,
  'i',
);
/** A third-person riddle's closing request ("Outline her.", "Name him on this slice."). */
const THIRD_PERSON_CLOSE =
  /(?:^|[.!?…]\s*|,\s*|[-—–]\s*)(?:(?:so|now|go on|please|pls|can you|could you)[,]?\s+)*(?:outline|show|highlight|mark|find|segment|circle|label|point to|point out|name|identify)\s+(?:her|him)\b[^.!?]{0,30}[.!?]*\s*$/i;
/** A riddle told of "she" or "he" (a riddle named as such, or the message opening with the pronoun). */
const THIRD_PERSON = /^(?:[^:]*\briddle\b[^:]*:\s*)?(?:she|he)\b|\briddle\b[\s\S]*\b(?:she|he|her|his)\b/i;
/** A riddle's closing request for the speaker ("Outline me.", "Who am I?", "show us"). */
const RIDDLE_CLOSE =
  /(?:^|[.!?…]\s*|,\s*|[-—–]\s*)(?:(?:so|now|go on|please|pls|can you|could you)[,]?\s+)*(?:(?:outline|show|highlight|mark|find|segment|circle|label|point to|point at|point out|name|identify)\s+(?:me|us)|who am i|what am i|which (?:one |organ |gland )?am i|who are we|what are we|guess who i am|guess what i am)\s*(?:please|pls|then|now)?\s*[.!?]*\s*$/i;
/** The speaker describing themself ("I sit…", "I'm the graveyard of…", "my hilum", "we are twins"). */
const FIRST_PERSON =
  /\b(?:I|I'm|I’m|Im)\b(?! (?:mean|meant|think|need|want|guess|asked|said|know|see|can|would|wonder)\b)|\b[Mm]y\b|\b[Ww]e (?:are|sit|lie|both)\b/;
/** A description corrected by a second one after a cue (see correctedDescription). */
const CORRECTED_DESCRIPTION =
  /^(.+?)\s*(?:…|\.\.\.|—|–|\s-|,|;|\.)\s*(?:(?:hmm|er|erm|oh|oops)[,.]?\s*)?(?:no wait|no|wait|sorry|actually|scratch that|i mean|i meant|make it|make that)[,:]?\s*(?:(?:no|wait|sorry|actually)[,.]?\s*)?(?:(?:i mean|i meant|make it|make that|it s|its)[,:]?\s*)?(the (?:[a-z-]+ )?(?:one|organ|vessel|gland|kidney|adrenal|artery|vein)\b(?! (?:is|was|looks|seems|s)\b).*)$/i;
/** Head nouns a corrected "the one" stands for. */
const CORRECTION_HEADS = new Set(['organ', 'vessel', 'gland', 'kidney', 'adrenal', 'artery', 'vein', 'one']);
/** "…, sorry, D", "… actually just A": a letter given as a correction. */
const LETTER_CORRECTED =
  /\b([Ss]orry|[Aa]ctually|[Nn]o|[Ww]ait|[Ii] mean|[Ii] meant|(?<=(?:[Oo]ops|[Ss]orry|[Nn]o|[Ww]ait|[Uu]gh|[Ss]hoot|[Tt]ypo|\b[A-M])[,.!]*\s+)meant|[Mm]ake (?:it|that)|[Ss]cratch that|[Jj]ust|[Oo]nly|[Ii]nstead)[,.]*\s+([A-M])(?![\w'’-])(?!\s+(?:mean|meant|think|thought|want|wanted|need|guess)\b)/g;
/** "…nvm the ivc": "nvm" (no comma) and what follows it up to the end of the clause. */
const NVM_THEN_ORGAN = /\b(nvm|nevermind|never mind) (?=((?:the |option )?[^,.;:!?…—–()]+))/i;
/** "…, but only keep the left side ones", "…, right side only": one side of the pairs before it. */
const SIDE_OF_PAIRS =
  /^(.*?)\s*[,;.—–-]*\s*(?:but |and |then |ok |okay )?(?:(?:only|just)\s+(?:keep\s+|show\s+|do\s+|want\s+)?(?:the\s+)?(left|right)(?:[\s-]*(?:side|sided|hand))?\s+ones|(?:the\s+)?(left|right)(?:[\s-]*(?:side|sided|hand))?\s+ones\s+only|(?:on\s+the\s+)?(left|right)(?:\s+side)?\s+only|(?:the\s+)?(?<!\b(?:minus|remove|ditch|drop|without|except|not|skip|lose|exclude|excluding|no|out|off|delete|lose)\s+(?:the\s+)?)(left|right)[\s-]*(?:side|sided)\s+ones)\b\s*(?:pls|please|plz|thx|thanks)?\s*[.!?]*\s*$/i;
/** "left side ones - the kidney and the adrenal": the side first, then the pairs. */
const SIDE_ONES_FIRST = /^\s*(?:the\s+)?(left|right)[\s-]*(?:side|sided)\s+ones\s*[-—–:,]+\s*(\S.*)$/i;
/** "…, actually everything except the liver": a correction to every organ but some. */
const EVERYTHING_CORRECTED =
  /(?:[.,;:!…—–-]\s*|\s)(?:(?:actually|no|nah|nope|wait|hmm|oh|oops|sorry|scratch that|i mean|on second thought|make (?:it|that))[,.!]?\s+)+((?:just |rather |instead )?(?:(?:show|do|give|outline|highlight|segment|mark)(?: me)? )?(?:everything|every organ|all (?:the )?organs|all of them|all 13|all thirteen|all (?:the )?options|every option)\s*,?\s+(?:except|but|apart from|other than|minus|besides|excluding|bar|save|without)\b.*)$/i;
/** "…undo the last one", "drop the last two", "remove the middle one of those three": list items taken back by position (see `namedItemsAt`). */
const UNDO_BY_POSITION =
  /\b(undo|drop|remove|delete|skip|lose|cancel|take out|forget|ditch|nix|leave out|strike|erase|cross out|scratch) the (last|first|middle) (one|two|three|item|organ|entry|addition)\b(?: of (?:those|these|them|the|all)(?: (?:two|three|four|five|organs|options))?)?(?! (?:of|in|on|from|is|was)\b)/i;
/** Words between list items: "liver, and the spleen", "add the pancreas". */
const ITEM_FILLERS = new Set(['and', 'plus', '&', 'the', 'add', 'also', 'then', 'too', 'option', 'letter']);
/** "the Prague C&M criteria": letters that name a score. */
const LETTER_RUN_NOT_BEFORE =
  /^\s*(?:criteria|classification|score|scores|grading|grade|system|staging|stage|class|type|lesions?)\b/i;
const LETTER_SWAPPED =
  /\b([Rr]eplace|[Ss]wap|[Ee]xchange|[Cc]hange|[Ss]witch)\s+([A-M])\s+(with|for|by|to|into)\s+([A-M])(?![\w'’-])/g;
const LETTER_TAKEN_BACK =
  /\b(drop|minus|not|except|without|remove|skip|lose|delete|no|forget|ditch|leave out|scratch|scrap|nix|cross out|cross off|strike|take out|undo|cancel|deselect|unselect|omit|exclude)\s+([A-M])(?![\w'’-])/g;
/** "Letter F. No, swap that for E." (see `LETTER_SWAPPED` for "swap K for L") */
const LETTER_SWAPPED_IN =
  /\b((?:[Ss]wap|[Ss]witch|[Cc]hange|[Rr]eplace) (?:that|it|this)(?: one)? (?:for|with|to))\s+([A-M])(?![\w'’-])/g;
/** "…No wait, the other one", "…I meant the other kidney" */
const OTHER_CORRECTION = /\bthe other (?:one|side|kidney|adrenal|gland)\b/i;
const LETTER_TOO = /\b([Tt]hen|[Aa]nd|[Aa]lso)\s+([B-HJ-M])\s+(too|as well|also)\b/g;
/** "letters D to F, then also I" */
const LETTER_ALSO = /\b([Tt]hen also|[Aa]nd also)\s+([A-M])(?=\s*(?:[.!?,]|$))/g;
/** "whatever's on E", "whatever E is": the option by its letter. */
const WHATEVER_LETTER =
  /\bwhatever(?:'s|’s| is) (?:on |under |at |option |letter )?([A-M])\b(?![\w'’-])|\bwhatever ([A-M]) is\b/g;
const LETTER_ADDED = /\b([Aa]dd|[Ii]nclude|[Tt]hrow in)\s+([B-HJ-M])(?![\w'’-])/g;
/** "which two organs …: liver and gallbladder?" (see selectorBeforeList). */
const ANSWER_COUNTS = new Map<string, number>([
  ['two', 2],
  ['2', 2],
  ['both', 2],
  ['three', 3],
  ['3', 3],
  ['four', 4],
  ['4', 4],
]);
/** "which one is among your 13 options?", "which is NOT one of your listed options?" */
const AMONG_OPTIONS =
  /\bwhich(?: one| ones)?(?: of (?:them|these|those))? (?:is|are|appears?|features?|shows? up)( not| n t)? (?:among|on|in|one of|part of|listed in) (?:your|the|ur) (?:13 |thirteen |listed |answer )?(?:option |answer )?(?:options|list|choices)\b/;
/** "show the organs that are on the list", "highlight the ones on your list" (of the 13). */
const NAMED_ON_LIST =
  /\b(?:the ones|those|the organs|organs|ones)(?: (?:that|which) (?:are|appear|feature))? (?:on|in) (?:your|ur|the|this) (?:list|options)\b/;
/** Words that may lead a request after a story ("Now outline …", "Okay, show …"). */
const STORY_REQUEST_LEADS = new Set([
  'now',
  'ok',
  'okay',
  'so',
  'then',
  'and',
  'next',
  'please',
  'pls',
  'can',
  'could',
  'you',
  'just',
  'me',
]);
/** A request that places its organ against "it" (see describedAfterStory). */
const STORY_REQUEST_DESCRIBES =
  /\b(?:closest to|nearest to|next to|behind|beneath|under|underneath|below|above|medial to|lateral to|in front of|on top of|against|beside|around) (?:it|its)\b/;
/** …unless it points at a side or an answer given before ("on that side", "the other one"). */
const STORY_REQUEST_POINTS =
  /\b(?:that side|same side|this side|other|opposite|that one|those|these|both|them|there|instead of)\b/;
/** Several organs asked for as a group: "which two organs", "the two organs", "outline both". */
const SEVERAL_ASKED =
  /\b(?:those|the ones|the one|whichever|the only one)(?: that| which)? (?:is|are) (?:among|in|on) (?:the|your) (?:answer )?(?:options|list|choices)\b|\bthe listed (?:vessel|organ|organs|structure|structures)\b|\b(?:which|what) (?:of the )?(?:listed|following) (?:organs|structures)\b|\b(?:which|what) (?:two|three|both|2|3)\b|\b(?:the|those|these|all) (?:two|three) (?:organs|structures|ones|of them|parts|options)\b|\b(?:outline|show|highlight|mark|segment)(?: me)? (?:both|them both|all three|them all)\b|\bboth (?:organs|structures|of them|sides)\b|\b(?:on|at) (?:both|either) sides? of\b/;
/**
 * Facts that tie a group of the 13 together, for a group asked for with no organ named
 * (the junction a tear or a line marks, organs a disease enlarges, what a ligament or a pouch joins).
 */
/** "Fractures of the left 9th–11th ribs …": an injury and lower ribs on one side (`side`, a group). */
function ribFracture(side: string): RegExp {
  return new RegExp(
    `^(?=.*\\b(?:fractur|broken|injur|trauma|at risk))(?=.*\\b${side} (?:(?:lower|low|9th|10th|11th|12th|9|10|11|12|th|to|and)[\\s,–/-]*)*ribs?\\b)`,
  );
}
const GROUP_FACTS: ReadonlyArray<readonly [RegExp, readonly OrganId[]]> = [
  [
    /\bmallory ?weiss\b|\bz ?line\b|\b(?:gastro ?o?esophageal|o?esophagogastric|ge|goj|gej) junction\b|\bcardio ?o?esophageal junction\b/,
    [10, 11],
  ],
  [
    /\b(?:glandular fever|mononucleosis|mono|ebv|gaucher s?|gauchers|hepatosplenomegaly|kala ?azar|visceral leishmaniasis|myelofibrosis)\b/,
    [1, 3],
  ],
  [/\b(?:ha?emochromatosis)\b/, [1, 4]],
  // "Which options are part of the urinary system?": its two among the 13 (the ureters and the
  // bladder are not options); the hepatobiliary system's likewise.
  [/\b(?:urinary (?:system|tract)|renal system)\b/, [2, 13]],
  // "the two solid organs most often torn in blunt trauma": the spleen and the liver.
  [
    /\b(?:two|both) (?:solid )?(?:organs|options)\b[^.?!]*\b(?:torn|injured|lacerated|ruptured|damaged|hurt)\b[^.?!]*\bblunt\b|\bblunt\b[^.?!]*\b(?:two|both) (?:solid )?(?:organs|options)\b[^.?!]*\b(?:torn|injured|lacerated|ruptured|damaged|hurt)\b/,
    [1, 3],
  ],
  // "Which of your options are veins?": the one vein among them, and the one artery.
  [/\b(?:options?|choices?|letters?) (?:is|are) (?:an? )?(?:veins?|venous)\b/, [6]],
  [/\b(?:options?|choices?|letters?) (?:is|are) (?:an? )?(?:arter(?:y|ies)|arterial)\b/, [5]],
  // "the three hollow options that swallowed food passes through": the gut tube's three
  [
    /\b(?:that|which) (?:swallowed )?food (?:passes|travels|goes|moves) (?:through|along)\b|\bswallowed food (?:passes|travels|goes) through\b/,
    [10, 11, 12],
  ],
  [
    /\b(?:steatosis|fatty liver)\b[^.?!]*\b(?:compar\w*|attenuation)\b|\bliver[- ]spleen (?:attenuation|ratio|difference)\b/,
    [1, 3],
  ],
  [/\b25 ?hydroxylation\b[^?]*\b1 ?(?:alpha|α|a) ?hydroxylation\b/, [1, 2, 13]],
  [/\bsengstaken\b|\bminnesota tube\b/, [10, 11]],
  // "Which options have both a cortex and a medulla?": the kidneys and the adrenals
  [/\b(?:both )?an? (?:outer )?cortex and an? (?:inner )?medulla\b/, [2, 7, 8, 13]],
  // "Which options make or store bile?"
  [
    /\b(?:make|makes|produce|produces|secrete|secretes) (?:or|and|and\/or) (?:store|stores|concentrate|concentrates) bile\b/,
    [1, 9],
  ],
  // "Fractures of the left 9th–11th ribs — which two solid organs are at risk?"
  [ribFracture('(?:left|lt|l)'), [3, 13]],
  [ribFracture('(?:right|rt|r)'), [1, 2]],
  // "The three branches of the coeliac trunk are named after which options?": hepatic, splenic, left gastric
  [
    /^(?=.*\b(?:coeliac|celiac) (?:trunk|axis)\b)(?=.*\bbranch(?:es)?\b)(?=.*\bnamed (?:after|for)\b)/,
    [1, 3, 11],
  ],
  [/\bhepatobiliary (?:system|organs|tract)\b/, [1, 9]],
  // "the parts of the alimentary canal on the list": the gut tube's three among the 13.
  [
    /\b(?:parts|segments|portions|sections|pieces|bits|organs|ones)(?: [a-z]+){0,2} (?:of|in|along|making up|that make up|forming) the (?:alimentary (?:canal|tract)|gut tube|digestive (?:tract|tube|canal)|gi tract|gastrointestinal tract|gut)\b/,
    [10, 11, 12],
  ],
  [/\bmorison s?\b|\bmorisons\b|\bhepatorenal (?:pouch|recess|space)\b/, [1, 2]],
  [/\bhepatogastric ligament\b/, [1, 11]],
  [/\bhepatoduodenal ligament\b/, [1, 12]],
  [
    /\bshort gastric (?:arteries|artery|vessels|veins)\b|\bgastrosplenic ligament\b|\bgastrolienal ligament\b/,
    [3, 11],
  ],
  [/\bsplenorenal ligament\b|\blienorenal ligament\b/, [3, 13]],
  [
    /\baorto ?enteric fistula\b|\baorto ?duodenal fistula\b|\bsma syndrome\b|\bsuperior mesenteric artery syndrome\b|\bwilkie s?\b/,
    [5, 12],
  ],
  [/\bgastrinoma triangle\b|\bpassaro s? triangle\b|\bampulla of vater\b|\bannular pancreas\b/, [4, 12]],
  [/\bbillroth (?:i|1|one)\b(?! ?i)/, [11, 12]],
  [/\bhiatus hernia\b|\bhiatal hernia\b/, [10, 11]],
  [/\bmen ?(?:1|i|one)\b|\bmen type (?:1|i|one)\b|\bwermer s?\b/, [4]],
  [/\bmen ?(?:2|ii|two)a?b?\b|\bmen type (?:2|ii|two)\b|\bsipple s?\b/, [7, 8]],
  [/\bcholecysto ?(?:enteric|duodenal) fistula\b|\bgallstone ileus\b|\bbouveret\b/, [9, 12]],
  [/\bnutcracker\b/, [5, 13]],
  // A classic Whipple takes the pancreatic head, the duodenum, the gallbladder and the distal stomach.
  [/(?<!\bnon )\bpylorus preserving (?:whipple|pancreat(?:ic)?o ?duodenectomy)\b|\bpppd\b/, [4, 9, 12]],
  // ("pancreaticoduodenectomy" alone is often asked for the two organs its name holds.)
  [/(?<!(?<!\bnon )\bpylorus preserving )\bwhipple(?: s)?\b(?! (?:s )?(?:triad|disease))/, [4, 9, 11, 12]],
  [/\bt8\b.*\bt10\b.*\bt12\b/, [5, 6, 10]],
  // An upper GI endoscopy (OGD, EGD, gastroscopy) looks at the oesophagus, stomach and duodenum.
  [
    /(?<!\b(?:on|at|by|from) )\b(?:ogd|egd|gastroscopy|upper (?:gi )?endoscopy|o?esophagogastroduodenoscopy|oesophago gastro duodenoscopy)\b(?!.*\b(?:showed|shows|found|finds|revealed|reveals|demonstrated|confirmed)\b)/,
    [10, 11, 12],
  ],
  // A Nissen fundoplication wraps the gastric fundus round the lower oesophagus.
  [/\bnissen\b|\bfundoplication\b/, [10, 11]],
  // The hepatic diverticulum of the foregut grows into the liver and the gallbladder.
  [/\bhepatic (?:diverticulum|bud)\b/, [1, 9]],
  // A distal pancreatectomy taken with the spleen.
  [/\bdistal pancreatectomy\b(?=.*\bsplenectomy\b)|\bsplenectomy\b(?=.*\bdistal pancreatectomy\b)/, [3, 4]],
  // The liver and spleen make blood cells before birth (and again in extramedullary haematopoiesis).
  [
    /\b(?:fetal|foetal|fetus|foetus|extramedullary)\b.*\b(?:ha?ematopoie(?:sis|tic)|blood (?:cells|formation)|make blood|makes? blood|red cells)\b|\bextramedullary ha?ematopoiesis\b/,
    [1, 3],
  ],
  // The impressions on the spleen's visceral surface: gastric, renal (and colic).
  [
    /\bgastric (?:and|&) (?:a )?renal impressions?\b|\brenal (?:and|&) (?:a )?gastric impressions?\b/,
    [11, 13],
  ],
  // What passes through (or behind) the diaphragm among the 13: the IVC (T8), oesophagus (T10), aorta (T12).
  // (the levels named are another fact, above)
  [
    /^(?!.*\bt(?:8|10|12)\b).*\b(?:pass|passes|passing|go|goes|run|runs|cross|crosses|pierce|pierces|traverse|traverses) (?:through|behind) (?:the |an? )?(?:diaphragm|(?:openings?|apertures?|hiatus|hiatuses)(?: (?:or|and) (?:an? )?(?:openings?|apertures?|hiatus|hiatuses))? (?:in|of) the diaphragm|diaphragmatic (?:openings?|apertures?|hiatus|hiatuses))\b/,
    [5, 6, 10],
  ],
  // The "double bubble" of duodenal atresia: the stomach and the duodenal bulb, both dilated.
  [/\bdouble bubbles?\b/, [11, 12]],
  // Secondarily retroperitoneal among the 13: the pancreas and most of the duodenum.
  [/\bsecondar(?:il)?y retroperitoneal\b/, [4, 12]],
  // The stomach bed among the 13: the spleen, pancreas, left adrenal and left kidney.
  [/\bstomach bed\b|\bgastric bed\b/, [3, 4, 8, 13]],
  // The splenic artery gives branches to the pancreas and the stomach (short gastrics, left gastroepiploic) and ends in the spleen.
  [/\bbranches (?:of|from) the splenic artery\b|\bsplenic artery s? branches\b/, [3, 4, 11]],
  // Gastrinomas arise mostly in the duodenum and the pancreas.
  [/^(?!.*\bgastrinoma triangle\b).*\bgastrinomas?\b/, [4, 12]],
  // The lesser omentum runs from the liver to the stomach and the first part of the duodenum.
  [/\blesser omentum\b/, [1, 11, 12]],
  // The walls of the epiploic foramen among the 13: the liver (caudate process), IVC, duodenum.
  [/\bepiploic foramen\b|\bforamen of winslow\b/, [1, 6, 12]],
  // Gerota's (renal) fascia encloses the kidney and the adrenal on each side.
  [
    /^(?!.*\b(?:perirenal fat|ureters?|left|right)\b).*\b(?:gerota s?|gerotas|renal|perirenal|perinephric) fascia\b/,
    [2, 7, 8, 13],
  ],
  // Transfusional iron (haemosiderosis) loads the reticuloendothelial organs: the liver and spleen
  // ("transfusion-dependent thalassaemia: which organs are dark on T2*?").
  [
    /^(?!.*\bha?emochromatosis\b).*\b(?:transfusional (?:iron|siderosis|ha?emosiderosis|overload)|ha?emosiderosis|res pattern|reticuloendothelial (?:pattern|system|organs)|(?:transfusion dependent|thalass?a?emi\w*)\b[^?]*\bt2)\b/,
    [1, 3],
  ],
  // The kidneys ascend from the pelvis before birth; a horseshoe kidney joins them at the lower poles.
  [
    /\bascend(?:s|ed)? (?:out of |up from |from )(?:the )?pelvis\b|\bhorseshoe\b(?!.*\b(?:caught|trapped|hooked|stuck|snagged)\b)/,
    [2, 13],
  ],
  // Peptic ulcers: the stomach and the duodenum ("show the two organs where they occur").
  [/\bpeptic ulcers?\b|\bpeptic ulcer disease\b|\bpud\b/, [11, 12]],
  // "Which organs can make new glucose (gluconeogenesis) in a long fast?": the liver and the kidneys.
  [/\bgluconeogen\w*\b|\bmake (?:new )?glucose from\b/, [1, 2, 13]],
  // Chromaffin cells (the adrenal medulla) among the 13: the adrenals.
  [/\bchromaffin\b/, [7, 8]],
  // Von Hippel-Lindau: renal cell carcinomas, pancreatic cysts and tumours, phaeochromocytomas.
  [
    /^(?!.*\b(?:clear ?cell|rcc|renal cell|carcinomas?|paired)\b).*(?:\bvon hippel ?lindau\b|\bvhl\b)/,
    [2, 4, 7, 8, 13],
  ],
];
/**
 * Syndromes and operations that take a group of the 13, told with the names of some of them
 * ("…iron deposition causes cirrhosis and bronze diabetes"): the organs named belong to the group.
 */
const NAMING_GROUP_FACTS: ReadonlyArray<readonly [RegExp, readonly OrganId[]]> = [
  // Ivor Lewis oesophagectomy: the oesophagus resected, the stomach pulled up as the conduit.
  [/\bivor ?lewis\b/, [10, 11]],
  // Roux-en-Y gastric bypass: the gastric remnant and the duodenum are left out of the food stream.
  [/\broux ?en ?y\b(?=.*\b(?:left out|bypassed|excluded|no longer|food stream)\b)/, [11, 12]],
  // Von Hippel-Lindau's clear cell renal carcinomas and phaeochromocytomas.
  [
    /^(?!.*\b(?:pnets?|cystadenomas?|neuroendocrine|pancrea\w*|left|right|left sided|right sided)\b).*(?:\bvon hippel ?lindau\b|\bvhl\b)(?=.*\b(?:renal|kidneys?|clear ?cell|rcc)\b)(?=.*\bph?a?eo ?chromocytomas?\b)/,
    [2, 7, 8, 13],
  ],
  // Autosomal recessive polycystic kidney disease comes with congenital hepatic fibrosis.
  [/\barpkd\b|\bautosomal recessive polycystic kidney disease\b/, [1, 2, 13]],
  // A classic Whipple with antrectomy: the pancreatic head, the duodenum, the gallbladder, the antrum.
  [/\bwhipple\b(?=.*\b(?:antrectomy|classic|classical|traditional|standard)\b)/, [4, 9, 11, 12]],
  // A nasogastric tube lies in the oesophagus and the stomach.
  [
    /\b(?:nasogastric|naso gastric|ng|orogastric) tubes?\b(?=.*\b(?:lie|lies|within|inside|pass|passes|through|run|runs|traverse|traverses)\b)/,
    [10, 11],
  ],
  // The spleen's two ligaments run to the stomach (gastrosplenic) and the left kidney (splenorenal).
  [
    /\b(?:gastrosplenic|gastrolienal)\b.*\b(?:splenorenal|lienorenal)\b|\b(?:splenorenal|lienorenal)\b.*\b(?:gastrosplenic|gastrolienal)\b/,
    [11, 13],
  ],
  // What derives from the foregut's endoderm among the 13.
  [
    /^(?!.*\b(?:retroperitoneal|solid|hollow|glands?|loop)\b).*\bforegut\b(?=.*\b(?:endoderm|derivatives?|arise|arises|develop|develops|derived)\b)/,
    [1, 4, 9, 10, 11, 12],
  ],
];
/** Blood tests that point at one organ (see the lab step beside GROUP_FACTS). */
const LAB_ORGANS: ReadonlyArray<readonly [RegExp, readonly OrganId[]]> = [
  [/^(?:alt|ast|ggt|alp|bilirubin|inr|albumin|transaminases?)$/, [1]],
  [/^(?:lipase|amylase)$/, [4]],
  [/^(?:creatinine|urea|egfr|gfr)$/, [2, 13]],
];
const LAB_MARKER =
  /\b(?:alt|ast|ggt|alp|bilirubin|inr|albumin|transaminases?|lipase|amylase|creatinine|urea|egfr|gfr)\b/g;
const LAB_RAISED =
  /\b(?:up|raised|raized|high|elevated|deranged|abnormal|increased|rising|through the roof|sky high|off)\b/;
/**
 * The openings of the diaphragm among the 13, by name or vertebral level: the caval opening (T8)
 * passes the IVC, the oesophageal hiatus (T10) the oesophagus, the aortic hiatus (T12) the aorta.
 */
const DIAPHRAGM_OPENINGS: ReadonlyArray<readonly [RegExp, OrganId]> = [
  [/\bcaval(?: (?:opening|hiatus|foramen|aperture))?\b|\bt8\b/, 6],
  [/\besophageal(?: (?:opening|hiatus|aperture))?\b|\bt10\b/, 10],
  [/\baortic(?: (?:opening|hiatus|aperture))?\b|\bt12\b/, 5],
];

/**
 * Two or three of the diaphragm's openings asked for at once ("the options that cross the diaphragm
 * at T8 and at T12", "every option through one of the three classic diaphragmatic openings");
 * undefined for one opening (the description step answers those) or a list with exclusions.
 */
function diaphragmOpenings(normalised: string): OrganId[] | undefined {
  if (!/\b(?:diaphragm|diaphragmatic)\b/.test(normalised)) return undefined;
  if (
    !/\b(?:pass|passes|passing|go|goes|going|run|runs|cross|crosses|crossing|pierce|pierces|traverse|traverses|transect|openings?|hiatus|hiatuses|mnemonic)\b/.test(
      normalised,
    )
  )
    return undefined;
  if (/\b(?:except|not|but|without|other than|apart from|besides|minus|how many)\b/.test(normalised))
    return undefined;
  if (
    !/\b(?:options?|organs?|ones|structures|show|outline|segment|highlight|mark|cut|transect|transected)\b/.test(
      normalised,
    )
  )
    return undefined;
  const ids = DIAPHRAGM_OPENINGS.filter(([re]) => re.test(normalised)).map(([, id]) => id);
  // "Of the three … at T8, T10 and T12, which one passes highest?": the IVC highest, the aorta lowest.
  const highest = /\b(?:highest|uppermost|most superior|most cranial|first from the top)\b/.test(normalised);
  const lowest = /\b(?:lowest|most inferior|most caudal|last from the top)\b/.test(normalised);
  if (ids.length >= 2 && highest !== lowest) {
    const order: OrganId[] = [6, 10, 5];
    const present = order.filter((id) => ids.includes(id));
    return [(highest ? present[0] : present[present.length - 1]) as OrganId];
  }
  if (ids.length >= 2) return ids;
  // "'I 8 10 eggs at 12' — show all three things the mnemonic is about"
  if (
    ids.length === 0 &&
    /\bdiaphragm levels mnemonic\b/.test(normalised) &&
    /\b(?:all|three|every|each)\b/.test(normalised)
  )
    return [5, 6, 10];
  // "…one of the three classic diaphragmatic openings": all three.
  if (ids.length === 0 && /\b(?:three|3) (?:[a-z]+ ){0,2}(?:openings|hiatuses|apertures)\b/.test(normalised))
    return [5, 6, 10];
  return undefined;
}

/**
 * Hormones whose main target among the 13 is clear, with that target (see hormoneTarget): each
 * with the pattern of a question where it acts, works or goes, and of one about its maker ("the
 * organ that makes ADH, not the kidney it acts on").
 */
const HORMONE_TARGETS = (
  [
    ['aldosterone|adh|vasopressin|antidiuretic hormone|anti diuretic hormone', [2, 13]],
    ['gastrin', [11]],
    ['secretin', [4]],
    ['glucagon', [1]],
  ] as const
).map(([names, ids]) => {
  const hormone = `\\b(?:${names})\\b`;
  return {
    ids: [...ids] as OrganId[],
    acts: new RegExp(
      `\\b(?:where|which (?:organs?|of (?:the|these|your) (?:organs|options))|what organs?)\\b[^.?!]{0,30}?${hormone}[^.?!]{0,30}?\\b(?:act|acts|work|works|target|targets|bind|binds|travel to|travels to|go to|goes to|reach|reaches|head to|heads to)\\b|${hormone}[^.?!]{0,60}?\\b(?:acts? on|works? on|targets?|binds? (?:to|in)|travels? (?:from [a-z ]+ )?to|goes to|heads? to) (?:which|what)\\b|\\b(?:target organs?|organs? it acts on) of ${hormone}`,
    ),
    made: new RegExp(
      `\\b(?:makes?|making|made|produces?|producing|produced|secretes?|secreting|secreted|releases?|releasing|released|synthesi[sz]es?)\\b[^.?!]{0,20}?${hormone}|${hormone}[^.?!]{0,20}?\\b(?:made|produced|secreted|released|synthesi[sz]ed|comes from|come from)\\b`,
    ),
  };
});
/**
 * "Where does aldosterone act? Show the organs of the list.", "ADH travels from the pituitary to
 * which organs of the list to save water?": the organs a hormone acts on, not the gland that makes
 * it; undefined unless the message asks where a hormone acts, works or goes.
 */
function hormoneTarget(normalised: string): OrganId[] | undefined {
  return HORMONE_TARGETS.find(({ acts, made }) => acts.test(normalised) && !made.test(normalised))?.ids;
}

/** The organs of the 13 that swallowed food (a pill, an endoscope) passes, in order, and their names. */
const GUT_PATH: readonly OrganId[] = [10, 11, 12];
const GUT_NAMES = ['esophagus', 'stomach', 'duodenum'];

/**
 * The organs met along the gut, picked by order ("the second one a swallowed pill meets", "the
 * first and the last listed organs a pill passes before the jejunum", "…but leave out the first
 * one", "a pill has just passed through the pylorus: which organ is it in now?", "every listed
 * organ an ERCP scope passes on its way to the papilla"); undefined for anything else (a single
 * organ described by what food does there is the description step's).
 */
const GUT_OPTIONS =
  /\b(?:of|among|from) (?:the|your|all the|all) (?:13|thirteen|options|choices|list|organs (?:on|in) the list)\b|\bon (?:the|your) list\b|\b(?:which|what) option\b|\bof these\b/;
/** A rank along the gut: the words before it say which end ("furthest along the gut from the mouth"). */
const GUT_RANK =
  /\b(furthest|farthest|most distal|last|nearest|closest|most proximal|earliest)\b(?! (?:part|segment|section|bit|portion) of the small)(?:(?: [a-z]+){0,3}?) (?:along|down|on|of|in|from|to) the (?:gut|mouth|digestive (?:tract|tube|canal|system)|alimentary (?:canal|tract)|gi tract|gastrointestinal tract)\b/;
const GUT_RANK_WORD =
  /\b(furthest|farthest|most distal|last|nearest|closest|most proximal|earliest)\b(?! (?:part|segment|section|bit|portion) of the small)/g;
const GUT_FAR = /^(?:furthest|farthest|most distal|last)$/;
/**
 * "Of the 13, which is furthest along the gut from the mouth?", "the most proximal and the most
 * distal segments of the gut among the options": the options ranked along the gut (the oesophagus
 * first, the duodenum last), or undefined.
 */
function gutRank(text: string): OrganId[] | undefined {
  const lower = text.toLowerCase();
  if (!GUT_OPTIONS.test(lower) || !GUT_RANK.test(lower)) return undefined;
  const ends = [...lower.matchAll(GUT_RANK_WORD)].map(
    (m): OrganId => (GUT_FAR.test(m[1] as string) ? 12 : 10),
  );
  return [...new Set(ends)].sort((a, b) => a - b);
}

function gutPath(normalised: string): OrganId[] | 'beyond' | 'colon' | undefined {
  // "Which of the 13 does a colonoscope pass through?": it enters from below and stops short of
  // the duodenum, so none of them.
  if (
    /\b(?:colonoscop[a-z]*|sigmoidoscop[a-z]*|proctoscop[a-z]*)\b[^.?!]*\b(?:pass|passes|passing|go|goes|going|travel|travels|travelling|traveling|run|runs) (?:through|into)\b/.test(
      normalised,
    ) &&
    /\b(?:which|what)(?: of)?(?: the)? (?:13|thirteen|listed|options?|organs? (?:of|on) the list)\b|\bwhich (?:organs?|of these)\b/.test(
      normalised,
    )
  )
    return 'colon';
  // "Which of these does food travel through right before the stomach?", "the vomit … right after
  // it leaves the stomach": the neighbour on the path, one step back or on (vomit runs backwards;
  // past either end of the three, the pharynx or the jejunum, is no option). (The tokens already
  // spell "oesophagus" the American way.)
  const neighbour =
    /\b(food|bolus|meal|pill|tablet|capsule|coin|marble|battery|magnet|seed|pip|button|sweet|vomit|vomitus|sick)\b[^.?!]*?\b(?:right |just |immediately |directly )?(before|after)(?: (?:it|they) (?:leaves|leave|left|enters|enter|reaches|reach|passes|pass|exits|exit|gets to|get to))?(?: (?:leaving|entering|reaching|passing|exiting))? the (esophagus|stomach|duodenum|jejunum|pharynx|throat|mouth)\b/.exec(
      normalised,
    );
  // (past the three's ends only one organ asked for, "the last organ … before it enters the
  // jejunum", is a neighbour; "the options a pill passes before it reaches the jejunum" are all three)
  const oneAsked =
    /\b(?:last|final|first)\b/.test(normalised) &&
    !/\b(?:options|organs|ones|every|all|how many)\b/.test(normalised);
  if (neighbour && (GUT_NAMES.includes(neighbour[3] as string) || oneAsked)) {
    // (the pharynx and the jejunum are the steps just outside the three)
    const landmark = neighbour[3] as string;
    const k = landmark === 'jejunum' ? 3 : GUT_NAMES.includes(landmark) ? GUT_NAMES.indexOf(landmark) : -1;
    const backwards = /^(?:vomit|vomitus|sick)$/.test(neighbour[1] as string);
    const step = (neighbour[2] === 'before') !== backwards ? -1 : 1;
    const id = GUT_PATH[k + step];
    return id === undefined ? 'beyond' : [id];
  }
  const traveller =
    /\b(?:swallowed|swallow|swallows|ingested)\b.*\b(?:pill|tablet|capsule|bolus|food|bite|coin|battery|marble|sweet|object)\b|\b(?:pill|tablet|capsule|bolus|coin|battery|marble)\b.*\b(?:swallowed|travels|passes|pass|meets|goes|reaches|passed|leaves|made it|lands|rolls|covers)\b|\b(?:scope|endoscope|gastroscope|duodenoscope)\b.*\b(?:travels|passes|pass|goes|from the mouth)\b|\b(?:ng|nj|nasogastric|orogastric|nasojejunal|nasoduodenal|feeding) tube\b.*\b(?:touches|passes|goes|runs|travels|traverses?|cross(?:es)?)\b|\b(?:barium|contrast)\b.*\b(?:runs through|passes through|flows through|travels through|coats)\b|\b(?:path|route|way) (?:that )?(?:food|a bolus|a meal|swallowed food) (?:takes|travels|follows)\b/;
  if (!traveller.test(normalised)) return undefined;
  // (a colonoscope goes the other way; "outline only the nasogastric tube" asks for the tube)
  if (
    /\b(?:colonoscop[a-z]*|sigmoidoscop[a-z]*|proctoscop[a-z]*|cecum|caecum|rectum|anus)\b/.test(normalised)
  )
    return undefined;
  if (
    /\b(?:outline|show|highlight|mark|segment|trace)(?: me)? (?:only |just )?the (?:(?:ng|nj|nasogastric|nasojejunal|orogastric|feeding) )?tube\b/.test(
      normalised,
    )
  )
    return undefined;
  // "Pill leaves the esophagus and lands in which organ?", "…all the way through the duodenum.
  // Outline the organ it rolls into after that.": the organ after the one left behind (beyond the
  // duodenum: the jejunum, not an option).
  const leftBehind =
    /\b(?:leaves|left|leaving|exits|exited|exiting|(?:all the way |right )?through|past|beyond|out of|clears|cleared) the (esophagus|stomach|duodenum)\b(?:[^?!]*?)\b(?:lands?|rolls?|drops?|goes|enters?|arrives?|ends up|moves? on|sitting|sits|lying|lies|is it|stuck)(?: [a-z]+){0,3}? (?:in|into|next|after that)\b/.exec(
      normalised,
    );
  if (leftBehind) {
    const k = GUT_NAMES.indexOf(leftBehind[1] as string);
    return k === 2 ? 'beyond' : [GUT_PATH[k + 1] as OrganId];
  }
  // "…has just passed through the pylorus. Which listed organ is it in now?"
  if (
    /\b(?:just |has |have )*(?:passed|gone|moved|come) (?:through|past|beyond) the (?:pylorus|pyloric (?:sphincter|canal|valve))\b/.test(
      normalised,
    ) &&
    /\b(?:now|next)\b/.test(normalised)
  )
    return [12];
  // The path ends where the message says ("on its way to the stomach", "before it reaches the
  // jejunum"); by default it runs to the duodenum.
  // (a nasogastric tube ends in the stomach)
  const end = /\bbefore (?:it |they )?(?:reaches|reach|reaching|gets to|enters|hits) the duodenum\b/.test(
    normalised,
  )
    ? 2
    : /\b(?:to|reaches|reach|reaching|into|enters|hits) the stomach\b/.test(normalised) &&
        !/\bpylorus|duodenum|jejunum|papilla\b/.test(normalised)
      ? 1
      : /\b(?:ng|nasogastric|orogastric) tube\b/.test(normalised)
        ? 2
        : 3;
  const path = GUT_PATH.slice(0, end);
  const picked = [
    ...normalised.matchAll(
      /\b(first|1st|second|2nd|third|3rd|last|final)\b(?! (?:part|portion|segment|half|time|thing|step|place|sentence|question|one i said))/g,
    ),
  ].map((m) => GUT_ORDINALS.get(m[1] as string) as number);
  const at = (k: number) => (k < 0 ? path[path.length - 1] : path[k]) as OrganId | undefined;
  // "…but leave out the first one", "all except the first"
  const leftOut =
    /\b(?:leave|leaving|left) out the (first|last|second)\b|\b(?:except|but not|minus|without|apart from) the (first|last|second)\b/.exec(
      normalised,
    );
  if (leftOut) {
    const k = GUT_ORDINALS.get((leftOut[1] ?? leftOut[2]) as string) as number;
    const drop = at(k);
    return path.filter((id) => id !== drop);
  }
  const meets =
    /\b(?:meets|meet|passes|pass|passed|goes through|go through|travels through|travels in|travel in|traverses?|crosses|enters|reaches|passes through|it is in|is it in|it s in|touches|touch|runs through|covers|comes|come)\b/.test(
      normalised,
    );
  if (!meets) return undefined;
  // "the first and the last listed organs": both; "second — no wait, make it the third": the last said.
  if (picked.length > 0) {
    const both =
      /\b(?:first|second|third|1st|2nd|3rd) and (?:the )?(?:second|third|last|final|2nd|3rd)\b/.test(
        normalised,
      );
    const ids = (both ? picked.slice(-2) : picked.slice(-1)).map(at);
    return ids.every((id) => id !== undefined) ? [...new Set(ids as OrganId[])] : undefined;
  }
  // "Show every listed organ it passes through", "outline the listed organs a pill passes through"
  if (
    /\b(?:every|all|each)\b(?: [a-z]+){0,3} (?:organs?|options?|ones?)\b|\b(?:organs|options|ones) (?:it|a|an|the|that|which)\b|\bwhich of (?:a (?:to )?m|the (?:13|thirteen|options|list))\b|\b(?:which|what) (?:listed )?(?:organs|options)\b|\beverything (?:on|in) (?:the|your|ur) list\b/.test(
      normalised,
    )
  )
    return path;
  return undefined;
}

/** Being a vessel: a property of the EXCEPT table, not one a pick among listed organs reads. */
const VESSELS_PROPERTY = /\bvessels?\b|\bvascular\b/;
/**
 * Properties an "all of the following … EXCEPT" item turns on, and the options that have them
 * (standard textbook anatomy; a list is only read when every listed option but one has it).
 */
const LIST_PROPERTIES: ReadonlyArray<readonly [RegExp, readonly OrganId[]]> = [
  [/\bsolid\b/, [1, 2, 3, 4, 7, 8, 13]],
  [/\bhollow\b/, [9, 10, 11, 12]],
  [
    /\bretroperitoneal\b|\b(?:stuck|glued|plastered|fixed|pinned) (?:to|against) the (?:back|posterior) (?:abdominal )?wall\b/,
    [2, 4, 5, 6, 7, 8, 12, 13],
  ],
  [
    /\bintraperitoneal\b|\b(?:wrapped|covered|invested|enclosed) (?:all over |all round |completely )?(?:in|by) (?:the )?peritoneum\b|\b(?:its|their) own mesentery\b/,
    [1, 3, 9, 11],
  ],
  [/\bright upper quadrant\b|\bruq\b/, [1, 2, 7, 9]],
  [/\bleft upper quadrant\b|\bluq\b/, [3, 8, 11, 13]],
  [/\bendocrine\b|\bmake hormones\b|\bproduce hormones\b|\bsecrete hormones\b/, [4, 7, 8]],
  // ("…from the coeliac trunk alone": the pancreas and duodenum are fed by the SMA too)
  [
    /\b(?:coeliac|celiac) (?:trunk|axis|artery) (?:alone|only)\b|\bonly (?:from|by) the (?:coeliac|celiac)\b/,
    [1, 3, 9, 10, 11],
  ],
  [/\b(?:coeliac|celiac) (?:trunk|axis|artery)\b/, [1, 3, 4, 9, 10, 11, 12]],
  // (the spleen grows in the dorsal mesogastrium from mesoderm, not from the foregut's endoderm)
  [/\bforegut\b/, [1, 4, 9, 10, 11, 12]],
  [/\bstomach bed\b|\bbed of the stomach\b/, [3, 4, 8, 13]],
  [
    /\b(?:visceral|inferior) surface of the liver\b|\bliver s (?:visceral|inferior) surface\b/,
    [2, 9, 11, 12],
  ],
  [/\bdiaphragm\b/, [5, 6, 10]],
  [/\bpaired\b/, [2, 7, 8, 13]],
  [VESSELS_PROPERTY, [5, 6]],
  [/\b(?:gut tube|digestive tube|alimentary|gi tract|part of the gut)\b/, [10, 11, 12]],
];
/**
 * Orderings a comparison between listed organs turns on (rough textbook ranks; equal ranks never
 * decide): size, depth from the front of the body, distance from the midline.
 */
const ORGAN_RANKS: Record<'size' | 'depth' | 'lateral' | 'length', Partial<Record<OrganId, number>>> = {
  // liver > stomach > spleen, kidneys > pancreas, duodenum > oesophagus > gallbladder > adrenals
  size: { 1: 10, 11: 8, 3: 6, 2: 6, 13: 6, 4: 5, 12: 5, 10: 4, 9: 3, 7: 1, 8: 1 },
  // the stomach and gallbladder in front, then the duodenum, pancreas, great vessels, kidneys
  depth: { 11: 1, 9: 1, 12: 2, 4: 3, 5: 4, 6: 4, 2: 5, 13: 5 },
  // the aorta in the midline; the IVC just right of it; the kidneys; the spleen far out
  lateral: { 5: 0, 10: 0, 6: 1, 7: 2, 8: 2, 2: 3, 13: 3, 3: 5 },
  // length in cm: oesophagus and duodenum about 25, pancreas 15, spleen 12, kidneys 11,
  // gallbladder 8, adrenals 5
  length: { 10: 25, 12: 25, 4: 15, 3: 12, 2: 11, 13: 11, 9: 8, 7: 5, 8: 5 },
};
/** The patient's side an organ lies on, for organs clearly off the midline. */
const ORGAN_SIDE: Partial<Record<OrganId, 'left' | 'right'>> = {
  1: 'right',
  2: 'right',
  6: 'right',
  7: 'right',
  9: 'right',
  12: 'right',
  3: 'left',
  8: 'left',
  11: 'left',
  13: 'left',
};
/** "the one on the right side of the screen", "whichever is on the patient's left" (normalised). */
const ONE_PICKED_BY_SIDE =
  /\b(?:the (?:one|ones|organ|organs)|whichever(?: one)?)(?: (?:that s|that is|which is|which s|is|lying|sitting|that lies|that sits))? on the (?:patient s )?(left|right)\b(?! (?:kidney|kidneys|adrenal|adrenals|gland|glands|lobe|one|renal|hemidiaphragm|crus|lung|ovary|testis)\b)/;
const COMPARISONS: ReadonlyArray<readonly [RegExp, 'size' | 'depth' | 'lateral' | 'length', 'max' | 'min']> =
  [
    [
      /\b(?:bigger|biggest|larger|largest|heavier|heaviest)\b|\bweighs? (?:the )?(?:more|most)\b/,
      'size',
      'max',
    ],
    [
      /\b(?:smaller|smallest|lighter|lightest|tinier|tiniest)\b|\bweighs? (?:the )?(?:less|least)\b/,
      'size',
      'min',
    ],
    [
      /\b(?:more|most) (?:posterior|dorsal)\b|\b(?:deeper|deepest)\b|\b(?:further|furthest|farther|farthest) back\b/,
      'depth',
      'max',
    ],
    [
      /\b(?:more|most) (?:anterior|superficial|ventral)\b|\b(?:closer|closest|nearer|nearest) to the front\b|\bfurther forward\b/,
      'depth',
      'min',
    ],
    [
      /\b(?:more|most) lateral\b|\b(?:further|furthest|farther|farthest) from the midline\b/,
      'lateral',
      'max',
    ],
    [/\b(?:more|most) medial\b|\b(?:closer|closest|nearer|nearest) to the midline\b/, 'lateral', 'min'],
    [/\b(?:longer|longest)\b/, 'length', 'max'],
    [/\b(?:shorter|shortest)\b/, 'length', 'min'],
  ];
/** A pick among listed organs by a property ("the retroperitoneal one", "which of these is …"). */
const PROPERTY_PICK =
  /\b(?:the (?:one|ones|two|three)(?! (?:veins?|arteries|vessels?|organs?|glands?|tubes?|structures?|ducts?|options?)\b)|which (?:one )?of (?:these|those|them|the three|the two)|only one of (?:these|those|them)|the [a-z]+ (?:one|ones))\b/;

/**
 * The organs a pick among listed organs asks for: those with a property ("Of stomach, spleen and
 * left kidney, segment the retroperitoneal one"), or the one at the end of an ordering ("the more
 * posterior of the pancreatic body and the aorta"); undefined when the message is no such pick,
 * is negated, or the table cannot decide.
 */
function comparedPick(
  normalised: string,
  tokens: readonly Token[],
  mentions: readonly Mention[],
): OrganId[] | undefined {
  if (
    /\b(?:not|isn t|aren t|don t|dont|except|but|without|remove|drop|minus|skip|exclude|leave out)\b/.test(
      normalised,
    )
  )
    return undefined;
  const listed = [
    ...new Set(
      mentions.flatMap((m) =>
        m.target.kind === 'organ' &&
        m.target.ids.length === 1 &&
        (!m.adjective || PART_NOUNS.has(tokens[m.end]?.text ?? '') || tokens[m.end]?.text === 'cortex')
          ? [m.target.ids[0] as OrganId]
          : [],
      ),
    ),
  ];
  // (an outside name may only be the property itself: "fed by branches of the celiac trunk")
  const propertyName = (m: Mention) =>
    LIST_PROPERTIES.some(([re]) =>
      re.test(
        tokens
          .slice(m.start, m.end)
          .map((t) => t.text)
          .join(' '),
      ),
    );
  if (
    listed.length < 2 ||
    mentions.some(
      (m) =>
        (m.target.kind === 'outside' && !propertyName(m)) ||
        (m.target.kind === 'organ' && m.target.ids.length > 1),
    )
  )
    return undefined;
  // A pick among a list: "of …", "between …", "… vs …", "… or …", or a list that opens the message.
  const organMentions = mentions.filter((m) => m.target.kind === 'organ');
  const first = organMentions[0] as Mention;
  const last = organMentions.at(-1) as Mention;
  const between = tokens.slice(first.end, last.start).map((t) => t.text);
  const before = tokens.slice(0, first.start).map((t) => t.text);
  if (
    !before.some((w) => ['of', 'between', 'among', 'amongst'].includes(w)) &&
    !between.some((w) => ['vs', 'versus', 'or'].includes(w)) &&
    first.start > 2
  )
    return undefined;
  // "out of the liver and the spleen, the one on the right side of the screen": the patient's side
  // each organ lies on (a screen's side is already turned to the patient's, see viewerSides).
  const sideTold = ONE_PICKED_BY_SIDE.exec(normalised);
  if (sideTold) {
    const side = sideTold[1];
    if (!listed.every((id) => ORGAN_SIDE[id] !== undefined)) return undefined;
    const on = listed.filter((id) => ORGAN_SIDE[id] === side);
    return on.length > 0 && on.length < listed.length ? on : undefined;
  }
  // (two orderings told, "the larger … switch that — the smaller one", are left to corrections)
  const comparisons = COMPARISONS.filter(([re]) => re.test(normalised));
  if (comparisons.length > 1) return undefined;
  const comparison = comparisons[0];
  if (comparison) {
    const ranks = ORGAN_RANKS[comparison[1]];
    if (!listed.every((id) => ranks[id] !== undefined)) return undefined;
    const values = listed.map((id) => ranks[id] as number);
    const best = comparison[2] === 'max' ? Math.max(...values) : Math.min(...values);
    const at = listed.filter((id) => ranks[id] === best);
    return at.length === 1 ? at : undefined;
  }
  if (!PROPERTY_PICK.test(normalised)) return undefined;
  // ("both solid and intraperitoneal": every property told)
  const properties = LIST_PROPERTIES.filter(([re]) => re !== VESSELS_PROPERTY && re.test(normalised));
  if (properties.length === 0) return undefined;
  const having = listed.filter((id) => properties.every(([, ids]) => ids.includes(id)));
  return having.length > 0 && having.length < listed.length ? having : undefined;
}
/** Words saying an organ was found normal ("liver normal", "panc fine", "kidneys unremarkable"). */
const NORMAL_WORDS = new Set(['fine', 'normal', 'unremarkable', 'ok', 'okay', 'intact', 'spared', 'healthy']);
const NORMAL_STOPS = new Set(['also', 'but', 'i', 'need', 'want', 'with', 'so', 'because', 'if']);
/** Places listed among organs that name no organ ("porta hepatis", "the splenic hilum"). */
const LISTED_PLACES = /\bporta hepati[sc]\b|\bhil(?:um|us)\b|\brenal pelvis\b/g;
/** "All of the following are … EXCEPT", "Which one of these is NOT …", "all … except one:", "the odd one out". */
const EXCEPT_ASKED =
  /\b(?:all|each|every one) of (?:the following|these|those|them|the options below)\b[^.?!]*?\bexcept\b|\bthey re all\b[^.?!]*?\bexcept\b|\bwhich (?:one )?of (?:these|the following|them) (?:is|are|does|do) not\b|\bodd one out\b|\bexception\b|\b(?:two|three|four) (?:of (?:these|those|them|the [a-z]+) )?(?:are|is|[a-z]+) [^.?!]*?\bone (?:is not|isn t|is n t|doesn t|does not|swings|hangs|lacks)\b/;
/**
 * The one listed thing without the property an "all of the following … EXCEPT" item names: its
 * organs, 'outside' when it is none of the 13, undefined when the item does not read so.
 */
function exceptionOfList(
  normalised: string,
  mentions: readonly Mention[],
): OrganId[] | 'outside' | undefined {
  if (!EXCEPT_ASKED.test(normalised)) return undefined;
  // The list follows "except", or the first pause after "not" ("… NOT supplied by the coeliac
  // trunk — liver, spleen, …"); the property is told before it.
  const words = normalised.split(' ');
  let from = words.indexOf('except');
  if (from < 0) {
    const not = words.indexOf('not');
    from = not < 0 ? -1 : words.findIndex((w, k) => k > not && [':', '—', '–', '-', ','].includes(w));
  }
  if (from < 0) return oddOneOut(normalised, mentions);
  const told = words.slice(0, from).join(' ');
  // The listed things: each organ named once (a pair named as one thing counts as one), and the
  // outside things named among them; a list of outside things only has an outside exception.
  const listed = mentions.filter((m) => !m.adjective && m.start > from);
  // (places with no outline of their own, which the lexicon leaves unnamed, are outside things too)
  const places = (words.slice(from).join(' ').match(LISTED_PLACES) ?? []).length;
  if (listed.length + places < 3) return undefined;
  if (listed.every((m) => m.target.kind === 'outside')) return 'outside';
  const property = LIST_PROPERTIES.find(([re]) => re.test(told));
  if (!property) return undefined;
  const lacking = listed.filter(
    (m) => m.target.kind === 'outside' || !m.target.ids.every((id) => property[1].includes(id)),
  );
  if (lacking.length + places !== 1) return undefined;
  if (places === 1) return 'outside';
  const odd = lacking[0] as Mention;
  return odd.target.kind === 'outside' ? 'outside' : [...odd.target.ids];
}
/**
 * "Odd one out: aorta, IVC, oesophagus, spleen. Three of them pass through the diaphragm.": the
 * property told anywhere in the message, the list every organ named outside its words ("the stomach
 * bed" names no listed stomach), and the one listed organ that lacks the property.
 */
function oddOneOut(normalised: string, mentions: readonly Mention[]): OrganId[] | undefined {
  const wordAt = (offset: number) => normalised.slice(0, offset).split(' ').length - 1;
  const told = LIST_PROPERTIES.filter(([re]) => re.test(normalised));
  // (words of any property told are no list item: "one swings on its own mesentery")
  const spans = told.flatMap(([re]) =>
    [...normalised.matchAll(new RegExp(re.source, 'g'))].map(
      (m) => [wordAt(m.index), wordAt(m.index + m[0].length - 1) + 1] as const,
    ),
  );
  const listed = mentions.filter((m) => !m.adjective && !spans.some(([a, b]) => m.start < b && m.end > a));
  const organs = listed.map((m) => (m.target.kind === 'organ' ? m.target.ids : []));
  if (organs.length < 3 || organs.some((o) => o.length === 0)) return undefined;
  for (const [, ids] of told) {
    const lacking = organs.filter((o) => !o.every((id) => ids.includes(id)));
    if (lacking.length === 1) return [...(lacking[0] as readonly OrganId[])];
  }
  return undefined;
}
/** Several asked for with a plural head or "every … that" (see GROUP_FACTS). */
const GROUP_ASKED =
  /\b(?:(?:every|each|all(?: of)?(?: the)?) (?:options?|organs?)|the (?:options|organs))(?: [a-z]+)? (?:resected|removed|involved|affected|excised|taken out|bypassed|left out)\b|\bthe (?:options|organs) (?:that|which|whose|within|inside|in which)\b|\b(?:organs|ones) among the options\b|\bthe (?:two|three|four|2|3|4) (?:options|glands)\b|\bthe organ (?:[a-z]+ ){1,3}and the organ\b|\b(?:outline|show|highlight|mark|segment) (?:all )?the ones (?:that|which)\b|\b(?:which|what) (?:options|choices|letters)\b|\bwhich of (?:the|your|these|our) (?:options|choices) \?$|\b(?:parts|segments|portions|sections|pieces|bits|organs|ones)\b[^.?!]* (?:that|which) (?:appear|are|feature|show up|sit)(?: [a-z]+)? (?:on|in|among) (?:the|your|ur) (?:list|options|choices)\b|\bthe organ (?:that|which)\b.*\band the (?:large |big |great |main )?(?:artery|vein|vessel)\b|\b(?:which|what) (?:organs|structures)\b|\b(?:which|what) of (?:the|your|these|our) (?:options|organs|ones|listed [a-z]+) (?:are|lie|pass|receive|form|develop|come|get|make)\b|\b(?:every|all)(?: of the| the)? (?:organs?|options?|ones)\b(?: [a-z]+){0,3} (?:that|which|whose)\b|\ball (?:that|which)\b|\b(?:outline|show|highlight|mark) (?:those|these|all) (?:organs|options|ones)\b|\b(?:outline|show|highlight|mark|segment)(?: me)? the (?:organs|ones|options) (?:on|in|from) (?:the|your|ur) (?:list|options)\b|\b(?:outline|show|highlight|mark|segment)(?: me)? the (?:organs|ones) (?:coming out|being removed|removed|taken out|resected|that come out|that are removed|taken)\b/;
/** The one of a pair still there, with no name: "the other one", "the one she's got left". */
const PRONOUN_REMAINING =
  /\b(?:the )?(?:other|remaining|surviving|leftover) one\b|\bthe one (?:she|he|they|the patient|pt|patient) (?:s |has |have |ve )?still (?:got|has|have)\b|\bthe one (?:she|he|they|the patient|pt|patient) (?:s |has |have |ve |still )*(?:got )?left\b|\bthe one (?:that s|that is|which is|still)(?: still)? (?:there|left)\b/;
/** A side removed: "left nephrectomy", "removed the right adrenal", "right kidney was taken out". */
const REMOVED_SIDE =
  /\b(left|right) (?:sided |radical |partial |laparoscopic |lap |open |donor )*(nephrectomy|nephroureterectomy|adrenalectomy)\b|\b(?:(?:removal|resection) of (?:the |her |his |their )?(left|right)|(?:removed|resected|excised|took out|taken out|donated|donating|gave|giving|given) (?:the |her |his |their |my |your |our |a )?(left|right)) (kidney|adrenal(?: gland)?|gland)\b|\b(left|right) (kidney|adrenal(?: gland)?) (?:was |has been |had been |got |is )?(?:removed|resected|excised|taken out|donated|gone)\b/g;
/** Verbs of a relative clause that only places a pair ("…that (both) appear on the left"). */
const PLACED_VERBS = new Set([
  'is',
  'are',
  'lie',
  'lies',
  'sit',
  'sits',
  's',
  'appear',
  'appears',
  'show',
  'shows',
]);
/** "the (two great) vessels" named as a pair of options (see findMentions). */
const VESSELS_ADJECTIVES = new Set(['two', 'great', 'big', 'main', 'large', 'major', 'blood', 'abdominal']);
const VESSELS_NEXT = new Set(['and', 'plus', 'too', 'as', 'also', 'both', 'please', 'pls', 'only', '&', '+']);
/** "…the IVC. Outline the kidney and the vein.": a vessel word pointing back (see findMentions). */
const VESSEL_BACK = new Map<string, OrganId | 'gland'>([
  ['vein', 6],
  ['cava', 6],
  ['artery', 5],
  // "Right adrenal carcinoma invading the IVC. Outline the gland and the vein."
  ['gland', 'gland'],
]);
/** The glands among the 13: the pancreas and the adrenals; a gland named with its side is pointed back to. */
const GLAND_IDS: readonly OrganId[] = [4, 7, 8];
const ADRENAL_IDS: readonly OrganId[] = [7, 8];
const VESSEL_BACK_BEFORE = new Set([
  'the',
  'that',
  'this',
  'involved',
  'same',
  'big',
  'large',
  'great',
  'affected',
]);
const VESSEL_BACK_NEXT = new Set([
  'too',
  'as',
  'also',
  'itself',
  'and',
  'both',
  'please',
  'pls',
  'only',
  'together',
  // "leave the vein out"
  'out',
  'off',
]);
const ONES_ON_SIDE =
  /\b(?:ones|organs) (?:on|at) the (?:patient s |patients )?(left|right)(?: side| hand side)?$/;
/** Words between listed names that keep the list going ("aorta, pancreatic head, spleen"). */
const LIST_PART_WORDS = new Set([
  'head',
  'neck',
  'body',
  'tail',
  'part',
  'portion',
  'of',
  'first',
  'second',
  'third',
  'fourth',
  'upper',
  'lower',
  'pole',
  'fundus',
  'antrum',
]);
/** Words that open a pick from a list: "which of …", "whichever is …". */
const SELECTOR_BEFORE_OF = new Set(['which', 'whichever', 'what']);
const LIST_JOINERS = new Set(['and', 'or', 'plus', '&', 'vs', 'versus', 'then']);
/** Positions in a list ("the first and the last"); negative from the end. */
const ORDINALS = new Map<string, number>([
  ['first', 0],
  ['second', 1],
  ['third', 2],
  ['fourth', 3],
  ['last', -1],
]);
/** The same with figures and "final" ("the 2nd one a swallowed pill meets"; see gutPath). */
const GUT_ORDINALS = new Map<string, number>([
  ...ORDINALS,
  ['1st', 0],
  ['2nd', 1],
  ['3rd', 2],
  ['final', -1],
]);
/** Adjectives before "one" that do not describe a pick ("the other one", "the left one"). */
const NOT_A_PICK = '(?!other |opposite |same |wrong |right |left )';
/** A pick of one organ from a list named before ("which one …", "only the heavier one", "which of them"). */
const PICK_ALTERNATIVES = [
  '(?:which|what) one',
  '(?:which|what) of (?:them|these|those|the two|the three|the four)',
  `(?:only|just) the (?:${NOT_A_PICK}[a-z]+ )?one`,
  `the (?:${NOT_A_PICK}[a-z]+ )?(?:one|ones|organ|organs) (?:that|which|whose|carrying|with|where|the|it|they|on|in|at|by|near|nearer|nearest|closer|closest|next|behind|above|below|under|further|farther|[a-z]+ing|[a-z]{3,}ed)`,
  `the ${NOT_A_PICK}[a-z]+er one`,
  `the (?:two |three |both )?${NOT_A_PICK}(?:[a-z]+ ){1,2}ones$`,
  '(?:show |highlight |outline )?(?:those|all) (?:that|which|[a-z]{3,}ed by|lying|with)',
  'the [a-z]+est one',
  // "…, I only need the purely endocrine glands"
  '(?:only|just) (?:need|want) the (?:[a-z]+ ){1,3}(?:ones|glands|organs)$',
];
const PICK_ONE = new RegExp(`^(?:[a-z0-9]+ ){0,12}?(?:${PICK_ALTERNATIVES.join('|')})\\b`);
/** Parts of an organ ("the pancreatic tail", "the renal hilum"). */
const PART_NOUNS = new Set(
  'tail head neck body hilum hilus capsule pole lobe lobes fundus antrum cardia wall uncus uncinate bed surface border margin tip parenchyma'.split(
    ' ',
  ),
);
/** Place words after an adverbial "right" ("right on top of", "right next to", "right behind"). */
const RIGHT_ADVERB_NEXT = new Set(
  'on next behind above below under underneath beneath beside between over by up down there here against alongside atop adjacent into onto through across along where after before now away in at'.split(
    ' ',
  ),
);
/** Words after which "right" is a side even before a place word ("on the right under the ribs"). */
const RIGHT_SIDE_BEFORE = new Set(
  'the on to s patient patients viewer viewers my your his her their from at far lower upper and or of hand his its'.split(
    ' ',
  ),
);
const ONLY_BY_NEGATION =
  /\b(?:(?:don t|dont|do not|never) (?:show|want|need|highlight|mark|outline|segment|see)(?: me| us)? (?:anything|any organ|any organs|any structure|any structures|anything else|a thing)|(?:show|want|highlight|mark|outline|segment)(?: me| us)? (?:nothing|none of the (?:organs|structures|options)|no (?:organs?|structures?))) (?:that (?:isn t|is not|s not|aren t|are not)|which (?:isn t|is not)|except|but|other than|besides|apart from|save)\b/;
/** "every part of the digestive tube that's on your list", "all the blood vessels on your list" */
const EVERY_ON_LIST =
  /\b(?:every|all(?: the)?|each)\b(?: [a-z]+){0,3}? ((?:blood )?vessels?|arter(?:y|ies)|veins?|(?:digestive|alimentary|gi|gut) (?:tube|tract|canal)|endocrine glands?)\b(?: [a-z]+){0,4}? (?:on|in) (?:your|the|this|that) (?:list|options|choices)\b/;
/** "the bits of gut tube on your list, all of them": the kind first, "all" after. */
const ON_LIST_ALL =
  /\b((?:blood )?vessels?|arter(?:y|ies)|veins?|(?:digestive|alimentary|gi|gut) (?:tube|tract|canal)|endocrine glands?)\b(?: [a-z]+){0,3}? (?:on|in) (?:your|ur|the|this) (?:list|options|choices)\b(?: ,)? (?:all of them|all|every one|each one)\b/;
/** "the vessel options", "every vascular structure in the list", "just the arterial option" */
const KIND_OPTIONS =
  /\b(?:the|every|all(?: the)?|each|just the|only the)\s+(?:(?:two|both|three)\s+)?((?:blood )?vessel|vascular|arterial|venous|endocrine|gut tube|digestive tube|gi tract|digestive tract|alimentary)\s+(?:options?|choices?|structures? (?:in|on) (?:the|your|ur|this) list|ones? (?:in|on) (?:the|your|ur|this) list)\b(?![\s\S]*\b(?:only|just|actually|except|but|not|minus|apart|instead)\b)/;
const ON_LIST_KINDS: ReadonlyArray<[RegExp, readonly OrganId[]]> = [
  [/vessel|vascul/, [5, 6]],
  [/venous/, [6]],
  [/arter/, [5]],
  [/vein/, [6]],
  [/tube|tract|canal/, [10, 11, 12]],
  [/endocrine/, [4, 7, 8]],
];
/** "Which option in your list is an artery?": the options of that kind. */
const KIND_ASKED =
  /\b(?:which|what|the) (?:options?|choices?|ones?)(?: (?:that|which)(?= (?:is|are)\b))?(?: (?:in|on) (?:your|the|ur|this) list)? (?:is|are) (?:an? )?(?:blood )?(vessels?|arter(?:y|ies)|veins?)\b(?! (?:of|that|which|whose|formed|from|to|with|leaving|carrying|running|draining|supplying)\b)/;
const EVERY_OF_KIND =
  /\b(?:everything|all|every one|each one|all the ones|all the organs|every organ)\b(?: [a-z]+){0,4}? (?:that s|that is|which is|that are|which are|that re) (?:a |an )?(?:blood )?(vessels?|arter(?:y|ies)|veins?)\b/;
/** A second question that corrects the first ("Which organ makes bile? No wait, which one stores it?"). */
const ASK_CORRECTED =
  /\b(?:which|what)\b.*\b(?:no|wait|sorry|actually|meant|nah|nope|oops)\b[^a-z]*(?:[a-z]+[^a-z]+){0,2}(?:which|what)\b/;
const OTHER_ASKED = /\b(?:which|what) (?:other|else)\b|\bwhich (?:organ|gland|one) else\b|\banother organ\b/;
/** Names of an organ by its shape ("C-loop", "duodenal sweep"): a description, never a landmark. */
const SHAPE_NAMES = new Set(['loop', 'sweep']);
/** "the gland involved", "the kidney affected": a noun these follow points back. */
const INVOLVED_WORDS = new Set(['involved', 'affected', 'concerned', 'implicated', 'responsible']);
const POINTER_TRAILERS = new Set(
  'pls plz please thanks thx ty now too only just on in this here image slice scan pic picture one exactly for me'.split(
    ' ',
  ),
);
const POLITE_WORDS = new Set(['pls', 'plz', 'please', 'thanks', 'thx', 'ty', 'now', 'too', 'only', 'just']);

/** "actually add the duo too": a verb that adds to the request names what follows. */
const ADDING_VERBS = new Set(['add', 'include', 'plus']);
/** Words a list may hold between its items ("liver, oh and also gb"). */
const LIST_FILLERS = new Set(['also', 'oh', 'ooh', 'ah', 'um', 'umm', 'uh']);

function lowerCaseAbbreviationOk(tokens: Token[], i: number): boolean {
  // Back over "the", "me": "show me the gb", "the liver and the gb".
  // (and over "also", "oh": "liver, oh and also gb")
  let b = i - 1;
  while (b >= 0 && (ARTICLES.has(tokens[b]?.text ?? '') || LIST_FILLERS.has(tokens[b]?.text ?? ''))) b--;
  const before = tokens[b];
  // "whoever spots the gb first": an abbreviation after "the" is a name ("the lag" may be a delay).
  // ("mass effect on the duo" is a landmark's name in passing)
  if (
    tokens[i - 1]?.text === 'the' &&
    ['gb', 'rk', 'lk', 'duo'].includes(tokens[i]?.text ?? '') &&
    !(tokens[i]?.text === 'duo' && tokens[i - 2]?.text === 'on')
  )
    return true;
  // "rk — no wait, lk": the correction's new pick.
  const spoken = tokens[i - 1]?.raw === ',' ? tokens[i - 2] : tokens[i - 1];
  if (['wait', 'meant', 'actually', 'sorry', 'oops'].includes(spoken?.text ?? '')) return true;
  // ("…, actually just the gb": "just" or "only" before an article picks a thing.)
  // ("liver, gb, pancreas. remove gb": a take-back verb names what it takes back)
  if (
    COMMAND_VERBS.has(before?.text ?? '') ||
    ADDING_VERBS.has(before?.text ?? '') ||
    TAKE_BACK_VERBS.has(before?.text ?? '') ||
    ((before?.text === 'just' || before?.text === 'only') && b < i - 1)
  )
    return true;
  if ((before?.text === 'me' || before?.text === 'us') && COMMAND_VERBS.has(tokens[b - 1]?.text ?? ''))
    return true;
  // "rk?", "lag pls": the abbreviation is the whole request.
  const words = tokens.filter((t) => !t.boundary);
  if (words[0] === tokens[i] && words.slice(1).every((t) => POLITE_WORDS.has(t.text))) return true;
  // "gb pls — want to show the med students": the first word, then a polite word and a break.
  if (
    words[0] === tokens[i] &&
    POLITE_WORDS.has(tokens[i + 1]?.text ?? '') &&
    (tokens[i + 2]?.boundary ?? true)
  )
    return true;
  // ("oesophagus then stomch then duo", "lk upper pole vs spleen tip", "liver + duo")
  const listWord = (t: Token | undefined) =>
    t !== undefined &&
    ([',', ':', '+', '&', '/'].includes(t.raw) ||
      ['and', 'plus', 'or', 'then', 'vs', 'versus'].includes(t.text));
  const organAt = (t: Token | undefined) =>
    t !== undefined && LEXICON_WORDS.has(t.text) && !SPLIT_WORDS.has(t.text);
  let a = i + 2;
  while (a < tokens.length && ARTICLES.has(tokens[a]?.text ?? '')) a++;
  let c = b - 1;
  while (
    c >= 0 &&
    (ARTICLES.has(tokens[c]?.text ?? '') ||
      LIST_FILLERS.has(tokens[c]?.text ?? '') ||
      (tokens[c]?.raw === ',' && LIST_FILLERS.has(tokens[c + 1]?.text ?? '')))
  )
    c--;
  // "gb and the bile ducts": the first word of the message, opening a list.
  // ("the left-sided ones pls: lk, l adrenal, spleen": the first item after a colon)
  const opensList = (words[0] === tokens[i] || tokens[i - 1]?.raw === ':') && listWord(tokens[i + 1]);
  // "liver gb panc": organ names side by side, no joiners.
  const bareList =
    organAt(tokens[i - 1]) &&
    !tokens[i - 1]?.boundary &&
    (organAt(tokens[i + 1]) || (tokens[i + 1]?.boundary ?? true));
  return (
    (listWord(before) && organAt(tokens[c])) ||
    (listWord(tokens[i + 1]) && organAt(tokens[a])) ||
    opensList ||
    bareList
  );
}

/** "show the liver and the one that …": word `at` is a command ("show", "show me"). */
function commandedBefore(tokens: Token[], at: number): boolean {
  const w = tokens[at]?.text ?? '';
  if (COMMAND_VERBS.has(w)) return true;
  // ("Draw around the adrenal gland that is on the left", "trace round the spleen")
  if ((w === 'around' || w === 'round') && COMMAND_VERBS.has(tokens[at - 1]?.text ?? '')) return true;
  return (w === 'me' || w === 'us') && COMMAND_VERBS.has(tokens[at - 1]?.text ?? '');
}

/** Word roots of the 13 organs in compound words ("gastro-splenic", "hepato-reno"). */
const COMPOUND_ROOTS: ReadonlyArray<[string, readonly OrganId[]]> = [
  ['hepato', [1]],
  ['hepatic', [1]],
  ['spleno', [3]],
  ['splenic', [3]],
  ['gastro', [11]],
  ['gastric', [11]],
  ['duodeno', [12]],
  ['duodenal', [12]],
  ['reno', [2, 13]],
  ['renal', [2, 13]],
  ['pancreatico', [4]],
  ['pancreatic', [4]],
  ['aorto', [5]],
  ['caval', [6]],
  ['esophago', [10]],
  ['esophageal', [10]],
  ['cholecysto', [9]],
  ['adreno', [7, 8]],
  // "pancreaticoduodenectomy"
  ['duoden', [12]],
  // "pancreatectomy", "splenectomy", "gastrectomy", "cholecystectomy", "nephrectomy", "adrenalectomy"
  ['pancreat', [4]],
  ['splen', [3]],
  ['gastr', [11]],
  ['cholecyst', [9]],
  ['nephr', [2, 13]],
  ['adrenal', [7, 8]],
  ['esophag', [10]],
  ['hepat', [1]],
];
const COMPOUND_TAILS = new Set(['', 'megaly', 'omegaly', 'ectomy', 'ostomy', 'stomy', 'tomy']);

/**
 * The organs of a compound word made of two or more organ roots ("gastrosplenic",
 * "hepatosplenomegaly", "aortocaval"; "gastro-oesophageal" typed with a hyphen), or [] when the
 * question has none.
 */
function splitCompound(word: string): OrganId[] | undefined {
  const found: OrganId[] = [];
  let rest = word;
  while (rest.length > 0) {
    const root = COMPOUND_ROOTS.find(([r]) => rest.startsWith(r));
    if (!root) break;
    found.push(...root[1]);
    rest = rest.slice(root[0].length);
  }
  return COMPOUND_TAILS.has(rest) && found.length > 0 ? found : undefined;
}

/** The organs of every compound word in the question ("pancreatectomy with splenectomy"). */
function compoundOrgansEach(tokens: Token[]): OrganId[] {
  // Only words with an operation's or a condition's ending: "adrenal" alone is a name.
  const compound = (t: Token) =>
    !t.boundary && [...COMPOUND_TAILS].some((tail) => tail && t.text.endsWith(tail));
  return [...new Set(tokens.flatMap((t) => (compound(t) ? (splitCompound(t.text) ?? []) : [])))];
}

function compoundOrgans(tokens: Token[]): OrganId[] {
  for (let i = 0; i < tokens.length; i++) {
    let organs = splitCompound((tokens[i] as Token).text);
    // "gastro-oesophageal" arrives as two words.
    const next = tokens[i + 1];
    if (organs && next && !next.boundary && (tokens[i] as Token).text.endsWith('o')) {
      const more = splitCompound(next.text);
      if (more) organs = [...organs, ...more];
    }
    let distinct = [...new Set(organs ?? [])];
    // "splenorenal": the kidney on the spleen's side.
    if (distinct.includes(3))
      distinct = distinct.filter((id) => organById(id).side !== 'right' || !organById(id).pairedWith);
    const onePair = distinct.length === 2 && organById(distinct[0] as OrganId).pairedWith === distinct[1];
    if (distinct.length > 1 && !onePair) return distinct;
  }
  return [];
}

/** Where a negation starting at token i reaches from ("not the …", "leave out the …"); -1: none. */
function negationScope(tokens: Token[], i: number): number {
  const w = tokens[i]?.text;
  if (w === undefined) return -1;

  // "never mind the duodenum" takes it back; "never mind, go with the pancreas" corrects.
  if (w === 'never' && tokens[i + 1]?.text === 'mind') return tokens[i + 2]?.boundary !== false ? -1 : i + 2;
  // "…nvm drop the stomach": a discourse "nvm" before a take-back verb negates nothing itself.
  if ((w === 'nvm' || w === 'nevermind') && NEGATORS.has(tokens[i + 1]?.text ?? '')) return -1;
  // "gallbladder pls… nvm make that the liver": "nvm" before a new request corrects what came before.
  if ((w === 'nvm' || w === 'nevermind') && NVM_THEN.has(tokens[i + 1]?.text ?? '')) return -1;
  // "scratch that, only the left one" corrects what came before; "scratch the left one" takes it back.
  if (
    (w === 'scratch' || w === 'scrap' || w === 'cancel') &&
    ['that', 'this', 'it', 'everything'].includes(tokens[i + 1]?.text ?? '')
  )
    return -1;
  // "…actually drop it and show the stomach": "it" is what came before, not what follows.
  if (
    ['drop', 'remove', 'forget', 'ditch', 'lose', 'delete', 'undo'].includes(w) &&
    ['it', 'that', 'this'].includes(tokens[i + 1]?.text ?? '') &&
    !tokens[i + 2]?.boundary &&
    tokens[i + 2]?.text === 'and'
  )
    return -1;
  // "I don't see the gallbladder, can you mark it?": not seeing an organ is no take-back.
  const unseen = (scope: number) => (PERCEPTION_VERBS.has(tokens[scope]?.text ?? '') ? -1 : scope);
  // ("i always lose the duodenum": losing track of it, not taking it back)
  if (
    (w === 'lose' || w === 'ditch') &&
    ['i', 'we', 'always', 'keep', 'often', 'still', 'usually', 'sometimes', 'you', 'they'].includes(
      tokens[i - 1]?.text ?? '',
    )
  )
    return -1;
  if (NEGATORS.has(w)) return unseen(i + 1);
  // "right kidney plus right adrenal. take the adrenal back, just the kidney"
  if (w === 'take' && !['me', 'us', 'it', 'that', 'this'].includes(tokens[i + 1]?.text ?? '')) {
    for (let k = i + 1; k <= i + 4 && tokens[k]; k++) {
      if (tokens[k]?.text === 'back') return i + 1;
      if (tokens[k]?.boundary) break;
    }
  }
  for (const [a, b] of NEGATOR_PAIRS) {
    if (w !== a) continue;
    if (b === '') return unseen(i + 1);
    if (tokens[i + 1]?.text !== b) continue;
    // "they want to take out my left adrenal gland": an operation on someone's organ, not a take-back
    if (a === 'take' && SURGERY_OWNERS.has(tokens[i + 2]?.text ?? '')) return -1;
    return unseen(i + 2);
  }
  return -1;
}
/** Whose organ is taken out in an operation ("take out my spleen", "take out her kidney"). */
const SURGERY_OWNERS = new Set(['my', 'his', 'her', 'their', 'your', 'our', 'mum', 'dad']);
const PERCEPTION_VERBS = new Set([
  'see',
  'find',
  'spot',
  'notice',
  'locate',
  'recognise',
  'recognize',
  'know',
  // "never noticed how close the esophagus and aorta are": the speaker's past, no take-back
  'saw',
  'seen',
  'found',
  'spotted',
  'noticed',
  'located',
  'recognised',
  'recognized',
  'knew',
  'known',
  'realised',
  'realized',
  'understood',
  'thought',
  'heard',
  'learned',
  'learnt',
]);

/**
 * "Don't not show the spleen": two negators in a row cancel; neither negates anything. A "no" that
 * corrects is no such pair: "aorta and IVC, no scratch the IVC" takes the IVC back.
 */
/** "so I don't …", "so we do not …", "so that I won't …": a negation in a reason, not a wish. */
function purposeClause(tokens: readonly Token[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 4); j--) {
    const t = tokens[j] as Token;
    if (t.boundary) return false;
    if (t.text === 'so' && ['i', 'we', 'you', 'they', 'that'].includes(tokens[j + 1]?.text ?? ''))
      return true;
  }
  return false;
}
function doubleNegative(tokens: Token[], i: number): boolean {
  const scope = negationScope(tokens, i);
  if (scope < 0) return false;
  const correctingNo = (k: number) => CORRECTING_NO.has(tokens[k]?.text ?? '');
  if (!correctingNo(i) && negationScope(tokens, scope) >= 0) return true;
  for (let j = Math.max(0, i - 2); j < i; j++)
    if (!correctingNo(j) && negationScope(tokens, j) === i) return true;
  return false;
}

/**
 * "…both kidneys. no pancreas this time": a "no" before a name said to be left out for now denies
 * it rather than correcting what came before.
 */
function deniesFor(tokens: Token[], mentions: readonly Mention[], i: number): boolean {
  const named = mentions.find(
    (m) => m.start === i + 1 || (m.start === i + 2 && ARTICLES.has(tokens[i + 1]?.text ?? '')),
  );
  if (!named) return false;
  const next = tokens
    .slice(named.end, named.end + 2)
    .map((t) => t.text)
    .join(' ');
  return /^(?:this time|today|anymore|any more|for now|needed|required|either|though|thanks|thx|please|pls)\b/.test(
    next,
  );
}

/** `at` opens a clause, after fillers such as "hmm", "ok" or "oh". */
function opensClause(tokens: Token[], at: number): boolean {
  let k = at - 1;
  while (k > 0 && (CLAUSE_FILLERS.has((tokens[k] as Token).text) || (tokens[k] as Token).text === ',')) k--;
  return k > 0 && ((tokens[k] as Token).boundary || (tokens[k + 1] as Token).text === ',');
}
const CLAUSE_FILLERS = new Set([
  'hmm',
  'hm',
  'ok',
  'okay',
  'oh',
  'er',
  'erm',
  'um',
  'umm',
  'so',
  'well',
  'ah',
  'then',
]);

/** The words just before `at` are `words`, set off by a comma or a sentence boundary ("…, right?"). */
function endsWithWords(tokens: Token[], at: number, words: readonly string[]): boolean {
  const from = at - words.length;
  if (from < 1 || !(tokens[from - 1] as Token).boundary) return false;
  return words.every((w, k) => tokens[from + k]?.text === w && !tokens[from + k]?.boundary);
}

/** True when the clause ends at `from`, polite words and "on this image" aside ("show that one pls"). */
function endsAfterTrailers(tokens: Token[], from: number): boolean {
  let j = from;
  while (tokens[j] && !tokens[j]?.boundary && POINTER_TRAILERS.has(tokens[j]?.text ?? '')) j++;
  return tokens[j] === undefined || tokens[j]?.boundary === true;
}

/** The index of the word before `start`, over articles and side words ("… the left kidney"). */
function beforeArticlesAndSides(tokens: Token[], start: number): number {
  let j = start - 1;
  // ("under the left 9th to 11th ribs": ordinals and their range are skipped too)
  const ordinal = (k: number) =>
    /^\d+(?:st|nd|rd|th)?$/.test(tokens[k]?.text ?? '') ||
    (['to', 'and', '-'].includes(tokens[k]?.text ?? '') &&
      /^\d+(?:st|nd|rd|th)?$/.test(tokens[k - 1]?.text ?? ''));
  while (
    j >= 0 &&
    (ARTICLES.has((tokens[j] as Token).text) || SIDE_WORDS.has((tokens[j] as Token).text) || ordinal(j))
  )
    j--;
  return j;
}

/** A name of one side of a left/right pair ("the left kidney", "the right adrenal"). */
function oneSideOfPair(m: Mention): boolean {
  return (
    m.target.kind === 'organ' &&
    m.target.ids.length === 1 &&
    organById(m.target.ids[0] as OrganId).pairedWith !== undefined
  );
}

/** A mention of one or both of a left/right pair (kidneys, adrenals). */
function isPaired(ids: readonly OrganId[]): boolean {
  return ids.some((id) => organById(id).pairedWith !== undefined);
}

/** The organ(s) of a pair after a side-only correction: "other" flips each one named. */
/**
 * "The vessel Leriche syndrome affects... no, the one the caudate lobe drains into", "Segment the
 * kidney that sits higher. Hmm, actually the one that sits lower": a description corrected by a
 * second one, read alone with the first one's verb and head noun ("the one" becomes "the vessel").
 */
function correctedDescription(question: string): string | undefined {
  const match = CORRECTED_DESCRIPTION.exec(question);
  if (!match) return undefined;
  const before = textWords(match[1] as string);
  const head = before.find((w) => CORRECTION_HEADS.has(w));
  // ("…no, the organ it enters", "…the one on the opposite side": the second leans on the first.)
  if (
    !head ||
    /\b(?:it|its|them|opposite|other|same|left|right)\b|\bthat (?:side|one|organ|gland|kidney|adrenal)\b/i.test(
      match[2] as string,
    )
  )
    return undefined;
  // ("…, no, the one." says nothing new.)
  if (textWords(match[2] as string).length < 3) return undefined;
  const tail = (match[2] as string).replace(
    /^the (?:([a-z-]+) )?one\b/i,
    (_, adjective?: string) => `the ${adjective ? `${adjective} ` : ''}${head}`,
  );
  const verbAt = before.findIndex((w) => COMMAND_VERBS.has(w));
  if (verbAt < 0 || verbAt > before.indexOf(head)) return tail;
  const verb = before.slice(0, verbAt + 1 + (['me', 'us'].includes(before[verbAt + 1] ?? '') ? 1 : 0));
  return `${verb.join(' ')} ${tail}`;
}

/** A request with one side, then "sorry, the right one" (see `CORRECTED_DESCRIPTION`). */
const SIDE_ONLY_CORRECTION = /^the (left|right)(?: one| side)?(?: please| pls| then| instead)?\s*[.!?]*\s*$/i;

/**
 * "Show me the gland on top of the left kidney — sorry, the right one": the request with its one
 * side word swapped for the corrected one. Not when the request names both sides or none.
 */
function sideSwapped(question: string): string | undefined {
  const match = CORRECTED_DESCRIPTION.exec(question);
  const side = match ? SIDE_ONLY_CORRECTION.exec(match[2] as string)?.[1]?.toLowerCase() : undefined;
  if (!match || !side) return undefined;
  const request = match[1] as string;
  const sides = request.match(/\b(?:left|right)\b/gi) ?? [];
  if (sides.length !== 1 || (sides[0] as string).toLowerCase() === side) return undefined;
  return request.replace(/\b(?:left|right)\b/i, side);
}

/** "…. Actually, just outline the whole organ it is in", "…, no wait, the whole organ" */
const WHOLE_ORGAN_CORRECTION =
  /^(.+?)(?:\s*(?:…|—|–|\s-|[,;.]))+\s*(?:(?:no|wait|sorry|actually|hmm|oh|oops|on second thoughts?)[,.]?\s*)+(?:just |only )?(?:(?:outline|show|highlight|segment|mark)(?: me)? )?(?:just |only )?the (?:whole |entire )?(?:organ|gland)(?: (?:it|that|which) (?:is|s|sits|lies|grows|arises) (?:in|from|within)| (?:containing|holding|harbouring|harboring) (?:it|that)| (?:that|which) (?:contains|holds|has|harbours|harbors) (?:it|that)| it(?:'s| is|’s| sits| lies| grows| arises) (?:in|from|within)| (?:it|that)(?:'s|’s| is)? (?:sitting|lying|growing|lodged|stuck) (?:in|inside|within))?(?: itself| instead| please| pls)?\s*[.!]*\s*$/i;
const ORGAN_OF_ADJECTIVE = new Map([
  ['hepatic', 'liver'],
  ['renal', 'kidney'],
  ['splenic', 'spleen'],
  ['pancreatic', 'pancreas'],
  ['gastric', 'stomach'],
  ['adrenal', 'adrenal gland'],
]);
const REACH_TAIL =
  /(?<=\w)\s*,?\s+(?:right |just |exactly )?(?:where|at the point where|at the spot where) (?:it|they) (?:reaches|reach|meets|meet|touches|touch|abuts|abut|nears|approaches|crosses|cross|passes|hugs|wraps|curves)\b[^.?!;]*[.?!]*\s*$/i;
const COMMAND_START =
  /^\s*(?:(?:please|pls|can you|could you|can u|would you|now|ok|okay)\s+)*(?:show|outline|highlight|segment|mark|draw|trace|contour|label)\b/i;
const ORIGIN_TAIL =
  /(?<=\w)\s*,?\s+(?:right |just |exactly )?(?:where|at the point where|at the spot where) (?:it|they) (?:comes? off|arises?|originates?|branches? off|starts?|begins?)\s*[.!]*\s*$/i;
/**
 * "Outline the pancreatic tumour. Actually, just outline the whole organ it is in.": the one organ
 * (with its side, if named) the message named before a correction that asks for the whole organ.
 */
function findingHolder(question: string): string | undefined {
  const match = WHOLE_ORGAN_CORRECTION.exec(question);
  if (!match) return undefined;
  const named = new Set(
    [...(match[1] as string).matchAll(new RegExp(`(?:\\b(left|right) )?${ORGAN_WORD.source}`, 'gi'))].map(
      (m) => {
        const word = m[0]
          .toLowerCase()
          .replace(/^(?:left|right) /, '')
          .replace(/s$/, '');
        return `${m[1] ? `${m[1].toLowerCase()} ` : ''}${ORGAN_OF_ADJECTIVE.get(word) ?? word}`;
      },
    ),
  );
  // ("Show the gallstone. No, the organ it's sitting in.")
  if (named.size === 0 && /\bgall ?stones?\b/i.test(match[1] as string)) return 'gallbladder';
  return named.size === 1 ? [...named][0] : undefined;
}

/** "a solid mass in the lower pole of the left kidney": a finding, then the organ it lies in. */
function findingInOrgan(text: string): boolean {
  const at = FINDING_PLACE.exec(text);
  if (!at) return false;
  const before = textWords(text.slice(0, at.index));
  return before.some((w) => FINDINGS.has(w)) && ORGAN_WORD.test(text.slice(at.index + at[0].length));
}
const FINDING_PLACE = /\b(?:in|within|inside|arising from|involving)\b/i;
/** "Just the adrenal. I didn't say which one.": no side, so both. */
const ANY_SIDE =
  /\s*(?:i (?:didn't|didn’t|did not|don't|don’t|do not) (?:say|mind|care|specify) which(?: one| side)?|either side is fine|whichever side)[.!]?/gi;
/** "Of the two adrenal glands, segment the crescent-shaped one" (the two to pick one from). */
const OF_THE_TWO_PAIR =
  /\b([Oo]f|[Bb]etween|[Ff]rom) (?:the|these|those|both) two ((?:adrenal|suprarenal) glands|adrenals|suprarenals|kidneys)\b(?=[^.?!]*\b(?:segment|outline|show|highlight|mark|select|pick|circle|contour)\b[^.?!]*\bone\b)/g;
/**
 * "If <premise>, <request>; otherwise|if not|if it doesn't <request>": a condition on a fact of
 * anatomy, each branch a request of its own.
 */
const CONDITIONAL =
  /^\s*if ([^,;]{8,160}?), (?:then )?([^;]+?)\s*[;.,]\s*(?:otherwise|else|if not|if it (?:doesn['’ ]?t|does not|isn['’ ]?t|is not)|if they (?:don['’ ]?t|do not|aren['’ ]?t|are not)|if (?:that|this)(?:['’]?s| is)? (?:not (?:true|the case|so)|wrong|false)|if (?:that|this)(?: isn['’ ]?t| is not) (?:true|the case|so)),?\s*(.+)$/i;
/**
 * Premises that are false in the usual anatomy (the others are taken as true): the diaphragm's
 * levels (the IVC at T8, the oesophagus at T10, the aorta at T12), the quadrants, the kidneys'
 * heights, the great vessels' sides, sizes, the adrenals' shapes and who makes and stores bile.
 */
const FALSE_PREMISES: readonly RegExp[] = [
  /\b(?:ivc|inferior vena cava|vena cava|cava)\b.*\b(?:t10|t12)\b/,
  /\besophag(?:us|eal)\b.*\b(?:t8|t12)\b/,
  /\baort(?:a|ic)\b.*\b(?:t8|t10)\b/,
  /\b(?:spleen|stomach|pancreatic tail|tail of the pancreas|left kidney)\b.*\b(?:right upper quadrant|ruq)\b/,
  /\b(?:liver|gallbladder|right kidney)\b.*\b(?:left upper quadrant|luq)\b/,
  /\bright kidney\b.*\b(?:higher|above|superior to)\b.*\bleft\b|\bleft kidney\b.*\b(?:lower|below|inferior to)\b.*\bright\b/,
  /\baorta\b.*\b(?:to the )?right of the (?:ivc|inferior vena cava|vena cava|cava)\b|\b(?:ivc|inferior vena cava|vena cava)\b.*\b(?:to the )?left of the aorta\b/,
  /\bspleen\b.*\b(?:larger|bigger|heavier)\b.*\bliver\b|\bliver\b.*\b(?:smaller|lighter)\b.*\bspleen\b/,
  /\bright adrenal\b.*\bcrescent\b|\bleft adrenal\b.*\b(?:pyramid|pyramidal|triangular)\b/,
  /\bgallbladder\b.*\b(?:makes|produces|secretes|synthesi[sz]es)\b.*\bbile\b|\bliver\b.*\bstores?\b.*\bbile\b/,
  /\b(?:kidneys?|pancreas|aorta|ivc)\b.*\bintraperitoneal\b|\b(?:stomach|spleen|liver|gallbladder)\b.*\bretroperitoneal\b/,
];

/** The request a conditional message asks for, by whether its premise holds; undefined if none. */
function conditionalBranch(question: string): string | undefined {
  const parts = CONDITIONAL.exec(question);
  if (!parts) return undefined;
  const [, premise = '', then = '', otherwise = ''] = parts;
  // (a premise with its own negation, or one about this slice, is not a fact of anatomy)
  if (
    /\b(?:not|no|never|isn|doesn|don|aren|wasn|this (?:slice|image|scan|picture)|visible|seen|shown)\b/i.test(
      premise,
    )
  )
    return undefined;
  const words = textWords(premise).join(' ');
  const predicate = /\b((?:goes|passes|crosses|lies|sits|runs|makes|stores|drains|is|are)\b.*)$/i.exec(
    premise,
  )?.[1];
  if (FALSE_PREMISES.some((re) => re.test(words))) {
    // "…; if not, outline the structure that does": what the premise says, of another subject.
    const request = predicate
      ? otherwise.replace(/\bthat does\s*([.?!]?)\s*$/i, `that ${predicate}$1`)
      : otherwise;
    return /^(?:show|outline|segment|highlight|mark)(?: me)? nothing\b|^(?:do nothing|nothing)\b/i.test(
      request.trim(),
    )
      ? 'Never mind, nothing.'
      : request;
  }
  // "If the spleen lies in the left upper quadrant, show it together with the kidney it rests on":
  // "it" is the premise's subject.
  const subject = predicate ? premise.slice(0, premise.length - predicate.length).trim() : '';
  if (subject && subject.split(/\s+/).length <= 5 && /\bit\b/i.test(then))
    return then.replace(/\bit\b/gi, subject);
  return then;
}

/** The mnemonic "I 8 10 eggs at 12" (IVC at T8, oesophagus at T10, aorta at T12) and what follows it. */
const LEVELS_MNEMONIC =
  /^([\s\S]*?)['"‘“]?\bI (?:8|ate|eight) (?:10|ten) eggs at (?:12|twelve)\b['"’”]?([\s\S]*)$/i;
/** "Find the gallbladder's letter, add two", "take the stomach's letter, go back two letters" */
const LETTER_MOVED =
  /\b(?:find|take|get|start (?:at|from|with)|look up)(?: at)? (?:the )?(?<what>(?:[a-z-]+ ){0,3}?[a-z-]+?)(?:'s|’s|s') (?:option )?letter,? (?:and |then )?(?<way>add|plus|move on|move forward|move|go forward|go on|go|count on|count forward|skip|subtract|minus|go back|back)(?: by)? (?<count>one|two|three|four|five|\d)\b/i;
/** "Take the letter of the organ that … and move two letters further on", "…the option two letters after the vessel formed from …" */
const LETTER_MOVED_AFTER =
  /\b(?:take|find|get) the (?:option )?letter of (?<what>the (?:organ|vessel|gland|one|structure|option)\b[^.;!?]*?),? (?:and |then )?(?<way>add|move on|move|go forward|go on|go|count on|skip|subtract|go back|back)(?: by)? (?<count>one|two|three|four|five|\d)\b|\b(?:option|letter|one) (?:lettered )?(?:(?<count2>one|two|three|four|five|\d) (?:letters?|places?|spots?|positions?) |(?:immediately|right|just|directly) )(?<way2>after|before|following|preceding) (?<what2>the (?:organ|vessel|gland|one|structure)\b[^.;!?]*)/i;
/** "…choose the one with the earlier letter", "pick the one with the later letter" */
const LETTER_EXTREME =
  /,?\s*(?:and |then )?(?:(?:please |pls )?(?:choose|pick|select|show|take|keep|outline|highlight|mark|segment|give me|show me)(?: only| just)? )?(?:only |just )?the one (?:with|that has|having) the (earlier|earliest|later|latest|lower|lowest|higher|highest|first|last|smaller|smallest|bigger|biggest|larger|largest) (?:option )?letter\b(?: (?:in|of) the (?:alphabet|list))?/i;
/** "<a description>; no, change that to <another description>" (see its use). */
const DESCRIBED_SWAP =
  /^((?:show|outline|mark|highlight|segment|find)(?: me)? the [^.;!?]+?)\s*[.;,!—–-]+\s*(?:(?:no|wait|actually|hmm|sorry|oops|on second thought|scratch that|scrap that)[,.]?\s*)+(?:change (?:that|it) to|swap (?:that|it) for|switch (?:that |it )?to|make (?:that|it)|go with|(?:show|outline|mark|highlight|segment) instead)\s+(the (?:organ|gland|one|structure|[a-z-]+(?: [a-z-]+)? one)\b[^.;!?]*)[.!]?\s*$/i;
/** "the three options just above 'None of them' (on your list)": the last organ options. */
const ABOVE_NONE =
  /\bthe (?:(two|three|four|five|2|3|4|5) )?(?:options?|letters?|ones?|entries|entry|organs?) (?:just |right |immediately |directly )?(?:above|before) ['"‘“]?(?:none of them|none of the above)\b['"’”]?(?: (?:on|in) (?:your|the|ur) (?:list|options|table))?/gi;
/** "the option whose name comes first in alphabetical order", "alphabetically last" */
const ALPHABETICAL_END =
  /\b(?:comes?|is|falls?|sits?|appears?|stands?) (first|last) (?:in )?(?:alphabetical(?:ly)?|a to z|a z|abc) (?:order|terms)?|\b(first|last) (?:in )?alphabetical(?:ly)?(?: order)?\b|\balphabetically (first|last)\b/i;
/** "the right member of each paired organ", "the left one of every pair" */
const SIDE_OF_EACH_PAIR =
  /\bthe (left|right)(?:[- ]sided)? (?:members?|ones?|partners?|organs?|halves|half|versions?|copies|copy) of (?:(?:each|every|both|all(?: the)?) (?:paired (?:organs?|options?|structures?)|pairs?)|the (?:paired (?:organs|options|structures)|pairs))\b(?: (?:in|on|from) (?:the|your|ur) (?:list|options))?/gi;
/** "drop every one of them except", "remove all but", "exclude everything apart from" */
const DROP_ALL_BUT =
  /\b(?:drop|remove|delete|deselect|unselect|take out|discard|lose|ditch|clear|erase|cross out|strike|exclude|hide|get rid of|turn off|switch off|mask out|grey out|gray out) (?:every(?: single)? one|each one|all|everything|everyone|every(?: other)? organ|all the (?:other )?(?:organs|options)|all (?:other )?organs|the rest)(?: of them| of those| of these| of the options| of the organs)? (?:except|but|apart from|other than|save|bar|besides) (?:for )?/gi;
const ARROW = /\s*(?:→|->|=>)\s*/g;
const ARROW_TO_REQUEST =
  /\s*(?:→|->|=>)\s*(?=(?:pls |please |can you |could you )?(?:outline|segment|highlight|show|mark|contour|find|which|what)\b)/gi;
/** Words that make arrows a route, not a correction ("trace the whole route"). */
const ROUTE_WORD = /\b(?:route|path|pathway|journey|course|whole|all|through|along|sequence|chain)\b/i;
/** "…the letter just before it": a letter placed by the letter named before. */
const LETTER_BEFORE_IT =
  /\bthe (?:letter|option|one) (?:just |right |immediately )?(?:before|after) (it)(?=[.!?\s]*$)/;
const NAMED_LETTER =
  /\b(?:[Oo]ption|[Ll]etter|[Ss]how|[Oo]utline|[Hh]ighlight|[Mm]ark|[Ss]egment|[Dd]o)\s+([A-M])(?![\w'’-])/g;

/** "Show option K... typo, I meant the letter just before it." → "…the letter just before K." */
function letterBeforeIt(original: string): string | undefined {
  // ("Show option M — no, the option just above it in the list.", "Option D. No, the next option.")
  const question = original
    .replace(
      /\b(the (?:letter|option|one) (?:just |right |immediately )?)(above|below) it(?: (?:in|on) (?:the|your|ur) (?:list|options|table))?(?=[.!?\s]*$)/,
      (_, lead: string, where: string) => `${lead}${where === 'above' ? 'before' : 'after'} it`,
    )
    .replace(
      /\bthe (next|previous|preceding|following) (?:letter|option|one)(?=[.!?\s]*$)/,
      (_, which: string) => `the option ${which === 'next' || which === 'following' ? 'after' : 'before'} it`,
    );
  const match = LETTER_BEFORE_IT.exec(question);
  if (!match) return undefined;
  const letter = [...question.slice(0, match.index).matchAll(NAMED_LETTER)].at(-1)?.[1];
  if (!letter) return undefined;
  const at = match.index + match[0].length;
  return `${question.slice(0, at - 2)}${letter}${question.slice(at)}`;
}
/** "the option lettered two places after the gallbladder", "the option whose letter comes right before the IVC" */
const OPTION_BESIDE_ORGAN =
  /\b(?:option|letter|one)\b[^.?!]{0,60}?\b(?:(one|two|three|four|five|\d{1,2}) (?:(?:places?|letters?|spots?|steps?|positions?) )?|(?:right|just|immediately|directly) )?(after|before|following|preceding) (?:the )?((?:[a-z]+ ){0,2}?(?:liver|kidney|spleen|pancreas|aorta|ivc|inferior vena cava|adrenal(?: gland)?|gallbladder|gall bladder|esophagus|oesophagus|stomach|duodenum))\b(?! (?:is|are|does|do|has|in the body)\b)/i;
/**
 * "Outline the options whose letters are vowels", "every option that has 'adrenal' in its name":
 * options picked by how their letter or name is spelled.
 */
function optionsBySpelling(asked: string): OrganId[] | undefined {
  // ("…whose name ends in '-um'": the hyphen only marks an ending)
  const question = asked.replace(/(['"‘“])-(?=[a-z])/gi, '$1');
  const found = spelledOptions(question);
  if (!found) return found;
  // "…contains a 'v' but isn't a vessel", "…more than one word, except the kidneys": a kind left out.
  const but =
    /\b(?:but|and) (?:is ?n[o'’]?t|not|are ?n[o'’]?t|is not|are not) (?:a |an )?(vessels?|glands?|kidneys?|adrenals?)\b|\b(?:except|excluding|apart from|other than|but not|minus|leaving out) (?:the |both )?(vessels?|glands?|kidneys?|adrenals?|adrenal glands)\b/i.exec(
      question,
    );
  const kind = (but?.[1] ?? but?.[2])?.toLowerCase();
  if (!kind) return found;
  const out = kind.startsWith('vessel') ? [5, 6] : kind.startsWith('kidney') ? [2, 13] : [7, 8];
  const kept = found.filter((id) => !out.includes(id));
  return kept.length > 0 ? kept : found;
}
function spelledOptions(question: string): OrganId[] | undefined {
  const all = Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId);
  if (
    /\b(?:options?|letters?)\b[^.?!]{0,60}\b(?:are|is|that are|which are) (?:the |a )?vowels?\b/i.test(
      question,
    )
  )
    return all.filter((id) => 'AEIOU'.includes(organById(id).letter));
  // "every option lettered with a vowel"
  if (
    /\b(?:options?|ones?|organs?) (?:lettered|labell?ed|marked) (?:with|by) (?:a |an )?vowels?\b/i.test(
      question,
    )
  )
    return all.filter((id) => 'AEIOU'.includes(organById(id).letter));
  // "the vowel options 😂", "just the vowels pls"
  if (
    /\bvowel (?:options|letters|ones|choices)\b|\b(?:options?|ones?|organs?) (?:that |which )?(?:have|has|with) (?:a |an )?vowels? (?:as|for) (?:their|its|the) letters?\b|^\s*(?:(?:pls|please|just|only|now|ok|okay)\s+)*(?:(?:show|outline|highlight|mark|segment|circle|label|do)(?: me)?\s+)?(?:(?:just|only|all)\s+)?the vowels\b(?![^.?!]*\b(?:which|what|word|name|names)\b)/i.test(
      question,
    )
  )
    return all.filter((id) => 'AEIOU'.includes(organById(id).letter));
  // "Which option's letter is also the chemical symbol for potassium?", "…the Roman numeral for
  // fifty?": the letter a symbol stands for (N for nitrogen is none of them).
  if (/\b(?:options?|letters?|ones?)\b/i.test(question)) {
    const element =
      /\b(?:chemical |element(?:al)? |atomic )?symbol (?:for|of) (?:the element )?([a-z]+)\b/i.exec(
        question,
      )?.[1];
    const numeral =
      /\broman numeral (?:for|of) (?:the number )?(five hundred|one thousand|a thousand|one hundred|a hundred|[a-z]+|\d+)\b/i.exec(
        question,
      )?.[1];
    const nthWord = /\b(\d{1,2}(?:st|nd|rd|th)|[a-z]+) letter of the (?:english |latin )?alphabet\b/i.exec(
      question,
    )?.[1];
    const nth =
      nthWord &&
      (/^\d/.test(nthWord) ? Number.parseInt(nthWord, 10) : COUNT_WORDS.get(nthWord.toLowerCase()));
    if (nth && nth >= 1 && nth <= 14) {
      const letter = String.fromCharCode(64 + nth);
      return letter === 'N' ? [] : [organByLetter(letter as OrganLetter).id];
    }
    const symbol = element
      ? SYMBOL_OF_ELEMENT[element.toLowerCase()]
      : numeral
        ? ROMAN_NUMERAL[numeral.toLowerCase()]
        : undefined;
    if (symbol === 'N') return [];
    if (symbol) return [organByLetter(symbol as OrganLetter).id];
  }
  // "Spell the word BIKE with option letters and highlight those organs": the word's letters.
  const spelled =
    /\bspell(?:s|ing)?(?: out)? (?:the word |the name )?['"‘“]?([A-Za-z]{2,13})['"’”]?(?= (?:with|using|in|from|out of) (?:the |your |ur )?(?:option|letter|options|letters|choices)\b)|\b(?:options?|ones?) (?:whose|where the|with(?: the)?) letters (?:spell(?: out)?|in|that spell|of|appear in|are in|occur in|are found in) (?:the word )?['"‘“]?([A-Za-z]{2,13})['"’”]?(?![\w'’-])/i
      .exec(question)
      ?.slice(1)
      .find((g) => g !== undefined);
  if (spelled && /^[A-Ma-m]+$/.test(spelled) && !/\b(?:which|what)\b/i.test(question))
    return [...new Set(spelled.toUpperCase().split(''))].map((l) => organByLetter(l as OrganLetter).id);
  // "Every option with 'adrenal' in its name, plus every option with 'kidney' in its name"
  const inNames = [
    ...question.matchAll(
      /\bwith (?:the word )?['"‘“]([a-z]+)['"’”] in (?:its|their|the) (?:names?|labels?)\b/gi,
    ),
  ].map((m) => (m[1] as string).toLowerCase());
  if (inNames.length > 1) {
    const ids = all.filter((id) =>
      inNames.some((word) => organById(id).name.toLowerCase().split(' ').includes(word)),
    );
    if (ids.length > 0) return ids;
  }
  // "Which options carry the word 'right' in their label?", "options whose labels include 'left'"
  const labelWord =
    /\b(?:options?|organs?|ones?|choices?)\b[^.?!]{0,40}?\b(?:(?:labels?|names?) (?:that )?(?:contain|contains|include|includes|has|have|carry|carries|with)(?: the word)?|(?:carry|carries|bear|bears|has|have|contain|contains|include|includes) the word) ['"‘“]?([a-z]+)['"’”]?/i.exec(
      question,
    )?.[1];
  if (labelWord) {
    const word = labelWord.toLowerCase();
    const ids = all.filter((id) => organById(id).name.toLowerCase().split(' ').includes(word));
    if (ids.length > 0) return ids;
  }
  // "the option whose name has a double e" (spleen), "…both a double l and a double d" (gallbladder)
  const doubled =
    /\b(?:options?|organs?|ones?)\b[^.?!]{0,60}?\bnames? (?:has|have|contains?|includes?|with)(?: both)? (?:an? )?double ([a-z])\b(?: and (?:an? )?double ([a-z])\b)?/i.exec(
      question,
    );
  if (doubled) {
    const pairs = doubled
      .slice(1)
      .filter((l): l is string => l !== undefined)
      .map((l) => l.toLowerCase().repeat(2));
    const ids = all.filter((id) => pairs.every((p) => organById(id).name.toLowerCase().includes(p)));
    return ids.length > 0 ? ids : undefined;
  }
  // "all options whose names begin with 'Left'": the names that start with that word.
  const firstWord =
    /\b(?:options?|organs?|ones?)\b[^.?!]{0,60}?\b(?:names? |(?:that|which) )?(?:starts?|begins?|starting|beginning) with (?:the word )?['"‘“]([a-z]{2,})['"’”]/i.exec(
      question,
    )?.[1];
  if (firstWord) {
    const ids = all.filter(
      (id) => organById(id).name.toLowerCase().split(' ')[0] === firstWord.toLowerCase(),
    );
    return ids.length > 0 ? ids : undefined;
  }
  // "Which organ in the list has the longest one-word name?"
  const extreme = /\b(longest|shortest) (?:one[- ]word )?name\b/i.exec(question)?.[1];
  if (extreme) {
    const oneWord = all.filter((id) => /^[a-z]+$/i.test(organById(id).name));
    const lengths = oneWord.map((id) => organById(id).name.length);
    const best = /^longest$/i.test(extreme) ? Math.max(...lengths) : Math.min(...lengths);
    return oneWord.filter((id) => organById(id).name.length === best);
  }
  // "the option labelled with the first letter of the word kidney": that letter's option.
  const initialOf = /\bfirst letter of (?:the word )?['"‘“]?([a-z]+)['"’”]?/i.exec(question)?.[1];
  // (not "…the first letter of its own name", which compares each option with itself)
  if (
    initialOf &&
    !/^(?:its|their|his|her|the|own|each)$/i.test(initialOf) &&
    /\b(?:options?|letters?|labell?ed)\b/i.test(question)
  ) {
    const letter = initialOf[0]?.toUpperCase() ?? '';
    if (letter === 'N') return [];
    if (letter >= 'A' && letter <= 'M') return [organByLetter(letter as OrganLetter).id];
  }
  // "the options whose letters are also Roman numerals": C, D, I, L and M.
  if (
    /\bletters? (?:are|is|that are|which are|double as|also (?:are|serve as)) (?:also )?(?:valid )?roman numerals?\b/i.test(
      question,
    )
  )
    return all.filter((id) => 'CDILM'.includes(organById(id).letter));
  // "which name has exactly six letters?" (one-word names: the spleen)
  // ("…have names exactly five letters long")
  const length =
    /\b(?:one[- ]word )?(?:options?|ones?|organs?) (?:that are|which are|of) (?:exactly |just |only )?([a-z]+|\d+) letters(?: long)?\b|\bnames? (?:(?:has|have|with|of|is) (?:exactly |just |only )?([a-z]+|\d+) letters\b|(?:is|are) (?:a )?single words? of (?:exactly |just |only )?([a-z]+|\d+) letters\b|(?:is|are) (?:a )?single ([a-z]+|\d+)[- ]letter words?\b|(?:that are |of |are |is )?(?:exactly |just |only )?([a-z]+|\d+) letters long\b)/i
      .exec(question)
      ?.slice(1)
      .find((g) => g !== undefined);
  const letterCount = length && (COUNT_WORDS.get(length.toLowerCase()) ?? Number(length));
  if (letterCount) {
    const ids = all.filter(
      (id) => /^[a-z]+$/i.test(organById(id).name) && organById(id).name.length === letterCount,
    );
    return ids.length > 0 ? ids : undefined;
  }
  // "the one whose name comes last in alphabetical order": the options' names sorted A to Z.
  const alphabetical = ALPHABETICAL_END.exec(question);
  if (alphabetical) {
    const sorted = [...all].sort((a, b) => organById(a).name.localeCompare(organById(b).name));
    const end = (alphabetical[1] ?? alphabetical[2] ?? alphabetical[3] ?? '').toLowerCase();
    const id = end === 'first' ? sorted[0] : sorted[sorted.length - 1];
    return id === undefined ? undefined : [id];
  }
  // "every option whose name starts with the letter L": Liver, Left adrenal, Left kidney.
  // ("the options that start with L": a name, not the letter L itself, which starts with nothing)
  const initial =
    /\b(?:options?|organs?|ones?)\b[^.?!]{0,60}?\b(?:names? |(?:that|which) )?(?:starts?|begins?|starting|beginning) with ((?:the letters? |an? |the )?['"‘“]?[a-z]['"’”]?(?:\s*(?:,|or|and|\/)\s*(?:the letter |an? )?['"‘“]?[a-z]['"’”]?)*)(?![\w'’-])/i.exec(
      question,
    )?.[1];
  if (initial) {
    const letters = initial
      .toLowerCase()
      .split(/\s*(?:,|\bor\b|\band\b|\/)\s*/)
      .map((part) => part.replace(/^(?:the letters? |an? |the )/, '').replace(/['"‘’“”]/g, ''))
      .filter((part) => part.length === 1);
    const ids = all.filter((id) => letters.some((l) => organById(id).name.toLowerCase().startsWith(l)));
    return ids.length > 0 ? ids : undefined;
  }
  const nameWords = (id: OrganId) => organById(id).name.toLowerCase();
  // "Show every option whose name ends in the letter s": Pancreas, Esophagus.
  const last =
    /\b(?:options?|organs?|ones?)\b[^.?!]{0,60}?\bnames? (?:that )?(?:ends?|ending) (?:in|with) (?:the letters? |an? )?['"‘“]?([a-z]{1,3})['"’”]?(?![\w'’-])(?!\s+vowels?\b)/i.exec(
      question,
    )?.[1];
  if (last) {
    const ids = all.filter((id) => nameWords(id).endsWith(last.toLowerCase()));
    return ids.length > 0 ? ids : undefined;
  }
  // "every organ option whose name has no letter e": the names without it.
  const missing =
    /\bnames? (?:has|have|with|contains?) no (?:letter )?['"‘“]?([a-z])['"’”]?(?![\w'’-])|\bnames? (?:without|lacking) (?:an? |the )?(?:letter )?['"‘“]?([a-z])['"’”]?(?![\w'’-])/i
      .exec(question)
      ?.slice(1)
      .find((g) => g !== undefined);
  if (missing) {
    const ids = all.filter((id) => !nameWords(id).includes(missing.toLowerCase()));
    return ids.length > 0 ? ids : undefined;
  }
  // "every one whose name contains the letter 'h'": the names holding it.
  const held =
    /\b(?:options?|organs?|ones?)\b[^.?!]{0,60}?\bnames? (?:contains?|includes?|has|have|with) (?:the letter |an? |the )['"‘“]?([a-z])['"’”]?(?![\w'’-])/i.exec(
      question,
    )?.[1];
  if (held) {
    const ids = all.filter((id) => nameWords(id).includes(held.toLowerCase()));
    return ids.length > 0 ? ids : undefined;
  }
  // "the options whose names have the same letter twice in a row": Spleen, Gallbladder.
  if (
    /\b(?:options?|organs?|ones?)\b[^.?!]{0,60}?\bnames? (?:has|have|with|contains?|includes?) (?:the same letter twice in a row|an? (?:doubled|double|repeated) letter|(?:doubled|double|repeated) letters)\b/i.test(
      question,
    )
  )
    return all.filter((id) => /([a-z])\1/.test(nameWords(id)));
  // "every organ option whose name is more than one word"
  if (
    /\bnames? (?:is|are|has|have|with|of|that (?:is|are|has|have)) (?:more than one word|two or more words|at least two words|several words|multiple words)\b|\bmulti ?word names?\b/i.test(
      question,
    )
  )
    return all.filter((id) => organById(id).name.includes(' '));
  const named =
    /\b(?:every|all|each|the|which|what) (?:of the )?(?:options?|organs?|ones?)\b[^.?!]{0,60}?\b(?:has|have|contains?|includes?|with) ['"‘“]?([a-z]+)['"’”]? in (?:its|their|the) (?:names?|labels?)(?: (?:on|in|from) (?:your|ur|the) (?:list|options))?(?:\s*(?:please|pls|thanks))?\s*[.!?]*\s*$/i.exec(
      question,
    )?.[1];
  if (!named) return undefined;
  const word = named.toLowerCase();
  const ids = all.filter((id) => organById(id).name.toLowerCase().split(' ').includes(word));
  return ids.length > 0 ? ids : undefined;
}
const LIGHT_UP =
  /^((?:(?:ok|okay|so|now|just|please|pls|can you|could you|can u)[,\s]+)*)light (?:up|them up)\b/i;
/** "…and, now I think about it, the one that stores glycogen": an aside after a conjunction. */
const AFTERTHOUGHT =
  /\b(and|plus|also)\s*,?\s*(?:now (?:that )?i think (?:about|of) it|come to think of it|on second thoughts?|while (?:you(?:'|’)?re|you are) at it|thinking about it)\s*,\s*/gi;
/** "Which organ produces the bile (not the one that stores it)?": a described organ ruled out. */
const NOT_THE_ONE =
  /(?<=\w)(?<!\b(?:is|are|was|were|s))\s*[,(—–-]?\s*\(?(?:but |and )?(?:not|rather than|as opposed to|instead of) the (?:one|organ|gland) (?:that|which) [^.?!)]*\)?/gi;
/** "the left kidney and the right": the other side's organ left unsaid. */
const OTHER_SIDE_ELIDED =
  /\b(left|right) (kidney|adrenal(?: gland)?) (and|&|plus) (?:the )?(left|right)(?= ?(?:one\b|pls\b|please\b|plz\b|too\b|[.?!,;]|$))/gi;
/** "Glisson's capsule invests which organ?": a sheath that invests an organ covers it. */
const INVESTS = /\binvest(s|ed|ing)?\b/gi;
const SHEATH_WORD = /\b(?:capsules?|fascia|peritoneum|membranes?|layers?|sheaths?|serosa|omentum)\b/i;
/** "what organ secretes stomach acid": the acid is named by its maker, which is asked for. */
const MAKER_NAMED_ACID =
  /\b(secretes?|secreting|makes?|making|produces?|producing|pumps?|pumping) (?:the )?stomach acid\b/gi;
/** "where does the common bile duct dump into?": dumping into is draining into. */
const DUMPS_INTO = /\bdump(s|ed|ing)? (?:out )?in ?to\b/gi;
const CONTINUES_INTO =
  /\b(?:continues|leads|passes) (?:on )?in ?to\b(?= (?:which|what) (?:organ|part|bowel|one|option)\b)|\bjoins\b(?= (?:which|what) (?:organ|part|bowel|one|option)\b)/gi;
/** "The spleen stores bile, right? Show me the organ that actually stores it.": "it" is the bile. */
const SUBSTANCE_THEN_IT = new RegExp(
  `\\b(${SUBSTANCE_NAMES})\\b([^.?!]{0,120}(?:[.?!]+|\\s*[—–]+\\s*|\\s-+\\s|;)[^.?!]{0,120}?\\b(?:makes?|produces?|stores?|secretes?|releases?|concentrates?|really does|actually does) )it\\b`,
  'i',
);
/** "I have 5 gb of data": gigabytes, not the gallbladder. */
const DATA_SIZE = /\b(\d+(?:\.\d+)?) ?(?:gb|mb|kb|tb)\b/gi;
const NO_EXCEPTIONS = /,?\s*(?:with )?no exceptions?\b/gi;
const NATO_LETTER =
  /\b([A-M]) (?:for|as in) (alpha|alfa|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliet|juliett|kilo|lima|mike)\b/gi;
const DOOR_NUMBER = /\bdoor (?:number |no\.? )?([A-M])\b/g;
const SIDE_BY_ORGAN =
  /\b(?:(?:on|to|at) )?(?:the )?(?:same )?side (?:of|as) (?:the )?(liver|spleen|stomach|gall ?bladder)(?:(?: and| or| \/) (?:the )?(?:liver|spleen|stomach|gall ?bladder))?\b|\b(?:(?:on|to|at) )?the (liver|spleen|stomach|gall ?bladder)(?:'s|’s|s)? side\b(?! by)/gi;
const RIGHT_SIDED_ORGAN = /^(?:liver|gall ?bladder)$/i;
/** "ampulla of Vater - outline just that", "the SMA: show it please" */
const NAMED_THEN_POINTED =
  /^([^?.!,;:—–-]+?)\s*(?:\s-|—|–|:)\s*(?:please |pls |can you |could you |can u )?(outline|show|highlight|segment|mark|contour|circle|trace)(?: me| us)? (?:just |only )?(?:that|it|this)(?: one| thing)?(?: only| please| pls| thanks)?\s*[.!]*\s*$/i;
/** "go back to the first one I said", "revert to the original": the first request stands. */
const BACK_TO_FIRST =
  /\b(?:go back to|back to|revert to|return to|stick with|stay with|keep) (?:the|my) (?:first|original|initial) (?:one|choice|request|pick|organ)(?: i (?:said|asked for|asked|named|mentioned|picked|wanted))?(?: after all)?\s*[.!]*\s*$/i;
const FIRST_CORRECTION =
  /\b(?:actually|no|nope|wait|sorry|hmm|scratch that|make (?:it|that)|i mean|i meant)\b/i;
/** "the kidney that has it", "the adrenal with it": the one of a pair a story placed something in. */
const HOLDER_OF_IT =
  /\bthe (kidney|adrenal|adrenal gland) (?:(?:that|which) (?:has|had|contains|holds|harbou?rs|is harbou?ring|is holding) (?:it|them|that|this)|(?:with|containing|harbou?ring|holding) (?:it|them|that|this))(?![\w'’-])/i;
/** "the IVC's hepatic segment", "the aorta's infrarenal part" (see its use). */
const OWNED_SEGMENT =
  /\b(?:the )?(ivc|aorta|inferior vena cava|vena cava|cava|o?esophagus|duodenum)['’]s ([a-z]+ )?(segment|part|portion|section)\b/i;
const EMOJI_BEFORE_REQUEST =
  /(?:\p{Extended_Pictographic}|\u{FE0F})+\s+(?=(?:pls |please |can you |could you |just |now )?(?:show|outline|highlight|mark|segment|circle|trace|draw|contour)\b)/giu;
/** An emoji and a few small words closing the message. */
const EMOJI_THEN_CHATTER =
  /\s*(?:\p{Extended_Pictographic}|\u{FE0F})+\s+((?:[a-z']+ ){0,5}[a-z']+)\s*[.!]*$/u;
/** Words that keep such a tail: it asks, takes back, narrows or names a side or letter. */
const CHATTER_KEEPS =
  /\b(?:not|no|except|but|only|just|and|also|plus|without|skip|drop|left|right|both|one|which|what|where|show|outline|highlight|mark|segment|instead|actually|wait|sorry|mean|meant)\b/;
const SUPRARENAL_LEVEL =
  /\bsuprarenal (aorta|abdominal aorta|ivc|vena cava|segment|portion|part|level|aneurysm|aaa)\b/gi;
const TYPING_APOLOGY =
  /(?:^|(?<=[.!?,]\s?))\s*(?:sorry|soz|sry|srry|apologies)[,]? (?:(?:i m|i'm|i’m|im|am) )?(?:typing|on (?:my )?(?:phone|mobile)|one[- ]hand(?:ed)?|driving|in a (?:rush|hurry)|busy|tired)\b[^.?!]*[.!?]*\s*$/i;
const NOT_THE_THING =
  /(?:\s*[,;:—–-])?\s*\b(?:but )?not the (?:[a-z]+ )?(?:tube|tubes|shunt|stent|stents|drain|drains|catheter|filter|device|line|wire|scope|needle|coil|coils|clip|clips|graft|port|balloon|tract|stone|stones|gallstones?|calculi|calculus)(?: itself| themselves)?\b(?=(?:\s+(?:lol|lmao|haha|pls|please|plz|thx|thanks|ty))*\s*(?:[,;:.!?—–-]|$))/gi;
const ORGAN_ASKED_FOR = /\b(?:the|which|what) (?:organ|gland|organs|glands)\b/i;
const TIRED_ASIDE =
  /(?<=[.!?,;]\s?)\s*(?:(?:i ?(?:ve|'ve|’ve|have) |i ?(?:m|'m|’m|am) )?been (?:staring at|looking at|reading|scrolling through) (?:this|these|it|scans?|the screens?|screens?|images?)|(?:it s|it's|it’s|its) been a long (?:day|shift|night)|long (?:day|shift|night)|(?:my )?brain (?:is |s |'s |’s )?(?:fried|mush|dead))\b[^.?!]*[.!?]*\s*$/i;
const LITERALLY_ALL = /\bliterally (?=(?:every|all|everything)\b)/gi;
const EVERY_TYPO = /\b(?:evry|evrey|everey|evey|eveyr|ever)(?= (?:organ|organs|option|options|single)\b)/gi;
const COLOUR_IN =
  /(?<=^\s*|[,.;:!?—–-]\s*|\b(?:pls|please|plz|can you|could you|can u|could u|just|and|then|now|to|u|you|me|i ll|i'll)\s)(?:colou?r|shade|fill|paint) in (?=(?:the|all|every|everything|both|each|options?|letters?|[A-Ma-m])\b)/gi;
/** "right (radical) nephrectomy … the remaining organ": one of a pair removed, the other asked for. */
const REMOVED_THEN_REMAINING =
  /\b(left|right)(?:[ -](?:sided|radical|partial|simple|laparoscopic|lap|open|donor))* (nephrectomy|adrenalectomy)\b(?!.*\b(?:both|bilateral|and (?:the )?(?:left|right))\b).*\b(?:(?:remaining|other|surviving|contralateral|leftover|opposite) (?:organ|one|kidney|gland|adrenal)\b|(?:kidney|adrenal|gland|one) (?:does|do) (?:she|he|they|i|you|we|the patient) still have\b)/i;
/** Two or more small option letters opening a message ("e f and …", "a, i plus …", "c d k m — …"). */
const SMALL_LETTER_RUN = /^\s*([a-m](?:(?:\s*,\s*|\s+(?:and|&|\+|n)\s+|\s+)[a-m])+)(?=[\s,.…!?—–-]|$)/;
const SMALL_LETTER_RUN_LATER = /\b[a-m](?:(?:\s*,\s*|\s+(?:and|&|\+|n)\s+)[a-m])+\b/g;
/** "both adrenals, but only the left one" */
const BOTH_BUT_ONE_SIDE =
  /\bboth (kidneys|adrenals|adrenal glands|suprarenals|suprarenal glands)\b,? but (?:only|just) the (left|right)(?: one| side|(?=\s*(?:[.,!?]|$|please\b|pls\b)))/i;
/** "…, then drop the one on the liver's side" (a named organ with such a side is read where it stands) */
const ON_ORGANS_SIDE =
  /\bthe (one) on the (liver|gallbladder|duodenum|ivc|cava|spleen|stomach|aorta)(?:'s|’s| s) side\b/i;
/** "among the organ options A to M, …" (followed by a pick) */
const AMONG_ALL_OPTIONS =
  /\b(among|of|from) (?:the )?(?:organ )?options? A (?:to|through|thru|-|–) M\b,?\s*(?=[\s\S]*\b(?:every|each|those|ones?|which|whose|lettered|how many)\b)/i;
/** "opt. c", "opt d" (see resolveMessage) */
const OPT_ABBREVIATION = /\bopts?\.?\s+(?=[a-mA-M]\b)/i;
/** "the organ in the third position of the option list", "the one in 5th place on the list" */
const OPTION_POSITION =
  /\bthe (?:organ|option|one|entry|item) (?:in|at) (?:the )?([a-z0-9]+) (?:position|place|spot|slot)(?: (?:of|in|on) (?:the|your) (?:option |options )?list)?/i;
/** "option k... typo, meant l" (see resolveMessage) */
const OPTION_SMALL_MEANT =
  /\b([Oo]ptions?\s+)([a-m])\b([^a-z]*(?:[a-z]+[^a-z]+){0,2}?(?:(?:i\s+)?meant|no wait|wait|sorry|actually|i mean|make (?:that|it))[,.]?\s+(?:option\s+)?)([a-m])\b(?=\s*(?:[.!?,]|$|pls\b|please\b|thanks\b))/;
const SMALL_LETTER_SWAPPED = /\b(change|switch|swap|replace)\s+([a-m])\s+(to|for|with|into)\s+([a-m])\b/gi;
const LETTER_RELATIVE_SMALL = /(\bletter (?:after|before) )([a-m])\b/g;
const JUST_CLOSING_REQUEST =
  /(?:[.!?,;:—–-]|\p{Extended_Pictographic}|\u{FE0F})\s*(?:(?:pls|please|plz|so|ok|okay|anyway|anyways|anyhow)\s+)*just (?:outline|show|highlight|mark|segment|trace|circle)(?: me)? ((?:the |my |that )?[a-z]+(?: [a-z]+)?)(?=\s*(?:pls|please|plz|thanks|thx)?\s*(?:[.!]|$|\s+(?:so|because|bc|cos|cause|for|lol|haha)\b))/iu;
const REQUEST_VERB = /\b(?:outline|show|highlight|mark|segment|trace|circle|label|contour)\b/i;
const FROM_LAST =
  /\b(second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th)[- ]to[- ]last\b|\b(last but one)\b/gi;
/** The option counted from the end of the 13 ("the fourth-to-last" is the tenth). */
const FROM_LAST_ORDINAL: Record<string, string> = {
  second: 'twelfth',
  '2nd': 'twelfth',
  third: 'eleventh',
  '3rd': 'eleventh',
  fourth: 'tenth',
  '4th': 'tenth',
  fifth: 'ninth',
  '5th': 'ninth',
  sixth: 'eighth',
  '6th': 'eighth',
};
const ALSO_AFTER_QUESTION =
  /(\?)\s*(also|and also|oh and|plus)\s+(?!(?:show|outline|highlight|mark|segment|trace|circle|label|draw|which|what|where|how|why|who|is|are|can|could|would|do|does|did|i|you|u|we|it|that|this)\b)(?=[a-z])/gi;
const OPTION_BETWEEN_NAMES =
  /\b(?:option|options|one|ones|letter|letters)\b[^.?!]{0,30}?\bbetween (?:the )?([a-z][a-z ]{1,30}?) and (?:the )?([a-z][a-z ]{1,30}?) (?:in|on) (?:your|ur|the) (?:list|options|choices)\b/i;
const THING_IS_BLANK =
  /^\s*(the [^?]+?)\s+(?:is|are)\s+(?:called\s*|known as\s*|termed\s*)?(?:the\s*)?(?:\.{2,}|…|_{2,})\s*\??\s*$|^\s*(the [^?]+?)\s+(?:is|are)\s+(?:called|known as|termed)\s*\??\s*$/i;
const DONE_THEN_OTHER =
  /(?:^\s*(?:did|done|outlined|traced|drew|labelled|labeled|marked|segmented|contoured)|\balready (?:did|done|outlined|traced|drew|drawn|labelled|labeled|marked|segmented|contoured)|\b(?:i ve|i've|i’ve|ive|i have|i) (?:already )?(?:did|done|outlined|traced|drew|drawn|labelled|labeled|marked|segmented|contoured))(?: the)? (left|right) (kidney|adrenal(?: gland)?)\b(?:(?!\b(?:and|plus|also|left|right|which|what)\b)[^?])*?\b(?:the other (?:one|side|kidney|adrenal)|the opposite (?:one|side)|the other)\b(?:\s+(?:pls|please|plz|thanks|now|too))*\s*[.!]*\s*$/i;
const FORGET_EARLIER =
  /^\s*(?:(?:ok|okay|right|so|new plan)[,.!]?\s+)?(?:forget|ignore|disregard|scrap)\s+(?:everything|all(?: of)? (?:that|this)|what)\s+(?:i|we)(?:\s+(?:just|have|ve))?\s+(?:asked(?: for)?|said|wrote|typed|requested)(?:\s+(?:before|earlier|so far|above|previously|up to now))?\s*(?:[,.;:!—–-]+\s*|\s+(?:and|then)\s+)/i;
/** "the option three letters before M" (one option; "the three options before M" is a run). */
const OPTION_NUMBER_ON_LIST =
  /\b(?:[Nn]o\.?|[Nn]umber|#|[Aa]nswer|[Ii]tem|[Ee]ntry)\s*(\d{1,2})(?=\s+(?:on|in|from|of)\s+(?:your|the|ur|this)\s+(?:list|options|choices)\b)/g;
const OPTION_HALFWAY =
  /\b(?:the )?(?:organ (?:at|with) the )?(?:(?:letter|option|one)(?: (?:that|which))?(?: (?:is|sits|lies|falls))? (?:exactly |right |precisely |just )?(?:halfway|midway|in the (?:exact |very )?middle) (?:between|of|from)|middle (?:letter|option|one) (?:of|between|from)|(?:option|letter|one) (?:lettered |labell?ed )?between) ([A-M]) (?:and|to|through|thru|-) ([A-M])(?![\w'’-])/gi;
const ORGAN_LETTER_MOVED = new RegExp(
  String.raw`\b(?:(?:take|use|start (?:at|from|with)) )?the (?:(${OPTION_NAMES})(?:'s|’s| s) letter|letter of the (${OPTION_NAMES})),? (?:and |then )?(?:go|move|step|count|shift|jump) (?:(back|backwards?|forwards?|on|ahead|up|down) (one|two|three|four|five|six|1|2|3|4|5|6)(?: (?:letters?|places?|steps?|spots?))?|(one|two|three|four|five|six|1|2|3|4|5|6)(?: (?:letters?|places?|steps?|spots?))? (back|backwards?|forwards?|on|ahead|up|down))`,
  'gi',
);
const OPTION_THEN_IT =
  /(?<=\b(?:[Oo]ption|[Ll]etter)\s+)([A-M])(?![\w'’-])((?:[^.?!]|[.?!]+\s+(?=\w)){1,50}?\b(?:before|after|next to|beside) )(?:it|that one|that)\b/g;
/** "the options immediately before and after the stomach('s letter)", "the letters either side of K" */
const AROUND_OPTION = new RegExp(
  String.raw`\b(?:the )?(?:options?|letters?|ones?|organs?)(?: (?:lettered|listed|placed|that (?:come|sit|are)))? (?:right |just |immediately |directly )?(?:(?:just |immediately |directly )?before and (?:just |immediately |directly )?after|(?<=(?:option|options|letter|letters) )(?:on )?either side of) (?:(?:the )?(${OPTION_NAMES})(?:(?:'s|’s| s) (?:letter|option))?|(?:the )?(?:letter |option )?([B-L]))(?![\w'’-])`,
  'gi',
);
const OPTION_PLACES_AWAY =
  /\b(?:the )?(?:(?:option|letter|one|organ)(?: (?:that|which))?(?: (?:comes|is|sits|falls|lies))?|(?:organ|one) whose (?:option )?letter (?:comes|is|sits|falls))\s+(one|two|three|four|five|six|1|2|3|4|5|6)\s+(?:(?:letters?|places?|spots?|steps?|positions?)\s+)?(before|after)\s+([A-M])(?![\w'’-])/gi;
/** Elements whose symbol is one option letter (see `optionsBySpelling`). */
const SYMBOL_OF_ELEMENT: Record<string, string> = {
  boron: 'B',
  carbon: 'C',
  fluorine: 'F',
  hydrogen: 'H',
  iodine: 'I',
  potassium: 'K',
  nitrogen: 'N',
};
/** Roman numerals that are one option letter. */
const ROMAN_NUMERAL: Record<string, string> = {
  one: 'I',
  '1': 'I',
  fifty: 'L',
  '50': 'L',
  hundred: 'C',
  'one hundred': 'C',
  'a hundred': 'C',
  '100': 'C',
  'five hundred': 'D',
  '500': 'D',
  thousand: 'M',
  'one thousand': 'M',
  'a thousand': 'M',
  '1000': 'M',
};
/** A capital letter where an organ's name would stand, after a place word or before "'s". */
const LETTER_AS_NAME =
  /(?<=\b(?:[Oo]f|[Oo]n|[Oo]nto|[Ii]nto|[Bb]ehind|[Bb]eside|[Nn]ear|[Aa]bove|[Bb]elow|[Uu]nder|[Bb]eneath|[Oo]ver|[Tt]ouching|[Tt]ouches|[Hh]ugging|[Hh]ugs|[Ss]upplies|[Ii]nside|[Dd]rains)\s)(?:(?:option|letter)\s)?([B-HJ-M])(?=['’]s\s+[a-z]|\s*[?!;:]|\s*$|,\s|\.\s+[A-Z]|\.\s*$)/g;
/** "whatever the stomach empties into", "whatever the bile duct opens into": an organ described. */
const WHATEVER_CLAUSE =
  /\bwhatever (?=(?:the|a|an|this|that|my|your) (?:[a-z]+ ){0,2}(?:empties|empty|drains|drain|opens|open|sits|sit|lies|lie|feeds|feed|passes|pass|runs|run|joins|join|leads|lead|connects|connect|supplies|supply)\b)/gi;
/** "What lies just below …", "what sits behind …" (see its use). */
const WHAT_PLACED =
  /(^\s*|[.?!]\s+)what (?=(?:lies|sits|rests|perches|runs|passes|is found|is located|is situated|is placed|hides|nestles|lies tucked)\s+(?:(?:just|directly|immediately|right|partly|partially|mostly|tucked|snugly)\s+)?(?:below|under|underneath|beneath|above|over|behind|in front of|beside|next to|alongside|between|on top of|atop|medial to|lateral to|anterior to|posterior to|to the (?:left|right) of)\b)/gi;
/** "B's twin", "G's partner": the other of a pair by its letter. */
const LETTER_TWIN =
  /\b([BGHM])['’]s (?:mirror[- ]?image |contralateral |opposite )?(?:twin|partner|counterpart|mirror image|pair)\b(?: (?:on|from) the (?:other|opposite) side\b)?/g;
/** "Whatever K empties into": the letter, then what it does. */
const WHATEVER_LETTER_DOES = /\b[Ww]hatever ([B-HJ-M]) (?=[a-z]{3,}s\b)/g;
/** "…liver laceration plus a shattered spleen. Which organs are injured?": every site the case names. */
const SITES_ASKED =
  /(?<=[.:;!?]\s*)(?:(?:which|what) (?:organs|options|structures)(?: (?:are|were|have been|is))? (?:injured|damaged|diseased|affected|involved|abnormal|enlarged|lacerated|ruptured|hit|hurt)|(?:tick|mark|pick|choose|select|outline|highlight) (?:every|each|all(?: the)?) (?:organs?|options?) (?:involved|affected|injured|diseased|hit))\s*[?.!]*\s*$/i;
/** Findings that sit in an organ ("an adenoma in the right adrenal gland"; see `applyLesionSite`). */
const LESION_WORDS = new Set(
  'mass masses adenoma adenomas tumour tumor tumours tumors cyst cysts stone stones calculus calculi laceration lacerations lesion lesions nodule nodules abscess infarct infarcts infarction carcinoma cancer haematoma hematoma rupture tear injury polyp polyps ulcer ulcers metastasis metastases mets lymphoma incidentaloma phaeochromocytoma pheochromocytoma thrombus clot aneurysm dissection cysts collection sludge wall thickening'.split(
    ' ',
  ),
);
const SITE_PREPOSITIONS = new Set(['in', 'of', 'within', 'involving', 'from', 'on', 'inside', 'throughout']);
/** "the letter before b", "the one after l" anywhere, the small letter closing its phrase. */
const LETTER_RELATIVE_SMALL_ANY =
  /(\b(?:letter|letters|option|options|one|ones) (?:(?:right|just|immediately|directly|two|three) )?(?:after|before) )([a-n])(?=\s*(?:[,.…!?;—–-]|$|\s+(?:and|pls|please|plz|too|instead|then|lol)\b))/g;
/** "a thru f minus the kidney", "options from k to the end": a small-letter range opening a message. */
const SMALL_RANGE_FIRST =
  /^\s*(?:(?:just|only|pls|please|show|outline|highlight|label|circle|options?|letters?|can you|could you|can u|do)\s+)*(?:from\s+)?([a-m])\s*(?:thru|through|to|till|until|-|–)\s*(?:([a-m])\b|the end\b|the last\b)(?![\w'’])/;
/** ("d and l... scratch d", "k and i, oh and also a": one letter after a take-back or an addition) */
const LETTER_AFTER_VERB_SMALL =
  /(\b(?:scratch|drop|remove|skip|just|only|also|plus|add|minus|not|no|without|except|undo|cancel|lose|ditch|nix|and)\s+)([a-m])(?=\s*(?:[,.…!?—–-]|$|\s+(?:pls|please|too|as well|instead|only|and|then)\b))/g;
/** Every organ asked for, then a reason or a joke (see its use). */
const ALL_THEN_CHATTER =
  /^\s*((?:(?:pls |please |can you |could you |can u )?(?:show|outline|highlight|do|segment|mark|give|label|circle)(?: me)? )?(?:every option|every organ|everything|all 13|all thirteen|all of them|all organs|all the organs|all (?:the )?options|all 13 organs))(?:\s+(?:lol|lmao|haha|pls|please|plz|ty|thx))*(?:\s*(?:[,;:!—–-]|\p{Extended_Pictographic}|\u{FE0F})+\s*|\s+(?=(?:for|cos|coz|because|since|as|so) (?:my|a|an|the|our|i|we)\b)|\s+(?=(?:bc|b\/c|cuz|coz|cause|cos) )|\s+(?=(?:on|in) (?:this|the) (?:slice|image|scan|pic)\b))(\S.*)$/iu;
const CHATTER_EXCEPTS =
  /\b(?:except|but|not|no|minus|without|apart|only|just|drop|skip|leave|lose|remove|ditch|besides|other than|instead|which|what|where|how|why)\b|\b[A-M]\b/;
/** Cells named, then asked for themselves ("…, can u show them", "outline those cells specifically"). */
const CELLS_ASKED =
  /^\s*(?:the\s+)?(?:[a-z]+\s+)?(?:cells|islets(?: of langerhans)?)\b[^.?!]*?\b(?:show|outline|highlight|mark|segment|seg|circle|colou?r|draw)(?: in)?(?: me)? (?:them|those|these)(?: (?:specifically|only|themselves|lol|pls|please|for me))*\s*[.!?]*\s*$|\b(?:show|outline|highlight|mark|segment|circle)(?: me)? (?:those|these|the) cells(?: (?:specifically|only|themselves))?\s*[.!?]*\s*$/i;
/**
 * Runs of spaces and blank lines read as one, and a run of four or more stops and commas as one
 * pause: 4,000 spaces took over 50 s and 2,000 characters of ". . ." 16 s in the rewordings, whose
 * patterns may start anywhere in a run.
 */
function collapseRuns(text: string): string {
  return text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\n ]*/g, '\n')
    .replace(/(?:[.,;:!?…—–] ?){4,}/g, '… ');
}
/** "…, so swap it for the duodenum": what was named last, replaced. */
const REPLACE_IT =
  /[,;]?\s*\b(?:(?:and |then |now |so |pls |please )*)(?:replace|swap|switch|exchange|trade) (?:it|that|this)(?: out)? (?:with|for) /i;
const PAIR_ONE_PUT_BACK =
  /\b(kidneys|adrenals|adrenal glands|suprarenals)\b([^?]*?\b(?:include|add|keep|put back|bring back|add back|put|bring)\s+(?:the\s+)?)(left|right) one\b/gi;
const POLITE_THEN_CLAUSE =
  /\b(pls|please|plz|thx|thanks|ty) (?=(?:i m|i'm|i’m|im|i am|i ve|i've|ive|cos|coz|cause|because|bc|making|doing|gonna|for my|for a)\b)/gi;
const LETTERED = /\b(?:the )?(?:one|option|choice) lettered ([A-M])\b/g;
const WHICH_TYPO = /\b(?:whcih|wich|whihc|whic|wihch|whch|whichh|wchich)\b/gi;
const ALL_THEN_NOT =
  /^(\s*(?:(?:pls |please |can you |could you |can u )?(?:show|outline|highlight|do|segment|mark|give)(?: me)? )?(?:everything|all (?:the )?organs|all of them|every organ|all 13|all thirteen|all (?:the )?options|every option))\s*[.,;:!…—–-]+\s*(?:(?:wait|hmm|oh|actually|but|ok|okay|umm?|erm?|(?:with )?(?:one|an|1|a single) exception)[,.:…]?\s+)*(?:not|minus|without|no(?= (?!(?:wait|sorry|actually|scratch|the|no|never|way|need|problem|idea|worries|rush)\b)))\s+(?!(?:sure|really|yet|now|just|only)\b)/i;
const CAVA_IN_LIST =
  /(?<=\b(?:drop|remove|skip|minus|without|except|and|n|&|plus|\+|also|add|show|outline|highlight|segment|mark)\s+(?:the\s+)?)cava\b(?!\s+(?:sign|filter|thrombus|clot|tumou?r|compression)\b)/gi;
const EVERYTHING_TYPO =
  /\b(?:everthing|evrything|everyting|eveything|everythin|everythng|evrythin|evrythng|everyhting|everyhing)\b/gi;
const CHAT_AND = /\b([a-z]{2,}) n (?=(?:the )?[a-z]{2,})/g;
/** Words after which "n" is the option N, not "and" ("everything except N"). */
const BEFORE_OPTION_N = new Set(
  'except but minus not without and or plus option options letter letters excluding than'.split(' '),
);
/** "a thru d", "b-e": a message that is only a range of options in small letters. */
const SMALL_LETTER_RANGE =
  /^\s*(?:(?:just|only|pls|please|show|outline|highlight|options?|letters?|can you|could you|can u|do)\s+)*([a-m])\s*(?:thru|through|to|-|–)\s*([a-m])\s*(?:(?:pls|please|plz|thanks|thx|ta|cheers)\b[\s,.!]*)?(?:(?:all )?(?:in one|on one|in a single|on a single) (?:pic|picture|image|go|slide)\s*)?[.!]*\s*$/;
/** "whichever organ really stores it, outline that one" (see its use) */
const WHICHEVER_REALLY =
  /\bwhichever (organ|kidney|adrenal|gland|one|vessel)\s+(?:really|actually|truly|in fact|in reality)\s+([^,.;!?]+?)\s*[,;—–-]?\s*(?:please |pls |just |go ahead and |can you )?(?:outline|show|highlight|mark|segment|contour)\b[^.?!]*[.!]?\s*$/i;
/** "…. Outline whichever kidney really sits lower." */
const WHICHEVER_ASKED =
  /\b(?:outline|show|highlight|mark|segment|contour)(?: me)? whichever (organ|kidney|adrenal|gland|one|vessel)\s+(?:really|actually|truly|in fact|in reality)\s+([^,.;!?]+?)\s*[.!]?\s*$/i;
/** "my textbook claims the left kidney sits lower than the right." */
const CLAIMED =
  /\b(?:says?|said|claims?|claimed|thinks?|reckons?|insists?|insisted|wrote|writes|told me|swears?)\s+(?:that\s+)?(?:the\s+)?((?:left |right )?[a-z]+(?: gland| bladder)?)\s+([^.;!?]+)[.;!?]/i;
const LEAVES_SOME_OUT =
  /\b(?:which|what|whats|how|where|why|who|whose|except|but|other than|apart|minus|besides|excluding|without|not|none|don t|dont|bar|save)\b/;
/** "every organ you've got", "every single option", "every single organ on your list": all thirteen, wherever it stands. */
const EVERY_ONE_YOU_HAVE =
  /\b(?:every|each) (?:single (?:organ|option|one|structure)|(?:organ|option|one|structure) (?:you|u) (?:ve got|have|got|know|can (?:do|find|see|segment|outline|show|highlight|mark|draw|label|detect)))\b(?! (?:that|which|whose|with|in|on|making|ending|its|it)\b(?! (?:your|ur|the) (?:list|options)\b))/;
/** "…, what's it called, outline it": the name asked in passing; the request is the organ. */
const CALLED_THEN_OUTLINED =
  /\bwhat(?:'|’)?s (?:it|that|this) called\s*[,;?]\s*(?=(?:and |then |pls |please |just |also |& )*(?:outline|show|highlight|mark|segment|contour|trace|draw|circle)(?: me)? (?:it|that|this)\b)/gi;
/** ", only the duct", ": just the stent itself" at the end of a message (see its use). */
const ONLY_THING_TAIL =
  /[,;:—–-]\s*(?:(?:but|and|so)\s+)?(?:only|just)\s+the\s+([a-z]+(?: [a-z]+)?)(?: itself| themselves| alone| only)?(?: please| pls| thanks)?\s*[.!]*\s*$/i;
/** The text without the separators it ends in (a loop: a pattern anchored at the end would
 * retry from every mark of a long run). */
function withoutTrailingMarks(text: string): string {
  let end = text.length;
  while (end > 0 && /[\s,;:.—–-]/.test(text[end - 1] as string)) end--;
  return text.slice(0, end);
}
/** ", no outline", "— no mask needed": said after the question (see its use). */
const NO_OUTLINE_TAIL =
  /\b(?:no |without (?:an? )?|don'?t need (?:an? |the )?|no need (?:for|to) (?:an? |the )?)(?:outlines?|outlining|masks?|segmentation|contours?|drawing)(?: (?:needed|necessary|required|please|pls|thanks))?\s*[.!]*\s*$/i;
/** "…, forget the outlining, just tell me a joke": the request itself withdrawn (see its use). */
const OUTLINING_WITHDRAWN =
  /\b(?:forget|skip|never mind|nevermind|nvm|scrap|drop|cancel) (?:about )?(?:the |all the |all that |that )?(?:outlining|outlines?|segmenting|segmentations?|masks?|masking|organ stuff|scan stuff|image stuff|highlighting)\b(?: stuff)?[,.;:!—–-]*\s+((?:just |only |instead )?(?:tell|give|what|who|how|why|can|could|explain|say|write)\b.*)$/i;
/** "where's the NG tube sitting", "where is the stone?" (see its use) */
const WHERE_FINDING = new RegExp(
  `^(?:(?:so|and|ok|okay|hey|hi) )?where(?: s| is| are|s)? (${FINDING_OBJECT})(?: (?:sitting|lying|located|placed|positioned|now|exactly|sit|lie))*(?: (?:in|on|inside|within) (?:the|my|his|her|their) [a-z]+(?: [a-z]+)?)?(?: on (?:this|the) (?:scan|slice|image|film))?\\s*[?.!]*\\s*$`,
);
/** "circle the device": a device named earlier in the message (see its use). */
const DEVICE_POINTED =
  /\b(?:circle|outline|show|highlight|mark|trace|segment)(?: me)? the (device|hardware|implant)\b/i;
/** The devices among the findings, each with its pattern, in the findings' order. */
const DEVICE_NAMES: ReadonlyArray<readonly [string, RegExp]> = [...FINDINGS.entries()]
  .filter(([, what]) => what.includes('a device'))
  .map(([noun]) => [noun, new RegExp(`\\b${noun}\\b`, 'i')] as const);
/** "…; the C-shaped organ then", "…, ok the organ that stores bile instead": a final wish that describes. */
const DESCRIBED_THEN =
  /[.;!?,—–-]\s+(?:(?:ok|okay|fine|so|well|oh|hmm|right)[,]?\s+)*((?:the|that) (?:[a-z-]+ ){0,6}?(?:organ|gland|vessel|structure|thing|bit)(?: [a-z-]+){0,6}?)\s+(?:then|instead)\s*[.!]*\s*$/i;
/** "biliary stent visible? circle it", "any gallstones? circle them": the thing asked after is pointed at. */
const ASKED_THEN_POINTED =
  /^(?:(?:is|are) (?:there |the )?|any )?(?<det>a |an |the |my |his |her |that |this )?(?<thing>[a-z][a-z' -]{0,40}?)(?: (?:visible|seen|present|in|there|showing|on (?:this|the) (?:scan|slice|image)))?\s*(?<sep>[?!]+|,|—|–| -)\s*(?:(?:if so|if yes|if there is one)[,.]?\s*)?(?:please |pls |can you |could you )?(?<verb>outline|show|highlight|segment|mark|circle|trace)(?: me| us)? (?:it|them|that|this|those)(?: if so| please| pls| thanks)?\s*[.!]*\s*$/i;
/** "…, actually swap the left kidney for the right one", "…, and replace the right kidney with the left one" */
const ORGAN_SWAP =
  /^(.+?)(?:\s*(?:…|\.\.\.|—|–|\s-|,|;|\.|!))*\s*(?:(?:no|hang on|hold on|actually|wait|oh|and|so|then|hmm|ok|okay|sorry|oops|pls|please)[,.!]?\s+)*(?:swap|switch|replace|trade|exchange)(?: out)? (?:the|that|this) ((?:(?:left|right) )?(?:kidney|adrenal|adrenal gland))s? (?:for|with|to|into) the (left|right)(?: one| side| one instead)?(?: please| pls| instead| thanks)?\s*[.!]*\s*$/i;

/**
 * "Show the spleen and the left kidney. Actually, swap the left kidney for the right one.": the
 * request with that organ's side turned, the swap left out.
 */
function organSwapped(question: string): string | undefined {
  const match = ORGAN_SWAP.exec(question);
  if (!match) return undefined;
  const request = match[1] as string;
  const phrase = (match[2] as string).toLowerCase();
  const side = /^(left|right) /.exec(phrase)?.[1];
  const noun = phrase.replace(/^(?:left|right) /, '').split(' ')[0] as string;
  const named = [...request.matchAll(new RegExp(`\\b(?:(left|right) )?${noun}\\b`, 'gi'))].filter(
    (m) => side === undefined || m[1]?.toLowerCase() === side,
  );
  const last = named.at(-1);
  if (!last || last.index === undefined) return undefined;
  const wanted = (match[3] as string).toLowerCase();
  return `${request.slice(0, last.index)}${wanted} ${noun}${request.slice(last.index + last[0].length)}`;
}

/** "liver spleen pancreas, no, instead of the pancreas give me the stomach" */
const INSTEAD_OF =
  /^(.+?)(?:\s*(?:…|\.\.\.|—|–|\s-|,|;|\.))+\s*(?:(?:no|actually|wait|hmm|oh|sorry|ok|okay)[,.]?\s+)*instead of (?:the )?([a-z]+(?: [a-z]+)?)\s*,?\s+(?:(?:give me|show me|show|do|use|i want|i d like|outline|highlight|go with|make it)\s+)?(the [a-z]+(?: [a-z]+)?|[a-z]+)(?: instead| please| pls)?\s*[.!]*\s*$/i;

/** The request with the organ "instead of" names replaced by the one after it. */
function replacedInstead(question: string): string | undefined {
  const match = INSTEAD_OF.exec(question);
  if (!match) return undefined;
  const request = match[1] as string;
  const out = new RegExp(`\\b(?:the )?${match[2]}\\b`, 'i');
  if (!out.test(request) || !ORGAN_WORD.test(match[3] as string)) return undefined;
  return request.replace(out, match[3] as string);
}

/** "outline the right kidney and the left adrenal, then swap sides on both" */
const SIDES_FLIPPED =
  /^(.+?)(?:\s*(?:…|\.\.\.|—|–|\s-|,|;|\.))*\s+(?:(?:then|and|now|actually|but|ok|okay)\s+)*(?:(?:swap|switch|flip|reverse) (?:the )?sides?(?: (?:on|for|of) (?:both|all|them|each|everything))?|(?<=\bbut )(?:(?:just |only )?(?:the one |the same one |the same organ |that one )?(?:on|from) the (?:other|opposite) side))(?: please| pls)?\s*[.!]*\s*$/i;

/** The request with every side turned round. */
function sidesFlipped(question: string): string | undefined {
  const match = SIDES_FLIPPED.exec(question);
  if (!match) return undefined;
  // "Outline option B, but the one on the other side.": a paired option's letter, its partner.
  const letter = /\b(?:option|letter|answer|choice) ([BGHM])\b/.exec(match[1] as string);
  if (letter && !/\b(?:left|right)\b/i.test(match[1] as string)) {
    const paired = organById(organByLetter(letter[1] as OrganLetter).id).pairedWith;
    if (paired) return (match[1] as string).replace(letter[0], organPhrase(paired));
  }
  if (!/\b(?:left|right)\b/i.test(match[1] as string)) return undefined;
  return (match[1] as string).replace(/\b(left|right)\b/gi, (side) =>
    side.toLowerCase() === 'left' ? 'right' : 'left',
  );
}

/** "the liver": an organ as it is named inside a sentence. */
function organPhrase(id: OrganId): string {
  return `the ${organById(id).name.toLowerCase()}`;
}

/** "it" and "its" in a text standing for an organ ("…the gland behind it" → "…behind the inferior vena cava"). */
function pointItAt(text: string, phrase: string): string {
  return text.replace(/\bits\b/gi, `${phrase}'s`).replace(/\bit\b/gi, phrase);
}

/** The option letters from `from` to `to` (A–N), in order, as "A, B and C". */
function letterSpan(from: number, to: number): string | undefined {
  if (from < 65 || to > 78 || to < from) return undefined;
  const letters = Array.from({ length: to - from + 1 }, (_, k) => String.fromCharCode(from + k));
  return letters.length === 1
    ? (letters[0] as string)
    : `${letters.slice(0, -1).join(', ')} and ${letters.at(-1)}`;
}

/**
 * Options placed against a letter written out as the letters themselves: "everything before E",
 * "all the options after J", "the two options right before N", "the option after K", "the one
 * between D and F", "the options on either side of F", "everything from C to F".
 */
function relativeOptions(text: string): string {
  const code = (l: string) => l.charCodeAt(0);
  return (
    text
      // "the options lettered immediately before and after Stomach's letter": both neighbours.
      .replace(AROUND_OPTION, (whole, name: string | undefined, l: string | undefined) => {
        const at = code((name ? LETTER_OF_NAME[name.toLowerCase()] : l) ?? '');
        return at > 65 && at < 77
          ? `options ${String.fromCharCode(at - 1)} and ${String.fromCharCode(at + 1)}`
          : whole;
      })
      // "Option A and the option two after it": "it" is the option just named.
      .replace(OPTION_THEN_IT, (_, l: string, between: string) => `${l}${between}${l}`)
      // "no. 11 on your list", "answer 13 from the options": a numbered option.
      .replace(OPTION_NUMBER_ON_LIST, (whole, n: string) =>
        Number(n) >= 1 && Number(n) <= 13 ? `option ${String.fromCharCode(64 + Number(n))}` : whole,
      )
      // "the letter exactly halfway between A and M"
      .replace(OPTION_HALFWAY, (whole, a: string, b: string) =>
        (code(a) + code(b)) % 2 === 0 ? `option ${String.fromCharCode((code(a) + code(b)) / 2)}` : whole,
      )
      // "Take the gallbladder's letter, go back one letter": the organ's letter, moved.
      .replace(ORGAN_LETTER_MOVED, (whole, owner, named, wayFirst, countAfter, countFirst, wayAfter) => {
        const letter = LETTER_OF_NAME[(owner ?? named).toLowerCase()];
        const way: string = wayFirst ?? wayAfter;
        const count: string = countAfter ?? countFirst;
        const n =
          ANSWER_COUNTS.get(count.toLowerCase()) ?? COUNT_WORDS.get(count.toLowerCase()) ?? Number(count);
        if (!letter || !n) return whole;
        const at = code(letter) + (/^(?:back|backwards?|down)$/i.test(way) ? -n : n);
        return at >= 65 && at <= 77 ? `option ${String.fromCharCode(at)}` : whole;
      })
      .replace(BACK_FROM_ORGAN_LETTER, (whole, count: string, way: string, name: string) => {
        const letter = LETTER_OF_NAME[name.toLowerCase()];
        const n =
          ANSWER_COUNTS.get(count.toLowerCase()) ?? COUNT_WORDS.get(count.toLowerCase()) ?? Number(count);
        if (!letter || !n) return whole;
        const at = code(letter) + (/^back/i.test(way) ? -n : n);
        return at >= 65 && at <= 78 ? `option ${String.fromCharCode(at)}` : whole;
      })
      .replace(WHATEVER_NEXT_TO, (whole, count: string | undefined, which: string, l: string) => {
        const n = count
          ? (ANSWER_COUNTS.get(count.toLowerCase()) ?? COUNT_WORDS.get(count.toLowerCase()) ?? Number(count))
          : 1;
        const at = code(l) + (which.toLowerCase() === 'before' ? -n : n);
        return at >= 65 && at <= 78 ? `option ${String.fromCharCode(at)}` : whole;
      })
      // "Show the organ two letters before the esophagus", "the option right after the left kidney
      // in the list": counted from the organ's letter (a head "organ" only with "in the list").
      .replace(
        OPTION_FROM_ORGAN,
        (
          whole,
          head: string,
          count: string | undefined,
          which: string,
          name: string,
          list: string | undefined,
        ) => {
          const letter = LETTER_OF_NAME[name.toLowerCase()];
          if (!letter || (!/^(?:option|letter)$/i.test(head) && !list && !count)) return whole;
          const n = count
            ? (ANSWER_COUNTS.get(count.toLowerCase()) ??
              COUNT_WORDS.get(count.toLowerCase()) ??
              Number(count))
            : 1;
          const at = code(letter) + (which.toLowerCase() === 'before' ? -n : n);
          return n > 0 && at >= 65 && at <= 78 ? `option ${String.fromCharCode(at)}` : whole;
        },
      )
      // "What sits on top of B?", "What sits on B's twin?", "Whatever K empties into": a letter
      // standing where an organ's name would is that option's organ.
      .replace(LETTER_TWIN, (_, l: string) => {
        const paired = organById(organByLetter(l as OrganLetter).id).pairedWith;
        return paired ? organPhrase(paired) : l;
      })
      .replace(LETTER_OF_ORGAN, (whole, count: string | undefined, which: string, name: string) => {
        const letter = LETTER_OF_NAME[name.toLowerCase()];
        if (!letter) return whole;
        return count
          ? `the option ${count} ${which.toLowerCase()} ${letter}`
          : `the option ${which.toLowerCase()} ${letter}`;
      })
      // "the organ whose option letter is the third letter of the alphabet"
      .replace(LETTER_OF_ALPHABET, (whole, nth: string) => {
        const n = COUNT_WORDS.get(nth.toLowerCase()) ?? 0;
        return n >= 1 && n <= 13 ? `option ${String.fromCharCode(64 + n)}` : whole;
      })
      .replace(OPTIONS_BEFORE_AFTER, (whole, which: string, l: string) =>
        which.toLowerCase() === 'before'
          ? (letterSpan(65, code(l) - 1) ?? whole)
          : (letterSpan(code(l) + 1, 77) ?? whole),
      )
      // "the option three letters before M": one option, that far away
      .replace(OPTION_PLACES_AWAY, (whole, count: string, which: string, l: string) => {
        const n = ANSWER_COUNTS.get(count.toLowerCase()) ?? COUNT_WORDS.get(count.toLowerCase()) ?? 0;
        const at = which.toLowerCase() === 'before' ? code(l) - n : code(l) + n;
        return n > 0 && at >= 65 && at <= 77 ? `option ${String.fromCharCode(at)}` : whole;
      })
      .replace(OPTIONS_NEXT_TO, (whole, count: string | undefined, which: string, l: string) => {
        const n = count ? (ANSWER_COUNTS.get(count.toLowerCase()) ?? 1) : 1;
        return (
          (which.toLowerCase() === 'before'
            ? letterSpan(code(l) - n, code(l) - 1)
            : letterSpan(code(l) + 1, code(l) + n)) ?? whole
        );
      })
      .replace(OPTION_BETWEEN, (whole, a: string, b: string) => letterSpan(code(a) + 1, code(b) - 1) ?? whole)
      .replace(OPTIONS_EITHER_SIDE, (whole, l: string) =>
        code(l) > 65 && code(l) < 77
          ? `${String.fromCharCode(code(l) - 1)} and ${String.fromCharCode(code(l) + 1)}`
          : whole,
      )
      .replace(
        /\b(?:[Ee]verything|[Aa]ll(?: of)?(?: the)?(?: options)?|[Ee]very (?:organ|option|one))(?: from| in)? ([A-M])(?= ?(?:to |through |thru |- |–|—|-)[A-M]\b)/g,
        '$1',
      )
      // (one letter alone in the message, where no rule above read it)
      .replace(LETTER_AS_NAME, (whole, l: string, _at: number, all: string) =>
        (all.match(/(?<![\w'’-])[B-HJ-M](?![\w-])/g) ?? []).length === 1
          ? organPhrase(organByLetter(l as OrganLetter).id)
          : whole,
      )
      // "only the options whose names contain 'left'", "every organ with 'right' in the name"
      .replace(SIDE_IN_NAME, (...groups: string[]) => {
        const side = (groups.slice(1, 4).find((g) => typeof g === 'string') ?? '').toLowerCase();
        return `the ${side} kidney and the ${side} adrenal`;
      })
  );
}

/** "its mirror-image twin", "its counterpart": the other one of a pair (see `otherOfOption`). */
const TWIN_OF_IT =
  /\bits (?:mirror[- ]?image |contralateral |opposite )?(?:twin|counterpart|partner|mirror image)\b/gi;
/**
 * "Outline option B. Wait, make it its mirror-image twin.": the option is spelt out as its organ,
 * so that "the other one" can turn its side.
 */
function otherOfOption(text: string): string {
  if (!/\b[Oo]ption [A-M](?![\w'’-])/.test(text)) return text;
  const twin = text.replace(TWIN_OF_IT, 'the other one');
  if (!/\bthe other one\b/i.test(twin)) return text;
  return twin.replace(/\b([Oo]ption) ([A-M])(?![\w'’-])/g, (whole, _: string, l: string) => {
    const id = organByLetter(l as OrganLetter).id;
    return organById(id).pairedWith ? organPhrase(id) : whole;
  });
}

/**
 * Option letters written as a run ("B and M", "A, C and K") replaced by the organs' names; a single
 * letter taken back after such a run ("…, drop C") too. Without a run the question is returned as is
 * (a lone "A" or "I" is a word).
 */
function spellOptionLetters(original: string): string {
  // "all except J", "everything but option K": one letter left out of everything.
  const text = otherOfOption(relativeOptions(original)).replace(
    EXCEPT_LETTER,
    (_, lead: string, l: string) => `${lead}${organPhrase(organByLetter(l as OrganLetter).id)}`,
  );
  // "options 7 and 8", "option 9": numbered options are the letters in order (14 is N).
  const lettered = text
    // "options one, three and five": numbers written out
    .replace(
      OPTION_NUMBER_WORDS,
      (_, lead: string, numbers: string) =>
        lead + numbers.replace(NUMBER_WORD, (w) => String(NUMBER_WORDS.indexOf(w.toLowerCase()) + 1)),
    )
    .replace(NUMBERED_OPTIONS, (whole, lead: string, numbers: string) =>
      /\b(?:1[5-9]|[2-9]\d|0)\b/.test(numbers)
        ? whole
        : lead + numbers.replace(/\d{1,2}/g, (n) => String.fromCharCode(64 + Number(n))),
    )
    // "J K L": capitals side by side (three or more, so "I A" in a sentence stays words)
    .replace(SPACED_LETTERS, (run) => run.trim().split(/\s+/).join(', '))
    // "G H and the kidneys": two capitals side by side opening a list with names
    .replace(SPACED_LETTERS_BEFORE_NAME, (run) => run.trim().split(/\s+/).join(', '))
    // "L and also J, skip K"
    .replace(/(?<![\w'’-])([A-M]) and also ([A-M])(?![\w'’-])/g, '$1 and $2')
    // "all options from E to H"
    .replace(/\b([Oo]ptions?) from ([A-M]) to ([A-M])\b/g, '$1 $2 to $3')
    // "Which of the organs A to M does a colonoscope pass through?": the whole list, a choice among
    // all thirteen, not a request for the run of letters
    .replace(
      /\b([Ww]hich|[Ww]hat|[Aa]ny|[Nn]one|[Ee]ach) of (?:the )?(?:organs?|options?|choices?|letters?) A\s*(?:to|through|thru|-|–)\s*M\b/g,
      '$1 of the 13',
    );
  // "options A through D", "E thru H": a range is the run of its letters.
  const question = lettered.replace(LETTER_RANGE, (whole, lead: string, from: string, to: string) => {
    const a = from.charCodeAt(0);
    const b = to.charCodeAt(0);
    if (b <= a) return whole;
    const letters = Array.from({ length: b - a + 1 }, (_, k) => String.fromCharCode(a + k));
    return `${lead}${letters.slice(0, -1).join(', ')} and ${letters.at(-1)}`;
  });
  // "Outline C and the aorta", "the aorta and C.": one capital letter beside a name in a list.
  // (not "A" or "I", which are words)
  if (!LETTER_RUN.test(question)) {
    LETTER_RUN.lastIndex = 0;
    const named = question
      .replace(LETTER_AFTER_VERB, (_, l: string) => organPhrase(organByLetter(l as OrganLetter).id))
      .replace(LETTER_ENDS_LIST, (whole, l: string, offset: number) =>
        LETTER_RUN_NOT_AFTER.test(
          question.slice(Math.max(0, offset - 20), offset).replace(/\s*(?:,|&|\+|and|plus)\s*$/, ''),
        )
          ? whole
          : whole.replace(l, organPhrase(organByLetter(l as OrganLetter).id)),
      );
    if (named !== question) return named;
  }
  LETTER_RUN.lastIndex = 0;
  const runs = [...question.matchAll(LETTER_RUN)].filter(
    (m) =>
      !LETTER_RUN_NOT_AFTER.test(question.slice(Math.max(0, (m.index ?? 0) - 20), m.index)) &&
      !LETTER_RUN_NOT_BEFORE.test(question.slice((m.index ?? 0) + m[0].length)),
  );
  const name = (letter: string) => organPhrase(organByLetter(letter as OrganLetter).id);
  const spellOption = (t: string) =>
    t.replace(/\b(?:[Oo]ption|[Ll]etter)\s+([A-M])(?![\w'’-])/g, (_, l: string) => name(l));
  const spellCorrected = (t: string) =>
    t.replace(
      LETTER_CORRECTED,
      (_, cue: string, l: string) =>
        `${cue}${/^(?:sorry|wait|no|actually)$/i.test(cue) ? ',' : ''} ${name(l)}`,
    );
  if (runs.length === 0) {
    // "do the duodenum and option E": an option beside an organ's name is read by name too.
    // (not A or I, which are words: "I want option A and the spleen")
    if (ORGAN_WORD.test(question) && /\b(?:[Oo]ption|[Ll]etter)\s+[B-HJ-M](?![\w'’-])/.test(question))
      return spellOption(question);
    // "highlight option B. undo. highlight option M": options taken back are read by name.
    if (
      /\b(?:undo|cancel)\b/i.test(question) &&
      (question.match(/\b(?:[Oo]ption|[Ll]etter)\s+[A-M](?![\w'’-])/g)?.length ?? 0) > 1
    )
      return spellOption(question);
    // "option C... sorry, D": a letter corrected after an option is read by name, both of them.
    const optionAt = question.search(/\b(?:[Oo]ption|[Ll]etter)\s+[A-M](?![\w'’-])/);
    if (optionAt >= 0 && new RegExp(LETTER_CORRECTED.source).test(question.slice(optionAt + 8)))
      return spellCorrected(spellOption(question));
    // "C pls. oops I mean K": a bare letter first, then corrected.
    // ("show C. oh hang on, I meant D", "outline F. make it E not F")
    const first =
      /^\s*((?:[Ss]how|[Oo]utline|[Hh]ighlight|[Mm]ark|[Ss]egment|[Ll]etter|[Oo]ption)(?:\s+me)?\s+)?([A-M])(?=\s*(?:pls|please|plz|[,.!]|$))/.exec(
        question,
      );
    // "Show G. No wait, the other one.", "Outline B. Correction: I meant the other kidney.": a
    // letter corrected by "the other" is read by name.
    // ("Letter F. No, swap that for E.": the letter swapped in too)
    const verb = /^\s*(?:letter|option)/i.test(first?.[1] ?? '') ? 'Show ' : first?.[1];
    const rest = question.slice(first?.[0].length ?? 0);
    if (first && verb && (OTHER_CORRECTION.test(rest) || new RegExp(LETTER_SWAPPED_IN.source).test(rest)))
      return `${verb}${name(first[2] as string)}${rest.replace(LETTER_SWAPPED_IN, (_, swap: string, l: string) => `${swap} ${name(l)}`)}`;
    if (first && new RegExp(LETTER_CORRECTED.source).test(question.slice(first[0].length)))
      return spellCorrected(
        `${first[1] ?? ''}${name(first[2] as string)}${question.slice(first[0].length)}`
          .replace(/\bnot ([A-M])(?![\w'’-])/g, (_, l: string) => `not ${name(l)}`)
          // ("show K. actually take it back, no K, nothing": "no" before the same letter denies it)
          .replace(new RegExp(`\\b[Nn]o ${first[2]}(?![\\w'’-])`, 'g'), `not ${name(first[2] as string)}`)
          // ("Outline C. Wait, I meant K. And add L.")
          .replace(LETTER_ADDED, (_, verb: string, l: string) => `${verb} ${name(l)}`),
      );
    return question === original ? original : question;
  }
  let out = '';
  let at = 0;
  for (const run of runs) {
    const start = run.index ?? 0;
    out += question.slice(at, start) + run[0].replace(/[A-M]/g, (l) => name(l));
    at = start + run[0].length;
  }
  return spellCorrected(
    spellOption(
      (out + question.slice(at))
        .replace(LETTER_TAKEN_BACK, (_, verb: string, l: string) => `${verb} ${name(l)}`)
        .replace(LETTER_SWAPPED_IN, (_, swap: string, l: string) => `${swap} ${name(l)}`)
        // "…drop M and add G": a letter added after the run
        .replace(LETTER_ADDED, (_, verb: string, l: string) => `${verb} ${name(l)}`)
        // "J and K pls, then L too", "letters D to F, then also I"
        .replace(LETTER_TOO, (_, lead: string, l: string, too: string) => `${lead} ${name(l)} ${too}`)
        .replace(LETTER_ALSO, (_, lead: string, l: string) => `${lead} ${name(l)}`)
        // "Outline A, C, K. Hmm, replace C with I.", "swap K for L": both letters by name
        .replace(
          LETTER_SWAPPED,
          (_, verb: string, a: string, by: string, b: string) => `${verb} ${name(a)} ${by} ${name(b)}`,
        ),
    ),
  );
}

function correctSide(ids: readonly OrganId[], side: SideCorrection): OrganId[] {
  // "the two great vessels … the one on the left": the aorta lies left of the midline, the IVC right.
  if (ids.length === 2 && ids.includes(5) && ids.includes(6) && (side === 'left' || side === 'right'))
    return [side === 'left' ? 5 : 6];
  const out = new Set<OrganId>();
  for (const id of ids) {
    const organ = organById(id);
    if (!organ.pairedWith) out.add(id);
    else if (side === 'both') {
      out.add(id);
      out.add(organ.pairedWith);
    } else if (side === 'other') out.add(ids.length === 1 ? organ.pairedWith : id);
    else out.add(organ.side === side ? id : organ.pairedWith);
  }
  return [...out];
}

/**
 * The side a side-specific fact fixes for a pair asked about ("which kidney does nutcracker syndrome
 * affect?"), when the facts found agree and no negation could turn them round.
 */
const OPPOSITE_SIDE_OF =
  /\b(?:opposite|other) side (?:from|to|of|as) the (liver|gallbladder|ivc|inferior vena cava|duodenum|spleen|stomach)\b/;
/** The side of the body a text's side facts fix, read for both pairs; undefined when they disagree. */
function toldSide(text: string): 'left' | 'right' | undefined {
  const words = tokenize(text)
    .map((t) => t.text)
    .join(' ');
  const sides = new Set([sideFact(words, [2, 13]), sideFact(words, [7, 8])].filter((x) => x !== undefined));
  return sides.size === 1 ? [...sides][0] : undefined;
}

function sideFact(text: string, pair: readonly OrganId[]): 'left' | 'right' | undefined {
  // "Which adrenal does not fail to drain into the renal vein?": a negated failure is no negation.
  const normalised = text.replace(/\b(?:not|never|nt) (?:fail|fails|failing) to\b/g, '');
  const family = pair.includes(2) ? 'kidney' : pair.includes(7) ? 'adrenal' : undefined;
  // "pyramidal rather than crescent-shaped": the fact set aside does not compete.
  const contrasted = normalised.replace(
    /\b(?:rather than|instead of) (?:a |an |the )?[a-z]+(?: shaped)?/g,
    ' ',
  );
  if (family && contrasted !== normalised) {
    const sides = new Set(
      SIDE_FACTS.filter((f) => f.family === family && f.pattern.test(contrasted)).map((f) => f.side),
    );
    if (sides.size === 1) return [...sides][0];
  }
  // "Which adrenal sits on the opposite side from the liver?"
  const across = OPPOSITE_SIDE_OF.exec(normalised)?.[1];
  if (family && across)
    return ['liver', 'gallbladder', 'ivc', 'inferior vena cava', 'duodenum'].includes(across)
      ? 'left'
      : 'right';
  if (!family || /\b(?:avoid|avoided|rather than|unlike|opposite|other)\b/.test(normalised)) return undefined;
  // "the crescent shaped adrenal, not the pyramidal one": a fact taken back at the end of a request
  // does not compete with the one asked for.
  const kept = normalised.replace(
    /(?:^| )(?:not|never) (?:the|a|an) (?:[a-z]+ ){1,2}(?:one|gland|adrenal|kidney)(?= [.?!,]|$)/g,
    '',
  );
  if (kept !== normalised && kept.trim()) {
    const sidesKept = new Set(
      SIDE_FACTS.filter((f) => f.family === family && f.pattern.test(kept)).map((f) => f.side),
    );
    if (sidesKept.size === 1) return [...sidesKept][0];
  }
  const sides = new Set(
    SIDE_FACTS.filter((f) => f.family === family && f.pattern.test(normalised)).map((f) => f.side),
  );
  if (sides.size !== 1) return undefined;
  const side = [...sides][0] as 'left' | 'right';
  // "Which kidney is not the one whose vein crosses the aorta?": one negation before the fact in its
  // sentence turns it round ("…? Show me that kidney, not the vein." does not).
  const at = Math.min(
    ...SIDE_FACTS.filter((f) => f.family === family).map(
      (f) => f.pattern.exec(normalised)?.index ?? Number.POSITIVE_INFINITY,
    ),
  );
  const sentenceStart = Math.max(0, ...[' ? ', ' . ', ' ! '].map((p) => normalised.lastIndexOf(p, at) + 1));
  const before = tokenize(normalised.slice(sentenceStart, at));
  // "…trickier to remove because its vein…": a take-back verb is not a negation of the fact.
  const negations = before.filter(
    (t, i) =>
      !TAKE_BACK_VERBS.has(t.text) &&
      // ("the spleen... no, the adrenal beside the aorta": a correcting "no" denies no fact.)
      !(CORRECTING_NO.has(t.text) && (before[i + 1]?.boundary ?? true)) &&
      negationScope(before, i) >= 0 &&
      !doubleNegative(before, i),
  ).length;
  if (negations > 1) return undefined;
  return negations === 1 ? opposite(side) : side;
}

const TAKE_BACK_VERBS = new Set([
  // "undo the stomach, just keep the esophagus", "deselect the liver"
  'undo',
  'deselect',
  'unselect',
  'unhighlight',
  'unmark',
  'erase',
  'remove',
  'drop',
  'skip',
  'ignore',
  'omit',
  'forget',
  'exclude',
  'scratch',
  'scrap',
  // "…keep the IVC, lose the aorta", "ditch the spleen"
  'lose',
  'ditch',
  'replace',
  'swap',
  'minus',
]);

function opposite(side: 'left' | 'right'): 'left' | 'right' {
  return side === 'left' ? 'right' : 'left';
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
