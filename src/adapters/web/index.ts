/** The local web chat adapter: mount it on the shared server with `mountWebChat(server, { bot, … })`. */
export { assertWebChatExposure, isLoopbackHost, tokenMatches } from './auth.js';
export { toInboundMessage, toWebReply, type WebReply, type WebStreamEvent } from './translate.js';
export { mountWebChat, type WebChat, type WebChatMetrics, type WebChatOptions } from './web-chat.js';
