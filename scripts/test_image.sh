#!/usr/bin/env bash
# `make test-image`: build the container image, run it and use every page in it
# (deploy/check_image.py), and validate the Kubernetes manifests. See deploy/README.md,
# "How the image is tested".
#
#   bash scripts/test_image.sh [PYTHON]      # PYTHON: the project's venv Python (.venv/bin/python)
#
# Environment: IMAGE (calculus-ml:latest), PYTHON_IMAGE (a base image to use instead of
# choosing one), HUB_IMAGE (python:3.12-slim), CACHE_DIR (/var/cache/calculus-ml),
# CHECK_ARGS (--browser), K8S_VERSIONS ("1.29 1.37"), KUBECTL (kubectl).
#
# Steps, each one fatal when it fails:
# 1. Docker: installs Debian's docker.io when there is no dockerd, and starts a daemon when none
#    answers (stopped again on exit). The daemon it starts has no bridge network and leaves
#    iptables alone: the build and the check use the host's network.
# 2. The base: python:3.12-slim when it can be pulled within $PULL_TIMEOUT seconds (or is
#    already here); otherwise a Debian 12 base made by scripts/base_image.sh (cached).
# 3. The wheels for the base's Python (pip download --only-binary=:all:, cached per
#    requirements.txt and Python), served as a simple index on a loopback port
#    (scripts/wheel_index.py) and passed to `docker build --network host` as PIP_INDEX_URL.
# 4. deploy/check_image.py against the image, on a free port; then again with --pod (the
#    container confined as deploy/k8s/deployment.yaml confines a pod), without the browser.
# 5. `kubectl kustomize deploy/k8s | kubernetes-validate --strict -` for each version in
#    K8S_VERSIONS (without kubectl: the kustomization's resources, when it lists nothing else).
# The last line says PASSED or FAILED, with the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${1:-.venv/bin/python}
IMAGE=${IMAGE:-calculus-ml:latest}
HUB_IMAGE=${HUB_IMAGE:-python:3.12-slim}
PULL_TIMEOUT=${PULL_TIMEOUT:-20}
CACHE_DIR=${CACHE_DIR:-/var/cache/calculus-ml}
CHECK_ARGS=${CHECK_ARGS---browser}
K8S_VERSIONS=${K8S_VERSIONS:-1.29 1.37}
KUBERNETES_VALIDATE=kubernetes-validate==1.37.0
KUBECTL=${KUBECTL:-kubectl} # KUBECTL=none: render deploy/k8s without kubectl, as where it is missing
export CACHE_DIR DEBIAN_FRONTEND=noninteractive

started=$SECONDS
step="start"
work=$(mktemp -d /tmp/calcml-image.XXXXXX)
dockerd_pid=""
index_pid=""
container=""
summary=""

