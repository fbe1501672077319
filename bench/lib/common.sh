# shellcheck shell=bash
# bench/lib/common.sh — the shell helpers bench/serve-bench and bench/failover-bench share: messages, what to
# install, stopping processes, free ports, two sshd nodes with a $HOME each, CouchDB or pouchdb-server, the dirt
# project. bench/site-bench uses the messages, stopping processes, waiting, free ports and the database server.
# Sourced, not run. The script sets before it calls these:
#   BENCH        its name, for messages ("serve-bench")
#   ROOT         the checkout; DIRT the dirt CLI to run; SSHD, POUCHDB, POUCHDB_VERSION
#   TMP, PIDS    the temporary folder and the pids it started (stopped in reverse order at the end)
#   SLOTS        slots per node; COUCHDB_RELEASE (optional) a CouchDB release to run instead of pouchdb-server
# The Python parts are in benchrun.py (live: processes, HTTP) and benchreport.py (figures from files) beside this.

BENCH_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
declare -A NODE_PID=()    # bench-a, bench-b -> the pid of its listening sshd
COUCH=""           # the database server's URL (on CouchDB with the admin's user:password in it)
COUCH_PID=0
COUCH_PORT=0
COUCH_VERSION=""
DB=""              # the project's database: $COUCH/bench

say() { printf '%s: %s\n' "$BENCH" "$*" >&2; }
die() { say "$*"; exit 1; }
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }

# benchrun COMMAND ARGS...: the live Python helpers (benchrun.py); benchreport COMMAND ARGS...: the figures.
benchrun() { python3 "$BENCH_LIB/benchrun.py" "$@"; }
benchreport() { python3 "$BENCH_LIB/benchreport.py" "$@"; }

# ---- what a benchmark needs

