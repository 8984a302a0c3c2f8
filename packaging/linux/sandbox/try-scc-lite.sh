#!/usr/bin/env bash
# Tries the control center's package (.deb or .rpm) in a sandbox (lib.sh): installs it; checks the
# system user, the data folder (0700, the user's), the settings file and the systemd unit
# (systemd-analyze verify, and its security exposure, where systemd-analyze exists); enables the
# service as an administrator would; starts the unit's ExecStart by hand, as its User with its
# EnvironmentFile and UMask (no systemd runs in the sandbox), on the port its settings say (set to 0
# here: any free port); adds the account `tester` with `scc-lite user add` (password: the first line
# of PASSWORD_FILE); then prints
#   ready PORT FINGERPRINT
# and waits for a line on its input (the caller signs in meanwhile); stops the service with SIGTERM,
# checks the data files, removes the package and lists what is left besides the data folder and the
# user (both kept on purpose). Run as root:
#   packaging/linux/sandbox/try-scc-lite.sh PACKAGE PASSWORD_FILE [WORKDIR]
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
sandbox_enter "$@"
[ $# -ge 2 ] && [ -f "$1" ] && [ -f "$2" ] || fail "usage: try-scc-lite.sh PACKAGE PASSWORD_FILE [WORKDIR]"
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../.." && pwd)"
pkg=$(readlink -f "$1")
dir=${3:-$ROOT/packaging/target/sandbox/scc-lite-${pkg##*.}}
work=$(mkdir -p "$dir" && cd "$dir" && pwd)
sandbox_up "$work/sandbox" "$pkg"
unit=/usr/lib/systemd/system/scc-lite.service
data=/var/lib/scc-lite

t0=$SECONDS
pkg_install < /dev/null > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "install failed"; }
ok "installed in $((SECONDS - t0)) s"
account=$(in_root getent passwd scc-lite) || fail "no user scc-lite"
IFS=: read -r _ _ uid gid _ home shell <<< "$account"
[ "$uid" -lt 1000 ] && [ "$home" = $data ] && [[ "$shell" == */nologin ]] || fail "scc-lite is not a system user without login: $account"
ok "system user scc-lite ($uid), home $home, shell $shell"
[ "$(stat -c '%a %u %g' "$R$data")" = "700 $uid $gid" ] || fail "$data is $(stat -c '%a %U %G' "$R$data"), not 700 scc-lite scc-lite"
ok "data folder $data 0700 scc-lite"
for f in "$unit" /etc/scc-lite/env /usr/bin/scc-lite; do [ -e "$R$f" ] || fail "no $f"; done
if command -v systemd-analyze > /dev/null; then
  in_root systemd-analyze verify "$unit" > "$work/verify.log" 2>&1 || { cat "$work/verify.log"; fail "systemd-analyze verify $unit"; }
  ok "unit passes systemd-analyze verify"
  exposure=$(in_root systemd-analyze security --offline=true "$unit" 2>&1 | sed -n 's/.*Overall exposure level for scc-lite.service: \([0-9.]*\).*/\1/p')
  echo "exposure ${exposure:-unknown}"
else
  ok "no systemd-analyze here: unit not verified"
fi
# As an administrator would: the service enabled (its link must go with the package), a port chosen.
if command -v systemctl > /dev/null; then
  in_root systemctl enable scc-lite.service > /dev/null 2>&1
  [ -L "$R/etc/systemd/system/multi-user.target.wants/scc-lite.service" ] || fail "systemctl enable made no link"
fi
cp "$R/etc/scc-lite/env" "$work/env.orig"
# any free TCP port, and any free UDP port for the STUN server (the extra options' line)
sed -i -e 's/^SCC_LITE_PORT=.*/SCC_LITE_PORT=0/' -e 's/^SCC_LITE_OPTIONS=.*/SCC_LITE_OPTIONS=--stun-port 0/' "$R/etc/scc-lite/env"

# The unit's own lines, as systemd would use them.
setting() { sed -n "s/^$1=//p" "$R$unit" | tail -1; }
[ "$(setting User)" = scc-lite ] && [ "$(setting EnvironmentFile)" = /etc/scc-lite/env ] || fail "unexpected User / EnvironmentFile in $unit"
umask_=$(setting UMask)
exec_start=$(setting ExecStart)
# EnvironmentFile: NAME=value lines, the value as written (spaces included, no shell quoting)
while IFS= read -r line; do
  if [[ "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then export "${BASH_REMATCH[1]}=${BASH_REMATCH[2]}"; fi
done < "$R/etc/scc-lite/env"
# as systemd expands ExecStart: ${NAME} one argument each, $NAME split at spaces
eval "cmd=($(sed 's/\${\([A-Za-z_]*\)}/"${\1}"/g' <<< "$exec_start"))"
# A command line, not a function: started in the background, its process id ($!) is the service's own
# (chroot, env and sh each exec the next), so the user check and SIGTERM below reach the JVM itself.
as_service=(chroot --userspec="$uid:$gid" "$R" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 sh -c "umask $umask_ && exec \"\$@\"" sh)

cp "$2" "$R/tmp/password" && chown "$uid" "$R/tmp/password"
"${as_service[@]}" scc-lite user add tester --data "$SCC_LITE_DATA" --password-file /tmp/password < /dev/null > "$work/user.log" 2>&1 \
  || { cat "$work/user.log"; fail "scc-lite user add"; }
rm -f "$R/tmp/password"
ok "account tester added with scc-lite user add, as scc-lite"

"${as_service[@]}" "${cmd[@]}" > "$work/service.log" 2>&1 &
pid=$!
t0=$SECONDS
until grep -q '^scc-lite listening on ' "$work/service.log"; do
  kill -0 $pid 2> /dev/null || { cat "$work/service.log"; fail "the service ended"; }
  [ $((SECONDS - t0)) -lt 60 ] || { cat "$work/service.log"; fail "the service did not listen within 60 s"; }
  sleep 0.2
done
read -r _ _ _ address _ fingerprint stun < <(grep '^scc-lite listening on ' "$work/service.log")
[[ "$stun" =~ ^stun\ [0-9]+$ ]] || fail "no STUN server started by SCC_LITE_OPTIONS=$SCC_LITE_OPTIONS: ${stun:-none}"
[ "$fingerprint" = "$(cat "$R$SCC_LITE_DATA/scc-fingerprint.txt")" ] || fail "the fingerprint printed is not the one in scc-fingerprint.txt"
runs_as=$(ps -o uid= -p $pid | tr -d ' ')   # a number: this machine's /etc/passwd has no scc-lite
[ "$runs_as" = "$uid" ] || fail "the service runs as user ${runs_as:-(ended)}, not as scc-lite ($uid)"
ok "service listening on $address (${stun/ / on udp }) after $((SECONDS - t0)) s, as scc-lite ($(ps -o comm= -p $pid))"
echo "ready ${address##*:} $fingerprint"
read -r _ || true

kill -TERM $pid
status=0
wait $pid || status=$?
[ $status = 143 ] || fail "the service ended with $status on SIGTERM, not 143 (SuccessExitStatus in the unit)"
ok "stopped by SIGTERM"
bad=$(find "$R$SCC_LITE_DATA" -mindepth 1 \( ! -uid "$uid" -o -perm /077 \) -printf '%P %m %u\n')
[ -z "$bad" ] || fail "data files not private to scc-lite: $bad"
ok "data files are scc-lite's, 0600 ($(ls "$R$SCC_LITE_DATA" | paste -sd' '))"

cp "$work/env.orig" "$R/etc/scc-lite/env"   # an edited one would be kept by rpm as env.rpmsave (its rule)
t0=$SECONDS
pkg_remove < /dev/null > "$work/remove.log" 2>&1 || { cat "$work/remove.log"; fail "removal failed"; }
ok "removed in $((SECONDS - t0)) s"
[ -d "$R$data" ] || fail "the data folder was removed: it holds the accounts and the identity"
sandbox_down
sandbox_leftovers "$work/sandbox" "^$data(/|\$)" scc-lite
rm -rf "$work/sandbox"
echo done
