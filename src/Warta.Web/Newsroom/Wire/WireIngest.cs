using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Content;

namespace Warta.Web.Newsroom.Wire;

public sealed class WireOptions
{
    /// <summary>Where drop-folder feeds live: each has a folder of its own here. Default: <c>wire</c> in the data folder.</summary>
    public string? DropRoot { get; set; }
    public long MaxFeedBytes { get; set; } = 5 * 1024 * 1024;
    public int FetchTimeoutSeconds { get; set; } = 20;
    /// <summary>How often the worker looks for feeds that are due; 0 turns the worker off (feeds are then read only by "ambil sekarang").</summary>
    public int WorkerSeconds { get; set; } = 15;
}

public sealed record PollOutcome(bool Succeeded, int Imported, int Updated, int Withheld, string? Error);

/// <summary>Turns agency items into drafts: new items are created, an update replaces a draft nobody has touched, nothing is imported twice.</summary>
public sealed class WireIngest(WartaDb db, ArticleWriter writer, SafeFetcher fetcher, TimeProvider clock, WireOptions options, ILogger<WireIngest> logger)
{
    public string DropRoot => Path.GetFullPath(options.DropRoot!);

    public string DropPath(WireFeed feed) => Path.Combine(DropRoot, feed.DropFolder!);

    /// <summary>The draft's content as the wire-item hash sees it: any edit to headline, body or summary changes it.</summary>
    public static string ContentHash(Article article) => ContentHash(article.Title, article.Body, article.Summary);

    public static string ContentHash(string title, string body, string? summary) => WireParser.Hash(title, body, summary ?? "");

