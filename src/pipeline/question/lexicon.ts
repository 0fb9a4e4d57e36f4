/**
 * Names by which a question can mention an organ directly: names, plurals, adjectives, synonyms,
 * abbreviations, common misspellings and a few words in other languages, plus the names of organs
 * outside the 13 (the C' side). Paired organs (kidneys, adrenals) are a family: laterality in the
 * question picks the side, none or both picks both.
 */
import type { OrganId } from '../organs.js';
import { tokenize } from './text.js';

export type MentionTarget =
  | { kind: 'organ'; ids: readonly OrganId[]; family?: 'kidney' | 'adrenal' }
  | { kind: 'outside'; topic: string };

export interface LexiconEntry {
  /** Normalised tokens of the phrase. */
  tokens: readonly string[];
  target: MentionTarget;
  /** Only counts when typed in capitals (RAG, LAG, GB are also English words). */
  capitalsOnly?: boolean;
  /**
   * An adjective ("renal", "gastric"): in a "which organ ..." question it usually qualifies a
   * disease or a secretion ("renal colic", "gastric acid") and is left to the context cache.
   */
  adjective?: boolean;
}

const organ = (...ids: OrganId[]): MentionTarget => ({ kind: 'organ', ids });
const KIDNEYS: MentionTarget = { kind: 'organ', ids: [2, 13], family: 'kidney' };
const ADRENALS: MentionTarget = { kind: 'organ', ids: [7, 8], family: 'adrenal' };
const outside = (topic: string): MentionTarget => ({ kind: 'outside', topic });

