/**
 * Coded errors: every failure a user can meet has a code, a friendly message that says what to do,
 * and never a stack trace in a reply. Unknown errors are wrapped once by `asCodedError`.
 */
export enum ErrorCode {
  InputEmpty = 'input_empty',
  InputUnsupportedFormat = 'input_unsupported_format',
  InputCorrupt = 'input_corrupt',
  InputTooLarge = 'input_too_large',
  InputNotFound = 'input_not_found',
  DicomNoPixelData = 'dicom_no_pixel_data',
  DicomUnsupportedTransferSyntax = 'dicom_unsupported_transfer_syntax',
  DicomMixedSeries = 'dicom_mixed_series',
  SliceOutOfRange = 'slice_out_of_range',
  QuestionEmpty = 'question_empty',
  QuestionTooLong = 'question_too_long',
  NoActiveImage = 'no_active_image',
  ModelUnavailable = 'model_unavailable',
  ModelInvalid = 'model_invalid',
  StateUnavailable = 'state_unavailable',
  LlmUnavailable = 'llm_unavailable',
  RateLimited = 'rate_limited',
  QueueSaturated = 'queue_saturated',
  ConfigInvalid = 'config_invalid',
  Unauthorized = 'unauthorized',
  Unknown = 'unknown',
}

export interface CodedError extends Error {
  code: ErrorCode;
  /** A sentence for the user: what went wrong and what to do about it. No internals. */
  userMessage: string;
}

export class OrganSegError extends Error implements CodedError {
  readonly code: ErrorCode;
  readonly userMessage: string;

  constructor(code: ErrorCode, userMessage: string, options?: { cause?: unknown; detail?: string }) {
    super(options?.detail ? `${userMessage} (${options.detail})` : userMessage, { cause: options?.cause });
    this.name = 'OrganSegError';
    this.code = code;
    this.userMessage = userMessage;
  }
}

/** Input that cannot be read: wrong format, truncated, too large, missing pixel data. */
export class InputError extends OrganSegError {
  constructor(code: ErrorCode, userMessage: string, options?: { cause?: unknown; detail?: string }) {
    super(code, userMessage, options);
    this.name = 'InputError';
  }
}

/** A dependency (Redis, the model, an LLM endpoint, the queue) is not available right now. */
export class ServiceError extends OrganSegError {
  constructor(code: ErrorCode, userMessage: string, options?: { cause?: unknown; detail?: string }) {
    super(code, userMessage, options);
    this.name = 'ServiceError';
  }
}

export function isCodedError(error: unknown): error is CodedError {
  return (
    error instanceof Error &&
    typeof (error as Partial<CodedError>).code === 'string' &&
    typeof (error as Partial<CodedError>).userMessage === 'string'
  );
}

/** Wraps anything thrown into a coded error, exactly once. */
export function asCodedError(error: unknown): CodedError {
  if (isCodedError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new OrganSegError(ErrorCode.Unknown, 'Something went wrong on our side. Please try again.', {
    cause: error,
    detail,
  });
}
