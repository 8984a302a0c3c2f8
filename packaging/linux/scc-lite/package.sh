#!/usr/bin/env bash
# Builds the control center (scc-lite) packages: jpackage makes the app image (a jlink runtime of a
# few modules, the jars, the launcher bin/scc-lite); dpkg-deb and rpmbuild make the .deb and the .rpm
# from one file tree (common.sh), with what jpackage's installers cannot hold: a systemd unit, a
# settings file in /etc kept across upgrades (a conffile / %config), a system user made after install.
# Packages: packaging/target/dist/.
# Usage: packaging/linux/scc-lite/package.sh [--no-build] [deb] [rpm]   (default: both)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
HERE="$ROOT/packaging/linux/scc-lite"
OUT="$ROOT/packaging/target/scc-lite"
rm -rf "$OUT"; mkdir -p "$OUT"
MAIN_JAR=$(stage_jars scc-lite "$OUT/input")

# The modules scc-lite uses (jdeps, then checked by the packaging test: it starts the installed
# service and signs in over TLS); no bin/java: nothing runs Java here but the launcher.
MODULES=java.base,java.sql,java.naming,java.logging,java.management,jdk.crypto.ec,jdk.unsupported
timed "scc-lite app image" "$JAVA_HOME/bin/jpackage" --type app-image --dest "$OUT" --name scc-lite \
  --app-version "$VERSION" --vendor Companion --description "Companion control center" \
  --input "$OUT/input" --main-jar "$MAIN_JAR" --main-class dev.companion.scc.cli.SccMain \
  --add-modules "$MODULES" --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands" \
  --java-options --enable-native-access=ALL-UNNAMED \
  --app-content "$HERE/scc-lite-setup"

# The one file tree both packages hold.
tree="$OUT/tree"
mkdir -p "$tree/opt" "$tree/usr/bin" "$tree/usr/lib/systemd/system" "$tree/etc/scc-lite"
cp -a "$OUT/scc-lite" "$tree/opt/scc-lite"
ln -s ../../opt/scc-lite/bin/scc-lite "$tree/usr/bin/scc-lite"
install -m 0644 "$HERE/scc-lite.service" "$tree/usr/lib/systemd/system/scc-lite.service"
install -m 0644 "$HERE/env" "$tree/etc/scc-lite/env"

for t in "${types[@]}"; do
  case "$t" in
    deb) deps=$(packaging/linux/native-deps.sh deb "$tree/opt/scc-lite")
         timed "scc-lite deb" build_deb "$tree" "$HERE/debian" "$deps, passwd" ;;
    rpm) deps=$(packaging/linux/native-deps.sh rpm "$tree/opt/scc-lite")
         timed "scc-lite rpm" build_rpm "$HERE/scc-lite.spec" "$tree" "$deps" ;;
    *) echo "package: unknown type $t (deb or rpm)" >&2; exit 2 ;;
  esac
done
ls -la "$DIST"
