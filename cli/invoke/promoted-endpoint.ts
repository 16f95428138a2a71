import type { ProjectState } from '../../functions/lib/store/index.js';

/** STATE as gated promotion writes it: the endpoint users call, when the project has one. */
type PromotedState = ProjectState & { readonly live?: { readonly endpointName: string } | null };

/**
 * The endpoint the pipeline promotes, which `invoke` calls: `live` when STATE names one (gated promotion), else
 * `DEFAULT`, the endpoint every harness and runtime has (agentcore-api.md §8, §9).
 */
export function promotedEndpoint(state: PromotedState): string {
  return state.live?.endpointName ?? 'DEFAULT';
}
