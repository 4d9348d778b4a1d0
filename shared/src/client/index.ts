/**
 * The Switchboard client for Node 18+ and browsers: typed REST calls and typed sockets.
 *
 *   const sb = createSwitchboardClient({ baseUrl, token: apiKey });
 *   const { session } = await sb.sessions.create({ agentId, customerId: 'c-42' });
 *   const events = sb.connectEvents();
 *   await emitWithAck(events, 'subscribe', { types: ['message.completed'] });
 */
export { createSwitchboardClient, type SentMessage, type SwitchboardClient, type SwitchboardClientOptions } from './rest-client';
export { connectEvents, connectOperator, connectWidget, emitWithAck, type AckSuccess, type EventsSocket, type OperatorSocket, type SocketConnectOptions, type WidgetSocket } from './sockets';
export { SwitchboardError } from './switchboard-error';
export type * from './inputs';
export type * from '../contract/types';
export type * from '../events';
export type { ErrorBody, ErrorCode } from '../errors';
