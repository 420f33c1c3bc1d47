import { windowSpend } from "./roll-account-windows.js";
function availableFor(scope, account) {
  const { cap } = scope;
  if (cap === null) return null;
  if (cap === "balance") return account.creditsEnabled ? account.credits - account.spend.total - account.held : null;
  const spent = windowSpend(account.spend, cap.reset) + (cap.includeByok ? windowSpend(account.byok, cap.reset) : 0n);
  return cap.limitPico - spent - account.held;
}
function decideReservation(request, accounts) {
  let reserved = request.amount;
  for (const scope of request.scopes) {
    const account = accounts.get(scope.scope);
    if (!account) throw new Error(`decideReservation: no account loaded for ${scope.scope}`);
    const available = availableFor(scope, account);
    if (available === null) continue;
    const floor = request.minimum === 0n ? request.amount : request.minimum;
    if (available <= 0n || available < floor) return { ok: false, blocking: scope, available };
    if (available < reserved) reserved = available;
  }
  return { ok: true, reserved };
}
export {
  availableFor,
  decideReservation
};
//# sourceMappingURL=decide-reservation.js.map
