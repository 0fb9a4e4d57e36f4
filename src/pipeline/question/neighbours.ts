/**
 * An organ described by what it touches ("the crescent-shaped gland between the aorta and the upper
 * pole of the left kidney", "the organ that touches the left kidney, the stomach and the splenic
 * flexure"): a table of each organ's neighbours, and a match of the landmarks a description names
 * against it. The organs named in the description are landmarks, not answers.
 */
import type { OrganId } from '../organs.js';
import type { Token } from './text.js';

/** A neighbour: one of the 13 (by id) or a structure outside them (by key). */
type Neighbour = OrganId | string;

/**
 * What each organ lies against (Gray's Anatomy relations, both sides of the diaphragm where the
 * organ crosses it). Keys of structures outside the 13 are those of OUTSIDE_LANDMARKS.
 */
const NEIGHBOURS: Readonly<Record<OrganId, readonly Neighbour[]>> = {
  1: [
    'diaphragm',
    9,
    6,
    2,
    7,
    11,
    12,
    10,
    'hepatic flexure',
    'colon',
    'right ribs',
    'heart',
    'lung',
    'portal vein',
    'bile duct',
  ],
  2: [
    1,
    12,
    7,
    6,
    'hepatic flexure',
    'colon',
    'ascending colon',
    'psoas',
    'quadratus lumborum',
    'diaphragm',
    'right ribs',
    'small bowel',
  ],
  3: [11, 13, 4, 8, 'splenic flexure', 'colon', 'diaphragm', 'left ribs', 'splenic artery', 'splenic vein'],
  4: [
    12,
    11,
    3,
    13,
    5,
    6,
    8,
    'spine',
    'splenic vein',
    'splenic artery',
    'sma',
    'smv',
    'portal vein',
    'bile duct',
    'left renal vein',
    'colon',
    'small bowel',
  ],
  5: [
    'spine',
    'crus',
    'left crus',
    'right crus',
    6,
    10,
    8,
    4,
    12,
    'left renal vein',
    'thoracic duct',
    'azygos',
    'sma',
    'coeliac trunk',
    'heart',
    'diaphragm',
  ],
  6: [
    1,
    7,
    2,
    12,
    5,
    4,
    'right crus',
    'crus',
    'spine',
    'portal vein',
    'heart',
    'diaphragm',
    'caudate lobe',
    'bare area',
  ],
  7: [1, 6, 2, 12, 'bare area', 'right crus', 'crus', 'diaphragm'],
  8: [5, 13, 11, 4, 3, 'left crus', 'crus', 'splenic artery', 'splenic vein', 'left renal vein', 'diaphragm'],
  9: [1, 12, 'colon', 'hepatic flexure', 'bile duct', 'right ribs'],
  10: [
    5,
    11,
    1,
    'heart',
    'trachea',
    'diaphragm',
    'lung',
    'spine',
    'thoracic duct',
    'azygos',
    'crus',
    'vagus',
  ],
  11: [
    1,
    3,
    4,
    13,
    8,
    10,
    12,
    'colon',
    'splenic flexure',
    'diaphragm',
    'left ribs',
    'splenic artery',
    'heart',
  ],
  12: [4, 9, 1, 2, 6, 5, 11, 'sma', 'smv', 'colon', 'hepatic flexure', 'bile duct', 'small bowel', 'psoas'],
  13: [
    3,
    11,
    4,
    8,
    'splenic flexure',
    'colon',
    'descending colon',
    'small bowel',
    'psoas',
    'quadratus lumborum',
    'diaphragm',
    'left ribs',
  ],
};

