#!/usr/bin/env bash
# Mutation testing of Warta's core with Stryker.NET (the local tool in dotnet-tools.json). Not part of scripts/test.sh:
# Stryker builds and re-runs the tests once per mutant, so each area runs only the fast tests that guard it.
# Usage: scripts/mutate.sh [area ...]   (no area: all of them, in order). Reports land in StrykerOutput/<area>/.
# MUTATE_BREAK_AT=80 makes the run fail when an area scores below 80% (scripts/test.sh runs the indonesian area so).
# Areas: indonesian bacajuga figures quoteingest workflow staff caching safefetch
# (bacajuga covers ArticleBody.cs too: the choice, the placement and the page splitting.)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export TZ="America/Los_Angeles" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# On the shared 2-core machine every build and test run holds a slot; elsewhere run directly.
SLOT=""; [[ -x /work/slot ]] && SLOT="/work/slot"
dotnet tool restore >/dev/null
BREAK=(); [[ -n "${MUTATE_BREAK_AT:-}" ]] && BREAK=(--break-at "$MUTATE_BREAK_AT")
# The progress bar draws only on a terminal; a run written to a log gets a dot per mutant tested, so a stopped run shows how far it got.
PROGRESS=progress; [[ -t 1 ]] || PROGRESS=dots

# area | files to mutate (globs, ';'-separated) | tests that guard them (a dotnet test filter)
AREAS=(
  "indonesian|**/Shared/Indonesian.cs|FullyQualifiedName~Warta.Tests.Shared.Indonesian"
  "bacajuga|**/Content/BacaJuga.cs;**/Content/ArticleBody.cs|FullyQualifiedName~Warta.Tests.Reader.BacaJuga|FullyQualifiedName~Warta.Tests.Reader.ArticleBodyTests|FullyQualifiedName~Warta.Tests.Reader.RealisticBodyTests"
  "figures|**/Markets/MarketFigures.cs|FullyQualifiedName~Warta.Tests.Markets.MarketFigures"
  "quoteingest|**/Markets/QuoteIngest.cs|FullyQualifiedName~Warta.Tests.Markets.QuoteIngest"
  "workflow|**/Newsroom/Workflow.cs;**/Content/StoryAccess.cs|FullyQualifiedName~Warta.Tests.Newsroom.Workflow"
  "staff|**/Accounts/Staff/StaffPage.cs;**/Accounts/ApiAuth.cs|FullyQualifiedName~Warta.Tests.Newsroom.Staff|FullyQualifiedName~Warta.Tests.Security.NewsroomAbuseTests|FullyQualifiedName~Warta.Tests.Security.StaffAccessMatrixTests|FullyQualifiedName~Warta.Tests.Security.EndpointRulesTests|FullyQualifiedName~Warta.Tests.Security.ApiKeyRulesTests|FullyQualifiedName~Warta.Tests.Security.StaffPageFieldTests"
  "caching|**/Shared/CachePolicy.cs;**/Shared/CachedPage.cs|FullyQualifiedName~Warta.Tests.Shared.ReaderPagePolicyTests|FullyQualifiedName~Warta.Tests.Shared.CachedPageAudienceTests|FullyQualifiedName~Warta.Tests.Security.CachePoisoningTests|FullyQualifiedName~Warta.Tests.Reader.CachingAndPromoTests"
  "safefetch|**/Shared/SafeFetch.cs|FullyQualifiedName~Warta.Tests.Shared.SafeFetchTests"
)

wanted=("$@")
for row in "${AREAS[@]}"; do
  area="${row%%|*}"; rest="${row#*|}"; globs="${rest%%|*}"; filter="${rest#*|}"
  if ((${#wanted[@]})) && [[ ! " ${wanted[*]} " == *" $area "* ]]; then continue; fi
  mutate=()
  IFS=';' read -ra files <<<"$globs"
  for f in "${files[@]}"; do mutate+=(--mutate "$f"); done
  printf '\n== Mutating %s (%s)\n' "$area" "$globs"
  start=$SECONDS
  (cd tests/Warta.Tests && $SLOT dotnet tool run dotnet-stryker --project Warta.Web.csproj "${mutate[@]}" \
      --test-case-filter "$filter" --concurrency 1 --reporter "$PROGRESS" --reporter html --reporter json --reporter cleartext \
      --output "$ROOT/StrykerOutput/$area" --skip-version-check "${BREAK[@]}")
  printf '== %s took %d s\n' "$area" $((SECONDS - start))
done
