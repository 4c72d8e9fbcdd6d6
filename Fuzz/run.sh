#!/usr/bin/env bash
# Builds one libFuzzer target and runs it for as long as asked.
#
#   Fuzz/run.sh TARGET SECONDS    fuzz TARGET (rules | answers | understanding) for SECONDS
#   Fuzz/run.sh all SECONDS       each target in turn, SECONDS each (CI uses 30)
#   Fuzz/run.sh TARGET replay     run every saved input in Fuzz/regressions/TARGET/ once
#                                 (*.gz inputs are unpacked first; *.md files are notes)
#   Fuzz/run.sh TARGET build      only build .build-fuzz/TARGET
#
# The binary is built with `swiftc -sanitize=fuzzer,address` from Sources/TriageKit (with the C
# helper of Sources/CThreads), Fuzz/Shared and Fuzz/<Target>Fuzzer into .build-fuzz/. The seed
# corpus is Fuzz/corpus/TARGET
# (read only); new inputs go to a working corpus outside the repository,
# $FUZZ_WORK/TARGET (default /tmp/headache-triage-fuzz/TARGET), which later runs reuse.
# A crash, timeout or out-of-memory input is copied to Fuzz/regressions/TARGET/ and the
# script exits non-zero. Extra libFuzzer flags can be given in $FUZZ_ARGS (e.g. -jobs=2).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
target=$1
mode=${2:-60}

if [ "$target" = all ]; then
    status=0
    for t in rules answers understanding; do "$0" "$t" "$mode" || status=1; done
    exit $status
fi

case "$target" in
    rules)         dir=RulesFuzzer;         max_len=65536 ;;
    answers)       dir=AnswersFuzzer;       max_len=16384 ;;
    understanding) dir=UnderstandingFuzzer; max_len=2048 ;;
    *) usage ;;
esac

build=$root/.build-fuzz
binary=$build/$target
sources=$(find Sources/TriageKit Sources/CThreads \( -name '*.swift' -o -name '*.c' -o -name '*.h' -o -name '*.modulemap' \) | sort)
harness=$(find Fuzz/Shared "Fuzz/$dir" -name '*.swift' | sort)
snapshot=$build/src-$target

# One build of a target at a time: a second run waits for the first one's build, then reuses it.
mkdir -p "$build"
exec 8>"$build/$target.build-lock"
flock 8
# Rebuild when any source (or rules file) is newer than the binary.
if [ ! -x "$binary" ] || [ ! -d "$snapshot/rules" ] || [ -n "$(find $sources $harness rules -newer "$binary" 2>/dev/null | head -1)" ]; then
    mkdir -p "$build"
    echo "fuzz: building $binary" >&2
    # Compile a snapshot, so files edited meanwhile cannot break the build half-way; the rules
    # are copied with it, so the harness always reads rules this library understands.
    rm -rf "$snapshot" && mkdir -p "$snapshot"
    cp -r Sources/TriageKit Sources/CThreads Fuzz/Shared "Fuzz/$dir" rules "$snapshot/"
    snapshot_sources=$(find "$snapshot" -name '*.swift' | sort)
    # The C helper TriageKit starts its threads with: compiled here, imported through its module map.
    clang -c -O2 -g -fsanitize=address -I "$snapshot/CThreads/include" "$snapshot/CThreads/CThreads.c" -o "$snapshot/CThreads.o"
    # -parse-as-library: the harness has no top-level code; libFuzzer provides main().
    # -g: symbolized stack traces. -swift-version 6: as the package builds TriageKit.
    # -use-ld=lld: gold prints a warning for every ASan helper symbol.
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -use-ld=lld \
        -module-name TriageKitFuzz -I "$snapshot/CThreads/include" $snapshot_sources "$snapshot/CThreads.o" -o "$binary.tmp"
    mv "$binary.tmp" "$binary"
fi
flock -u 8
[ "$mode" = build ] && exit 0

export TRIAGE_RULES_DIR=$snapshot/rules
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}
# libFuzzer and ASan print the stack; Swift's own backtracer would only add noise (and trips ASan).
export SWIFT_BACKTRACE=enable=no
regressions=$root/Fuzz/regressions/$target

if [ "$mode" = replay ]; then
    shopt -s nullglob
    inputs=()
    unpacked=$(mktemp -d)
    trap 'rm -rf "$unpacked"' EXIT
    for f in "$regressions"/*; do
        case "$f" in
            *.md) ;;                                   # notes, not inputs
            *.gz) gunzip -c "$f" > "$unpacked/$(basename "${f%.gz}")"; inputs+=("$unpacked/$(basename "${f%.gz}")") ;;
            *) inputs+=("$f") ;;
        esac
    done
    [ ${#inputs[@]} -gt 0 ] || { echo "fuzz: no saved inputs in $regressions" >&2; exit 0; }
    # Each input runs once; the first failing one stops the run with its stack trace.
    "$binary" -timeout=10 -rss_limit_mb=2048 "${inputs[@]}"
    exit $?
fi

case "$mode" in ''|*[!0-9]*) usage ;; esac
work=${FUZZ_WORK:-/tmp/headache-triage-fuzz}/$target
# Artifacts go to a folder of this run's own, so inputs left by an earlier run never count again.
artifacts=$(mktemp -d "${TMPDIR:-/tmp}/headache-triage-fuzz-artifacts.XXXXXX")
mkdir -p "$work/corpus"
# Two runs of one target would share its working corpus and log: refuse the second clearly.
exec 9>"$work/run-lock"
if ! flock -n 9; then
    echo "fuzz: another run of '$target' is using $work; wait for it, or set FUZZ_WORK to another folder" >&2
    exit 2
fi
log=$work/last-run.log
echo "fuzz: $target for $mode s; working corpus $work/corpus; log $log" >&2

status=0
# shellcheck disable=SC2086
"$binary" "$work/corpus" "$root/Fuzz/corpus/$target" \
    -max_total_time="$mode" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 -dict="$root/Fuzz/$target.dict" ${FUZZ_ARGS:-} \
    2>&1 | tee "$log" | grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::|==[0-9]+==|SUMMARY|    #[0-9]+ |fuzz:|artifact_prefix|Test unit written|Done )' || true
status=${PIPESTATUS[0]}
# Executions so far (the last status line; -fork=1 prints its own kind).
last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
echo "fuzz: $target: ${last:-no status line} (exit $status)" >&2

shopt -s nullglob
found=("$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-*)
if [ ${#found[@]} -gt 0 ]; then
    mkdir -p "$regressions"
    for f in "${found[@]}"; do cp "$f" "$regressions/"; done
    echo "fuzz: $target: ${#found[@]} failing input(s) saved in Fuzz/regressions/$target/ (full log: $log)" >&2
    status=1
fi
exit $status
