#!/usr/bin/env bash
# Tries the app's package (.deb or .rpm) in a sandbox (lib.sh): installs it; checks the launcher, the
# menu entry, the class data sharing archive, a font with Chinese, and that the package has no test
# hook; starts the installed app as an ordinary user on a display of its own (Xvfb) until its sign-in
# window is on the screen (in Chinese, saved to WORKDIR/window.xwd); stops it; removes the package
# and lists what is left. Run as root:
#   packaging/linux/sandbox/try-app.sh PACKAGE [WORKDIR]   (default WORKDIR: packaging/target/sandbox/app-deb|rpm)
# The last line is "done" when every check passed; "LEFT" lines before it are leftovers.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
sandbox_enter "$@"
[ $# -ge 1 ] && [ -f "$1" ] || fail "usage: try-app.sh PACKAGE [WORKDIR]"
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../.." && pwd)"
pkg=$(readlink -f "$1")
work=$(mkdir -p "${2:-$ROOT/packaging/target/sandbox/app-${pkg##*.}}" && cd "${2:-$ROOT/packaging/target/sandbox/app-${pkg##*.}}" && pwd)
rm -f "$work"/window.xwd "$work"/app.log
sandbox_up "$work/sandbox" "$pkg"
mount -t tmpfs tmpfs "$R/dev/shm"   # Chromium's shared memory stays in here, not in this machine's /dev/shm
app=/opt/companion

t0=$SECONDS
pkg_install < /dev/null > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "install failed"; }
ok "installed in $((SECONDS - t0)) s"
[ -x "$R$app/bin/Companion" ] || fail "no launcher $app/bin/Companion"
entry=$(grep -l "^Exec=$app/bin/Companion" "$R"/usr/share/applications/*.desktop 2> /dev/null | head -1)
[ -n "$entry" ] || fail "no menu entry in /usr/share/applications starting $app/bin/Companion"
ok "menu entry ${entry#"$R"}"
[ -s "$R$app/lib/app/companion.jsa" ] || fail "no class data sharing archive (made by the post-install step)"
in_root "$app/bin/Companion" --help | grep -q -- "--profile" || fail "the installed app does not answer --help"
# -Xshare:on: the JVM refuses to start unless it maps the archive made at install
in_root JAVA_TOOL_OPTIONS=-Xshare:on "$app/bin/Companion" --help 2>&1 | grep -q -- "--profile" \
  || fail "the installed app cannot use its class data sharing archive"
ok "class data sharing archive made at install and used"
hook=$(in_root "$app/bin/Companion" --test-hook-port 1 2>&1 || true)
grep -q "no test hook on the class path" <<< "$hook" || fail "the installed app did not refuse --test-hook-port: $hook"
ok "no test hook in the package"
font=$(in_root fc-match -f '%{family[0]}' 'sans-serif:lang=zh-cn')
in_root fc-list ':lang=zh-cn' family | grep -q . || fail "no font with Chinese (the package depends on one)"
ok "font for Chinese: $font"

# An ordinary user, as a person would run it; removed again before the package is.
in_root useradd --create-home --shell /bin/sh companion-tester
uid=$(in_root id -u companion-tester)
gid=$(in_root id -g companion-tester)
exec 7< <(exec Xvfb -displayfd 1 -screen 0 1280x1024x24 -nolisten tcp 2> "$work/xvfb.log")
read -r -t 30 -u 7 display || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
display=":$display"
mkdir -p "$R/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$R/tmp/.X11-unix"
t0=$SECONDS
chroot --userspec="$uid:$gid" "$R" /usr/bin/env -i HOME=/home/companion-tester USER=companion-tester \
  LOGNAME=companion-tester PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$display" \
  "$app/bin/Companion" --profile /home/companion-tester/profile --control-center 127.0.0.1:1 --lang zh-CN \
  > "$work/app.log" 2>&1 &
pid=$!
# The sign-in window: a top-level window of the installed app's process (_NET_WM_PID), titled 结伴同行
# (its Chinese title), mapped.
window=
while [ -z "$window" ]; do
  kill -0 $pid 2> /dev/null || { tail -40 "$work/app.log"; fail "the installed app ended before its window showed"; }
  [ $((SECONDS - t0)) -lt 120 ] || { tail -40 "$work/app.log"; fail "no sign-in window within 120 s"; }
  for w in $(xwininfo -display "$display" -root -children 2> /dev/null | sed -n 's/^ *\(0x[0-9a-f]*\) .*/\1/p'); do
    props=$(LC_ALL=C.UTF-8 xprop -display "$display" -id "$w" _NET_WM_PID _NET_WM_NAME 2> /dev/null || true)
    if grep -q "^_NET_WM_PID(CARDINAL) = $pid\$" <<< "$props" && grep -q '= "结伴同行"$' <<< "$props" \
       && xwininfo -display "$display" -id "$w" | grep -q 'Map State: IsViewable'; then
      window=$w
    fi
  done
  [ -n "$window" ] || sleep 0.5
done
size=$(xwininfo -display "$display" -id "$window" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w "x" h}')
# Mapped is not yet painted: screenshots until the window shows more than a few colours (text, fields).
be32() { od -An -tu1 -j"$2" -N4 "$1" | awk '{print (($1 * 256 + $2) * 256 + $3) * 256 + $4}'; }
colours() { # distinct pixel values of an XWD file: after its header (size at 0) and colour map (entries at 76, 12 bytes each)
  tail -c +$(($(be32 "$1" 0) + $(be32 "$1" 76) * 12 + 1)) "$1" | od -An -v -tx4 -w4 | sort -u | wc -l
}
while xwd -display "$display" -id "$window" -silent -out "$work/window.xwd" && [ "$(colours "$work/window.xwd")" -lt 32 ]; do
  [ $((SECONDS - t0)) -lt 120 ] || fail "the sign-in window stayed blank"
  sleep 0.5
done
ok "sign-in window $size, $(colours "$work/window.xwd") colours, after $((SECONDS - t0)) s"
echo "window $work/window.xwd"

kill -TERM $pid
for _ in $(seq 1 40); do kill -0 $pid 2> /dev/null || break; sleep 0.5; done
for p in $(ps -o pid= -u "$uid"); do kill -KILL "$p" 2> /dev/null || true; done   # what is left of Chromium's
in_root userdel --force --remove companion-tester 2> /dev/null || true   # what it misses, the leftover check lists
umount "$R/tmp/.X11-unix"

t0=$SECONDS
pkg_remove < /dev/null > "$work/remove.log" 2>&1 || { cat "$work/remove.log"; fail "removal failed"; }
ok "removed in $((SECONDS - t0)) s"
sandbox_down
sandbox_leftovers "$work/sandbox"
rm -rf "$work/sandbox"
echo done