/** Structures outside the 13 that descriptions use as landmarks, most specific first. */
const OUTSIDE_LANDMARKS: ReadonlyArray<[RegExp, string]> = [
  [/\bright (?:diaphragmatic )?crus\b/, 'right crus'],
  [/\bleft (?:diaphragmatic )?crus\b/, 'left crus'],
  [/\b(?:crus|crura)\b/, 'crus'],
  [/\bsplenic flexure\b/, 'splenic flexure'],
  [/\bhepatic flexure\b/, 'hepatic flexure'],
  [/\bsplenic arter(?:y|ies)\b/, 'splenic artery'],
  [/\bsplenic vein\b/, 'splenic vein'],
  [/\b(?:sma|superior mesenteric arter(?:y|ies))\b/, 'sma'],
  [/\b(?:smv|superior mesenteric vein)\b/, 'smv'],
  [/\b(?:superior mesenteric vessels)\b/, 'sma'],
  [/\bportal vein\b/, 'portal vein'],
  [/\bleft renal vein\b/, 'left renal vein'],
  [/\b(?:coeliac|celiac) (?:trunk|axis)\b/, 'coeliac trunk'],
  [/\bthoracic duct\b/, 'thoracic duct'],
  [/\bazygos\b/, 'azygos'],
  [/\b(?:common )?bile duct\b|\bcbd\b/, 'bile duct'],
  [/\bbare area\b/, 'bare area'],
  [/\bcaudate lobe\b/, 'caudate lobe'],
  [/\bdescending colon\b/, 'descending colon'],
  [/\bascending colon\b/, 'ascending colon'],
  [/\b(?:transverse )?colon\b/, 'colon'],
  [/\bpsoas\b/, 'psoas'],
  [/\bquadratus lumborum\b/, 'quadratus lumborum'],
  [/\b(?:jejunum|jejunal loops?|small bowel loops?)\b/, 'small bowel'],
  [/\b(?:hemi ?)?diaphragm\b/, 'diaphragm'],
  [/\b(?:spine|spinal column|vertebral (?:column|bodies|body)|vertebrae|backbone)\b/, 'spine'],
  [/\bleft (?:lower )?ribs?\b|\bleft costal margin\b/, 'left ribs'],
  [/\bright (?:lower )?ribs?\b|\bright costal margin\b/, 'right ribs'],
  [/\b(?:heart|left atrium|right atrium|pericardium)\b/, 'heart'],
  [/\b(?:trachea|windpipe|left main bronchus)\b/, 'trachea'],
  [/\blungs?\b/, 'lung'],
  [/\bvag(?:us|al) (?:nerves?|trunks?)\b/, 'vagus'],
];

/** The kinds a description may name and the organs each can be. */
const KINDS: ReadonlyMap<string, readonly OrganId[]> = new Map<string, readonly OrganId[]>([
  ['organ', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]],
  ['viscus', [1, 2, 3, 4, 9, 10, 11, 12, 13]],
  ['gland', [1, 4, 7, 8]],
  ['adrenal', [7, 8]],
  ['suprarenal', [7, 8]],
  ['vessel', [5, 6]],
  ['artery', [5]],
  ['vein', [6]],
  ['kidney', [2, 13]],
  ['tube', [10]],
  ['bag', [9, 11]],
  ['sac', [9, 11]],
  ['pouch', [9, 11]],
]);
const PLURAL_KINDS = new Map([
  ['organs', 'organ'],
  ['glands', 'gland'],
  ['adrenals', 'adrenal'],
  ['kidneys', 'kidney'],
]);
const DETERMINERS = new Set(['which', 'what', 'whats', 'the', 'a', 'an', 'this', 'that']);

/** Shapes of one organ, said before the kind ("the crescent-shaped gland", "the J-shaped organ"). */
const SHAPES: ReadonlyArray<[RegExp, OrganId]> = [
  // (the spleen is crescent-shaped too: these two place a gland)
  [/\b(?:crescent|crescentic|semilunar|half moon)\b(?=.* (?:gland|adrenal|suprarenal)\b)/, 8],
  [/\b(?:pyramid|pyramidal|triangular|tricorn|cocked hat)\b(?=.* (?:gland|adrenal|suprarenal)\b)/, 7],
  [/\bj shaped\b/, 11],
  [/\bc shaped\b/, 12],
  [/\bpear shaped\b/, 9],
];

