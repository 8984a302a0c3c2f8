package dev.companion.scc.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The control center's architecture rules (docs/architecture.md, "Rules the build checks"). */
class ArchitectureTest {
    private static JavaClasses scc;

    @BeforeAll
    static void load() {
        scc = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.companion.scc");
    }

    @Test
    void theClientLibraryKnowsNoServerCode() {
        noClasses().that().resideInAPackage("dev.companion.scc.client..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.companion.scc..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.companion.scc.client..")))
                .because("the app links the client, not the server's internals")
                .check(scc);
    }

    @Test
    void theClientLibraryNeedsNoIcu() {
        noClasses().that().resideInAPackage("dev.companion.scc.client..")
                .should().dependOnClassesThat().resideInAPackage("com.ibm.icu..")
                .because("the app leaves ICU4J (the server's user-name checks) out of its class path")
                .check(scc);
    }

    @Test
    void knowsNoAppAndNoUi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.companion.app..", "javafx..", "org.cef..",
                "java.awt..").because("the control center is a headless server").check(scc);
    }

    @Test
    void opensConnectionsOnlyThroughFramedTls() {
        noClasses().should().callConstructorWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.base.DescribedPredicate.describe("a MINA socket service or SSL filter",
                                        o -> o.isAssignableTo(NioSocketAcceptor.class)
                                                || o.isAssignableTo(NioSocketConnector.class)
                                                || o.isAssignableTo(SslFilter.class)))))
                .because("p2p's FramedTls is the one way to open a framed TLS connection or acceptor")
                .check(scc);
    }

    @Test
    void oneLoggingApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("java.util.logging..").check(scc);
    }
}
