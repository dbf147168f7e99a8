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
public sealed class ViewCounter(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    public const int MaxPerAddressPerMinute = 30;
    /// <summary>Readers remembered at most; beyond it (a flood from many addresses) new reads are not counted until the window rolls.</summary>
    const int MaxRemembered = 200_000;

    readonly ConcurrentDictionary<(string Slug, DateTimeOffset Hour), long> _pending = new();
    readonly ConcurrentDictionary<(string Address, string UserAgent, string Slug), DateTimeOffset> _seen = new();
    readonly ConcurrentDictionary<string, (DateTimeOffset Minute, int Count)> _perAddress = new();
    long _nextPrune;
    // ConcurrentDictionary.Count takes every bucket's lock; this runs on every article request, so the size is kept here.
    long _remembered;

    static readonly string[] BotMarkers =
    [
        "bot", "crawl", "spider", "slurp", "facebookexternalhit", "mediapartners", "curl/", "wget/", "python-requests",
        "python-urllib", "go-http-client", "java/", "okhttp", "headlesschrome", "phantomjs", "lighthouse", "pingdom",
        "uptime", "monitor", "preview", "scrapy", "httpclient", "libwww", "wrk", "apachebench", "feedfetcher",
    ];

    // One vectorised pass over the browser string for all the markers, instead of one pass per marker.
    static readonly System.Buffers.SearchValues<string> BotMarkerSearch = System.Buffers.SearchValues.Create(BotMarkers, StringComparison.OrdinalIgnoreCase);

    public static bool IsBot(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) || userAgent.Length < 12 || userAgent.AsSpan().ContainsAny(BotMarkerSearch);

    /// <param name="address">The reader's address (as the configured proxy reports it).</param>
    public void Record(string slug, string? userAgent, string address)
    {
        if (IsBot(userAgent)) return;
        var now = clock.GetUtcNow();
        Prune(now);
        var minute = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var burst = _perAddress.AddOrUpdate(address, (minute, 1), (_, c) => c.Minute == minute ? (minute, c.Count + 1) : (minute, 1));
        if (burst.Count > MaxPerAddressPerMinute) return;
        var reader = (address, userAgent!, slug);
        if (Interlocked.Read(ref _remembered) >= MaxRemembered && !_seen.ContainsKey(reader)) return;
        if (_seen.TryAdd(reader, now)) Interlocked.Increment(ref _remembered);
        else
        {
            if (_seen.TryGetValue(reader, out var counted) && now - counted < Window) return;
            _seen[reader] = now;
        }
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        _pending.AddOrUpdate((slug, hour), 1, (_, n) => n + 1);
    }

    void Prune(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextPrune);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextPrune, (now + Window).UtcTicks, next) != next) return;
        foreach (var (key, at) in _seen)
            if (now - at >= Window && _seen.TryRemove(key, out _)) Interlocked.Decrement(ref _remembered);
        foreach (var (key, count) in _perAddress)
            if (now - count.Minute >= TimeSpan.FromMinutes(1)) _perAddress.TryRemove(key, out _);
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
    /// Counts a read of <c>/berita/{slug}</c> (first page only) after the response, cached or not, succeeded. The counter is
    /// the application's one instance, taken once here: a cached read must not open a request scope just to be counted.
    /// </summary>
    public static IApplicationBuilder UseViewCounting(this IApplicationBuilder app)
    {
        var counter = app.ApplicationServices.GetRequiredService<ViewCounter>();
        return app.Use(async (context, next) =>
        {
            await next();
            var request = context.Request;
            if (context.Response.StatusCode == 200 && HttpMethods.IsGet(request.Method)
                && request.Path.StartsWithSegments(StoryLinks.Section, out var rest) && rest.HasValue)
            {
                var page = request.Query["halaman"].ToString();
                if (page is "" or "1")
                {
                    var slug = rest.Value!.Trim('/');
                    if (slug.Length is > 0 and <= 200 && !slug.Contains('/'))
                        counter.Record(slug, request.Headers.UserAgent, context.Connection.RemoteIpAddress?.ToString() ?? "");
                }
            }
        });
    }
}
