#!/usr/bin/env bash
# Rebuilds the seed corpora in Fuzz/corpus/ from files kept in the repository:
#   rules:         rules/*.rules, and main.rules with one included file replaced ('%%% NAME'),
#                  plus a few hand-made edge cases (CRLF, BOM, NUL, deep nesting, include chains)
#   answers:       Tests/TriageKitTests/Resources/spec-examples/*.txt and transcripts/*.transcript
#   understanding: Fuzz/free-text-answers.txt (one answer per line), every answer and story in
#                  the examples and transcripts, and the phrases of rules/questions.rules
# Run it after the rules or the examples change; then commit Fuzz/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=Fuzz/corpus
rm -rf "$corpus"
mkdir -p "$corpus/rules" "$corpus/answers" "$corpus/understanding"

# A seed file named by its content's hash, as libFuzzer names corpus files.
seed() { # DIR, content on stdin
    local tmp; tmp=$(mktemp)
    cat > "$tmp"
    if [ -s "$tmp" ]; then mv "$tmp" "$1/$(sha1sum "$tmp" | cut -c1-40)"; else rm -f "$tmp"; fi
}

# --- rules
for f in rules/*.rules; do cp "$f" "$corpus/rules/$(basename "$f")"; done
for f in rules/*.rules; do
    name=$(basename "$f")
    [ "$name" = main.rules ] && continue
    { cat rules/main.rules; echo "%%% $name"; cat "$f"; } > "$corpus/rules/main+$name"
done
sed 's/$/\r/' rules/red-flags.rules > "$corpus/rules/crlf-red-flags.rules"
{ printf '\xef\xbb\xbf'; cat rules/main.rules; } > "$corpus/rules/bom-main.rules"
{ head -c 400 rules/main.rules; printf '\0'; tail -c +401 rules/main.rules; } > "$corpus/rules/nul-main.rules"
{ head -c 400 rules/main.rules; printf '\xc3\x28\xff'; tail -c +401 rules/main.rules; } > "$corpus/rules/bad-utf8-main.rules"
{
    grep -v '^include red-flags.rules' rules/main.rules
    echo "include red-flags.rules"
    echo "%%% red-flags.rules"
    echo "include a/one.rules"
    cat rules/red-flags.rules
    echo "%%% a/one.rules"
    echo "include two.rules"
    echo "%%% a/two.rules"
    echo "include ../b/three.rules"
    echo "%%% b/three.rules"
    echo "define deep: ((((((((fever))))))))"
} > "$corpus/rules/include-chain"
{
    cat rules/main.rules
    echo "define nested: $(printf '(%.0s' $(seq 70))fever$(printf ')%.0s' $(seq 70))"
    echo "define many: at least 2 of (fever, not fever, stiff_neck is unsure, age >= 50, side is one_side)"
} > "$corpus/rules/deep-nesting"

# --- answers
for f in Tests/TriageKitTests/Resources/spec-examples/*.txt transcripts/*.transcript; do
    [ -f "$f" ] && cp "$f" "$corpus/answers/$(basename "$f")"
done
first=$(ls Tests/TriageKitTests/Resources/spec-examples/*.txt | head -1)
sed 's/$/\r/' "$first" > "$corpus/answers/crlf-$(basename "$first")"
{ printf '\xef\xbb\xbf'; cat "$first"; } > "$corpus/answers/bom-$(basename "$first")"

# --- understanding
grep -v '^#' Fuzz/free-text-answers.txt | while IFS= read -r line; do printf '%s' "$line" | seed "$corpus/understanding"; done
cat Tests/TriageKitTests/Resources/spec-examples/*.txt transcripts/*.transcript \
    | grep -v '^#' | grep ':' | sed 's/^[a-z_]*: *//' | sort -u \
    | while IFS= read -r line; do printf '%s' "$line" | seed "$corpus/understanding"; done
grep -ho '^ *phrase [^:]*' rules/questions.rules | sed 's/^ *phrase //' | sort -u \
    | while IFS= read -r line; do printf '%s' "$line" | seed "$corpus/understanding"; done
grep -ho '^ *option [a-z_]*: .*' rules/questions.rules | sed 's/^ *option [a-z_]*: //' | tr ',' '\n' | sed 's/^ *//' | sort -u \
    | while IFS= read -r line; do printf '%s' "$line" | seed "$corpus/understanding"; done

for t in rules answers understanding; do echo "$t: $(ls "$corpus/$t" | wc -l) seeds"; done
