/** agentdrop compiler semver, recorded in every plan and hashed on Runtime (spec §9.2). Equals package.json's version. */
export const CompilerVersion = '0.1.0';
