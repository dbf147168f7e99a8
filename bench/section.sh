# Sourced by the bench scripts: write_section puts one script's section into docs/benchmarks.md between its two markers,
# in place when the markers are there and at the end when they are not, leaving every other section as it was;
# free_port names a loopback port nobody listens on (plain bash: a fresh machine may have no python).
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

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
