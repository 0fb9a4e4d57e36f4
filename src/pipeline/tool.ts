/**
 * `segment_organ`: the pipeline as a LangChain tool, so an agent (with an LLM configured) can call
 * what the bot calls directly. The content is the explanation; the artifact carries the structured
 * answer and the overlay PNG (`responseFormat: 'content_and_artifact'`).
 */
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import type { GroundedAnswer } from './answer.js';
import type { DecodedImage } from './decode/types.js';
import type { Pipeline } from './pipeline.js';

export interface SegmentOrganArtifact {
  answer: GroundedAnswer;
  overlayPng: Buffer;
  slice: number;
  missing: string[];
}

export const segmentOrganSchema = z.object({
  question: z.string().min(1).describe('The user question about an abdominal organ, in plain words'),
  imageRef: z
    .string()
    .min(1)
    .describe('Reference of the uploaded image (its content hash or id in this conversation)'),
  slice: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Display slice of a volume (0-based); default the current one'),
});

export function createSegmentOrganTool(options: {
  pipeline: Pipeline;
  /** Finds the decoded image a reference names (the conversation's upload); throws a coded error when unknown. */
  loadImage: (imageRef: string) => Promise<DecodedImage>;
}) {
  return tool(
    async ({ question, imageRef, slice }): Promise<[string, SegmentOrganArtifact]> => {
      const image = await options.loadImage(imageRef);
      const outcome = await options.pipeline.ask({ image, sliceIndex: slice, question, cacheKey: imageRef });
      const { answer } = outcome;
      const head = answer.letters.map((l, i) => `${l}. ${answer.names[i]}`).join(', ');
      return [
        `${head}\n${answer.explanation}`,
        { answer, overlayPng: outcome.overlayPng, slice: outcome.sliceIndex, missing: outcome.missing },
      ];
    },
    {
      name: 'segment_organ',
      description:
        'Answers a multiple-choice question about 13 abdominal organs (A. Liver … M. Left kidney, N. None of them) on the uploaded MRI/CT slice and draws the chosen organs. Returns N when the organ is outside the 13 or not visible in the slice.',
      schema: segmentOrganSchema,
      responseFormat: 'content_and_artifact',
    },
  );
}
