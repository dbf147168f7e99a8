using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Content.Paywall;

/// <summary>What the meter did with one premium read.</summary>
public enum MeterOutcome
{
    /// <summary>The read was counted now.</summary>
    Counted,
    /// <summary>This story was already counted this month: a re-read costs nothing.</summary>
    AlreadyCounted,
    /// <summary>The month's reads are used up.</summary>
    UsedUp,
}

/// <summary>
/// Monthly allowances counted on the server: meter reads and gift links. Each use raises its holder's row with one
/// conditional update inside a transaction, so however many requests arrive at once, no more than the limit get through
/// (SQLite takes its one writer lock; PostgreSQL re-checks <c>Used &lt; limit</c> on the row after waiting for its lock).
/// </summary>
public sealed class Allowances(IServiceProvider services, TimeProvider clock)
{
    // The scope's context, leased when first used: a free story's page for a reader without a meter needs none.
    WartaDb Db => services.GetRequiredService<WartaDb>();

    /// <summary>The calendar month in WIB that <paramref name="instant"/> falls in, as <c>yyyy-MM</c>.</summary>
    public static string MonthOf(DateTimeOffset instant) => Indonesian.ToWib(instant).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public string CurrentMonth => MonthOf(clock.GetUtcNow());

    /// <summary>
    /// Counts a read of <paramref name="articleId"/> on meter <paramref name="key"/> unless it was counted this month already.
    /// <paramref name="vouched"/> is how many reads this month the meter had before it reached the database (an anonymous
    /// meter's first read lives in its signed cookie only): the month's allowance starts there.
    /// </summary>
    public async Task<MeterOutcome> ReadAsync(string key, Guid articleId, int limit, int vouched = 0, CancellationToken ct = default)
    {
        var month = CurrentMonth;
        if (await CountedAsync(key, month, articleId, ct)) return MeterOutcome.AlreadyCounted;
        if (limit <= 0) return MeterOutcome.UsedUp;
        var outcome = await UseAsync(key, month, limit, () => Db.MeterReads.Add(new MeterRead { Key = key, Month = month, ArticleId = articleId, ReadAt = clock.GetUtcNow() }), vouched, ct);
        // Refused either way: another request of this reader counted the same story at the same moment, or the month is used up.
        if (outcome) return MeterOutcome.Counted;
        return await CountedAsync(key, month, articleId, ct) ? MeterOutcome.AlreadyCounted : MeterOutcome.UsedUp;
    }

    /// <summary>The ids of the stories meter <paramref name="key"/> has opened this month.</summary>
    public Task<List<Guid>> ReadThisMonthAsync(string key, CancellationToken ct = default)
    {
        var month = CurrentMonth;
        return Db.MeterReads.AsNoTracking().Where(r => r.Key == key && r.Month == month).OrderBy(r => r.Id).Select(r => r.ArticleId).ToListAsync(ct);
    }

    public async Task<int> UsedAsync(string key, CancellationToken ct = default)
    {
        var month = CurrentMonth;
        return await Db.PaywallAllowances.AsNoTracking().Where(a => a.Key == key && a.Month == month).Select(a => (int?)a.Used).SingleOrDefaultAsync(ct) ?? 0;
    }

    Task<bool> CountedAsync(string key, string month, Guid articleId, CancellationToken ct) =>
        Db.MeterReads.AnyAsync(r => r.Key == key && r.Month == month && r.ArticleId == articleId, ct);

    /// <summary>
    /// Takes one use of <paramref name="key"/>'s allowance this month and saves what <paramref name="record"/> adds, in one
    /// transaction; false, with nothing saved, when the allowance is used up or the record breaks a unique rule.
    /// </summary>
    public Task<bool> UseAsync(string key, int limit, Action record, CancellationToken ct = default) => UseAsync(key, CurrentMonth, limit, record, 0, ct);

    async Task<bool> UseAsync(string key, string month, int limit, Action record, int startAt, CancellationToken ct)
    {
        if (limit <= 0) return false;
        // The row exists before anyone races to raise it; two first uses at once both insert, and the second does nothing.
        await Db.Database.ExecuteSqlAsync($"INSERT INTO \"PaywallAllowances\" (\"Key\", \"Month\", \"Used\") VALUES ({key}, {month}, {startAt}) ON CONFLICT DO NOTHING", ct);
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var taken = await Db.PaywallAllowances.Where(a => a.Key == key && a.Month == month && a.Used < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Used, a => a.Used + 1), ct);
        if (taken == 0) return false;
        record();
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            Db.ChangeTracker.Clear();
            await transaction.RollbackAsync(CancellationToken.None);
            return false;
        }
        await transaction.CommitAsync(ct);
        return true;
    }
}