# install_missing [PACKAGE...]: the packages both benchmarks need that are missing, plus PACKAGE... (what the
# script found missing of its own), installed with apt-get as root on Debian; otherwise it names them and stops.
install_missing() {
  local missing=("$@")
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
  command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
  command -v ssh-keyscan >/dev/null 2>&1 || missing+=(openssh-client)
  [ -x "$SSHD" ] || missing+=(openssh-server)
  if [ -z "${COUCHDB_RELEASE:-}" ] && [ ! -x "$POUCHDB" ]; then
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
  fi
  ((${#missing[@]})) || return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "missing ${missing[*]} — install them (Debian: sudo apt-get install ${missing[*]}) and run again"
  fi
}

install_pouchdb() { # into .tools/pouchdb, the way ./run-tests does, unless it is there or CouchDB is used instead
  [ -z "${COUCHDB_RELEASE:-}" ] && [ ! -x "$POUCHDB" ] || return 0
  say "installing pouchdb-server $POUCHDB_VERSION into $ROOT/.tools/pouchdb (about a minute)"
  mkdir -p "$ROOT/.tools/pouchdb"
  npm install --prefix "$ROOT/.tools/pouchdb" --ignore-scripts --no-audit --no-fund --loglevel=error \
    "pouchdb-server@$POUCHDB_VERSION" >/dev/null
}

# ---- stopping what was started

descendants() {    # the pids below $1, deepest last; never epmd (CouchDB's port mapper, shared by every CouchDB)
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    [ "$(cat "/proc/$child/comm" 2>/dev/null)" = epmd ] && continue
    echo "$child"
    descendants "$child"
  done
}

stop_pid() {       # SIGTERM to a pid and what it started, bounded wait, then SIGKILL
  local pid=$1 grace=${2:-5} pids
  kill -0 "$pid" 2>/dev/null || return 0
  pids="$pid $(descendants "$pid" | tr '\n' ' ')"
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for _ in $(seq $((grace * 10))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_leftovers() { # processes whose command line names the temporary folder: node agents, tasks, ssh masters
  local pid cmdline
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$pid" = "$$" ] && continue
    cmdline=$( { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null) || continue
    case "$cmdline" in
      *"$TMP/"*) say "stopping a leftover process: pid=$pid ${cmdline:0:160}"; kill -KILL "$pid" 2>/dev/null || true ;;
    esac
  done
}

# ---- waiting, ports

wait_for() {       # wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.1 s
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$(($(now_ms) + seconds * 1000))
  until "$@"; do
    (($(now_ms) < deadline)) || die "gave up after ${seconds} s waiting for $what"
    sleep 0.1
  done
}

free_port() {      # free_port [GAP]: a free port; with GAP, one whose PORT+GAP is free too (CouchDB binds both)
  benchrun free-port "${1:-0}" || die "no free port found"
}

# ---- two sshd nodes, bench-a and bench-b

# start_sshd NODE LOG: starts (or starts again) the node's sshd on its port and waits until it listens; sets
# NODE_PID[NODE].
start_sshd() {
  local node=$1 log=$2 dir="$TMP/nodes/$1" pid port
  port=$(sed -n 's/^ListenAddress 127\.0\.0\.1://p' "$dir/sshd_config")
  "$SSHD" -D -e -f "$dir/sshd_config" </dev/null >"$log" 2>&1 &
  pid=$!
  disown "$pid"     # failover-bench kills it on purpose: no "Killed" notice from bash
  PIDS+=("$pid")
  NODE_PID[$node]=$pid
  wait_for 15 "sshd of $node on port $port (log: $log)" \
    sh -c "grep -q 'Server listening on' '$log' || ! kill -0 $pid 2>/dev/null"
  kill -0 "$pid" 2>/dev/null || die "sshd of $node did not start: $(tail -n 5 "$log")"
}

# start_nodes [SSH_OPTION...]: a user key, and for each node a host key, an sshd on a free port whose
# authorized_keys give the node its own $HOME (so ~/.cache/dirt differs) and this shell's PATH and JAVA_HOME (to find
# java), and a Host entry in $TMP/ssh_config with the SSH_OPTIONs ("ControlMaster auto") added; then logs in once.
start_nodes() {
  local user key_line node dir port option
  user=$(id -un)
  [ "$(id -u)" = 0 ] && mkdir -p /run/sshd
  ssh-keygen -q -t ed25519 -N '' -C "$BENCH" -f "$TMP/id_ed25519"
  : >"$TMP/known_hosts"
  : >"$TMP/ssh_config"
  for node in bench-a bench-b; do
    dir="$TMP/nodes/$node"
    mkdir -p "$dir/home"
    port=$(free_port)
    ssh-keygen -q -t ed25519 -N '' -C "$node" -f "$dir/ssh_host_ed25519_key"
    key_line="environment=\"HOME=$dir/home\",environment=\"PATH=$PATH\""
    [ -n "${JAVA_HOME:-}" ] && key_line+=",environment=\"JAVA_HOME=$JAVA_HOME\""
    echo "$key_line $(cat "$TMP/id_ed25519.pub")" >"$dir/authorized_keys"
    cat >"$dir/sshd_config" <<EOF
ListenAddress 127.0.0.1:$port
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitUserEnvironment yes
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
MaxSessions 256
MaxStartups 256:30:512
LogLevel INFO
EOF
    start_sshd "$node" "$dir/sshd.log"
    ssh-keyscan -t ed25519 -p "$port" 127.0.0.1 >>"$TMP/known_hosts" 2>/dev/null
    cat >>"$TMP/ssh_config" <<EOF
Host $node
  HostName 127.0.0.1
  Port $port
  User $user
  IdentityFile $TMP/id_ed25519
  UserKnownHostsFile $TMP/known_hosts
  StrictHostKeyChecking yes
  IdentitiesOnly yes
  BatchMode yes
  LogLevel ERROR
EOF
    for option in "$@"; do
      echo "  $option" >>"$TMP/ssh_config"
    done
    echo >>"$TMP/ssh_config"
    say "node $node: sshd on 127.0.0.1:$port"
  done
  [ "$(wc -l <"$TMP/known_hosts")" -ge 2 ] || die "ssh-keyscan found no host keys: $(cat "$TMP/known_hosts")"
  for node in bench-a bench-b; do
    timeout 20 ssh -F "$TMP/ssh_config" "$node" true || die "cannot log in to $node with ssh -F $TMP/ssh_config"
  done
}

# ---- the database server, the project

# The database server: start_couchdb or start_pouchdb. Each sets COUCH (on CouchDB with the admin's user:password in
# it), COUCH_PORT, COUCH_PID and COUCH_VERSION (what the server's / answers); the script says which it started.

# start_couchdb: Apache CouchDB from the release at $COUCHDB_RELEASE: a single node (n = 1) with its config, data and
# log in $TMP/couchdb, an admin `bench` with a random password and a random Erlang cookie. It also binds PORT+2 (the
# node-local port), so both must be free.
start_couchdb() {
  local port password dir="$TMP/couchdb"
  port=$(free_port 2)
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  mkdir -p "$dir/data" "$dir/views"
  cat >"$dir/vm.args" <<EOF
-name $BENCH-$port@127.0.0.1
-setcookie $(python3 -c 'import secrets; print(secrets.token_hex(12))')
-kernel inet_dist_use_interface {127,0,0,1}
-kernel error_logger silent
-sasl sasl_error_logger false
+Bd -noinput
-os_mon start_cpu_sup false
-os_mon start_memsup false
EOF
  cat >"$dir/local.ini" <<EOF
[couchdb]
database_dir = $dir/data
view_index_dir = $dir/views
uuid = $(python3 -c 'import uuid; print(uuid.uuid4().hex)')
single_node = true
[cluster]
n = 1
[chttpd]
port = $port
bind_address = 127.0.0.1
[httpd]
port = $((port + 2))
bind_address = 127.0.0.1
[chttpd_auth]
secret = $(python3 -c 'import secrets; print(secrets.token_hex(16))')
[log]
writer = file
file = $dir/couchdb.log
level = warning
[admins]
bench = $password
EOF
  (cd "$TMP" && COUCHDB_ARGS_FILE="$dir/vm.args" COUCHDB_INI_FILES="$COUCHDB_RELEASE/etc/default.ini $dir/local.ini" \
    exec "$COUCHDB_RELEASE/bin/couchdb" >"$dir/stdout.log" 2>&1) &
  COUCH_PID=$!
  PIDS+=($!)
  COUCH_PORT=$port
  COUCH="http://bench:$password@127.0.0.1:$port"
  # It answers / before it has created _users; wait for that, as a sign that it is ready.
  wait_for 90 "CouchDB at 127.0.0.1:$port (log: $dir/couchdb.log, $dir/stdout.log)" \
    sh -c "curl -sf -o /dev/null --max-time 2 '$COUCH/_users' || ! kill -0 $COUCH_PID 2>/dev/null"
  kill -0 "$COUCH_PID" 2>/dev/null || die "CouchDB did not start: $(tail -n 5 "$dir/stdout.log" "$dir/couchdb.log" 2>&1)"
  COUCH_VERSION=$(curl -sf --max-time 5 "$COUCH/" | python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')
}

start_pouchdb() {  # pouchdb-server --in-memory on a free port
  local port
  port=$(free_port)
  COUCH_PORT=$port
  COUCH="http://127.0.0.1:$port"
  (cd "$TMP" && exec "$POUCHDB" --in-memory --host 127.0.0.1 --port "$port" >"$TMP/pouchdb.log" 2>&1) &
  COUCH_PID=$!
  PIDS+=($!)
  wait_for 60 "pouchdb-server at $COUCH (log: $TMP/pouchdb.log)" \
    sh -c "curl -sf -o /dev/null --max-time 2 '$COUCH/' || ! kill -0 $COUCH_PID 2>/dev/null"
  kill -0 "$COUCH_PID" 2>/dev/null || die "pouchdb-server did not start: $(tail -n 5 "$TMP/pouchdb.log" 2>&1)"
  COUCH_VERSION=$(curl -sf --max-time 5 "$COUCH/" |
    python3 -c 'import json, sys; print(json.load(sys.stdin).get("version", "?"))')
}

dirt() {           # the CLI, with this run's HOME so its caches land in the temporary folder
  HOME="$TMP/home" DIRT_SSH_CONFIG="$TMP/ssh_config" "$DIRT" "$@"
}

# make_project: `dirt create bench` in $TMP on $COUCH (sets DB), free-form commands allowed, the nodes bench-a and
# bench-b with $SLOTS slots each.
make_project() {
  mkdir -p "$TMP/home"
  (cd "$TMP" && dirt create bench --couch "$COUCH") >"$TMP/create.log" 2>&1 \
    || die "dirt create failed: $(cat "$TMP/create.log")"
  DB="$COUCH/bench"
  # The benchmark posts command lines of its own to a loopback server only it uses: let them run.
  sed -i 's/^free_form = false$/free_form = true/' "$TMP/bench/settings.toml"
  # dirt create keeps the URL without the admin's user:password: give them to the commands that follow, in the URL.
  sed -i "s|^url = .*|url = \"$COUCH\"|" "$TMP/bench/settings.toml"
  (cd "$TMP/bench" && dirt updatenodes bench-a bench-b --ssh-config "$TMP/ssh_config") >"$TMP/updatenodes.log" 2>&1 \
    || die "dirt updatenodes failed: $(cat "$TMP/updatenodes.log")"
  sed 's/^/  /' "$TMP/updatenodes.log" >&2
  for node in bench-a bench-b; do
    (cd "$TMP/bench" && dirt nodes slots "$node" "$SLOTS") >>"$TMP/updatenodes.log" 2>&1 \
      || die "dirt nodes slots failed: $(tail -n 3 "$TMP/updatenodes.log")"
  done
}
