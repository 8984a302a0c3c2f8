-- Control center schema, version 6: a group may follow pages on local addresses (loopback, private
-- ranges, localhost...): off unless the control center starts groups with it (a LAN classroom, the
-- demo) or the leader turns it on. docs/protocol.md, group "localAddresses".
ALTER TABLE "groups" ADD COLUMN local_addresses INTEGER NOT NULL DEFAULT 0 CHECK (local_addresses IN (0, 1));
