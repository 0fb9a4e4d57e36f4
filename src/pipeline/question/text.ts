/**
 * Text normalisation shared by the lexicon matcher and the context-cache encoder: one token stream
 * in American spelling, lower case, with punctuation kept as clause boundaries (negation scopes and
 * laterality windows stop there).
 */

export interface Token {
  /** Normalised text ("esophagus" for "Oesophagus"). */
  text: string;
  /** As typed, case kept: short abbreviations (RAG, LAG) only count in capitals. */
  raw: string;
  /** A clause boundary: , ; . ! ? : — ( ) or a spaced dash. */
  boundary: boolean;
}

// British → American on whole tokens or stems; the knowledge text and questions both pass through
// this, so the cache never sees two spellings of one word.
const SPELLING_RULES: ReadonlyArray<[RegExp, string]> = [
  [/^oesophag/, 'esophag'],
  [/^oestr/, 'estr'],
  [/^oedem/, 'edem'],
  [/^coeliac/, 'celiac'],
  [/^haem/, 'hem'],
  [/^anaem/, 'anem'],
  [/^leukaem/, 'leukem'],
  [/^faec/, 'fec'],
  [/^caec/, 'cec'],
  [/^paed/, 'ped'],
  [/^hypoglycaem/, 'hypoglycem'],
  [/^hyperglycaem/, 'hyperglycem'],
  [/^glycaem/, 'glycem'],
  [/^ischaem/, 'ischem'],
  [/our$/, 'or'],
  [/isation$/, 'ization'],
  [/ise$/, 'ize'],
  [/ised$/, 'ized'],
  [/ises$/, 'izes'],
  [/ising$/, 'izing'],
  [/tre$/, 'ter'],
];
const SPELLING_EXCEPTIONS = new Set([
  'four',
  'your',
  'hour',
  'pour',
  'tour',
  'our',
  'flour',
  'sour',
  // ("contour the liver" is not "contor")
  'contour',
  'detour',
  'devour',
  'scour',
  'rise',
  'wise',
  'noise',
  'raise',
  'otherwise',
  'promise',
  'exercise',
  'advise',
  'surprise',
  'arise',
  'precise',
  'concise',
  'likewise',
  'poise',
]);

// Twenty regular expressions per word add up on a 4,000-character paste; words repeat, so remember.
const spellingMemo = new Map<string, string>();
const SPELLING_MEMO_LIMIT = 20_000;

export function americanSpelling(word: string): string {
  const known = spellingMemo.get(word);
  if (known !== undefined) return known;
  let out = word;
  if (!SPELLING_EXCEPTIONS.has(word)) {
    for (const [pattern, replacement] of SPELLING_RULES) out = out.replace(pattern, replacement);
  }
  if (spellingMemo.size >= SPELLING_MEMO_LIMIT) spellingMemo.clear();
  spellingMemo.set(word, out);
  return out;
}

const TOKEN_PATTERN = /[\p{L}\p{N}]+|[+&]|[,;.!?:()—–]|\s-\s/gu;
/** "liver + spleen", "gb & panc": joining signs read as the words. */
const SIGN_WORDS = new Map([
  ['+', 'plus'],
  ['&', 'and'],
]);

/** Lower case, accents folded, British spelling made American, punctuation kept as boundaries. */
export function tokenize(text: string): Token[] {
  // NFKD splits "é" into "e" + a combining mark, which the pattern then skips.
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'");
  const tokens: Token[] = [];
  for (const match of folded.matchAll(TOKEN_PATTERN)) {
    const raw = match[0].trim();
    const sign = SIGN_WORDS.get(raw);
    if (sign) {
      tokens.push({ text: sign, raw, boundary: false });
    } else if (/^[\p{L}\p{N}]/u.test(raw)) {
      tokens.push({ text: americanSpelling(raw.toLowerCase()), raw, boundary: false });
    } else {
      tokens.push({ text: raw, raw, boundary: true });
    }
  }
  return tokens;
}

/** The normalised words of a text, clause boundaries dropped. */
export function textWords(text: string): string[] {
  return tokenize(text)
    .filter((t) => !t.boundary)
    .map((t) => t.text);
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, so "pancraes" is one
 * edit from "pancreas"), giving up early once every cell in a row exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, prevPrev[j - 2] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[n];
}

/** A light suffix stripper: enough to fold "stores/storing/storage" and "breathe/breathing". */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  for (const suffix of ['ation', 'ition', 'ion', 'ing', 'ed', 'ly', 'age', 'ment', 'er']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 4) w = `${w.slice(0, -1)}i`;
  return w;
}

export const STOPWORDS = new Set(
  `a an the and or but nor of to in on at by for with from into onto as is are was were be been being am do does did
  doing have has had having i me my we our us you your he she it its they them their this that these those there here
  which what who whom whose where when why how whats wheres hows can could would should will shall may might must
  please pls kindly show me see find tell give let lets want need like just also very really some any all each
  one ones thing things organ organs structure structures part parts body human people person someone something
  image scan slice picture mri ct segment segmentation segmented mask outline highlight draw mark label display
  identify locate name point select choose option options answer question called known call responsible
  about so if then than too not no yes ok okay t s d ll re ve m im left right side sided lt rt
  affect affects affected affecting damage damaged involve involved happen happens occur occurs problem problems
  condition conditions disease diseases cause causes point points suggest suggests mean means usually often most`.split(
    /\s+/,
  ),
);
