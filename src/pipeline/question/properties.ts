/**
 * Known properties of the 13 organs that choose among organs listed in a question ("which of these
 * is retroperitoneal: …", "of the aorta and the IVC, which lies further right?"): sets of organs
 * that have a property, and scales (side, depth, height, size) for comparatives.
 */
import type { OrganId } from '../organs.js';

/**
 * Properties that choose among listed organs: a set of organs that have it, or a scale (larger =
 * more so). Ids: 1 liver, 2 right kidney, 3 spleen, 4 pancreas, 5 aorta, 6 IVC, 7/8 right/left
 * adrenal, 9 gallbladder, 10 esophagus, 11 stomach, 12 duodenum, 13 left kidney.
 */
type OrganScale = Partial<Record<OrganId, number>>;
/** Sets of the 13 shared with the list picks of `mixed-list.ts`. */
export const RETROPERITONEAL: OrganId[] = [2, 13, 4, 5, 6, 7, 8, 12];
export const INTRAPERITONEAL: OrganId[] = [1, 3, 11, 9];
export const FOREGUT: OrganId[] = [1, 4, 9, 10, 11, 12];
export const LYMPHOID: OrganId[] = [3];
export const PURELY_ENDOCRINE: OrganId[] = [7, 8];
/** Organs whose veins drain into the portal system. */
export const PORTAL_DRAINAGE: OrganId[] = [3, 4, 9, 11, 12];
/** Patient's right positive, left negative. */
const RIGHTWARD: OrganScale = {
  1: 3,
  9: 2.5,
  2: 3,
  7: 2.2,
  12: 1.5,
  6: 1,
  4: 0,
  10: -0.3,
  5: -0.5,
  11: -2,
  8: -2.2,
  13: -3,
  3: -3.2,
};
/** Back (dorsal) positive. */
const POSTERIOR: OrganScale = {
  5: 4,
  2: 3.5,
  13: 3.5,
  7: 3.2,
  8: 3.2,
  6: 3,
  10: 3,
  4: 2,
  12: 2,
  3: 1.5,
  1: 1,
  11: 0.5,
  9: 0,
};
/** Head-end positive. */
const SUPERIOR: OrganScale = {
  10: 5,
  1: 4,
  3: 3.6,
  7: 3.5,
  8: 3.4,
  11: 3,
  9: 2,
  4: 2,
  13: 1.8,
  12: 1.2,
  2: 1.3,
};
/** Typical adult weight or size. */
const LARGER: OrganScale = {
  1: 1500,
  3: 150,
  2: 140,
  13: 150,
  4: 90,
  11: 120,
  12: 60,
  9: 30,
  10: 40,
  7: 5,
  8: 5,
};
const RIGHT_SIDED = (Object.keys(RIGHTWARD) as unknown as OrganId[])
  .map(Number)
  .filter((id) => (RIGHTWARD[id as OrganId] as number) >= 1) as OrganId[];
const LEFT_SIDED = (Object.keys(RIGHTWARD) as unknown as OrganId[])
  .map(Number)
  .filter((id) => (RIGHTWARD[id as OrganId] as number) <= -1) as OrganId[];
