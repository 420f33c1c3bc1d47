import type { AccountSnapshot, LedgerScope, ReserveOutcome, ReserveRequest } from './ledger.js';
import { windowSpend } from './roll-account-windows.js';

/** What a scope still allows, or null when nothing is enforced on it. */
export function availableFor(scope: LedgerScope, account: AccountSnapshot): bigint | null {
  const { cap } = scope;
  if (cap === null) return null;
  if (cap === 'balance') return account.creditsEnabled ? account.credits - account.spend.total - account.held : null;
  const spent = windowSpend(account.spend, cap.reset) + (cap.includeByok ? windowSpend(account.byok, cap.reset) : 0n);
  return cap.limitPico - spent - account.held;
}

/**
 * The reservation rule shared by every Ledger backend (each calls it inside its own atomic
 * section): a scope with nothing left refuses; otherwise the reservation is the worst case,
 * lowered to the tightest scope's headroom, and refused when that falls below `minimum`
 * (or below the worst case when `minimum` is 0, i.e. all or nothing).
 */
export function decideReservation(request: ReserveRequest, accounts: Map<string, AccountSnapshot>): ReserveOutcome {
  let reserved = request.amount;
  for (const scope of request.scopes) {
    const account = accounts.get(scope.scope);
    if (!account) throw new Error(`decideReservation: no account loaded for ${scope.scope}`);
    const available = availableFor(scope, account);
    if (available === null) continue;
    const floor = request.minimum === 0n ? request.amount : request.minimum;
    if (available <= 0n || available < floor) return { ok: false, blocking: scope, available, held: account.held };
    if (available < reserved) reserved = available;
  }
  return { ok: true, reserved };
}
