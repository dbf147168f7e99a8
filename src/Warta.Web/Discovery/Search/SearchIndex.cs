using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Warta.Web.Content;

namespace Warta.Web.Discovery.Search;

/// <summary>What the index holds of a published story: only its public text (<c>PublicText.Of</c>), so no snippet can show paid text.</summary>
/// <remarks><paramref name="ModifiedAt"/> and <paramref name="Version"/> are the save the text comes from (see <see cref="SearchIndex.StampsOf"/>).</remarks>
public sealed record IndexedStory(Guid Id, string Title, string Summary, string Body, string Tags, string ChannelSlug, ArticleKind Kind, DateTimeOffset PublishedAt,
    DateTimeOffset ModifiedAt = default, int Version = 0);

public sealed record SearchFilters(string? Channel = null, ArticleKind? Kind = null, DateTimeOffset? From = null, DateTimeOffset? Until = null);

/// <summary>One result: its story and the headline and snippet as HTML (the text HTML-encoded, the matched words in <c>&lt;mark&gt;</c>).</summary>
public sealed record SearchHit(Guid Id, string TitleHtml, string SnippetHtml);

/// <param name="RankedSince">When only the newest stories were ranked (a thousand of them matched), the publication time they start from.</param>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, int Page, int PageCount, string? Suggestion, DateTimeOffset? RankedSince = null)
{
    public static readonly SearchResults None = new([], 0, 1, 1, null);
}

