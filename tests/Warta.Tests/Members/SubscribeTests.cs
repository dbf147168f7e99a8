using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Members;
using Warta.Web.Shared;

namespace Warta.Tests.Members;

/// <summary>Issue 12, item 2: a reader takes a plan on /langganan, with or without a voucher or a trial, and pays (or not).</summary>
public class SubscribeTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    [Fact]
    public async Task Without_a_gateway_the_order_waits_for_a_transfer_and_once_paid_grants_a_month_shown_on_the_account_page()
    {
        var plan = await app.PlanAsync("bulanan-transfer", price: 49_000);
        var plans = await app.ReaderClient().GetPageAsync("/langganan");
        Assert.Equal("Rp 49.000 / bulan", plans.Text("#paket-bulanan-transfer .price"));

        var (reader, browser) = await app.SignedInReaderAsync("transfer@pembaca.test");
        var response = await browser.SubscribeAsync(plan.Slug);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var order = Assert.Single(await app.OrdersAsync(reader.Id));
        Assert.Equal(CommerceRoutes.Order(order.Number), response.Headers.Location!.OriginalString);
        Assert.Equal((OrderStatus.Pending, Checkout.Transfer, 49_000L, OrderKinds.Subscription, plan.Slug), (order.Status, order.Gateway, order.AmountRupiah, order.Kind, order.Reference));
        Assert.Empty(await app.PeriodsAsync(reader.Id));

        Assert.Equal(MoveOutcome.Applied, await app.MoveAsync(order.Number, OrderStatus.Paid));
        var now = app.Clock.GetUtcNow();
        var period = Assert.Single(await app.PeriodsAsync(reader.Id));
        Assert.Equal((now, now.AddMonths(1), SubscriptionSources.Order, order.Id, (int?)plan.Id), (period.StartsAt, period.EndsAt, period.Source, period.OrderId, period.PlanId));

        var account = await browser.GetPageAsync("/akun");
        Assert.Contains("Paket bulanan-transfer", account.Text("#membership-current"));
        Assert.Equal($"Akses premium berakhir {Indonesian.DateTime(now.AddMonths(1))}. Perpanjang langganan", account.Text("#membership-ends"));
        var invoice = await app.InDbAsync(db => db.Invoices.SingleAsync(i => i.OrderId == order.Id));
        Assert.Equal("/akun/tagihan/" + invoice.Number, account.QuerySelector(".invoices a")!.GetAttribute("href"));
        Assert.StartsWith("INV/2023/", invoice.Number);
        Assert.Equal(MemberRoutes.Subscribe, account.QuerySelector("#membership-ends a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_renewal_starts_where_the_current_access_ends_and_a_yearly_plan_adds_a_year()
    {
        var monthly = await app.PlanAsync("bulanan-perpanjang");
        var yearly = await app.PlanAsync("tahunan-perpanjang", BillingPeriod.Yearly, 490_000);
        var (reader, browser) = await app.SignedInReaderAsync("perpanjang@pembaca.test");
        await browser.SubscribeAsync(monthly.Slug);
        await browser.SubscribeAsync(yearly.Slug);
        var orders = await app.OrdersAsync(reader.Id);
        foreach (var order in orders) Assert.Equal(MoveOutcome.Applied, await app.MoveAsync(order.Number, OrderStatus.Paid));

        var now = app.Clock.GetUtcNow();
        var periods = await app.PeriodsAsync(reader.Id);
        Assert.Equal([(now, now.AddMonths(1)), (now.AddMonths(1), now.AddMonths(1).AddYears(1))], periods.Select(p => (p.StartsAt, p.EndsAt)));
        var account = await browser.GetPageAsync("/akun");
        Assert.Equal($"Diperpanjang: akses premium Anda berlanjut sampai {Indonesian.DateTime(now.AddMonths(1).AddYears(1))}.", account.Text("#membership-ends"));
    }

    [Fact]
    public async Task A_refund_ends_the_period_its_order_gave_and_moves_a_later_period_up()
    {
        var plan = await app.PlanAsync("bulanan-refund");
        var (reader, browser) = await app.SignedInReaderAsync("refund@pembaca.test");
        await browser.SubscribeAsync(plan.Slug);
        await browser.SubscribeAsync(plan.Slug);
        var orders = await app.OrdersAsync(reader.Id);
        foreach (var order in orders) await app.MoveAsync(order.Number, OrderStatus.Paid);

        Assert.Equal(MoveOutcome.Applied, await app.MoveAsync(orders[0].Number, OrderStatus.Refunded));
        var now = app.Clock.GetUtcNow();
        var periods = await app.PeriodsAsync(reader.Id);
        var refunded = periods.Single(p => p.OrderId == orders[0].Id);
        var kept = periods.Single(p => p.OrderId == orders[1].Id);
        Assert.Equal(now, refunded.EndedAt);
        // The second month (5 June to 5 July, 30 days) now starts at once and keeps its length.
        Assert.Equal((now, now + (now.AddMonths(2) - now.AddMonths(1)), (DateTimeOffset?)null), (kept.StartsAt, kept.EndsAt, kept.EndedAt));

        Assert.Equal(MoveOutcome.Applied, await app.MoveAsync(orders[1].Number, OrderStatus.Refunded));
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<Entitlements>().HasPremiumAsync(reader.Id));
    }

    [Fact]
    public async Task A_full_voucher_activates_at_once_and_each_reader_uses_a_voucher_only_once()
    {
        var plan = await app.PlanAsync("bulanan-gratis", price: 49_000);
        await app.VoucherAsync("GRATIS100", VoucherKind.PercentOff, 100);
        var (reader, browser) = await app.SignedInReaderAsync("gratis@pembaca.test");
        var checkout = await browser.GetPageAsync(MemberRoutes.CheckoutUrlOf(plan.Slug) + "?voucher=gratis100");
        Assert.Equal(("Rp 49.000", "Rp 0"), (checkout.Text("#discount"), checkout.Text("#amount-due")));

        var response = await browser.SubscribeAsync(plan.Slug, "gratis100");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var order = Assert.Single(await app.OrdersAsync(reader.Id));
        Assert.Equal((OrderStatus.Active, 0L, 49_000L, "GRATIS100", Checkout.Free), (order.Status, order.AmountRupiah, order.DiscountRupiah, order.VoucherCode, order.Gateway));
        var period = Assert.Single(await app.PeriodsAsync(reader.Id));
        Assert.Equal(app.Clock.GetUtcNow().AddMonths(1), period.EndsAt);

        var again = await browser.SubscribeAsync(plan.Slug, "GRATIS100");
        Assert.Equal("Anda sudah pernah memakai voucher ini.", (await again.DocumentAsync(400)).Text("#checkout-error"));
        Assert.Single(await app.OrdersAsync(reader.Id));
        Assert.Equal(1, await app.InDbAsync(db => db.Vouchers.Where(v => v.Code == "GRATIS100").Select(v => v.Uses).SingleAsync()));
    }

    [Fact]
    public async Task Discounts_reduce_the_amount_never_below_zero_and_a_free_days_voucher_grants_its_days()
    {
        var plan = await app.PlanAsync("bulanan-potongan", price: 49_000);
        await app.VoucherAsync("HEMAT25", VoucherKind.PercentOff, 25);
        await app.VoucherAsync("POTONG100RB", VoucherKind.AmountOff, 100_000);
        await app.VoucherAsync("HARI14", VoucherKind.FreeDays, 14);
        var (reader, browser) = await app.SignedInReaderAsync("potongan@pembaca.test");
        await browser.SubscribeAsync(plan.Slug, "HEMAT25");
        await browser.SubscribeAsync(plan.Slug, "POTONG100RB");
        await browser.SubscribeAsync(plan.Slug, "HARI14");
        var orders = await app.OrdersAsync(reader.Id);
        Assert.Equal([(36_750L, 12_250L, OrderStatus.Pending), (0L, 49_000L, OrderStatus.Active), (0L, 0L, OrderStatus.Active)],
            orders.Select(o => (o.AmountRupiah, o.DiscountRupiah, o.Status)));
        var now = app.Clock.GetUtcNow();
        var periods = await app.PeriodsAsync(reader.Id);
        Assert.Equal([(now, now.AddMonths(1), SubscriptionSources.Order), (now.AddMonths(1), now.AddMonths(1).AddDays(14), SubscriptionSources.Voucher)],
            periods.Select(p => (p.StartsAt, p.EndsAt, p.Source)));
    }

    [Fact]
    public async Task An_expired_used_up_or_other_plan_voucher_is_refused_and_an_unpaid_order_gives_its_use_back()
    {
        var plan = await app.PlanAsync("bulanan-tolak");
        var other = await app.PlanAsync("tahunan-tolak", BillingPeriod.Yearly, 490_000);
        await app.VoucherAsync("LEWAT", VoucherKind.PercentOff, 10, expiresAt: app.Clock.GetUtcNow().AddMinutes(-1));
        await app.VoucherAsync("LAIN", VoucherKind.PercentOff, 10, planId: other.Id);
        await app.VoucherAsync("SEKALI", VoucherKind.PercentOff, 10, maxUses: 1);
        var (reader, browser) = await app.SignedInReaderAsync("tolak@pembaca.test");
        var (second, secondBrowser) = await app.SignedInReaderAsync("tolak-dua@pembaca.test");
        foreach (var (code, message) in new[] { ("LEWAT", "Voucher ini sudah tidak berlaku."), ("LAIN", "Voucher ini tidak berlaku untuk paket Paket bulanan-tolak."), ("TIDAKADA", "Kode voucher tidak dikenal.") })
            Assert.Equal(message, (await (await browser.SubscribeAsync(plan.Slug, code)).DocumentAsync(400)).Text("#checkout-error"));
        Assert.Empty(await app.OrdersAsync(reader.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubscribeAsync(plan.Slug, "SEKALI")).StatusCode);
        Assert.Equal("Voucher ini sudah habis dipakai.", (await (await secondBrowser.SubscribeAsync(plan.Slug, "SEKALI")).DocumentAsync(400)).Text("#checkout-error"));
        var unpaid = Assert.Single(await app.OrdersAsync(reader.Id));
        Assert.Equal(MoveOutcome.Applied, await app.MoveAsync(unpaid.Number, OrderStatus.Expired));
        Assert.Equal(0, await app.InDbAsync(db => db.Vouchers.Where(v => v.Code == "SEKALI").Select(v => v.Uses).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await secondBrowser.SubscribeAsync(plan.Slug, "SEKALI")).StatusCode);
        Assert.Single(await app.OrdersAsync(second.Id));

        // The first reader's transfer arrives after all: the payment is honoured and the use counted again.
        Assert.Equal(MoveOutcome.Applied, await app.MoveAsync(unpaid.Number, OrderStatus.Paid));
        Assert.Single(await app.PeriodsAsync(reader.Id));
        Assert.Equal(2, await app.InDbAsync(db => db.Vouchers.Where(v => v.Code == "SEKALI").Select(v => v.Uses).SingleAsync()));
    }

    [Fact]
    public async Task The_last_use_of_a_voucher_goes_to_exactly_one_of_many_readers_redeeming_at_once()
    {
        var plan = await app.PlanAsync("bulanan-rebutan");
        await app.VoucherAsync("REBUTAN", VoucherKind.PercentOff, 50, maxUses: 3);
        var readers = new List<ReaderUser>();
        for (var i = 0; i < 12; i++) readers.Add(await app.ReaderAsync($"rebutan-{i}@pembaca.test"));
        using var start = new ManualResetEventSlim();
        var attempts = readers.Select(reader => Task.Run(async () =>
        {
            using var scope = app.Services.CreateScope();
            var memberships = scope.ServiceProvider.GetRequiredService<Memberships>();
            var loaded = (await memberships.ActivePlanAsync(plan.Slug))!;
            start.Wait();
            return await memberships.SubscribeAsync(reader, loaded, "rebutan");
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(3, outcomes.Count(o => o.RedirectUrl is not null));
        Assert.All(outcomes.Where(o => o.RedirectUrl is null), o => Assert.Equal("Voucher ini sudah habis dipakai.", o.Error));
        Assert.Equal(3, await app.InDbAsync(db => db.Vouchers.Where(v => v.Code == "REBUTAN").Select(v => v.Uses).SingleAsync()));
        Assert.Equal(3, await app.InDbAsync(db => db.Orders.CountAsync(o => o.VoucherCode == "REBUTAN")));
    }

    [Fact]
    public async Task A_new_reader_takes_the_trial_once_even_asking_twice_at_once_and_a_subscriber_gets_none()
    {
        var plan = await app.PlanAsync("bulanan-coba", trialDays: 7);
        var (reader, browser) = await app.SignedInReaderAsync("coba@pembaca.test");
        var checkout = await browser.GetPageAsync(MemberRoutes.CheckoutUrlOf(plan.Slug));
        Assert.Equal("Coba gratis 7 hari", checkout.Text("#trial"));

        var attempts = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var scope = app.Services.CreateScope();
            var memberships = scope.ServiceProvider.GetRequiredService<Memberships>();
            return await memberships.StartTrialAsync(reader, (await memberships.ActivePlanAsync(plan.Slug))!);
        })).ToList();
        var refusals = await Task.WhenAll(attempts);
        Assert.Equal(1, refusals.Count(r => r is null));
        var now = app.Clock.GetUtcNow();
        var trial = Assert.Single(await app.PeriodsAsync(reader.Id));
        Assert.Equal((SubscriptionSources.Trial, now, now.AddDays(7), (long?)null), (trial.Source, trial.StartsAt, trial.EndsAt, trial.OrderId));

        Assert.Empty((await browser.GetPageAsync(MemberRoutes.CheckoutUrlOf(plan.Slug))).QuerySelectorAll("#trial"));
        var again = await browser.SubmitAsync(MemberRoutes.CheckoutUrlOf(plan.Slug), new(), action: MemberRoutes.CheckoutUrlOf(plan.Slug) + "?handler=Trial");
        Assert.Contains("hanya sekali", (await again.DocumentAsync(400)).Text("#checkout-error"));
        Assert.Single(await app.PeriodsAsync(reader.Id));
    }

    [Fact]
    public async Task A_reader_with_an_unconfirmed_email_is_told_to_confirm_it_and_nothing_is_ordered()
    {
        var plan = await app.PlanAsync("bulanan-konfirmasi", trialDays: 7);
        var (reader, browser) = await app.SignedInReaderAsync("belum@pembaca.test", confirmed: false);
        var checkout = await browser.GetPageAsync(MemberRoutes.CheckoutUrlOf(plan.Slug));
        Assert.Equal(ReaderAccess.AccountPath, checkout.QuerySelector("#confirm-email a")!.GetAttribute("href"));
        Assert.Empty(checkout.QuerySelectorAll("#pay, #trial"));

        var token = System.Text.RegularExpressions.Regex.Match(await browser.GetStringAsync("/akun"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        foreach (var action in new[] { "", "?handler=Trial" })
        {
            var response = await browser.PostAsync(MemberRoutes.CheckoutUrlOf(plan.Slug) + action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
            Assert.Equal("Konfirmasi alamat email Anda dulu sebelum berlangganan.", (await response.DocumentAsync(400)).Text("#checkout-error"));
        }
        Assert.Empty(await app.OrdersAsync(reader.Id));
        Assert.Empty(await app.PeriodsAsync(reader.Id));
    }

    [Fact]
    public async Task Langganan_sends_an_anonymous_reader_to_sign_in_and_back_and_refuses_a_post_without_its_token()
    {
        var plan = await app.PlanAsync("bulanan-masuk");
        var page = await app.ReaderClient().GetPageAsync("/langganan");
        var form = page.QuerySelector("#paket-bulanan-masuk form")!;
        Assert.Equal(("get", MemberRoutes.CheckoutUrlOf(plan.Slug)), (form.GetAttribute("method"), form.GetAttribute("action")));
        var anonymous = await app.ReaderClient().GetAsync(MemberRoutes.CheckoutUrlOf(plan.Slug) + "?voucher=HEMAT");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/akun/masuk?ReturnUrl=" + Uri.EscapeDataString("/langganan/bulanan-masuk?voucher=HEMAT"), anonymous.Headers.Location!.OriginalString.Replace("http://localhost", ""));

        var (reader, browser) = await app.SignedInReaderAsync("tanpa-token@pembaca.test");
        var forged = await browser.PostAsync(MemberRoutes.CheckoutUrlOf(plan.Slug), new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await app.OrdersAsync(reader.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(MemberRoutes.CheckoutUrlOf("tidak-ada"))).StatusCode);
    }
}
