package dev.companion.app.follow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link FollowJournal} in memory: for bots and tests that need no restart. */
public final class MemoryJournal implements FollowJournal {
    private final Map<String, TreeMap<Long, byte[]>> sent = new HashMap<>();
    private final Map<String, Long> last = new HashMap<>();
    private final Map<String, Long> applied = new HashMap<>();

    @Override
    public synchronized long lastSent(String group) {
        return last.getOrDefault(group, 0L);
    }

    @Override
    public synchronized void logSent(String group, long seq, byte[] payload, int bound) {
        TreeMap<Long, byte[]> log = sent.computeIfAbsent(group, g -> new TreeMap<>());
        log.put(seq, payload);
        while (log.size() > bound) {
            log.pollFirstEntry();
        }
        last.merge(group, seq, Math::max);
    }

    @Override
    public synchronized long firstLogged(String group) {
        TreeMap<Long, byte[]> log = sent.get(group);
        return log == null || log.isEmpty() ? 0 : log.firstKey();
    }

    @Override
    public synchronized List<byte[]> sentBetween(String group, long after, long upTo) {
        TreeMap<Long, byte[]> log = sent.get(group);
        return log == null ? List.of() : new ArrayList<>(log.subMap(after, false, upTo, true).values());
    }

    @Override
    public synchronized long applied(String group, String sender) {
        return applied.getOrDefault(group + "\n" + sender, -1L);
    }

    @Override
    public synchronized void markApplied(String group, String sender, long seq) {
        applied.merge(group + "\n" + sender, seq, Math::max);
    }

    @Override
    public synchronized void forgetSender(String group, String sender) {
        applied.remove(group + "\n" + sender);
    }

    @Override
    public synchronized void forgetAllBut(String keep) {
        sent.keySet().removeIf(g -> !g.equals(keep));
        last.keySet().removeIf(g -> !g.equals(keep));
        applied.keySet().removeIf(k -> keep == null || !k.startsWith(keep + "\n"));
    }
}
