-- Time in groups is counted while a membership lasts (every few minutes), not only when it ends:
-- counted_from is where the next count starts (null: from joined). docs/adr/0010-usage-counts.md
ALTER TABLE members ADD COLUMN counted_from INTEGER;
