# Sourced by the bench scripts: puts one script's section into docs/benchmarks.md between its two markers, in place
# when the markers are there and at the end when they are not, leaving every other section as it was.
write_section() {  # report file, begin marker, end marker, section text
  local report=$1 begin=$2 end=$3 section=$4 before after=""
  if grep -qF "$begin" "$report" && grep -qF "$end" "$report"; then
    before=$(sed "/$begin/,\$d" "$report")
    after=$(sed "1,/$end/d" "$report")
  else
    before=$(cat "$report")
  fi
  {
    printf '%s\n\n%s\n%s\n%s\n' "$before" "$begin" "$section" "$end"
    [[ -z $after ]] || printf '%s\n' "$after"
  } >"$report.tmp"
  mv "$report.tmp" "$report"
}
