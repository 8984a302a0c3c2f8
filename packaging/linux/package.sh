#!/usr/bin/env bash
# Builds the Linux packages of the Companion app: jpackage makes one app image (a jlink runtime, the
# app's jars, the launcher); dpkg-deb and rpmbuild make the .deb and the .rpm from one file tree:
# /opt/companion (the image) and the menu entry /usr/share/applications/companion.desktop, a file of
# the package (jpackage's own .deb and .rpm add it with xdg-desktop-menu after install instead, which
# fails on a machine without a menu system and then fails the whole install). Packages: packaging/target/dist/.
# Usage: packaging/linux/package.sh [--no-build] [deb] [rpm] [app-image]   (default: deb rpm)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
HERE="$ROOT/packaging/linux"
OUT="$ROOT/packaging/target/app"
rm -rf "$OUT"; mkdir -p "$OUT"
MAIN_JAR=$(stage_jars app "$OUT/input")

# A jlink runtime with only the modules the app uses (not a whole JDK): packaging/app.modules.
MODULES=$(grep -v '^#' packaging/app.modules | tr -d ' \n')

# The app's JVM options, as ./companion app reads them (one file; see app/README.md).
JAVA_OPTIONS=()
while read -r o; do JAVA_OPTIONS+=(--java-options "$o"); done < <(./companion app-jvm-options)
[ ${#JAVA_OPTIONS[@]} -gt 0 ] || { echo "package: no JVM options in app/src/main/resources/dev/companion/app/jvm.options" >&2; exit 1; }

# jlink's defaults but for --strip-native-commands: the runtime keeps bin/java, with which the packages'
# post-install step (lib/companion-cds) makes the class data sharing archive for the installed jars
# (app/README.md, "Class data sharing").
timed "app image" "$JAVA_HOME/bin/jpackage" --type app-image --dest "$OUT" --name Companion --app-version "$VERSION" \
  --vendor "Companion" --description "Browse together (结伴同行)" \
  --input "$OUT/input" --main-jar "$MAIN_JAR" --main-class dev.companion.app.Main \
  --add-modules "$MODULES" --jlink-options "--strip-debug --no-man-pages --no-header-files" \
  "${JAVA_OPTIONS[@]}" --java-options '-XX:SharedArchiveFile=$APPDIR/companion.jsa' \
  --app-content "$HERE/companion-cds" --icon "$HERE/companion.png"

tree="$OUT/tree"
mkdir -p "$tree/opt" "$tree/usr/share/applications"
cp -a "$OUT/Companion" "$tree/opt/companion"
install -m 0644 "$HERE/companion.desktop" "$tree/usr/share/applications/companion.desktop"

# What the native code needs from the system: jpackage's runtime, and Chromium's (jcef-natives-*.jar:
# a tar.gz inside a jar) and JavaFX's (javafx-*-linux.jar) natives, which only the running app
# unpacks; unpacked here for the distribution's tools (native-deps.sh).
native_deps() {
  local n="$OUT/natives"
  if [ ! -d "$n" ]; then
    mkdir -p "$n/tgz"
    for j in "$OUT"/input/jcef-natives-linux-*.jar; do unzip -q -o "$j" '*.tar.gz' -d "$n/tgz"; done
    for t in "$n"/tgz/*.tar.gz; do tar -xzf "$t" -C "$n"; done
    rm -rf "$n/tgz"
    for j in "$OUT"/input/javafx-*-linux.jar; do unzip -q -o -j "$j" '*.so' -d "$n/javafx" 2>/dev/null || true; done
  fi
  packaging/linux/native-deps.sh "$1" "$n" "$tree/opt/companion"
}

# A font with Chinese: without one every Chinese letter of the window and of pages is a box. Depends
# (not Recommends: dpkg -i and apt --no-install-recommends skip those) on Noto CJK, or another
# Chinese font the user already has; on RPM distributions Fedora's names (38+: sans-cjk, its default
# the variable vf; 37 and RHEL 9: ttc). packaging/README.md.
FONT_DEB='fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei'
FONT_RPM='(google-noto-sans-cjk-fonts or google-noto-sans-cjk-vf-fonts or google-noto-sans-cjk-ttc-fonts)'

for t in "${types[@]}"; do
  case "$t" in
    app-image) ;;
    deb) deps=$(timed "deb dependencies" native_deps deb)
         timed deb build_deb "$tree" "$HERE/app/debian" "$deps, $FONT_DEB" ;;
    rpm) deps=$(timed "rpm dependencies" native_deps rpm)
         timed rpm build_rpm "$HERE/app/companion.spec" "$tree" "$deps $FONT_RPM" ;;
    *) echo "package: unknown type $t" >&2; exit 2 ;;
  esac
done
ls -la "$DIST"