/// <summary>
/// This node's Lucene index of published stories (each node keeps its own, built from the shared database). One writer,
/// many readers: <see cref="Apply"/> commits a batch with the watermark it reached, searches read the latest refreshed view.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public const int PageSize = 20;
    /// <summary>Results beyond this many are not paged to: nobody reads page 51 of a search, and a deeper page costs a longer ranked list.</summary>
    public const int MaxResults = 1000;

    /// <summary>Where a word matched and how much that counts: the headline most, then tags and summary, then the body.</summary>
    static readonly (string Field, float Boost)[] Fields = [("title", 4f), ("tags", 2f), ("summary", 1.5f), ("body", 1f)];
    internal const string IdField = "id", ChannelField = "channel", KindField = "kind", PublishedField = "published", WordsField = "words";
    const string ModifiedField = "modified", VersionField = "version";
    const string SchemaKey = "schema", WatermarkKey = "watermark";

    readonly FSDirectory _directory;
    readonly WordTerms _words;
    readonly IndexWriter _writer;
    readonly SearcherManager _searchers;
    readonly Analyzer _analyzer = new PerFieldAnalyzerWrapper(new IndonesianSearchAnalyzer(),
        new Dictionary<string, Analyzer> { [WordsField] = new PlainWordsAnalyzer() });
    readonly string _schema;
    readonly System.Threading.Lock _write = new();

    /// <param name="path">The index folder, created when missing.</param>
    /// <param name="schema">What the stored documents depend on (field layout, analysis, the paywall's free paragraphs): an index built for another is rebuilt.</param>
    public SearchIndex(string path, string schema)
    {
        _schema = schema;
        _words = new WordTerms(_analyzer);
        // FSDirectory.Open maps the files. In this Lucene.Net every clone of a mapped input (one per term and segment a
        // query reads) is registered in a ConditionalWeakTable under a lock (lucenenet#1151), which is why the index is
        // kept in one segment (Compact); NIOFSDirectory avoids that but pays a locked seek and read per kilobyte, slower still.
        _directory = FSDirectory.Open(System.IO.Directory.CreateDirectory(path));
        _writer = new IndexWriter(_directory, new IndexWriterConfig(IndonesianSearchAnalyzer.Version, _analyzer) { OpenMode = OpenMode.CREATE_OR_APPEND });
        var committed = _writer.CommitData;
        if (committed.TryGetValue(SchemaKey, out var built) && built == schema && committed.TryGetValue(WatermarkKey, out var ticks))
            Watermark = new DateTimeOffset(long.Parse(ticks, CultureInfo.InvariantCulture), TimeSpan.Zero);
        else
            _writer.DeleteAll();
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: new Warming());
    }

    /// <summary>The newest change (an article's <c>ModifiedAt</c>) the index has taken in; <see cref="DateTimeOffset.MinValue"/> when it is empty.</summary>
    public DateTimeOffset Watermark { get; private set; } = DateTimeOffset.MinValue;

    public int Count
    {
        get
        {
            var searcher = _searchers.Acquire();
            try { return searcher.IndexReader.NumDocs; }
            finally { _searchers.Release(searcher); }
        }
    }

    /// <summary>Adds or replaces <paramref name="stories"/>, drops <paramref name="removed"/>, and commits with <paramref name="watermark"/>.</summary>
    public void Apply(IEnumerable<IndexedStory> stories, IEnumerable<Guid> removed, DateTimeOffset watermark)
    {
        lock (_write)
        {
            foreach (var story in stories) _writer.UpdateDocument(new Term(IdField, Key(story.Id)), DocumentOf(story));
            foreach (var id in removed) _writer.DeleteDocuments(new Term(IdField, Key(id)));
            _writer.SetCommitData(new Dictionary<string, string>
            {
                [SchemaKey] = _schema, [WatermarkKey] = watermark.UtcTicks.ToString(CultureInfo.InvariantCulture),
            });
            _writer.Commit();
            Watermark = watermark;
        }
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>
    /// Merges the index into one segment. A rebuild commits in batches and leaves several segments behind, and every
    /// query looks up each of its terms in each segment; run after a rebuild, while nothing else writes.
    /// </summary>
    public void Compact()
    {
        lock (_write)
        {
            _writer.ForceMerge(1);
            _writer.Commit();
        }
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>The index's segments (each query reads every one).</summary>
    internal int Segments => Read((searcher, _) => searcher.IndexReader.Leaves.Count);

    /// <summary>Empties the index, so the next catch-up rebuilds it from the database.</summary>
    public void Clear()
    {
        lock (_write) _writer.DeleteAll();
        Apply([], [], DateTimeOffset.MinValue);
    }

    internal static string Key(Guid id) => id.ToString("N");

    /// <summary>
    /// Runs <paramref name="read"/> on the latest view of the index and its analyzer, for queries beside search (related
    /// stories). The view's version changes with every commit that changed the index.
    /// </summary>
    internal T Read<T>(Func<IndexSearcher, Analyzer, T> read)
    {
        var searcher = _searchers.Acquire();
        try { return read(searcher, _analyzer); }
        finally { _searchers.Release(searcher); }
    }

    static Document DocumentOf(IndexedStory story) =>
    [
        new StringField(IdField, Key(story.Id), Field.Store.YES),
        new TextField("title", story.Title, Field.Store.YES),
        new TextField("summary", story.Summary, Field.Store.YES),
        new TextField("body", story.Body, Field.Store.YES),
        new TextField("tags", story.Tags, Field.Store.NO),
        new TextField(WordsField, story.Title + "\n" + story.Summary + "\n" + story.Tags, Field.Store.NO),
        new StringField(ChannelField, story.ChannelSlug, Field.Store.NO),
        new StringField(KindField, KindKey(story.Kind), Field.Store.NO),
        new Int64Field(PublishedField, story.PublishedAt.UtcTicks, Field.Store.YES),
        // Ranking and filtering read these per hit without loading the stored document (see Search).
        new NumericDocValuesField(PublishedField, story.PublishedAt.UtcTicks),
        new SortedDocValuesField(IdField, new BytesRef(Key(story.Id))),
        new SortedDocValuesField(ChannelField, new BytesRef(story.ChannelSlug)),
        new SortedDocValuesField(KindField, new BytesRef(KindKey(story.Kind))),
        new NumericDocValuesField(ModifiedField, story.ModifiedAt.UtcTicks),
        new NumericDocValuesField(VersionField, story.Version),
    ];

    /// <summary>
    /// The save (<c>ModifiedAt</c> ticks, version) each of <paramref name="ids"/> was indexed from, for those the index
    /// holds. After a restart the poller knows no stamps, and the first poll looks again at the overlap before the
    /// watermark: a bulk import stamped at one instant is all of it, and without asking here it was read and indexed again.
    /// </summary>
    internal Dictionary<Guid, (long Modified, int Version)> StampsOf(IReadOnlyCollection<Guid> ids)
    {
        var found = new Dictionary<Guid, (long, int)>();
        if (ids.Count == 0) return found;
        return Read((searcher, _) =>
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var reader = leaf.AtomicReader;
                if (reader.GetTerms(IdField) is not { } terms || reader.GetNumericDocValues(ModifiedField) is not { } modified
                    || reader.GetNumericDocValues(VersionField) is not { } version) continue;
                var keys = terms.GetEnumerator();
                DocsEnum? docs = null;
                foreach (var id in ids)
                {
                    if (!keys.SeekExact(new BytesRef(Key(id)))) continue;
                    docs = keys.Docs(reader.LiveDocs, docs, DocsFlags.NONE);
                    if (docs.NextDoc() is var doc && doc != DocIdSetIterator.NO_MORE_DOCS)
                        found[id] = (modified.Get(doc), (int)version.Get(doc));
                }
            }
            return found;
        });
    }

    static string KindKey(ArticleKind kind) => kind.ToString().ToLowerInvariant();

    public const int DefaultWindowStories = 50_000;

    /// <summary>How many of the newest stories a search ranks first (see <see cref="Search"/>; <c>Warta:Search:WindowStories</c>).</summary>
    public int WindowStories { get; init; } = DefaultWindowStories;

    /// <summary>
    /// Page <paramref name="page"/> of the published stories (as of <paramref name="now"/>) that contain every part of
    /// <paramref name="query"/>, best first: relevance (headline over body) with a gentle lift for recent stories, then the
    /// newer story, then the id.
    /// <para>
    /// The ranking looks at the newest <see cref="WindowStories"/> stories (published by the reader's end date) first,
    /// and only when fewer than <see cref="MaxResults"/> of them match does it widen, eightfold each time, to the whole
    /// index. A word in most stories matched 900,000 of a million, and scoring every one was most of a search's time; a
    /// news search that finds a thousand matches in the last 50,000 stories ranks those, and older ones are a date range
    /// away. The count stays exact up to <see cref="MaxResults"/>: a narrower look is kept only when it found that many.
    /// </para>
    /// </summary>
    public SearchResults Search(SearchQuery query, SearchFilters filters, int page, DateTimeOffset now)
    {
        var text = TextQuery(query);
        if (text is null) return SearchResults.None;
        var searcher = _searchers.Acquire();
        try
        {
            var wanted = Math.Clamp(page, 1, MaxResults / PageSize) * PageSize;
            var window = WindowStories;
            var since = WindowStart(searcher.IndexReader, filters, now, window);
            TopFieldDocs top;
            while (true)
            {
                // Recency is part of the score and the filters read doc values, so every match is ranked without loading
                // its stored document; only the page's own documents are loaded, for their highlights. Within a window
                // the filter leads (its stories are a range of the newest-first order), else the text query does.
                var ranked = new FilteredQuery(new RecencyQuery(text, now), new StoryFilter(filters, now, since),
                    since is null ? FilteredQuery.QUERY_FIRST_FILTER_STRATEGY : FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY);
                top = searcher.Search(ranked, null, wanted, Ranking);
                if (since is null || top.TotalHits >= MaxResults) break;
                window = window >= int.MaxValue / 8 ? int.MaxValue : window * 8;
                since = WindowStart(searcher.IndexReader, filters, now, window);
            }
            var total = Math.Min(top.TotalHits, MaxResults);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            page = Math.Clamp(page, 1, pageCount);
            var marks = new Highlights(_words, query);
            var hits = top.ScoreDocs.Skip((page - 1) * PageSize).Take(PageSize)
                .Select(hit => Highlight(searcher.Doc(hit.Doc, ShownFields), marks))
                .ToList();
            var suggestion = total == 0 ? Suggest(searcher.IndexReader, query) : null;
            return new SearchResults(hits, total, page, pageCount, suggestion, since is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// The publication time from which the newest <paramref name="window"/> stories within the reader's dates begin;
    /// null when the dates hold no more than that many (the whole of them is looked at). Counted on every segment's
    /// newest-first order by halving the time range, so it costs a few hundred binary searches, not a pass over stories.
    /// </summary>
    static long? WindowStart(IndexReader reader, SearchFilters filters, DateTimeOffset now, int window)
    {
        var (from, until) = StoryFilter.Dates(filters, now);
        var times = new List<Times>(reader.Leaves.Count);
        foreach (var leaf in reader.Leaves)
            if (TimesOf(leaf.AtomicReader) is { } t) times.Add(t);
        long Count(long since) { long n = 0; foreach (var t in times) n += t.Between(since, until); return n; }
        if (until < from || Count(from) <= window) return null;
        // The latest start that still holds the window: Count falls as the start moves later.
        long low = Math.Max(from, 0), high = until;
        while (low < high)
        {
            var middle = low + (high - low + 1) / 2;
            if (Count(middle) >= window) low = middle; else high = middle - 1;
        }
        return low;
    }

    /// <summary>Score (relevance × <see cref="Recency"/>), then the newer story, then the id, so equal stories keep one order on every node.</summary>
    static readonly Sort Ranking = new(SortField.FIELD_SCORE, new SortField(PublishedField, SortFieldType.INT64, reverse: true), new SortField(IdField, SortFieldType.STRING));

    static readonly ISet<string> ShownFields = new HashSet<string> { IdField, "title", "summary", "body" };

    /// <summary>The text query's score times the story's <see cref="Recency"/>, read from its doc values.</summary>
    sealed class RecencyQuery(Query text, DateTimeOffset now) : Lucene.Net.Queries.CustomScoreQuery(text)
    {
        protected override Lucene.Net.Queries.CustomScoreProvider GetCustomScoreProvider(AtomicReaderContext context) => new Lift(context, now);

        sealed class Lift(AtomicReaderContext context, DateTimeOffset now) : Lucene.Net.Queries.CustomScoreProvider(context)
        {
            readonly long[] _published = TimesOf(context.AtomicReader)?.ByDoc
                ?? throw new InvalidOperationException("A search segment without publication times.");

            public override float CustomScore(int doc, float subQueryScore, float[] valSrcScores) =>
                subQueryScore * Recency(_published[doc], now);
        }
    }

    /// <summary>A segment's publication times, read from its doc values once and kept while the segment lives.</summary>
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, Times> Published = new();

    /// <summary>
    /// A segment's publication times by document, and its documents newest first. Every match is filtered and lifted by
    /// its publication time: read from the doc values on disk that cost two positioned reads per match (most of the
    /// ranking time at 100,000 stories), from this array one load. A segment never changes its documents, so both stay
    /// right for as long as the segment (its core) is alive.
    /// </summary>
    sealed class Times
    {
        public Times(long[] byDoc)
        {
            ByDoc = byDoc;
            NewestFirst = new int[byDoc.Length];
            Descending = new long[byDoc.Length];
            for (var doc = 0; doc < byDoc.Length; doc++) (NewestFirst[doc], Descending[doc]) = (doc, -byDoc[doc]);
            Array.Sort(Descending, NewestFirst);
            for (var i = 0; i < Descending.Length; i++) Descending[i] = -Descending[i];
        }

        public long[] ByDoc { get; }
        /// <summary>The documents, newest first.</summary>
        public int[] NewestFirst { get; }
        /// <summary>Their publication times, in that order.</summary>
        public long[] Descending { get; }

        /// <summary>Where in <see cref="NewestFirst"/> the stories published at or before <paramref name="at"/> begin.</summary>
        public int AtOrBefore(long at)
        {
            int low = 0, high = Descending.Length;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (Descending[middle] <= at) high = middle; else low = middle + 1;
            }
            return low;
        }

        /// <summary>Where in <see cref="NewestFirst"/> the stories published before <paramref name="from"/> begin.</summary>
        public int Before(long from) => from == long.MinValue ? Descending.Length : AtOrBefore(from - 1);

        /// <summary>How many documents were published from <paramref name="from"/> to <paramref name="until"/>, both included.</summary>
        public int Between(long from, long until) => from > until ? 0 : Before(from) - AtOrBefore(until);
    }

    /// <summary>
    /// Reads each new segment's publication times as the view that brings it is opened (on the writer's thread), so no
    /// reader's search pays for it: after a merge of a million stories that was about a second.
    /// </summary>
    sealed class Warming : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves) TimesOf(leaf.AtomicReader);
            return base.NewSearcher(reader);
        }
    }

    static Times? TimesOf(AtomicReader reader)
    {
        if (Published.TryGetValue(reader.CoreCacheKey, out var times)) return times;
        var values = reader.GetNumericDocValues(PublishedField);
        if (values is null) return null;
        var byDoc = new long[reader.MaxDoc];
        for (var doc = 0; doc < byDoc.Length; doc++) byDoc[doc] = values.Get(doc);
        return Published.GetValue(reader.CoreCacheKey, _ => new Times(byDoc));
    }

    /// <summary>
    /// The filters as a per-document test on doc values: published by <c>now</c> (and within the reader's dates), in the
    /// channel and of the kind asked for. Without a window nothing is computed ahead: the text query proposes documents and
    /// this accepts them. With a window (stories from <c>since</c>), the window's documents are marked from the segment's
    /// newest-first order, so leading the search it costs the window, not the segment.
    /// </summary>
    sealed class StoryFilter(SearchFilters filters, DateTimeOffset now, long? since) : Filter
    {
        readonly (long From, long Until) _dates = Dates(filters, now);
        readonly string? _channel = string.IsNullOrEmpty(filters.Channel) ? null : filters.Channel;
        readonly string? _kind = filters.Kind is { } k ? KindKey(k) : null;

        /// <summary>The publication times asked for, as ticks: from the reader's start date (if any) to the end date or now, whichever is earlier.</summary>
        public static (long From, long Until) Dates(SearchFilters filters, DateTimeOffset now) =>
            (filters.From?.UtcTicks ?? long.MinValue, (filters.Until is { } u && u < now ? u : now).UtcTicks);

        public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
        {
            var reader = context.AtomicReader;
            if (TimesOf(reader) is not { } times) return null;
            var channel = Wanted(reader, ChannelField, _channel);
            var kind = Wanted(reader, KindField, _kind);
            if (channel is { Ord: < 0 } || kind is { Ord: < 0 }) return null;
            bool Other(int doc) => (channel is not { } c || c.Values.GetOrd(doc) == c.Ord) && (kind is not { } t || t.Values.GetOrd(doc) == t.Ord);
            var (from, until) = _dates;
            if (since is not { } start)
            {
                var published = times.ByDoc;
                return new Matching(reader.MaxDoc, acceptDocs, doc => published[doc] is var at && at >= from && at <= until && Other(doc));
            }
            from = Math.Max(from, start);
            if (from > until) return null;
            var window = new FixedBitSet(reader.MaxDoc);
            var any = false;
            for (int i = times.AtOrBefore(until), end = times.Before(from); i < end; i++)
            {
                var doc = times.NewestFirst[i];
                if ((acceptDocs is null || acceptDocs.Get(doc)) && Other(doc)) { window.Set(doc); any = true; }
            }
            return any ? window : null;
        }

        /// <summary>The segment's ordinal of <paramref name="value"/> in <paramref name="field"/> (negative when no story here has it); null when not filtered.</summary>
        static (SortedDocValues Values, int Ord)? Wanted(AtomicReader reader, string field, string? value)
        {
            if (value is null) return null;
            var values = reader.GetSortedDocValues(field);
            return values is null ? (DocValues.EMPTY_SORTED, -1) : (values, values.LookupTerm(new BytesRef(value)));
        }

        sealed class Matching(int maxDoc, IBits acceptDocs, Func<int, bool> match) : FieldCacheDocIdSet(maxDoc, acceptDocs)
        {
            protected override bool MatchDoc(int doc) => match(doc);
        }
    }

    /// <summary>
    /// A story's lift for being recent: up to a third more for a story of today, half that at a month old, next to nothing
    /// after a year. Small beside the headline's weight, so a headline match still beats a newer body match.
    /// </summary>
    static float Recency(long publishedTicks, DateTimeOffset now)
    {
        var days = Math.Max(0, (now.UtcTicks - publishedTicks) / (double)TimeSpan.TicksPerDay);
        return (float)(1 + 0.3 * Math.Pow(0.5, days / 30));
    }

    /// <summary>Every part must match in some field; a word's best field counts most (a dismax), the others a little.</summary>
    Query? TextQuery(SearchQuery query)
    {
        var builder = new QueryBuilder(_analyzer);
        var all = new BooleanQuery();
        foreach (var part in query.Parts)
        {
            var anyField = new DisjunctionMaxQuery(0.2f);
            foreach (var (field, boost) in Fields)
            {
                var q = part.Phrase ? builder.CreatePhraseQuery(field, part.Text) : builder.CreateBooleanQuery(field, part.Text, Occur.MUST);
                if (q is null) continue;
                q.Boost = boost;
                anyField.Add(q);
            }
            if (anyField.Disjuncts.Count > 0) all.Add(anyField, Occur.MUST);
        }
        return all.Clauses.Count == 0 ? null : all;
    }

    /// <summary>The hit's headline with the matches marked, and its snippet: from the opening of the body, else from the summary, else the summary as it is.</summary>
    static SearchHit Highlight(Document document, Highlights marks)
    {
        var summary = document.Get("summary") ?? "";
        var snippet = marks.Snippet(Opening(document.Get("body"))) ?? marks.Snippet(summary) ?? SimpleHTMLEncoder.HtmlEncode(summary);
        return new SearchHit(Guid.ParseExact(document.Get(IdField), "N"), marks.Whole(document.Get("title") ?? ""), snippet);
    }

    /// <summary>How much of a story's body the snippet is looked for in: about its first three paragraphs.</summary>
    internal const int SnippetReach = 1200;

    /// <summary>
    /// The start of <paramref name="body"/>, cut at a space before <see cref="SnippetReach"/>. Highlighting reads every
    /// word again, and the whole body of twenty hits was most of a search's time; a match further down shows the summary
    /// instead (the hit itself was found on the whole text).
    /// </summary>
    internal static string? Opening(string? body)
    {
        if (body is null || body.Length <= SnippetReach) return body;
        var cut = body.LastIndexOf(' ', SnippetReach);
        return body[..(cut > 0 ? cut : SnippetReach)];
    }

    /// <summary>
    /// For a search that found nothing: each word replaced by the closest word (at most two letters off, one for short
    /// words) that stories' headlines, summaries and tags use, the most used first; null when no word has a closer one.
    /// </summary>
    static string? Suggest(IndexReader reader, SearchQuery query)
    {
        var terms = MultiFields.GetTerms(reader, WordsField);
        if (terms is null) return null;
        var changed = false;
        var words = new List<string>();
        foreach (var part in query.Parts)
        {
            if (part.Phrase) { words.Add('"' + part.Text + '"'); continue; }
            var word = part.Text.ToLowerInvariant();
            var best = Closest(terms, word);
            changed |= best is not null;
            words.Add(best ?? word);
        }
        return changed ? string.Join(' ', words) : null;
    }

    /// <summary>
    /// Walks only the words within <c>limit</c> edits that share the first letter (Lucene's Levenshtein automaton over the
    /// term dictionary), not every word that starts with it.
    /// </summary>
    static string? Closest(Terms terms, string word)
    {
        if (word.Length < 3 || !word.All(char.IsLetterOrDigit)) return null;
        var limit = word.Length <= 4 ? 1 : 2;
        var candidates = new FuzzyTermsEnum(terms, new Lucene.Net.Util.AttributeSource(), new Term(WordsField, word), limit, prefixLength: 1, transpositions: false);
        string? best = null;
        int bestDistance = int.MaxValue, bestFrequency = 0;
        while (candidates.MoveNext())
        {
            var candidate = candidates.Term.Utf8ToString();
            if (candidate == word) return null;
            var distance = Distance(word, candidate, limit);
            if (distance > limit) continue;
            if (distance < bestDistance || (distance == bestDistance && candidates.DocFreq > bestFrequency)
                || (distance == bestDistance && candidates.DocFreq == bestFrequency && string.CompareOrdinal(candidate, best) < 0))
                (best, bestDistance, bestFrequency) = (candidate, distance, candidates.DocFreq);
        }
        return best;
    }

    /// <summary>Levenshtein distance, or more than <paramref name="limit"/> as soon as it is certain to be.</summary>
    static int Distance(string a, string b, int limit)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit) return limit + 1;
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
