/** The file that marks a directory as local cloud data, so `agentdrop local reset` only wipes such a directory. */
export const LocalDataMarker = '.agentdrop-local';
