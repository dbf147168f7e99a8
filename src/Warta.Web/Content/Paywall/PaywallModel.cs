using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Warta.Web.Accounts.Readers;

namespace Warta.Web.Content.Paywall;

/// <summary>
/// How much of a monthly allowance one holder has used: meter reads of an anonymous meter id or a reader, gift links of a
/// subscriber. Raised only by a conditional update (<c>Used &lt; limit</c>), so parallel requests cannot go past the limit.
/// </summary>
public sealed class PaywallAllowance
{
    /// <summary><c>a:</c> meter id, <c>r:</c> reader id (meter reads), <c>g:</c> reader id (gift links).</summary>
    public required string Key { get; set; }
    /// <summary>The calendar month in WIB, <c>yyyy-MM</c>.</summary>
    public required string Month { get; set; }
    public int Used { get; set; }
}

/// <summary>A premium story a meter has opened this month: a second read of it is free of the meter.</summary>
public sealed class MeterRead
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string Month { get; set; }
    public Guid ArticleId { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>A subscriber's gift: anyone holding the link reads one premium story in full, until the giver revokes it.</summary>
public sealed class GiftLink
{
    public Guid Id { get; set; }
    public Guid ArticleId { get; set; }
    public Guid GiverId { get; set; }
    /// <summary>Only a hash of the token is stored; the link is shown to the giver once, when it is made.</summary>
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public int Opens { get; set; }
    public DateTimeOffset? LastOpenedAt { get; set; }

    /// <summary>The article page under the gift's address: never cached, the full story while the link holds.</summary>
    public const string Route = Section + "/{gift}";
    public static string UrlOf(string token) => Section + "/" + token;
    const string Section = "/hadiah";
}

sealed class PaywallAllowanceConfiguration : IEntityTypeConfiguration<PaywallAllowance>
{
    public void Configure(EntityTypeBuilder<PaywallAllowance> b)
    {
        b.HasKey(a => new { a.Key, a.Month });
        b.Property(a => a.Key).HasMaxLength(60);
        b.Property(a => a.Month).HasMaxLength(7);
    }
}

sealed class MeterReadConfiguration : IEntityTypeConfiguration<MeterRead>
{
    public void Configure(EntityTypeBuilder<MeterRead> b)
    {
        b.HasIndex(r => new { r.Key, r.Month, r.ArticleId }).IsUnique();
        b.Property(r => r.Key).HasMaxLength(60);
        b.Property(r => r.Month).HasMaxLength(7);
        b.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class GiftLinkConfiguration : IEntityTypeConfiguration<GiftLink>
{
    public void Configure(EntityTypeBuilder<GiftLink> b)
    {
        b.HasIndex(g => g.TokenHash).IsUnique();
        b.HasIndex(g => new { g.GiverId, g.CreatedAt });
        b.Property(g => g.TokenHash).HasMaxLength(100);
        b.HasOne<Article>().WithMany().HasForeignKey(g => g.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReaderUser>().WithMany().HasForeignKey(g => g.GiverId).OnDelete(DeleteBehavior.Cascade);
    }
}
