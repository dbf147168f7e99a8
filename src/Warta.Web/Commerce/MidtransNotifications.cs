using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;

namespace Warta.Web.Commerce;

/// <summary>
/// Receives Midtrans' HTTP notifications. A notification only says "look again": its signature is checked, then the
/// transaction is read from the status API and that answer moves the order through <see cref="OrderBook"/>. So a forged
/// body changes nothing, a replayed, late or out-of-order one finds the order already where the status API puts it,
/// and two nodes receiving the same notification activate the order once. Every notification is kept with its outcome.
/// </summary>
public sealed class MidtransNotifications(MidtransGateway gateway, OrderBook orders, WartaDb db, TimeProvider clock, ILogger<MidtransNotifications> log)
{
    public const string Path = "/api/payments/midtrans/notification";
    public const string RateLimit = "payment-notifications";
    const int MaxBodyChars = 20_000;

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken ct)
    {
        // Read no more than a notification can be: a larger body is refused without holding it all.
        var buffer = new char[MaxBodyChars + 1];
        var read = await new StreamReader(request.Body).ReadBlockAsync(buffer, ct);
        var body = new string(buffer, 0, read);
        if (read > MaxBodyChars) return await AnswerAsync("?", null, false, "rejected: body too large", body[..MaxBodyChars], StatusCodes.Status413PayloadTooLarge, ct);
        Fields? fields;
        try { fields = Fields.Read(body); }
        catch (JsonException) { fields = null; }
        if (fields is null) return await AnswerAsync("?", null, false, "rejected: not a transaction notification", body, StatusCodes.Status400BadRequest, ct);

        var (orderId, statusCode, grossAmount, signature, claimed) = fields;
        if (!gateway.IsSigned(orderId, statusCode, grossAmount, signature))
            return await AnswerAsync(orderId, claimed, false, "rejected: signature", body, StatusCodes.Status403Forbidden, ct);
        // A retried checkout gives Midtrans one order id per attempt (GatewayOrderIds): each maps back to its order.
        if (await orders.ByGatewayOrderIdAsync(orderId, ct) is not var (order, attempt))
            return await AnswerAsync(orderId, claimed, true, "rejected: unknown order", body, StatusCodes.Status404NotFound, ct);

        MidtransStatus? status;
        try { status = await gateway.StatusAsync(orderId, ct); }
        catch (PaymentGatewayException e)
        {
            // Midtrans retries a notification that was not answered with 2xx: the payment is learned on a later try.
            log.LogWarning(e, "Midtrans notification for {Order} could not be confirmed", orderId);
            return await AnswerAsync(orderId, claimed, true, "error: status API unreachable", body, StatusCodes.Status503ServiceUnavailable, ct);
        }
        if (status is null || status.OrderId != orderId)
            return await AnswerAsync(orderId, claimed, true, "rejected: status API knows no such transaction", body, StatusCodes.Status404NotFound, ct);
        if (status.AmountRupiah != order.AmountRupiah)
            return await AnswerAsync(orderId, claimed, true, $"rejected: amount {status.GrossAmount} is not the order's {order.AmountRupiah}", body, StatusCodes.Status422UnprocessableEntity, ct);
        if (status.Target is not { } target)
            return await AnswerAsync(orderId, claimed, true, $"waiting: {status.TransactionStatus}", body, StatusCodes.Status200OK, ct);
        // An attempt the reader left for a newer one does not close the order they may be paying now, and only the
        // transaction that paid the order can take the payment back.
        if (target is OrderStatus.Expired or OrderStatus.Cancelled or OrderStatus.Denied && attempt < order.GatewayAttempts)
            return await AnswerAsync(orderId, claimed, true, $"stale: {status.TransactionStatus} of an earlier attempt", body, StatusCodes.Status200OK, ct);
        if (target == OrderStatus.Refunded && order.GatewayOrderId is { } paidBy && paidBy != orderId)
            return await AnswerAsync(orderId, claimed, true, $"stale: {status.TransactionStatus} of a transaction that did not pay the order", body, StatusCodes.Status200OK, ct);

        var moved = await orders.MoveAsync(order.Number, target, status.PaymentType,
            (_, o) => { if (target == OrderStatus.Paid) o.GatewayOrderId = orderId; }, ct);
        var outcome = moved switch
        {
            MoveOutcome.Applied => $"applied: {status.TransactionStatus}",
            MoveOutcome.AlreadyThere => $"duplicate: {status.TransactionStatus}",
            MoveOutcome.Refused => $"stale: {status.TransactionStatus}",
            _ => "rejected: unknown order",
        };
        if (moved == MoveOutcome.AlreadyThere && target == OrderStatus.Paid && await PaidByAsync(order.Number, ct) is { } paid && paid != orderId)
            outcome = PaidTwice(order.Number, orderId, paid, status.TransactionStatus);
        return await AnswerAsync(orderId, claimed, true, outcome, body, moved == MoveOutcome.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status200OK, ct);
    }

    Task<string?> PaidByAsync(string number, CancellationToken ct) =>
        db.Orders.Where(o => o.Number == number).Select(o => o.GatewayOrderId).SingleOrDefaultAsync(ct);

    /// <summary>Two attempts of one order were both paid: the order stays activated once; the second payment is money to give back.</summary>
    string PaidTwice(string number, string orderId, string paidBy, string? transactionStatus)
    {
        log.LogWarning("Order {Number} was paid again through {GatewayOrderId} after {PaidBy} had paid it; refund the second payment in Midtrans", number, orderId, paidBy);
        return $"paid twice: {transactionStatus} of {orderId} after {paidBy}; refund it in Midtrans";
    }

    async Task<IResult> AnswerAsync(string orderId, string? claimed, bool signed, string outcome, string body, int status, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.PaymentNotices.Add(new PaymentNotice
        {
            OrderNumber = Cut(orderId, 100), TransactionStatus = claimed is null ? null : Cut(claimed, 40), SignatureValid = signed,
            Outcome = Cut(outcome, 200), Body = body, ReceivedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        if (status >= 400) log.LogWarning("Midtrans notification for {Order} {Outcome}", orderId, outcome);
        return Results.Json(new { outcome }, statusCode: status);
    }

    static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    /// <summary>The signed fields of a transaction notification, as sent (gross_amount stays "49000.00"), and the status it claims.</summary>
    sealed record Fields(string OrderId, string StatusCode, string GrossAmount, string? Signature, string? Claimed)
    {
        public static Fields? Read(string body)
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            var root = document.RootElement;
            string? Field(string name) => root.TryGetProperty(name, out var v)
                ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null }
                : null;
            return Field("order_id") is { Length: > 0 } orderId && Field("status_code") is { } statusCode && Field("gross_amount") is { } gross
                ? new Fields(orderId, statusCode, gross, Field("signature_key"), Field("transaction_status"))
                : null;
        }
    }
}
