#!/usr/bin/env bash
# test.sh is ladder's single test command: `bash scripts/test.sh`.
#
# It installs whatever is missing (quickly and idempotently when everything is
# already there), then runs every gate and prints a summary:
#
#   gofmt -l         no file may need formatting
#   go mod tidy      go.mod and go.sum must be tidy (go mod tidy -diff)
#   go vet ./...
#   staticcheck ./...
#   go test ./...    the packages with -race, the whole-site tests without; 40 minute timeout, via gotestsum
#   fuzzing          every Fuzz* function in the repository, LADDER_FUZZTIME each
#
# All gates run even when one fails, so one run shows every problem; the
# exit status is non-zero when any setup step or gate failed. The last line
# is "tests: N passed, N failed, N skipped" from go test.
#
# Environment:
#   CI=true              no test cache; missing tools fail tests instead of skipping
#   LADDER_FUZZTIME=30s  fuzzing time per Fuzz function (0 skips fuzzing)
#   LADDER_RACE=1        0 runs go test without the race detector
#   LADDER_REQUIRE_TOOLS defaults to 1 here: a test that cannot find Chromium,
#                        vnu.jar, axe-core or xmllint fails rather than skips
#   LADDER_VNU_JAR       defaults to the jar installed from tests/tools
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
ROOT=$(pwd)

# staticcheck 2026.2.2 is the first release line that supports Go 1.26.
STATICCHECK_VERSION=v0.8.2
GOTESTSUM_VERSION=v1.13.0
FUZZTIME=${LADDER_FUZZTIME:-30s}
RACE=${LADDER_RACE:-1}
TEST_TIMEOUT=40m
export LADDER_REQUIRE_TOOLS=${LADDER_REQUIRE_TOOLS:-1}
# Tests outside tests/qa find the pinned Nu HTML Checker through this.
export LADDER_VNU_JAR=${LADDER_VNU_JAR:-$ROOT/tests/tools/node_modules/vnu-jar/build/dist/vnu.jar}
export DEBIAN_FRONTEND=noninteractive
export PATH="$(go env GOPATH)/bin:$PATH"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ladder-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
START=$(date +%s)

names=()
results=()
times=()
failed=0

# run NAME CMD... runs one step, streams its output and records the result.
run() {
	local name=$1 t0 rc
	shift
	printf '\n=== %s\n' "$name"
	t0=$(date +%s)
	"$@"
	rc=$?
	names+=("$name")
	times+=($(($(date +%s) - t0)))
	if [ "$rc" -eq 0 ]; then
		results+=(ok)
	else
		results+=("FAIL ($rc)")
		failed=1
		printf -- '--- %s failed (exit %d)\n' "$name" "$rc"
	fi
	return 0
}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# --- setup ------------------------------------------------------------------

