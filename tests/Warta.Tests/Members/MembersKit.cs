using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Members;

namespace Warta.Tests.Members;

/// <summary>Plans, vouchers and signed-in readers for the members' tests.</summary>
public static class MembersKit
{
    public const string Password = "kata-sandi-pembaca-1";

    public static async Task<Plan> PlanAsync(this WartaFactory app, string slug, BillingPeriod period = BillingPeriod.Monthly, long price = 49_000, int trialDays = 0)
    {
        using var scope = app.Services.CreateScope();
        var (plan, errors) = await scope.ServiceProvider.GetRequiredService<PlanWriter>().CreatePlanAsync(new PlanInput
        {
            Slug = slug, Name = "Paket " + slug, Period = period.ToString(), Price = price.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TrialDays = trialDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, null);
        Assert.True(plan is not null, errors.ToString());
        return plan;
    }

    public static async Task<Voucher> VoucherAsync(this WartaFactory app, string code, VoucherKind kind, long value, int? maxUses = null, int? planId = null, DateTimeOffset? expiresAt = null)
    {
        using var scope = app.Services.CreateScope();
        var db = app.Db(scope);
        var voucher = db.Vouchers.Add(new Voucher
        {
            Code = code, Kind = kind, Value = value, MaxUses = maxUses, PlanId = planId, ExpiresAt = expiresAt, CreatedAt = app.Clock.GetUtcNow(), Version = Guid.NewGuid(),
        }).Entity;
        await db.SaveChangesAsync();
        return voucher;
    }

    public static async Task<ReaderUser> ReaderAsync(this WartaFactory app, string email, bool confirmed = true)
    {
        using var scope = app.Services.CreateScope();
        var reader = new ReaderUser { UserName = email, Email = email, DisplayName = "Pembaca " + email.Split('@')[0], EmailConfirmed = confirmed, CreatedAt = app.Clock.GetUtcNow() };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<ReaderUser>>().CreateAsync(reader, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return reader;
    }

    /// <summary>A reader account and a browser signed in to it through the sign-in page.</summary>
    public static async Task<(ReaderUser Reader, HttpClient Browser)> SignedInReaderAsync(this WartaFactory app, string email, bool confirmed = true)
    {
        var reader = await app.ReaderAsync(email, confirmed);
        var browser = app.Browser();
        var response = await browser.SubmitAsync("/akun/masuk", new() { ["Email"] = email, ["Password"] = Password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {email} answered {(int)response.StatusCode}");
        return (reader, browser);
    }

    /// <summary>Presses the checkout page's "Bayar" for the plan, with the voucher typed.</summary>
    public static Task<HttpResponseMessage> SubscribeAsync(this HttpClient browser, string slug, string? voucher = null)
    {
        var page = MemberRoutes.CheckoutUrlOf(slug) + (voucher is null ? "" : "?voucher=" + Uri.EscapeDataString(voucher));
        return browser.SubmitAsync(page, voucher is null ? new() : new() { ["Voucher"] = voucher });
    }

    public static Task<List<Subscription>> PeriodsAsync(this WartaFactory app, Guid readerId) =>
        app.InDbAsync(db => db.Subscriptions.AsNoTracking().Where(s => s.ReaderId == readerId).OrderBy(s => s.StartsAt).ToListAsync());

    public static Task<List<Order>> OrdersAsync(this WartaFactory app, Guid readerId) =>
        app.InDbAsync(db => db.Orders.AsNoTracking().Where(o => o.ReaderId == readerId).OrderBy(o => o.Id).ToListAsync());

    public static async Task<MoveOutcome> MoveAsync(this WartaFactory app, string number, OrderStatus to)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrderBook>().MoveAsync(number, to);
    }
}
