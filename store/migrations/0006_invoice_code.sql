-- 发票代码: 数电 invoices have none, but 迅联云 returns one for the
-- invoices it issues, and a red invoice names its blue invoice's code.
ALTER TABLE invoices ADD COLUMN code TEXT NOT NULL DEFAULT '';
