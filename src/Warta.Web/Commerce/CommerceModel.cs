using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Warta.Web.Commerce;

/// <summary>How often a plan is paid for.</summary>
public enum BillingPeriod
{
    Monthly,
    Yearly,
}

/// <summary>A subscription a reader can buy (premium-bulanan, premium-tahunan). Prices are whole rupiah.</summary>
public sealed class Plan
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public BillingPeriod Period { get; set; }
    public long PriceRupiah { get; set; }
    /// <summary>Days of access before the first period, for a reader who has never subscribed; 0 for none.</summary>
    public int TrialDays { get; set; }
    /// <summary>Only active plans are offered; an old plan stays for the subscriptions and orders that name it.</summary>
    public bool Active { get; set; } = true;
    public int SortOrder { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What a voucher gives.</summary>
public enum VoucherKind
{
    /// <summary><see cref="Voucher.Value"/> percent off the price (1–100).</summary>
    PercentOff,
    /// <summary><see cref="Voucher.Value"/> rupiah off the price.</summary>
    AmountOff,
    /// <summary><see cref="Voucher.Value"/> days of access without payment.</summary>
    FreeDays,
}

public sealed class Voucher
{
    public int Id { get; set; }
    /// <summary>Upper case, as typed by readers in any case.</summary>
    public required string Code { get; set; }
    public VoucherKind Kind { get; set; }
    public long Value { get; set; }
    /// <summary>How many times it may be redeemed in all; null for no limit.</summary>
    public int? MaxUses { get; set; }
    public int Uses { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>The plan it applies to; null for every plan.</summary>
    public int? PlanId { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Changes on every redemption, so two readers cannot take the last use at once.</summary>
    public Guid Version { get; set; }
}

/// <summary>A period in which a reader may read premium stories. Renewals and extensions add periods; nothing is overwritten.</summary>
public sealed class Subscription
{
    public long Id { get; set; }
    public Guid ReaderId { get; set; }
    public int? PlanId { get; set; }
    /// <summary>The plan's name when granted, kept for the reader's history even if the plan is renamed.</summary>
    public required string PlanName { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    /// <summary>Set when staff end it early or a refund takes it back; access stops then.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Where it came from: order, trial, voucher, admin, cli.</summary>
    public required string Source { get; set; }
    public long? OrderId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Where an order stands. Pending → Paid (capture or settlement) → Active; or Expired, Cancelled, Denied, Refunded.</summary>
public enum OrderStatus
{
    Pending,
    Paid,
    Active,
    Expired,
    Cancelled,
    Denied,
    Refunded,
}

/// <summary>
/// Something a reader buys: a plan period or a course seat. <see cref="Kind"/> names the feature that fulfils it
/// (<see cref="IOrderFulfiller"/>), <see cref="Reference"/> what it is within that feature.
/// </summary>
public sealed class Order
{
    public long Id { get; set; }
    /// <summary>The order id the gateway and the reader see, e.g. WRT-20261202-8F3K2Q; unique.</summary>
    public required string Number { get; set; }
    public Guid ReaderId { get; set; }
    public required string Kind { get; set; }
    public required string Reference { get; set; }
    public required string Description { get; set; }
    /// <summary>What the reader pays, after any discount (the gateway's gross amount).</summary>
    public long AmountRupiah { get; set; }
    public long DiscountRupiah { get; set; }
    public string? VoucherCode { get; set; }
    public OrderStatus Status { get; set; }
    /// <summary>midtrans, transfer (marked paid by an admin) or free.</summary>
    public required string Gateway { get; set; }
    public string? GatewayToken { get; set; }
    public string? PaymentUrl { get; set; }
    /// <summary>
    /// How many transactions were asked of the gateway for this order. Each has its own order id there
    /// (<see cref="GatewayOrderIds"/>): a gateway refuses an order id it may already hold, so a retry after a lost reply asks anew.
    /// </summary>
    public int GatewayAttempts { get; set; }
    /// <summary>The gateway's order id of the transaction that paid the order (what a refund names); null until paid through a gateway.</summary>
    public string? GatewayOrderId { get; set; }
    /// <summary>The payment method the gateway reported (bank_transfer, gopay, qris, credit_card…).</summary>
    public string? PaymentType { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }
    /// <summary>When it became Expired, Cancelled, Denied or Refunded.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Changes on every status change, so two notifications cannot move one order twice.</summary>
    public Guid Version { get; set; }
}

/// <summary>The receipt of a paid order, numbered without gaps per year (INV/2026/000042).</summary>
public sealed class Invoice
{
    public long Id { get; set; }
    public required string Number { get; set; }
    public int Year { get; set; }
    public int Sequence { get; set; }
    public long OrderId { get; set; }
    public Guid ReaderId { get; set; }
    public long AmountRupiah { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
}

/// <summary>Every notification the gateway sent, kept as received, with what Warta made of it.</summary>
public sealed class PaymentNotice
{
    public long Id { get; set; }
    public required string OrderNumber { get; set; }
    public string? TransactionStatus { get; set; }
    public bool SignatureValid { get; set; }
    /// <summary>What happened: applied, duplicate, stale, rejected (and why).</summary>
    public required string Outcome { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.HasIndex(p => p.Slug).IsUnique();
        b.Property(p => p.Slug).HasMaxLength(80);
        b.Property(p => p.Name).HasMaxLength(120);
        b.Property(p => p.Description).HasMaxLength(1000);
    }
}

sealed class VoucherConfiguration : IEntityTypeConfiguration<Voucher>
{
    public void Configure(EntityTypeBuilder<Voucher> b)
    {
        b.HasIndex(v => v.Code).IsUnique();
        b.Property(v => v.Code).HasMaxLength(40);
        b.Property(v => v.Version).IsConcurrencyToken();
        b.HasOne<Plan>().WithMany().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.HasIndex(s => new { s.ReaderId, s.EndsAt });
        b.Property(s => s.PlanName).HasMaxLength(120);
        b.Property(s => s.Source).HasMaxLength(20);
        b.HasOne<Accounts.Readers.ReaderUser>().WithMany().HasForeignKey(s => s.ReaderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.HasIndex(o => o.Number).IsUnique();
        b.HasIndex(o => new { o.ReaderId, o.CreatedAt });
        b.HasIndex(o => new { o.Status, o.ExpiresAt });
        b.Property(o => o.Number).HasMaxLength(50);
        b.Property(o => o.Kind).HasMaxLength(30);
        b.Property(o => o.Reference).HasMaxLength(100);
        b.Property(o => o.Description).HasMaxLength(200);
        b.Property(o => o.VoucherCode).HasMaxLength(40);
        b.Property(o => o.Gateway).HasMaxLength(20);
        b.Property(o => o.GatewayToken).HasMaxLength(200);
        b.Property(o => o.PaymentUrl).HasMaxLength(500);
        b.Property(o => o.GatewayOrderId).HasMaxLength(60);
        b.Property(o => o.PaymentType).HasMaxLength(40);
        b.Property(o => o.Version).IsConcurrencyToken();
        // An order outlives a closed account only as bookkeeping: the reader id stays, the account may go.
    }
}

sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.HasIndex(i => i.Number).IsUnique();
        b.HasIndex(i => new { i.Year, i.Sequence }).IsUnique();
        b.HasIndex(i => i.OrderId).IsUnique();
        b.Property(i => i.Number).HasMaxLength(30);
        b.HasOne<Order>().WithMany().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class PaymentNoticeConfiguration : IEntityTypeConfiguration<PaymentNotice>
{
    public void Configure(EntityTypeBuilder<PaymentNotice> b)
    {
        b.HasIndex(n => new { n.OrderNumber, n.ReceivedAt });
        b.Property(n => n.OrderNumber).HasMaxLength(100);
        b.Property(n => n.TransactionStatus).HasMaxLength(40);
        b.Property(n => n.Outcome).HasMaxLength(200);
        b.Property(n => n.Body).HasMaxLength(20000);
    }
}
