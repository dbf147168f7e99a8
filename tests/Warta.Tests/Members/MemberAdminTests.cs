using System.Net;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Members;
using Warta.Web.Shared;

namespace Warta.Tests.Members;

/// <summary>Issue 12, items 2 and 6: admins keep plans and vouchers, look after members' subscriptions and read the revenue.</summary>
public class MemberAdminTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    static readonly string[] AdminPages = [MemberRoutes.AdminPlans, MemberRoutes.AdminVouchers, MemberRoutes.AdminMembers, MemberRoutes.AdminRevenue];

    async Task<HttpClient> AdminAsync()
    {
        var email = $"admin-{Guid.NewGuid():N}@warta.local";
        await app.AddStaffAsync(email, StaffRoles.Admin);
        return await app.SignedInAsync(email);
    }

    Task<List<AuditEntry>> AuditAsync(string action) =>
        app.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task The_members_pages_open_for_admins_only_and_appear_in_the_admin_menu()
    {
        var admin = await AdminAsync();
        var reader = await app.ReaderAsync("hak-akses@pembaca.test");
        await app.AddStaffAsync("penulis-anggota@warta.local", StaffRoles.Writer);
        await app.AddStaffAsync("editor-anggota@warta.local", StaffRoles.Editor);
        var writer = await app.SignedInAsync("penulis-anggota@warta.local");
        var editor = await app.SignedInAsync("editor-anggota@warta.local");
        var (_, readerBrowser) = await app.SignedInReaderAsync("pembaca-hak@pembaca.test");
        foreach (var page in AdminPages.Append(MemberRoutes.AdminMemberUrlOf(reader.Id)))
        {
            Assert.Equal(HttpStatusCode.OK, await admin.StatusOfAsync(page));
            Assert.Equal(HttpStatusCode.Forbidden, await writer.StatusOfAsync(page));
            Assert.Equal(HttpStatusCode.Forbidden, await editor.StatusOfAsync(page));
            var post = await editor.SubmitAsync("/redaksi/profil", new() { ["days"] = "30", ["form.Name"] = "x" }, page + "?handler=Extend");
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
            foreach (var outsider in new[] { readerBrowser, app.Browser() })
            {
                var refused = await outsider.GetAsync(page);
                Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
                Assert.StartsWith("/redaksi/masuk?", refused.Headers.Location!.OriginalString.Replace("http://localhost", ""));
            }
        }
        Assert.Empty(await app.PeriodsAsync(reader.Id));
        var menu = await admin.GetPageAsync("/redaksi");
        Assert.Equal(AdminPages, menu.QuerySelectorAll("nav.staff-nav a").Select(a => a.GetAttribute("href")).Where(h => AdminPages.Contains(h)));
    }

    [Fact]
    public async Task A_plan_with_bad_fields_is_refused_field_by_field_and_changes_nothing()
    {
        var admin = await AdminAsync();
        var plan = await app.PlanAsync("paket-tetap", price: 49_000);
        var before = await app.InDbAsync(db => db.Plans.CountAsync());
        var refused = await admin.SubmitAsync(MemberRoutes.AdminPlans, new()
        {
            ["form.Name"] = "", ["form.Slug"] = "Bukan Slug!", ["form.Period"] = "Mingguan", ["form.Price"] = "-5", ["form.TrialDays"] = "400", ["form.SortOrder"] = "x",
        }, MemberRoutes.AdminPlans + "?handler=Save");
        var page = await refused.DocumentAsync(400);
        Assert.Equal(["name", "period", "price", "slug", "sortOrder", "trialDays"], page.QuerySelectorAll("[data-field]").Select(e => e.GetAttribute("data-field")!).Order(StringComparer.Ordinal));
        Assert.Equal("Harga dalam rupiah tanpa sen, dari Rp 1 sampai Rp 100.000.000 (mis. 49000 atau 49.000).", page.Text("[data-field=price]"));

        var taken = await admin.SubmitAsync(MemberRoutes.AdminPlans, new() { ["form.Name"] = "Lain", ["form.Slug"] = "paket-tetap", ["form.Period"] = "Monthly", ["form.Price"] = "10000" },
            MemberRoutes.AdminPlans + "?handler=Save");
        Assert.Equal("Slug paket-tetap sudah dipakai paket lain.", (await taken.DocumentAsync(400)).Text("[data-field=slug]"));
        var edit = await admin.SubmitAsync(MemberRoutes.AdminPlans, new() { ["id"] = plan.Id.ToString(), ["form.Name"] = "Baru", ["form.Period"] = "Yearly", ["form.Price"] = "nol" },
            MemberRoutes.AdminPlans + "?handler=Save");
        await edit.DocumentAsync(400);
        Assert.Equal(before, await app.InDbAsync(db => db.Plans.CountAsync()));
        var unchanged = await app.InDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Id == plan.Id));
        Assert.Equal(("Paket paket-tetap", BillingPeriod.Monthly, 49_000L), (unchanged.Name, unchanged.Period, unchanged.PriceRupiah));
    }

    [Fact]
    public async Task An_admin_creates_edits_and_withdraws_a_plan_and_the_cached_plans_page_follows_each_change()
    {
        var admin = await AdminAsync();
        var reader = app.ReaderClient();
        await reader.GetPageAsync("/langganan");
        var created = await admin.SubmitAsync(MemberRoutes.AdminPlans, new()
        {
            ["form.Name"] = "Premium Pelajar", ["form.Period"] = "Monthly", ["form.Price"] = "Rp 19.000", ["form.TrialDays"] = "3", ["form.Description"] = "Untuk mahasiswa.",
        }, MemberRoutes.AdminPlans + "?handler=Save");
        await created.DocumentAsync();
        var plan = await app.InDbAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Slug == "premium-pelajar"));
        Assert.Equal((19_000L, 3, true), (plan.PriceRupiah, plan.TrialDays, plan.Active));
        Assert.Equal("Rp 19.000 / bulan", (await reader.GetPageAsync("/langganan")).Text("#paket-premium-pelajar .price"));

        await (await admin.SubmitAsync(MemberRoutes.AdminPlans, new() { ["id"] = plan.Id.ToString(), ["form.Name"] = "Premium Pelajar", ["form.Period"] = "Yearly", ["form.Price"] = "190000", ["form.TrialDays"] = "0" },
            MemberRoutes.AdminPlans + "?handler=Save")).DocumentAsync();
        Assert.Equal("Rp 190.000 / tahun", (await reader.GetPageAsync("/langganan")).Text("#paket-premium-pelajar .price"));

        await (await admin.SubmitAsync(MemberRoutes.AdminPlans, new() { ["id"] = plan.Id.ToString(), ["active"] = "false" }, MemberRoutes.AdminPlans + "?handler=Active")).DocumentAsync();
        Assert.Empty((await reader.GetPageAsync("/langganan")).QuerySelectorAll("#paket-premium-pelajar"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInReaderAsync("pelajar@pembaca.test")).Browser.GetAsync(MemberRoutes.CheckoutUrlOf(plan.Slug))).StatusCode);
        Assert.Equal(["dibuat: Premium Pelajar, Rp 19.000 per bulan, coba 3 hari", "diubah: Premium Pelajar, Rp 190.000 per tahun, coba 0 hari", "dinonaktifkan: Premium Pelajar, Rp 190.000 per tahun, coba 0 hari, nonaktif"],
            (await AuditAsync(MemberAudit.PlanSave)).Where(e => e.Subject == "paket:premium-pelajar").Select(e => e.Detail));
    }

    [Fact]
    public async Task An_admin_creates_and_stops_a_voucher_and_sees_its_uses()
    {
        var admin = await AdminAsync();
        var plan = await app.PlanAsync("paket-voucher");
        var bad = await admin.SubmitAsync(MemberRoutes.AdminVouchers, new() { ["form.Code"] = "a", ["form.Kind"] = "PercentOff", ["form.Value"] = "150", ["form.MaxUses"] = "0", ["form.Plan"] = "tidak-ada", ["form.ExpiresAt"] = "2020-01-01T00:00" },
            MemberRoutes.AdminVouchers + "?handler=Create");
        Assert.Equal(["code", "expiresAt", "maxUses", "plan", "value"], (await bad.DocumentAsync(400)).QuerySelectorAll("[data-field]").Select(e => e.GetAttribute("data-field")!).Order(StringComparer.Ordinal));
        Assert.False(await app.InDbAsync(db => db.Vouchers.AnyAsync()));

        var made = await admin.SubmitAsync(MemberRoutes.AdminVouchers, new() { ["form.Code"] = "hemat20", ["form.Kind"] = "PercentOff", ["form.Value"] = "20", ["form.MaxUses"] = "5", ["form.Plan"] = plan.Slug, ["form.ExpiresAt"] = "2023-06-01T00:00" },
            MemberRoutes.AdminVouchers + "?handler=Create");
        await made.DocumentAsync();
        var voucher = await app.InDbAsync(db => db.Vouchers.AsNoTracking().SingleAsync(v => v.Code == "HEMAT20"));
        Assert.Equal((VoucherKind.PercentOff, 20L, (int?)5, (int?)plan.Id, (DateTimeOffset?)new DateTimeOffset(2023, 5, 31, 17, 0, 0, TimeSpan.Zero)), (voucher.Kind, voucher.Value, voucher.MaxUses, voucher.PlanId, voucher.ExpiresAt));

        var (_, browser) = await app.SignedInReaderAsync("voucher-admin@pembaca.test");
        await browser.SubscribeAsync(plan.Slug, "HEMAT20");
        Assert.Equal("1 dari 5", (await admin.GetPageAsync(MemberRoutes.AdminVouchers)).Text("#voucher-HEMAT20 .uses"));

        await (await admin.SubmitAsync(MemberRoutes.AdminVouchers, new() { ["id"] = voucher.Id.ToString() }, MemberRoutes.AdminVouchers + "?handler=Deactivate")).DocumentAsync();
        var (_, late) = await app.SignedInReaderAsync("voucher-telat@pembaca.test");
        Assert.Equal("Voucher ini sudah tidak berlaku.", (await (await late.SubscribeAsync(plan.Slug, "HEMAT20")).DocumentAsync(400)).Text("#checkout-error"));
        Assert.Equal(2, (await AuditAsync(MemberAudit.VoucherSave)).Count(e => e.Subject == "voucher:HEMAT20"));
    }

    [Fact]
    public async Task An_admin_finds_a_member_extends_and_ends_the_subscription_and_both_are_audited()
    {
        var admin = await AdminAsync();
        var plan = await app.PlanAsync("paket-anggota");
        var reader = await app.ReaderAsync("dicari@pembaca.test");
        var found = await admin.GetPageAsync(MemberRoutes.AdminMembers + "?q=DICARI@");
        Assert.Equal(["dicari@pembaca.test"], found.QuerySelectorAll("table.members td a").Select(a => a.TextContent));
        Assert.Equal(MemberRoutes.AdminMemberUrlOf(reader.Id), found.QuerySelector("table.members td a")!.GetAttribute("href"));

        var page = MemberRoutes.AdminMemberUrlOf(reader.Id);
        var bad = await admin.SubmitAsync(page, new() { ["days"] = "0", ["plan"] = plan.Slug }, page + "?handler=Extend");
        Assert.Equal("Jumlah hari dari 1 sampai 3660.", (await bad.DocumentAsync(400)).Text("[data-field=days]"));
        Assert.Empty(await app.PeriodsAsync(reader.Id));

        var now = app.Clock.GetUtcNow();
        await (await admin.SubmitAsync(page, new() { ["days"] = "30", ["plan"] = plan.Slug }, page + "?handler=Extend")).DocumentAsync();
        await (await admin.SubmitAsync(page, new() { ["days"] = "10", ["plan"] = plan.Slug }, page + "?handler=Extend")).DocumentAsync();
        Assert.Equal([(now, now.AddDays(30), SubscriptionSources.Admin), (now.AddDays(30), now.AddDays(40), SubscriptionSources.Admin)],
            (await app.PeriodsAsync(reader.Id)).Select(p => (p.StartsAt, p.EndsAt, p.Source)));
        Assert.Equal(Indonesian.DateTime(now.AddDays(40)), (await admin.GetPageAsync(page)).Text("#access-ends"));

        await (await admin.SubmitAsync(page, new(), page + "?handler=End")).DocumentAsync();
        Assert.All(await app.PeriodsAsync(reader.Id), p => Assert.Equal(now, p.EndedAt));
        using (var scope = app.Services.CreateScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<Entitlements>().HasPremiumAsync(reader.Id));
        var extended = (await AuditAsync(MemberAudit.SubscriptionExtend)).Where(e => e.Subject == "dicari@pembaca.test").ToList();
        Assert.Equal([$"30 hari Paket paket-anggota, {Indonesian.DateTime(now)} sampai {Indonesian.DateTime(now.AddDays(30))}", $"10 hari Paket paket-anggota, {Indonesian.DateTime(now.AddDays(30))} sampai {Indonesian.DateTime(now.AddDays(40))}"],
            extended.Select(e => e.Detail));
        var ended = Assert.Single(await AuditAsync(MemberAudit.SubscriptionEnd), e => e.Subject == "dicari@pembaca.test");
        Assert.StartsWith("admin-", ended.Actor);
    }

    [Fact]
    public async Task Revenue_adds_up_active_orders_by_wib_day_and_by_plan_leaving_out_refunds_and_unpaid_orders()
    {
        var admin = await AdminAsync();
        var monthly = await app.PlanAsync("paket-pendapatan-bulan", price: 49_000);
        var yearly = await app.PlanAsync("paket-pendapatan-tahun", BillingPeriod.Yearly, 490_000);
        var reader = await app.ReaderAsync("pendapatan@pembaca.test");
        // 2 May 16:59 UTC is 23:59 WIB on 2 May; 17:00 UTC is already 3 May in Jakarta.
        var lateOn2May = new DateTimeOffset(2023, 5, 2, 16, 59, 0, TimeSpan.Zero);
        var earlyOn3May = new DateTimeOffset(2023, 5, 2, 17, 0, 0, TimeSpan.Zero);
        await app.InDbAsync(async db =>
        {
            var n = 0;
            void Add(Plan plan, long amount, OrderStatus status, DateTimeOffset? paid, string kind = OrderKinds.Subscription) => db.Orders.Add(new Order
            {
                Number = $"WRT-UJI-{++n}", ReaderId = reader.Id, Kind = kind, Reference = kind == OrderKinds.Subscription ? plan.Slug : "kelas-uji", Description = "uji",
                AmountRupiah = amount, Status = status, Gateway = "transfer", CreatedAt = paid ?? lateOn2May, ExpiresAt = lateOn2May.AddDays(1), PaidAt = paid, Version = Guid.NewGuid(),
            });
            Add(monthly, 49_000, OrderStatus.Active, lateOn2May);
            Add(yearly, 490_000, OrderStatus.Active, lateOn2May.AddMinutes(-30));
            Add(monthly, 36_750, OrderStatus.Active, earlyOn3May);
            Add(monthly, 49_000, OrderStatus.Refunded, earlyOn3May);
            Add(monthly, 49_000, OrderStatus.Pending, null);
            Add(monthly, 750_000, OrderStatus.Active, earlyOn3May.AddHours(2), OrderKinds.Course);
            return await db.SaveChangesAsync();
        });

        var page = await admin.GetPageAsync(MemberRoutes.AdminRevenue + "?dari=2023-05-02&sampai=2023-05-03");
        Assert.Equal([("2023-05-02", "2", "Rp 539.000"), ("2023-05-03", "2", "Rp 786.750")],
            page.QuerySelectorAll(".revenue-days tbody tr").Select(r => (r.GetAttribute("data-day"), r.QuerySelector(".orders")!.TextContent, r.QuerySelector(".rupiah")!.TextContent)));
        Assert.Equal(("4", "Rp 1.325.750"), (page.Text("#revenue-total .orders"), page.Text("#revenue-total .rupiah")));
        Assert.Equal([("Kelas Akademi", "1", "Rp 750.000"), ("Paket paket-pendapatan-tahun", "1", "Rp 490.000"), ("Paket paket-pendapatan-bulan", "2", "Rp 85.750")],
            page.QuerySelectorAll(".revenue-plans tbody tr").Select(r => (r.QuerySelector(".plan")!.TextContent, r.QuerySelector(".orders")!.TextContent, r.QuerySelector(".rupiah")!.TextContent)));
        Assert.Equal("Rentang 1 sampai 366 hari, tanggal awal lebih dulu.", (await admin.GetPageAsync(MemberRoutes.AdminRevenue + "?dari=2023-05-04&sampai=2023-05-03", 400)).Text("[data-field=dari]"));
    }
}
