using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Warta.Web.Accounts.Readers;
using Warta.Web.Shared;

namespace Warta.Web.Commerce;

/// <summary><c>Warta:Payments:Midtrans:*</c>. The keys live in configuration (environment, secrets), never in the repository.</summary>
public sealed class MidtransOptions
{
    public string ServerKey { get; set; } = "";
    public string? ClientKey { get; set; }
    /// <summary>Where Snap creates transactions and shows its payment page (production: https://app.midtrans.com).</summary>
    public string SnapBaseUrl { get; set; } = "https://app.sandbox.midtrans.com";
    /// <summary>The Core API: transaction status and refunds (production: https://api.midtrans.com).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.sandbox.midtrans.com";
    public int TimeoutSeconds { get; set; } = 20;
}

/// <summary>The gateway could not do what was asked; <see cref="Exception.Message"/> is said to the reader or the admin.</summary>
public sealed class PaymentGatewayException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A transaction as Midtrans' status API reports it: the only account of a payment Warta acts on.</summary>
public sealed record MidtransStatus(string OrderId, string StatusCode, string? TransactionStatus, string? GrossAmount, string? FraudStatus, string? PaymentType)
{
    /// <summary>The gross amount in whole rupiah, when Midtrans sent one Warta can read ("49000.00").</summary>
    public long? AmountRupiah =>
        decimal.TryParse(GrossAmount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount == decimal.Truncate(amount)
            ? (long)amount : null;

    /// <summary>
    /// Where the order should go: capture (with fraud status accept) or settlement is paid; a challenged capture and
    /// pending wait (null); deny, cancel and expire close it; a refund, whole or partial, takes it back.
    /// </summary>
    public OrderStatus? Target => TransactionStatus switch
    {
        "settlement" => OrderStatus.Paid,
        "capture" => FraudStatus switch { "accept" => OrderStatus.Paid, "deny" => OrderStatus.Denied, _ => null },
        "deny" => OrderStatus.Denied,
        "cancel" => OrderStatus.Cancelled,
        "expire" => OrderStatus.Expired,
        "refund" or "partial_refund" => OrderStatus.Refunded,
        _ => null,
    };
}

/// <summary>
/// Midtrans Snap as its documentation describes it: a transaction is created with the server key (Basic auth) and the
/// reader is sent to its redirect_url; payments are learned from signed HTTP notifications, each confirmed with the
/// status API (<see cref="StatusAsync"/>); refunds go through the Core API.
/// </summary>
public sealed class MidtransGateway(IHttpClientFactory clients, MidtransOptions options, SiteOptions site, TimeProvider clock, ILogger<MidtransGateway> log) : IPaymentGateway
{
    public const string GatewayName = "midtrans";
    public const string HttpClientName = "midtrans";

    public string Name => GatewayName;