// [phrases separated by "|", target, options]
const RAW: ReadonlyArray<[string, MentionTarget, { capitalsOnly?: boolean; adjective?: boolean }?]> = [
  ['liver|livers|hepar|higado|leber|foie|fegato', organ(1)],
  ['hepatic|hepato', organ(1), { adjective: true }],
  ['hepatocyte|hepatocytes|liver cell|liver cells', organ(1)],
  ['livr|liever|lvier|lvr|liv|lever', organ(1)],
  ['right kidney|right renal|rt kidney|right nephron|right kid|rt kid|rgt kid', organ(2)],
  ['RK', organ(2), { capitalsOnly: true }],
  ['left kidney|left renal|lt kidney|left kid|lt kid|lft kid', organ(13)],
  ['LK', organ(13), { capitalsOnly: true }],
  // ("kid knees": dictation)
  ['kidney|kidneys|kindey|kidny|kidnies|rinon|rinones|niere|nieren|kid knees|kid neys', KIDNEYS],
  // "the bean shaped thing on the patient's right"
  ['bean shaped', KIDNEYS],
  // "the 'kidney hats' pls": the adrenals by their shape.
  ['kidney hat|kidney hats|kidney caps', ADRENALS],
  ['renal|nephric', KIDNEYS, { adjective: true }],
  // ("spline": dictation)
  ['spleen|spleens|bazo|milz|milza|lien|spline|spl', organ(3)],
  ['splenic|splen', organ(3), { adjective: true }],
  // ("pan Chris", "pan crease": dictation)
  ['pancreas|pancreases|pancrease|pancrea|bauchspeicheldruse|sweetbread|panc|pan chris|pan crease', organ(4)],
  ['pancreatic', organ(4), { adjective: true }],
  [
    'aorta|aortas|abdominal aorta|aorte|a order|tummy artery|belly artery|big tummy artery|big belly artery',
    organ(5),
  ],
  // "Ao & IVC", "infrarenal Ao": the radiologists' abbreviation
  ['ao', organ(5)],
  // "both vessels", "the great vessels": in the abdomen, the aorta and the IVC together.
  [
    'great vessels|both vessels|both blood vessels|both the vessels|both the blood vessels|both of the vessels|two vessels|both big vessels|both great vessels|both main vessels|both large vessels|both major vessels|great abdominal vessels|two great vessels|two big vessels|two large vessels|two main vessels|two major vessels|two largest vessels|two biggest vessels|two great abdominal vessels|two big abdominal vessels|two big blood vessels|two blood vessels|two great blood vessels|two main blood vessels|two big retroperitoneal vessels|two great retroperitoneal vessels|two retroperitoneal vessels|great retroperitoneal vessels|two large abdominal vessels|two main abdominal vessels|two major abdominal vessels',
    organ(5, 6),
  ],
  ['aortic', organ(5), { adjective: true }],
  [
    'eye vc|eye v c|eye vee see|biggest vein in the abdomen|largest vein in the abdomen|biggest abdominal vein|largest abdominal vein|biggest vein in the body|largest vein in the body|inferior vena cava|vena cava|vena cava inferior|inferior vena|ivc|postcava|vena cava inferior|inferior cava|hohlvene|retrohepatic cava|infrahepatic cava|suprarenal cava|infrarenal cava|hepatic segment of the ivc|hepatic segment of the inferior vena cava|hepatic part of the ivc|intrahepatic ivc|retrohepatic ivc|suprahepatic ivc|suprahepatic cava|suprahepatic inferior vena cava|suprarenal ivc|infrarenal ivc|infrahepatic ivc|suprarenal ivc|infrarenal ivc',
    organ(6),
  ],
  [
    'right adrenal|right adrenal gland|r adrenal|r adrenal gland|right suprarenal|right suprarenal gland|right adr|rt adr|right add renal gland|right adrnl|rt adrnl|r adrnl|rght adrnl',
    organ(7),
  ],
  ['RAG', organ(7), { capitalsOnly: true }],
  [
    'left adrenal|left adrenal gland|l adrenal|l adrenal gland|left suprarenal|left suprarenal gland|left adr|lt adr|left add renal gland|left adrnl|lft adrnl|lt adrnl|l adrnl|lft adrenal|lft adr',
    organ(8),
  ],
  ['LAG', organ(8), { capitalsOnly: true }],
  [
    // ("a renal gland": adrenal gland misheard by dictation)
    'adrenal|adrenals|adrenal gland|adrenal glands|adrnl|adrnls|suprarenal|suprarenal gland|suprarenal glands|nebenniere|a renal gland|a renal glands|ad renal|ad renals|ad renal gland|ad renal glands|add renal gland|add renal glands|add renal|add renals',
    ADRENALS,
  ],
  [
    'gallbladder|gallbladders|gall bladder|gall bladders|gal bladder|gal bladders|gaul bladder|gaul bladders|other bladder|bladder that stores bile|bladder which stores bile|bladder storing bile|bladder that holds bile|bladder for bile|bladder of bile|bile bladder|gall|gallblader|galbladder|gall blader|biliary bladder|cholecyst|vesicula biliar|gallenblase|vesicule biliaire|cistifellea|bile bag|bile sac|bile sack|bile pouch|gold bladder',
    organ(9),
  ],
  ['GB', organ(9), { capitalsOnly: true }],
  [
    // ("a soft a gus": dictation)
    'esophagus|esophagi|gullet|food pipe|foodpipe|esophagous|esofago|speiserohre|esophage|oesoph|esoph|a soft a gus|a sofa gus',
    organ(10),
  ],
  ['esophageal', organ(10), { adjective: true }],
  ['stomach|stomachs|stomache|tummy|estomago|magen|estomac|stomaco|stomac', organ(11)],
  ['gastric', organ(11), { adjective: true }],
  ['duodenum|duodena|duodenem|duodeno|duodenums|zwolffingerdarm|duod|duodn', organ(12)],
  ['duodenal', organ(12), { adjective: true }],
  ['c loop|duodenal c loop|duodenal sweep', organ(12)],
  ['duo', organ(12), { capitalsOnly: true }],
  // Longer than "small intestine" (outside), so the duodenum is found first.
  [
    'first part of the small intestine|first part of small intestine|first part of the small bowel|first part of small bowel|first part of the small gut|first part of the intestine|first part of the bowel|first portion of the small intestine|first segment of the small intestine|beginning of the small intestine|start of the small intestine|first bit of the small intestine|first bit of small intestine|first bit of the small bowel|first bit of small bowel|first bit of the intestine|first bit of the bowel|first bit of the gut|first section of the small intestine|first section of the small bowel|first stretch of the small intestine',
    organ(12),
  ],

  // The duodenum and the stomach by a superlative along the gut (longer than "small intestine",
  // "gut" and the like, so they are found first).
  [
    'shortest part of the small intestine|shortest part of the small bowel|shortest segment of the small intestine|shortest segment of the small bowel|shortest section of the small intestine|shortest section of the small bowel|shortest portion of the small intestine|shortest portion of the small bowel|shortest bit of the small intestine|shortest bit of the small bowel|shortest stretch of the small intestine|shortest stretch of the small bowel|smallest part of the small intestine|smallest part of the small bowel|smallest segment of the small intestine|smallest segment of the small bowel|smallest section of the small intestine|smallest section of the small bowel|smallest portion of the small intestine|smallest portion of the small bowel|smallest bit of the small intestine|smallest bit of the small bowel|smallest stretch of the small intestine|smallest stretch of the small bowel',
    organ(12),
  ],
  [
    'most dilated part of the gut|most dilated part of the alimentary canal|most dilated part of the alimentary tract|most dilated part of the digestive tract|most dilated part of the digestive tube|most dilated part of the gi tract|most dilated part of the gastrointestinal tract|most dilated part of the whole gut|most dilated part of the whole alimentary canal|most dilated part of the whole alimentary tract|most dilated part of the whole digestive tract|most dilated part of the whole digestive tube|most dilated part of the whole gi tract|most dilated part of the whole gastrointestinal tract|most dilated part of the entire gut|most dilated part of the entire alimentary canal|most dilated part of the entire alimentary tract|most dilated part of the entire digestive tract|most dilated part of the entire digestive tube|most dilated part of the entire gi tract|most dilated part of the entire gastrointestinal tract|widest part of the gut|widest part of the alimentary canal|widest part of the alimentary tract|widest part of the digestive tract|widest part of the digestive tube|widest part of the gi tract|widest part of the gastrointestinal tract|widest part of the whole gut|widest part of the whole alimentary canal|widest part of the whole alimentary tract|widest part of the whole digestive tract|widest part of the whole digestive tube|widest part of the whole gi tract|widest part of the whole gastrointestinal tract|widest part of the entire gut|widest part of the entire alimentary canal|widest part of the entire alimentary tract|widest part of the entire digestive tract|widest part of the entire digestive tube|widest part of the entire gi tract|widest part of the entire gastrointestinal tract|most distensible part of the gut|most distensible part of the alimentary canal|most distensible part of the alimentary tract|most distensible part of the digestive tract|most distensible part of the digestive tube|most distensible part of the gi tract|most distensible part of the gastrointestinal tract|most distensible part of the whole gut|most distensible part of the whole alimentary canal|most distensible part of the whole alimentary tract|most distensible part of the whole digestive tract|most distensible part of the whole digestive tube|most distensible part of the whole gi tract|most distensible part of the whole gastrointestinal tract|most distensible part of the entire gut|most distensible part of the entire alimentary canal|most distensible part of the entire alimentary tract|most distensible part of the entire digestive tract|most distensible part of the entire digestive tube|most distensible part of the entire gi tract|most distensible part of the entire gastrointestinal tract|most expandable part of the gut|most expandable part of the alimentary canal|most expandable part of the alimentary tract|most expandable part of the digestive tract|most expandable part of the digestive tube|most expandable part of the gi tract|most expandable part of the gastrointestinal tract|most expandable part of the whole gut|most expandable part of the whole alimentary canal|most expandable part of the whole alimentary tract|most expandable part of the whole digestive tract|most expandable part of the whole digestive tube|most expandable part of the whole gi tract|most expandable part of the whole gastrointestinal tract|most expandable part of the entire gut|most expandable part of the entire alimentary canal|most expandable part of the entire alimentary tract|most expandable part of the entire digestive tract|most expandable part of the entire digestive tube|most expandable part of the entire gi tract|most expandable part of the entire gastrointestinal tract|baggiest part of the gut|baggiest part of the alimentary canal|baggiest part of the alimentary tract|baggiest part of the digestive tract|baggiest part of the digestive tube|baggiest part of the gi tract|baggiest part of the gastrointestinal tract|baggiest part of the whole gut|baggiest part of the whole alimentary canal|baggiest part of the whole alimentary tract|baggiest part of the whole digestive tract|baggiest part of the whole digestive tube|baggiest part of the whole gi tract|baggiest part of the whole gastrointestinal tract|baggiest part of the entire gut|baggiest part of the entire alimentary canal|baggiest part of the entire alimentary tract|baggiest part of the entire digestive tract|baggiest part of the entire digestive tube|baggiest part of the entire gi tract|baggiest part of the entire gastrointestinal tract',
    organ(11),
  ],
  // Named vessels, ducts and bowel parts that carry an organ's adjective are not that organ:
  // "segment the renal artery" is N, and in "which organ does the splenic artery supply?" the
  // name is context like any other.
  [
    'dorsal aorta|dorsal aortae|paired dorsal aortae|splenic vessels|renal vessels|hepatic vessels|gastric vessels|short gastric vessels|mesenteric vessels|gonadal vessels|iliac vessels|portal vein|hepatic portal vein|vena portae|vena porta|renal artery|renal arteries|renal vein|renal veins|left renal vein|right renal vein|left renal artery|right renal artery|splenic artery|splenic vein|hepatic artery|hepatic arteries|azygos|azygos vein|azygous vein|hemiazygos|hemiazygos vein|hepatic vein|hepatic veins|left hepatic vein|right hepatic vein|middle hepatic vein|left hepatic artery|right hepatic artery|gastric artery|left gastric artery|right gastric artery|gastroduodenal artery|pancreaticoduodenal artery|adrenal vein|adrenal veins|suprarenal vein|left adrenal vein|right adrenal vein|gonadal vein|gonadal veins|left gonadal vein|mesenteric artery|mesenteric vein|superior mesenteric artery|superior mesenteric vein|inferior mesenteric artery|inferior mesenteric vein|SMA|SMV|celiac trunk|celiac artery|iliac artery|iliac arteries|iliac vein|iliac veins|common iliac artery|common iliac vein|cystic artery|left gastric vein|right gastric vein|coronary vein|gastric vein|gastric veins|short gastric veins|short gastric arteries|gastroepiploic artery|gastroepiploic vein|left gastroepiploic artery|right gastroepiploic artery|common hepatic artery|proper hepatic artery|cystic vein',
    outside('other vessels'),
  ],
  [
    'common bile duct|bile duct|bile ducts|cystic duct|hepatic duct|common hepatic duct|pancreatic duct|panc duct|main pancreatic duct|biliary tree|CBD|cbd|duct of santorini|accessory duct|accessory pancreatic duct',
    outside('bile ducts'),
  ],
  ['splenic flexure|hepatic flexure', outside('colon')],
  [
    'diaphragm|hemidiaphragm|diaphragmatic crus|crus|crura|right crus|left crus|crus of the diaphragm',
    outside('bones and muscles'),
  ],
  [
    'hepatorenal space|hepatorenal pouch|hepatorenal recess|morison s pouch|morisons pouch',
    outside('other organs'),
  ],
  // Junctions between two of the 13: a place, not either organ ("show the GE junction").
  [
    'gastroesophageal junction|gastro esophageal junction|ge junction|gej|esophagogastric junction|oesophagogastric junction|duodenojejunal junction|dj junction',
    outside('other organs'),
  ],
  // Everyday phrases with an organ word in them.
  [
    'kidney bean|kidney beans|liver spot|liver spots|butterflies in my stomach|butterflies in the stomach|butterflies in your stomach|adrenaline rush|adrenaline junkie|vent his spleen|vent her spleen|vent your spleen|vent my spleen|vent their spleen|vented his spleen|vented her spleen|venting his spleen|venting her spleen|venting your spleen|venting my spleen|venting their spleen|a lot of gall|the gall to|such gall|some gall|the gall of|all gall|lily livered|liver and onions|chopped liver|cannot stomach|can t stomach|cant stomach|couldn t stomach|no stomach for|eyes bigger than your stomach|eyes bigger than my stomach|of the same kidney|steak and kidney|kidney pie|kidney pudding|foie gras|liver pate|chicken livers|chicken liver|lamb s liver|lambs liver|have the stomach for|has the stomach for|had the stomach for|got the stomach for|ct table|scanner table|scan table|patient table|examination table|exam table|gantry|sell a kidney|sell my kidney|sell your kidney|sold a kidney|selling a kidney|selling my kidney|arm and a kidney',
    outside('off-topic'),
  ],
  ['lung|lungs', outside('lungs')],
  ['pulmonary|pulmonic', outside('lungs'), { adjective: true }],
  ['superior vena cava|svc', outside('heart')],
  ['heart|hearts', outside('heart')],
  ['cardiac', outside('heart'), { adjective: true }],
  ['brain|brains|cerebrum|cerebellum|spinal cord', outside('brain')],
  ['cerebral', outside('brain'), { adjective: true }],
  ['urinary bladder|bladder|bladders', outside('urinary bladder')],
  ['colon|large intestine|large bowel|rectum|caecum|cecum', outside('colon')],
  ['small intestine|small bowel|jejunum|ileum|small intestines', outside('small bowel')],
  ['appendix', outside('appendix')],
  ['thyroid|thyroid gland', outside('thyroid')],
  ['uterus|womb|ovary|ovaries|fallopian', outside('uterus and ovaries')],
  ['prostate|testis|testes|testicle|testicles', outside('prostate and testes')],
  ['eye|eyes|ears|eardrum|retina', outside('eyes and ears')],
  ['skin', outside('skin')],
  [
    'bone|bones|bony structure|bony structures|bony landmark|skeleton|femur|skull|muscle|muscles|rib|ribs|rib cage|spine|vertebra|vertebrae|vertebral body|vertebral bodies|backbone|sternum|psoas|psoas major|quadratus lumborum',
    outside('bones and muscles'),
  ],
  [
    'thoracic duct|cisterna chyli|organ of zuckerkandl|zuckerkandl|peritoneum|omentum|greater omentum|lesser omentum|mesentery|falciform ligament|lymph node|lymph nodes|nodes|para aortic nodes|paraaortic nodes|para aortic lymph nodes|ureter|ureters|celiac plexus|solar plexus|lesser sac|greater sac|omental bursa|epiploic foramen|foramen of winslow|paracolic gutter|paracolic gutters|sphincter of oddi|virchow s node|virchows node|virchow node|lymph carrying structure|lymphatic vessel|lymphatic vessels|lymph vessel|lymph vessels',
    outside('other organs'),
  ],
  [
    'tongue|teeth|tooth|nose|breast|breasts|tonsil|tonsils|thymus|pituitary|pituitary gland|hypophysis|sella turcica|salivary gland|salivary glands|parotid|parotid gland|parotid glands',
    outside('other organs'),
  ],
];