log() { printf '[test-image %3d s] %s\n' "$((SECONDS - started))" "$*"; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [ -n "$container" ]; then docker rm -f "$container" >/dev/null 2>&1; fi
  if [ -n "$index_pid" ]; then kill "$index_pid" 2>/dev/null; wait "$index_pid" 2>/dev/null; fi
  if [ -n "$dockerd_pid" ]; then
    log "stopping the Docker daemon this run started (pid $dockerd_pid)"
    kill "$dockerd_pid" 2>/dev/null
    for _ in $(seq 60); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$dockerd_pid" 2>/dev/null
    wait "$dockerd_pid" 2>/dev/null
  fi
  if [ "$rc" -eq 0 ] && [ -n "$summary" ]; then
    echo "$summary"
  elif [ "$rc" -ne 0 ]; then
    if [ "$step" = "docker build" ] && [ -s "$work/build.log" ]; then tail -30 "$work/build.log"; fi
    echo "test-image: FAILED at step '$step' (exit $rc) after $((SECONDS - started)) s"
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

apt_install() {
  log "installing $* (Debian packages)"
  if [ "$(id -u)" -ne 0 ]; then echo "run as root, or install $* first" >&2; return 1; fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- 1. Docker --------------------------------------------------------------------------
step="docker daemon"
if ! command -v docker >/dev/null || ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null && command -v docker >/dev/null || apt_install docker.io
  if ! docker info >/dev/null 2>&1; then
    log "no Docker daemon answers: starting dockerd (log in $work/dockerd.log)"
    dockerd --bridge=none --iptables=false --ip-masq=false >"$work/dockerd.log" 2>&1 &
    dockerd_pid=$!
    for _ in $(seq 120); do
      docker info >/dev/null 2>&1 && break
      kill -0 "$dockerd_pid" 2>/dev/null || { tail -20 "$work/dockerd.log"; exit 1; }
      sleep 0.5
    done
    docker info >/dev/null 2>&1 || { tail -20 "$work/dockerd.log"; exit 1; }
  fi
fi
log "Docker $(docker version --format '{{.Server.Version}}') ($(docker info --format '{{.Driver}}, {{.CgroupDriver}}'))"

# --- 2. The base image ------------------------------------------------------------------
step="base image"
if [ -n "${PYTHON_IMAGE:-}" ]; then
  base=$PYTHON_IMAGE
  docker image inspect "$base" >/dev/null 2>&1 || docker pull -q "$base" >/dev/null
  base_note="$base (given)"
elif timeout "$PULL_TIMEOUT" docker pull -q "$HUB_IMAGE" >/dev/null 2>&1; then
  base=$HUB_IMAGE
  base_note="$HUB_IMAGE (pulled)"
elif docker image inspect "$HUB_IMAGE" >/dev/null 2>&1; then
  base=$HUB_IMAGE
  base_note="$HUB_IMAGE (could not be pulled; the copy already here)"
else
  log "$HUB_IMAGE cannot be pulled within $PULL_TIMEOUT s: a Debian base instead"
  command -v mmdebstrap >/dev/null || apt_install mmdebstrap
  base=$(bash scripts/base_image.sh </dev/null)
  base_note="$base (Debian 12, made here)"
fi
# The base's Python and C library: wheels must match them, not the host's. One --platform per
# manylinux level the base's glibc can run (pip does not count the older ones in itself).
read -r py_version py_abi py_platforms < <(docker run --rm --network none "$base" python3 -c '
import platform, sys
libc, version = platform.libc_ver()
major, minor = (int(part) for part in (version.split(".") + ["0"])[:2])
machine = platform.machine()
tags = [f"manylinux_{major}_{m}_{machine}" for m in range(minor, 16, -1)] + [f"manylinux2014_{machine}"]
print(f"{sys.version_info[0]}.{sys.version_info[1]}", f"cp{sys.version_info[0]}{sys.version_info[1]}",
      ",".join(tags))')
py_platform=${py_platforms%%,*}
platform_args=()
for tag in ${py_platforms//,/ }; do platform_args+=(--platform "$tag"); done
log "base: $base_note, Python $py_version, wheels for $py_platform"

# --- 3. Wheels, their index and the build -------------------------------------------------
step="wheels"
wheel_key=$( (cat requirements.txt; echo "$py_abi $py_platforms") | sha256sum | cut -c1-12)
wheels="$CACHE_DIR/wheels-$py_abi-$wheel_key"
# Reused for a week: requirements.txt allows ranges (numpy), so fetch newer wheels sometimes.
if [ -z "$(find "$wheels/.complete" -mtime -7 2>/dev/null)" ]; then
  log "downloading wheels for $py_abi into $wheels"
  mkdir -p "$CACHE_DIR"
  rm -rf "$wheels.partial"
  "$PY" -m pip download -q --disable-pip-version-check --no-cache-dir -r requirements.txt \
    --only-binary=:all: --python-version "$py_version" --implementation cp \
    --abi "$py_abi" "${platform_args[@]}" -d "$wheels.partial"
  touch "$wheels.partial/.complete"
  rm -rf "$wheels"
  mv "$wheels.partial" "$wheels"
fi
log "wheels: $(find "$wheels" -maxdepth 1 -name '*.whl' | wc -l) files, $(du -sm "$wheels" | cut -f1) MB"
# A fixed port when it is free: the index's address is a build argument of the pip layer, so a
# new port would make Docker rebuild that layer instead of reusing it.
"$PY" scripts/wheel_index.py "$wheels" --port "${INDEX_PORT:-38765}" --port-file "$work/index.port" \
  >/dev/null 2>"$work/index.log" &
index_pid=$!
for _ in $(seq 100); do [ -s "$work/index.port" ] && break; sleep 0.2; done
index_port=$(cat "$work/index.port")

step="docker build"
log "docker build -t $IMAGE (base $base, wheels from 127.0.0.1:$index_port)"
build_started=$SECONDS
previous=$(docker image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
docker build --network host --build-arg PYTHON_IMAGE="$base" \
  --build-arg PIP_INDEX_URL="http://127.0.0.1:$index_port/simple" -t "$IMAGE" . \
  2>&1 | tee "$work/build.log" | sed -n -e '/^Step /p' -e '/^Successfully/p' -e '/rror/p'
build_seconds=$((SECONDS - build_started))
kill "$index_pid" 2>/dev/null; wait "$index_pid" 2>/dev/null || true
index_pid=""
# The image this build replaced, left without a name: remove it (not when a container uses it).
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect --format '{{.Id}}' "$IMAGE")" ]; then
  docker rmi "$previous" >/dev/null 2>&1 || true
fi
size_mb=$(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%d", $1/1e6}')
log "built $IMAGE in $build_seconds s: $size_mb MB"
docker history --format '{{.Size}}\t{{.CreatedBy}}' "$IMAGE" | awk -F'\t' '$1 != "0B"' |
  cut -c1-110 | sed 's/^/    /'

# --- 4. The image, run and used ------------------------------------------------------------
step="deploy/check_image.py"
port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
container="calcml-check-$port"
# shellcheck disable=SC2086 # CHECK_ARGS is a list of options
"$PY" deploy/check_image.py --image "$IMAGE" --port "$port" $CHECK_ARGS | tee "$work/check.log"
container=""
step="deploy/check_image.py --pod"
log "again as deploy/k8s runs a pod: read-only root, scratch /tmp and home, no capabilities, 1 CPU, 1 GiB"
port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
container="calcml-check-$port"
"$PY" deploy/check_image.py --image "$IMAGE" --port "$port" --pod | tee "$work/check-pod.log"
container=""
pod_ok=$(grep -c '^ok ' "$work/check-pod.log" || true)
checks_ok=$(grep -c '^ok ' "$work/check.log" || true)
healthy=$(sed -n 's/.*Docker health status: healthy after \([0-9.]*\) s.*/\1/p' "$work/check.log")
answering=$(sed -n 's/.*server answering after \([0-9.]*\) s.*/\1/p' "$work/check.log")

# --- 5. The Kubernetes manifests -------------------------------------------------------------
step="kubernetes manifests"
"$PY" -c 'import kubernetes_validate' 2>/dev/null ||
  "$PY" -m pip install -q --disable-pip-version-check "$KUBERNETES_VALIDATE"
if command -v "$KUBECTL" >/dev/null && "$KUBECTL" kustomize deploy/k8s >"$work/k8s.yaml"; then
  rendered="kubectl kustomize"
else
  rendered="the kustomization's resources (no kubectl)"
  "$PY" - deploy/k8s >"$work/k8s.yaml" <<'EOF'
import sys
from pathlib import Path

import yaml

folder = Path(sys.argv[1])
kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
extra = set(kustomization) - {"apiVersion", "kind", "resources"}
if extra:
    sys.exit(f"kustomization.yaml uses {sorted(extra)}: render it with kubectl kustomize")
print("\n---\n".join((folder / name).read_text() for name in kustomization["resources"]))
EOF
fi
objects=$(grep -c '^kind:' "$work/k8s.yaml")
validator=$(dirname "$PY")/kubernetes-validate
for version in $K8S_VERSIONS; do
  log "kubernetes-validate --strict --kubernetes-version $version ($rendered, $objects objects)"
  "$validator" --strict --kubernetes-version "$version" - <"$work/k8s.yaml" | sed 's/^/    /'
done

step="summary"
# Printed last, by cleanup, after the daemon this run started has stopped.
summary="test-image: PASSED in $((SECONDS - started)) s: $IMAGE $size_mb MB on $base_note,"
summary+=" built in $build_seconds s; server answering ${answering:-?} s and Docker 'healthy'"
summary+=" ${healthy:-?} s after docker run; check_image.py: $checks_ok checks ok, as a pod $pod_ok;"
summary+=" deploy/k8s: $objects objects valid for Kubernetes ${K8S_VERSIONS// /, } ($rendered)"
