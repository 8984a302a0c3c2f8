# Sourced by try-app.sh and try-scc-lite.sh: a throwaway copy of this machine's system in which a
# package is installed, used and removed, and what it left behind is listed.
#
# The sandbox is an overlay: this machine's / read-only below, an empty folder on top that takes every
# write. Installing into it runs the package's own scripts (chrooted), against the installed packages
# of this machine (their dpkg database; an empty rpm database, hence rpm --nodeps), and changes nothing
# outside it. After removal, the top folder holds exactly what the package left: a file there that is
# not the package manager's own bookkeeping and differs from this machine's is a leftover.
# The calling script runs in its own mount and PID namespaces (sandbox_enter), so its mounts and every
# process started in the sandbox end with it, also when it is killed.
#
# Output: lines "step …" (progress), "ok …" (a check passed), "LEFT path" (a leftover),
# "FAIL …" (a check failed; the script stops with exit code 1).

fail() { echo "FAIL $*"; exit 1; }
# Every change copies the whole file up (no metadata-only copies, no renamed folders by reference),
# so that the top folder can be compared with this machine's files as they are.
OVERLAY_OPTIONS=metacopy=off,redirect_dir=off
step() { echo "step $*"; }
ok() { echo "ok $*"; }

# sandbox_enter "$@": re-runs the calling script in new mount and PID namespaces, once.
sandbox_enter() {
  [ "$(id -u)" = 0 ] || fail "needs root (mounts an overlay, chroots, installs packages)"
  if [ -z "${SANDBOX_INSIDE:-}" ]; then
    export SANDBOX_INSIDE=1
    exec unshare --mount --propagation private --pid --fork --kill-child --mount-proc "$0" "$@"
  fi
}

# sandbox_check: prints "ok sandbox" when one can be made here, else why not (exit 1).
sandbox_check() {
  local t
  [ "$(id -u)" = 0 ] || { echo "not root"; return 1; }
  for t in unshare chroot dpkg rpm; do command -v $t > /dev/null || { echo "no $t"; return 1; }; done
  t=$(mktemp -d)
  mkdir "$t/u" "$t/w" "$t/m"
  if unshare --mount sh -c "mount -t overlay overlay -o lowerdir=/,upperdir=$t/u,workdir=$t/w,$OVERLAY_OPTIONS $t/m" 2> "$t/err"; then
    rm -rf "$t"; echo "ok sandbox"
  else
    echo "cannot mount an overlay of / here: $(cat "$t/err")"; rm -rf "$t"; return 1
  fi
}

# sandbox_up DIR PACKAGE: the overlay in DIR (DIR/root is the sandbox's /), the package's folder
# mounted read-only at /tmp/packages in it. Sets R (the root) and PKG (the package's path inside R).
sandbox_up() {
  local dir=$1 pkg=$2
  rm -rf "$dir"
  mkdir -p "$dir/upper" "$dir/work" "$dir/root"
  R="$dir/root"
  mount -t overlay overlay -o "lowerdir=/,upperdir=$dir/upper,workdir=$dir/work,$OVERLAY_OPTIONS" "$R"
  mount -t proc proc "$R/proc"
  mount --rbind /dev "$R/dev"
  mount --rbind /sys "$R/sys"
  mount -t tmpfs tmpfs "$R/tmp"     # scratch; no leftover can hide in it: it is not part of the upper folder
  mount -t tmpfs tmpfs "$R/run"     # no systemd runs in here: /run/systemd/system must not exist
  mkdir -p "$R/tmp/packages"
  mount --bind -o ro "$(dirname "$(readlink -f "$pkg")")" "$R/tmp/packages"
  PKG="/tmp/packages/$(basename "$pkg")"
  step "sandbox in $dir"
}

# sandbox_down: unmounts the sandbox (the upper folder stays, for sandbox_leftovers).
sandbox_down() {
  umount -R "$R" 2> /dev/null || umount -R -l "$R"
}

