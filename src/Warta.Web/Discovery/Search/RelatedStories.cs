using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Content;
using Warta.Web.Content.Paywall;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Search;

/// <summary>
/// Related stories from this node's search index: the published stories that share the most with the story — its named
/// entities (tickers such as BBCA or LQ45, company and people's names, an instrument's symbol and its company name
/// counting as one), its tags, its headline words, its channel — and, among equals, the newest. Each shared thing adds a
/// fixed weight (one entity outweighs a shared tag, the channel and recency together), so two stories sharing the same
/// things tie and recency decides.
/// </summary>
/// <remarks>
/// The result is kept per story and index version (and dropped with the story lists on any change), so an article
/// render pays for one query only after the index or the stories changed. The ids found are checked against the
/// database before they are shown: the index may still hold a story unpublished a moment ago. When the index has fewer
/// than asked (a node still building it, a story with little in common), Content's own choice fills the rest.
/// </remarks>
public sealed class IndexRelatedStories(SearchIndex index, CachedReads reads, StoryQueries queries, InstrumentLookup instruments, PublicText publicText) : IRelatedStories
{
    /// <summary>Weights of what a candidate shares with the story.</summary>
    internal const float Entity = 6, Tag = 3, HeadlineWord = 1, Channel = 1, ThisWeek = 1, ThisMonth = 0.5f;
    /// <summary>At most this many entities of a story are asked for (the most mentioned): each costs a clause.</summary>
    const int MaxEntities = 12;
    const int MaxHeadlineWords = 8;

    readonly PoolRelatedStories _fallback = new(queries);

    public async Task<IReadOnlyList<RelatedStory>> ForAsync(Article story, int count)
    {
        if (count <= 0) return [];
        var version = index.Read((searcher, _) => ((DirectoryReader)searcher.IndexReader).Version);
        return await reads.GetOrReadAsync(CacheTags.Lists, $"related:{story.Id:N}:{version}:{count}", TimeSpan.FromMinutes(10), async services =>
        {
            var now = queries.Now;
            var symbols = await instruments.LabelsAsync();
            // Ask for more than needed: some may be unpublished since the index last looked.
            var ranked = Rank(story, symbols, count * 2, now);
            var found = ranked.Count == 0
                ? []
                : await StoryQueries.Visible(services.GetRequiredService<WartaDb>(), now).Where(a => ranked.Contains(a.Id))
                    .Select(a => new RelatedStory(a.Id, a.Title, a.Slug, a.PublishedAt!.Value)).ToDictionaryAsync(r => r.Id);
            var picks = ranked.Where(found.ContainsKey).Select(id => found[id]).Take(count).ToList();
            if (picks.Count < count)
            {
                var more = await _fallback.ForAsync(story, count + picks.Count);
                picks.AddRange(more.Where(m => picks.All(p => p.Id != m.Id)).Take(count - picks.Count));
            }
            return (IReadOnlyList<RelatedStory>)picks;
        });
    }

