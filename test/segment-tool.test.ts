import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_LIMITS } from '../src/config.js';
import { ErrorCode, InputError } from '../src/errors.js';
import { decodeBytes } from '../src/pipeline/decode/index.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { createQuestionResolver } from '../src/pipeline/question/resolver.js';
import { createSegmentOrganTool, type SegmentOrganArtifact } from '../src/pipeline/tool.js';
import { ORACLE_MODEL, oracleSlicePng } from './helpers/bot-harness.js';

describe('segment_organ LangChain tool', () => {
  it('returns the explanation as content and the answer with the overlay as the artifact', async () => {
    const pipeline = new Pipeline({ modelPath: ORACLE_MODEL, resolver: createQuestionResolver() });
    const image = await decodeBytes(await oracleSlicePng(), DEFAULT_INPUT_LIMITS);
    const segmentOrgan = createSegmentOrganTool({
      pipeline,
      loadImage: async (ref) => {
        if (ref !== 'img-1')
          throw new InputError(ErrorCode.NoActiveImage, 'No such image in this conversation.');
        return image;
      },
    });
    expect(segmentOrgan.name).toBe('segment_organ');
    const message = await segmentOrgan.invoke({
      type: 'tool_call',
      id: 'call-1',
      name: 'segment_organ',
      args: { question: 'Which organ stores bile?', imageRef: 'img-1' },
    });
    expect(String(message.content)).toMatch(/^I\. Gallbladder/);
    const artifact = message.artifact as SegmentOrganArtifact;
    expect(artifact.answer.letters).toEqual(['I']);
    expect(artifact.overlayPng.subarray(1, 4).toString()).toBe('PNG');
    const none = await segmentOrgan.invoke({
      type: 'tool_call',
      id: 'call-2',
      name: 'segment_organ',
      args: { question: 'segment the pancreas', imageRef: 'img-1' },
    });
    expect((none.artifact as SegmentOrganArtifact).answer.letters).toEqual(['N']);
    await expect(segmentOrgan.invoke({ question: '', imageRef: 'img-1' })).rejects.toThrow();
    await pipeline.close();
  });
});
