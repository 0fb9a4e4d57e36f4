export {
  createTeamsAdapter,
  type TeamsAdapter,
  type TeamsAdapterOptions,
  type TeamsAdapterStats,
  type TeamsAuthOptions,
} from './adapter.js';
export { activityOfReply, adaptiveCardOf, inboundFromActivity, type TeamsActivity } from './translate.js';
