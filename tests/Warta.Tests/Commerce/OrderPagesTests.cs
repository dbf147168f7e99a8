using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Accounts.Staff;
using Warta.Web.Commerce;

namespace Warta.Tests.Commerce;

/// <summary>A Warta without Midtrans: paid orders wait for a bank transfer into the configured account.</summary>
public sealed class TransferSite() : CommerceFactory(null, new Dictionary<string, string?>
{
    ["Warta:Payments:Transfer:Bank"] = "Bank Mandiri",
    ["Warta:Payments:Transfer:AccountNumber"] = "123-00-0987654-3",
    ["Warta:Payments:Transfer:AccountName"] = "PT Warta Media",
});

/// <summary>The reader's order and invoice pages, and the admins' order desk.</summary>
public class OrderPagesTests(TransferSite app) : IClassFixture<TransferSite>
{
    [Fact]
    public async Task A_pending_transfer_order_shows_the_bank_account_and_the_amount_to_pay()
    {
        var reader = await app.ReaderAsync();
        var start = await app.CheckoutAsync(reader);
        var browser = await app.SignedInReaderAsync(reader);

        var page = await browser.GetPageAsync(start.RedirectUrl);

        Assert.Equal("menunggu pembayaran", page.Text("#order-status"));
        Assert.Equal("123-00-0987654-3", page.Text("#transfer-account"));
        Assert.Equal("Rp 49.000", page.Text("#order-amount"));
        Assert.Null(page.QuerySelector("#invoice-link"));
    }

    [Fact]
    public async Task Another_reader_gets_404_for_an_order_and_its_invoice_and_sees_only_their_own_orders()
    {
        var owner = await app.ReaderAsync();
        var start = await app.CheckoutAsync(owner);
        await app.MoveAsync(start.OrderNumber, OrderStatus.Paid);
        var order = await app.OrderAsync(start.OrderNumber);
        var invoice = CommerceRoutes.Invoice(await app.InDbAsync(db => db.Invoices.Where(i => i.OrderId == order.Id).Select(i => i.Number).SingleAsync()));
        var ownBrowser = await app.SignedInReaderAsync(owner);
        var other = await app.ReaderAsync();
        await app.CheckoutAsync(other, description: "Pesanan pembaca lain");
        var otherBrowser = await app.SignedInReaderAsync(other);

        Assert.Equal(HttpStatusCode.OK, (await ownBrowser.GetAsync(start.RedirectUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownBrowser.GetAsync(invoice)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.GetAsync(start.RedirectUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.GetAsync(invoice)).StatusCode);
        var anonymous = await app.Browser().GetAsync(invoice);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/akun/masuk?ReturnUrl=" + Uri.EscapeDataString(invoice), anonymous.Headers.Location!.PathAndQuery);

        var list = await ownBrowser.GetPageAsync(CommerceRoutes.Orders);
        Assert.Equal([start.OrderNumber], list.QuerySelectorAll("[data-order]").Select(r => r.GetAttribute("data-order")));
        Assert.Equal("lunas, aktif", list.Text("[data-order] .order-status"));
        Assert.Equal("no-store, private", (await ownBrowser.GetAsync(CommerceRoutes.Orders)).Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task An_admin_marks_a_bank_transfer_paid_once_and_the_audit_log_names_the_admin()
    {
        var start = await app.CheckoutAsync(await app.ReaderAsync());
        var admin = await app.StaffAsync(StaffRoles.Admin);

        var (status, page, _) = await admin.PostFormAsync(CommerceRoutes.AdminOrder(start.OrderNumber) + "?handler=MarkPaid", new Dictionary<string, string?>());
        var (again, pageAgain, _) = await admin.PostFormAsync(CommerceRoutes.AdminOrder(start.OrderNumber) + "?handler=MarkPaid", new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"Pesanan {start.OrderNumber} ditandai lunas dan sudah aktif.", page.Text(".notice"));
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal($"Pesanan {start.OrderNumber} sudah lunas.", pageAgain.Text("[data-field=order]"));
        var order = await app.OrderAsync(start.OrderNumber);
        Assert.Equal((OrderStatus.Active, "bank_transfer"), (order.Status, order.PaymentType));
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, start.OrderNumber));
        var entry = await app.InDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == CommerceAuditActions.TransferPaid && e.Subject == start.OrderNumber));
        Assert.Equal(admin.UserId, entry.ActorId);
    }

