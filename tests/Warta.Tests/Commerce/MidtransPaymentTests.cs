using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Warta.Fakes;
using Warta.Tests.Infrastructure;
using Warta.Web.Commerce;

namespace Warta.Tests.Commerce;

public sealed class MidtransSiteFixture : IAsyncLifetime
{
    public MidtransSite Site { get; private set; } = null!;

    public async Task InitializeAsync() => Site = await MidtransSite.StartAsync();

    public async Task DisposeAsync() => await Site.DisposeAsync();
}

/// <summary>Issue 12, item 4: paying through Midtrans Snap, against a local Midtrans that speaks its protocol.</summary>
public class MidtransPaymentTests(MidtransSiteFixture fixture) : IClassFixture<MidtransSiteFixture>
{
    readonly CommerceFactory app = fixture.Site.App;
    readonly FakeMidtrans midtrans = fixture.Site.Midtrans;

    static readonly HttpClient Browser = new(new HttpClientHandler { AllowAutoRedirect = false });

    async Task<(CheckoutStart Start, Warta.Web.Accounts.Readers.ReaderUser Reader)> CheckoutAsync()
    {
        var reader = await app.ReaderAsync();
        return (await app.CheckoutAsync(reader), reader);
    }

    /// <summary>Pays as the reader does: opens the payment page and presses "Bayar"; returns where the reader is sent.</summary>
    async Task<Uri> PayOnTheSnapPageAsync(string paymentUrl)
    {
        var page = await Browser.GetStringAsync(paymentUrl);
        var action = System.Text.RegularExpressions.Regex.Match(page, "action=\"([^\"]+/bayar)\"").Groups[1].Value;
        var paid = await Browser.PostAsync(new Uri(new Uri(paymentUrl), action), null);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        return paid.Headers.Location!;
    }