    const string Unreachable = "Midtrans tidak dapat dihubungi saat ini. Pesanan Anda tersimpan; coba bayar lagi sebentar lagi.";

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<GatewayPayment> StartAsync(Order order, string gatewayOrderId, ReaderUser reader, CancellationToken ct)
    {
        // A retry starts later than the order: the page still closes when the order expires.
        var now = clock.GetUtcNow();
        var minutes = Math.Max(1, (int)Math.Ceiling((order.ExpiresAt - now).TotalMinutes));
        var body = new
        {
            TransactionDetails = new { OrderId = gatewayOrderId, GrossAmount = order.AmountRupiah },
            // Midtrans requires the items to add up to the gross amount and cuts names at 50 characters.
            ItemDetails = new[] { new { Id = Cut(order.Kind + ":" + order.Reference, 50), Price = order.AmountRupiah, Quantity = 1, Name = Cut(order.Description, 50) } },
            CustomerDetails = new { FirstName = Cut(string.IsNullOrWhiteSpace(reader.DisplayName) ? reader.Email ?? "" : reader.DisplayName, 50), reader.Email },
            Callbacks = new { Finish = site.Absolute(CommerceRoutes.Order(order.Number)) },
            // The payment page closes when Warta's order expires, so neither side takes money for an order the other gave up.
            Expiry = new { StartTime = Indonesian.ToWib(now).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0700", Unit = "minute", Duration = minutes },
        };
        using var request = Request(HttpMethod.Post, options.SnapBaseUrl, "snap/v1/transactions", JsonContent.Create(body, options: Json));
        var (status, json) = await SendAsync(request, "membuat transaksi", ct);
        var token = json?["token"]?.GetValue<string>();
        var url = json?["redirect_url"]?.GetValue<string>();
        if (status >= 500) throw new PaymentGatewayException(Unreachable);
        if (status is < 200 or > 299 || string.IsNullOrEmpty(token) || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            log.LogWarning("Midtrans refused the transaction {GatewayOrderId} for order {Number}: {Status} {Body}", gatewayOrderId, order.Number, status, json?.ToJsonString());
            throw new PaymentGatewayException("Midtrans menolak membuat pembayaran untuk pesanan ini. Pesanan Anda tersimpan; coba bayar lagi sebentar lagi.");
        }
        return new GatewayPayment(token, url!);
    }

    /// <summary>The transaction as Midtrans knows it now, or null when Midtrans has no transaction with that order id.</summary>
    public async Task<MidtransStatus?> StatusAsync(string orderNumber, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, options.ApiBaseUrl, $"v2/{Uri.EscapeDataString(orderNumber)}/status", content: null);
        var (status, json) = await SendAsync(request, "memeriksa status", ct);
        var statusCode = Text(json, "status_code");
        if (status == 404 || statusCode == "404") return null;
        if (status is < 200 or > 299 || json is null || statusCode is null)
            throw new PaymentGatewayException(status >= 500 ? Unreachable : "Midtrans tidak memberi status transaksi.");
        return new MidtransStatus(Text(json, "order_id") ?? "", statusCode, Text(json, "transaction_status"), Text(json, "gross_amount"),
            Text(json, "fraud_status"), Text(json, "payment_type"));
    }

    /// <summary>
    /// Refunds the whole amount of the transaction that paid the order; one refund key per order, so a repeated request
    /// cannot refund twice.
    /// </summary>
    public async Task RefundAsync(Order order, string reason, CancellationToken ct)
    {
        var paidBy = order.GatewayOrderId ?? order.Number;
        var body = new { RefundKey = paidBy + "-refund", Amount = order.AmountRupiah, Reason = Cut(reason, 250) };
        using var request = Request(HttpMethod.Post, options.ApiBaseUrl, $"v2/{Uri.EscapeDataString(paidBy)}/refund", JsonContent.Create(body, options: Json));
        var (status, json) = await SendAsync(request, "mengembalikan dana", ct);
        if (status is < 200 or > 299 || Text(json, "status_code") is not ("200" or "201"))
        {
            log.LogWarning("Midtrans refused the refund of order {Number}: {Status} {Body}", order.Number, status, json?.ToJsonString());
            throw new PaymentGatewayException($"Midtrans menolak pengembalian dana: {Text(json, "status_message") ?? "tanpa keterangan"}.");
        }
    }

    /// <summary>SHA512(order_id + status_code + gross_amount + server key), in lower-case hex, as Midtrans signs a notification.</summary>
    public static string Signature(string orderId, string statusCode, string grossAmount, string serverKey) =>
        Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(orderId + statusCode + grossAmount + serverKey)));

    /// <summary>Whether <paramref name="signatureKey"/> is the notification's signature, compared in constant time.</summary>
    public bool IsSigned(string orderId, string statusCode, string grossAmount, string? signatureKey) =>
        signatureKey is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Signature(orderId, statusCode, grossAmount, options.ServerKey)), Encoding.ASCII.GetBytes(signatureKey.ToLowerInvariant()));

    HttpRequestMessage Request(HttpMethod method, string baseUrl, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(baseUrl.TrimEnd('/') + "/"), path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ServerKey + ":")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    async Task<(int Status, JsonNode? Json)> SendAsync(HttpRequestMessage request, string doing, CancellationToken ct)
    {
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonNode? json = null;
            try { json = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text); }
            catch (JsonException) { }
            return ((int)response.StatusCode, json);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Midtrans did not answer while {Doing} ({Url})", doing, request.RequestUri);
            throw new PaymentGatewayException(Unreachable, e);
        }
    }

    static string? Text(JsonNode? json, string name) => json?[name] is JsonValue v
        ? v.TryGetValue<string>(out var s) ? s : v.ToJsonString()
        : null;

    static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
