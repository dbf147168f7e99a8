using Warta.Web.Accounts.Readers;
using Warta.Web.Data;

namespace Warta.Web.Commerce;

/// <summary>What a feature asks the reader to pay for. <paramref name="Kind"/> must be the <see cref="IOrderFulfiller.Kind"/> of a registered fulfiller.</summary>
public sealed record OrderDraft(string Kind, string Reference, string Description, long AmountRupiah, long DiscountRupiah = 0, string? VoucherCode = null);

/// <summary>Where to send the reader next: the gateway's payment page, or Warta's own order page when nothing is due.</summary>
public sealed record CheckoutStart(string OrderNumber, string RedirectUrl);

/// <summary>
/// Opens an order and starts its payment. An order of 0 rupiah is activated at once (free course, a 100% voucher).
/// </summary>
public interface ICheckout
{
    Task<CheckoutStart> StartAsync(ReaderUser reader, OrderDraft draft, CancellationToken ct = default);
}

/// <summary>
/// The feature behind an order kind: Members grants the plan's period, Academy confirms the seat. Both methods run in
/// the transaction that moves the order, on the same <see cref="WartaDb"/>, so an order activates exactly once and
/// a refund or expiry releases exactly once. Extension point: register with <c>AddScoped&lt;IOrderFulfiller, ...&gt;</c>.
/// </summary>
public interface IOrderFulfiller
{
    string Kind { get; }

    /// <summary>The order was paid: give what was bought.</summary>
    Task ActivateAsync(WartaDb db, Order order, CancellationToken ct);

    /// <summary>The order expired, was cancelled or denied before activation, or was refunded after: take back or free what it held.</summary>
    Task ReleaseAsync(WartaDb db, Order order, CancellationToken ct);
}

/// <summary>The order kinds the features fulfil.</summary>
public static class OrderKinds
{
    public const string Subscription = "subscription";
    public const string Course = "course";
}
