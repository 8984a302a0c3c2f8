package dev.companion.scc.cli;

import dev.companion.p2p.link.HostPort;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli converter of every HOST:PORT option (the app's and the bot's --control-center, the
 * control center's --turn): {@link HostPort#parse}'s reason becomes picocli's one-line "Invalid value
 * for option" error, followed by the usage, exit code 2 -- no stack trace.
 */
public final class HostPortConverter implements ITypeConverter<HostPort> {
    @Override
    public HostPort convert(String value) {
        try {
            return HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
