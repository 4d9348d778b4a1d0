/** `@switchboard/react`: the Switchboard widget as a React component and hook, safe to render on the server. */
export { Switchboard, type SwitchboardProps } from './Switchboard';
export { useSwitchboard, type SwitchboardControls } from './useSwitchboard';
export { SCRIPT_ID, type WidgetScriptOptions } from './host';
export type * from './widget-api';
export type { CustomerSessionDto, MessageDto } from '../../../shared/src/contract/types';
