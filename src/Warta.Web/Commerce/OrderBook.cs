using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Commerce;

/// <summary>What became of a request to move an order.</summary>
public enum MoveOutcome
{
    /// <summary>The order moved (and was activated or released if the move calls for it).</summary>
    Applied,
    /// <summary>The order already stood there: a repeated notification, nothing done.</summary>
    AlreadyThere,
    /// <summary>The move is not allowed from where the order stands (a late "pending" after payment): nothing done.</summary>
    Refused,
    /// <summary>No order has that number.</summary>
    Unknown,
}

/// <summary>
/// The one place orders are opened and moved. Every move runs in a transaction that also activates or releases what
/// the order bought (through its kind's <see cref="IOrderFulfiller"/>) and issues the invoice, so an order activates
/// exactly once however many notifications arrive, in whatever order, on however many nodes.
/// </summary>
public sealed class OrderBook(WartaDb db, IEnumerable<IOrderFulfiller> fulfillers, TimeProvider clock, ILogger<OrderBook> log)
{
    /// <summary>How long a reader has to pay before a pending order expires (Snap's own default is a day).</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromHours(24);

    /// <summary>A move that lost a race (another node moved the same order, took the same invoice number) looks again.</summary>
    const int MaxAttempts = 8;

    const string NumberAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<Order> OpenAsync(Guid readerId, OrderDraft draft, string gateway, CancellationToken ct = default)
    {
        if (draft.AmountRupiah < 0 || draft.DiscountRupiah < 0) throw new ArgumentException("An amount cannot be negative.", nameof(draft));
        _ = Fulfiller(draft.Kind);
        var now = clock.GetUtcNow();
        var order = new Order
        {
            Number = NewNumber(now),
            ReaderId = readerId,
            Kind = draft.Kind,
            Reference = draft.Reference,
            Description = draft.Description,
            AmountRupiah = draft.AmountRupiah,
            DiscountRupiah = draft.DiscountRupiah,
            VoucherCode = draft.VoucherCode,
            Status = OrderStatus.Pending,
            Gateway = gateway,
            CreatedAt = now,
            ExpiresAt = now + PendingLifetime,
            Version = Guid.NewGuid(),
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);
        return order;
    }

    /// <summary>
    /// Moves the order to <paramref name="to"/>. Paid means paid and activated in one step (its status ends Active).
    /// Allowed: Pending → Paid/Expired/Cancelled/Denied; Expired or Cancelled → Paid (the money arrived after all);
    /// Active → Refunded. Anything else is refused and changes nothing.
    /// </summary>
    public Task<MoveOutcome> MoveAsync(string number, OrderStatus to, string? paymentType = null, CancellationToken ct = default) =>
        MoveAsync(number, to, paymentType, alongside: null, ct);

    /// <summary>
    /// The same move, with <paramref name="alongside"/> adding what must be saved with it (the audit entry of an admin's
    /// action) in the same transaction; it runs only when the order actually moves.
    /// </summary>
    public async Task<MoveOutcome> MoveAsync(string number, OrderStatus to, string? paymentType, Action<WartaDb, Order>? alongside, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var order = await db.Orders.SingleOrDefaultAsync(o => o.Number == number, ct);
            if (order is null) return MoveOutcome.Unknown;
            var target = to == OrderStatus.Paid ? OrderStatus.Active : to;
            if (order.Status == target || (to == OrderStatus.Paid && order.Status == OrderStatus.Paid)) return MoveOutcome.AlreadyThere;
            if (!Allowed(order.Status, to)) return MoveOutcome.Refused;

            // Claim the order before anything else: a node moving the same order at the same moment waits here for this
            // transaction (PostgreSQL's row lock, SQLite's write lock) and then finds the version changed, so what the order
            // holds is activated or released by one mover only, never twice.
            var claimed = await db.Orders.Where(o => o.Number == number && o.Version == order.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Version, o => o.Version), ct);
            if (claimed == 0)
            {
                await tx.RollbackAsync(ct);
                if (attempt >= MaxAttempts) throw new DbUpdateConcurrencyException($"Order {number} kept moving under this move.");
                continue;
            }

