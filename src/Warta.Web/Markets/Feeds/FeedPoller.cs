using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Markets.Feeds;

public sealed class FeedOptions
{
    /// <summary>How often a node looks for due feeds.</summary>
    public int PollSeconds { get; set; } = 5;
    /// <summary>Largest body accepted from a feed.</summary>
    public long MaxBytes { get; set; } = 2 * 1024 * 1024;
    /// <summary>Longest wait for a feed's whole answer (never longer than the feed's own interval).</summary>
    public double TimeoutSeconds { get; set; } = 15;
    /// <summary>Feeds fetched at once by one node, so a slow vendor does not hold up the others.</summary>
    public int MaxParallel { get; set; } = 4;

    public FeedOptions Validated() => PollSeconds is >= 1 and <= 3600 && MaxBytes is >= 1024 and <= 64L * 1024 * 1024
                                      && TimeoutSeconds is > 0 and <= 300 && MaxParallel is >= 1 and <= 64
        ? this
        : throw new InvalidOperationException("Warta:Feeds: PollSeconds 1–3600, MaxBytes 1 KB–64 MB, TimeoutSeconds up to 300, MaxParallel 1–64.");
}

/// <summary>How one fetch of a feed ended, as the admin's status page shows it.</summary>
public sealed record FeedOutcome(bool Succeeded, int Stored, int Skipped, string? Error);

/// <summary>
/// Fetches market feeds and puts their quotes through <see cref="QuoteIngest"/>. A due feed is claimed by moving its
/// next-due time forward with a conditional update, so of several nodes exactly one fetches it per interval. Whatever
/// a feed does wrong (refused address, oversized or slow answer, wrong shape, bad numbers, refused quotes) is recorded on
/// that feed as a readable reason; nothing is stored from that fetch, and the other feeds carry on.
/// </summary>
public sealed class QuoteFeeds(IServiceScopeFactory scopes, SafeFetcher fetcher, TimeProvider clock, FeedOptions options, ILogger<QuoteFeeds> logger)
{
    /// <summary>Fetches every enabled feed whose time has come and that this node wins the claim for; answers how many it fetched.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        List<(int Id, DateTimeOffset Due, int Interval)> due;
        var now = clock.GetUtcNow();
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WartaDb>();
            due = (await db.QuoteFeeds.AsNoTracking().Where(f => f.Enabled && f.NextDueAt <= now)
                    .Select(f => new { f.Id, f.NextDueAt, f.IntervalSeconds }).ToListAsync(ct))
                .Select(f => (f.Id, f.NextDueAt, f.IntervalSeconds)).ToList();
        }
        var fetched = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallel, CancellationToken = ct }, async (feed, token) =>
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<WartaDb>();
                var next = now.AddSeconds(feed.Interval);
                var claimed = await db.QuoteFeeds.Where(f => f.Id == feed.Id && f.NextDueAt == feed.Due)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.NextDueAt, next), token);
                if (claimed != 1) return;
                Interlocked.Increment(ref fetched);
                await FetchAsync(feed.Id, token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                logger.LogError(e, "Feed {Feed} could not be run", feed.Id);
            }
        });
        return fetched;
    }

    /// <summary>Fetches one feed now (the admin's "ambil sekarang", or a won claim) and records how it went.</summary>
    public async Task<FeedOutcome?> FetchAsync(int feedId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WartaDb>();
        var feed = await db.QuoteFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == feedId, ct);
        if (feed is null) return null;

        var startedAt = clock.GetUtcNow();
        FeedOutcome outcome;
        try
        {
            outcome = await FetchAndIngestAsync(feed, scope.ServiceProvider.GetRequiredService<QuoteIngest>(), ct);
        }
        catch (FetchRefusedException e)
        {
            outcome = new FeedOutcome(false, 0, 0, "Pengambilan gagal: " + e.Message);
        }
        catch (FeedFormatException e)
        {
            outcome = new FeedOutcome(false, 0, 0, e.Message);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // A database hiccup or a bug must not stop the poller; the admin sees that it failed, the log says why.
            logger.LogError(e, "Feed {Feed} failed unexpectedly", feed.Name);
            outcome = new FeedOutcome(false, 0, 0, "Kesalahan tak terduga saat memproses feed; lihat log server.");
        }

        var error = outcome.Error is { Length: > 1000 } lengthy ? lengthy[..997] + "…" : outcome.Error;
        if (outcome.Succeeded)
            await db.QuoteFeeds.Where(f => f.Id == feed.Id).ExecuteUpdateAsync(s => s
                .SetProperty(f => f.LastAttemptAt, startedAt)
                .SetProperty(f => f.LastSuccessAt, startedAt)
                .SetProperty(f => f.LastError, (string?)null)
                .SetProperty(f => f.ConsecutiveFailures, 0)
                .SetProperty(f => f.LastQuoteCount, outcome.Stored), CancellationToken.None);
        else
            await db.QuoteFeeds.Where(f => f.Id == feed.Id).ExecuteUpdateAsync(s => s
                .SetProperty(f => f.LastAttemptAt, startedAt)
                .SetProperty(f => f.LastError, error)
                .SetProperty(f => f.ConsecutiveFailures, f => f.ConsecutiveFailures + 1), CancellationToken.None);
        if (!outcome.Succeeded) logger.LogWarning("Feed {Feed} failed: {Reason}", feed.Name, error);
        return outcome with { Error = error };
    }

    async Task<FeedOutcome> FetchAndIngestAsync(QuoteFeed feed, QuoteIngest ingest, CancellationToken ct)
    {
        if (!Uri.TryCreate(feed.Url, UriKind.Absolute, out var url)) return new FeedOutcome(false, 0, 0, $"Alamat '{feed.Url}' tidak sah.");
        var timeout = TimeSpan.FromSeconds(Math.Min(options.TimeoutSeconds, feed.IntervalSeconds));
        var body = await fetcher.GetAsync(url, new FetchLimits(options.MaxBytes, timeout, feed.AllowPrivateAddresses), ct);
        var rows = FeedReader.Read(feed, body.Bytes, clock.GetUtcNow());
        var (stored, refused) = await IngestAsync(ingest, rows.Quotes, ct);
        return refused is null
            ? new FeedOutcome(true, stored, rows.Skipped, null)
            : new FeedOutcome(false, 0, rows.Skipped, "Kutipan ditolak, tidak ada yang disimpan: " + refused);
    }

    static async Task<(int Stored, string? Refused)> IngestAsync(QuoteIngest ingest, IReadOnlyList<QuoteInput> rows, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var report = await ingest.IngestAsync(rows, ct);
        return report.Succeeded ? (report.Accepted, null) : (0, string.Join("; ", report.Describe(row => $"[{row}]")));
    }
}

/// <summary>Looks for due feeds every few seconds on every node; the claim in <see cref="QuoteFeeds"/> keeps them from fetching twice.</summary>
public sealed class FeedPoller(QuoteFeeds feeds, FeedOptions options, TimeProvider clock, ILogger<FeedPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.PollSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await feeds.RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly away (a restart, a failover); the next tick tries again.
                logger.LogWarning(e, "Could not look for due market feeds");
            }
        }
    }
}

public static class FeedRegistration
{
    public static void AddQuoteFeeds(IServiceCollection services)
    {
        services.AddSingleton(sp => (sp.GetRequiredService<IConfiguration>().GetSection("Warta:Feeds").Get<FeedOptions>() ?? new FeedOptions()).Validated());
        services.AddSingleton<QuoteFeeds>();
        services.AddHostedService<FeedPoller>();
    }
}
