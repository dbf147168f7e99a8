using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts;
using Warta.Web.Data;

namespace Warta.Web.Commerce;

/// <summary>The audit log's names for what admins do to orders.</summary>
public static class CommerceAuditActions
{
    public const string TransferPaid = "order.transfer-paid";
    public const string Refund = "order.refund";
}

/// <summary>
/// What an admin does to an order: mark a bank transfer paid, refund. Each goes through <see cref="OrderBook"/> with
/// its audit entry in the same transaction; the answer is an Indonesian sentence for the page, or an error.
/// </summary>
public sealed class PaymentDesk(WartaDb db, OrderBook orders, IEnumerable<IPaymentGateway> gateways, TimeProvider clock)
{
    public sealed record Result(bool Done, string Message);

    public async Task<Result> MarkTransferPaidAsync(string number, HttpContext http, CancellationToken ct = default)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Number == number, ct);
        if (order is null) return new(false, "Pesanan tidak ditemukan.");
        if (order.Gateway != Checkout.Transfer) return new(false, "Hanya pesanan transfer bank yang ditandai lunas di sini; pesanan ini dibayar lewat " + order.Gateway + ".");
        var moved = await orders.MoveAsync(number, OrderStatus.Paid, "bank_transfer",
            (d, o) => AuditLog.Add(d, clock, http, CommerceAuditActions.TransferPaid, number, $"{o.AmountRupiah} rupiah"), ct);
        return moved switch
        {
            MoveOutcome.Applied => new(true, $"Pesanan {number} ditandai lunas dan sudah aktif."),
            MoveOutcome.AlreadyThere => new(false, $"Pesanan {number} sudah lunas."),
            _ => new(false, $"Pesanan {number} tidak dapat ditandai lunas dari status {OrderText.Status(order.Status)}."),
        };
    }

    public async Task<Result> RefundAsync(string number, string? reason, HttpContext http, CancellationToken ct = default)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Number == number, ct);
        if (order is null) return new(false, "Pesanan tidak ditemukan.");
        if (order.Status == OrderStatus.Refunded) return new(false, $"Dana pesanan {number} sudah dikembalikan.");
        if (order.Status != OrderStatus.Active || order.AmountRupiah == 0) return new(false, $"Hanya pesanan aktif yang dibayar yang dapat dikembalikan dananya; pesanan ini {OrderText.Status(order.Status)}.");
        reason = string.IsNullOrWhiteSpace(reason) ? "Pengembalian dana oleh admin" : reason.Trim();
        if (order.Gateway == MidtransGateway.GatewayName)
        {
            if (gateways.OfType<MidtransGateway>().FirstOrDefault() is not { } midtrans)
                return new(false, "Midtrans tidak dikonfigurasi di server ini, jadi dananya tidak dapat dikembalikan dari sini.");
            try { await midtrans.RefundAsync(order, reason, ct); }
            catch (PaymentGatewayException e) { return new(false, e.Message); }
        }
        // A transfer is paid back by hand; this records that it was. A Midtrans refund is recorded once Midtrans accepted it.
        var moved = await orders.MoveAsync(number, OrderStatus.Refunded, null,
            (d, o) => AuditLog.Add(d, clock, http, CommerceAuditActions.Refund, number, $"{o.AmountRupiah} rupiah via {o.Gateway}: {reason}"), ct);
        return moved switch
        {
            MoveOutcome.Applied => new(true, $"Dana pesanan {number} dikembalikan; aksesnya dicabut."),
            // Midtrans' refund notification got here first: the refund stands, and the admin's act is still on the record.
            MoveOutcome.AlreadyThere => await RecordLateAsync(number, reason, http, ct),
            _ => new(false, $"Pesanan {number} tidak dapat dikembalikan dananya."),
        };
    }

    async Task<Result> RecordLateAsync(string number, string reason, HttpContext http, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        AuditLog.Add(db, clock, http, CommerceAuditActions.Refund, number, reason);
        await db.SaveChangesAsync(ct);
        return new(true, $"Dana pesanan {number} dikembalikan; aksesnya dicabut.");
    }
}

/// <summary>How orders are named to readers and staff.</summary>
public static class OrderText
{
    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.Pending => "menunggu pembayaran",
        OrderStatus.Paid => "lunas",
        OrderStatus.Active => "lunas, aktif",
        OrderStatus.Expired => "kedaluwarsa",
        OrderStatus.Cancelled => "dibatalkan",
        OrderStatus.Denied => "ditolak",
        OrderStatus.Refunded => "dana dikembalikan",
        _ => status.ToString(),
    };

    public static string Gateway(string gateway) => gateway switch
    {
        MidtransGateway.GatewayName => "Midtrans",
        Checkout.Transfer => "Transfer bank",
        Checkout.Free => "Gratis",
        _ => gateway,
    };
}
