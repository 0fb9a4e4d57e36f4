/**
 * The 13 abdominal organs of the FLARE22 label order, which is also the order of the paper's
 * multiple-choice options A..M (N = none of them). The numeric id is the value used in every label
 * map the project reads or writes (see the data README): 1 liver ... 13 left kidney, 0 background.
 */

export type OrganId = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13;
export type OrganLetter = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M';
/** An answer letter: one of the organs, or N for "None of them". */
export type AnswerLetter = OrganLetter | 'N';

export type Side = 'left' | 'right' | 'midline';

export interface Organ {
  id: OrganId;
  letter: OrganLetter;
  /** Display name, capitalised as in the paper's option list ("Right kidney"). */
  name: string;
  /** Short form clinicians use (IVC, RAG, LAG); the name itself where there is none. */
  abbreviation: string;
  /** Name in the paper's option list, e.g. "Inferior Vena Cava (IVC)". */
  optionLabel: string;
  /** The patient's side the organ lies on; laterality in questions maps through this. */
  side: Side;
  /** For paired organs, the organ on the other side. */
  pairedWith?: OrganId;
  /** Fill and outline colour, `#rrggbb`. */
  colour: string;
  /** Plain colour word for alt text ("outlined in green"). */
  colourName: string;
}

// Colours: Paul Tol's colour-blind-safe "bright" and "muted" sets, assigned so neighbours in the
// abdomen (liver/gallbladder/IVC, kidneys/adrenals, stomach/spleen/pancreas) differ in lightness
// as well as hue, and every colour stays visible on both dark MR and bright CT backgrounds.
export const ORGANS: readonly Organ[] = [
  {
    id: 1,
    letter: 'A',
    name: 'Liver',
    abbreviation: 'Liver',
    optionLabel: 'Liver',
    side: 'right',
    colour: '#ee7733',
    colourName: 'orange',
  },
  {
    id: 2,
    letter: 'B',
    name: 'Right kidney',
    abbreviation: 'RK',
    optionLabel: 'Right kidney',
    side: 'right',
    pairedWith: 13,
    colour: '#0077bb',
    colourName: 'blue',
  },
  {
    id: 3,
    letter: 'C',
    name: 'Spleen',
    abbreviation: 'Spleen',
    optionLabel: 'Spleen',
    side: 'left',
    colour: '#aa4499',
    colourName: 'purple',
  },
  {
    id: 4,
    letter: 'D',
    name: 'Pancreas',
    abbreviation: 'Pancreas',
    optionLabel: 'Pancreas',
    side: 'midline',
    colour: '#ddcc77',
    colourName: 'sand yellow',
  },
  {
    id: 5,
    letter: 'E',
    name: 'Aorta',
    abbreviation: 'Aorta',
    optionLabel: 'Aorta',
    side: 'midline',
    colour: '#cc3311',
    colourName: 'red',
  },
  {
    id: 6,
    letter: 'F',
    name: 'Inferior vena cava',
    abbreviation: 'IVC',
    optionLabel: 'Inferior Vena Cava (IVC)',
    side: 'right',
    colour: '#9988dd',
    colourName: 'lavender',
  },
  {
    id: 7,
    letter: 'G',
    name: 'Right adrenal gland',
    abbreviation: 'RAG',
    optionLabel: 'Right Adrenal Gland (RAG)',
    side: 'right',
    pairedWith: 8,
    colour: '#ee3377',
    colourName: 'magenta',
  },
  {
    id: 8,
    letter: 'H',
    name: 'Left adrenal gland',
    abbreviation: 'LAG',
    optionLabel: 'Left Adrenal Gland (LAG)',
    side: 'left',
    pairedWith: 7,
    colour: '#ffaabb',
    colourName: 'light pink',
  },
  {
    id: 9,
    letter: 'I',
    name: 'Gallbladder',
    abbreviation: 'GB',
    optionLabel: 'Gallbladder',
    side: 'right',
    colour: '#117733',
    colourName: 'green',
  },
  {
    id: 10,
    letter: 'J',
    name: 'Esophagus',
    abbreviation: 'Esophagus',
    optionLabel: 'Esophagus',
    side: 'midline',
    colour: '#999933',
    colourName: 'olive',
  },
  {
    id: 11,
    letter: 'K',
    name: 'Stomach',
    abbreviation: 'Stomach',
    optionLabel: 'Stomach',
    side: 'left',
    colour: '#44aa99',
    colourName: 'teal',
  },
  {
    id: 12,
    letter: 'L',
    name: 'Duodenum',
    abbreviation: 'Duodenum',
    optionLabel: 'Duodenum',
    side: 'midline',
    colour: '#cc6677',
    colourName: 'rose',
  },
  {
    id: 13,
    letter: 'M',
    name: 'Left kidney',
    abbreviation: 'LK',
    optionLabel: 'Left kidney',
    side: 'left',
    pairedWith: 2,
    colour: '#33bbee',
    colourName: 'cyan',
  },
];

export const NONE_OF_THEM = { letter: 'N' as const, name: 'None of them', optionLabel: 'None of them' };

export const ORGAN_IDS: readonly OrganId[] = ORGANS.map((o) => o.id);
export const ORGAN_LETTERS: readonly OrganLetter[] = ORGANS.map((o) => o.letter);
export const ANSWER_LETTERS: readonly AnswerLetter[] = [...ORGAN_LETTERS, 'N'];

const byId = new Map<number, Organ>(ORGANS.map((o) => [o.id, o]));
const byLetter = new Map<string, Organ>(ORGANS.map((o) => [o.letter, o]));

export function isOrganId(value: number): value is OrganId {
  return byId.has(value);
}

export function isAnswerLetter(value: string): value is AnswerLetter {
  return value === 'N' || byLetter.has(value);
}

export function organById(id: OrganId): Organ {
  const organ = byId.get(id);
  if (!organ) throw new RangeError(`no organ with id ${id}`);
  return organ;
}

export function organByLetter(letter: OrganLetter): Organ {
  const organ = byLetter.get(letter);
  if (!organ) throw new RangeError(`no organ with letter ${letter}`);
  return organ;
}

/** The paper's option line: "A. Liver, B. Right kidney, ..., N. None of them". */
export function multipleChoiceOptions(): string {
  return [...ORGANS.map((o) => `${o.letter}. ${o.optionLabel}`), `N. ${NONE_OF_THEM.optionLabel}`].join(', ');
}

/** `#rrggbb` → [r, g, b] in 0..255. */
export function colourRgb(colour: string): [number, number, number] {
  const n = Number.parseInt(colour.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}
