-- Durable holds (issue 17, native provider batches): a hold with `durable_until` is not tied to the
-- process that made it. Start-up (releaseAll) frees it only once that time has passed; until then it
-- is settled or released by whichever process drives its batch next. NULL: an ordinary hold.
ALTER TABLE ledger_holds ADD COLUMN durable_until INTEGER;
