#!/bin/sh
# Regenerates data/regions.tsv.gz from the pinned idn-area-data release on npm.
# Run from internal/region (go generate does). Needs npm; building does not.
set -eu
version=4.0.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "idn-area-data@$version" >/dev/null && tar xzf "idn-area-data-$version.tgz")
go run ./gen -src "$tmp/package/data" -out data/regions.tsv.gz