/** Words that relate the described organ to its landmarks. */
const RELATION =
  /\b(?:between|beside|behind|touch(?:es|ing)?|abut(?:s|ting)?|against|caps?|capping|in front of|next to|adjacent to|wedged|nestled|tucked|hug(?:s|ging)?|on top of|atop|perched|above|below|under|underneath|medial to|lateral to|anterior to|posterior to|in (?:direct |close )?contact with|across from|opposite|near|nearer|nearest|closer to|closest to|rests?|resting|wraps?|wrapping|stuck to|attached to|alongside|sandwiched|bordered|lies|lying|sits|sitting)\b/;
const STOP_WORDS = new Set([
  'not',
  'except',
  'isn',
  'isnt',
  'aren',
  'no',
  'other',
  'oops',
  'doesn',
  'doesnt',
  'without',
  'but',
  'rather',
  'instead',
]);
/** Kinds that, after "and", start a second thing asked for rather than another landmark. */
const SECOND_ASKED = new Set([
  'adrenal',
  'adrenals',
  'gland',
  'glands',
  'organ',
  'organs',
  'kidney',
  'kidneys',
  'one',
]);
const PLACE_WORDS = new Set([
  'above',
  'below',
  'behind',
  'under',
  'beneath',
  'near',
  'beside',
  'between',
  'against',
  'atop',
  'over',
]);
/** Kinds a case's request may name with nothing after them ("Outline the gland."). */
const LOOK_BACK_KINDS = new Set(['adrenal', 'suprarenal', 'gland', 'kidney']);
/** A finding placed in the slice: what a case's sentence before the request describes. */
const FINDING =
  /\b(?:mass|masses|tumou?r|nodule|lesion|adenoma|incidentaloma|cyst|collection|calcification|haemorrhage|hemorrhage|haematoma|hematoma|scar|stone|lump|myelolipoma|neuroblastoma|phaeo|pheo|ph?aeochromocytoma|pheochromocytoma|carcinoma|metastasis|deposit)\b/;
/** What may follow the kind in a request that still reads the finding before ("the gland it comes from"). */
const LOOK_BACK_TAIL =
  /^(?:of origin|it (?:comes|arises|arose|came|grows|grew|started) (?:from|in)|(?:it|that) s (?:in|from|on)|involved|affected|in question|concerned|with the (?:lesion|mass|nodule|tumou?r))$/;
const POLITE = new Set(['please', 'pls', 'plz', 'thanks', 'thx', 'now', 'too']);
const CHANGED_MIND = new Set([
  'oops',
  'wrong',
  'other',
  'actually',
  'sorry',
  'no',
  'instead',
  'mean',
  'meant',
  'nope',
]);
const ASKS = new Set(['which', 'what', 'whats']);
/** How a tube is placed by the stomach or the chest ("…goes down before it reaches the stomach"). */
const TUBE_WAY =
  /\b(?:before|down|into|to|reach|reaches|join|joins|behind|through|above|passing|running|carrying|carries)\b/;
/** The one of a pair away from the landmark. */
const OPPOSITE =
  /\b(?:opposite|across from|other side (?:from|to|of)|contralateral to|away from|not (?:the one )?(?:next to|near|beside|touching|under|behind))\b/;
/** A gland placed on a kidney's upper pole is an adrenal. */
const ON_A_KIDNEY = /\b(?:upper|superior) pole\b|\bcaps?\b|\bcapping\b|\bon top of\b|\batop\b|\bperched\b/;
/** Said of a gland, not of any organ ("the organ … just above the left kidney" may be the spleen). */
const ABOVE_A_KIDNEY = /\babove (?:the |its )?(?:left |right )?kidney\b/;
/** Words that name a vessel of its own ("the renal vein", "the splenic artery"), not a kind. */
const VESSEL_NAMES =
  /^(?:renal|splenic|portal|mesenteric|hepatic|gonadal|adrenal|suprarenal|gastric|iliac|lumbar|phrenic|azygos|coeliac|celiac|pancreatic|pancreaticoduodenal|cystic|umbilical|jugular|pulmonary|subclavian|vertebral|testicular|ovarian|epigastric|gastroduodenal|gastroepiploic)$/;
