using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Readers;
using Warta.Web.Data;

namespace Warta.Web.Members;

/// <summary>
/// A reader's subscriptions, orders and invoices in their export. Erasure removes the periods and the one-time benefits;
/// orders and invoices stay, because they are the books (they hold no name or address, only the reader's id).
/// </summary>
public sealed class MembershipData(WartaDb db) : IPersonalData
{
    public string Section => "langganan";

    public async Task<object?> ExportAsync(Guid readerId, CancellationToken ct) => new
    {
        subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.ReaderId == readerId).OrderBy(s => s.StartsAt)
            .Select(s => new { plan = s.PlanName, startsAt = s.StartsAt, endsAt = s.EndsAt, endedAt = s.EndedAt, source = s.Source }).ToListAsync(ct),
        orders = await db.Orders.AsNoTracking().Where(o => o.ReaderId == readerId).OrderBy(o => o.CreatedAt)
            .Select(o => new { number = o.Number, description = o.Description, amountRupiah = o.AmountRupiah, discountRupiah = o.DiscountRupiah,
                voucher = o.VoucherCode, status = o.Status.ToString(), createdAt = o.CreatedAt, paidAt = o.PaidAt, paymentType = o.PaymentType }).ToListAsync(ct),
        invoices = await db.Invoices.AsNoTracking().Where(i => i.ReaderId == readerId).OrderBy(i => i.IssuedAt)
            .Select(i => new { number = i.Number, amountRupiah = i.AmountRupiah, issuedAt = i.IssuedAt }).ToListAsync(ct),
    };

    public async Task EraseAsync(Guid readerId, CancellationToken ct)
    {
        await db.Subscriptions.Where(s => s.ReaderId == readerId).ExecuteDeleteAsync(ct);
        await db.OneTimeBenefits.Where(b => b.ReaderId == readerId).ExecuteDeleteAsync(ct);
    }
}