    /// <summary>The ids of the published stories (as of <paramref name="now"/>) most related to <paramref name="story"/>, best first.</summary>
    List<Guid> Rank(Article story, IReadOnlyDictionary<string, string> symbols, int count, DateTimeOffset now) => index.Read((searcher, analyzer) =>
    {
        var related = RelatedQuery(story, symbols, searcher, analyzer);
        if (related.Clauses.Count == 0) return [];
        var query = new BooleanQuery(disableCoord: true)
        {
            { related, Occur.MUST },
            { Constant(NumericRangeQuery.NewInt64Range(SearchIndex.PublishedField, now.AddDays(-7).UtcTicks, null, true, true), ThisWeek), Occur.SHOULD },
            { Constant(NumericRangeQuery.NewInt64Range(SearchIndex.PublishedField, now.AddDays(-30).UtcTicks, null, true, true), ThisMonth), Occur.SHOULD },
            { new TermQuery(new Term(SearchIndex.IdField, SearchIndex.Key(story.Id))), Occur.MUST_NOT },
        };
        var published = NumericRangeFilter.NewInt64Range(SearchIndex.PublishedField, null, now.UtcTicks, true, true);
        // Best score first, then the newest; scores are sums of the fixed weights, rounded so equal sums compare equal.
        var sort = new Sort(SortField.FIELD_SCORE, new SortField(SearchIndex.PublishedField, FieldCache.NUMERIC_UTILS_INT64_PARSER, true));
        var top = searcher.Search(query, published, Math.Max(count * 4, 40), sort, doDocScores: true, doMaxScore: true);
        if (top.ScoreDocs.Length == 0) return [];
        var max = top.MaxScore;
        return top.ScoreDocs.Cast<FieldDoc>()
            .Select(hit => searcher.Doc(hit.Doc) is var doc ? (Doc: doc, Score: Math.Round(hit.Score / max, 4), Published: doc.GetField(SearchIndex.PublishedField).GetInt64Value() ?? 0) : default)
            .OrderByDescending(hit => hit.Score).ThenByDescending(hit => hit.Published)
            .ThenBy(hit => hit.Doc.Get(SearchIndex.IdField), StringComparer.Ordinal)
            .Take(count)
            .Select(hit => Guid.ParseExact(hit.Doc.Get(SearchIndex.IdField), "N"))
            .ToList();
    });

    /// <summary>Any one shared thing makes a candidate; each adds its weight.</summary>
    BooleanQuery RelatedQuery(Article story, IReadOnlyDictionary<string, string> symbols, IndexSearcher searcher, Analyzer analyzer)
    {
        var builder = new QueryBuilder(analyzer);
        var related = new BooleanQuery(disableCoord: true);
        var common = Math.Max(10, searcher.IndexReader.NumDocs / 10);
        var entityWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var open = publicText.Of(story);
        foreach (var entity in StoryEntities.Of(story.Title, open.Summary, SearchIndexer.PlainText(open.BodyHtml), symbols).Take(MaxEntities))
        {
            var anyField = new BooleanQuery();
            foreach (var name in entity.Names)
                foreach (var field in (string[])["title", "summary", "body", "tags"])
                    if (builder.CreatePhraseQuery(field, name) is { } q) anyField.Add(q, Occur.SHOULD);
            if (anyField.Clauses.Count == 0) continue;
            // A name in a tenth of all stories (Jakarta, Indonesia) tells nothing about this one.
            if (AtMost(anyField, searcher.IndexReader) > common)
            {
                var collector = new TotalHitCountCollector();
                searcher.Search(anyField, collector);
                if (collector.TotalHits > common) continue;
            }
            related.Add(Constant(anyField, Entity), Occur.SHOULD);
            foreach (var name in entity.Names) entityWords.UnionWith(name.Split(' '));
        }
        foreach (var tag in story.Tags.Select(t => t.Tag?.Name).OfType<string>().Distinct())
            if (builder.CreatePhraseQuery("tags", tag) is { } q) related.Add(Constant(q, Tag), Occur.SHOULD);
        foreach (var word in BacaJugaPicker.TitleWords(story.Title).Where(w => !entityWords.Contains(w)).Take(MaxHeadlineWords))
            if (builder.CreateBooleanQuery("title", word) is { } q) related.Add(Constant(q, HeadlineWord), Occur.SHOULD);
        if (story.Channel?.Slug is { } channel) related.Add(Constant(new TermQuery(new Term(SearchIndex.ChannelField, channel)), Channel), Occur.SHOULD);
        return related;
    }

    /// <summary>An upper bound of the stories a name query matches, from term counts alone (counting its hits costs a search).</summary>
    static long AtMost(BooleanQuery anyField, IndexReader reader) => anyField.Clauses.Sum(c => c.Query switch
    {
        TermQuery t => reader.DocFreq(t.Term),
        PhraseQuery p => p.GetTerms().Min(reader.DocFreq),
        _ => long.MaxValue / 64,
    });

    static ConstantScoreQuery Constant(Query query, float weight) => new(query) { Boost = weight };
}

