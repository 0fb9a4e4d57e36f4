/**
 * Grounds a resolved question in what the segmentation sees. The question says which organ(s) the
 * user means; the model says which organs are visible on this slice. An asked organ that is not
 * visible is a false premise: the answer becomes N and no mask is painted on another organ.
 */
import type { Slice } from './decode/types.js';
import { type AnswerLetter, NONE_OF_THEM, type OrganId, organById } from './organs.js';
import { describeLocation } from './overlay.js';
import { organFunction } from './question/knowledge.js';
import type { OrganFinding, SliceSegmentation } from './segment.js';

/** What question understanding hands over (the embedded resolver or the LLM path). */
export interface ResolvedQuestion {
  letters: AnswerLetter[];
  organIds: OrganId[];
  noneOfThem: boolean;
  explanation: string;
}

export interface AnsweredOrgan {
  letter: AnswerLetter;
  name: string;
  bbox: [number, number, number, number];
  areaPx: number;
  /** Area in cm² when the pixel spacing is known. */
  areaCm2?: number;
  confidence: number;
}

export interface GroundedAnswer {
  letters: AnswerLetter[];
  names: string[];
  noneOfThem: boolean;
  explanation: string;
  /** The organs drawn, with where and how big. Empty for N. */
  organs: AnsweredOrgan[];
  /** Organs the question asked for that this slice does not show. */
  notVisible: OrganId[];
  /** Every organ of the 13 the model sees on this slice. */
  visible: OrganId[];
}

export function areaCm2(areaPx: number, slice: Pick<Slice, 'pixelSpacingMm'>): number | undefined {
  if (!slice.pixelSpacingMm) return undefined;
  const [row, col] = slice.pixelSpacingMm;
  return Math.round(areaPx * row * col) / 100;
}

/** "liver", "liver and spleen", "liver, spleen and pancreas" (lower case, for sentences). */
export function listNames(ids: OrganId[]): string {
  const names = ids.map((id) => organById(id).name.toLowerCase());
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function describeFinding(finding: OrganFinding, slice: Slice): string {
  const organ = organById(finding.id);
  const where = finding.bbox ? describeLocation(finding.bbox, slice.width, slice.height) : 'not located';
  const area = areaCm2(finding.areaPx, slice);
  const size = area !== undefined ? `, about ${area.toFixed(1)} cm²` : `, ${finding.areaPx} pixels`;
  return `${organ.letter}. ${organ.name}: ${organFunction(finding.id)} Seen ${where}${size} (confidence ${Math.round(finding.confidence * 100)}%).`;
}

export function groundAnswer(
  question: ResolvedQuestion,
  segmentation: SliceSegmentation,
  slice: Slice,
): GroundedAnswer {
  const visible = segmentation.findings.filter((f) => f.present).map((f) => f.id);
  const visibleNote =
    visible.length > 0
      ? `Visible in this slice: ${listNames(visible)}.`
      : 'None of the 13 organs is clearly visible in this slice.';
  if (question.noneOfThem || question.organIds.length === 0) {
    return {
      letters: ['N'],
      names: [NONE_OF_THEM.name],
      noneOfThem: true,
      explanation: `${question.explanation} ${visibleNote}`.trim(),
      organs: [],
      notVisible: [],
      visible,
    };
  }
  const asked = [...new Set(question.organIds)];
  const shown = asked.filter((id) => visible.includes(id));
  const notVisible = asked.filter((id) => !visible.includes(id));
  if (shown.length === 0) {
    const verb = notVisible.length === 1 ? 'is' : 'are';
    return {
      letters: ['N'],
      names: [NONE_OF_THEM.name],
      noneOfThem: true,
      explanation: `${capitalise(`the ${listNames(notVisible)}`)} ${verb} not visible in this slice, so nothing is outlined. ${visibleNote}`,
      organs: [],
      notVisible,
      visible,
    };
  }
  const findings = shown.map((id) => segmentation.findings.find((f) => f.id === id) as OrganFinding);
  const organs: AnsweredOrgan[] = findings.map((f) => {
    const organ = organById(f.id);
    return {
      letter: organ.letter,
      name: organ.name,
      bbox: f.bbox as [number, number, number, number],
      areaPx: f.areaPx,
      areaCm2: areaCm2(f.areaPx, slice),
      confidence: f.confidence,
    };
  });
  const missing =
    notVisible.length > 0
      ? ` The ${listNames(notVisible)} ${notVisible.length === 1 ? 'is' : 'are'} not visible in this slice.`
      : '';
  return {
    letters: organs.map((o) => o.letter),
    names: organs.map((o) => o.name),
    noneOfThem: false,
    explanation: `${findings.map((f) => describeFinding(f, slice)).join(' ')}${missing}`,
    organs,
    notVisible,
    visible,
  };
}
