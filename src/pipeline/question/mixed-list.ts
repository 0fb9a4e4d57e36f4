/**
 * A teacher's pick from a written list that mixes organs of the 13 with structures outside them:
 * "Which is not retroperitoneal: ascending colon, kidney, pancreas, transverse colon?",
 * "Odd one out: spleen, thymus, tonsils, liver - which isn't a lymphoid organ?". Each listed item
 * is looked up in a small table of textbook properties; the item (or items) the question picks is
 * the answer, and a pick outside the 13 is N. Anything unknown (an item, a property, an item the
 * property does not settle) leaves the question to the rest of the resolver.
 */
import type { OrganId } from '../organs.js';
import {
  FOREGUT,
  INTRAPERITONEAL,
  LYMPHOID,
  PORTAL_DRAINAGE,
  PURELY_ENDOCRINE,
  RETROPERITONEAL,
} from './properties.js';

/** Listed things: an organ of the 13 by id(s), or a structure outside them by a plain name. */
type Item = { ids: readonly OrganId[]; name: string } | { outside: string; name: string };

const ORGAN_ITEMS: ReadonlyArray<readonly [RegExp, readonly OrganId[]]> = [
  [/^liver$/, [1]],
  [/^right kidney$/, [2]],
  [/^left kidney$/, [13]],
  [/^(?:both |two )?kidneys?$/, [2, 13]],
  [/^spleen$/, [3]],
  [/^(?:pancreas|pancreatic (?:head|tail|body)|(?:head|tail|body) of (?:the )?pancreas)$/, [4]],
  [/^(?:abdominal )?aorta$/, [5]],
  [/^(?:ivc|inferior vena cava|vena cava)$/, [6]],
  [/^right adrenal(?: gland)?$/, [7]],
  [/^left adrenal(?: gland)?$/, [8]],
  [/^(?:both |two )?adrenals?(?: glands?)?$/, [7, 8]],
  [/^gall ?bladder$/, [9]],
  [/^o?esophagus$/, [10]],
  [/^stomach$/, [11]],
  [/^duodenum$/, [12]],
];

const OUTSIDE_ITEMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^ascending colon$/, 'ascending colon'],
  [/^descending colon$/, 'descending colon'],
  [/^transverse colon$/, 'transverse colon'],
  [/^sigmoid(?: colon)?$/, 'sigmoid colon'],
  [/^jejunum$/, 'jejunum'],
  [/^ileum$/, 'ileum'],
  [/^appendix$/, 'appendix'],
  [/^c(?:a)?ecum$/, 'caecum'],
  [/^ureters?$/, 'ureter'],
  [/^(?:urinary )?bladder$/, 'urinary bladder'],
  [/^lungs?$/, 'lungs'],
  [/^heart$/, 'heart'],
  [/^brain$/, 'brain'],
  [/^thyroid(?: gland)?$/, 'thyroid'],
  [/^pituitary(?: gland)?$/, 'pituitary'],
  [/^parathyroids?(?: glands?)?$/, 'parathyroid'],
  [/^thymus$/, 'thymus'],
  [/^tonsils?$/, 'tonsils'],
  [/^lymph nodes?$/, 'lymph nodes'],
  [/^uterus$/, 'uterus'],
  [/^prostate(?: gland)?$/, 'prostate'],
  [/^ovar(?:y|ies)$/, 'ovaries'],
  [/^trachea$/, 'trachea'],
];

const COLON = ['ascending colon', 'descending colon', 'transverse colon', 'sigmoid colon', 'caecum'];
const SMALL_BOWEL = ['jejunum', 'ileum', 'appendix'];

/**
 * A property: the items that have it and the items that lack it (ids of the 13 and outside names);
 * an item in neither is unsettled. `inverse`: the words name the lack ("bypasses the portal vein").
 */
interface Property {
  re: RegExp;
  has: ReadonlyArray<OrganId | string>;
  lacks: ReadonlyArray<OrganId | string>;
  inverse?: boolean;
}

