#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine that has only the .NET 10 SDK:
# installs what the tests need from Debian's packages (Chromium for the browser tests, aiosmtpd as the real SMTP
# server the email tests send to), then runs every test project.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Scope").
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium_path" ] || missing+=(chromium)
{ [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; } || missing+=(python3-aiosmtpd)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export CHROMIUM_PATH="$chromium_path"
dotnet test Great.sln "$@"
