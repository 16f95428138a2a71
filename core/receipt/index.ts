export { classifyCells } from './classify-cells.js';
export {
  BuiltinCell,
  builtinCellOf,
  promptAsksForBuiltin,
  promptAsksForTool,
  promptNames,
} from './prompt-asks-for.js';
export { requestedCells, type TeamAgent, teamSubagents } from './requested-cells.js';
export {
  type Cell,
  CellState,
  McpReachability,
  type McpServerObservation,
  type SmokeObservations,
  ToolCallKind,
  type ToolCallObservation,
} from './types.js';
