/** Kept so `./switchboard-error` imports keep working: the class lives in the protocol layer. */
export { SwitchboardError } from '../protocol/switchboard-error';