    [Fact]
    public async Task An_admin_refunds_a_transfer_order_access_ends_and_the_refund_is_audited()
    {
        var start = await app.CheckoutAsync(await app.ReaderAsync());
        await app.MoveAsync(start.OrderNumber, OrderStatus.Paid);
        var admin = await app.StaffAsync(StaffRoles.Admin);

        var (status, page, _) = await admin.PostFormAsync(CommerceRoutes.AdminOrder(start.OrderNumber) + "?handler=Refund", new Dictionary<string, string?> { ["reason"] = "Dobel bayar" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"Dana pesanan {start.OrderNumber} dikembalikan; aksesnya dicabut.", page.Text(".notice"));
        var order = await app.OrderAsync(start.OrderNumber);
        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal(0, await app.InDbAsync(db => db.Subscriptions.CountAsync(s => s.OrderId == order.Id && s.EndedAt == null)));
        var entry = await app.InDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == CommerceAuditActions.Refund && e.Subject == start.OrderNumber));
        Assert.Equal((admin.UserId, "49000 rupiah via transfer: Dobel bayar"), (entry.ActorId, entry.Detail));
    }

    [Fact]
    public async Task Staff_forms_posted_without_the_antiforgery_token_are_refused_and_change_nothing()
    {
        var start = await app.CheckoutAsync(await app.ReaderAsync());
        var admin = await app.StaffAsync(StaffRoles.Admin);

        var refused = await admin.Http.PostAsync(CommerceRoutes.AdminOrder(start.OrderNumber) + "?handler=MarkPaid", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(OrderStatus.Pending, (await app.OrderAsync(start.OrderNumber)).Status);
        Assert.False(await app.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.Subject == start.OrderNumber)));
    }

    [Fact]
    public async Task Only_admins_open_the_order_desk()
    {
        var start = await app.CheckoutAsync(await app.ReaderAsync());
        var editor = await app.StaffAsync(StaffRoles.Editor);

        Assert.Equal(HttpStatusCode.Forbidden, await editor.Http.StatusOfAsync(CommerceRoutes.AdminOrders));
        Assert.Equal(HttpStatusCode.Forbidden, await editor.Http.StatusOfAsync(CommerceRoutes.AdminOrder(start.OrderNumber)));
        var (status, _, _) = await editor.PostFormAsync(CommerceRoutes.AdminOrder(start.OrderNumber) + "?handler=MarkPaid", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(OrderStatus.Pending, (await app.OrderAsync(start.OrderNumber)).Status);
    }

    [Fact]
    public async Task The_order_desk_filters_by_status_and_by_the_wib_day_the_order_was_placed()
    {
        var reader = await app.ReaderAsync();
        var paid = await app.CheckoutAsync(reader);
        await app.MoveAsync(paid.OrderNumber, OrderStatus.Paid);
        var waiting = await app.CheckoutAsync(reader);
        var admin = await app.StaffAsync(StaffRoles.Admin);

        var active = await admin.Http.GetPageAsync(CommerceRoutes.AdminOrders + "?status=Active");
        var pending = await admin.Http.GetPageAsync(CommerceRoutes.AdminOrders + "?status=Pending&dari=2023-05-05&sampai=2023-05-05");
        var dayBefore = await admin.Http.GetPageAsync(CommerceRoutes.AdminOrders + "?sampai=2023-05-04");

        var activeRows = active.QuerySelectorAll("[data-order]").Select(r => r.GetAttribute("data-order")).ToList();
        var pendingRows = pending.QuerySelectorAll("[data-order]").Select(r => r.GetAttribute("data-order")).ToList();
        Assert.Contains(paid.OrderNumber, activeRows);
        Assert.DoesNotContain(waiting.OrderNumber, activeRows);
        Assert.Contains(waiting.OrderNumber, pendingRows);
        Assert.DoesNotContain(paid.OrderNumber, pendingRows);
        Assert.Empty(dayBefore.QuerySelectorAll("[data-order]"));
    }
}