/// <summary>A thing a story is about, by every name it goes by (BBCA and Bank Central Asia are one).</summary>
public sealed record StoryEntity(IReadOnlyList<string> Names, int Mentions);

/// <summary>
/// Finds the named entities of a story by their shape: tickers and acronyms in capitals (BBCA, LQ45, OJK) and runs of
/// capitalised words inside a sentence (Bank Central Asia, Sri Mulyani, Pertamina). Headlines are in title case, so only
/// their tickers count. Market instruments join their symbol and their company name into one entity.
/// </summary>
public static partial class StoryEntities
{
    /// <summary>Capitalised words that start sentences or name times, not things.</summary>
    static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "di", "ke", "dari", "pada", "dalam", "untuk", "dengan", "menurut", "namun", "sementara", "saat", "selain", "sebelumnya",
        "kemudian", "hal", "ini", "itu", "para", "adapun", "bahkan", "karena", "jika", "meski", "sedangkan", "sejak", "hingga",
        "tahun", "kata", "ujar", "ia", "dia", "mereka", "kami", "kita", "the", "dan", "atau", "yang", "rp", "pt", "tbk", "persero",
        "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "januari", "februari", "maret", "april", "mei", "juni",
        "juli", "agustus", "september", "oktober", "november", "desember", "wib", "wita", "wit", "ceo", "cfo", "rups",
    };

    [GeneratedRegex(@"\b(?=[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z])[A-Z][A-Z0-9]{1,5}\b")]
    private static partial Regex Capitals();

    [GeneratedRegex(@"\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+)*")]
    private static partial Regex CapitalisedRuns();

    /// <param name="symbols">Instrument symbols in capitals, each with its company name.</param>
    public static IEnumerable<StoryEntity> Of(string title, string? summary, string body, IReadOnlyDictionary<string, string> symbols)
    {
        var mentions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var text = (summary ?? "") + ".\n" + body;
        foreach (Match m in Capitals().Matches(title)) Count(m.Value, 2);
        foreach (Match m in Capitals().Matches(text)) Count(m.Value, 1);
        foreach (Match m in CapitalisedRuns().Matches(text))
        {
            var words = m.Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
            while (words.Count > 0 && NotNames.Contains(words[0])) words.RemoveAt(0);
            while (words.Count > 0 && NotNames.Contains(words[^1])) words.RemoveAt(words.Count - 1);
            if (words.Count == 0) continue;
            // A single capitalised word opening a sentence is just the sentence's first word.
            if (words.Count == 1 && words[0] == m.Value && SentenceStart(text, m.Index)) continue;
            if (words.Count == 1 && words[0].Length < 4) continue;
            Count(string.Join(' ', words), 1);
        }
        // A company name that is an instrument's label joins its symbol.
        var byLabel = symbols.GroupBy(s => s.Value, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.OrdinalIgnoreCase);
        var entities = new Dictionary<string, (List<string> Names, int Mentions)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, count) in mentions)
        {
            var symbol = symbols.ContainsKey(name) ? name.ToUpperInvariant() : byLabel.GetValueOrDefault(name);
            var key = symbol ?? name;
            if (!entities.TryGetValue(key, out var entity))
                entity = symbol is null ? ([name], 0) : ([symbol, symbols[symbol]], 0);
            entities[key] = (entity.Names, entity.Mentions + count);
        }
        return entities.Values.OrderByDescending(e => e.Mentions).ThenBy(e => e.Names[0], StringComparer.Ordinal)
            .Select(e => new StoryEntity(e.Names, e.Mentions));

        void Count(string name, int weight)
        {
            if (NotNames.Contains(name)) return;
            mentions[name] = mentions.GetValueOrDefault(name) + weight;
        }
    }

    static bool SentenceStart(string text, int at)
    {
        for (var i = at - 1; i >= 0; i--)
        {
            if (char.IsWhiteSpace(text[i])) continue;
            return text[i] is '.' or '!' or '?' or ':' or '"' or '\u201C' or '(' or '\n';
        }
        return true;
    }
}