install_system_packages() {
	local missing=()
	[ -x /usr/bin/chromium ] || missing+=(chromium)
	command -v xmllint >/dev/null || missing+=(libxml2-utils)
	command -v java >/dev/null || missing+=(default-jre-headless)
	command -v npm >/dev/null || missing+=(npm)
	command -v pdfinfo >/dev/null || missing+=(poppler-utils)
	if [ ${#missing[@]} -eq 0 ]; then
		echo "chromium, xmllint, java, npm and pdfinfo present"
		return 0
	fi
	echo "installing: ${missing[*]}"
	as_root apt-get -o DPkg::Lock::Timeout=900 update -q &&
		as_root apt-get -o DPkg::Lock::Timeout=900 install -y -q "${missing[@]}"
}

# npm ci runs only when node_modules is missing or package-lock.json changed.
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime; the
# system java is used instead, and nothing is fetched at test time.
install_node_tools() {
	local dir=tests/tools stamp=tests/tools/node_modules/.ladder-lock.sha256 sum
	sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1) || return 1
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
		echo "tests/tools/node_modules up to date"
		return 0
	fi
	(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund) &&
		echo "$sum" >"$stamp"
}

# go_tool BINARY MODULE/PATH VERSION installs a pinned Go tool unless that
# version is already installed.
go_tool() {
	local bin=$1 pkg=$2 version=$3 have
	have=$(go version -m "$(command -v "$bin" 2>/dev/null || echo /nonexistent)" 2>/dev/null | awk '$1 == "mod" {print $3}')
	if [ "$have" = "$version" ]; then
		echo "$bin $version present"
		return 0
	fi
	echo "installing $bin $version"
	(cd "$WORK" && GOFLAGS= go install "$pkg@$version")
}

# --- gates ------------------------------------------------------------------

go_files() {
	find . -name '*.go' -not -path './.git/*' -not -path '*/node_modules/*' -not -path '*/testdata/*' -print
}

gate_gofmt() {
	local out
	out=$(go_files | xargs -r gofmt -l) || return 1
	if [ -n "$out" ]; then
		echo "these files need gofmt -w:"
		echo "$out"
		return 1
	fi
	echo "all files formatted"
}

# gate_tidy fails when go.mod or go.sum is not what go mod tidy would make,
# and prints the difference.
gate_tidy() {
	if ! go mod tidy -diff; then
		echo "go.mod or go.sum is not tidy: run go mod tidy"
		return 1
	fi
	echo "go.mod and go.sum are tidy"
}

gate_test() {
	# The race detector runs on the packages (concurrent builds, publish,
	# watch, serve); the whole-site tests under tests/ build the 1,016-
	# framework corpus and drive a browser, where -race only multiplies the
	# time without covering more concurrent code, so they run without it.
	local args=(-timeout "$TEST_TIMEOUT")
	[ "${CI:-}" = true ] && args+=(-count=1)
	local race=()
	[ "$RACE" = 1 ] && race=(-race)
	local pkgs whole rc=0
	pkgs=$(go list ./... | grep -v '/tests/')
	whole=$(go list ./tests/...)
	if command -v gotestsum >/dev/null; then
		# shellcheck disable=SC2086
		gotestsum --format pkgname --jsonfile "$WORK/test.json" -- "${args[@]}" "${race[@]}" $pkgs || rc=1
		# shellcheck disable=SC2086
		gotestsum --format pkgname --jsonfile "$WORK/test-whole.json" -- "${args[@]}" $whole || rc=1
		cat "$WORK/test-whole.json" >>"$WORK/test.json"
	else
		# shellcheck disable=SC2086
		go test -json "${args[@]}" "${race[@]}" $pkgs >"$WORK/test.json" || rc=1
		# shellcheck disable=SC2086
		go test -json "${args[@]}" $whole >>"$WORK/test.json" || rc=1
		go_test_failures
	fi
	return $rc
}

# go_test_failures prints the output of failed tests from the JSON log, for
# when gotestsum is unavailable.
go_test_failures() {
	grep -E '"Action":"(fail|output)"' "$WORK/test.json" | grep -E 'FAIL|--- ' | sed -E 's/.*"Output":"(.*)".*/\1/; s/\\n$//; s/\\t/\t/g' | head -200
}

# fuzz_targets lists "dir FuzzName" for every fuzz function in a test file.
fuzz_targets() {
	grep -rEo --include='*_test.go' --exclude-dir=node_modules --exclude-dir=testdata --exclude-dir=.git \
		'^func Fuzz[A-Za-z0-9_]*\(' . |
		sed -E 's#^(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\($#\1 \2#' | sort -u
}

# fuzz_one DIR NAME [again] fuzzes one function. It fails when the fuzzer
# saved a failing input; a run that failed with none saved (the go
# command's own "context deadline exceeded" when workers stop at the end
# of -fuzztime on a busy machine) is not a finding, so it is run again,
# once, and only a second failure counts.
fuzz_one() {
	local dir=$1 name=$2 corpus="$1/testdata/fuzz/$2" before after
	before=$(ls "$corpus" 2>/dev/null | wc -l)
	go test -run='^$' -fuzz="^${name}\$" -fuzztime="$FUZZTIME" -fuzzminimizetime=5s "$dir" && return 0
	after=$(ls "$corpus" 2>/dev/null | wc -l)
	if [ "$after" -gt "$before" ] || [ -n "${3:-}" ]; then
		return 1
	fi
	echo "--- $name: the fuzzer stopped with no failing input saved; fuzzing it again"
	return 1
}

gate_fuzz() {
	local dir name rc=0 n=0
	if [ "$FUZZTIME" = 0 ]; then
		echo "LADDER_FUZZTIME=0: fuzzing skipped"
		return 0
	fi
	while read -r dir name; do
		[ -n "$name" ] || continue
		n=$((n + 1))
		echo "--- $name in $dir ($FUZZTIME)"
		if ! fuzz_one "$dir" "$name" && ! fuzz_one "$dir" "$name" again; then
			echo "--- $name FAILED; the failing input was saved under $dir/testdata/fuzz/$name/"
			fuzz_failed+=("$dir $name")
			rc=1
		fi
	done < <(fuzz_targets)
	echo "fuzzed $n function(s)"
	return $rc
}

fuzz_failed=()

echo "ladder test: $(go version), CI=${CI:-}"
run "install: apt (chromium, xmllint, java, npm)" install_system_packages
run "install: npm ci tests/tools" install_node_tools
run "install: staticcheck $STATICCHECK_VERSION" go_tool staticcheck honnef.co/go/tools/cmd/staticcheck "$STATICCHECK_VERSION"
run "install: gotestsum $GOTESTSUM_VERSION" go_tool gotestsum gotest.tools/gotestsum "$GOTESTSUM_VERSION"

run "gofmt -l" gate_gofmt
run "go mod tidy -diff" gate_tidy
run "go vet ./..." go vet ./...
run "staticcheck ./..." staticcheck ./...
race_note=""
[ "$RACE" = 1 ] && race_note=" -race"
run "go test ./... (packages$race_note)" gate_test
run "fuzz (${FUZZTIME} each)" gate_fuzz

# --- summary ----------------------------------------------------------------

passed=0 tfailed=0 skipped=0
if [ -s "$WORK/test.json" ]; then
	passed=$(grep -c '"Action":"pass","Package":"[^"]*","Test":' "$WORK/test.json")
	tfailed=$(grep -c '"Action":"fail","Package":"[^"]*","Test":' "$WORK/test.json")
	skipped=$(grep -c '"Action":"skip","Package":"[^"]*","Test":' "$WORK/test.json")
fi

printf '\n=== summary (%ds in all)\n' $(($(date +%s) - START))
for i in "${!names[@]}"; do
	printf '  %-44s %-9s %5ss\n' "${names[$i]}" "${results[$i]}" "${times[$i]}"
done
for f in "${fuzz_failed[@]}"; do
	printf '  fuzz failure: %s\n' "$f"
done
if [ "$failed" -ne 0 ]; then
	echo "RESULT: FAIL"
else
	echo "RESULT: ok"
fi
echo "tests: $passed passed, $tfailed failed, $skipped skipped"
exit "$failed"
