package dev.companion.p2p.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The peer link's architecture rules (docs/architecture.md, "Rules the build checks"). */
class ArchitectureTest {
    private static JavaClasses p2p;

    @BeforeAll
    static void load() {
        p2p = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.companion.p2p");
    }

    @Test
    void knowsNeitherTheAppNorTheControlCenter() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.companion.app..", "dev.companion.scc..",
                        "javafx..", "org.cef..", "java.awt..")
                .because("p2p is the peer link and the wire model, used by both the app and the control center")
                .check(p2p);
    }

    @Test
    void theWireModelIsPlainData() {
        noClasses().that().resideInAPackage("dev.companion.p2p.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.mina..", "javax.net..",
                        "dev.companion.p2p.link..", "dev.companion.p2p.net..", "dev.companion.p2p.tls..",
                        "dev.companion.p2p.frame..")
                .because("messages are defined once, free of any transport")
                .check(p2p);
    }

    @Test
    void onlyTheNetPackageBuildsConnectionsAndTls() {
        noClasses().that().resideOutsideOfPackage("dev.companion.p2p.net..")
                .should().callConstructorWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.base.DescribedPredicate.describe("a MINA socket service or SSL filter",
                                        o -> o.isAssignableTo(NioSocketAcceptor.class)
                                                || o.isAssignableTo(NioSocketConnector.class)
                                                || o.isAssignableTo(SslFilter.class)))))
                .because("FramedTls is the one way to open a framed TLS connection or acceptor (and where its limits live)")
                .check(p2p);
    }

    @Test
    void oneLoggingApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("java.util.logging..").check(p2p);
    }
}
