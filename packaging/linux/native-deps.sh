#!/usr/bin/env bash
# Prints what the native code (ELF files) under DIR... needs from the system, as a package's
# dependency list, asking the distribution's own tools:
#   native-deps.sh deb DIR...  ->  libasound2 (>= 1.0.17), libatk-bridge2.0-0 (>= 2.5.3), ...
#       dpkg-shlibdeps (dpkg-dev): each library mapped to the package that ships it on this machine,
#       so a .deb is for the distribution (and release) it is built on;
#   native-deps.sh rpm DIR...  ->  libasound.so.2()(64bit) libatk-1.0.so.0()(64bit) ...
#       rpm's elfdeps: library names, which every RPM distribution's packages provide.
# Libraries that are themselves under DIR... (the runtime's, Chromium's own) are not asked for.
set -euo pipefail
kind=$1
shift
elves=()
declare -A own=() libdirs=()
while IFS= read -r f; do
  [ "$(head -c4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
  elves+=("$f")
  case "$f" in *.so|*.so.*) own[$(basename "$f")]=1; libdirs[$(dirname "$f")]=1 ;; esac
done < <(for d in "$@"; do find "$(cd "$d" && pwd)" -type f; done)
[ ${#elves[@]} -gt 0 ] || { echo "native-deps: no native code under $*" >&2; exit 1; }
case "$kind" in
  deb)
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    mkdir -p "$work/debian"
    printf 'Source: companion\n\nPackage: companion\nArchitecture: any\n' > "$work/debian/control"
    args=()
    for d in "${!libdirs[@]}"; do args+=("-l$d"); done
    for f in "${elves[@]}"; do args+=("-e$f"); done
    (cd "$work" && dpkg-shlibdeps -O --ignore-missing-info "${args[@]}" 2>"$work/log") | sed -n 's/^shlibs:Depends=//p' | grep . \
      || { echo "native-deps: dpkg-shlibdeps failed:" >&2; cat "$work/log" >&2; exit 1; }
    ;;
  rpm)
    reqs=()
    while read -r r; do
      [ -n "${own[${r%%(*}]:-}" ] || [[ "$r" == rtld\(* ]] || reqs+=("$r")
    done < <(printf '%s\n' "${elves[@]}" | /usr/lib/rpm/elfdeps --requires | sort -u)
    echo "${reqs[*]}"
    ;;
  *) echo "native-deps: deb or rpm, not $kind" >&2; exit 2 ;;
esac
