using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;

namespace Warta.Web.Commerce;

/// <summary>Whether a reader may read premium stories now: one subscription period covers this moment and was not ended.</summary>
public sealed class Entitlements(WartaDb db, TimeProvider clock)
{
    public Task<bool> HasPremiumAsync(Guid readerId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return db.Subscriptions.AnyAsync(s => s.ReaderId == readerId && s.StartsAt <= now && s.EndsAt > now && s.EndedAt == null, ct);
    }

    /// <summary>The end of the reader's current access (the latest period that covers now or follows it without a gap), or null.</summary>
    public Task<DateTimeOffset?> AccessEndsAsync(Guid readerId, CancellationToken ct = default) => AccessEndsAsync(db, readerId, clock.GetUtcNow(), ct);

    /// <summary>
    /// The same, read through <paramref name="db"/> as of <paramref name="now"/>: for an order's fulfiller, which must read
    /// inside the transaction on the context it was handed.
    /// </summary>
    public static async Task<DateTimeOffset?> AccessEndsAsync(WartaDb db, Guid readerId, DateTimeOffset now, CancellationToken ct = default)
    {
        var periods = await db.Subscriptions.Where(s => s.ReaderId == readerId && s.EndedAt == null && s.EndsAt > now)
            .Select(s => new { s.StartsAt, s.EndsAt }).ToListAsync(ct);
        DateTimeOffset? end = null;
        foreach (var p in periods.OrderBy(p => p.StartsAt))
        {
            if (p.StartsAt > (end ?? now)) break;
            if (end is null || p.EndsAt > end) end = p.EndsAt;
        }
        return end;
    }
}
