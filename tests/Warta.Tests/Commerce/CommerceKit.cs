using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Warta.Fakes;
using Warta.Tests.Infrastructure;
using Warta.Web.Accounts;
using Warta.Web.Accounts.Readers;
using Warta.Web.Commerce;
using Warta.Web.Data;

namespace Warta.Tests.Commerce;

/// <summary>
/// Stands in for the features that fulfil orders (Members, Academy): activation grants 30 days of access, release ends
/// it, and each writes an audit line in the move's own transaction, so a test counts exactly what was committed.
/// </summary>
public sealed class AuditedAccessFulfiller(TimeProvider clock) : IOrderFulfiller
{
    public const string OrderKind = "test-access";
    public const string Activated = "test.activate";
    public const string Released = "test.release";

    public string Kind => OrderKind;

    public Task ActivateAsync(WartaDb db, Order order, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        db.Subscriptions.Add(new Subscription
        {
            ReaderId = order.ReaderId, PlanName = order.Description, StartsAt = now, EndsAt = now.AddDays(30), Source = "order", OrderId = order.Id, CreatedAt = now,
        });
        AuditLog.Add(db, clock, "fulfiller", Activated, order.Number);
        return Task.CompletedTask;
    }

    public async Task ReleaseAsync(WartaDb db, Order order, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var period in await db.Subscriptions.Where(s => s.OrderId == order.Id && s.EndedAt == null).ToListAsync(ct)) period.EndedAt = now;
        AuditLog.Add(db, clock, "fulfiller", Released, order.Number);
    }
}

/// <summary>A Warta with <see cref="AuditedAccessFulfiller"/>, optional extra settings (a fake Midtrans), or a second node on another's database.</summary>
public class CommerceFactory : WartaFactory
{
    public CommerceFactory() : this(null, new Dictionary<string, string?>())
    {
    }

    protected CommerceFactory(CommerceFactory? shareWith, IDictionary<string, string?> settings)
        : base(shareWith, new Dictionary<string, string?>(settings) { ["Warta:Staff:LoginAttemptsPerMinute"] = "100000" })
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddScoped<IOrderFulfiller, AuditedAccessFulfiller>());
    }
}

/// <summary>A Warta with settings of its own, or a second node on <c>shareWith</c>'s database.</summary>
public sealed class CommerceNode(CommerceFactory? shareWith, IDictionary<string, string?> settings) : CommerceFactory(shareWith, settings);

/// <summary>A fake Midtrans and a Warta configured with it, notifications flowing from the one to the other.</summary>
public sealed class MidtransSite : IAsyncDisposable
{
    MidtransSite(FakeMidtrans midtrans, CommerceFactory app)
    {
        Midtrans = midtrans;
        App = app;
    }

    public FakeMidtrans Midtrans { get; }
    public CommerceFactory App { get; }

    public static async Task<MidtransSite> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var midtrans = await FakeMidtrans.StartAsync();
        var all = midtrans.WartaSettings;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var app = new CommerceNode(null, all);
        midtrans.NotifyThrough(app.CreateClient());
        return new MidtransSite(midtrans, app);
    }

    public async ValueTask DisposeAsync()
    {
        await Midtrans.DisposeAsync();
        App.Dispose();
    }
}

public static class CommerceKit
{
    public const string Password = "kata-sandi-pembaca-1";

    public static async Task<ReaderUser> ReaderAsync(this WartaFactory app, string? email = null)
    {
        email ??= $"pembaca-{Guid.NewGuid():N}@pembaca.test";
        using var scope = app.Services.CreateScope();
        var readers = scope.ServiceProvider.GetRequiredService<ReaderUserManager>();
        var reader = new ReaderUser { UserName = email, Email = email, DisplayName = "Sari Pembaca", CreatedAt = app.Clock.GetUtcNow(), EmailConfirmed = true };
        var created = await readers.CreateAsync(reader, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return reader;
    }

    /// <summary>A browser signed in as <paramref name="reader"/> through the reader sign-in page.</summary>
    public static async Task<HttpClient> SignedInReaderAsync(this WartaFactory app, ReaderUser reader)
    {
        var browser = app.Browser();
        var response = await browser.SubmitAsync(ReaderAccess.SignInPath, new() { ["Email"] = reader.Email!, ["Password"] = Password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"reader sign-in answered {(int)response.StatusCode}");
        return browser;
    }

    public static async Task<CheckoutStart> CheckoutAsync(this WartaFactory app, ReaderUser reader, long amount = 49_000, string description = "Premium bulanan")
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ICheckout>().StartAsync(reader, new OrderDraft(AuditedAccessFulfiller.OrderKind, "premium-bulanan", description, amount));
    }

    /// <summary>An order opened straight in the order book, as a checkout without a gateway leaves it: pending.</summary>
    public static async Task<Order> OpenOrderAsync(this WartaFactory app, ReaderUser reader, long amount = 49_000, string gateway = Checkout.Transfer)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrderBook>().OpenAsync(reader.Id, new OrderDraft(AuditedAccessFulfiller.OrderKind, "premium-bulanan", "Premium bulanan", amount), gateway);
    }

    public static async Task<MoveOutcome> MoveAsync(this WartaFactory app, string number, OrderStatus to)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrderBook>().MoveAsync(number, to);
    }

    public static Task<Order> OrderAsync(this WartaFactory app, string number) =>
        app.InDbAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Number == number));

    /// <summary>How many times the fulfiller activated or released the order (audit lines committed with the moves).</summary>
    public static Task<int> FulfilmentsAsync(this WartaFactory app, string action, string number) =>
        app.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == action && e.Subject == number));

    public static Task<List<PaymentNotice>> NoticesAsync(this WartaFactory app, string number) =>
        app.InDbAsync(db => db.PaymentNotices.AsNoTracking().Where(n => n.OrderNumber == number).OrderBy(n => n.Id).ToListAsync());
}
