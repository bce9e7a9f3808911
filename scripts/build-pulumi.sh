#!/usr/bin/env bash
# Build the Pulumi CLI (and the Python language host, when the module proxy
# serves it) from Go modules at PULUMI_VERSION. The result is cached outside
# the clone, keyed by version; a second run is a no-op. The stock dynamic-
# provider plugin script is not installed beside the CLI: this package ships
# its own (`pulumi-resource-pulumi-python`, found on PATH).
set -euo pipefail

PULUMI_VERSION=${PULUMI_VERSION:?set PULUMI_VERSION}
ROOT=${PULUMI_CACHE_ROOT:-$HOME/.cache/pulumi-offline}/$PULUMI_VERSION
BIN=$ROOT/bin
LH=github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3

export CGO_ENABLED=0 GOFLAGS=-modcacherw GOTOOLCHAIN=local

already_built() {
  [ -x "$BIN/pulumi" ] && "$BIN/pulumi" version 2>/dev/null | grep -qx "v$PULUMI_VERSION"
}

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# Relative-path replaces (../sdk) become plain requirements; module->module
# replaces are copied by value so the build matches the official one.
copy_versioned_replaces() {
  go mod edit -json "$1" | python3 -c '
import json, sys
for r in json.load(sys.stdin).get("Replace") or []:
    new, old = r["New"], r["Old"]
    if new.get("Version"):
        lhs = old["Path"] + ("@" + old["Version"] if old.get("Version") else "")
        print("-replace=%s=%s@%s" % (lhs, new["Path"], new["Version"]))
' | xargs -r go mod edit
}

build() {
  local started=$SECONDS
  rm -rf "$ROOT/wrapper" && mkdir -p "$ROOT/wrapper" "$BIN" && cd "$ROOT/wrapper"
  printf 'module local/pulumi-offline-build\n\ngo 1.26\n' > go.mod
  cat > tools.go <<'GO'
//go:build tools

package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
	_ "github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3"
)
GO
  go mod download -json "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION" > "$ROOT/sdk.json"
  go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" > "$ROOT/pkg.json"
  local commit sdk_dir lh_rev lh_gomod
  commit=$(json_field '.get("Origin", {}).get("Hash", "")' < "$ROOT/pkg.json")
  sdk_dir=$(json_field '["Dir"]' < "$ROOT/sdk.json")
  # The language host module has no release tags of its own: fall back to
  # the pseudo-version of the release commit.
  if go list -m -versions "$LH" 2>/dev/null | tr ' ' '\n' | grep -qx "v$PULUMI_VERSION"; then
    lh_rev=v$PULUMI_VERSION
  else
    lh_rev=$commit
  fi
  go mod edit -require="github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" \
              -require="github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION"
  copy_versioned_replaces "$(json_field '["GoMod"]' < "$ROOT/pkg.json")"
  local targets=(github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  # The language host is optional: programs run through the Automation API's
  # inline mode (the CLI's --client flag), which needs no host binary.
  if [ -n "$lh_rev" ] && go get "$LH@$lh_rev"; then
    lh_gomod=$(go mod download -json "$LH@$lh_rev" | json_field '["GoMod"]')
    copy_versioned_replaces "$lh_gomod"
    targets+=("$LH")
  else
    echo "language host $LH@${lh_rev:-?} is not on the module proxy; building the CLI only"
    sed -i '/pulumi-language-python/d' tools.go
  fi
  go mod tidy
  # Re-pin: tidy/go get must not have moved pkg or sdk off the release.
  go mod edit -require="github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" \
              -require="github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION"
  grep -E 'pulumi/pulumi/(pkg|sdk)/v3 v' go.mod
  go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
    -o "$BIN/" "${targets[@]}"
  install -m 0755 "$sdk_dir/python/cmd/pulumi-language-python-exec" "$BIN/"
  echo "built pulumi v$PULUMI_VERSION in $((SECONDS - started)) s"
  du -sh "$(go env GOMODCACHE)" "$(go env GOCACHE)" "$BIN" || true
}

if already_built; then
  echo "pulumi v$PULUMI_VERSION already built in $BIN"
else
  (build)
  already_built || { echo "pulumi build did not produce a working v$PULUMI_VERSION CLI" >&2; exit 1; }
fi