function build(): LexiconEntry[] {
  const entries: LexiconEntry[] = [];
  for (const [phrases, target, options] of RAW) {
    for (const phrase of phrases.split('|')) {
      const tokens = tokenize(phrase).map((t) => t.text);
      entries.push({ tokens, target, capitalsOnly: options?.capitalsOnly, adjective: options?.adjective });
    }
  }
  return entries;
}

export const LEXICON: readonly LexiconEntry[] = build();

/**
 * Words a typo may be corrected towards. Curated rather than derived: short or common-looking names
 * ("gall", "tummy", "lung") would pull ordinary English words ("mummy", "long") into organs.
 */
export const FUZZY_TARGET_WORDS: readonly string[] = [
  'liver',
  'kidney',
  'kidneys',
  'spleen',
  'splenic',
  'pancreas',
  'pancreatic',
  'aorta',
  'aortic',
  'inferior',
  'adrenal',
  'adrenals',
  'suprarenal',
  'gallbladder',
  'bladder',
  'esophagus',
  'esophageal',
  'stomach',
  'gastric',
  'duodenum',
  'duodenal',
  'hepatic',
];

/** English words one edit away from an organ name; never "corrected". */
export const NOT_TYPOS: ReadonlySet<string> = new Set([
  'river',
  'rivers',
  'lived',
  'lives',
  'live',
  'liven',
  'lover',
  'lovers',
  'lever',
  'levers',
  'liner',
  'diver',
  'giver',
  'fiver',
  'sliver',
  'livery',
  'ladder',
  'ladders',
  'rental',
  'sorta',
  'porta',
  'interior',
  'anterior',
  'posterior',
  'superior',
  'kidnap',
  'stomp',
  'splendid',
  'gastro',
  'aortas',
  'spleens',
]);

