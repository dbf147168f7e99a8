using System.Collections.Concurrent;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search.Highlight;

namespace Warta.Web.Discovery.Search;

/// <summary>
/// What a word of a story indexes as: the search analyzer's terms for it, each with its position after the word's first.
/// Every filter after the tokenizer (lower case, stop words, root words, the stemmer) works on one word at a time, so a
/// word analysed alone gives exactly the terms it gives in its sentence; stemming was most of the highlighter's time,
/// and the words of news repeat, so each is analysed once and remembered.
/// </summary>
public sealed class WordTerms(Analyzer analyzer)
{
    /// <summary>Past this many remembered words the memory starts again (a bound, not a tuning knob: news uses far fewer).</summary>
    const int Limit = 200_000;
    readonly ConcurrentDictionary<string, (string Term, int Position)[]> _words = new(StringComparer.Ordinal);
    readonly Analyzer _tokens = new Tokens();

    /// <summary>The terms of <paramref name="word"/> (one token as the tokenizer cut it); empty for a stop word.</summary>
    public (string Term, int Position)[] Of(string word)
    {
        if (_words.TryGetValue(word, out var terms)) return terms;
        terms = Analyse(word);
        if (_words.Count >= Limit) _words.Clear();
        _words[word] = terms;
        return terms;
    }

    /// <summary>Every term of <paramref name="text"/> with its position, as the index has them.</summary>
    public List<(string Term, int Position)> OfText(string text)
    {
        var terms = new List<(string, int)>();
        Tokenize(text, (word, _, _, position) =>
        {
            foreach (var (term, offset) in Of(word)) terms.Add((term, position + offset));
        });
        return terms;
    }

    (string, int)[] Analyse(string word)
    {
        var terms = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream("body", word);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += terms.Count == 0 ? 1 : increment.PositionIncrement;
            terms.Add((term.ToString(), position));
        }
        stream.End();
        return [.. terms];
    }

    /// <summary>
    /// Calls <paramref name="word"/> with each word of <paramref name="text"/> (its text, start and end offsets, and its
    /// first position: a word takes as many positions as it has terms, a stop word one, as in the index).
    /// </summary>
    public void Tokenize(string text, Action<string, int, int, int> word)
    {
        using var stream = _tokens.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offsets = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var position = 0;
        while (stream.IncrementToken())
        {
            var surface = term.ToString();
            word(surface, offsets.StartOffset, offsets.EndOffset, position);
            var terms = Of(surface);
            position += terms.Length == 0 ? 1 : terms[^1].Position + 1;
        }
        stream.End();
    }

    /// <summary>The search analyzer's tokenizer alone: the words as written, with their offsets.</summary>
    sealed class Tokens : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
            new(new StandardTokenizer(IndonesianSearchAnalyzer.Version, reader));
    }
}

/// <summary>
/// A search's words marked in a story's text: every occurrence of a plain word's terms, and a quoted phrase's words only
/// where they stand in its order. The text is HTML-encoded and each marked word wrapped in <c>&lt;mark&gt;</c>.
/// </summary>
public sealed class Highlights
{
    /// <summary>About how long a snippet's piece of text is; a snippet shows the best two.</summary>
    const int FragmentLength = 160;
    const string Separator = " … ";

    readonly WordTerms _terms;
    readonly HashSet<string> _words = new(StringComparer.Ordinal);
    readonly List<(string Term, int Position)[]> _phrases = [];

    public Highlights(WordTerms terms, SearchQuery query)
    {
        _terms = terms;
        foreach (var part in query.Parts)
        {
            var analysed = terms.OfText(part.Text);
            if (part.Phrase && analysed.Count > 1)
            {
                var first = analysed[0].Position;
                _phrases.Add([.. analysed.Select(t => (t.Term, t.Position - first))]);
            }
            else
            {
                foreach (var (term, _) in analysed) _words.Add(term);
            }
        }
    }

    /// <summary>The whole of <paramref name="text"/> with the matches marked (a headline).</summary>
    public string Whole(string text)
    {
        var words = Marked(text);
        return Html(text, 0, text.Length, words);
    }

    /// <summary>The best two pieces of <paramref name="text"/> with the matches marked; null when nothing in it matches.</summary>
    public string? Snippet(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var words = Marked(text);
        if (!words.Any(w => w.Marked)) return null;
        // Pieces of about FragmentLength characters, each starting at a word; a piece counts its different matched words first.
        var pieces = new List<(int Start, int End, int Different, int Count)>();
        var start = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var w in words)
        {
            if (w.Start - start >= FragmentLength)
            {
                pieces.Add((start, w.Start, seen.Count, count));
                (start, count) = (w.Start, 0);
                seen.Clear();
            }
            if (w.Marked) { seen.Add(w.Text.ToLowerInvariant()); count++; }
        }
        pieces.Add((start, text.Length, seen.Count, count));
        var best = pieces.Select((p, i) => (p, i)).Where(x => x.p.Count > 0)
            .OrderByDescending(x => x.p.Different).ThenByDescending(x => x.p.Count).ThenBy(x => x.i)
            .Take(2).Select(x => x.i).Order().ToList();
        var html = new StringBuilder();
        for (var k = 0; k < best.Count; k++)
        {
            var (from, to, _, _) = pieces[best[k]];
            // Neighbouring pieces read on as one.
            while (k + 1 < best.Count && best[k + 1] == best[k] + 1) to = pieces[best[++k]].End;
            if (html.Length > 0) html.Append(Separator);
            html.Append(Html(text, from, to, words).Trim());
        }
        return html.ToString();
    }

    readonly record struct Word(string Text, int Start, int End, bool Marked);

    List<Word> Marked(string text)
    {
        var words = new List<(string Text, int Start, int End, int Position)>();
        var terms = new List<(string Term, int Position, int Word)>();
        _terms.Tokenize(text, (word, start, end, position) =>
        {
            foreach (var (term, offset) in _terms.Of(word)) terms.Add((term, position + offset, words.Count));
            words.Add((word, start, end, position));
        });
        var marked = new bool[words.Count];
        foreach (var t in terms)
            if (_words.Contains(t.Term)) marked[t.Word] = true;
        if (_phrases.Count > 0)
        {
            var at = new Dictionary<(string, int), int>();
            foreach (var t in terms) at.TryAdd((t.Term, t.Position), t.Word);
            foreach (var phrase in _phrases)
                foreach (var t in terms)
                {
                    if (t.Term != phrase[0].Term) continue;
                    var hits = new List<int>(phrase.Length);
                    foreach (var (term, offset) in phrase)
                        if (at.TryGetValue((term, t.Position + offset), out var w)) hits.Add(w); else break;
                    if (hits.Count == phrase.Length) foreach (var w in hits) marked[w] = true;
                }
        }
        return [.. words.Select((w, i) => new Word(w.Text, w.Start, w.End, marked[i]))];
    }

    static string Html(string text, int from, int to, List<Word> words)
    {
        var html = new StringBuilder(to - from + 32);
        var at = from;
        foreach (var w in words)
        {
            if (!w.Marked || w.Start < from || w.End > to) continue;
            html.Append(SimpleHTMLEncoder.HtmlEncode(text[at..w.Start])).Append("<mark>")
                .Append(SimpleHTMLEncoder.HtmlEncode(text[w.Start..w.End])).Append("</mark>");
            at = w.End;
        }
        return html.Append(SimpleHTMLEncoder.HtmlEncode(text[at..to])).ToString();
    }
}
