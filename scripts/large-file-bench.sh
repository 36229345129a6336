#!/usr/bin/env bash
# Large-file benchmark on a running `walrus local`: for each size, makes a file of random bytes,
# stores it and reads it back with `./walrus store` / `./walrus read` (separate processes, so their
# peak RSS is theirs alone), then through the network's daemon (PUT / GET /v1/blobs with curl),
# and checks every read byte for byte (SHA-256). Prints wall time, MB/s and peak RSS per process,
# and the daemon's peak RSS above its idle size (its high-water mark is reset before each request).
#
#   ./walrus local --dir /tmp/net &
#   scripts/large-file-bench.sh --state /tmp/net/state.json --sizes 4 [--dir /var/tmp/bench] [--via cli,http]
#
# Sizes are in GiB (decimals allowed: 0.25 is 256 MiB). Files go to --dir (default: a new directory
# under $TMPDIR), removed afterwards. Needs GNU time (/usr/bin/time), curl and python3.
set -euo pipefail

root=$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
state= sizes=4 dir= via=cli,http
while (($#)); do
  case $1 in
    --state) state=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --via) via=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n $state ]] || { echo "--state DIR/state.json of a running walrus local is required" >&2; exit 2; }
[[ -d $state ]] && state=$state/state.json
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$state" "$1"; }
config=$(field clientConfig) daemon=$(field daemonUrl) daemon_pid=$(field pid)
[[ $daemon_pid != None ]] || { echo "the network in $state is stopped" >&2; exit 2; }
made_dir=
if [[ -z $dir ]]; then dir=$(mktemp -d); made_dir=1; fi
mkdir -p "$dir"
cleanup() { rm -f "$dir"/blob-*.bin "$dir"/back-*.bin "$dir"/*.time; [[ -z $made_dir ]] || rmdir "$dir" 2>/dev/null || :; }
trap cleanup EXIT

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
mbps() { python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]) / 1e6:.1f}')" "$1" "$2"; }
timed() { # timed NAME CMD...: runs CMD under GNU time; sets secs and peak_mib
  /usr/bin/time -f '%e %M' -o "$dir/$1.time" "${@:2}"
  read -r secs peak < "$dir/$1.time"
  peak_mib=$((peak / 1024))
}

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for gib in ${sizes//,/ }; do
  bytes=$(python3 -c "import sys; print(int(float(sys.argv[1]) * 2**30))" "$gib")
  blob=$dir/blob-$gib.bin
  head -c "$bytes" /dev/urandom > "$blob"
  want=$(sha256sum < "$blob" | cut -d' ' -f1)
  echo "== $gib GiB ($bytes bytes)"
  if [[ $via == *cli* ]]; then
    timed store "$root/walrus" store "$blob" --epochs 2 --force --json --config "$config" > "$dir/store.json"
    id=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))[0]['blobStoreResult']; print((r.get('newlyCreated') or {}).get('blobObject', {}).get('blobId') or r['alreadyCertified']['blobId'])" "$dir/store.json")
    echo "cli store: $secs s, $(mbps "$bytes" "$secs") MB/s, peak RSS $peak_mib MiB (blob $id)"
    timed read "$root/walrus" read "$id" --out "$dir/back-$gib.bin" --config "$config" > /dev/null
    got=$(sha256sum < "$dir/back-$gib.bin" | cut -d' ' -f1)
    [[ $got == "$want" ]] || { echo "FAIL: the CLI read back different bytes" >&2; exit 1; }
    echo "cli read:  $secs s, $(mbps "$bytes" "$secs") MB/s, peak RSS $peak_mib MiB (identical)"
    rm -f "$dir/back-$gib.bin"
  fi
  if [[ $via == *http* ]]; then
    idle=$(rss_kib "$daemon_pid")
    echo 5 > "/proc/$daemon_pid/clear_refs" # reset the high-water mark to the current RSS
    start=$(date +%s.%N)
    id=$(curl -sf -X PUT "$daemon/v1/blobs?epochs=2&force=true" --upload-file "$blob" |
      python3 -c "import json,sys; r=json.load(sys.stdin); print((r.get('newlyCreated') or {}).get('blobObject', {}).get('blobId') or r['alreadyCertified']['blobId'])")
    secs=$(python3 -c "import sys,time; print(f'{time.time() - float(sys.argv[1]):.2f}')" "$start")
    echo "http PUT:  $secs s, $(mbps "$bytes" "$secs") MB/s, daemon peak RSS $(( ($(hwm_kib "$daemon_pid") - idle) / 1024 )) MiB above idle ($((idle / 1024)) MiB)"
    idle=$(rss_kib "$daemon_pid")
    echo 5 > "/proc/$daemon_pid/clear_refs"
    start=$(date +%s.%N)
    curl -sf "$daemon/v1/blobs/$id" -o "$dir/back-$gib.bin"
    secs=$(python3 -c "import sys,time; print(f'{time.time() - float(sys.argv[1]):.2f}')" "$start")
    got=$(sha256sum < "$dir/back-$gib.bin" | cut -d' ' -f1)
    [[ $got == "$want" ]] || { echo "FAIL: the daemon served different bytes" >&2; exit 1; }
    echo "http GET:  $secs s, $(mbps "$bytes" "$secs") MB/s, daemon peak RSS $(( ($(hwm_kib "$daemon_pid") - idle) / 1024 )) MiB above idle (identical)"
    rm -f "$dir/back-$gib.bin"
  fi
  rm -f "$blob"
done