/**
 * Facts that fix one side of a pair ("nutcracker syndrome" is the left renal vein, "the shorter
 * renal vein" the right kidney), read on the normalised question when it asks "which kidney …?" or
 * "which adrenal …?" with no side word. The context cache's passages know some of them, but a
 * sentence there pulls every question that shares its words; these are matched exactly, and only
 * when every fact found points the same way and nothing negates them.
 */
/** "the adrenal on the same side as Murphy's sign": a landmark outside the 13 that has a side. */
const SAME_SIDE_AS = '\\b(?:on )?(?:the )?same side (?:of the body |of the abdomen )?as (?:the |a |an )?';
const RIGHT_LANDMARK = new RegExp(
  `${SAME_SIDE_AS}(?:morison s pouch|morisons pouch|hepatorenal pouch|murphy s sign|murphys sign|mcburney s point|mcburneys point|appendix|caecum|cecum|ascending colon|hepatic flexure|right colic flexure|right lobe of the liver)\\b`,
);
const LEFT_LANDMARK = new RegExp(
  `${SAME_SIDE_AS}(?:kehr s sign|kehrs sign|splenic flexure|left colic flexure|descending colon|sigmoid(?: colon)?|heart s apex|apex of the heart|gastric fundus|fundus)\\b`,
);

