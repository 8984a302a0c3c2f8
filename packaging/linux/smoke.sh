#!/usr/bin/env bash
# Installs the .deb built by package.sh, checks that the installed app answers --help and starts
# Chromium under Xvfb, then removes it again. Run as root on a Debian machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEB=$(ls "$ROOT"/packaging/target/companion_*_amd64.deb | head -1)
mkdir -p /usr/share/applications /usr/share/desktop-directories   # present on any desktop; the menu entry goes there
dpkg -i "$DEB"
trap 'dpkg -r companion >/dev/null' EXIT
/opt/companion/bin/Companion --help | grep -q -- "--profile"
# -Xshare:on: the start fails unless the installed class data sharing archive is mapped
JAVA_TOOL_OPTIONS=-Xshare:on /opt/companion/bin/Companion --help 2>&1 | grep -q -- "--profile" \
  || { echo "smoke: the installed app cannot use its class data sharing archive" >&2; exit 1; }
echo "smoke: installed app starts with its class data sharing archive"
# the test hook is not in the package: asked for it, the app says so and starts nothing
hook=$(/opt/companion/bin/Companion --test-hook-port 1 2>&1 || true)
grep -q "no test hook on the class path" <<<"$hook" \
  || { echo "smoke: the installed app did not refuse --test-hook-port:" >&2; echo "$hook" >&2; exit 1; }
echo "smoke: installed app has no test hook"
profile=$(mktemp -d)
log="$profile/run.log"
timeout 30 xvfb-run -a /opt/companion/bin/Companion --profile "$profile" --scc 127.0.0.1:1 > "$log" 2>&1 || true
if grep -q "initialize on Thread" "$log" && [ -f "$profile/companion.db" ]; then
  echo "smoke: installed app starts Chromium and opens its profile database"
else
  echo "smoke: the installed app did not start; log:" >&2; tail -40 "$log" >&2; exit 1
fi
