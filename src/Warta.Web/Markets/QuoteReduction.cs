using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;

namespace Warta.Web.Markets;

/// <summary>
/// Reduces minute quotes older than the retention period to daily bars and deletes them. Idempotent: the bars are
/// rebuilt from the minutes (merged into any bar already there) before the minutes go, one instrument-day at a time in
/// one transaction each, so a crash between two days leaves both whole.
/// </summary>
public sealed class QuoteReduction(WartaDb db, TimeProvider clock, MarketsOptions options, QuoteIngest ingest)
{
    /// <summary>Returns how many minute quotes were reduced.</summary>
    public async Task<int> ReduceAsync(CancellationToken ct)
    {
        var cutoff = options.MinuteCutoff(clock.GetUtcNow());
        var reduced = 0;
        while (!ct.IsCancellationRequested)
        {
            // The oldest instrument-day still in minutes, if it lies wholly before the cutoff.
            var oldest = await db.Quotes.AsNoTracking().Where(q => q.Minute < cutoff).OrderBy(q => q.Minute)
                .Select(q => new { q.InstrumentId, q.Minute }).FirstOrDefaultAsync(ct);
            if (oldest is null) break;
            var day = TradingCalendar.WibDay(oldest.Minute);
            var start = TradingCalendar.WibInstant(day, TimeOnly.MinValue);
            var end = start.AddDays(1);
            var strategy = db.Database.CreateExecutionStrategy();
            reduced += await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var minutes = await db.Quotes.AsNoTracking()
                    .Where(q => q.Minute >= start && q.Minute < end && q.Minute < cutoff)
                    .Select(q => new { q.InstrumentId, q.At, q.Value }).ToListAsync(ct);
                var ids = minutes.Select(m => m.InstrumentId).Distinct().ToList();
                var bars = await db.DailyBars.AsNoTracking().Where(b => ids.Contains(b.InstrumentId) && b.Day == day)
                    .ToDictionaryAsync(b => b.InstrumentId, ct);
                foreach (var m in minutes.OrderBy(m => m.At))
                    bars[m.InstrumentId] = DailyBars.Merge(bars.GetValueOrDefault(m.InstrumentId), m.InstrumentId, day, m.At, m.Value);
                await ingest.UpsertBarsAsync(bars.Values, ct);
                var deleted = await db.Quotes.Where(q => q.Minute >= start && q.Minute < end && q.Minute < cutoff).ExecuteDeleteAsync(ct);
                await transaction.CommitAsync(ct);
                return deleted;
            });
        }
        return reduced;
    }
}

/// <summary>Runs <see cref="QuoteReduction"/> on start and then every <see cref="MarketsOptions.ReduceEveryMinutes"/>.</summary>
public sealed class QuoteReductionService(IServiceScopeFactory scopes, TimeProvider clock, MarketsOptions options, ILogger<QuoteReductionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.ReduceInBackground) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.ReduceEveryMinutes), clock);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var reduced = await scope.ServiceProvider.GetRequiredService<QuoteReduction>().ReduceAsync(stoppingToken);
                if (reduced > 0) logger.LogInformation("Reduced {Count} minute quotes to daily bars", reduced);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may still be migrating on first start, or briefly away; the next round tries again.
                logger.LogWarning(e, "Reducing minute quotes failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
