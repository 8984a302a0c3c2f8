# Sourced by package.sh (the app) and scc-lite/package.sh (the control center): the arguments, the
# build, the JDK, the version, the jars of one module staged for jpackage, and the .deb and .rpm
# made from a file tree with the distributions' own tools (dpkg-deb, rpmbuild).
# Arguments: [--no-build] [TYPE]...   --no-build uses what Maven built (the packaging test passes it:
# Maven has just built the modules); otherwise `./companion build` builds what is missing first.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
no_build=0
types=()
for a in "$@"; do
  case "$a" in
    --no-build) no_build=1 ;;
    *) types+=("$a") ;;
  esac
done
[ ${#types[@]} -gt 0 ] || types=(deb rpm)

[ $no_build = 1 ] || ./companion build
JAVA_HOME="$(./companion java-home)"; export JAVA_HOME
VERSION=$(sed -n 's:.*<version>\([0-9.]*\)-SNAPSHOT</version>.*:\1:p' pom.xml | head -1)
DIST="$ROOT/packaging/target/dist"   # the packages of both scripts
mkdir -p "$DIST"
# gzip, not dpkg-deb's default xz: most of the bytes are jars (already compressed) and the runtime;
# xz made the app's .deb 5 % smaller and its build ~3 minutes longer (packaging/README.md). The .rpm
# specs say the same (w6.gzdio). Set DPKG_DEB_COMPRESSOR_TYPE=xz to choose otherwise.
export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"

# Copies MODULE's jar and its runtime class path (MODULE/target/classpath.txt) into DIR; prints the jar's name.
stage_jars() {
  local module=$1 dir=$2 jar j
  jar=$(ls "$module"/target/companion-*.jar 2>/dev/null | grep -v -- '-tests\.jar$' | head -1)
  [ -n "$jar" ] && [ -f "$module/target/classpath.txt" ] \
    || { echo "package: $module is not built (run ./companion build, or mvn package)" >&2; exit 1; }
  mkdir -p "$dir"
  cp "$jar" "$dir/"
  local entries=()
  IFS=: read -r -a entries < "$module/target/classpath.txt" || true   # one line, no newline at its end
  for j in "${entries[@]}"; do [ -n "$j" ] && cp "$j" "$dir/"; done
  # Development-only code never ships: the sample shop, the test kit and the benchmarks (tools/) are not
  # on a shipped module's class path, and its jar holds none of their classes (refused should that change).
  local dev_only
  dev_only=$(ls "$dir" | grep -E '^companion-(shop|testkit|bench)-' || true)
  dev_only+=$("$JAVA_HOME/bin/jar" tf "$jar" | grep -E '^dev/companion/(demo|testkit)/' || true)
  [ -z "$dev_only" ] || { echo "package: development-only code would ship:"$'\n'"$dev_only" >&2; exit 1; }
  basename "$jar"
}

# timed LABEL COMMAND...: runs COMMAND, then says how long it took (packaging/README.md's figures).
timed() {
  local label=$1 t0=$SECONDS
  shift
  "$@"
  echo "package: $label in $((SECONDS - t0)) s" >&2
}

# build_deb TREE CONTROL_DIR DEPENDS: the .deb of the files under TREE, with CONTROL_DIR's control
# (@VERSION@, @DEPENDS@, @SIZE@ filled in), conffiles and maintainer scripts; into $DIST.
build_deb() {
  local tree=$1 ctl=$2 depends=$3 f name
  name=$(sed -n 's/^Package: //p' "$ctl/control")
  rm -rf "$tree/DEBIAN"; mkdir "$tree/DEBIAN"
  local control
  control=$(< "$ctl/control")
  control=${control//@VERSION@/"$VERSION"}
  control=${control//@DEPENDS@/"$depends"}
  control=${control//@SIZE@/"$(du -sk --exclude=DEBIAN "$tree" | cut -f1)"}
  printf '%s\n' "$control" > "$tree/DEBIAN/control"
  [ ! -f "$ctl/conffiles" ] || install -m 0644 "$ctl/conffiles" "$tree/DEBIAN/"
  for f in preinst postinst prerm postrm; do [ ! -f "$ctl/$f" ] || install -m 0755 "$ctl/$f" "$tree/DEBIAN/"; done
  dpkg-deb --root-owner-group --build "$tree" "$DIST/${name}_${VERSION}_amd64.deb" > /dev/null
  rm -rf "$tree/DEBIAN"
}

# build_rpm SPEC TREE REQUIRES: the .rpm of the files under TREE (the spec's pkg_tree), needing
# REQUIRES (pkg_requires), version $VERSION (pkg_version); into $DIST.
build_rpm() {
  command -v rpmbuild > /dev/null || { echo "package: rpmbuild missing (apt-get install rpm)" >&2; return 1; }
  local top
  top=$(mktemp -d)
  rpmbuild -bb --quiet --define "_topdir $top" --define "_rpmdir $DIST" \
    --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
    --define "pkg_version $VERSION" --define "pkg_tree $2" --define "pkg_requires $3" "$1"
  rm -rf "$top"
}
