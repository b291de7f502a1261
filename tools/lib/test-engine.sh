# A Docker engine for the tests' Testcontainers path (tests/BreachPortal.Tests/Infrastructure/PostgresServer.cs),
# sourced by tools/test after common.sh.
#
# An engine already reachable (DOCKER_HOST, or /var/run/docker.sock) is used as it is. Otherwise, as root, the run
# starts its own: Debian's dockerd in a network namespace of its own, so that the engine's bridge and published
# ports live there and the machine's own interfaces, routes and firewall rules are left as they are. The tests that
# use it then run inside that namespace (nsenter --net), where the container's published port is reachable.
#
# Testcontainers 4 speaks Docker API 1.44 or later and Debian bookworm's docker.io (20.10) only 1.41, so the dockerd
# and containerd binaries come from Debian trixie's packages (docker.io 26.1), downloaded once into the cache and
# unpacked there, never installed; runc, tini and the docker command stay bookworm's (trixie's runc needs a newer C
# library than bookworm's). Nothing in /etc/apt is changed.
# shellcheck shell=bash

readonly engine_min_api=1.44
engine_host=""
engine_netns=""
engine_dir=""
engine_pid=""
engine_problem=""
engine_binaries_dir=""

engine_cache_dir() {
    echo "${BREACHPORTAL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/breachportal}"
}

# The API version the engine at DOCKER_HOST=$1 speaks, or nothing.
engine_api_version() {
    DOCKER_HOST=$1 timeout 10 docker version --format '{{.Server.APIVersion}}' 2>/dev/null
}

version_at_least() {
    [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n 1)" = "$2" ]
}

# Unpacks trixie's dockerd and containerd into the cache once; sets engine_binaries_dir to the folder holding them.
engine_binaries() {
    local cache root apt_dir options
    cache=$(engine_cache_dir)
    root="$cache/docker-engine-trixie"
    engine_binaries_dir=$root
    [ -x "$root/usr/sbin/dockerd" ] && return 0
    apt_dir="$cache/apt-trixie"
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/debs"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${BREACHPORTAL_DEBIAN_MIRROR:-http://deb.debian.org/debian} trixie main" \
        > "$apt_dir/sources.list"
    touch "$apt_dir/status"
    options=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/none"
        -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::State::status=$apt_dir/status"
        -o "Dir::Cache=$apt_dir" -o "Dir::Cache::archives=$apt_dir/archives" -o "APT::Sandbox::User=root")
    note "downloading Debian trixie's docker.io and containerd (Docker API 1.45) into $cache, once per machine"
    apt-get "${options[@]}" update -qq >/dev/null 2>&1 || { engine_problem="apt-get could not read Debian trixie's package list"; return 1; }
    (cd "$apt_dir/debs" && apt-get "${options[@]}" download docker.io containerd >/dev/null 2>&1) ||
        { engine_problem="apt-get could not download trixie's docker.io and containerd"; return 1; }
    rm -rf "$root.partial"
    local deb
    for deb in "$apt_dir"/debs/*.deb; do
        dpkg-deb -x "$deb" "$root.partial" || { engine_problem="could not unpack $deb"; return 1; }
    done
    rm -f "$root.partial/usr/sbin/runc" "$root.partial/usr/bin/runc"
    rm -rf "$apt_dir/debs"
    mv "$root.partial" "$root"
}

# Finds or starts an engine; sets engine_host and engine_netns, or returns 1 with engine_problem saying why.
start_test_engine() {
    local candidate version
    for candidate in "${DOCKER_HOST:-}" unix:///var/run/docker.sock; do
        [ -n "$candidate" ] || continue
        version=$(engine_api_version "$candidate") || continue
        if version_at_least "$version" "$engine_min_api"; then
            engine_host=$candidate
            return 0
        fi
        note "the Docker engine at $candidate speaks API $version; Testcontainers needs $engine_min_api or later"
    done
    if [ "$(id -u)" -ne 0 ]; then
        engine_problem="no Docker engine with API $engine_min_api or later is reachable, and starting one needs root"
        return 1
    fi
    if ! command -v runc >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1 || ! command -v nsenter >/dev/null 2>&1 ||
        ! command -v ip >/dev/null 2>&1; then
        (apt_install docker.io iproute2 util-linux) || { engine_problem="could not install docker.io (runc, tini, docker)"; return 1; }
    fi
    remove_stale_test_networks
    engine_binaries || return 1
    local binaries=$engine_binaries_dir

    engine_dir=$(mktemp -d /tmp/bp-engine.XXXXXX)
    engine_netns="breachportal-tests-$$"
    ip netns add "$engine_netns" || { engine_problem="could not create the network namespace $engine_netns"; engine_netns=""; return 1; }
    nsenter --net="/run/netns/$engine_netns" ip link set lo up
    # --iptables=false: the engine adds no firewall rules, not even inside its namespace; the userland proxy
    # carries published ports.
    nsenter --net="/run/netns/$engine_netns" env PATH="$binaries/usr/sbin:$binaries/usr/bin:$PATH" \
        "$binaries/usr/sbin/dockerd" --iptables=false --ip6tables=false \
        --data-root "$engine_dir/data" --exec-root "$engine_dir/exec" --pidfile "$engine_dir/dockerd.pid" \
        -H "unix://$engine_dir/docker.sock" >"$engine_dir/dockerd.log" 2>&1 &
    engine_pid=$!
    engine_host="unix://$engine_dir/docker.sock"
    local waited=0
    until engine_api_version "$engine_host" >/dev/null; do
        if ! kill -0 "$engine_pid" 2>/dev/null || [ "$waited" -ge 120 ]; then
            engine_problem="dockerd did not start; its log ends with: $(tail -n 3 "$engine_dir/dockerd.log" | tr '\n' ' ')"
            return 1
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
}

# Namespaces (and their engines) left by runs that were killed before they could clean up.
remove_stale_test_networks() {
    local name pid
    for name in $(ip netns list 2>/dev/null | grep -o '^breachportal-tests-[0-9]*'); do
        pid=${name##*-}
        kill -0 "$pid" 2>/dev/null && continue
        ip netns pids "$name" 2>/dev/null | xargs -r kill -TERM 2>/dev/null || true
        ip netns del "$name" 2>/dev/null || true
    done
}

stop_test_engine() {
    if [ -n "$engine_pid" ] && kill -0 "$engine_pid" 2>/dev/null; then
        kill -TERM "$engine_pid" 2>/dev/null || true
        wait "$engine_pid" 2>/dev/null || true
    fi
    engine_pid=""
    if [ -n "$engine_netns" ]; then
        ip netns del "$engine_netns" 2>/dev/null || true
        engine_netns=""
    fi
    if [ -n "$engine_dir" ]; then
        rm -rf "$engine_dir"
        engine_dir=""
    fi
}

# Runs a command where the engine's published ports are reachable.
in_engine_network() {
    if [ -n "$engine_netns" ]; then
        nsenter --net="/run/netns/$engine_netns" "$@"
    else
        "$@"
    fi
}
