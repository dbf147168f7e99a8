using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Warta.Fakes;

/// <summary>
/// Midtrans on a loopback port, speaking the parts of its protocol Warta uses: Snap's create-transaction endpoint (Basic
/// auth with the server key), the status and refund endpoints of the Core API, and a payment page of plain HTML forms
/// ("Bayar", "Batal") that settles or cancels, sends the signed HTTP notification and sends the reader to the finish
/// URL. Tests also send notifications of their own through it: late, replayed, out of order, forged.
/// </summary>
public sealed class FakeMidtrans : IAsyncDisposable
{
    public const string DefaultServerKey = "SB-Mid-server-fake-key-for-tests";
    public const string MerchantId = "G000000000";
    const string NotificationPath = "/api/payments/midtrans/notification";

    readonly WebApplication _app;
    readonly Dictionary<string, FakeTransaction> _byOrder = new(StringComparer.Ordinal);
    readonly Lock _lock = new();
    readonly List<SentNotification> _sent = [];
    readonly List<JsonNode> _createRequests = [];
    readonly List<JsonNode> _refundRequests = [];
    HttpClient? _notifier;
    Uri? _notificationUrl;

    FakeMidtrans(WebApplication app, string serverKey)
    {
        _app = app;
        ServerKey = serverKey;
    }

    public Uri BaseAddress { get; private set; } = null!;
    public string ServerKey { get; }

    /// <summary>While true, Snap and the Core API answer 503, as during an outage.</summary>
    public bool Unavailable { get; set; }

    int _repliesToDrop;

    /// <summary>
    /// The next create-transaction request is carried out (the transaction exists, its order id is taken) but its reply
    /// never arrives: the connection is cut, as in a timeout or a dropped connection on the way back.
    /// </summary>
    public void DropNextCreateReply()
    {
        lock (_lock) _repliesToDrop++;
    }

    /// <summary>The configuration that points Warta at this fake.</summary>
    public Dictionary<string, string?> WartaSettings => new()
    {
        ["Warta:Payments:Midtrans:ServerKey"] = ServerKey,
        ["Warta:Payments:Midtrans:ClientKey"] = "SB-Mid-client-fake",
        ["Warta:Payments:Midtrans:SnapBaseUrl"] = BaseAddress.ToString().TrimEnd('/'),
        ["Warta:Payments:Midtrans:ApiBaseUrl"] = BaseAddress.ToString().TrimEnd('/'),
    };

    public IReadOnlyList<SentNotification> Sent { get { lock (_lock) return [.. _sent]; } }
    public IReadOnlyList<JsonNode> CreateRequests { get { lock (_lock) return [.. _createRequests]; } }
    public IReadOnlyList<JsonNode> RefundRequests { get { lock (_lock) return [.. _refundRequests]; } }