    [Fact]
    public async Task A_reader_pays_on_the_snap_page_and_the_order_activates_once_with_an_invoice_the_reader_downloads()
    {
        var (start, reader) = await CheckoutAsync();

        var request = midtrans.CreateRequests.Single(r => r["transaction_details"]!["order_id"]!.GetValue<string>() == start.OrderNumber);
        Assert.Equal(49_000, request["transaction_details"]!["gross_amount"]!.GetValue<long>());
        Assert.Equal(reader.Email, request["customer_details"]!["email"]!.GetValue<string>());
        Assert.Equal("http://localhost/akun/pesanan/" + start.OrderNumber, request["callbacks"]!["finish"]!.GetValue<string>());
        Assert.StartsWith(midtrans.BaseAddress + "snap/v4/redirection/", start.RedirectUrl);

        var finish = await PayOnTheSnapPageAsync(start.RedirectUrl);

        Assert.Equal($"http://localhost/akun/pesanan/{start.OrderNumber}?order_id={start.OrderNumber}&status_code=200&transaction_status=settlement", finish.ToString());
        var order = await app.OrderAsync(start.OrderNumber);
        Assert.Equal((OrderStatus.Active, "bank_transfer"), (order.Status, order.PaymentType));
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, order.Number));
        var notice = Assert.Single(await app.NoticesAsync(order.Number));
        Assert.Equal(("applied: settlement", true, "settlement"), (notice.Outcome, notice.SignatureValid, notice.TransactionStatus));

        var browser = await app.SignedInReaderAsync(reader);
        var page = await browser.GetPageAsync(finish.PathAndQuery);
        Assert.Equal("lunas, aktif", page.Text("#order-status"));
        var invoiceLink = page.QuerySelector("#invoice-link")!.GetAttribute("href")!;
        var invoiceNumber = await app.InDbAsync(db => db.Invoices.Where(i => i.OrderId == order.Id).Select(i => i.Number).SingleAsync());
        Assert.Equal(CommerceRoutes.Invoice(invoiceNumber), invoiceLink);
        var invoice = await browser.GetAsync(invoiceLink);
        Assert.Equal(HttpStatusCode.OK, invoice.StatusCode);
        Assert.Equal("attachment", invoice.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(invoiceNumber.Replace('/', '-') + ".html", invoice.Content.Headers.ContentDisposition.FileName);
        var document = await invoice.DocumentAsync();
        Assert.Equal(invoiceNumber, document.Text("#invoice-number"));
        Assert.Equal("Rp 49.000", document.Text("#invoice-total"));
        Assert.Equal("Jumat, 05 Mei 2023 / 10:23 WIB", document.Text("#invoice-date"));
    }

    [Fact]
    public async Task Pages_let_their_forms_lead_to_the_snap_page_so_a_browser_follows_the_redirect_after_bayar()
    {
        using var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync("/langganan");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var formAction = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("form-action ", StringComparison.Ordinal));
        Assert.Equal("form-action 'self' " + midtrans.BaseAddress.ToString().TrimEnd('/'), formAction);
    }

    [Fact]
    public async Task A_reader_who_presses_batal_comes_back_to_a_cancelled_order()
    {
        var (start, _) = await CheckoutAsync();
        var page = await Browser.GetStringAsync(start.RedirectUrl);
        var action = System.Text.RegularExpressions.Regex.Match(page, "action=\"([^\"]+/batal)\"").Groups[1].Value;

        var cancelled = await Browser.PostAsync(new Uri(new Uri(start.RedirectUrl), action), null);

        Assert.Equal($"http://localhost/akun/pesanan/{start.OrderNumber}?order_id={start.OrderNumber}&status_code=200&transaction_status=cancel", cancelled.Headers.Location!.ToString());
        Assert.Equal(OrderStatus.Cancelled, (await app.OrderAsync(start.OrderNumber)).Status);
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Released, start.OrderNumber));
    }

    [Fact]
    public void The_notification_endpoint_is_rate_limited()
    {
        var endpoint = Assert.Single(AppEndpoints.All(app), e => AppEndpoints.Route(e) == MidtransNotifications.Path);

        Assert.Equal(MidtransNotifications.RateLimit, endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName);
    }

    [Fact]
    public async Task The_readers_pay_again_form_needs_its_antiforgery_token()
    {
        var reader = await app.ReaderAsync();
        midtrans.Unavailable = true;
        CheckoutStart start;
        try { start = await app.CheckoutAsync(reader); }
        finally { midtrans.Unavailable = false; }
        var browser = await app.SignedInReaderAsync(reader);

        var refused = await browser.PostAsync(start.RedirectUrl, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null((await app.OrderAsync(start.OrderNumber)).PaymentUrl);
    }

    [Fact]
    public async Task A_reader_back_from_paying_before_the_notification_arrived_is_told_the_payment_is_being_confirmed()
    {
        var (start, reader) = await CheckoutAsync();
        var browser = await app.SignedInReaderAsync(reader);

        var page = await browser.GetPageAsync(CommerceRoutes.Order(start.OrderNumber) + $"?order_id={start.OrderNumber}&status_code=200&transaction_status=settlement");

        Assert.Equal("menunggu pembayaran", page.Text("#order-status"));
        Assert.Equal("Pembayaran Anda sedang dikonfirmasi. Muat ulang halaman ini sebentar lagi.", page.Text("#confirming"));
        Assert.Equal(start.RedirectUrl, page.QuerySelector("#pay-again")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_forged_notification_is_refused_with_403_recorded_and_changes_nothing()
    {
        var (start, _) = await CheckoutAsync();
        midtrans.SetStatus(start.OrderNumber, "settlement");

        var forged = await midtrans.SendForgedAsync(start.OrderNumber, "settlement", "49000.00");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(OrderStatus.Pending, (await app.OrderAsync(start.OrderNumber)).Status);
        var notice = Assert.Single(await app.NoticesAsync(start.OrderNumber));
        Assert.Equal(("rejected: signature", false), (notice.Outcome, notice.SignatureValid));
    }

    [Fact]
    public async Task A_transaction_for_another_amount_than_the_order_is_refused_and_the_order_stays_pending()
    {
        var (start, _) = await CheckoutAsync();
        midtrans.SetStatus(start.OrderNumber, "settlement", grossAmount: 1_000);

        var answer = await midtrans.SendNotificationAsync(start.OrderNumber);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Equal(OrderStatus.Pending, (await app.OrderAsync(start.OrderNumber)).Status);
        Assert.Equal(0, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, start.OrderNumber));
        Assert.Equal("rejected: amount 1000.00 is not the order's 49000", Assert.Single(await app.NoticesAsync(start.OrderNumber)).Outcome);
    }

    [Fact]
    public async Task A_signed_settlement_the_status_api_does_not_confirm_changes_nothing()
    {
        var (start, _) = await CheckoutAsync();
        midtrans.SetStatus(start.OrderNumber, "pending");

        var answer = await midtrans.SendNotificationAsync(start.OrderNumber, "settlement");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(OrderStatus.Pending, (await app.OrderAsync(start.OrderNumber)).Status);
        Assert.Equal("waiting: pending", Assert.Single(await app.NoticesAsync(start.OrderNumber)).Outcome);
    }

    [Fact]
    public async Task A_replayed_settlement_is_answered_200_each_time_and_activates_nothing_more()
    {
        var (start, _) = await CheckoutAsync();
        await PayOnTheSnapPageAsync(start.RedirectUrl);
        var sent = midtrans.Sent.Last(n => n.Body.Contains(start.OrderNumber, StringComparison.Ordinal));

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await midtrans.ReplayAsync(sent)).StatusCode);

        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, start.OrderNumber));
        Assert.Equal(["applied: settlement", "duplicate: settlement", "duplicate: settlement", "duplicate: settlement"],
            (await app.NoticesAsync(start.OrderNumber)).Select(n => n.Outcome));
    }

    [Fact]
    public async Task A_pending_notification_arriving_after_the_settlement_leaves_the_order_active()
    {
        var (start, _) = await CheckoutAsync();
        await PayOnTheSnapPageAsync(start.RedirectUrl);

        var late = await midtrans.SendNotificationAsync(start.OrderNumber, "pending");

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(OrderStatus.Active, (await app.OrderAsync(start.OrderNumber)).Status);
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, start.OrderNumber));
        Assert.Equal("duplicate: settlement", (await app.NoticesAsync(start.OrderNumber)).Last().Outcome);
    }

    [Fact]
    public async Task A_settlement_after_an_expiry_activates_the_order_that_had_been_released()
    {
        var (start, _) = await CheckoutAsync();
        midtrans.SetStatus(start.OrderNumber, "expire");
        Assert.Equal(HttpStatusCode.OK, (await midtrans.SendNotificationAsync(start.OrderNumber)).StatusCode);
        Assert.Equal(OrderStatus.Expired, (await app.OrderAsync(start.OrderNumber)).Status);

        midtrans.SetStatus(start.OrderNumber, "settlement");
        Assert.Equal(HttpStatusCode.OK, (await midtrans.SendNotificationAsync(start.OrderNumber)).StatusCode);

        Assert.Equal(OrderStatus.Active, (await app.OrderAsync(start.OrderNumber)).Status);
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Released, start.OrderNumber));
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, start.OrderNumber));
        Assert.Equal(["applied: expire", "applied: settlement"], (await app.NoticesAsync(start.OrderNumber)).Select(n => n.Outcome));
    }

    [Theory]
    [InlineData("deny", null, OrderStatus.Denied)]
    [InlineData("cancel", null, OrderStatus.Cancelled)]
    [InlineData("capture", "accept", OrderStatus.Active)]
    [InlineData("capture", "challenge", OrderStatus.Pending)]
    public async Task Each_transaction_status_moves_the_order_where_midtrans_documents_it(string status, string? fraud, OrderStatus expected)
    {
        var (start, _) = await CheckoutAsync();
        midtrans.SetStatus(start.OrderNumber, status, fraud, paymentType: "credit_card");

        Assert.Equal(HttpStatusCode.OK, (await midtrans.SendNotificationAsync(start.OrderNumber)).StatusCode);

        Assert.Equal(expected, (await app.OrderAsync(start.OrderNumber)).Status);
    }

    [Fact]
    public async Task A_notification_for_an_order_warta_never_made_is_refused_with_404()
    {
        var body = midtrans.NotificationBody("WRT-20230505-NOSUCH", "settlement", "49000.00");

        var answer = await midtrans.PostNotificationAsync(body);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("rejected: unknown order", Assert.Single(await app.NoticesAsync("WRT-20230505-NOSUCH")).Outcome);
    }

    [Fact]
    public async Task A_body_that_is_not_a_notification_is_refused_with_400_and_kept()
    {
        var answer = await midtrans.PostNotificationAsync("{\"hello\":\"world\"}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("rejected: not a transaction notification",
            (await app.InDbAsync(db => db.PaymentNotices.AsNoTracking().Where(n => n.Body == "{\"hello\":\"world\"}").SingleAsync())).Outcome);
    }

    [Fact]
    public async Task While_the_status_api_is_down_a_notification_gets_503_so_midtrans_sends_it_again_and_then_it_applies()
    {
        var (start, _) = await CheckoutAsync();
        midtrans.SetStatus(start.OrderNumber, "settlement");
        midtrans.Unavailable = true;
        HttpResponseMessage during;
        try { during = await midtrans.SendNotificationAsync(start.OrderNumber); }
        finally { midtrans.Unavailable = false; }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(OrderStatus.Pending, (await app.OrderAsync(start.OrderNumber)).Status);
        Assert.Equal(HttpStatusCode.OK, (await midtrans.SendNotificationAsync(start.OrderNumber)).StatusCode);
        Assert.Equal(OrderStatus.Active, (await app.OrderAsync(start.OrderNumber)).Status);
    }

    [Fact]
    public async Task When_snap_is_down_the_order_waits_and_its_page_lets_the_reader_try_again()
    {
        var reader = await app.ReaderAsync();
        midtrans.Unavailable = true;
        CheckoutStart start;
        try { start = await app.CheckoutAsync(reader); }
        finally { midtrans.Unavailable = false; }

        Assert.Equal(CommerceRoutes.Order(start.OrderNumber), start.RedirectUrl);
        var order = await app.OrderAsync(start.OrderNumber);
        Assert.Equal((OrderStatus.Pending, MidtransGateway.GatewayName, (string?)null), (order.Status, order.Gateway, order.PaymentUrl));
        var browser = await app.SignedInReaderAsync(reader);

        midtrans.Unavailable = true;
        HttpResponseMessage refused;
        try { refused = await browser.SubmitAsync(start.RedirectUrl, new()); }
        finally { midtrans.Unavailable = false; }
        Assert.Equal("Midtrans tidak dapat dihubungi saat ini. Pesanan Anda tersimpan; coba bayar lagi sebentar lagi.",
            (await refused.DocumentAsync(503)).Text("#gateway-error"));

        var resumed = await browser.SubmitAsync(start.RedirectUrl, new());
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.StartsWith(midtrans.BaseAddress + "snap/v4/redirection/", resumed.Headers.Location!.ToString());
        Assert.Equal(resumed.Headers.Location.ToString(), (await app.OrderAsync(start.OrderNumber)).PaymentUrl);
    }

    /// <summary>Checkout whose reply from Snap is lost after Midtrans recorded the transaction, then the reader's "Bayar sekarang".</summary>
    async Task<(CheckoutStart Start, Warta.Web.Accounts.Readers.ReaderUser Reader, string RetryUrl)> CheckoutWithALostReplyAsync()
    {
        var reader = await app.ReaderAsync();
        midtrans.DropNextCreateReply();
        var start = await app.CheckoutAsync(reader);
        Assert.Equal(CommerceRoutes.Order(start.OrderNumber), start.RedirectUrl);
        Assert.NotNull(midtrans.Transaction(start.OrderNumber));
        var resumed = await (await app.SignedInReaderAsync(reader)).SubmitAsync(start.RedirectUrl, new());
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        return (start, reader, resumed.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Snap_refuses_an_order_id_it_already_holds_as_midtrans_documents_it()
    {
        var (start, reader) = await CheckoutAsync();
        using var scope = app.Services.CreateScope();
        var order = await app.OrderAsync(start.OrderNumber);

        var again = await Assert.ThrowsAsync<PaymentGatewayException>(() =>
            scope.ServiceProvider.GetRequiredService<MidtransGateway>().StartAsync(order, start.OrderNumber, reader, CancellationToken.None));

        Assert.Equal("Midtrans menolak membuat pembayaran untuk pesanan ini. Pesanan Anda tersimpan; coba bayar lagi sebentar lagi.", again.Message);
        Assert.Single(midtrans.CreateRequests, r => r["transaction_details"]!["order_id"]!.GetValue<string>() == start.OrderNumber);
    }

    [Fact]
    public async Task After_a_lost_snap_reply_paying_again_opens_a_new_attempt_whose_payment_activates_the_order()
    {
        var (start, _, retryUrl) = await CheckoutWithALostReplyAsync();

        var retryId = start.OrderNumber + "-2";
        Assert.Equal(new Uri(midtrans.BaseAddress, midtrans.PaymentPagePath(midtrans.Transaction(retryId)!.Token).TrimStart('/')).ToString(), retryUrl);
        var retry = midtrans.CreateRequests.Single(r => r["transaction_details"]!["order_id"]!.GetValue<string>() == retryId);
        Assert.Equal(49_000, retry["transaction_details"]!["gross_amount"]!.GetValue<long>());
        Assert.Equal("http://localhost/akun/pesanan/" + start.OrderNumber, retry["callbacks"]!["finish"]!.GetValue<string>());
        Assert.Equal(retryUrl, (await app.OrderAsync(start.OrderNumber)).PaymentUrl);

        var finish = await PayOnTheSnapPageAsync(retryUrl);

        Assert.Equal($"http://localhost/akun/pesanan/{start.OrderNumber}?order_id={retryId}&status_code=200&transaction_status=settlement", finish.ToString());
        var order = await app.OrderAsync(start.OrderNumber);
        Assert.Equal((OrderStatus.Active, retryId), (order.Status, order.GatewayOrderId));
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, start.OrderNumber));
        Assert.Equal("applied: settlement", Assert.Single(await app.NoticesAsync(retryId)).Outcome);
    }

    [Fact]
    public async Task A_payment_of_the_lost_attempt_after_the_retry_paid_activates_nothing_more_and_is_marked_for_refund()
    {
        var (start, _, retryUrl) = await CheckoutWithALostReplyAsync();
        await PayOnTheSnapPageAsync(retryUrl);
        midtrans.SetStatus(start.OrderNumber, "settlement");

        var answer = await midtrans.SendNotificationAsync(start.OrderNumber);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal($"paid twice: settlement of {start.OrderNumber} after {start.OrderNumber}-2; refund it in Midtrans",
            Assert.Single(await app.NoticesAsync(start.OrderNumber)).Outcome);
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, start.OrderNumber));
        Assert.Equal(1, await app.InDbAsync(db => db.Invoices.CountAsync(i => i.OrderId == db.Orders.Single(o => o.Number == start.OrderNumber).Id)));
        Assert.Equal(start.OrderNumber + "-2", (await app.OrderAsync(start.OrderNumber)).GatewayOrderId);
    }

    [Fact]
    public async Task The_expiry_of_the_lost_attempt_leaves_the_order_open_for_the_attempt_the_reader_is_paying()
    {
        var (start, _, retryUrl) = await CheckoutWithALostReplyAsync();
        midtrans.SetStatus(start.OrderNumber, "expire");

        var answer = await midtrans.SendNotificationAsync(start.OrderNumber);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("stale: expire of an earlier attempt", Assert.Single(await app.NoticesAsync(start.OrderNumber)).Outcome);
        Assert.Equal(OrderStatus.Pending, (await app.OrderAsync(start.OrderNumber)).Status);
        Assert.Equal(0, await app.FulfilmentsAsync(AuditedAccessFulfiller.Released, start.OrderNumber));
        await PayOnTheSnapPageAsync(retryUrl);
        Assert.Equal(OrderStatus.Active, (await app.OrderAsync(start.OrderNumber)).Status);
    }

    [Fact]
    public async Task A_signed_notification_for_an_attempt_warta_never_sent_is_refused_with_404()
    {
        var (start, _) = await CheckoutAsync();

        var answer = await midtrans.SendNotificationAsync(start.OrderNumber + "-2", "settlement", "49000.00");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("rejected: unknown order", Assert.Single(await app.NoticesAsync(start.OrderNumber + "-2")).Outcome);
        Assert.Equal(OrderStatus.Pending, (await app.OrderAsync(start.OrderNumber)).Status);
    }

    [Fact]
    public async Task An_admin_refund_of_an_order_paid_by_a_retry_names_the_transaction_that_paid()
    {
        var (start, _, retryUrl) = await CheckoutWithALostReplyAsync();
        await PayOnTheSnapPageAsync(retryUrl);
        var admin = await app.StaffAsync(Warta.Web.Accounts.Staff.StaffRoles.Admin);

        var (status, page, _) = await admin.PostFormAsync(CommerceRoutes.AdminOrder(start.OrderNumber) + "?handler=Refund", new Dictionary<string, string?> { ["reason"] = "Permintaan pembaca" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"Dana pesanan {start.OrderNumber} dikembalikan; aksesnya dicabut.", page.Text(".notice"));
        Assert.Single(midtrans.RefundRequests, r => r["refund_key"]!.GetValue<string>() == start.OrderNumber + "-2-refund");
        Assert.Equal("refund", midtrans.Transaction(start.OrderNumber + "-2")!.Status);
        Assert.Null(midtrans.Transaction(start.OrderNumber)!.Status);
        Assert.Equal(OrderStatus.Refunded, (await app.OrderAsync(start.OrderNumber)).Status);
    }

    [Fact]
    public async Task Two_nodes_receiving_the_same_settlement_at_once_activate_the_order_once()
    {
        var (start, _) = await CheckoutAsync();
        midtrans.SetStatus(start.OrderNumber, "settlement");
        var body = midtrans.NotificationBody(start.OrderNumber, "settlement", "49000.00");
        using var second = new CommerceNode(app, midtrans.WartaSettings);
        var nodes = new[] { app.CreateClient(), second.CreateClient() };

        var answers = await Task.WhenAll(nodes.Select(node => Task.Run(() =>
            node.PostAsync("/api/payments/midtrans/notification", new StringContent(body, System.Text.Encoding.UTF8, "application/json")))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(["applied: settlement", "duplicate: settlement"], (await app.NoticesAsync(start.OrderNumber)).Select(n => n.Outcome).Order());
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, start.OrderNumber));
        Assert.Equal(1, await app.InDbAsync(db => db.Invoices.CountAsync(i => i.OrderId == db.Orders.Single(o => o.Number == start.OrderNumber).Id)));
    }

    [Fact]
    public async Task The_notification_endpoint_takes_no_antiforgery_token_and_answers_json()
    {
        var (start, _) = await CheckoutAsync();
        await PayOnTheSnapPageAsync(start.RedirectUrl);

        var answer = await app.CreateClient().PostAsync("/api/payments/midtrans/notification",
            new StringContent(midtrans.NotificationBody(start.OrderNumber, "settlement", "49000.00"), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("duplicate: settlement", JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["outcome"]!.GetValue<string>());
    }
}

/// <summary>Refunds of orders paid through Midtrans go through its refund API first.</summary>
public class MidtransRefundTests(MidtransSiteFixture fixture) : IClassFixture<MidtransSiteFixture>
{
    [Fact]
    public async Task An_admin_refunds_a_midtrans_order_through_the_refund_api_and_midtrans_own_refund_notice_is_then_a_duplicate()
    {
        var (app, midtrans) = (fixture.Site.App, fixture.Site.Midtrans);
        var start = await app.CheckoutAsync(await app.ReaderAsync());
        midtrans.SetStatus(start.OrderNumber, "settlement");
        await midtrans.SendNotificationAsync(start.OrderNumber);
        var admin = await app.StaffAsync(Warta.Web.Accounts.Staff.StaffRoles.Admin);

        var (status, page, _) = await admin.PostFormAsync(CommerceRoutes.AdminOrder(start.OrderNumber) + "?handler=Refund", new Dictionary<string, string?> { ["reason"] = "Permintaan pembaca" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"Dana pesanan {start.OrderNumber} dikembalikan; aksesnya dicabut.", page.Text(".notice"));
        var refund = Assert.Single(midtrans.RefundRequests);
        Assert.Equal((49_000L, start.OrderNumber + "-refund"), (refund["amount"]!.GetValue<long>(), refund["refund_key"]!.GetValue<string>()));
        Assert.Equal("refund", midtrans.Transaction(start.OrderNumber)!.Status);
        Assert.Equal(OrderStatus.Refunded, (await app.OrderAsync(start.OrderNumber)).Status);
        Assert.Equal(1, await app.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == CommerceAuditActions.Refund && e.Subject == start.OrderNumber)));

        Assert.Equal(HttpStatusCode.OK, (await midtrans.SendNotificationAsync(start.OrderNumber)).StatusCode);
        Assert.Equal("duplicate: refund", (await app.NoticesAsync(start.OrderNumber)).Last().Outcome);
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Released, start.OrderNumber));
    }
}