            var now = clock.GetUtcNow();
            var fulfiller = Fulfiller(order.Kind);
            try
            {
                if (to == OrderStatus.Paid)
                {
                    order.PaidAt ??= now;
                    order.PaymentType = paymentType ?? order.PaymentType;
                    order.ClosedAt = null;
                    await fulfiller.ActivateAsync(db, order, ct);
                    order.Status = OrderStatus.Active;
                    order.ActivatedAt = now;
                    if (order.AmountRupiah > 0) await IssueInvoiceAsync(order, now, ct);
                }
                else
                {
                    // A seat held by a pending order frees when it expires; a refund takes back what was given.
                    await fulfiller.ReleaseAsync(db, order, ct);
                    order.Status = to;
                    order.ClosedAt = now;
                }
                order.Version = Guid.NewGuid();
                alongside?.Invoke(db, order);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                log.LogInformation("Order {Number} moved to {Status}", number, order.Status);
                return MoveOutcome.Applied;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another node moved the same order (its version changed) or took the same invoice number: look again.
                await tx.RollbackAsync(ct);
            }
        }
    }

    /// <summary>
    /// Takes the next attempt to pay the order at its gateway and returns the order id the gateway is to know it by. Taken
    /// by compare-and-set, so two retries at once (two tabs, two nodes) never send the gateway the same id.
    /// </summary>
    public async Task<string> NextGatewayOrderIdAsync(Order order, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var taken = await db.Orders.Where(o => o.Id == order.Id).Select(o => o.GatewayAttempts).SingleAsync(ct);
            var next = taken + 1;
            if (await db.Orders.Where(o => o.Id == order.Id && o.GatewayAttempts == taken)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.GatewayAttempts, next), ct) == 1)
            {
                order.GatewayAttempts = next;
                return GatewayOrderIds.Of(order.Number, next);
            }
            if (attempt >= MaxAttempts) throw new DbUpdateConcurrencyException($"Order {order.Number} kept taking gateway attempts under this one.");
        }
    }

    /// <summary>The order a gateway's order id belongs to, and which attempt to pay it that id was; null when it is none of ours.</summary>
    public async Task<(Order Order, int Attempt)?> ByGatewayOrderIdAsync(string gatewayOrderId, CancellationToken ct)
    {
        if (await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Number == gatewayOrderId, ct) is { } first) return (first, 1);
        if (GatewayOrderIds.Retry(gatewayOrderId) is not var (number, attempt)) return null;
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Number == number, ct);
        // Only an id Warta actually sent: a made-up attempt number names nothing.
        return order is not null && attempt <= order.GatewayAttempts ? (order, attempt) : null;
    }

    /// <summary>Expires every pending order whose time to pay ran out, releasing what each held; returns how many it expired.</summary>
    public async Task<int> ExpireOverdueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var overdue = await db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.Pending && o.ExpiresAt <= now)
            .OrderBy(o => o.ExpiresAt).Select(o => o.Number).Take(500).ToListAsync(ct);
        var expired = 0;
        foreach (var number in overdue)
            if (await MoveAsync(number, OrderStatus.Expired, ct: ct) == MoveOutcome.Applied) expired++;
        return expired;
    }

    /// <summary>Keeps the gateway's token and page on the order, so the reader can come back to pay.</summary>
    public async Task RecordPaymentPageAsync(Order order, GatewayPayment payment, CancellationToken ct)
    {
        order.GatewayToken = payment.Token;
        order.PaymentUrl = payment.PaymentUrl;
        // Written by key, so an order read without tracking (a reader's order page) is kept too; the status is not touched.
        await db.Orders.Where(o => o.Id == order.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.GatewayToken, payment.Token).SetProperty(o => o.PaymentUrl, payment.PaymentUrl), ct);
    }

    static bool Allowed(OrderStatus from, OrderStatus to) => (from, to) switch
    {
        (OrderStatus.Pending, OrderStatus.Paid or OrderStatus.Expired or OrderStatus.Cancelled or OrderStatus.Denied) => true,
        (OrderStatus.Expired or OrderStatus.Cancelled, OrderStatus.Paid) => true,
        (OrderStatus.Active, OrderStatus.Refunded) => true,
        _ => false,
    };

    async Task IssueInvoiceAsync(Order order, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Invoices.AnyAsync(i => i.OrderId == order.Id, ct)) return;
        // On PostgreSQL, transactions paying different orders would read the same last number and all but one fail on
        // the unique index, over and over; this lock (released at commit) makes them take numbers in turn. SQLite's
        // write transactions already run one at a time.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7240012)", ct);
        var year = Indonesian.ToWib(now).Year;
        var last = await db.Invoices.Where(i => i.Year == year).MaxAsync(i => (int?)i.Sequence, ct) ?? 0;
        db.Invoices.Add(new Invoice
        {
            Number = $"INV/{year}/{last + 1:D6}",
            Year = year,
            Sequence = last + 1,
            OrderId = order.Id,
            ReaderId = order.ReaderId,
            AmountRupiah = order.AmountRupiah,
            IssuedAt = now,
        });
    }

    IOrderFulfiller Fulfiller(string kind) =>
        fulfillers.FirstOrDefault(f => f.Kind == kind) ?? throw new InvalidOperationException($"No feature fulfils orders of kind '{kind}'.");

    static string NewNumber(DateTimeOffset now)
    {
        Span<char> tail = stackalloc char[6];
        for (var i = 0; i < tail.Length; i++) tail[i] = NumberAlphabet[RandomNumberGenerator.GetInt32(NumberAlphabet.Length)];
        return $"WRT-{Indonesian.ToWib(now):yyyyMMdd}-{tail}";
    }
}
