using System.Text.RegularExpressions;
using Warta.Web.Shared;

namespace Warta.Web.Content;

/// <summary>A published story that could be offered as Baca Juga.</summary>
public sealed record RelatedCandidate(Guid Id, string Title, int ChannelId, IReadOnlyCollection<int> TagIds, DateTimeOffset PublishedAt, string Slug = "")
{
    /// <summary>The headline's meaningful words, worked out once per candidate.</summary>
    public HashSet<string> Words { get; } = BacaJugaPicker.TitleWords(Title);
}

/// <summary>
/// Chooses Baca Juga links when the editor picked none. A candidate scores for each shared tag (3), the same channel (1),
/// and the share of headline words the two stories have in common (up to 4); a small recency bonus breaks near-ties.
/// A candidate with no shared tag, channel or word is never offered, nor is the story itself.
/// </summary>
public static partial class BacaJugaPicker
{
    static readonly HashSet<string> StopWords =
    [
        "yang", "dan", "di", "ke", "dari", "untuk", "pada", "dengan", "ini", "itu", "akan", "dalam", "atas", "oleh", "jadi",
        "para", "bagi", "atau", "juga", "tak", "tidak", "masih", "sudah", "lebih", "hingga", "usai", "saat", "karena", "agar",
        "bisa", "ada", "per", "se", "the", "of", "a", "an", "in", "on", "to", "and", "as", "jelang", "kian", "makin", "tahun", "persen",
    ];

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();

    public static HashSet<string> TitleWords(string title) =>
        Words().Matches(title.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 2 && !StopWords.Contains(w)).ToHashSet();

    public static double Score(RelatedCandidate story, RelatedCandidate candidate, DateTimeOffset now)
    {
        // Counted by hand rather than with set operations: this runs for every candidate in the pool on every read.
        var sharedTags = 0;
        foreach (var tag in candidate.TagIds)
            if (story.TagIds.Contains(tag)) sharedTags++;
        var sameChannel = story.ChannelId == candidate.ChannelId;
        var common = 0;
        foreach (var word in candidate.Words)
            if (story.Words.Contains(word)) common++;
        var union = story.Words.Count + candidate.Words.Count - common;
        var overlap = union == 0 ? 0 : (double)common / union;
        if (sharedTags == 0 && !sameChannel && overlap == 0) return 0;
        var ageDays = Math.Max(0, (now - candidate.PublishedAt).TotalDays);
        return 3 * sharedTags + (sameChannel ? 1 : 0) + 4 * overlap + 1 / (1 + ageDays);
    }

    public static IReadOnlyList<RelatedCandidate> Pick(RelatedCandidate story, IEnumerable<RelatedCandidate> candidates, int count, DateTimeOffset now)
    {
        // Keep only the best few while scanning, instead of sorting the whole pool.
        var best = new List<(RelatedCandidate Candidate, double Score)>(count + 1);
        foreach (var c in candidates)
        {
            if (c.Id == story.Id || c.PublishedAt > now) continue;
            var score = Score(story, c, now);
            if (score <= 0) continue;
            var at = best.FindIndex(b => score > b.Score || (score == b.Score && c.PublishedAt > b.Candidate.PublishedAt));
            if (at < 0) at = best.Count;
            if (at >= count) continue;
            best.Insert(at, (c, score));
            if (best.Count > count) best.RemoveAt(count);
        }
        return best.Select(b => b.Candidate).ToList();
    }
}

/// <summary>
/// Where Baca Juga links go in a run of blocks: only in a gap between two paragraphs, never before the first block or
/// after the last, never two in adjacent gaps, spread evenly through the text.
/// </summary>
public static class BacaJugaPlacement
{
    /// <summary>
    /// Returns gap indices: gap g sits between block g-1 and block g. <paramref name="isParagraph"/> tells which blocks
    /// are paragraphs. Fewer than <paramref name="count"/> gaps come back when the text is too short for them.
    /// </summary>
    public static IReadOnlyList<int> Gaps(IReadOnlyList<bool> isParagraph, int count)
    {
        var n = isParagraph.Count;
        var allowed = Enumerable.Range(1, Math.Max(0, n - 1)).Where(g => isParagraph[g - 1] && isParagraph[g]).ToList();
        var chosen = new List<int>();
        for (var j = 1; j <= count && allowed.Count > 0; j++)
        {
            var ideal = (double)n * j / (count + 1);
            var last = chosen.Count == 0 ? int.MinValue : chosen[^1];
            var best = allowed.Where(g => g >= last + 2).OrderBy(g => Math.Abs(g - ideal)).ThenBy(g => g).Cast<int?>().FirstOrDefault();
            if (best is null) break;
            chosen.Add(best.Value);
        }
        return chosen;
    }
}
