/** Reads the JSON sidecar that describes an ONNX model (same path, `.json`), checked against a schema. */
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ErrorCode, ServiceError } from '../errors.js';

/** `model` names it in errors, e.g. "segmentation model". */
export function readModelSidecar<T extends z.ZodType>(
  modelPath: string,
  schema: T,
  model: string,
): z.infer<T> {
  const path = modelPath.replace(/\.onnx$/i, '.json');
  if (!existsSync(path)) {
    throw new ServiceError(ErrorCode.ModelInvalid, `The ${model} has no JSON sidecar describing its input.`, {
      detail: path,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ServiceError(ErrorCode.ModelInvalid, `The ${model} sidecar is not valid JSON.`, {
      cause: error,
      detail: path,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ServiceError(ErrorCode.ModelInvalid, `The ${model} sidecar is not valid.`, {
      detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    });
  }
  return parsed.data;
}
