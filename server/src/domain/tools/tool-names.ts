import { TOOL_NAME_PATTERN } from '../../../../shared/src/schemas';
import { BUILT_IN_TOOL_NAMES } from '../runtime/agent-tools';

export { BUILT_IN_TOOL_NAMES };

/** What separates an MCP server's name from its tool's in the name the model calls. */
export const MCP_SEPARATOR = '__';

/** The name an MCP tool is offered under (`<server>__<tool>`), or null when that is no valid tool name. */
export function mcpToolName(server: string, tool: string): string | null {
  const name = `${server}${MCP_SEPARATOR}${tool}`;
  return TOOL_NAME_PATTERN.test(name) ? name : null;
}

export const isBuiltInTool = (name: string): boolean => BUILT_IN_TOOL_NAMES.includes(name);
