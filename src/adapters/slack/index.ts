/** The Slack adapter's public surface, for the composition root and tests. */
export {
  createSlackAdapter,
  friendlyErrorReply,
  type SlackAdapter,
  type SlackAdapterOptions,
  slackOptionsFromConfig,
} from './adapter.js';
export { ActiveThreads, EventDedupe } from './dedupe.js';
export { checkSlackFile, downloadSlackFile, isTrustedFileUrl } from './files.js';
export {
  type RejectionReason,
  SIGNATURE_WINDOW_SECONDS,
  SlackHttpReceiver,
  type SlackRequestStats,
} from './http-receiver.js';
export * from './translate.js';