    /// <summary>Claims and polls every feed that is due. A feed is claimed by moving its next-poll time, so one node polls it.</summary>
    public async Task<int> PollDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.WireFeeds.AsNoTracking().Where(f => f.Enabled && f.NextPollAt <= now)
            .Select(f => new { f.Id, f.NextPollAt, f.IntervalMinutes }).ToListAsync(ct);
        var polled = 0;
        foreach (var feed in due)
        {
            var claimed = await db.WireFeeds.Where(f => f.Id == feed.Id && f.NextPollAt == feed.NextPollAt)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.NextPollAt, now.AddMinutes(feed.IntervalMinutes)), ct);
            if (claimed == 0) continue;
            await PollAsync(feed.Id, ct);
            polled++;
        }
        return polled;
    }

    /// <summary>Reads one feed now and records the outcome on it. Whatever goes wrong, what was imported before stays.</summary>
    public async Task<PollOutcome> PollAsync(int feedId, CancellationToken ct = default)
    {
        var feed = await db.WireFeeds.Include(f => f.Channel).SingleAsync(f => f.Id == feedId, ct);
        var now = clock.GetUtcNow();
        PollOutcome outcome;
        var counts = new Counts();
        try
        {
            string? fileErrors = null;
            if (feed.Url is { } url)
            {
                var fetched = await fetcher.GetAsync(new Uri(url), new FetchLimits(options.MaxFeedBytes, TimeSpan.FromSeconds(options.FetchTimeoutSeconds), feed.AllowPrivateAddresses), ct);
                var entries = WireParser.Parse(fetched.Bytes, options.MaxFeedBytes * 2);
                await ImportAllAsync(feed, entries, counts, ct);
            }
            else
            {
                fileErrors = await ReadDropFolderAsync(feed, counts, ct);
            }
            outcome = new PollOutcome(fileErrors is null, counts.Imported, counts.Updated, counts.Withheld, fileErrors);
        }
        catch (FetchRefusedException e)
        {
            outcome = new PollOutcome(false, counts.Imported, counts.Updated, counts.Withheld, "Pengambilan gagal: " + e.Message);
        }
        catch (WireFormatException e)
        {
            outcome = new PollOutcome(false, counts.Imported, counts.Updated, counts.Withheld, e.Message);
        }
        catch (DbUpdateException e)
        {
            // Items saved before this one stay saved; the rest are tried again at the next poll.
            logger.LogWarning(e, "Wire feed {Feed}: an item could not be saved", feedId);
            outcome = new PollOutcome(false, counts.Imported, counts.Updated, counts.Withheld, "Sebuah berita tidak dapat disimpan (bentrok di basis data); dicoba lagi pada pengambilan berikutnya.");
        }

        db.ChangeTracker.Clear();
        feed = await db.WireFeeds.SingleAsync(f => f.Id == feedId, ct);
        feed.LastPolledAt = now;
        if (outcome.Succeeded)
        {
            feed.LastSuccessAt = now;
            feed.ConsecutiveFailures = 0;
            feed.LastImported = outcome.Imported + outcome.Updated;
        }
        else
        {
            feed.LastErrorAt = now;
            feed.LastError = outcome.Error is { Length: > 1000 } error ? error[..999] + "…" : outcome.Error;
            feed.ConsecutiveFailures++;
            logger.LogWarning("Wire feed {Feed} ({Agency}) failed: {Error}", feed.Id, feed.Agency, outcome.Error);
        }
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    sealed class Counts
    {
        public int Imported, Updated, Withheld;
    }

    /// <summary>Each file is read on its own: a good file is imported and moved to processed/, a bad one to failed/ with the reason kept.</summary>
    async Task<string?> ReadDropFolderAsync(WireFeed feed, Counts counts, CancellationToken ct)
    {
        var folder = DropPath(feed);
        Directory.CreateDirectory(folder);
        var processed = Directory.CreateDirectory(Path.Combine(folder, "processed")).FullName;
        var failed = Directory.CreateDirectory(Path.Combine(folder, "failed")).FullName;
        var errors = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).ToList())
        {
            var name = Path.GetFileName(file);
            // A file still being copied in is skipped (a partial upload would read as malformed XML).
            if (name.StartsWith('.') || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)) continue;
            try
            {
                var info = new FileInfo(file);
                if (info.Length > options.MaxFeedBytes)
                    throw new WireFormatException($"Berkas lebih besar dari {options.MaxFeedBytes / 1024} KB.");
                var entries = WireParser.Parse(await File.ReadAllBytesAsync(file, ct), options.MaxFeedBytes * 2);
                await ImportAllAsync(feed, entries, counts, ct);
                Move(file, processed);
            }
            catch (WireFormatException e)
            {
                errors.Add($"{name}: {e.Message}");
                Move(file, failed);
            }
            catch (FileNotFoundException)
            {
                // Another poll (another node on a shared folder) took this file first.
            }
        }
        return errors.Count == 0 ? null : string.Join(" | ", errors);
    }

    void Move(string file, string folder)
    {
        var target = Path.Combine(folder, Path.GetFileName(file));
        // A name seen before (an agency re-sending a file) gets a time prefix rather than overwriting the earlier one.
        if (File.Exists(target)) target = Path.Combine(folder, $"{clock.GetUtcNow():yyyyMMddHHmmssfff}-{Path.GetFileName(file)}");
        File.Move(file, target);
    }

    async Task ImportAllAsync(WireFeed feed, List<WireEntry> entries, Counts counts, CancellationToken ct)
    {
        foreach (var entry in entries)
        {
            ct.ThrowIfCancellationRequested();
            switch (await ImportAsync(feed, entry))
            {
                case ImportResult.Imported: counts.Imported++; break;
                case ImportResult.Updated: counts.Updated++; break;
                case ImportResult.Withheld: counts.Withheld++; break;
            }
            db.ChangeTracker.Clear();
        }
    }

    public enum ImportResult { Unchanged, Imported, Updated, Withheld, Refused }

    ArticleInput InputFor(WireFeed feed, WireEntry entry) => new()
    {
        Title = entry.Title, Channel = feed.Channel.Slug, Kind = ArticleKind.News, Source = feed.Agency, Body = entry.BodyHtml,
        Summary = entry.Summary, Dateline = entry.Dateline, Status = ArticleStatus.Draft,
    };

    async Task<ImportResult> ImportAsync(WireFeed feed, WireEntry entry)
    {
        var now = clock.GetUtcNow();
        var known = await db.WireItems.SingleOrDefaultAsync(i => i.FeedId == feed.Id && i.ItemGuid == entry.ItemGuid);
        if (known is null) return await CreateAsync(feed, entry, now);

        var sourceHash = entry.SourceHash;
        if (entry.Version < known.Version || (entry.Version == known.Version && sourceHash == known.SourceHash)) return ImportResult.Unchanged;

        var article = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == known.ArticleId);
        if (article.Status != ArticleStatus.Draft || ContentHash(article) != known.ContentHash)
        {
            // Someone has worked on the draft: their text wins; the desk shows that the agency sent a newer version.
            known.Version = entry.Version;
            known.SourceHash = sourceHash;
            known.UpdateWithheldAt = now;
            await db.SaveChangesAsync();
            return ImportResult.Withheld;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var (saved, errors) = await writer.SaveAsync(known.ArticleId, InputFor(feed, entry));
        if (saved is null)
        {
            logger.LogWarning("Wire update {Guid} of feed {Feed} was refused: {Errors}", entry.ItemGuid, feed.Id, errors);
            return ImportResult.Refused;
        }
        var stored = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == known.ArticleId);
        known.Version = entry.Version;
        known.SourceHash = sourceHash;
        known.ContentHash = ContentHash(stored);
        known.Link = entry.Link;
        known.AgencyTime = entry.AgencyTime;
        known.UpdatedAt = now;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return ImportResult.Updated;
    }

    async Task<ImportResult> CreateAsync(WireFeed feed, WireEntry entry, DateTimeOffset now)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryCreateAsync(feed, entry, now);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
                // Another poll (this node or another) imported the item first: its draft stands and this one is gone.
                if (await db.WireItems.AnyAsync(i => i.FeedId == feed.Id && i.ItemGuid == entry.ItemGuid)) return ImportResult.Unchanged;
                // Otherwise a story of the same title took the slug a moment earlier; the next attempt sees it and picks another.
            }
        }
    }

    async Task<ImportResult> TryCreateAsync(WireFeed feed, WireEntry entry, DateTimeOffset now)
    {
        // The draft and its wire item are one transaction: if another poll inserted the item first, the unique key
        // refuses this one and the draft goes with it.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var (saved, errors) = await writer.SaveAsync(null, InputFor(feed, entry));
        if (saved is null)
        {
            logger.LogWarning("Wire item {Guid} of feed {Feed} was refused: {Errors}", entry.ItemGuid, feed.Id, errors);
            return ImportResult.Refused;
        }
        var stored = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == saved.Id);
        db.WireItems.Add(new WireItem
        {
            FeedId = feed.Id, ItemGuid = entry.ItemGuid, Version = entry.Version, ArticleId = saved.Id, Link = entry.Link, AgencyTime = entry.AgencyTime,
            SourceHash = entry.SourceHash, ContentHash = ContentHash(stored), ImportedAt = now,
        });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return ImportResult.Imported;
    }
}

/// <summary>Polls the feeds that are due, every few seconds, on every node; the claim in <see cref="WireIngest.PollDueAsync"/> keeps it to one node per feed.</summary>
public sealed class WireWorker(IServiceScopeFactory scopes, TimeProvider clock, WireOptions options, ILogger<WireWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.WorkerSeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.WorkerSeconds), clock);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<WireIngest>().PollDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Wire feeds could not be polled this round");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
