/**
 * The one place that reads the environment. Everything else takes typed options; explicit options
 * given to a module win over what is read here.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ErrorCode, OrganSegError } from './errors.js';

/** Root of the installed package (one level above `src/` or `dist/`). */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../models/organ-seg-v5.onnx', import.meta.url));

const MiB = 1024 * 1024;

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const boolFromEnv = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on')
  .optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: optionalString.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  REDIS_PREFIX: z.string().min(1).default('organ-seg'),
  STATE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600),
  MODEL_PATH: optionalString,
  ADRENAL_MODEL_PATH: optionalString,
  ORT_EXECUTION_PROVIDER: z.enum(['cpu', 'cuda']).default('cpu'),
  ORT_THREADS: z.coerce.number().int().min(0).default(0),
  REFINER_ENCODER_PATH: optionalString,
  REFINER_DECODER_PATH: optionalString,
  MAX_INPUT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * MiB),
  MAX_PIXELS: z.coerce.number().int().positive().default(40_000_000),
  MAX_VOXELS: z.coerce.number().int().positive().default(200_000_000),
  PIPELINE_MODE: z.enum(['in-process', 'queue']).default('in-process'),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  TEAMS_CLIENT_ID: optionalString,
  TEAMS_CLIENT_SECRET: optionalString,
  TEAMS_TENANT_ID: optionalString,
  WEB_CHAT_TOKEN: optionalString,
  LLM_PROVIDER: z.enum(['none', 'openai', 'ollama']).default('none'),
  LLM_BASE_URL: optionalString.pipe(z.url().optional()),
  LLM_MODEL: optionalString,
  LLM_API_KEY: optionalString,
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  QUIZ_CASES_DIR: optionalString,
  DICOM_KEEP_UIDS: z.enum(['true', 'false']).default('true'),
  OFFLINE_STRICT: boolFromEnv,
});

export type Env = z.infer<typeof envSchema>;

export interface InputLimits {
  /** Largest file accepted, in bytes (default 256 MiB). */
  maxBytes: number;
  /** Largest decoded 2D image, in pixels (default 40 million: a 6,000 × 6,000 screenshot fits). */
  maxPixels: number;
  /** Largest decoded volume, in voxels (default 200 million). */
  maxVoxels: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = {
  maxBytes: 256 * MiB,
  maxPixels: 40_000_000,
  maxVoxels: 200_000_000,
};

export interface AppConfig {
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  redis?: { url: string; prefix: string };
  stateTtlSeconds: number;
  model: { path: string; adrenalPath?: string; executionProvider: 'cpu' | 'cuda'; threads: number };
  refiner?: { encoderPath: string; decoderPath: string };
  inputLimits: InputLimits;
  pipelineMode: 'in-process' | 'queue';
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string };
  teams?: { clientId: string; clientSecret?: string; tenantId?: string };
  webChatToken?: string;
  llm?: {
    provider: 'openai' | 'ollama';
    baseUrl?: string;
    model: string;
    apiKey?: string;
    timeoutMs: number;
  };
  quizCasesDir?: string;
  /** Keep DICOM UIDs and geometry of uploads (never names or IDs) so "export" can write a DICOM SEG. */
  keepDicomUids: boolean;
}

/** Reads and validates the environment; throws one coded error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new OrganSegError(ErrorCode.ConfigInvalid, `Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.REFINER_ENCODER_PATH && !e.REFINER_DECODER_PATH)
    problems.push('REFINER_DECODER_PATH is required with REFINER_ENCODER_PATH');
  if (e.REFINER_DECODER_PATH && !e.REFINER_ENCODER_PATH)
    problems.push('REFINER_ENCODER_PATH is required with REFINER_DECODER_PATH');
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push('SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
  }
  if (e.LLM_PROVIDER !== 'none' && !e.LLM_MODEL)
    problems.push(`LLM_MODEL is required with LLM_PROVIDER=${e.LLM_PROVIDER}`);
  if (e.PIPELINE_MODE === 'queue' && !e.REDIS_URL) problems.push('PIPELINE_MODE=queue needs REDIS_URL');
  if (problems.length > 0) {
    throw new OrganSegError(ErrorCode.ConfigInvalid, `Invalid configuration: ${problems.join('; ')}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : undefined,
    stateTtlSeconds: e.STATE_TTL_SECONDS,
    model: {
      path: e.MODEL_PATH ?? DEFAULT_MODEL_PATH,
      adrenalPath: e.ADRENAL_MODEL_PATH,
      executionProvider: e.ORT_EXECUTION_PROVIDER,
      threads: e.ORT_THREADS,
    },
    refiner:
      e.REFINER_ENCODER_PATH && e.REFINER_DECODER_PATH
        ? { encoderPath: e.REFINER_ENCODER_PATH, decoderPath: e.REFINER_DECODER_PATH }
        : undefined,
    inputLimits: { maxBytes: e.MAX_INPUT_BYTES, maxPixels: e.MAX_PIXELS, maxVoxels: e.MAX_VOXELS },
    pipelineMode: e.PIPELINE_MODE,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
        }
      : undefined,
    teams: e.TEAMS_CLIENT_ID
      ? { clientId: e.TEAMS_CLIENT_ID, clientSecret: e.TEAMS_CLIENT_SECRET, tenantId: e.TEAMS_TENANT_ID }
      : undefined,
    webChatToken: e.WEB_CHAT_TOKEN,
    llm:
      e.LLM_PROVIDER !== 'none' && e.LLM_MODEL
        ? {
            provider: e.LLM_PROVIDER,
            baseUrl: e.LLM_BASE_URL,
            model: e.LLM_MODEL,
            apiKey: e.LLM_API_KEY,
            timeoutMs: e.LLM_TIMEOUT_MS,
          }
        : undefined,
    quizCasesDir: e.QUIZ_CASES_DIR,
    keepDicomUids: e.DICOM_KEEP_UIDS === 'true',
  };
}