/** How blood flows (joins, forms, drains) is no neighbourhood. */
const FLOW =
  /\b(?:join|joins|joined|joining|form|forms|formed|forming|drain|drains|drained|draining|branch|branches)\b/;

export interface NamedOrgan {
  ids: readonly OrganId[];
  /** Token index of the name. */
  start: number;
}

export interface NeighbourMatch {
  id: OrganId;
  /** Token span of the description, from its kind word to the end of its sentence. */
  start: number;
  end: number;
}

/**
 * The one organ of the kind asked for whose neighbours best cover the landmarks its description
 * names (two at least, or one and its shape), or undefined when no description is found or two
 * organs fit equally well. `named` are the organs named in the question (landmarks when inside the
 * description).
 */
export function organByNeighbours(
  tokens: readonly Token[],
  named: readonly NamedOrgan[],
): NeighbourMatch | undefined {
  const words = tokens.map((t) => t.text);
  const head = descriptionHead(words);
  if (!head) return undefined;
  const { at, from, kind, shapeWords } = head;
  let end = sentenceEnd(words, at + 1);
  // "…, and the liver itself", "…, not the one beside the aorta", "…because there is no liver":
  // the description ends where a negation or a second request begins.
  const cut = words.findIndex(
    (w, k) =>
      k > at &&
      k < end &&
      (STOP_WORDS.has(w) ||
        (w === ',' && ['and', 'plus', 'then'].includes(words[k + 1] ?? '')) ||
        // "…under the liver and the adrenal that drains …": a second thing asked for
        (w === 'and' &&
          !words.slice(at, k).includes('between') &&
          words.slice(k + 1, k + 4).some((x) => SECOND_ASKED.has(x)))),
  );
  // "…. Oops, wrong one; show the other one.", "…. Which gland is involved?": something else is asked.
  if (words.slice(end).some((w) => CHANGED_MIND.has(w))) return undefined;
  if (cut > 0) end = cut;
  const sentence = sentenceStart(words, at);
  // ("…. which one is that?" only points back at the description)
  if (words.some((w, k) => (k < sentence || k >= end) && ASKS.has(w) && !pointsBack(words, k)))
    return undefined;
  let span = words.slice(at + 1, end).join(' ');
  // "Mass tucked behind the IVC above the right kidney. Outline the gland.": a request with nothing
  // after its kind reads the sentence before it (a case's finding) as its description.
  let spanStart = at + 1;
  const nothingAfter =
    words.slice(at + 1, end).every((w) => !/^[a-z]+$/.test(w) || POLITE.has(w)) ||
    // "…. Outline the gland it comes from.", "…the gland of origin"
    LOOK_BACK_TAIL.test(
      words
        .slice(at + 1, end)
        .filter((w) => /^[a-z]+$/.test(w) && !POLITE.has(w))
        .join(' '),
    );
  if (nothingAfter && LOOK_BACK_KINDS.has(kind) && sentence > 1) {
    const previous = sentenceStart(words, sentence - 1);
    const before = words.slice(previous, sentence - 1).join(' ');
    if (FINDING.test(before)) {
      spanStart = previous;
      span = before;
    }
  }
  // ("…, and what sits on top of the left one?": a second question; "…, the liver or the spleen?": options.)
  if (/\bor\b|\bof (?:these|those|the following)\b|\band (?:what|which)\b/.test(span)) return undefined;
  if (
    !(kind === 'tube' ? TUBE_WAY : RELATION).test(span) &&
    !SAME_SIDE.test(span) &&
    !OTHER_SIDE.test(span)
  ) {
    // "Outline the pyramid-shaped adrenal.": a shape alone names one.
    const shaped = (KINDS.get(kind) ?? []).filter((id) =>
      SHAPES.some(([re, s]) => s === id && re.test(`${shapeWords} ${kind}`)),
    );
    return shaped.length === 1 && kind !== 'organ' && !/\b(?:not|other)\b/.test(words.slice(0, end).join(' '))
      ? { id: shaped[0] as OrganId, start: from, end }
      : undefined;
  }
  if ((kind === 'vein' || kind === 'artery' || kind === 'vessel') && FLOW.test(span)) return undefined;
  // ("the vein from which kidney is compressed …?" asks for the kidney; "the organ which touches …" is relative.)
  if (
    words.slice(at + 2, end).some((w, k) => (w === 'which' || w === 'what') && !pointsBack(words, at + 2 + k))
  )
    return undefined;

  const landmarks: Neighbour[][] = named
    .filter((n) => n.start >= spanStart && n.start < end && (n.start > at || n.start < from))
    .map((n) => [...n.ids]);
  const start = Math.min(spanStart, from);
  // (most specific first: "the descending colon" is not also "the colon")
  let unread = span;
  for (const [re, key] of OUTSIDE_LANDMARKS) {
    if (!re.test(unread)) continue;
    landmarks.push([key]);
    unread = unread.replace(re, ' ');
  }
  const landmarkIds = new Set(landmarks.flat());
  const candidates = (KINDS.get(kind) ?? []).filter((id) => !landmarkIds.has(id));
  // "Which adrenal lies on the same side of the body as the gallbladder?"
  const bySide = candidates.length === 2 ? pairBySide(candidates, span, landmarks) : undefined;
  if (bySide) return { id: bySide, start, end };
  // For one of a pair, a landmark both of them touch ("the kidney" under an adrenal) tells nothing.
  const touches = (id: OrganId, l: readonly Neighbour[]) => l.some((n) => NEIGHBOURS[id].includes(n));
  const telling =
    candidates.length === 2 ? landmarks.filter((l) => !candidates.every((id) => touches(id, l))) : landmarks;
  const scored = candidates
    .map((id) => {
      const hits = telling.filter((l) => touches(id, l)).length;
      let score = hits;
      if (SHAPES.some(([re, shaped]) => shaped === id && re.test(`${shapeWords} ${kind}`))) score += 2;
      if (
        kind !== 'adrenal' &&
        kind !== 'suprarenal' &&
        (id === 7 || id === 8) &&
        (ON_A_KIDNEY.test(span) || (kind !== 'organ' && ABOVE_A_KIDNEY.test(span))) &&
        landmarks.some((l) => l.includes(2) || l.includes(13))
      )
        score += 1;
      return { id, hits, score };
    })
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.hits < 1) return undefined;
  // "the tube food slides down before it hits the stomach": the one tube among the 13.
  if (kind === 'tube') {
    const foodWay =
      (landmarks.some((l) => l.includes(11)) ||
        /\b(?:food|swallow|swallowed|scope|endoscope|camera)\b/.test(span)) &&
      !/\b(?:blood|air|urine|bile)\b/.test(span);
    return best.id === 10 && foodWay ? { id: 10, start, end } : undefined;
  }
  // One of a pair ("the adrenal", "the kidney"): one landmark that only one of them touches will
  // do, and "the kidney across from the spleen" is the other one.
  if (candidates.length === 2 && second) {
    if (best.score < 1 || second.score > 0) return undefined;
    return { id: OPPOSITE.test(span) ? second.id : best.id, start, end };
  }
  if (best.score < 2 || (second && second.score >= best.score) || OPPOSITE.test(span)) return undefined;
  return { id: best.id, start, end };
}