const ALL_13: OrganId[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
const RETRO: Array<OrganId | string> = [...RETROPERITONEAL, 'ascending colon', 'descending colon', 'ureter'];
const INTRA: Array<OrganId | string> = [
  ...INTRAPERITONEAL,
  'transverse colon',
  'sigmoid colon',
  'jejunum',
  'ileum',
  'appendix',
];
const PORTAL: Array<OrganId | string> = [...PORTAL_DRAINAGE, ...COLON, ...SMALL_BOWEL];
const SYSTEMIC: Array<OrganId | string> = [1, 2, 13, 7, 8, 5, 6, 'ureter', 'urinary bladder'];

const PROPERTIES: readonly Property[] = [
  {
    re: /\b(?<!(?:secondarily|primarily|partly|partially) )retroperitoneal\b/,
    has: RETRO,
    lacks: INTRA,
  },
  { re: /\bintraperitoneal\b/, has: INTRA, lacks: RETRO },
  {
    re: /\bforegut\b/,
    has: FOREGUT,
    lacks: [2, 3, 5, 6, 7, 8, 13, ...COLON, ...SMALL_BOWEL, 'ureter', 'urinary bladder'],
  },
  {
    re: /\blymphoid\b|\blymphatic organs?\b/,
    has: [...LYMPHOID, 'thymus', 'tonsils', 'lymph nodes'],
    lacks: [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 'thyroid', 'pituitary', 'lungs', 'heart'],
  },
  {
    re: /\bpurely endocrine\b|\bonly endocrine\b|\bsolely endocrine\b|\bexclusively endocrine\b/,
    has: [...PURELY_ENDOCRINE, 'thyroid', 'pituitary', 'parathyroid'],
    lacks: [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13],
  },
  {
    re: /\babdominal (?:organ|viscus)\b|\bin the abdomen\b/,
    has: ALL_13,
    lacks: ['lungs', 'heart', 'brain', 'thyroid', 'trachea', 'pituitary'],
  },
  {
    re: /\b(?:in|within) the pelvis\b|\bpelvic (?:organ|viscus)\b/,
    has: ['urinary bladder', 'uterus', 'prostate', 'ovaries'],
    lacks: ALL_13,
  },
  {
    re: /\b(?:drains?|draining|blood goes|empt(?:y|ies)) (?:in)?to the portal (?:system|vein|circulation)\b|\bportal (?:venous )?drainage\b/,
    has: PORTAL,
    lacks: SYSTEMIC,
  },
  {
    re: /\bbypass(?:es)? the portal (?:vein|system|circulation)\b/,
    has: PORTAL,
    lacks: SYSTEMIC,
    inverse: true,
  },
];

/** Words that ask for the listed things that lack the property. */
const DENIED =
  /\b(?:not|isn t|isnt|aren t|arent|doesn t|doesnt|don t|dont|never|except|missing|lacks?|fails?)\b/g;
/** Words that pick from the list at all ("Segment them" after a list of what was resected does not). */
const PICKS =
  /\b(?:which|whichever|the one|the ones|those|only|odd one out|except|exception|all but|rather than)\b/;
/** A second property or a double negation, which the table cannot weigh: left to the resolver. */
const BEYOND_TABLE =
  /\b(?:hollow|solid|paired|unpaired|anterior|posterior|most|least|neither|nor|both|largest|smallest|biggest|heaviest|heavier|lighter|higher|lower|also|as well|non)\b/;

function itemOf(piece: string): Item | undefined {
  const name = piece
    .replace(/^(?:(?:of|among|amongst|from|between|the|a|an|either|and|or|plus|its|then)\s+)+/, '')
    .trim();
  if (!name) return undefined;
  for (const [re, ids] of ORGAN_ITEMS) if (re.test(name)) return { ids, name };
  for (const [re, outside] of OUTSIDE_ITEMS) if (re.test(name)) return { outside, name };
  return undefined;
}

/** The longest run of three or more listed things, and the message without them. */
function listIn(text: string): { items: Item[]; rest: string } | undefined {
  const pieces = text.split(/\s*(?:[,:;?.!()]|\s[-–—]\s|\bor\b|\band\b)\s*/);
  let best: { items: Item[]; from: number; to: number } | undefined;
  let run: Item[] = [];
  let from = 0;
  pieces.forEach((piece, k) => {
    if (piece.trim() === '' && run.length > 0) return;
    const item = itemOf(piece.trim());
    if (item) {
      if (run.length === 0) from = k;
      run.push(item);
      if (run.length >= 3 && (!best || run.length > best.items.length))
        best = { items: [...run], from, to: k };
    } else run = [];
  });
  if (!best) return undefined;
  const found = best;
  const rest = pieces.filter((_, k) => k < found.from || k > found.to).join(' ');
  return { items: found.items, rest };
}

function settled(property: Property, item: Item): boolean | undefined {
  const keys: Array<OrganId | string> = 'ids' in item ? [...item.ids] : [item.outside];
  const has = keys.map((key) =>
    property.has.includes(key) ? true : property.lacks.includes(key) ? false : undefined,
  );
  if (has.some((h) => h === undefined)) return undefined;
  return has.every(Boolean) ? true : has.every((h) => !h) ? false : undefined;
}

/**
 * The organs of the 13 a mixed list's pick names, `{ outside }` when the pick is outside the 13,
 * or undefined when the message is no such pick or the table does not settle it.
 */
export function pickFromMixedList(normalised: string): { ids: OrganId[] } | { outside: string } | undefined {
  const list = listIn(normalised);
  if (!list || !PICKS.test(list.rest) || BEYOND_TABLE.test(list.rest)) return undefined;
  const found = PROPERTIES.filter((p) => p.re.test(list.rest));
  if (found.length !== 1) return undefined;
  const property = found[0] as Property;
  const values = list.items.map((item) => settled(property, item));
  if (values.some((v) => v === undefined)) return undefined;
  const denials = list.rest.match(DENIED)?.length ?? 0;
  if (denials > 1) return undefined;
  const having = list.items.filter((_, k) => values[k]);
  const lacking = list.items.filter((_, k) => !values[k]);
  // "Odd one out: …" with no denial picks the one item that stands alone.
  const oddOne = /\bodd one out\b/.test(list.rest) && denials === 0 && !property.inverse;
  const chosen = oddOne
    ? having.length === 1
      ? having
      : lacking.length === 1
        ? lacking
        : []
    : (denials === 1) !== Boolean(property.inverse)
      ? lacking
      : having;
  if (chosen.length === 0 || chosen.length === list.items.length) return undefined;
  const organs = chosen.flatMap((item) => ('ids' in item ? [...item.ids] : []));
  const outside = chosen.flatMap((item) => ('outside' in item ? [item.outside] : []));
  if (organs.length > 0 && outside.length === 0) return { ids: [...new Set(organs)] };
  if (outside.length > 0 && organs.length === 0) return { outside: outside[0] as string };
  return undefined;
}
