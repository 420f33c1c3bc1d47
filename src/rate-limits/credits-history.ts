/**
 * What the free-variant daily limit needs from billing: how much credit a workspace has ever
 * added (purchases, not the balance). Read on the request path, so implementations answer
 * from memory. The billing ledger provides the real one; until it is wired in, nobody has
 * added credits and the lower daily limit applies.
 */
export interface CreditsHistory {
  /** Picodollars of credits ever added to the workspace. */
  totalCreditsAddedPico(workspaceId: string): bigint;
}

/** No credits were ever added anywhere. */
export const NO_CREDITS_HISTORY: CreditsHistory = { totalCreditsAddedPico: () => 0n };
