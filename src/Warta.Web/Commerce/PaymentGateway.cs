using System.Globalization;
using Warta.Web.Accounts.Readers;

namespace Warta.Web.Commerce;

/// <summary>A payment gateway Warta sends readers to (Midtrans Snap). Extension point: register one with <c>AddSingleton&lt;IPaymentGateway, ...&gt;</c>.</summary>
public interface IPaymentGateway
{
    /// <summary>The name stored on the order (midtrans).</summary>
    string Name { get; }

    /// <summary>
    /// Creates the gateway's transaction for the order under <paramref name="gatewayOrderId"/> (a new one for each attempt,
    /// <see cref="OrderBook.NextGatewayOrderIdAsync"/>); the reader is sent to the returned page to pay.
    /// </summary>
    Task<GatewayPayment> StartAsync(Order order, string gatewayOrderId, ReaderUser reader, CancellationToken ct);
}

public sealed record GatewayPayment(string Token, string PaymentUrl);

/// <summary>
/// The order id a gateway knows an attempt to pay by: the order's number for the first, then number-2, number-3…
/// Midtrans refuses an order id it already holds (406, "order_id has already been utilized"), and when its reply to a
/// create request is lost Warta cannot tell whether it holds one; its documentation's remedy is a suffix per attempt.
/// </summary>
public static class GatewayOrderIds
{
    public static string Of(string number, int attempt) => attempt <= 1 ? number : $"{number}-{attempt.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The order number and attempt (2 or more) a retry's id would name, or null when the id cannot be a retry's.</summary>
    public static (string Number, int Attempt)? Retry(string gatewayOrderId)
    {
        var dash = gatewayOrderId.LastIndexOf('-');
        return dash > 0 && int.TryParse(gatewayOrderId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) && attempt >= 2
            && gatewayOrderId[(dash + 1)..] == attempt.ToString(CultureInfo.InvariantCulture)
            ? (gatewayOrderId[..dash], attempt)
            : null;
    }
}

/// <summary>Where Commerce's own pages live.</summary>
public static class CommerceRoutes
{
    /// <summary>Where a reader chooses a plan (the Members feature's page); the paywall's subscribe box links here.</summary>
    public const string Subscribe = "/langganan";

    /// <summary>The reader's orders, newest first.</summary>
    public const string Orders = "/akun/pesanan";
    public const string OrderPage = Orders + "/{number}";
    /// <summary>An invoice by its number, slashes and all (INV/2026/000042).</summary>
    public const string InvoicePage = "/akun/tagihan/{**number}";
    public const string AdminOrders = "/redaksi/admin/pesanan";

    /// <summary>The reader's page for one order: its status, how to pay a bank transfer, the invoice once paid.</summary>
    public static string Order(string number) => Orders + "/" + Uri.EscapeDataString(number);

    public static string Invoice(string number) => "/akun/tagihan/" + string.Join('/', number.Split('/').Select(Uri.EscapeDataString));

    public static string AdminOrder(string number) => AdminOrders + "/" + Uri.EscapeDataString(number);
}

/// <summary><c>Warta:Payments:Transfer:*</c>: the account a reader pays a bank transfer into, shown on a pending transfer order.</summary>
public sealed class TransferOptions
{
    public string? Bank { get; set; }
    public string? AccountNumber { get; set; }
    public string? AccountName { get; set; }
    /// <summary>Anything else the reader should know (where to send the proof of payment).</summary>
    public string? Note { get; set; }
}

/// <summary>
/// Opens the order and starts its payment: nothing due activates at once; with a gateway configured the reader goes to
/// its payment page; without one the order waits for a bank transfer an admin marks paid.
/// </summary>
public sealed class Checkout(OrderBook orders, IEnumerable<IPaymentGateway> gateways, ILogger<Checkout> log) : ICheckout
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
        try
        {
            var payment = await StartAttemptAsync(gateway, order, reader, ct);
            return new CheckoutStart(order.Number, payment.PaymentUrl);
        }
        catch (PaymentGatewayException e)
        {
            // The order stays pending: its page says what happened and offers to try the gateway again.
            log.LogWarning(e, "Order {Number} is open but its payment page could not be made", order.Number);
            return new CheckoutStart(order.Number, CommerceRoutes.Order(order.Number));
        }
    }

    /// <summary>
    /// For a pending order whose payment page was never made (the gateway failed at checkout, or its reply was lost on
    /// the way back): tries the gateway again, as a new attempt with its own gateway order id, since the gateway may hold
    /// the lost one. Throws <see cref="PaymentGatewayException"/> with a message for the reader when it fails again.
    /// </summary>
    public async Task<string> ResumeAsync(Order order, ReaderUser reader, CancellationToken ct = default)
    {
        if (order.PaymentUrl is { } existing) return existing;
        var gateway = gateways.FirstOrDefault(g => g.Name == order.Gateway)
            ?? throw new PaymentGatewayException("Pembayaran daring sedang tidak tersedia. Hubungi kami untuk membayar dengan transfer bank.");
        return (await StartAttemptAsync(gateway, order, reader, ct)).PaymentUrl;
    }

    async Task<GatewayPayment> StartAttemptAsync(IPaymentGateway gateway, Order order, ReaderUser reader, CancellationToken ct)
    {
        var payment = await gateway.StartAsync(order, await orders.NextGatewayOrderIdAsync(order, ct), reader, ct);
        await orders.RecordPaymentPageAsync(order, payment, ct);
        return payment;
    }
}
