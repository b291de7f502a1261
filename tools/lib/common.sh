# Shared by tools/run and tools/test: say plainly what is missing, install what can be installed.
# shellcheck shell=bash

die() {
    echo "error: $*" >&2
    exit 1
}

note() {
    echo "==> $*" >&2
}

_apt_updated=0

# Installs Debian packages, or explains how when this user cannot.
apt_install() {
    local packages=("$@")
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            die "missing ${packages[*]}; install it with: sudo apt-get install -y ${packages[*]}"
        fi
    fi
    command -v apt-get >/dev/null 2>&1 || die "missing ${packages[*]}, and this machine has no apt-get to install it with."
    note "installing ${packages[*]} (Debian packages)"
    if [ "$_apt_updated" = 0 ]; then
        "${sudo[@]}" apt-get update -qq >/dev/null 2>&1 || note "apt-get update failed; trying with the package lists already present"
        _apt_updated=1
    fi
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null 2>&1; then
        die "could not install ${packages[*]} with apt-get (is the package mirror reachable?). Install it by hand and run this command again."
    fi
}

require_dotnet() {
    command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is missing: install the .NET 10 SDK (https://dot.net) and run this command again."
    dotnet --list-sdks 2>/dev/null | grep -q '^10\.' || die "the .NET 10 SDK is missing (found: $(dotnet --list-sdks | tr '\n' ' '))."
}

require_npm() {
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

postgres_bin_dir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

require_postgres() {
    postgres_bin_dir >/dev/null || apt_install postgresql
    postgres_bin_dir >/dev/null || die "PostgreSQL was installed but initdb/pg_ctl are not under /usr/lib/postgresql/*/bin."
}

require_chromium() {
    [ -x /usr/bin/chromium ] || apt_install chromium
}

# The mail tests run postfix's smtp-sink; "No configuration" keeps postfix from setting itself up as this machine's MTA.
require_postfix() {
    [ -x /usr/sbin/smtp-sink ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo=(sudo -n)
    fi
    echo "postfix postfix/main_mailer_type select No configuration" | "${sudo[@]}" debconf-set-selections >/dev/null 2>&1 || true
    apt_install postfix
    [ -x /usr/sbin/smtp-sink ] || die "postfix was installed but /usr/sbin/smtp-sink is missing."
}

# The mail tests run aiosmtpd with Debian's python (not a pyenv or venv python found first on PATH).
require_aiosmtpd() {
    /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || apt_install python3-aiosmtpd
    /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || die "python3-aiosmtpd was installed but /usr/bin/python3 cannot import aiosmtpd."
}

require_docker_compose() {
    command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose
}

# True when something accepts connections on 127.0.0.1:PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1
}

# The hash that names a build of the tests' PostgreSQL image: the files it is built from.
postgres_image_hash() {
    local dir
    dir="$(dirname "${BASH_SOURCE[0]}")/../postgres-image"
    cat "$dir/build" "$dir/entrypoint" | sha256sum | cut -c1-16
}
