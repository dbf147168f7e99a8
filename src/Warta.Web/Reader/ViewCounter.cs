using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Reader;

/// <summary>
/// Counts article reads in memory and writes them in one batch every few seconds, so a page view never costs a
/// database write. Counting happens in front of the output cache, so cached reads count too. A reader (address and
/// browser) counts once per story per <see cref="Window"/>; bots, and an address reading more than
/// <see cref="MaxPerAddressPerMinute"/> stories a minute (a script), are not counted. All in memory: nothing is stored per reader.
/// </summary>
public sealed class ViewCounter
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    public const int MaxPerAddressPerMinute = 30;
    /// <summary>Readers remembered at most; beyond it (a flood from many addresses) new reads are not counted until the window rolls.</summary>
    const int MaxRemembered = 200_000;

    readonly ConcurrentDictionary<(string Slug, DateTimeOffset Hour), long> _pending = new();
    // Keyed by address, browser and slug joined into one string, and looked up by a span of it: a reader already counted
    // (every read but the first in a window) costs no allocation and no lock.
    readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _seenBySpan;
    readonly ConcurrentDictionary<string, Burst> _perAddress = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, Burst>.AlternateLookup<ReadOnlySpan<char>> _perAddressBySpan;
    long _nextPrune;
    // ConcurrentDictionary.Count takes every bucket's lock; this runs on every article request, so the size is kept here.
    long _remembered;

    public ViewCounter(TimeProvider clock)
    {
        _clock = clock;
        _seenBySpan = _seen.GetAlternateLookup<ReadOnlySpan<char>>();
        _perAddressBySpan = _perAddress.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    readonly TimeProvider _clock;

    /// <summary>One address's reads in its current minute, as one word (minute number above, count below) changed without a lock.</summary>
    sealed class Burst
    {
        long _state;

        public long Minute => Volatile.Read(ref _state) >> 32;

        /// <summary>Counts a read in <paramref name="minute"/> and says how many that address has made in it.</summary>
        public int Hit(long minute)
        {
            while (true)
            {
                var state = Volatile.Read(ref _state);
                var next = state >> 32 == minute ? state + 1 : minute << 32 | 1;
                if (Interlocked.CompareExchange(ref _state, next, state) == state) return (int)(next & uint.MaxValue);
            }
        }
    }

    static readonly string[] BotMarkers =
    [
        "bot", "crawl", "spider", "slurp", "facebookexternalhit", "mediapartners", "curl/", "wget/", "python-requests",
        "python-urllib", "go-http-client", "java/", "okhttp", "headlesschrome", "phantomjs", "lighthouse", "pingdom",
        "uptime", "monitor", "preview", "scrapy", "httpclient", "libwww", "wrk", "apachebench", "feedfetcher",
    ];

    // One vectorised pass over the browser string for all the markers, instead of one pass per marker.
    static readonly System.Buffers.SearchValues<string> BotMarkerSearch = System.Buffers.SearchValues.Create(BotMarkers, StringComparison.OrdinalIgnoreCase);

    public static bool IsBot(string? userAgent) => IsBot(userAgent.AsSpan());

    public static bool IsBot(ReadOnlySpan<char> userAgent) =>
        userAgent.IsWhiteSpace() || userAgent.Length < 12 || userAgent.ContainsAny(BotMarkerSearch);

    /// <summary>The longest address, browser and slug remembered together; a longer browser string is cut (its start tells browsers apart).</summary>
    const int MaxReaderKey = 512;

    /// <param name="address">The reader's address (as the configured proxy reports it).</param>
    public void Record(ReadOnlySpan<char> slug, ReadOnlySpan<char> userAgent, ReadOnlySpan<char> address)
    {
        if (IsBot(userAgent)) return;
        var now = _clock.GetUtcNow();
        Prune(now);
        if (!_perAddressBySpan.TryGetValue(address, out var burst)) burst = _perAddress.GetOrAdd(address.ToString(), _ => new Burst());
        if (burst.Hit(now.UtcTicks / TimeSpan.TicksPerMinute) > MaxPerAddressPerMinute) return;

        Span<char> buffer = stackalloc char[MaxReaderKey];
        var length = 0;
        Append(buffer, ref length, address);
        Append(buffer, ref length, "\n");
        Append(buffer, ref length, slug);
        Append(buffer, ref length, "\n");
        Append(buffer, ref length, userAgent);
        var reader = buffer[..length];
        if (_seenBySpan.TryGetValue(reader, out var known, out var counted))
        {
            // Another request of the same reader may move it at the same moment: only the one that does counts.
            if (now.UtcTicks - counted < Window.Ticks || !_seen.TryUpdate(known, now.UtcTicks, counted)) return;
        }
        else
        {
            if (Interlocked.Read(ref _remembered) >= MaxRemembered || !_seen.TryAdd(reader.ToString(), now.UtcTicks)) return;
            Interlocked.Increment(ref _remembered);
        }
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        _pending.AddOrUpdate((slug.ToString(), hour), 1, (_, n) => n + 1);
    }

    static void Append(Span<char> buffer, ref int length, ReadOnlySpan<char> part)
    {
        var taken = Math.Min(part.Length, buffer.Length - length);
        part[..taken].CopyTo(buffer[length..]);
        length += taken;
    }

    void Prune(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextPrune);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextPrune, (now + Window).UtcTicks, next) != next) return;
        foreach (var (key, at) in _seen)
            if (now.UtcTicks - at >= Window.Ticks && _seen.TryRemove(key, out _)) Interlocked.Decrement(ref _remembered);
        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        foreach (var (key, burst) in _perAddress)
            if (burst.Minute < minute) _perAddress.TryRemove(key, out _);
    }

    /// <summary>Takes what was counted so far; what is taken is no longer pending.</summary>
    public List<(string Slug, DateTimeOffset Hour, long Views)> Drain()
    {
        var taken = new List<(string, DateTimeOffset, long)>();
        foreach (var key in _pending.Keys)
            if (_pending.TryRemove(key, out var views)) taken.Add((key.Slug, key.Hour, views));
        return taken;
    }

    /// <summary>Puts counts back after a failed write so they are tried again.</summary>
    public void Restore(IEnumerable<(string Slug, DateTimeOffset Hour, long Views)> counts)
    {
        foreach (var (slug, hour, views) in counts) _pending.AddOrUpdate((slug, hour), views, (_, n) => n + views);
    }

    public async Task FlushAsync(WartaDb db, CancellationToken cancellationToken)
    {
        var batch = Drain();
        if (batch.Count == 0) return;
        try
        {
            var slugs = batch.Select(b => b.Slug).Distinct().ToList();
            var ids = await db.Articles.Where(a => slugs.Contains(a.Slug)).Select(a => new { a.Slug, a.Id })
                .ToDictionaryAsync(a => a.Slug, a => a.Id, cancellationToken);
            var rows = batch.Where(b => ids.ContainsKey(b.Slug))
                .GroupBy(b => (Id: ids[b.Slug], b.Hour))
                .Select(g => (g.Key.Id, g.Key.Hour, Views: g.Sum(x => x.Views))).ToList();
            var articleIds = rows.Select(r => r.Id).Distinct().ToList();
            var hours = rows.Select(r => r.Hour).Distinct().ToList();
            var existing = await db.ArticleViews.Where(v => articleIds.Contains(v.ArticleId) && hours.Contains(v.Hour))
                .ToDictionaryAsync(v => (v.ArticleId, v.Hour), cancellationToken);
            foreach (var (id, hour, views) in rows)
            {
                if (existing.TryGetValue((id, hour), out var row)) row.Views += views;
                else db.ArticleViews.Add(new ArticleViewHour { ArticleId = id, Hour = hour, Views = views });
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        catch
        {
            Restore(batch);
            throw;
        }
    }
}

public sealed class ViewFlushService(ViewCounter counter, IServiceScopeFactory scopes, IConfiguration configuration,
    ILogger<ViewFlushService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Warta:Views:FlushSeconds", 10));
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushOnce(stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        await FlushOnce(CancellationToken.None);
    }

    async Task FlushOnce(CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await counter.FlushAsync(scope.ServiceProvider.GetRequiredService<WartaDb>(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Page views could not be written; they are kept for the next try");
        }
    }
}

public static class ViewCountingMiddleware
{
    /// <summary>
    /// Counts a read of <c>/berita/{slug}</c> (first page only) after the response, cached or not, succeeded. It sits in
    /// front of the page copies, so a copy served counts as a rendered page does. The counter is the application's one
    /// instance, taken once here: a cached read must not open a request scope just to be counted. Every other path passes
    /// straight through, and a read is counted from spans of the request: nothing is allocated for a reader already counted.
    /// </summary>
    public static IApplicationBuilder UseViewCounting(this IApplicationBuilder app)
    {
        var counter = app.ApplicationServices.GetRequiredService<ViewCounter>();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ViewCountingMiddleware));
        void Count(HttpContext http)
        {
            try
            {
                if (http.Response.StatusCode == StatusCodes.Status200OK) Record(counter, http);
            }
            catch (Exception e)
            {
                // The reader already has the page; a read left uncounted must not turn it into an error.
                logger.LogWarning(e, "A page view could not be counted");
            }
        }
        async Task CountAfterAsync(Task served, HttpContext http)
        {
            await served;
            Count(http);
        }
        return app.Use(next => http =>
        {
            var request = http.Request;
            if (!HttpMethods.IsGet(request.Method) || !request.Path.StartsWithSegments(StoryLinks.Section)) return next(http);
            var served = next(http);
            if (!served.IsCompletedSuccessfully) return CountAfterAsync(served, http);
            Count(http);
            return Task.CompletedTask;
        });
    }

    static void Record(ViewCounter counter, HttpContext http)
    {
        var request = http.Request;
        if (!request.Path.StartsWithSegments(StoryLinks.Section, out var rest) || !rest.HasValue) return;
        // Only the first page counts; the query is parsed only when there is one.
        if (request.QueryString.HasValue && request.Query["halaman"].ToString() is not ("" or "1")) return;
        var slug = rest.Value.AsSpan().Trim('/');
        if (slug.Length is 0 or > 200 || slug.Contains('/')) return;
        Span<char> address = stackalloc char[64];
        var written = 0;
        if (http.Connection.RemoteIpAddress is { } ip && !ip.TryFormat(address, out written)) written = 0;
        counter.Record(slug, request.Headers.UserAgent.ToString(), address[..written]);
    }
}
