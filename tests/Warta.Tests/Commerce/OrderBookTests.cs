using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Commerce;

namespace Warta.Tests.Commerce;

/// <summary>The order state machine: every move in one transaction with its activation or release and its invoice.</summary>
public class OrderBookTests(CommerceFactory app) : IClassFixture<CommerceFactory>
{
    [Fact]
    public async Task Twenty_parallel_payments_of_one_order_activate_it_exactly_once_and_issue_one_invoice()
    {
        var order = await app.OpenOrderAsync(await app.ReaderAsync());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => app.MoveAsync(order.Number, OrderStatus.Paid))));

        Assert.Equal(1, outcomes.Count(o => o == MoveOutcome.Applied));
        Assert.Equal(19, outcomes.Count(o => o == MoveOutcome.AlreadyThere));
        Assert.Equal(OrderStatus.Active, (await app.OrderAsync(order.Number)).Status);
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, order.Number));
        Assert.Equal(1, await app.InDbAsync(db => db.Subscriptions.CountAsync(s => s.OrderId == order.Id)));
        Assert.Equal(1, await app.InDbAsync(db => db.Invoices.CountAsync(i => i.OrderId == order.Id)));
    }

    [Fact]
    public async Task Invoice_numbers_stay_gap_free_when_twenty_orders_are_paid_at_once()
    {
        var reader = await app.ReaderAsync();
        var orders = new List<Order>();
        for (var i = 0; i < 20; i++) orders.Add(await app.OpenOrderAsync(reader, amount: 10_000 + i));

        var outcomes = await Task.WhenAll(orders.Select(o => Task.Run(() => app.MoveAsync(o.Number, OrderStatus.Paid))));

        Assert.All(outcomes, o => Assert.Equal(MoveOutcome.Applied, o));
        var invoices = await app.InDbAsync(db => db.Invoices.AsNoTracking().ToListAsync());
        // Every invoice of the year, these and any other test's, numbered 1..n without a gap or a repeat.
        Assert.Equal(Enumerable.Range(1, invoices.Count), invoices.Select(i => i.Sequence).Order());
        Assert.All(invoices, i => Assert.Equal($"INV/{i.Year}/{i.Sequence:D6}", i.Number));
        var mine = invoices.Where(i => orders.Any(o => o.Id == i.OrderId)).ToList();
        Assert.Equal(20, mine.Count);
        Assert.All(mine, i => Assert.Equal(orders.Single(o => o.Id == i.OrderId).AmountRupiah, i.AmountRupiah));
    }

    [Theory]
    [InlineData(OrderStatus.Refunded)]
    [InlineData(OrderStatus.Active)]
    [InlineData(OrderStatus.Pending)]
    public async Task A_pending_order_refuses_moves_the_state_machine_does_not_allow(OrderStatus to)
    {
        var order = await app.OpenOrderAsync(await app.ReaderAsync());

        var outcome = await app.MoveAsync(order.Number, to);

        Assert.Equal(to == OrderStatus.Pending ? MoveOutcome.AlreadyThere : MoveOutcome.Refused, outcome);
        Assert.Equal(OrderStatus.Pending, (await app.OrderAsync(order.Number)).Status);
        Assert.Equal(0, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, order.Number));
        Assert.Equal(0, await app.FulfilmentsAsync(AuditedAccessFulfiller.Released, order.Number));
    }

    [Fact]
    public async Task An_active_order_cannot_expire_be_cancelled_or_denied_and_a_refunded_one_cannot_be_paid_again()
    {
        var order = await app.OpenOrderAsync(await app.ReaderAsync());
        Assert.Equal(MoveOutcome.Applied, await app.MoveAsync(order.Number, OrderStatus.Paid));

        Assert.Equal(MoveOutcome.Refused, await app.MoveAsync(order.Number, OrderStatus.Expired));
        Assert.Equal(MoveOutcome.Refused, await app.MoveAsync(order.Number, OrderStatus.Cancelled));
        Assert.Equal(MoveOutcome.Refused, await app.MoveAsync(order.Number, OrderStatus.Denied));
        Assert.Equal(MoveOutcome.Applied, await app.MoveAsync(order.Number, OrderStatus.Refunded));
        Assert.Equal(MoveOutcome.Refused, await app.MoveAsync(order.Number, OrderStatus.Paid));

        Assert.Equal(OrderStatus.Refunded, (await app.OrderAsync(order.Number)).Status);
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, order.Number));
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Released, order.Number));
    }

    [Fact]
    public async Task Money_that_arrives_after_expiry_activates_the_order_and_a_refund_then_releases_it_once_more()
    {
        var order = await app.OpenOrderAsync(await app.ReaderAsync());

        Assert.Equal(MoveOutcome.Applied, await app.MoveAsync(order.Number, OrderStatus.Expired));
        Assert.Equal(MoveOutcome.Applied, await app.MoveAsync(order.Number, OrderStatus.Paid));
        Assert.Equal(MoveOutcome.Applied, await app.MoveAsync(order.Number, OrderStatus.Refunded));
        Assert.Equal(MoveOutcome.AlreadyThere, await app.MoveAsync(order.Number, OrderStatus.Refunded));

        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Activated, order.Number));
        Assert.Equal(2, await app.FulfilmentsAsync(AuditedAccessFulfiller.Released, order.Number));
        Assert.Equal(0, await app.InDbAsync(db => db.Subscriptions.CountAsync(s => s.OrderId == order.Id && s.EndedAt == null)));
    }

    [Fact]
    public async Task A_checkout_of_nothing_due_activates_at_once_without_an_invoice_and_without_a_gateway_waits_for_a_transfer()
    {
        var reader = await app.ReaderAsync();

        var free = await app.CheckoutAsync(reader, amount: 0);
        var transfer = await app.CheckoutAsync(reader, amount: 49_000);

        Assert.Equal(CommerceRoutes.Order(free.OrderNumber), free.RedirectUrl);
        Assert.Equal(OrderStatus.Active, (await app.OrderAsync(free.OrderNumber)).Status);
        var freeOrder = await app.OrderAsync(free.OrderNumber);
        Assert.False(await app.InDbAsync(db => db.Invoices.AnyAsync(i => i.OrderId == freeOrder.Id)));
        Assert.Equal(CommerceRoutes.Order(transfer.OrderNumber), transfer.RedirectUrl);
        var waiting = await app.OrderAsync(transfer.OrderNumber);
        Assert.Equal((OrderStatus.Pending, Checkout.Transfer), (waiting.Status, waiting.Gateway));
    }
}

/// <summary>The sweep runs on the app's clock: moving the fake clock past an order's time to pay is what expires it.</summary>
public class OrderExpirySweepTests(CommerceFactory app) : IClassFixture<CommerceFactory>
{
    [Fact]
    public async Task The_sweep_expires_a_pending_order_only_once_its_day_to_pay_has_passed_and_releases_it_once()
    {
        var order = await app.OpenOrderAsync(await app.ReaderAsync());
        var sweep = app.Services.GetRequiredService<OrderExpirySweep>();

        app.Clock.Advance(OrderBook.PendingLifetime - TimeSpan.FromMinutes(1));
        await sweep.SweepAsync(CancellationToken.None);
        Assert.Equal(OrderStatus.Pending, (await app.OrderAsync(order.Number)).Status);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await sweep.SweepAsync(CancellationToken.None);
        await sweep.SweepAsync(CancellationToken.None);

        var expired = await app.OrderAsync(order.Number);
        Assert.Equal(OrderStatus.Expired, expired.Status);
        Assert.Equal(app.Clock.GetUtcNow(), expired.ClosedAt);
        Assert.Equal(1, await app.FulfilmentsAsync(AuditedAccessFulfiller.Released, order.Number));
    }
}
