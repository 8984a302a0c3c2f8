package dev.companion.testkit.net;

import dev.companion.app.session.Classrooms;
import dev.companion.p2p.lan.LanInterfaces;
import dev.companion.scc.classroom.Classroom;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The teacher's side of {@link LanInterfacesLabTest}, in its own JVM inside a namespace with two LAN
 * interfaces: the interfaces as the app's classroom parts list them, the one taken by default, and the
 * room hosted on it through those parts. Args: profile. Prints "LANS a b …" (in the system's order),
 * "PREFERRED a", then "HOSTING host:port"; waits for QUIT (or the end of stdin), then stops the room.
 */
public final class LanInterfacesChild {
    private static final ChildCommands IO = new ChildCommands(true);

    private LanInterfacesChild() {
    }

    public static void main(String[] args) throws Exception {
        Classrooms.Parts parts = Classrooms.onThisNetwork(Path.of(args[0]));
        List<LanInterfaces.Lan> lans = parts.lans();
        IO.say("LANS " + lans.stream().map(l -> l.address().getHostAddress()).collect(Collectors.joining(" ")));
        LanInterfaces.Lan preferred = LanInterfaces.preferred(lans);
        IO.say("PREFERRED " + preferred.address().getHostAddress());
        try (Classroom room = parts.host(preferred, "Room 204", "teacher", "teacher-pass", Map.of("ann", "ann-pass"))) {
            IO.say("HOSTING " + room.address().getHostString() + ":" + room.address().getPort());
            IO.serve(command -> IO.say("FAIL unknown command " + String.join(" ", command)));
        }
    }
}
