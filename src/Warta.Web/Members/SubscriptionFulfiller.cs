using Microsoft.EntityFrameworkCore;
using Warta.Web.Commerce;
using Warta.Web.Data;

namespace Warta.Web.Members;

/// <summary>
/// Gives what a subscription order bought, inside the transaction that moves the order: a period of the plan (or the
/// voucher's free days) after the reader's current access; a refund takes it back, an order that never activated
/// gives its voucher's use back.
/// </summary>
public sealed class SubscriptionFulfiller(TimeProvider clock) : IOrderFulfiller
{
    public string Kind => OrderKinds.Subscription;

    public async Task ActivateAsync(WartaDb db, Order order, CancellationToken ct)
    {
        // By slug, active or not: a plan withdrawn after the reader ordered it is still owed.
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Slug == order.Reference, ct)
            ?? throw new InvalidOperationException($"Order {order.Number} names no plan '{order.Reference}'.");
        var voucher = order.VoucherCode is null ? null : await db.Vouchers.SingleOrDefaultAsync(v => v.Code == order.VoucherCode, ct);
        var now = clock.GetUtcNow();
        if (voucher is not null && !await db.OneTimeBenefits.AnyAsync(b => b.ReaderId == order.ReaderId && b.Benefit == OneTimeBenefit.Voucher(voucher.Code), ct))
        {
            // Paid after the order expired and gave its use back: the payment is honoured, so the use is taken again.
            db.OneTimeBenefits.Add(new OneTimeBenefit { ReaderId = order.ReaderId, Benefit = OneTimeBenefit.Voucher(voucher.Code), TakenAt = now });
            voucher.Uses++;
            voucher.Version = Guid.NewGuid();
        }
        var start = await Memberships.NextStartAsync(db, clock, order.ReaderId, ct);
        var (end, source) = voucher is { Kind: VoucherKind.FreeDays }
            ? (start.AddDays(voucher.Value), SubscriptionSources.Voucher)
            : (Memberships.PeriodEnd(start, plan.Period), SubscriptionSources.Order);
        db.Subscriptions.Add(Memberships.Period(order.ReaderId, plan, start, end, source, order.Id, now));
    }

    public async Task ReleaseAsync(WartaDb db, Order order, CancellationToken ct)
    {
        if (order.Status == OrderStatus.Active)
            await Memberships.TakeBackAsync(db, order, clock.GetUtcNow(), ct);
        else if (order.VoucherCode is { } code)
            await Memberships.ReturnVoucherAsync(db, code, order.ReaderId, ct);
    }
}