# in_root COMMAND...: runs COMMAND inside the sandbox, as root.
in_root() { chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

# pkg_install / pkg_remove: with the package's own format; dpkg --purge, so conffiles go too.
pkg_install() {
  case "$PKG" in
    *.deb) in_root dpkg -i "$PKG" ;;
    *.rpm) rpm --root "$R" --dbpath /var/lib/rpm -i --nodeps "$R$PKG" 2>&1 | grep -v -E '^rpm: (RPM should not|However assuming)' || true
           rpm --root "$R" --dbpath /var/lib/rpm -q "$(rpm -qp --qf '%{NAME}' "$R$PKG")" > /dev/null ;;
    *) fail "not a .deb or .rpm: $PKG" ;;
  esac
}
pkg_remove() {
  local name
  case "$PKG" in
    *.deb) in_root dpkg --purge "$(dpkg-deb -f "$R$PKG" Package)" ;;
    *.rpm) name=$(rpm -qp --qf '%{NAME}' "$R$PKG")
           rpm --root "$R" --dbpath /var/lib/rpm -e "$name" 2>&1 | grep -v -E '^rpm: (RPM should not|However assuming)' || true
           ! rpm --root "$R" --dbpath /var/lib/rpm -q "$name" > /dev/null || fail "rpm -e $name did not remove it" ;;
  esac
}

# The package managers' own records, and the account files' backups: not leftovers.
BOOKKEEPING='^/(var/lib/dpkg|var/lib/rpm|usr/lib/sysimage/rpm|root/\.rpmdb|var/log|var/cache/debconf|var/cache/ldconfig|var/tmp)(/|$)|^/etc/(passwd|group|shadow|gshadow|subuid|subgid)-$'

# sandbox_leftovers DIR [KEEP_REGEX [ACCOUNT]]: prints "LEFT path" for each file, link or folder the
# sandbox in DIR holds that this machine does not (or holds otherwise), and "LEFT removed path" for each
# of this machine's files it removed. KEEP_REGEX: paths left on purpose (documented); ACCOUNT: a
# system user (and group) left on purpose: its lines in the account files are no leftover.
sandbox_leftovers() {
  local upper="$1/upper" keep=${2:-'^$'} account=${3:-} p rel changed new=/nonexistent/
  while IFS= read -r -d '' p; do
    rel=${p#"$upper"}
    [ -n "$rel" ] || continue
    [[ "$rel" == "$new"* ]] && continue                               # inside a new folder already listed
    [[ "$rel" =~ $BOOKKEEPING ]] && continue
    [[ "$rel" =~ $keep ]] && continue
    if [ -c "$p" ] && [ "$(stat -c '%t:%T' "$p")" = 0:0 ]; then    # an overlay whiteout: removed from /
      echo "LEFT removed $rel"; continue
    fi
    if [ -d "$p" ] && [ ! -L "$p" ]; then
      [ -d "$rel" ] && [ ! -L "$rel" ] || { echo "LEFT $rel/"; new="$rel/"; }
    elif [ -L "$p" ]; then
      [ -L "$rel" ] && [ "$(readlink "$p")" = "$(readlink "$rel")" ] || echo "LEFT $rel"
    elif [ -f "$rel" ] && ! [ -L "$rel" ] && cmp -s "$p" "$rel"; then
      continue                                                        # copied up, same content
    elif [[ "$rel" =~ ^/etc/(passwd|group|shadow|gshadow)$ ]] && [ -n "$account" ]; then
      changed=$(diff <(sort "$rel") <(sort "$p") | grep -E '^[<>]' | grep -v -E "^[<>] $account:" || true)
      [ -z "$changed" ] || echo "LEFT $rel (lines: $(echo "$changed" | cut -d: -f1 | paste -sd' '))"
    else
      echo "LEFT $rel"
    fi
  done < <(find "$upper" -print0)
}
