using System.Text;

namespace Warta.Web.Discovery.Search;

/// <summary>A word, or a phrase the reader put in double quotes.</summary>
public sealed record QueryPart(string Text, bool Phrase);

/// <summary>
/// What a reader typed, read defensively: no query syntax reaches Lucene, only words and quoted phrases. Whatever comes
/// in (unbalanced quotes, control characters, operators, ten thousand characters) makes a query, possibly an empty one.
/// </summary>
public sealed record SearchQuery(string Text, IReadOnlyList<QueryPart> Parts)
{
    /// <summary>Longer input is cut here: no headline needs more, and every word costs a clause.</summary>
    public const int MaxLength = 200;
    public const int MaxParts = 16;

    /// <summary>Boolean operators readers bring from other search boxes; they are not words in a story.</summary>
    static readonly HashSet<string> Operators = new(StringComparer.Ordinal) { "AND", "OR", "NOT", "&&", "||" };

    public bool IsEmpty => Parts.Count == 0;

    public static SearchQuery Parse(string? input)
    {
        var text = Clean(input);
        var parts = new List<QueryPart>();
        var pieces = text.Split('"');
        // Odd pieces sat between a pair of quotes; a last quote without its partner opens no phrase.
        var balanced = pieces.Length % 2 == 1;
        for (var i = 0; i < pieces.Length; i++)
        {
            var phrase = i % 2 == 1 && (balanced || i < pieces.Length - 1);
            if (phrase)
            {
                var words = Words(pieces[i]).ToList();
                if (words.Count > 1) parts.Add(new QueryPart(string.Join(' ', words), Phrase: true));
                else if (words.Count == 1) parts.Add(new QueryPart(words[0], Phrase: false));
            }
            else
            {
                parts.AddRange(Words(pieces[i]).Where(w => !Operators.Contains(w)).Select(w => new QueryPart(w, Phrase: false)));
            }
        }
        return new SearchQuery(text.Trim(), parts.Take(MaxParts).ToList());
    }

    /// <summary>Cut to <see cref="MaxLength"/>, control and formatting characters turned into spaces, half a surrogate pair dropped.</summary>
    static string Clean(string? input)
    {
        if (string.IsNullOrEmpty(input)) return "";
        var cut = input.Length > MaxLength ? input[..MaxLength] : input;
        var text = new StringBuilder(cut.Length);
        for (var i = 0; i < cut.Length; i++)
        {
            var c = cut[i];
            if (char.IsHighSurrogate(c) && i + 1 < cut.Length && char.IsLowSurrogate(cut[i + 1])) { text.Append(c).Append(cut[++i]); continue; }
            if (char.IsSurrogate(c)) continue;
            text.Append(char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? ' ' : c);
        }
        return text.ToString();
    }

    /// <summary>Words: runs of anything but white space that hold at least one letter or digit (so <c>*</c> and <c>?</c> alone are not words).</summary>
    static IEnumerable<string> Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => w.Any(char.IsLetterOrDigit));
}
