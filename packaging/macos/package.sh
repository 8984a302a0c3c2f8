#!/usr/bin/env bash
# Builds the macOS disk image of the Companion app (packaging/target/dist/Companion-VERSION-ARCH.dmg)
# with jpackage: a jlink runtime (packaging/app.modules), the app's jars with Chromium's macOS natives
# for this Mac's processor, the app's JVM options (app/src/main/resources/dev/companion/app/jvm.options)
# plus the three JCEF needs on macOS, and the app's icon (packaging/linux/companion.png, turned into an
# .icns here). Run on macOS (Apple silicon or Intel) with a JDK 21+ in JAVA_HOME and Maven; not signed
# (Gatekeeper asks before the first start; signing needs an Apple Developer ID: jpackage --mac-sign).
# Cannot be run on Linux: see packaging/README.md.
#   packaging/macos/package.sh [--no-build]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
[ -n "${JAVA_HOME:-}" ] || { echo "package: set JAVA_HOME to a JDK 21 or newer" >&2; exit 1; }
case "$(uname -m)" in
  arm64) arch=arm64 ;;
  x86_64) arch=amd64 ;;
  *) echo "package: no Chromium build for $(uname -m)" >&2; exit 1 ;;
esac
# Maven picks JavaFX's macOS jars by itself (the javafx poms choose by OS and processor); Chromium's
# natives are the Linux ones in the app's pom, swapped below.
[ "${1:-}" = --no-build ] || mvn -B -q -DskipTests package
VERSION=$(sed -n 's:.*<version>\([0-9.]*\)-SNAPSHOT</version>.*:\1:p' pom.xml | head -1)
NATIVES=$(sed -n 's:.*<jcef.natives.version>\(.*\)</jcef.natives.version>.*:\1:p' pom.xml)
OUT="$ROOT/packaging/target/macos"
DIST="$ROOT/packaging/target/dist"
rm -rf "$OUT"; mkdir -p "$OUT/input" "$DIST"

MAIN_JAR=$(basename app/target/companion-app-*.jar)
cp "app/target/$MAIN_JAR" "$OUT/input/"
IFS=: read -r -a entries < app/target/classpath.txt || true
for j in "${entries[@]}"; do
  case "$(basename "$j")" in jcef-natives-linux-*) ;; *) cp "$j" "$OUT/input/" ;; esac
done
if ls "$OUT/input" | grep -E '^companion-(shop|testkit|bench)-'; then echo "package: development-only code would ship" >&2; exit 1; fi
# Chromium for this Mac: the same JCEF build as the Linux natives (one version for every platform)
mvn -B -q dependency:copy "-Dartifact=me.friwi:jcef-natives-macosx-$arch:$NATIVES" "-DoutputDirectory=$OUT/input" \
  || { echo "package: me.friwi:jcef-natives-macosx-$arch:$NATIVES is not on Maven Central" >&2; exit 1; }

# The same JVM options and modules as on Linux (one file each), and what JCEF's AWT part needs on
# macOS (jcefmaven's README: it reaches into these packages of java.desktop).
JAVA_OPTIONS=()
while read -r o; do
  [ -n "$o" ] && [ "${o#\#}" = "$o" ] && JAVA_OPTIONS+=(--java-options "$o")
done < <(sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' app/src/main/resources/dev/companion/app/jvm.options)
for p in sun.awt sun.lwawt sun.lwawt.macosx; do JAVA_OPTIONS+=(--java-options "--add-opens=java.desktop/$p=ALL-UNNAMED"); done
MODULES=$(grep -v '^#' packaging/app.modules | tr -d ' \n')

# The icon: the Linux PNG scaled into an icon set, made an .icns by the system's own tools.
iconset="$OUT/companion.iconset"
mkdir -p "$iconset"
for s in 16 32 128 256; do
  sips -z $s $s packaging/linux/companion.png --out "$iconset/icon_${s}x${s}.png" > /dev/null
  sips -z $((s * 2)) $((s * 2)) packaging/linux/companion.png --out "$iconset/icon_${s}x${s}@2x.png" > /dev/null
done
iconutil -c icns "$iconset" -o "$OUT/companion.icns"

# A bundle's version must not start with 0 (CFBundleVersion; jpackage refuses it): while Companion is
# 0.x, the bundle says 1.x; the disk image's name keeps the real version.
IFS=. read -r major minor patch <<< "$VERSION"
BUNDLE_VERSION="$([ "$major" = 0 ] && echo 1 || echo "$major").$minor.${patch:-0}"
# No class data sharing archive here: the Linux packages make it after install; a disk image has no
# such step, so the app starts without one (app/README.md).
# First the app bundle, then its Info.plist gets the companion:// scheme (jpackage has no option for
# URL schemes; macOS opens join links with the app and hands them over as Apple events, which the
# app takes with java.awt.Desktop: app.instance.LinkRegistration), then the disk image of that bundle.
"$JAVA_HOME/bin/jpackage" --type app-image --dest "$OUT/image" --name Companion --app-version "$BUNDLE_VERSION" \
  --vendor Companion --description "Browse together (结伴同行)" \
  --input "$OUT/input" --main-jar "$MAIN_JAR" --main-class dev.companion.app.Main \
  --add-modules "$MODULES" --jlink-options "--strip-debug --no-man-pages --no-header-files" \
  "${JAVA_OPTIONS[@]}" --icon "$OUT/companion.icns" \
  --mac-package-identifier dev.companion.app --mac-package-name Companion --mac-app-category public.app-category.social-networking
APP="$OUT/image/Companion.app"
/usr/libexec/PlistBuddy -c "Add :CFBundleURLTypes array" -c "Add :CFBundleURLTypes:0 dict" \
  -c "Add :CFBundleURLTypes:0:CFBundleURLName string dev.companion.join" \
  -c "Add :CFBundleURLTypes:0:CFBundleURLSchemes array" \
  -c "Add :CFBundleURLTypes:0:CFBundleURLSchemes:0 string companion" "$APP/Contents/Info.plist"
plutil -lint "$APP/Contents/Info.plist"
# the edit breaks jpackage's ad-hoc signature, and Apple silicon refuses to start an app whose
# signature does not match: sign it again, ad hoc (a Developer ID would go here)
codesign --force --deep --sign - "$APP"
"$JAVA_HOME/bin/jpackage" --type dmg --dest "$OUT" --name Companion --app-version "$BUNDLE_VERSION" \
  --vendor Companion --app-image "$APP" --mac-package-identifier dev.companion.app --mac-package-name Companion
mv "$OUT"/Companion-*.dmg "$DIST/Companion-$VERSION-$arch.dmg"
ls -la "$DIST"