const ORGAN_PROPERTIES: ReadonlyArray<[RegExp, OrganId[] | OrganScale, 1 | -1]> = [
  // "which of these lie on the patient's left": every one on that side (not the most)
  [
    /(?<!\b(?:more|most|further|farther|furthest|farthest) )\b(?:on|to) the (?:patient s |patients |viewer s |viewers |screen s |image s )?right(?: side| hand side)?\b/,
    RIGHT_SIDED,
    1,
  ],
  [
    /(?<!\b(?:more|most|further|farther|furthest|farthest) )\b(?:on|to) the (?:patient s |patients |viewer s |viewers |screen s |image s )?left(?: side| hand side)?\b/,
    LEFT_SIDED,
    1,
  ],
  [
    /\b(?:more|most|further|farther|furthest|farthest) (?:to (?:the )?)?(?:patient s |patients )?right\b|\bright(?:most|ward)\b|\b(?:right upper quadrant|ruq|right side)\b/,
    RIGHTWARD,
    1,
  ],
  [
    /\b(?:more|most|further|farther|furthest|farthest) (?:to (?:the )?)?(?:patient s |patients )?left\b|\bleft(?:most|ward)\b|\b(?:left upper quadrant|luq|left side)\b/,
    RIGHTWARD,
    -1,
  ],
  [
    /\b(?:more|most|further|farther|furthest|farthest) (?:posterior(?:ly)?|back|dorsal(?:ly)?|behind)\b|\bposterior(?:most)?\b(?! wall of the lesser sac)|\bdeep(?:er|est)\b|\bbehind the lesser sac\b|\bclosest to the (?:spine|vertebra|back)\b/,
    POSTERIOR,
    1,
  ],
  [
    /\b(?:more|most|further|farther|furthest|farthest) (?:anterior(?:ly)?|forward|ventral(?:ly)?|in front)\b|\banterior(?:most)?\b|\bsuperficial\b/,
    POSTERIOR,
    -1,
  ],
  [
    /\b(?:higher|highest|more superior(?:ly)?|superior(?:most)?|more cranial(?:ly)?|upper ?most)\b/,
    SUPERIOR,
    1,
  ],
  [
    /\b(?:lower|lowest|more inferior(?:ly)?|inferior(?:most)?|more caudal(?:ly)?|lower ?most)\b/,
    SUPERIOR,
    -1,
  ],
  [/\b(?:heavier|heaviest|larger|largest|bigger|biggest)\b/, LARGER, 1],
  [/\b(?:lighter|lightest|smaller|smallest|tinier|tiniest)\b/, LARGER, -1],
  [/(?<!\b(?:secondar(?:il)?y|primar(?:il)?y) )\bretroperitoneal(?:ly)?\b/, RETROPERITONEAL, 1],
  // Secondarily retroperitoneal: gut that lost its mesentery (pancreas, most of the duodenum).
  [/\bsecondar(?:il)?y retroperitoneal\b/, [4, 12], 1],
  [/\bprimar(?:il)?y retroperitoneal\b/, [2, 13, 5, 6, 7, 8], 1],
  [/\bintraperitoneal(?:ly)?\b|\b(?:has|with) a mesentery\b/, INTRAPERITONEAL, 1],
  [/\bhollow\b|\bhas a lumen\b/, [9, 10, 11, 12], 1],
  [/\bsolid\b/, [1, 2, 3, 4, 7, 8, 13], 1],
  [
    /\bpaired\b|\bcome in pairs\b|\b(?:come|comes) in (?:left and right|left right|right and left) pairs?\b|\bcomes in a pair\b|\b(?:one|part|member) of a pair\b/,
    [2, 13, 7, 8],
    1,
  ],
  [/\bunpaired\b|\bsingle midline\b/, [1, 3, 4, 5, 6, 9, 10, 11, 12], 1],
  // "every organ on your list that food passes through"
  [
    /\bfood (?:passes|goes|travels|moves) through\b|\bswallowed (?:food|pills?|tablets?|objects?|magnets?|coins?|capsules?) (?:passes|pass|goes|go|travels|moves)\b|\b(?:pill|tablet|capsule|bolus|coin|magnet) (?:passes|goes|travels|moves) through\b/,
    [10, 11, 12],
    1,
  ],
  // Both a cortex and a medulla: the kidneys and the adrenals.
  [/\b(?:a |both a )?cortex and (?:a )?medulla\b/, [2, 13, 7, 8], 1],
  // Venous return from the legs and the abdomen: the IVC alone among the options.
  [/\bblood from the legs\b|\b(?:back|returns?|returning) (?:blood )?to the heart\b/, [6], 1],
  // "the right-hand member of every pair"
  [/\bright(?: hand)? (?:member|one|half) of (?:every|each) pair\b/, [2, 7], 1],
  [/\bleft(?: hand)? (?:member|one|half) of (?:every|each) pair\b/, [13, 8], 1],
  [/\b(?:digestive|alimentary|gi|gut) (?:tube|tract|canal)\b|\bpart of the gut\b/, [10, 11, 12], 1],
  [/\b(?:lymphatic|lymphoid|immune) (?:system|organ)\b|\blymphoid\b/, LYMPHOID, 1],
  [
    /\b(?:makes?|making|produces?|producing|secretes?|secreting) insulin\b|\binsulin (?:making|producing|secreting)\b/,
    [4],
    1,
  ],
  [/\b(?:makes?|making|produces?|producing) bile\b|\bbile (?:making|producing)\b/, [1], 1],
  // Blood is made in the liver and the spleen before the bone marrow takes over.
  [
    /\b(?:fetus|foetus|fetal|foetal|embryo|embryonic|in utero)\b.*\b(?:blood|haematopoie[a-z]*|hematopoie[a-z]*)\b|\b(?:blood|haematopoie[a-z]*|hematopoie[a-z]*)\b.*\b(?:fetus|foetus|fetal|foetal|embryo|in utero)\b|\bextramedullary (?:haematopoiesis|hematopoiesis)\b/,
    [1, 3],
    1,
  ],
  // ("the purely endocrine glands": the pancreas is mostly exocrine.)
  [/(?<!\b(?:purely|only|solely|exclusively|pure|just) )\bendocrine\b|\bhormones?\b/, [4, 7, 8], 1],
  [/\b(?:purely|only|solely|exclusively|pure) endocrine\b|\bductless\b/, PURELY_ENDOCRINE, 1],
  // Veins of their own into the IVC: the hepatic veins, both renal veins, the right adrenal vein (the
  // left adrenal vein ends in the left renal vein, the spleen's in the portal system).
  [
    /\b(?:drain|drains|draining|empty|empties|emptying|open|opens)(?: directly| straight)? into the (?:ivc|inferior vena cava)\b/,
    [1, 2, 13, 7],
    1,
  ],
  // The lesser sac's posterior wall (the stomach bed less the spleen, plus the aorta).
  [
    /\b(?:posterior|back) wall of the lesser sac\b|\blesser sac s (?:posterior|back) wall\b/,
    [4, 8, 13, 5],
    1,
  ],
  [/\bdigestive enzymes?\b|\bsecretes? enzymes?\b/, [4, 11], 1],
  [/\bsplenic artery\b/, [3, 4, 11], 1],
  [/\bportal (?:vein|venous|system|circulation)\b/, PORTAL_DRAINAGE, 1],
  [/\bstomach bed\b/, [3, 4, 8, 13], 1],
  [/\bhepatic diverticulum\b/, [1, 9], 1],
  [/\bforegut\b/, FOREGUT, 1],
  [/\b(?:coeliac|celiac) (?:trunk|axis|artery)\b/, [1, 3, 4, 9, 10, 11, 12], 1],
  [/\b(?:carries|carry|carrying|has|contains|holds) no blood\b/, [1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13], 1],
  [/\b(?:carries|carry|carrying) blood\b|\bblood vessels?\b|\bvessels\b/, [5, 6], 1],
  [/\b(?:carries|carry|carrying) (?:arterial|oxygenated|oxygen rich) blood\b/, [5], 1],
  [/\b(?:carries|carry|carrying) (?:venous|deoxygenated) blood\b/, [6], 1],
  [/\bsame side as the (?:liver|gallbladder|duodenum)\b/, RIGHTWARD, 1],
  [/\bsame side as the (?:spleen|stomach)\b/, RIGHTWARD, -1],
  // Anterior relations of the kidneys ("which of these touch the front of the left kidney").
  [
    /\b(?:in front of|anterior to|front of|ventral to|anterior surface of|anterior relations? of) (?:the )?(?:patient s )?left kidney\b/,
    [3, 4, 11, 8],
    1,
  ],
  [
    /\b(?:in front of|anterior to|front of|ventral to|anterior surface of|anterior relations? of) (?:the )?(?:patient s )?right kidney\b/,
    [1, 12, 7],
    1,
  ],
  // The diaphragm's openings: the IVC at T8, the oesophagus at T10, the aorta at T12 (behind it).
  [/\bt8 (?:or|and) t10\b|\bt10 (?:or|and) t8\b/, [6, 10], 1],
  [/\bt8\b(?! (?:or|and) t10\b)(?<!\bt10 (?:or|and) t8)|\bcaval (?:opening|foramen|hiatus)\b/, [6], 1],
  [/\bt10\b(?! (?:or|and) t8\b)(?<!\bt8 (?:or|and) t10)|\bo?esophageal hiatus\b/, [10], 1],
  [/\bt12\b|\baortic hiatus\b/, [5], 1],
  [/\b(?:pass|passes|go|goes|run|runs) through the diaphragm\b(?! at\b)/, [5, 6, 10], 1],
  // An upper endoscope (and the ERCP duodenoscope) passes the oesophagus, the stomach and the duodenum.
  [
    /\b(?:egd|ogd|gastroscope|gastroscopy|endoscope|upper endoscopy|upper gi endoscopy|oesophagogastroduodenoscopy|esophagogastroduodenoscopy|ercp|duodenoscope|duodenoscopy)\b/,
    [10, 11, 12],
    1,
  ],
  // Inside the renal (Gerota's) fascia: the kidneys and the adrenals.
  [/\b(?:gerota s|gerotas|renal|perirenal) fascia\b|\bperirenal space\b/, [2, 13, 7, 8], 1],
  // "which one is an artery", not "goes to the portal vein"
  [/\b(?:an?|the) artery\b/, [5], 1],
  [/\b(?:an?|the) vein\b/, [6], 1],
];
/** Organs with every kept property before "neither", and none of those after it ("… nor …"). */
function pickButNeither(text: string, allowed: readonly OrganId[]): OrganId[] | undefined {
  const [kept = '', denied = ''] = text.split(/\bneither\b/);
  const sets = (clause: string) =>
    ORGAN_PROPERTIES.filter(([re, property]) => Array.isArray(property) && re.test(clause)).map(
      ([, property]) => property as OrganId[],
    );
  const keep = sets(kept);
  const drop = denied.split(/\bnor\b/).flatMap((clause) => sets(clause));
  if (keep.length === 0 || drop.length === 0) return undefined;
  const chosen = allowed.filter(
    (id) => keep.every((set) => set.includes(id)) && !drop.some((set) => set.includes(id)),
  );
  return chosen.length > 0 && chosen.length < allowed.length ? chosen : undefined;
}
/** "which one is not part of the digestive tube": the property is denied. */
const DENIED_PROPERTY = /^(?:[a-z]+ ){0,4}(?:not|isn t|isnt|doesn t|doesnt|is never|never|lacks)\b/;