/** The first kind word after a determiner ("which crescent-shaped gland", "the organ"). */
function descriptionHead(
  words: readonly string[],
): { at: number; from: number; kind: string; shapeWords: string } | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    let kind = PLURAL_KINDS.get(word) ?? word;
    if (!KINDS.has(kind)) continue;
    let at = i;
    // "the adrenal gland": the kind is the adrenal.
    if ((kind === 'adrenal' || kind === 'suprarenal') && /^glands?$/.test(words[i + 1] ?? '')) at = i + 1;
    if (kind === 'gland' && (words[i - 1] === 'adrenal' || words[i - 1] === 'suprarenal')) kind = 'adrenal';
    const from = Math.max(0, i - 4);
    const before = words.slice(from, i);
    const det = before.map((w, k) => (DETERMINERS.has(w) ? k : -1)).filter((k) => k >= 0);
    const last = det[det.length - 1];
    // (or the message opens with the kind: "Adrenal behind the pancreatic body. which one is that?")
    const opens = words.slice(0, i).every((w) => /^[a-z]+$/.test(w) && !DETERMINERS.has(w)) && i <= 2;
    if (last === undefined && !opens) continue;
    // ("…above the right kidney": a kind after a place word is a landmark, not what is described)
    if (last !== undefined && PLACE_WORDS.has(words[from + last - 1] ?? '')) continue;
    const modifiers = last === undefined ? words.slice(0, i) : before.slice(last + 1);
    if (modifiers.some((w) => !/^[a-z]+$/.test(w))) continue;
    if (
      (kind === 'vein' || kind === 'artery' || kind === 'vessel') &&
      modifiers.some((w) => VESSEL_NAMES.test(w))
    )
      continue;
    return { at, from: i, kind, shapeWords: modifiers.join(' ') };
  }
  return undefined;
}

