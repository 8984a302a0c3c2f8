#!/usr/bin/env bash
# Builds Linux installers of the Companion app with jpackage: an app image, then .deb (and .rpm
# when rpmbuild is installed). Output: packaging/target/. Usage: packaging/linux/package.sh [deb|rpm|app-image]...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
types=("$@"); [ ${#types[@]} -gt 0 ] || types=(deb rpm)

./companion build
JAVA_HOME="$(./companion java-home)"; export JAVA_HOME
VERSION=$(sed -n 's:.*<version>\([0-9.]*\)-SNAPSHOT</version>.*:\1:p' pom.xml | head -1)
OUT="$ROOT/packaging/target"
INPUT="$OUT/input"
rm -rf "$OUT"; mkdir -p "$INPUT"
cp app/target/companion-app-*.jar "$INPUT/"
tr ':' '\n' < app/target/classpath.txt | while read -r jar; do [ -n "$jar" ] && cp "$jar" "$INPUT/"; done
MAIN_JAR=$(basename app/target/companion-app-*.jar)

# Development-only code never ships: the sample shop and the test kit (tools/) are not on the app's
# class path, and the app jar holds neither (refused here should that ever change).
dev_only=$(ls "$INPUT" | grep -E '^companion-(shop|testkit|bench)-' || true)
dev_only+=$("$JAVA_HOME/bin/jar" tf "$INPUT/$MAIN_JAR" | grep -E '^dev/companion/(demo|testkit)/' || true)
[ -z "$dev_only" ] || { echo "package: development-only code would ship:"$'\n'"$dev_only" >&2; exit 1; }

# A jlink runtime with only the modules the app uses (not a whole JDK).
MODULES=java.base,java.desktop,java.logging,java.naming,java.net.http,java.sql,java.management,java.scripting,jdk.crypto.ec,jdk.httpserver,jdk.unsupported,jdk.jsobject,jdk.xml.dom,java.xml,jdk.zipfs

# The app's JVM options, as ./companion app reads them (one file; see app/README.md).
JAVA_OPTIONS=()
while read -r o; do JAVA_OPTIONS+=(--java-options "$o"); done < <(./companion app-jvm-options)
[ ${#JAVA_OPTIONS[@]} -gt 0 ] || { echo "package: no JVM options in app/src/main/resources/dev/companion/app/jvm.options" >&2; exit 1; }

# jlink's defaults but for --strip-native-commands: the runtime keeps bin/java, with which the .deb's
# postinst (packaging/linux/resources) makes the class data sharing archive for the installed jars
# (app/README.md, "Class data sharing") with dev.companion.app.ClassDataArchive from the app jar.
"$JAVA_HOME/bin/jpackage" --type app-image --dest "$OUT" --name Companion --app-version "$VERSION" \
  --vendor "Companion" --description "Browse together (结伴同行)" \
  --input "$INPUT" --main-jar "$MAIN_JAR" --main-class dev.companion.app.Main \
  --add-modules "$MODULES" --jlink-options "--strip-debug --no-man-pages --no-header-files" \
  "${JAVA_OPTIONS[@]}" --java-options '-XX:SharedArchiveFile=$APPDIR/companion.jsa' \
  --icon "$ROOT/packaging/linux/companion.png"

for t in "${types[@]}"; do
  case "$t" in
    app-image) ;;
    deb|rpm)
      if [ "$t" = rpm ] && ! command -v rpmbuild >/dev/null; then echo "package: rpmbuild missing (apt-get install rpm); skipping rpm" >&2; continue; fi
      "$JAVA_HOME/bin/jpackage" --type "$t" --dest "$OUT" --app-image "$OUT/Companion" --name companion \
        --app-version "$VERSION" --vendor "Companion" --description "Browse together (结伴同行)" \
        --linux-shortcut --linux-menu-group Network --linux-app-category net \
        --resource-dir "$ROOT/packaging/linux/resources" ;;
    *) echo "package: unknown type $t" >&2; exit 2 ;;
  esac
done
ls -la "$OUT"