export function pickByProperty(words: readonly string[], allowed: readonly OrganId[]): OrganId[] | undefined {
  // "…in front of the spine, which one is not a vein?": the words after the selector first.
  const at = words.findIndex((w) => w === 'which' || w === 'whichever' || w === 'one' || w === 'ones');
  if (at >= 0 && at < words.length - 1) {
    const picked = pickByProperty(words.slice(at + 1), allowed);
    if (picked) return picked;
  }
  // "a hollow organ rather than a solid one": only what comes before "rather than".
  // "not non-retroperitoneal" is retroperitoneal.
  const text = (
    words.join(' ').split(/\b(?:rather than|instead of|as opposed to|and not|but not)\b/)[0] ?? ''
  ).replace(/\bnot (?:a |an )?non /g, '');
  const found = ORGAN_PROPERTIES.filter(([re]) => re.test(text));
  // "the hollow organ that is neither part of the gut tube nor a blood vessel": a known property
  // less those denied; with no property to keep ("makes neither bile nor any digestive enzyme"),
  // nothing is chosen.
  if (/\bneither\b/.test(text)) return pickButNeither(text, allowed);
  // "the paired organs on the patient's left", "the solid ones on the right": sets that meet.
  if (found.length > 1) {
    if (!found.every(([, property]) => Array.isArray(property)) || DENIED_PROPERTY.test(`${text} `))
      return undefined;
    const shared = allowed.filter((id) =>
      found.every(([, property]) => (property as OrganId[]).includes(id)),
    );
    return shared.length > 0 && shared.length < allowed.length ? shared : undefined;
  }
  if (found.length !== 1) return undefined;
  const [re, property, direction] = found[0] as (typeof found)[number];
  const denied =
    Array.isArray(property) && DENIED_PROPERTY.test(`${text.slice(0, re.exec(text)?.index ?? 0)} `);
  let chosen: OrganId[];
  if (Array.isArray(property)) {
    chosen = allowed.filter((id) => property.includes(id) !== denied);
    // "Of the IVC and the aorta, which lies on the patient's left?": near the midline, the side the
    // organ leans to decides.
    if (chosen.length === 0 && (property === RIGHT_SIDED || property === LEFT_SIDED) && !denied) {
      const lean = property === RIGHT_SIDED ? 1 : -1;
      chosen = allowed.filter((id) => (RIGHTWARD[id] ?? 0) * lean > 0);
    }
  } else {
    const scored = allowed.filter((id) => property[id] !== undefined);
    if (scored.length !== allowed.length) return undefined;
    const best = Math.max(...scored.map((id) => (property[id] as number) * direction));
    chosen = scored.filter((id) => (property[id] as number) * direction === best);
  }
  // A paired organ listed once ("kidney") keeps both sides; a property must leave fewer organs,
  // unless several are asked for ("liver, spleen and pancreas - the solid ones").
  const plural =
    words.includes('ones') ||
    words.includes('those') ||
    /\b(?:which|what) (?:are|lie|ones)\b/.test(words.join(' '));
  return chosen.length > 0 &&
    (chosen.length < allowed.length || (plural && Array.isArray(property) && !denied))
    ? chosen
    : undefined;
}

/**
 * "Which options are at once lymphoid and hollow?", "paired and come from the foregut": two or more
 * known sets asked together that no option is in (the answer is N), or false.
 */
export function propertiesDisjoint(words: readonly string[]): boolean {
  const text = words.join(' ');
  if (/\b(?:neither|nor|not|except|without|rather than|instead of|or)\b/.test(text)) return false;
  const sets = ORGAN_PROPERTIES.filter(([re, property]) => Array.isArray(property) && re.test(text)).map(
    ([, property]) => property as OrganId[],
  );
  if (sets.length < 2) return false;
  const all = Array.from({ length: 13 }, (_, k) => (k + 1) as OrganId);
  return !all.some((id) => sets.every((set) => set.includes(id)));
}
