#!/usr/bin/env bash
# A Python base image made from Debian's own packages, for machines that cannot pull
# python:3.12-slim: Debian 12 (bookworm) with python3 (3.11) and python3-venv, nothing else.
#
#   bash scripts/base_image.sh        # prints the image's name, e.g. local/calculus-ml-base:bookworm-1a2b3c4d5e6f
#
# mmdebstrap writes the root file system as a tar file (about 2.5 minutes the first time) and
# `docker import` turns it into an image. Both are kept: the tar file in $CACHE_DIR
# (/var/cache/calculus-ml), the image in Docker, under a name keyed by the package list and
# options below, so a second run on the same machine reuses them and a changed list makes a
# new one. Needs root and mmdebstrap (apt-get install mmdebstrap).
set -euo pipefail

CACHE_DIR=${CACHE_DIR:-/var/cache/calculus-ml}
SUITE=bookworm
PACKAGES=python3,python3-venv,python-is-python3,ca-certificates
# Leave out what a server never reads (documentation, manual pages, translations); copyright
# files stay. mmdebstrap already leaves out apt's package lists and downloaded .deb files.
DPKG_OPTS=(
  --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/man/*'
  --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/locale/*'
  --dpkgopt='path-exclude=/usr/share/lintian/*'
)
CHANGES=(
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'ENV LANG=C.UTF-8'
  --change 'CMD ["python3"]'
)

key=$(printf '%s\n' "$SUITE" "$PACKAGES" "${DPKG_OPTS[@]}" "${CHANGES[@]}" | sha256sum | cut -c1-12)
tag="local/calculus-ml-base:$SUITE-$key"
tarball="$CACHE_DIR/base-$SUITE-$key.tar"

if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "base image $tag: already in Docker" >&2
  echo "$tag"
  exit 0
fi

mkdir -p "$CACHE_DIR"
if [ ! -f "$tarball" ]; then
  command -v mmdebstrap >/dev/null || { echo "mmdebstrap is needed: apt-get install -y mmdebstrap" >&2; exit 1; }
  echo "base image: mmdebstrap $SUITE with $PACKAGES -> $tarball" >&2
  started=$SECONDS
  partial="$CACHE_DIR/partial-$$-base.tar" # mmdebstrap writes a tar file when the name ends in .tar
  trap 'rm -f "$partial"' EXIT
  mmdebstrap --quiet --variant=apt --include="$PACKAGES" "${DPKG_OPTS[@]}" \
    "$SUITE" "$partial" >&2
  mv "$partial" "$tarball"
  trap - EXIT
  echo "base image: root file system written in $((SECONDS - started)) s ($(du -m "$tarball" | cut -f1) MB)" >&2
else
  echo "base image: reusing $tarball" >&2
fi
docker import "${CHANGES[@]}" "$tarball" "$tag" >/dev/null
echo "base image $tag: imported ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%d MB", $1/1e6}'))" >&2
echo "$tag"