/** Signs that belong to one side of the body (Kehr's: the left shoulder; Murphy's: the right upper quadrant). */
const LEFT_SIGN = /\bkehr s sign\b|\bkehrs sign\b/;
const RIGHT_SIGN = /\bmurphy s sign\b|\bmurphys sign\b|\bmcburney s point\b|\bmcburneys point\b/;

export const SIDE_FACTS: ReadonlyArray<{
  family: 'kidney' | 'adrenal';
  side: 'left' | 'right';
  pattern: RegExp;
}> = [
  {
    family: 'kidney',
    side: 'left',
    pattern:
      /\bspleen (?:rests|sits|lies|leans) (?:on|against|upon)\b|\bnutcracker\b|\bcross(?:es)? between the aorta and (?:the )?(?:sma|superior mesenteric artery)\b|\bleft adrenal (?:gland )?(?:sits|lies|rests|is) (?:on top of|on|above|over)\b|\bbehind the (?:pancreatic tail|tail of the pancreas|splenic flexure)\b|\bvaricocele\b|\bliving (?:donor|donation|related donor)\b|\blonger (?:renal )?vein\b|\bvein is (?:much |a bit |slightly )?longer\b|\b(?:renal )?vein is (?:the )?(?:very |so |quite |really )?long(?: one)?\b|\blong (?:renal )?vein\b|\bvein crosses (?:(?:in front of|anterior to|over) )?the aorta\b|\brenal vein (?:also )?(?:receives|takes in|collects) (?:both )?(?:the |a |an )?(?:left )?(?:gonadal|adrenal|suprarenal)\b|\b(?:receives|takes in|collects) (?:both )?the (?:left )?(?:gonadal|adrenal|suprarenal) vein\b|\bdromedary hump\b|\b(?:spleno|lieno) ?renal\b|\bgonadal vein drains\b(?! (?:straight |directly )?into the (?:ivc|inferior vena cava)\b)|\bunder the spleen\b|\bbeneath the spleen\b|\b(?:just |directly )?below the spleen\b|\b(?:the )?spleen (?:lies |lie |sits |sit |rests |rest )?(?:against|on top of)\b|\b(?:same side (?:of the body |of the abdomen )?as|same side as) the (?:spleen|stomach|pancreatic tail|tail of the pancreas)\b|\bside (?:of the body |of the abdomen )?where the (?:spleen|stomach|pancreatic tail|tail of the pancreas) (?:lies|sits|is)\b|\bimpression on the (?:[a-z]+ ){0,4}spleen\b|\b(?:impressions?|contact areas?|facets?) (?:for|of|from) the (?:spleen|stomach|pancreatic tail|tail of the pancreas|jejunum|splenic flexure)\b|\bspleen\b[^.?!]{0,40}\brenal impression\b|\b(?:lies|sits|is|lying|sitting|usually|normally)(?: [a-z]+){0,3} higher\b/,
  },
  {
    family: 'kidney',
    side: 'right',
    pattern:
      /\bshorter (?:renal )?vein\b|\bliver (?:rests|sits|lies|leans) (?:on|against|upon)\b|\bgonadal vein drains (?:straight |directly )?into the (?:ivc|inferior vena cava)\b|\bgonadal vein (?:[a-z]+ ){0,6}?(?:enters?|joins?) the (?:ivc|inferior vena cava)\b|\bgonadal vein bypass(?:es)? the renal vein\b|\bright adrenal (?:gland )?(?:sits|lies|rests|is) (?:on top of|on|above|over)\b|\bhepatic flexure\b|\b(?:rides|hangs|lies|sits) (?:a bit |slightly |a little )?lower\b|\bpushe[sd] (?:it |(?:one|a|the) kidney )?(?:a (?:little |bit )?)?(?:down|lower)\b|\bbehind the (?:second part of the duodenum|descending duodenum|hepatic flexure)\b|\bvein is (?:much |a bit |slightly )?shorter\b|\brenal vein is (?:the )?(?:very |so |quite |really )?short(?: one)?\b|\bshort (?:renal )?vein\b|\bnephroptosis\b|\bfloating kidney\b|\bunder the liver\b|\bbeneath the liver\b|\b(?:just |directly )?below the liver\b|\b(?:same side (?:of the body |of the abdomen )?as|same side as) the (?:liver|gallbladder|ivc|inferior vena cava|duodenum)\b|\bside (?:of the body |of the abdomen )?where the (?:liver|gallbladder|ivc|inferior vena cava|duodenum) (?:lies|sits|is)\b|\bimpression on the (?:[a-z]+ ){0,4}liver\b|\b(?:impressions?|contact areas?|facets?) (?:for|of|from) the (?:liver|hepatic flexure|descending duodenum|second part of the duodenum)\b|\bliver\b[^.?!]{0,40}\brenal impression\b|\bmorison s pouch\b|\bhepatorenal (?:pouch|recess|space)\b|\blonger (?:renal )?artery\b|\bartery (?:has to |must )?(?:pass|passes|run|runs) behind the (?:ivc|inferior vena cava)\b|\b(?:lies|sits|is|lying|sitting|usually|normally)(?: [a-z]+){0,3} lower\b/,
  },
  {
    family: 'adrenal',
    side: 'right',
    pattern:
      /\b(?:behind|posterior to) the (?:ivc|inferior vena cava)\b|\b(?:ivc|inferior vena cava) (?:lies|sits|is|passes|runs) (?:in front of|anterior to)\b|\b(?:same side (?:of the body |of the abdomen )?as|same side as) the (?:liver|gallbladder|ivc|inferior vena cava|duodenum)\b|\bside (?:of the body |of the abdomen )?where the (?:liver|gallbladder|ivc|inferior vena cava|duodenum) (?:lies|sits|is)\b|\b(?:directly|straight) into the (?:ivc|inferior vena cava)\b|\b(?:enters|joins|drains into) the (?:ivc|inferior vena cava) (?:directly|straight)\b|\bvein (?:drains|empties|opens|runs|goes|passes) (?:straight |directly |right |just )?(?:in)?to the (?:ivc|inferior vena cava|cava)\b|\b(?:off|from) the back of the (?:ivc|inferior vena cava)\b|\bhardest to cannulate\b|\bpyramidal\b|\btriangular\b|\bpyramid shaped\b/,
  },
  {
    family: 'adrenal',
    side: 'left',
    pattern:
      /\b(?:into|via|through) (?:the|a) (?:left )?renal vein\b|\b(?:joins|enters) (?:the|a) (?:left )?renal vein\b|\bkidney (?:that )?(?:touching|touches|next to|under|below|beneath|against) the spleen\b|\b(?:stomach|pancreas|splenic artery|splenic vein)\b[^.?!]*\bin front of it\b|\b(?:beside|next to|alongside|lateral to|left of|by) the aorta\b|\binferior phrenic vein\b|\bleft renal vein receives\b|\b(?:same side (?:of the body |of the abdomen )?as|same side as) the (?:spleen|stomach|pancreatic tail|tail of the pancreas)\b|\bside (?:of the body |of the abdomen )?where the (?:spleen|stomach|pancreatic tail|tail of the pancreas) (?:lies|sits|is)\b|\bcrescent\b|\bsemilunar\b|\bhalf moon\b|\blesser sac\b/,
  },
  // "the higher kidney", "the lower-lying one of the two kidneys": the liver holds the right one lower.
  {
    family: 'kidney',
    side: 'left',
    pattern: /\bhigher(?: lying| sitting| placed)? kidney\b|\bhigher (?:one )?of the (?:two )?kidneys\b/,
  },
  {
    family: 'kidney',
    side: 'right',
    pattern: /\blower(?: lying| sitting| placed)? kidney\b|\blower (?:one )?of the (?:two )?kidneys\b/,
  },
  // Adrenal vein sampling: the right adrenal vein is short and enters the IVC directly.
  {
    family: 'adrenal',
    side: 'right',
    pattern:
      /\bvein is (?:so |very |much |quite |really )?short\b|\bshort (?:adrenal )?vein\b|\bhardest (?:side )?to (?:cannulate|sample)\b/,
  },
  // The kidney by its own adrenal's shape, or by what lies against it; either side by the liver
  // retracted to reach it (laparoscopic right adrenalectomy or nephrectomy).
  {
    family: 'kidney',
    side: 'right',
    pattern:
      /\bpyramid(?:al)?(?: shaped)? (?:suprarenal|adrenal)\b|\bliver (?:has to be |must be |is |gets |needs to be )?retracted\b|\bretract(?:ing|ion of)? the liver\b/,
  },
  {
    family: 'kidney',
    side: 'left',
    pattern:
      /\b(?:crescent(?: shaped)?|semilunar) (?:suprarenal|adrenal)\b|\bgastric impression\b|\brenal vein of which kidney (?:also )?(?:receives|takes in|collects)\b/,
  },
  {
    family: 'adrenal',
    side: 'right',
    pattern:
      /\bliver (?:has to be |must be |is |gets |needs to be )?retracted\b|\bretract(?:ing|ion of)? the liver\b/,
  },
  { family: 'kidney', side: 'right', pattern: RIGHT_SIGN },
  { family: 'adrenal', side: 'right', pattern: RIGHT_SIGN },
  { family: 'kidney', side: 'left', pattern: LEFT_SIGN },
  { family: 'adrenal', side: 'left', pattern: LEFT_SIGN },
  { family: 'kidney', side: 'right', pattern: RIGHT_LANDMARK },
  { family: 'adrenal', side: 'right', pattern: RIGHT_LANDMARK },
  { family: 'kidney', side: 'left', pattern: LEFT_LANDMARK },
  { family: 'adrenal', side: 'left', pattern: LEFT_LANDMARK },
];
