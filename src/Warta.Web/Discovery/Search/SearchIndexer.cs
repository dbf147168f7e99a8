using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts;
using Warta.Web.Content;
using Warta.Web.Content.Paywall;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Search;

/// <param name="IndexPath">This node's index folder (<c>Warta:Search:IndexPath</c>); by default <c>search</c> in the data folder.</param>
/// <param name="PollInterval">How often the database is asked for changed stories (<c>Warta:Search:PollSeconds</c>, default 2).</param>
/// <param name="Overlap">
/// How far before the newest change already taken in each poll looks again (<c>Warta:Search:OverlapSeconds</c>, default 60):
/// a save stamps <c>ModifiedAt</c> before it commits, and nodes' clocks differ, so a change can land behind the watermark.
/// </param>
public sealed record SearchOptions(string IndexPath, TimeSpan PollInterval, TimeSpan Overlap)
{
    public static SearchOptions From(IConfiguration configuration) => new(
        configuration["Warta:Search:IndexPath"] is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(new WartaPaths(configuration).Data, "search"),
        TimeSpan.FromSeconds(Math.Max(0.2, configuration.GetValue("Warta:Search:PollSeconds", 2.0))),
        TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Warta:Search:OverlapSeconds", 60.0))));
}

/// <summary>
/// Keeps this node's index in step with the shared database: at start it builds the index when it is empty, built for
/// another schema or out of step with the database, then every <see cref="SearchOptions.PollInterval"/> (sooner when
/// another node announces a change) it takes in the stories whose <c>ModifiedAt</c> passed the watermark: a published
/// story is added or replaced, any other status removes it.
/// </summary>
public sealed partial class SearchIndexer(
    SearchIndex index, IServiceScopeFactory scopes, PublicText publicText, SearchOptions options, TimeProvider clock,
    ChangeNotices notices, ILogger<SearchIndexer> logger) : BackgroundService
{
    /// <summary>Stories read and committed at a time. Each commit flushes a segment and syncs it to disk, so a build from scratch commits in larger steps.</summary>
    internal const int BatchSize = 2000;
    static readonly ArticleStatus[] AnyStatus = Enum.GetValues<ArticleStatus>();
    readonly SemaphoreSlim _gate = new(1, 1);
    readonly SemaphoreSlim _wake = new(0, 1);
    /// <summary>
    /// Changes taken in within the overlap, so looking at them again writes nothing. Version and status are part of the
    /// stamp: two saves may carry the same time.
    /// </summary>
    readonly Dictionary<Guid, Stamp> _seen = [];
    /// <summary>Tag saves (audit entries) taken in within the overlap, and where the next look at them starts.</summary>
    readonly Dictionary<long, DateTimeOffset> _tagSaves = [];
    DateTimeOffset? _tagsFrom;
    /// <summary>When the last poll that finished began (this node's clock); null before the first one.</summary>
    DateTimeOffset? _lookedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Cached reads are forgotten on every change a writer saves; another node's notice is our cue to look at once.
        notices.Listen("reads", _ => Wake());
        try
        {
            var started = clock.GetTimestamp();
            await CatchUpAtStartAsync(stoppingToken);
            // bench/search.sh reads this line for the indexing time.
            logger.LogInformation("Search index ready: {Count} stories in {Seconds:0.0} s", index.Count, clock.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not build the search index; the next round tries again");
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.WhenAny(_wake.WaitAsync(stoppingToken), Task.Delay(options.PollInterval, clock, stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not bring the search index up to date; the next round tries again");
            }
        }
    }

    void Wake()
    {
        try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>
    /// Builds the index when it is empty, built for another schema or left half-built; then catches up, and rebuilds from
    /// scratch when the index does not hold exactly the published stories (another database, a lost folder).
    /// </summary>
    public async Task CatchUpAtStartAsync(CancellationToken cancellationToken = default)
    {
        if (index.Watermark == DateTimeOffset.MinValue) await RebuildAsync(cancellationToken);
        var applied = await RunOnceAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var published = await scope.ServiceProvider.GetRequiredService<WartaDb>().Articles
            .CountAsync(a => a.Status == ArticleStatus.Published && a.PublishedAt != null, cancellationToken);
        if (published == index.Count)
        {
            // Far behind, the index is left in several segments; searches read one segment faster than several.
            if (applied > BatchSize) index.Compact();
            return;
        }
        logger.LogInformation("The search index holds {Indexed} stories and the database {Published}; rebuilding it", index.Count, published);
        await RebuildAsync(cancellationToken);
    }

    /// <summary>
    /// Builds the index again from the database, in order of publication, and merges it into one segment. Returns how
    /// many stories it took in.
    /// <para>
    /// The order matters: a segment's documents stay in the order they were added, so the newest stories are the last
    /// stretch of the index, and a search that looks at the newest stories first (<see cref="SearchIndex.Search"/>) skips
    /// straight to them instead of stepping through every older match. The watermark is the newest change in the
    /// database when the build began; it is committed only at the end, so a build cut short starts again from scratch.
    /// Replaced stories leave deleted documents behind that still count in the word statistics until a merge, so two
    /// indexes of the same stories rank alike only once each is rebuilt (or merged).
    /// </para>
    /// </summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            index.Clear();
            _seen.Clear();
            _lookedAt = null;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WartaDb>();
            var newest = await db.Articles.OrderByDescending(a => a.ModifiedAt).Select(a => (DateTimeOffset?)a.ModifiedAt)
                .FirstOrDefaultAsync(cancellationToken) ?? DateTimeOffset.MinValue;
            // The next poll looks again from the overlap before the watermark; it finds the stories it reads there already
            // indexed with the same save (NoteIndexed), so a bulk import stamped at one instant is not read a second time.
            var read = 0;
            (DateTimeOffset At, Guid Id)? after = null;
            while (await PublishedPageAsync(db, after, cancellationToken) is { Count: > 0 } ids)
            {
                var idList = ids.Select(p => p.Id).ToList();
                var stories = (await db.Articles.AsNoTracking().Where(a => idList.Contains(a.Id)).Select(AsChanged).ToListAsync(cancellationToken))
                    .ToDictionary(c => c.Id);
                var visible = idList.Select(id => stories.GetValueOrDefault(id)).Where(c => c is { Visible: true }).Select(c => c!).ToList();
                index.Apply(visible.Select(Story), [], DateTimeOffset.MinValue);
                read += visible.Count;
                after = (ids[^1].At, ids[^1].Id);
                if (ids.Count < BatchSize) break;
            }
            index.Apply([], [], newest);
            index.Compact();
            return read;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The next <see cref="BatchSize"/> published stories in (PublishedAt, Id) order after <paramref name="after"/>: as
    /// <see cref="PageAsync"/>, the key's two ranges, each a seek on the (Status, PublishedAt) index.
    /// </summary>
    internal static async Task<List<(Guid Id, DateTimeOffset At)>> PublishedPageAsync(WartaDb db, (DateTimeOffset At, Guid Id)? after, CancellationToken cancellationToken)
    {
        var page = new List<(Guid, DateTimeOffset)>(BatchSize);
        var published = db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.PublishedAt != null);
        if (after is var (at, id))
        {
            page.AddRange((await published.Where(a => a.PublishedAt == at && a.Id.CompareTo(id) > 0)
                .OrderBy(a => a.Id).Take(BatchSize).Select(a => new { a.Id, a.PublishedAt }).ToListAsync(cancellationToken))
                .Select(a => (a.Id, a.PublishedAt!.Value)));
            published = published.Where(a => a.PublishedAt > at);
        }
        if (page.Count < BatchSize)
            page.AddRange((await published.OrderBy(a => a.PublishedAt).ThenBy(a => a.Id).Take(BatchSize - page.Count)
                .Select(a => new { a.Id, a.PublishedAt }).ToListAsync(cancellationToken))
                .Select(a => (a.Id, a.PublishedAt!.Value)));
        return page;
    }

    /// <summary>Takes in every change since the watermark (less the overlap); returns how many stories were added, replaced or removed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var lookingAt = clock.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WartaDb>();
            // Keyset paging on (ModifiedAt, Id): after the last story read, whatever the number of stories sharing its time
            // (a bulk import stamps all of its stories at one instant). An inclusive start is a key before every id at that time.
            var (cursor, inclusive) = LookFrom(index.Watermark, _lookedAt, options.Overlap);
            Guid? afterId = inclusive ? Guid.Empty : null;
            var applied = 0;
            while (true)
            {
                // Stamps first, text only for what changed: within the overlap most stories are ones taken in already, and
                // reading their bodies again on every poll (a whole bulk import's, until the next save) kept a core busy.
                var batch = await PageAsync(db, cursor, afterId, cancellationToken);
                if (batch.Count == 0) break;
                NoteIndexed(batch);
                var changedIds = batch.Where(c => !(_seen.TryGetValue(c.Id, out var seen) && seen == c.Stamp)).Select(c => c.Id).ToList();
                var newest = batch[^1].Stamp.At;
                if (changedIds.Count > 0 || newest > index.Watermark)
                {
                    // A story saved again since its stamp was read comes with its newer stamp, which the next look then knows;
                    // one no longer there at all leaves the index.
                    List<Changed> fresh = changedIds.Count == 0 ? [] : await db.Articles.AsNoTracking().Where(a => changedIds.Contains(a.Id))
                        .Select(AsChanged).ToListAsync(cancellationToken);
                    var gone = changedIds.Except(fresh.Select(c => c.Id));
                    index.Apply(fresh.Where(c => c.Visible).Select(Story), fresh.Where(c => !c.Visible).Select(c => c.Id).Concat(gone),
                        newest > index.Watermark ? newest : index.Watermark);
                    foreach (var c in fresh) _seen[c.Id] = c.Stamp;
                    applied += changedIds.Count;
                }
                (cursor, afterId) = (newest, batch[^1].Id);
                if (batch.Count < BatchSize) break;
            }
            if (index.Watermark > DateTimeOffset.MinValue + options.Overlap * 2) Forget(index.Watermark - options.Overlap * 2);
            var retagged = await RetagAsync(db, cancellationToken);
            _lookedAt = lookingAt;
            return applied + retagged;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The next <see cref="BatchSize"/> stamps in (ModifiedAt, Id) order after the key (<paramref name="at"/>,
    /// <paramref name="afterId"/>); a null id starts after every story stamped at <paramref name="at"/>. That is
    /// <c>ModifiedAt &gt; at OR (ModifiedAt = at AND Id &gt; afterId)</c>, asked as its two ranges: no index orders by
    /// (ModifiedAt, Id), so the one OR query sorted every story left at that instant for each page (a bulk import's hundreds
    /// of thousands), while the stories at one instant in id order are a range of the primary key.
    /// Status IN (every status) lets both databases seek the (Status, ModifiedAt) index instead of reading the table.
    /// </summary>
    internal static async Task<List<StampedId>> PageAsync(WartaDb db, DateTimeOffset at, Guid? afterId, CancellationToken cancellationToken)
    {
        var page = new List<StampedId>(BatchSize);
        if (afterId is { } after)
            page.AddRange(await db.Articles.AsNoTracking()
                .Where(a => AnyStatus.Contains(a.Status) && a.ModifiedAt == at && a.Id.CompareTo(after) > 0)
                .OrderBy(a => a.Id).Take(BatchSize)
                .Select(a => new StampedId(a.Id, new Stamp(a.ModifiedAt, a.Version, a.Status)))
                .ToListAsync(cancellationToken));
        if (page.Count < BatchSize)
            page.AddRange(await db.Articles.AsNoTracking()
                .Where(a => AnyStatus.Contains(a.Status) && a.ModifiedAt > at)
                .OrderBy(a => a.ModifiedAt).ThenBy(a => a.Id).Take(BatchSize - page.Count)
                .Select(a => new StampedId(a.Id, new Stamp(a.ModifiedAt, a.Version, a.Status)))
                .ToListAsync(cancellationToken));
        return page;
    }

    internal readonly record struct StampedId(Guid Id, Stamp Stamp);

    /// <summary>
    /// Notes as seen the published stories of <paramref name="batch"/> this poller has no stamp for whose save the index
    /// already holds: after a restart, the stories within the overlap (a whole bulk import stamped at one instant).
    /// </summary>
    void NoteIndexed(List<StampedId> batch)
    {
        var unknown = batch.Where(c => c.Stamp.Status == ArticleStatus.Published && !_seen.ContainsKey(c.Id)).ToList();
        if (unknown.Count == 0) return;
        var indexed = index.StampsOf(unknown.Select(c => c.Id).ToList());
        foreach (var c in unknown)
            if (indexed.TryGetValue(c.Id, out var held) && held.Modified == c.Stamp.At.UtcTicks && held.Version == c.Stamp.Version)
                _seen[c.Id] = c.Stamp;
    }

    /// <summary>
    /// Where a poll starts looking, and whether changes stamped at that very time count: the overlap behind the watermark,
    /// for a save that stamped its time before it committed (or on a clock behind ours). A save stamped at or before the
    /// start of the last poll less the overlap had committed by then, so that poll saw it: once the newsroom has been quiet
    /// for longer than the overlap, a poll looks only past the watermark, instead of reading the last minute of changes (a
    /// bulk import stamped all at once) again on every poll.
    /// </summary>
    public static (DateTimeOffset From, bool Inclusive) LookFrom(DateTimeOffset watermark, DateTimeOffset? lookedAt, TimeSpan overlap)
    {
        var behind = watermark > DateTimeOffset.MinValue + overlap ? watermark - overlap : DateTimeOffset.MinValue;
        if (lookedAt is not { } looked || looked - overlap <= behind) return (behind, true);
        return looked - overlap < watermark ? (looked - overlap, true) : (watermark, false);
    }

    /// <summary>
    /// A renamed tag changes the text of every story that carries it, yet no story's <c>ModifiedAt</c> moves. The newsroom
    /// records each tag save in the audit log in the same transaction, so those entries (read with the same overlap as
    /// stories) name the tags that changed, and the published stories carrying them are taken in again.
    /// </summary>
    async Task<int> RetagAsync(WartaDb db, CancellationToken cancellationToken)
    {
        // An index built from now on reads every tag's current name: only saves from about now on can be missing from it.
        var from = _tagsFrom ??= (index.Watermark == DateTimeOffset.MinValue ? clock.GetUtcNow() : index.Watermark) - options.Overlap;
        var saves = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.TagSave && e.At >= from)
            .Select(e => new { e.Id, e.At, e.Subject })
            .ToListAsync(cancellationToken);
        var fresh = saves.Where(e => !_tagSaves.ContainsKey(e.Id)).ToList();
        var slugs = fresh.Select(e => e.Subject).OfType<string>().Distinct().ToList();
        var applied = 0;
        if (slugs.Count > 0)
        {
            var carrying = await db.ArticleTags.Where(t => slugs.Contains(t.Tag.Slug)).Select(t => t.ArticleId).Distinct().ToListAsync(cancellationToken);
            foreach (var ids in carrying.Chunk(BatchSize))
            {
                var stories = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(AsChanged).ToListAsync(cancellationToken);
                // A story that is not visible is not in the index, or the story poller is about to remove it.
                var visible = stories.Where(c => c.Visible).ToList();
                index.Apply(visible.Select(Story), [], index.Watermark);
                applied += visible.Count;
            }
        }
        foreach (var e in fresh) _tagSaves[e.Id] = e.At;
        if (saves.Count > 0 && saves.Max(e => e.At) - options.Overlap is var next && next > from) _tagsFrom = next;
        foreach (var (id, at) in _tagSaves.ToList())
            if (at < _tagsFrom) _tagSaves.Remove(id);
        return applied;
    }

    void Forget(DateTimeOffset before)
    {
        foreach (var (id, at) in _seen.ToList())
            if (at.At < before) _seen.Remove(id);
    }

    static readonly System.Linq.Expressions.Expression<Func<Article, Changed>> AsChanged = a => new Changed(a.Id, a.Status, a.ModifiedAt, a.Version,
        a.PublishedAt, a.Kind, a.Title, a.Slug, a.Summary, a.SeoDescription, a.Body, a.Premium, a.Channel.Slug,
        a.Tags.OrderBy(t => t.Order).Select(t => t.Tag.Name).ToList());

    sealed record Changed(
        Guid Id, ArticleStatus Status, DateTimeOffset ModifiedAt, int Version, DateTimeOffset? PublishedAt, ArticleKind Kind, string Title, string Slug,
        string? Summary, string? SeoDescription, string Body, bool Premium, string ChannelSlug, List<string> Tags)
    {
        public bool Visible => Status == ArticleStatus.Published && PublishedAt is not null;
        public Stamp Stamp => new(ModifiedAt, Version, Status);
    }

    /// <summary>What tells one save of a story from another: two saves may carry the same time.</summary>
    internal readonly record struct Stamp(DateTimeOffset At, int Version, ArticleStatus Status);

    /// <summary>The story as the index keeps it: its public text only, never the paid part of a premium story.</summary>
    IndexedStory Story(Changed c)
    {
        var article = new Article { Title = c.Title, Slug = c.Slug, Body = c.Body, Summary = c.Summary, SeoDescription = c.SeoDescription, Premium = c.Premium };
        var open = publicText.Of(article);
        return new IndexedStory(c.Id, c.Title, open.Summary, PlainText(open.BodyHtml), string.Join(" · ", c.Tags), c.ChannelSlug, c.Kind, c.PublishedAt!.Value,
            c.ModifiedAt, c.Version);
    }

    /// <summary>The words of sanitised HTML, with a space where each element was (paragraphs must not run together).</summary>
    public static string PlainText(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
