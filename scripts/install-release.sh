#!/usr/bin/env bash
# Install handlingsplan from a release's binary, its SHA-256 checksum
# verified, without compiling: what the GitHub Action runs before it falls
# back to `cargo install`.
#
#   VERSION=v0.2.0 TARGET=x86_64-unknown-linux-gnu DIR=/opt/hp \
#   BASE=https://github.com/handlingsplan/handlingsplan/releases/download \
#   bash scripts/install-release.sh
#
# Installs DIR/bin/handlingsplan. Exit codes:
#   0  installed
#   2  no binary for this version and target (no such release or asset, a
#      download that failed, or not a version tag): the caller compiles instead
#   1  the archive does not match its checksum, or is not what a release
#      holds: nothing is installed, and the caller must not go on
set -euo pipefail

: "${VERSION:?the release tag, e.g. v0.2.0}" "${TARGET:?the target triple}" "${DIR:?the install folder}" "${BASE:?the address releases are downloaded from}"

case "$VERSION" in
  v[0-9]*.[0-9]*.[0-9]*) ;;
  *) echo "handlingsplan: \`$VERSION\` is not a release tag: no binary to download" >&2; exit 2 ;;
esac
case "$TARGET" in
  *-linux-gnu | *-apple-darwin) ;;
  *) echo "handlingsplan: no release archive this script can unpack for $TARGET" >&2; exit 2 ;;
esac

name="handlingsplan-$VERSION-$TARGET"
archive="$name.tar.gz"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() {
  curl --fail --silent --show-error --location --proto '=https,file' --retry 2 --max-time 120 -o "$2" "$1"
}
if ! fetch "$BASE/$VERSION/$archive" "$work/$archive" || ! fetch "$BASE/$VERSION/$archive.sha256" "$work/$archive.sha256"; then
  echo "handlingsplan: no $archive in release $VERSION (or it could not be downloaded)" >&2
  exit 2
fi

# The checksum file is `sha256sum`'s line: "<64 hex digits>  <name>".
want=$(awk 'NR == 1 { print tolower($1) }' "$work/$archive.sha256")
if ! [[ "$want" =~ ^[0-9a-f]{64}$ ]]; then
  echo "handlingsplan: $archive.sha256 holds no SHA-256 checksum: nothing installed" >&2
  exit 1
fi
if command -v sha256sum > /dev/null; then
  got=$(sha256sum "$work/$archive" | awk '{ print $1 }')
else
  got=$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')
fi
if [ "$got" != "$want" ]; then
  echo "handlingsplan: $archive does not match its checksum (want $want, got $got): nothing installed" >&2
  exit 1
fi

# Only the one file a release holds at that place, never a path out of the folder.
binary="$name/handlingsplan"
listing=$(tar -tzf "$work/$archive") || { echo "handlingsplan: $archive is not a gzip'd tar archive: nothing installed" >&2; exit 1; }
if ! grep -qxF "$binary" <<< "$listing"; then
  echo "handlingsplan: $archive holds no $binary: nothing installed" >&2
  exit 1
fi
tar -xzf "$work/$archive" -C "$work" "$binary"
if [ -L "$work/$binary" ] || [ ! -f "$work/$binary" ]; then
  echo "handlingsplan: $binary in $archive is not a plain file: nothing installed" >&2
  exit 1
fi
mkdir -p "$DIR/bin"
install -m 0755 "$work/$binary" "$DIR/bin/handlingsplan"
echo "handlingsplan: installed $VERSION for $TARGET into $DIR/bin (checksum verified)"
