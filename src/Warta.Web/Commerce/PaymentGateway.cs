using Warta.Web.Accounts.Readers;

namespace Warta.Web.Commerce;

/// <summary>A payment gateway Warta sends readers to (Midtrans Snap). Extension point: register one with <c>AddSingleton&lt;IPaymentGateway, ...&gt;</c>.</summary>
public interface IPaymentGateway
{
    /// <summary>The name stored on the order (midtrans).</summary>
    string Name { get; }

    /// <summary>Creates the gateway's transaction for the order; the reader is sent to the returned page to pay.</summary>
    Task<GatewayPayment> StartAsync(Order order, ReaderUser reader, CancellationToken ct);
}

public sealed record GatewayPayment(string Token, string PaymentUrl);

/// <summary>Where Commerce's own reader pages live.</summary>
public static class CommerceRoutes
{
    /// <summary>The reader's page for one order: its status, how to pay a bank transfer, the invoice once paid.</summary>
    public static string Order(string number) => "/akun/pesanan/" + Uri.EscapeDataString(number);
}

/// <summary>
/// Opens the order and starts its payment: nothing due activates at once; with a gateway configured the reader goes to
/// its payment page; without one the order waits for a bank transfer an admin marks paid.
/// </summary>
public sealed class Checkout(OrderBook orders, IEnumerable<IPaymentGateway> gateways) : ICheckout
{
    public const string Free = "free";
    public const string Transfer = "transfer";

    public async Task<CheckoutStart> StartAsync(ReaderUser reader, OrderDraft draft, CancellationToken ct = default)
    {
        var gateway = gateways.FirstOrDefault();
        var order = await orders.OpenAsync(reader.Id, draft, draft.AmountRupiah == 0 ? Free : gateway?.Name ?? Transfer, ct);
        if (draft.AmountRupiah == 0)
        {
            await orders.MoveAsync(order.Number, OrderStatus.Paid, Free, ct);
            return new CheckoutStart(order.Number, CommerceRoutes.Order(order.Number));
        }
        if (gateway is null) return new CheckoutStart(order.Number, CommerceRoutes.Order(order.Number));
        var payment = await gateway.StartAsync(order, reader, ct);
        await orders.RecordPaymentPageAsync(order, payment, ct);
        return new CheckoutStart(order.Number, payment.PaymentUrl);
    }
}
