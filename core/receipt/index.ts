export { classifyCells } from './classify-cells.js';
export {
  type Cell,
  CellState,
  McpReachability,
  type McpServerObservation,
  type SmokeObservations,
  ToolCallKind,
  type ToolCallObservation,
} from './types.js';
