using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Readers;
using Warta.Web.Data;

namespace Warta.Web.Content.Paywall;

/// <summary>The paywall's share of a reader's data: the gift links they made and the premium stories their meter opened.</summary>
public sealed class PaywallPersonalData(WartaDb db, GiftLinks gifts) : IPersonalData
{
    public string Section => "paywall";

    public async Task<object?> ExportAsync(Guid readerId, CancellationToken ct)
    {
        var key = PaywallGate.RegisteredKey(readerId);
        var reads = await db.MeterReads.AsNoTracking().Where(r => r.Key == key)
            .Join(db.Articles, r => r.ArticleId, a => a.Id, (r, a) => new { a.Title, r.Month, r.ReadAt }).ToListAsync(ct);
        return new { giftLinks = await gifts.OfAsync(readerId, ct), meterReads = reads };
    }

    public async Task EraseAsync(Guid readerId, CancellationToken ct)
    {
        var keys = new[] { PaywallGate.RegisteredKey(readerId), GiftLinks.GiftKey(readerId) };
        await db.MeterReads.Where(r => keys.Contains(r.Key)).ExecuteDeleteAsync(ct);
        await db.PaywallAllowances.Where(a => keys.Contains(a.Key)).ExecuteDeleteAsync(ct);
        await db.GiftLinks.Where(g => g.GiverId == readerId).ExecuteDeleteAsync(ct);
    }
}