    public static async Task<FakeMidtrans> StartAsync(string serverKey = DefaultServerKey, IPAddress? address = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(address ?? IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeMidtrans(app, serverKey);
        fake.Map(app);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseAddress = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return fake;
    }

    /// <summary>
    /// Where notifications go: <paramref name="warta"/> (a test server's client, or one with a real base address) posts
    /// them to <paramref name="notificationUrl"/>, by default Warta's notification path.
    /// </summary>
    public void NotifyThrough(HttpClient warta, Uri? notificationUrl = null)
    {
        _notifier = warta;
        _notificationUrl = notificationUrl ?? new Uri(NotificationPath, UriKind.Relative);
    }

    public FakeTransaction? Transaction(string orderId)
    {
        lock (_lock) return _byOrder.TryGetValue(orderId, out var t) ? t with { } : null;
    }

    /// <summary>Changes what the status API reports for the order, as Midtrans' own records would change.</summary>
    /// <summary>
    /// Changes what the status API reports for the order, as Midtrans' own records would change; <paramref name="grossAmount"/>
    /// makes the transaction one for another amount than Warta asked.
    /// </summary>
    public void SetStatus(string orderId, string transactionStatus, string? fraudStatus = null, string paymentType = "bank_transfer", long? grossAmount = null)
    {
        lock (_lock)
        {
            var t = _byOrder[orderId];
            _byOrder[orderId] = t with
            {
                Status = transactionStatus, FraudStatus = fraudStatus ?? (transactionStatus == "capture" ? "accept" : null), PaymentType = paymentType,
                GrossAmount = grossAmount ?? t.GrossAmount,
            };
        }
    }

    /// <summary>A signed notification of the transaction as it stands now.</summary>
    public Task<HttpResponseMessage> SendNotificationAsync(string orderId)
    {
        var t = Transaction(orderId) ?? throw new InvalidOperationException($"No transaction {orderId}.");
        return PostNotificationAsync(NotificationBody(orderId, t.Status ?? "pending", Amount(t.GrossAmount), t.PaymentType));
    }

    /// <summary>A correctly signed notification claiming <paramref name="transactionStatus"/>, whatever the status API says (a late or out-of-order one).</summary>
    public Task<HttpResponseMessage> SendNotificationAsync(string orderId, string transactionStatus, string? grossAmount = null)
    {
        var t = Transaction(orderId);
        return PostNotificationAsync(NotificationBody(orderId, transactionStatus, grossAmount ?? Amount(t?.GrossAmount ?? 0), t?.PaymentType));
    }

    /// <summary>A notification signed with a key that is not the server key: what someone without the key can send.</summary>
    public Task<HttpResponseMessage> SendForgedAsync(string orderId, string transactionStatus, string grossAmount) =>
        PostNotificationAsync(NotificationBody(orderId, transactionStatus, grossAmount, "bank_transfer", signingKey: "not-the-server-key"));

    /// <summary>Sends a notification again, byte for byte.</summary>
    public Task<HttpResponseMessage> ReplayAsync(SentNotification notification) => PostNotificationAsync(notification.Body);

    public string NotificationBody(string orderId, string transactionStatus, string grossAmount, string? paymentType = null, string? signingKey = null)
    {
        var statusCode = StatusCodeOf(transactionStatus);
        var body = new JsonObject
        {
            ["transaction_time"] = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["transaction_status"] = transactionStatus,
            ["transaction_id"] = Transaction(orderId)?.TransactionId ?? Guid.NewGuid().ToString(),
            ["status_message"] = "midtrans payment notification",
            ["status_code"] = statusCode,
            ["signature_key"] = Signature(orderId, statusCode, grossAmount, signingKey ?? ServerKey),
            ["payment_type"] = paymentType ?? "bank_transfer",
            ["order_id"] = orderId,
            ["merchant_id"] = MerchantId,
            ["gross_amount"] = grossAmount,
            ["fraud_status"] = "accept",
            ["currency"] = "IDR",
        };
        return body.ToJsonString();
    }

    public async Task<HttpResponseMessage> PostNotificationAsync(string body)
    {
        var notifier = _notifier ?? throw new InvalidOperationException("Call NotifyThrough first: the fake does not know where Warta is.");
        var response = await notifier.PostAsync(_notificationUrl, new StringContent(body, Encoding.UTF8, "application/json"));
        lock (_lock) _sent.Add(new SentNotification(body, response.StatusCode));
        return response;
    }

    public static string Signature(string orderId, string statusCode, string grossAmount, string serverKey) =>
        Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(orderId + statusCode + grossAmount + serverKey)));

    /// <summary>Midtrans writes amounts with two decimals: 49000.00.</summary>
    public static string Amount(long rupiah) => rupiah.ToString(CultureInfo.InvariantCulture) + ".00";

    static string StatusCodeOf(string transactionStatus) => transactionStatus switch
    {
        "pending" => "201",
        "deny" => "202",
        "expire" => "407",
        _ => "200",
    };

    public string PaymentPagePath(string token) => "/snap/v4/redirection/" + token;

    void Map(WebApplication app)
    {
        app.MapPost("/snap/v1/transactions", async (HttpContext http) =>
        {
            var request = http.Request;
            if (Refusal(request) is { } refused) return refused;
            var body = await JsonNode.ParseAsync(request.Body);
            var orderId = body?["transaction_details"]?["order_id"]?.GetValue<string>();
            var gross = body?["transaction_details"]?["gross_amount"]?.GetValue<long>() ?? 0;
            var items = body?["item_details"]?.AsArray().Sum(i => (i?["price"]?.GetValue<long>() ?? 0) * (i?["quantity"]?.GetValue<long>() ?? 0));
            if (string.IsNullOrEmpty(orderId) || gross < 1) return Error(400, "transaction_details.order_id and transaction_details.gross_amount are required");
            if (items is { } sum && sum != gross) return Error(400, "transaction_details.gross_amount is not equal to the sum of item_details");
            var token = Guid.NewGuid().ToString();
            bool drop;
            lock (_lock)
            {
                // Midtrans: 406, "Duplicate order ID. order_id has already been utilized previously" — an order id is
                // never taken twice, whether or not its first transaction was paid, or its reply ever arrived.
                if (_byOrder.ContainsKey(orderId))
                    return Results.Json(new { status_code = "406", error_messages = new[] { "transaction_details.order_id has already been utilized previously" } }, statusCode: 406);
                _createRequests.Add(body!);
                _byOrder[orderId] = new FakeTransaction(orderId, token, gross, body?["callbacks"]?["finish"]?.GetValue<string>(), null, null, null, Guid.NewGuid().ToString());
                drop = _repliesToDrop > 0;
                if (drop) _repliesToDrop--;
            }
            if (drop)
            {
                http.Abort();
                return Results.Empty;
            }
            return Results.Json(new { token, redirect_url = new Uri(BaseAddress, PaymentPagePath(token).TrimStart('/')).ToString() }, statusCode: 201);
        });

        app.MapGet("/v2/{orderId}/status", (string orderId, HttpRequest request) =>
        {
            if (Refusal(request) is { } refused) return refused;
            var t = Transaction(orderId);
            // Before the reader picks a way to pay, Midtrans has no transaction to report.
            if (t?.Status is null) return Results.Json(new { status_code = "404", status_message = "Transaction doesn't exist." }, statusCode: 404);
            return Results.Json(new
            {
                status_code = StatusCodeOf(t.Status), status_message = "Success, transaction is found", transaction_id = t.TransactionId,
                order_id = t.OrderId, gross_amount = Amount(t.GrossAmount), currency = "IDR", payment_type = t.PaymentType,
                transaction_time = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                transaction_status = t.Status, fraud_status = t.FraudStatus, merchant_id = MerchantId,
                signature_key = Signature(t.OrderId, StatusCodeOf(t.Status), Amount(t.GrossAmount), ServerKey),
            });
        });

        app.MapPost("/v2/{orderId}/refund", async (string orderId, HttpRequest request) =>
        {
            if (Refusal(request) is { } refused) return refused;
            var body = await JsonNode.ParseAsync(request.Body);
            var amount = body?["amount"]?.GetValue<long>();
            lock (_lock)
            {
                if (!_byOrder.TryGetValue(orderId, out var t) || t.Status is not ("settlement" or "capture"))
                    return Results.Json(new { status_code = "412", status_message = "Merchant cannot modify the status of the transaction" });
                var refunded = amount is { } a && a < t.GrossAmount ? "partial_refund" : "refund";
                _byOrder[orderId] = t with { Status = refunded };
                _refundRequests.Add(body!);
                return Results.Json(new
                {
                    status_code = "200", status_message = "Success, refund request is approved", transaction_id = t.TransactionId, order_id = orderId,
                    gross_amount = Amount(t.GrossAmount), transaction_status = refunded, refund_amount = Amount(amount ?? t.GrossAmount),
                    refund_key = body?["refund_key"]?.GetValue<string>(),
                });
            }
        });

        app.MapGet("/snap/v4/redirection/{token}", (string token) =>
        {
            if (ByToken(token) is not { } t) return Results.NotFound();
            var html = HtmlEncoder.Default;
            return Results.Content($"""
                <!DOCTYPE html>
                <html lang="id"><head><meta charset="utf-8"><title>Midtrans (uji)</title></head>
                <body>
                <h1>Pembayaran</h1>
                <p>Pesanan <span id="order-id">{html.Encode(t.OrderId)}</span></p>
                <p>Jumlah <span id="gross-amount">{t.GrossAmount}</span></p>
                <form method="post" action="{PaymentPagePath(token)}/bayar"><button type="submit" id="pay">Bayar</button></form>
                <form method="post" action="{PaymentPagePath(token)}/batal"><button type="submit" id="cancel">Batal</button></form>
                </body></html>
                """, "text/html; charset=utf-8");
        });
        app.MapPost("/snap/v4/redirection/{token}/bayar", (string token) => FinishAsync(token, "settlement"));
        app.MapPost("/snap/v4/redirection/{token}/batal", (string token) => FinishAsync(token, "cancel"));
    }

    async Task<IResult> FinishAsync(string token, string status)
    {
        if (ByToken(token) is not { } t) return Results.NotFound();
        SetStatus(t.OrderId, status);
        // As Midtrans does, the notification goes out on its own; the reader is sent on whatever Warta answered.
        if (_notifier is not null) await SendNotificationAsync(t.OrderId);
        var finish = t.FinishUrl ?? "/";
        var separator = finish.Contains('?') ? '&' : '?';
        return Results.Redirect($"{finish}{separator}order_id={Uri.EscapeDataString(t.OrderId)}&status_code={StatusCodeOf(status)}&transaction_status={status}");
    }

    FakeTransaction? ByToken(string token)
    {
        lock (_lock) return _byOrder.Values.FirstOrDefault(t => t.Token == token);
    }

    IResult? Refusal(HttpRequest request)
    {
        if (Unavailable) return Error(503, "Service is temporarily unavailable");
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ServerKey + ":"));
        return AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var given) && given.ToString() == expected
            ? null
            : Error(401, "Access denied due to unauthorized transaction, please check client or server key");
    }

    static IResult Error(int status, string message) => Results.Json(new { error_messages = new[] { message } }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A transaction the fake holds: <see cref="Status"/> is null until the reader pays or cancels on its page.</summary>
public sealed record FakeTransaction(string OrderId, string Token, long GrossAmount, string? FinishUrl, string? Status, string? FraudStatus, string? PaymentType, string TransactionId);

/// <summary>A notification the fake sent, as sent, and what Warta answered.</summary>
public sealed record SentNotification(string Body, HttpStatusCode Answer);