/** The side of the organs that lie on one side only. */
const SIDE_OF: Partial<Record<OrganId, 'left' | 'right'>> = {
  1: 'right',
  9: 'right',
  6: 'right',
  2: 'right',
  7: 'right',
  3: 'left',
  11: 'left',
  13: 'left',
  8: 'left',
};
const SAME_SIDE =
  /\bsame side\b|\bside (?:of the body |of the abdomen )?(?:where|with)\b|\bon the side of the\b/;
const OTHER_SIDE = /\b(?:opposite|other) side\b|\bcontralateral\b/;

/** One of a pair on the same (or the other) side as a named organ that lies on one side. */
function pairBySide(
  pair: readonly OrganId[],
  span: string,
  landmarks: readonly Neighbour[][],
): OrganId | undefined {
  const other = OTHER_SIDE.test(span);
  if (!other && !SAME_SIDE.test(span)) return undefined;
  const sides = new Set(
    landmarks.flatMap((l) => (l.length === 1 && typeof l[0] === 'number' ? [SIDE_OF[l[0] as OrganId]] : [])),
  );
  sides.delete(undefined);
  if (sides.size !== 1) return undefined;
  const [side] = [...sides];
  const wanted = other ? (side === 'left' ? 'right' : 'left') : side;
  return pair.find((id) => SIDE_OF[id] === wanted);
}

/** "which one is that?", "what is it?": a short question that points back at what was described. */
function pointsBack(words: readonly string[], at: number): boolean {
  const question = words.slice(at, sentenceEnd(words, at));
  return question.length <= 5 && question.some((w) => w === 'that' || w === 'it' || w === 'this');
}

const SENTENCE_ENDS = new Set(['.', '?', '!', ';']);
/** Index of the first sentence end at or after `from` (or the length). */
function sentenceEnd(words: readonly string[], from: number): number {
  let end = from;
  while (end < words.length && !SENTENCE_ENDS.has(words[end] ?? '')) end++;
  return end;
}
/** Index of the first word of the sentence that holds `at`. */
function sentenceStart(words: readonly string[], at: number): number {
  let start = at;
  while (start > 0 && !SENTENCE_ENDS.has(words[start - 1] ?? '')) start--;
  return start;
}
