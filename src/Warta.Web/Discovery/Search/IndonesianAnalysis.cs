using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Id;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Warta.Web.Discovery.Search;

/// <summary>
/// Indonesian analysis for stories and queries alike: Lucene's standard tokenizer, lower case, Indonesian stop words,
/// then our root-word dictionary (<see cref="RootWords"/>) ahead of Lucene's Indonesian stemmer, so the words the stemmer
/// over-strips keep their root and closed compounds index as their two words.
/// </summary>
public sealed class IndonesianSearchAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// Lucene's Indonesian stop words without the halves of compounds ("sama" in "kerja sama"): as stop words they would
    /// vanish from "kerja sama" but not from "kerjasama" once split, and the two would no longer find each other.
    /// </summary>
    public static readonly CharArraySet StopWords = StopWordsWithout(RootWords.CompoundParts);

    static CharArraySet StopWordsWithout(IEnumerable<string> kept)
    {
        var keep = kept.ToHashSet(StringComparer.Ordinal);
        var set = new CharArraySet(Version, 800, ignoreCase: false);
        foreach (var word in IndonesianAnalyzer.DefaultStopSet)
            if (!keep.Contains(word)) set.Add(word);
        return set.AsReadOnly();
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new StandardFilter(Version, source);
        stream = new LowerCaseFilter(Version, stream);
        stream = new StopFilter(Version, stream, StopWords);
        stream = new RootWordFilter(stream);
        stream = new IndonesianStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>The terms <paramref name="text"/> indexes as, in order (for tests and the benchmark's sanity check).</summary>
    public IReadOnlyList<string> Terms(string text) => TermsOf(this, text);

    public static List<string> TermsOf(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }
}

/// <summary>Lower-cased words as written, for the term dictionary that spelling suggestions come from.</summary>
public sealed class PlainWordsAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(IndonesianSearchAnalyzer.Version, reader);
        return new TokenStreamComponents(source, new LowerCaseFilter(IndonesianSearchAnalyzer.Version, source));
    }
}

/// <summary>
/// Replaces a word whose root is in <see cref="RootWords"/> by that root (marked so the stemmer leaves it alone), and a
/// closed compound by its two words at consecutive positions, so "kerjasama" matches the phrase "kerja sama".
/// Any other word passes to Lucene's stemmer unchanged.
/// </summary>
public sealed class RootWordFilter : TokenFilter
{
    readonly ICharTermAttribute _term;
    readonly IKeywordAttribute _keyword;
    readonly IPositionIncrementAttribute _position;
    readonly Queue<string> _pending = new();
    State? _state;

    public RootWordFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_pending.Count > 0)
        {
            RestoreState(_state);
            _term.SetEmpty().Append(_pending.Dequeue());
            _keyword.IsKeyword = true;
            _position.PositionIncrement = 1;
            return true;
        }
        if (!m_input.IncrementToken()) return false;
        if (_keyword.IsKeyword) return true;
        var words = RootWords.Resolve(_term.ToString());
        if (words is null) return true;
        _term.SetEmpty().Append(words[0]);
        _keyword.IsKeyword = true;
        if (words.Length > 1)
        {
            _state = CaptureState();
            foreach (var word in words.Skip(1)) _pending.Enqueue(word);
        }
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _pending.Clear();
        _state = null;
    }
}
